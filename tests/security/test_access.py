"""Nobody anonymous writes anything; forms need their CSRF token; logins
lock out after repeated failures."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from documents.models import Curation, Document, Provision
from targets.models import Target

pytestmark = pytest.mark.usefixtures("corpus")

API_RESOURCES = ["documents", "provisions", "themes", "measures", "subsidies",
                 "indicators", "targets", "figures"]
UNSAFE = ["post", "put", "patch", "delete"]


def state():
    return (
        Document.objects.count(),
        Provision.objects.count(),
        Curation.objects.count(),
        sorted(Target.objects.values_list("pk", "value", "review_status")),
    )


def api_urls(client):
    urls = []
    for resource in API_RESOURCES:
        listing = client.get(f"/api/v1/{resource}/", HTTP_ACCEPT="application/json")
        assert listing.status_code == 200, resource
        urls.append(f"/api/v1/{resource}/")
        results = listing.json().get("results") or []
        if results:
            first = results[0]
            key = first.get("id") or first.get("key") or first.get("slug")
            urls.append(f"/api/v1/{resource}/{key}/")
    return urls


def test_anonymous_api_writes_are_refused(client):
    before = state()
    for url in api_urls(client):
        for method in UNSAFE:
            response = getattr(client, method)(
                url, data={"value": "1", "title": "x"}, content_type="application/json"
            )
            # 405 (not allowed for anyone) is a refusal too; never a success.
            assert response.status_code in (401, 403, 405), (method, url, response.status_code)
    assert state() == before


def test_anonymous_admin_writes_redirect_to_login(client):
    before = state()
    target = Target.objects.first()
    urls = [
        reverse("admin:targets_target_changelist"),
        reverse("admin:targets_target_change", args=[target.pk]),
        reverse("admin:targets_target_import"),
        reverse("admin:documents_curation_changelist"),
        reverse("admin:auth_user_add"),
    ]
    for url in urls:
        for method in UNSAFE:
            response = getattr(client, method)(url, {"action": "confirm_facts",
                                                     "_selected_action": [target.pk]})
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(reverse("admin:login")), url
    assert state() == before


def test_site_pages_refuse_anonymous_writes():
    client = Client(enforce_csrf_checks=True)
    provision = Provision.objects.select_related("document").first()
    before = state()
    for url in ["/", provision.document.get_absolute_url(), provision.get_absolute_url()]:
        for method in UNSAFE:
            response = getattr(client, method)(url, {"title": "x"})
            assert response.status_code in (403, 405), (method, url, response.status_code)
    assert state() == before


def test_admin_forms_enforce_csrf(curator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    target = Target.objects.first()
    url = reverse("admin:targets_target_change", args=[target.pk])
    assert client.get(url).status_code == 200
    before = state()
    response = client.post(url, {"value": "1"})
    assert response.status_code == 403
    response = client.post(reverse("admin:targets_target_changelist"),
                           {"action": "confirm_facts", "_selected_action": [target.pk]})
    assert response.status_code == 403
    assert state() == before


def test_login_form_enforces_csrf(db):
    User.objects.create_user("someone", password="a-long-password-123", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"),
                           {"username": "someone", "password": "a-long-password-123"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_api_session_writes_enforce_csrf(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    target = Target.objects.first()
    before = state()
    response = client.patch(f"/api/v1/targets/{target.pk}/", data={"value": "1"},
                            content_type="application/json")
    assert response.status_code in (403, 405)
    assert state() == before


def login(client, password):
    return client.post(reverse("admin:login"),
                       {"username": "staff", "password": password, "next": "/admin/"})


def test_repeated_failed_logins_lock_the_account(db, settings):
    User.objects.create_user("staff", password="right-password-123", is_staff=True)
    client = Client()
    assert login(client, "right-password-123").status_code == 302  # works at first
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200  # the form again, with an error
    assert login(client, "wrong").status_code in (403, 429)  # the limit: locked
    locked = login(client, "right-password-123")
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
