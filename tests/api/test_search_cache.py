"""The search API is cached for anonymous reads like every other read of the
API (issue 17: it never was, though the README said so)."""

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from documents.models import Provision

URL = "/api/v1/search/?q=%E7%A7%91%E6%8A%80%E5%88%9B%E6%96%B0&page_size=5"


def test_a_repeated_search_is_served_from_the_cache(
    client, corpus, throttles_off, django_assert_num_queries
):
    first = client.get(URL)
    assert first.status_code == 200 and first.json()["count"] > 0
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the data version
        second = client.get(URL)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_write_makes_the_next_search_fresh(client, corpus, django_capture_on_commit_callbacks):
    before = client.get(URL)
    # Any write to the knowledge base, even one that changes no value; the
    # data version moves when it commits.
    provision = Provision.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        Provision.objects.filter(pk=provision.pk).update(heading=provision.heading)
    after = client.get(URL)
    assert after["X-Cache"] == "miss"
    assert after["ETag"] != before["ETag"]


def test_signed_in_searches_are_not_cached(corpus):
    client = APIClient()
    client.force_authenticate(User.objects.create_user("reader"))
    client.get(URL)
    assert "X-Cache" not in client.get(URL)
