from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("policybase.api.urls")),
    path("", include("documents.urls")),
    path("", include("targets.urls")),
    path("", include("measures.urls")),
]
