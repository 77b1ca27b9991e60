"""Throttles that hold across worker processes, for anonymous and signed-in
clients and for the site's expensive pages, keyed on the client's real
address behind the configured proxy and never on one it made up."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from documents.apikit.throttling import client_address


@pytest.fixture
def rates(monkeypatch):
    """Small limits for one test (the shared cache is a table of the test
    database: each test's counters roll back with it).  The throttles'
    clock stands still a second into a window: a fixed window that ended
    between two of a test's requests would give it a fresh allowance."""
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: 1_800_000_001.0)

    def set_rates(**rates):
        for scope, rate in rates.items():
            monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, rate)

    return set_rates


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # Straight from the client: its header is its own invention.
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),
        ("203.0.113.9", None, "203.0.113.9"),
        # Through the proxy on loopback: the address the proxy appended.
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),
        # A client that wrote the header itself: the proxy appends the real
        # address at the right, and only that is believed.
        ("127.0.0.1", "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        ("::1", "2001:db8::5", "2001:db8::5"),
        # Nothing usable in the header: the proxy is all we know.
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_client_address_believes_only_the_trusted_proxy(remote, forwarded, expected):
    assert address(remote, forwarded) == expected


def test_a_chain_of_trusted_proxies_is_walked(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert address("127.0.0.1", "198.51.100.7, 10.1.2.3") == "198.51.100.7"
    settings.TRUSTED_PROXIES = []
    assert address("127.0.0.1", "198.51.100.7") == "127.0.0.1"


def test_signed_in_api_users_are_throttled(corpus, rates):
    rates(user="3/minute")
    client = APIClient()
    client.force_authenticate(User.objects.create_user("heavy-reader"))
    statuses = [client.get("/api/v1/documents/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_anonymous_clients_behind_the_proxy_count_separately(corpus, rates):
    rates(anon="2/minute")
    one, other = Client(), Client()
    get = "/api/v1/themes/"
    assert [
        one.get(get, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        for _ in range(3)
    ] == [200, 200, 429]
    # Another client behind the same proxy has its own allowance …
    assert other.get(get, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200
    # … and a new X-Forwarded-For from outside does not buy a fresh one.
    spoofed = one.get(get, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert spoofed.status_code == 200
    assert (
        one.get(get, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="5.6.7.8").status_code
        == 200
    )
    assert (
        one.get(get, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="9.9.9.9").status_code
        == 429
    )


@pytest.mark.parametrize(
    "url",
    ["/search/?q=科技创新", "/targets/?format=csv", "/subsidies/?format=csv"],
)
def test_expensive_site_pages_are_throttled(corpus, rates, url):
    rates(site="2/minute")
    client = Client()
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    text = refused.content.decode()
    assert "请求过于频繁" in text and "Too many requests" in text


def test_signed_in_users_are_throttled_on_expensive_pages(corpus, rates):
    rates(site="1/minute")
    client = Client()
    client.force_login(User.objects.create_user("exporter"))
    assert client.get("/figures/?format=csv").status_code == 200
    assert client.get("/figures/?format=csv").status_code == 429


def test_cheap_site_pages_are_not_throttled(corpus, rates):
    rates(site="1/minute")
    client = Client()
    assert [client.get("/targets/").status_code for _ in range(3)] == [200] * 3
    assert [client.get("/themes/").status_code for _ in range(3)] == [200] * 3


def test_a_count_that_cannot_be_taken_lets_the_request_through(
    corpus, rates, monkeypatch
):
    # On SQLite a long ingest holds the one write lock: the count waits a
    # moment, fails, and the reader is served rather than kept waiting.
    from django.db import OperationalError

    from documents.apikit import throttling

    def locked(cursor, vendor):
        raise OperationalError("database is locked")

    rates(anon="1/minute")
    monkeypatch.setattr(throttling, "_short_wait", locked)
    assert [Client().get("/api/v1/themes/").status_code for _ in range(3)] == [200] * 3


def test_a_count_on_sqlite_gives_the_connection_its_wait_back(corpus, rates):
    """The count waits briefly for SQLite's write lock, then the connection
    waits as long as it was opened to again (read once per connection)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's busy timeout")

    def wait():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            return cursor.fetchone()[0]

    opened_with = wait()
    rates(anon="3/minute")
    client = Client()
    assert [client.get("/api/v1/themes/").status_code for _ in range(4)] == [200] * 3 + [429]
    assert wait() == opened_with
