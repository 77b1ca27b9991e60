"""The login lockout behind the documented proxy (gunicorn on 127.0.0.1, the
proxy in front): a stranger's failed logins lock out the stranger, never the
curator whose user name they guessed."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

CURATOR = "198.51.100.7"
STRANGER = "203.0.113.9"


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff", password="right-password-123", is_staff=True)


def login(password, remote="127.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(
        reverse("admin:login"),
        {"username": "staff", "password": password, "next": "/admin/"},
        **meta,
    )


def lock_out(settings, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login("wrong", **where)
    assert login("right-password-123", **where).status_code in (403, 429)


def test_a_stranger_behind_the_proxy_cannot_lock_the_curator_out(staff, settings):
    lock_out(settings, forwarded=STRANGER)
    assert login("right-password-123", forwarded=CURATOR).status_code == 302


def test_a_forged_forwarded_header_through_the_proxy_is_not_believed(staff, settings):
    # The stranger writes the curator's address into the header; the proxy
    # appends the stranger's real one, which is the one counted.
    lock_out(settings, forwarded=f"{CURATOR}, {STRANGER}")
    assert login("right-password-123", forwarded=CURATOR).status_code == 302


def test_a_forged_header_straight_to_the_server_is_not_believed(staff, settings):
    lock_out(settings, remote=STRANGER, forwarded=CURATOR)
    assert login("right-password-123", remote=CURATOR).status_code == 302
    assert login("right-password-123", forwarded=CURATOR).status_code == 302
