"""A response cache and ETags for anonymous reads of the API.

A GET or HEAD from an anonymous client, for JSON or CSV, is answered from
the ``api`` cache when the same URL (scheme, host, path and query) in the
same media type was answered before *at the same data version*
(``data_version.py``: database triggers change it on every write to the
knowledge base, from any process).  The version is read once per request; a
write makes every older entry unreachable, so nothing stale is served,
however long the entries live.  The ETag is made from the same
version and key: ``If-None-Match`` with it gets a 304.

``cached_for_anonymous`` does the same for a plain Django view (the site's
search page), without ETags.

Not cached: authenticated users (curators see what they just changed, and
the browsable API's page is per user), the browsable API, anything but a
200, and bodies over ``MAX_BYTES``.  Throttling, authentication and content
negotiation run before the cache, as for any request.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.translation import get_language

from . import data_version

CACHED_FORMATS = {"json", "csv"}
# With the per-process default cache (400 entries, settings.CACHES) this keeps
# a worker's cache under about 100 MB; a 200-row page is about 200 kB.
MAX_BYTES = 256 * 1024


class ResponseCacheMixin:
    response_cache_alias = "api"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.response_cache_key = None
        if not self.response_cacheable(request):
            return
        version = data_version.current()
        if version is None:
            return
        # The language too: LocaleMiddleware varies the response on it; and
        # the day: a document's validity status is as of today.
        representation = (
            f"{request.build_absolute_uri()} {request.accepted_media_type} "
            f"{get_language()} {timezone.localdate().isoformat()}"
        ).encode()
        digest = hashlib.sha256(representation).hexdigest()
        self.response_cache_key = f"response:{version}:{digest}"
        self.response_etag = f'"{version}-{digest[:20]}"'
        hit = caches[self.response_cache_alias].get(self.response_cache_key)
        if hit is not None:
            if self.client_has_it(request):
                cached = HttpResponseNotModified()
            else:
                content, content_type = hit
                cached = HttpResponse(content, content_type=content_type)
            cached["ETag"] = self.response_etag
            cached["X-Cache"] = "hit"
            # DRF calls the handler named by the method right after
            # initial(): answer with the cached response instead.
            setattr(self, request.method.lower(), lambda *args, **kwargs: cached)

    def client_has_it(self, request):
        # Only ever asked about a response that is a 200 (cached, or just
        # built): an ETag is not a promise that the URL exists.
        if_none_match = request.headers.get("If-None-Match", "")
        return if_none_match.strip() == "*" or self.response_etag in parse_etags(
            if_none_match
        )

    def response_cacheable(self, request):
        return (
            settings.API_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and request.accepted_renderer.format in CACHED_FORMATS
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(self, "response_cache_key", None)
        if key is None or response.status_code != 200 or "X-Cache" in response:
            return response
        response["ETag"] = self.response_etag
        response["X-Cache"] = "miss"
        cache = caches[self.response_cache_alias]

        def store(rendered):
            if len(rendered.content) <= MAX_BYTES:
                cache.set(key, (rendered.content, rendered["Content-Type"]))

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)
        else:
            store(response)
        if self.client_has_it(request):
            # Built (and cached) but not sent: the client already has it.
            response.render()
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = self.response_etag
            not_modified["X-Cache"] = "miss"
            return not_modified
        return response


def cached_for_anonymous(view):
    """The same cache for a plain Django view (the site's search page): a
    GET or HEAD from an anonymous client is answered from the ``api`` cache
    when the same URL in the same language was answered at the same data
    version.  Only a 200 without cookies is kept: a page that sets one
    (a CSRF token, a session) belongs to its client."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (
            settings.API_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        version = data_version.current()
        if version is None:
            return view(request, *args, **kwargs)
        representation = (
            f"{request.build_absolute_uri()} {get_language()} "
            f"{timezone.localdate().isoformat()}"
        ).encode()
        key = f"page:{version}:{hashlib.sha256(representation).hexdigest()}"
        cache = caches[ResponseCacheMixin.response_cache_alias]
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and len(response.content) <= MAX_BYTES
        ):
            cache.set(key, (response.content, response["Content-Type"]))
            response["X-Cache"] = "miss"
        return response

    return wrapper
