"""Edges of the API's write and of ordering: a request the API does not take
is a 400 naming what is wrong (never a 500, never silently ignored), and a
rejection can be reversed."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from rest_framework.test import APIClient

from documents.models import Curation, ReviewStatus
from targets.models import Target

from .test_csv_injection import rows_of


@pytest.fixture
def target(corpus):
    return Target.objects.visible().get(indicator__key="rd_gdp_ratio", year=2015)


@pytest.fixture
def api(corpus):
    call_command("setup_groups", stdout=io.StringIO())
    user = User.objects.create_user("curator-e")
    user.groups.add(Group.objects.get(name="curator"))
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "add"},
        {"action": "add", "changes": {"value": "3"}},
        {"action": "add", "reason": "漏抽"},
        {},
        {"changes": {"value": "3"}},
        {"action": None},
        {"action": ["confirm"]},
    ],
)
def test_a_curation_the_api_does_not_take_is_a_400_naming_the_field(
    api, target, payload
):
    response = api.post(f"/api/v1/targets/{target.pk}/curate/", payload, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body["errors"]) == ["action"]
    assert " / " in body["detail"]
    assert not Curation.objects.filter(fingerprint=target.fingerprint).exists()
    if payload.get("action") == "add":
        assert "admin" in body["errors"]["action"][0]


def test_a_rejected_fact_is_reversed_through_the_api(api, target):
    url = f"/api/v1/targets/{target.pk}/curate/"
    rejected = api.post(url, {"action": "reject", "reason": "误抽"}, format="json")
    assert rejected.json()["review_status"] == ReviewStatus.REJECTED
    assert not Target.objects.visible().filter(pk=target.pk).exists()
    assert APIClient().get(f"/api/v1/targets/{target.pk}/").status_code == 404

    restored = api.post(url, {"action": "confirm", "reason": "核对后无误"}, format="json")
    assert restored.status_code == 200, restored.content
    assert restored.json()["review_status"] == ReviewStatus.CONFIRMED
    assert Target.objects.visible().filter(pk=target.pk).exists()
    actions = list(
        Curation.objects.filter(fingerprint=target.fingerprint)
        .order_by("created", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["reject", "confirm"]

    # A rejected fact can also be corrected back into view.
    api.post(url, {"action": "reject"}, format="json")
    corrected = api.post(
        url, {"action": "correct", "changes": {"value": "1.5"}}, format="json"
    )
    assert corrected.status_code == 200
    assert corrected.json()["review_status"] == ReviewStatus.CORRECTED


def test_the_reversal_survives_a_replay_of_the_curations(api, target):
    from documents.curation import apply_curations

    url = f"/api/v1/targets/{target.pk}/curate/"
    api.post(url, {"action": "reject"}, format="json")
    api.post(url, {"action": "confirm"}, format="json")
    apply_curations(target.document)
    target.refresh_from_db()
    assert target.review_status == ReviewStatus.CONFIRMED


@pytest.mark.parametrize("pk", ["999999999", "abc"])
def test_curating_no_such_fact_is_a_404(api, pk):
    response = api.post(f"/api/v1/targets/{pk}/curate/", {"action": "confirm"},
                        format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url, wrong, allowed",
    [
        ("/api/v1/documents/?ordering=password", "password", "issued_on"),
        ("/api/v1/targets/?ordering=-year,password", "password", "year"),
        ("/api/v1/targets/?ordering=source_text", "source_text", "value"),
        ("/api/v1/subsidies/?ordering=document__text", "document__text", "amount_max"),
        ("/api/v1/targets/?format=csv&ordering=review_note", "review_note", "document"),
    ],
)
def test_ordering_by_a_field_not_allowed_is_a_400_listing_the_allowed(
    client, corpus, url, wrong, allowed
):
    response = client.get(url)
    assert response.status_code == 400
    if "format=csv" in url:  # the error as a one-row file
        message = rows_of(response.content)[1][1]
    else:
        message = response.json()["errors"]["ordering"][0]
    assert wrong in message and "allowed" in message and "可用字段" in message
    assert allowed in message.split("allowed: ")[1].split(" (")[0].split(", ")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/targets/?ordering=-year,value",
        "/api/v1/targets/?ordering=",
        "/api/v1/documents/?ordering=-issued_on",
        "/api/v1/subsidies/?ordering=amount_max,",
    ],
)
def test_allowed_ordering_still_orders(client, corpus, url):
    assert client.get(url).status_code == 200


def test_ordering_orders(client, corpus):
    years = [
        t["year"] for t in client.get("/api/v1/targets/?ordering=-year").json()["results"]
    ]
    assert years == sorted(years, key=lambda y: -(y or 0))
