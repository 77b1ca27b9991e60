"""The site's search page is cached for anonymous readers per URL and data
version, like the API's reads: a repeated search costs the data version's
query, and any write makes the next one fresh."""

from django.contrib.auth.models import User
from django.test import Client

from documents.models import Provision

URL = "/search/?q=%E7%A7%91%E6%8A%80%E5%88%9B%E6%96%B0"


def test_a_repeated_search_page_is_served_from_the_cache(
    client, corpus, throttles_off, django_assert_num_queries
):
    first = client.get(URL)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the data version
        second = client.get(URL)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert client.get(URL + "&page=2")["X-Cache"] == "miss"


def test_a_write_makes_the_next_search_page_fresh(
    client, corpus, django_capture_on_commit_callbacks
):
    client.get(URL)
    provision = Provision.objects.order_by("pk").first()
    # The data version moves when the write commits.
    with django_capture_on_commit_callbacks(execute=True):
        Provision.objects.filter(pk=provision.pk).update(heading=provision.heading)
    assert client.get(URL)["X-Cache"] == "miss"


def test_signed_in_readers_are_not_served_from_the_cache(corpus):
    client = Client()
    client.force_login(User.objects.create_user("reader"))
    client.get(URL)
    assert "X-Cache" not in client.get(URL)
