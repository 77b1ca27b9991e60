"""The /api/v1/ router: the only place that lists every app's resources."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from documents.api import DocumentViewSet, ProvisionViewSet, ThemeViewSet
from measures.api import MeasureViewSet, SubsidyViewSet
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

urlpatterns = [path("", include(router.urls))]
