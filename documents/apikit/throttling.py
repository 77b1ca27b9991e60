"""Who a client is, and how often it may ask: the API's throttles and the
one for the site's expensive pages.

Counters live in the ``default`` cache, which settings make shared by every
worker process (the database cache, or Redis when ``API_CACHE_URL`` is set):
a per-process cache would give each gunicorn worker its own allowance.

A client is its address (``client_address``): ``REMOTE_ADDR``, or, when the
request comes from one of ``settings.TRUSTED_PROXIES``, the address that
proxy put in ``X-Forwarded-For`` — read from the right, skipping the
trusted proxies, so that whatever a client wrote into the header itself
(the left end) is never believed.  django-axes keys its login lockout on the
same function.
"""

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

SITE_SCOPE = "site"
THROTTLED_MESSAGE = (
    "请求过于频繁，请稍后再试。 / Too many requests; please try again later."
)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    if address is None:
        return False
    for network in settings.TRUSTED_PROXIES:
        try:
            if address in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


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


class AnonThrottle(AnonRateThrottle):
    """Anonymous clients, by address (``API_ANON_RATE``)."""

    def get_ident(self, request):
        return client_address(request)


class UserThrottle(UserRateThrottle):
    """Signed-in users and token holders, by user (``API_USER_RATE``);
    anonymous clients are AnonThrottle's."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class SiteThrottle(UserRateThrottle):
    """The site's expensive pages (``SITE_RATE``): by user when signed in,
    else by address."""

    scope = SITE_SCOPE

    def get_ident(self, request):
        return client_address(request)


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
