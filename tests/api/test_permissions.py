"""Anonymous clients read; curation needs a token or session with the
curator permissions; every other write is refused; anonymous reads throttle."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from documents.models import Curation, ReviewStatus
from targets.models import Target

WRITES = [
    ("post", "/api/v1/documents/"),
    ("put", "/api/v1/documents/innovative-jilin-action-plan-2011/"),
    ("patch", "/api/v1/targets/{target}/"),
    ("delete", "/api/v1/targets/{target}/"),
    ("post", "/api/v1/targets/{target}/curate/"),
    ("post", "/api/v1/figures/{figure}/curate/"),
]


@pytest.fixture
def target(corpus):
    return Target.objects.visible().get(indicator__key="rd_gdp_ratio", year=2015)


def curator():
    call_command("setup_groups", stdout=io.StringIO())
    user = User.objects.create_user("curator", password="x")
    user.groups.add(Group.objects.get(name="curator"))
    return user


def url_for(template, target):
    figure = target.indicator.figures.first()
    return template.format(target=target.pk, figure=figure.pk)


@pytest.mark.parametrize("method, url", WRITES)
def test_anonymous_writes_get_401(target, method, url):
    response = getattr(APIClient(), method)(url_for(url, target), {"action": "confirm"})
    assert response.status_code == 401
    assert "Authentication required" in response.json()["detail"]


@pytest.mark.parametrize("method, url", WRITES)
def test_writes_without_curator_permission_get_403(target, method, url):
    client = APIClient()
    client.force_authenticate(User.objects.create_user("reader"))
    response = getattr(client, method)(url_for(url, target), {"action": "confirm"})
    assert response.status_code == 403


def test_curator_with_token_confirms_a_target(target):
    token = Token.objects.create(user=curator())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        f"/api/v1/targets/{target.pk}/curate/",
        {"action": "confirm", "reason": "核对原文"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["review_status"] == ReviewStatus.CONFIRMED
    curation = Curation.objects.get(fingerprint=target.fingerprint)
    assert (curation.source, curation.author.username) == ("api", "curator")


def test_curator_with_session_corrects_a_value(target):
    client = APIClient(enforce_csrf_checks=False)
    client.force_login(curator())
    response = client.post(
        f"/api/v1/targets/{target.pk}/curate/",
        {"action": "correct", "changes": {"value": "2.5"}},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["value"], body["raw_value"], body["review_status"]) == (
        2.5,
        2.0,
        "corrected",
    )


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"action": "sell"}, "action"),
        ({"action": "correct"}, "changes"),
        ({"action": "correct", "changes": {"document": 1}}, "changes"),
        ({"action": "correct", "changes": {"value": "lots"}}, "changes"),
        ({"action": "correct", "changes": {"value": "1e30"}}, "changes"),
    ],
)
def test_bad_curation_is_a_400_naming_the_field(target, payload, field):
    client = APIClient()
    client.force_authenticate(curator())
    response = client.post(
        f"/api/v1/targets/{target.pk}/curate/", payload, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Curation.objects.filter(fingerprint=target.fingerprint).exists()


def test_a_token_does_not_grant_more_than_its_user(target):
    token = Token.objects.create(user=User.objects.create_user("reader"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert (
        client.post(
            f"/api/v1/targets/{target.pk}/curate/", {"action": "confirm"}
        ).status_code
        == 403
    )
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/targets/").status_code == 401


def test_anonymous_reads_are_throttled(client, corpus, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    statuses = [client.get("/api/v1/documents/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/documents/")
    assert "Retry-After" in response
    assert "Too many requests" in response.json()["detail"]


def test_change_permission_of_one_fact_kind_does_not_cover_another(target):
    user = User.objects.create_user("target-only")
    user.user_permissions.add(Permission.objects.get(codename="change_target"))
    client = APIClient()
    client.force_authenticate(user)
    figure = target.indicator.figures.first()
    assert (
        client.post(
            f"/api/v1/targets/{target.pk}/curate/", {"action": "confirm"}
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/v1/figures/{figure.pk}/curate/", {"action": "confirm"}
        ).status_code
        == 403
    )
