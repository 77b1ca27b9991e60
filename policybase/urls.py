from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("policybase.api.urls")),
    path("", include("documents.urls")),
    path("", include("targets.urls")),
    path("", include("measures.urls")),
]

# Error pages of our own (templates/4xx.html, 500.html) and JSON under /api/.
handler400 = "policybase.errors.bad_request"
handler403 = "policybase.errors.permission_denied"
handler404 = "policybase.errors.page_not_found"
handler500 = "policybase.errors.server_error"
