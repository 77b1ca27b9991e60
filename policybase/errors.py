"""What a client sees when a request fails: the site's own error pages, JSON
under ``/api/``, and a 400 for a NUL character anywhere in the request's URL.

The URLconf names the handlers (``handler400`` … in ``policybase/urls.py``);
Django calls them with DEBUG off.  Pages are the templates ``400.html``,
``403.html``, ``404.html`` and ``500.html`` (in the site's style, Chinese with
English, with the site's navigation); API clients get the API's one error
shape (``{"detail": "中文 / English"}``, ``documents.apikit.errors``).
"""

from django.core.exceptions import BadRequest
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from documents.apikit.errors import HEADLINES

API_PREFIX = "/api/"

# What the 500 page says when even the template cannot be rendered (a
# missing static manifest, a broken template): never an empty reply.
PLAIN_500 = (
    '<!doctype html><html lang="zh-Hans"><meta charset="utf-8">'
    "<title>服务器出错 / Server error</title>"
    "<h1>服务器出错 / Server error</h1>"
    "<p>服务器处理请求时出错，问题已记录，请稍后再试。"
    " / Something went wrong on our side; it has been logged. Please try again later.</p>"
    '<p><a href="/">返回首页 / Home</a></p></html>'
)
NUL_MESSAGE = "网址中含有空字符（NUL） / The address contains a NUL character"


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def api_error(status, extra=""):
    detail = HEADLINES.get(status, f"错误 / Error {status}")
    return JsonResponse({"detail": f"{detail} ({extra})" if extra else detail}, status=status)


def bad_request(request, exception):
    if is_api(request):
        return api_error(400, NUL_MESSAGE if str(exception) == NUL_MESSAGE else "")
    return defaults.bad_request(request, exception)


@requires_csrf_token
def permission_denied(request, exception):
    if is_api(request):
        return api_error(403)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception):
    if is_api(request):
        return api_error(404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    """The 500 page, rendered without the request (its context processors
    may be what failed) and without the database."""
    if is_api(request):
        return api_error(500)
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # the error page itself must not fail
        return HttpResponseServerError(PLAIN_500)


class RefuseNulMiddleware:
    """A NUL (``%00``) in the path or in a query parameter is refused with a
    400 before any view sees it.  PostgreSQL cannot hold a NUL in a text
    value: passed on to a lookup (``/indicators/%00/``,
    ``/compare/?theme=%00``) it raised instead of finding nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            raise BadRequest(NUL_MESSAGE)
        return self.get_response(request)
