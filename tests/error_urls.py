"""The site's URLconf plus views that fail on purpose, for the error-page
and logging tests (``override_settings(ROOT_URLCONF="tests.error_urls")``)."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from policybase.urls import (  # noqa: F401 (the handlers are read from here)
    handler400,
    handler403,
    handler404,
    handler500,
)
from policybase.urls import urlpatterns as site_patterns


def boom(request):
    raise RuntimeError("boom: a view that fails on purpose")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", boom),
    path("api/v1/boom/", boom),
    path("forbidden/", forbidden),
    *site_patterns,
]
