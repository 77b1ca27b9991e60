"""Error bodies in Chinese and English, one shape for every error.

``{"detail": "<中文> / <English>", "errors": {"<parameter>": ["…"]}}``: the
headline is bilingual whatever the request's language; ``errors`` (400 only)
is keyed by the offending query parameter or field, with Django's messages in
the language the client asked for (``Accept-Language``, Chinese by default).
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler

HEADLINES = {
    status.HTTP_400_BAD_REQUEST: "请求参数无效 / Invalid request parameters",
    status.HTTP_401_UNAUTHORIZED: "需要身份认证 / Authentication required",
    status.HTTP_403_FORBIDDEN: "无权执行此操作 / Permission denied",
    status.HTTP_404_NOT_FOUND: "未找到 / Not found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "不支持该请求方法 / Method not allowed",
    status.HTTP_406_NOT_ACCEPTABLE: "无法提供所请求的格式 / Requested format not available",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "不支持的请求体格式 / Unsupported media type",
    status.HTTP_429_TOO_MANY_REQUESTS: "请求过于频繁，请稍后再试 / Too many requests, retry later",
    status.HTTP_500_INTERNAL_SERVER_ERROR: "服务器内部错误 / Internal server error",
    status.HTTP_503_SERVICE_UNAVAILABLE: "服务暂时不可用 / Service unavailable",
}


def bilingual_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    headline = HEADLINES.get(
        response.status_code, f"错误 / Error {response.status_code}"
    )
    if isinstance(exc, ValidationError):
        errors = response.data
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors}
        response.data = {"detail": headline, "errors": errors}
    else:
        detail = (
            response.data.get("detail") if isinstance(response.data, dict) else None
        )
        # DRF's own detail ("Not found.", "Request was throttled. Expected
        # available in 3 seconds.") adds facts the headline lacks; keep it.
        if detail and str(detail) not in headline:
            headline = f"{headline} ({detail})"
        response.data = {"detail": headline}
    return response


# Exempt: a POST to a path that does not exist is a 404, not a CSRF failure.
@csrf_exempt
def not_found(request, unmatched=""):
    """JSON 404 for any /api/v1/ path no route matches (a key with a dot or
    slash in it, a typo): API clients should never get Django's HTML page."""
    return JsonResponse({"detail": HEADLINES[status.HTTP_404_NOT_FOUND]}, status=404)
