"""Who a client is, and how often it may ask: the API's throttles and the
one for the site's expensive pages.

Counts are shared by every worker process (a per-process count gave each
gunicorn worker an allowance of its own): a fixed window per scope and
client, counted up by one atomic statement, ``INSERT … ON CONFLICT DO UPDATE
… RETURNING`` on the table ``policybase_throttlecount`` (made by
policybase's migrations; named here as a string so that the toolkit stays
a leaf), or Redis' INCR when ``settings.THROTTLE_COUNTS_IN_CACHE`` (with
``API_CACHE_URL``).  One query per request, and no two concurrent requests
read the same count, as a read-then-write counter in a cache would.  A
fixed window lets a client spend one allowance at the end of a window and
the next at the start of the following one: at most twice the rate briefly.

On SQLite the count is a write, and a long ingest holds the database's one
write lock: the throttle then waits at most ``SQLITE_WAIT_MS`` and lets the
request through uncounted rather than keep a reader waiting for the ingest.

A client is its address (``client_address``): ``REMOTE_ADDR``, or, when the
request comes from one of ``settings.TRUSTED_PROXIES``, the address that
proxy put in ``X-Forwarded-For`` — read from the right, skipping the
trusted proxies, so that whatever a client wrote into the header itself
(the left end) is never believed.  django-axes keys its login lockout on the
same function.
"""

import functools
import ipaddress
import logging
import random

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpResponse
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

TABLE = "policybase_throttlecount"
SQLITE_WAIT_MS = 100
# About one request in this many also deletes the counts of ended windows.
PURGE_ONE_IN = 1000

SITE_SCOPE = "site"
THROTTLED_MESSAGE = (
    "请求过于频繁，请稍后再试。 / Too many requests; please try again later."
)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@functools.cache
def _networks(proxies):
    """The networks of ``settings.TRUSTED_PROXIES`` (a tuple of it), each
    parsed once; entries that name no network are left out."""
    networks = []
    for network in proxies:
        try:
            networks.append(ipaddress.ip_network(network, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _trusted(address):
    if address is None:
        return False
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request):
    """The client's IP address as text, believing ``X-Forwarded-For`` only
    as far as it was written by trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _address(remote)
    if not _trusted(nearest):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            # Garbage in the header: the last proxy we trust is all we know.
            break
        nearest = address
        if not _trusted(address):
            break
    return str(nearest)


def count_request(key, expires, timeout):
    """Counts one request of ``key`` in the window ending at ``expires``
    (Unix seconds) and returns the window's count so far, or 0 when the
    count could not be taken (the request is then let through)."""
    if settings.THROTTLE_COUNTS_IN_CACHE:
        cache = caches["default"]
        windowed = f"throttle:{key}:{expires}"
        cache.add(windowed, 0, timeout=timeout + 1)
        return cache.incr(windowed)
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(TABLE)
    sql = (
        f"INSERT INTO {table} (key, expires, hits) VALUES (%s, %s, 1) "
        f"ON CONFLICT (key) DO UPDATE SET "
        f"hits = CASE WHEN {table}.expires = excluded.expires "
        f"THEN {table}.hits + 1 ELSE 1 END, expires = excluded.expires "
        f"RETURNING hits"
    )
    try:
        with connection.cursor() as cursor:
            waited = _short_wait(cursor, connection.vendor)
            try:
                cursor.execute(sql, [key[:200], expires])
                hits = cursor.fetchone()[0]
                if random.randrange(PURGE_ONE_IN) == 0:
                    cursor.execute(
                        f"DELETE FROM {table} WHERE expires < %s", [expires - timeout]
                    )
            finally:
                if waited is not None:
                    _busy_timeout(cursor, waited)
    except (DatabaseError, connection.Database.Error) as error:
        logger.warning("throttle count not taken / 未能计数: %s", error)
        return 0
    return hits


def _short_wait(cursor, vendor):
    """On SQLite: wait at most SQLITE_WAIT_MS for the write lock; returns
    the wait to restore afterwards.

    The connection's own wait is read once per connection (it is the
    ``timeout`` it was opened with, and only this function changes it), and
    both PRAGMAs go straight to the driver's connection: through Django's
    cursor, with its wrappers, the three statements cost more than the
    count itself."""
    if vendor != "sqlite":
        return None
    raw = cursor.db.connection
    known = getattr(cursor.db, "_throttle_busy_timeout", None)
    if known is not None and known[0] is raw:
        previous = known[1]
    else:
        previous = raw.execute("PRAGMA busy_timeout").fetchone()[0]
        cursor.db._throttle_busy_timeout = (raw, previous)
    _busy_timeout(cursor, SQLITE_WAIT_MS)
    return previous


def _busy_timeout(cursor, milliseconds):
    cursor.db.connection.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")


class SharedRateThrottle(SimpleRateThrottle):
    """DRF's rate parsing and keys, counted by ``count_request``."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        expires = (int(now) // self.duration + 1) * self.duration
        self.remaining = expires - now
        return count_request(self.key, expires, self.duration) <= self.num_requests

    def wait(self):
        return self.remaining


class AnonThrottle(SharedRateThrottle):
    """Anonymous clients, by address (``API_ANON_RATE``)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class UserThrottle(SharedRateThrottle):
    """Signed-in users and token holders, by user (``API_USER_RATE``);
    anonymous clients are AnonThrottle's."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class SiteThrottle(SharedRateThrottle):
    """The site's expensive pages (``SITE_RATE``): by user when signed in,
    else by address."""

    scope = SITE_SCOPE

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            ident = client_address(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttled_response(wait):
    response = HttpResponse(
        THROTTLED_MESSAGE, status=429, content_type="text/plain; charset=utf-8"
    )
    if wait is not None:
        response["Retry-After"] = str(max(1, int(wait)))
    return response


def is_expensive_page(request):
    """Site pages that cost a search or a whole-table export: ``/search/``
    and any ``?format=csv`` outside the API (which throttles itself)."""
    match = request.resolver_match
    if request.path.startswith("/api/") or match is None:
        return False
    return match.url_name == "search" or request.GET.get("format") == "csv"


class ExpensivePageThrottleMiddleware:
    """Throttles ``is_expensive_page`` requests with SiteThrottle: plain
    Django views have no DRF throttling of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_expensive_page(request):
            return None
        throttle = SiteThrottle()
        if throttle.allow_request(request, None):
            return None
        return throttled_response(throttle.wait())
