"""The /api/v1/ router: the only place that lists every app's resources."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from documents.api import (
    CrossReferenceViewSet,
    DocumentViewSet,
    ProvisionViewSet,
    ThemeViewSet,
)
from documents.apikit.errors import not_found
from documents.search.views import SearchAPIView
from measures.api import MatchAPIView, MeasureViewSet, SubsidyViewSet
from targets.api import FigureViewSet, IndicatorViewSet, TargetViewSet

router = DefaultRouter()
router.register("documents", DocumentViewSet)
router.register("provisions", ProvisionViewSet)
router.register("themes", ThemeViewSet)
router.register("measures", MeasureViewSet)
router.register("subsidies", SubsidyViewSet)
router.register("indicators", IndicatorViewSet)
router.register("targets", TargetViewSet)
router.register("figures", FigureViewSet)
router.register("cross-references", CrossReferenceViewSet, basename="crossreference")

urlpatterns = [
    path("search/", SearchAPIView.as_view(), name="api-search"),
    path("match/", MatchAPIView.as_view(), name="api-match"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(
            url_name="api-schema", template_name="api/redoc.html"
        ),
        name="api-redoc",
    ),
    # Namespaced: the site's pages use the same names (theme-list …).
    path("", include((router.urls, "api"))),
    # Keep last: anything under /api/v1/ that nothing above matched.
    re_path(r"^(?P<unmatched>.*)$", not_found),
]
