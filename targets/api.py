from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from documents.apikit.viewsets import ExportableReadOnlyViewSet
from documents.curation.api import CurationMixin
from documents.models import FACT_BOOKKEEPING_FIELDS

from .filters import FigureFilter, IndicatorFilter, TargetFilter
from .models import APPROX_TOLERANCE, Figure, Indicator, Target
from .serializers import (
    FigureSerializer,
    IndicatorSerializer,
    IndicatorSeriesSerializer,
    TargetSerializer,
)


@extend_schema(tags=["indicators"])
class IndicatorViewSet(ExportableReadOnlyViewSet):
    """Indicators (指标): quantities that targets and figures are about."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "key"
    ordering_fields = ["key", "name"]

    @extend_schema(
        summary="Targets and figures of one indicator over time",
        description="Every target and reported figure of the indicator across "
        "documents, in time order; each target judged met / not_met by the first "
        "figure for its year or later (same unit), else pending. Comparators >=, >, "
        "<=, < are applied as written; ~ and = targets are met by a figure no more "
        "than `tolerance_percent` below the value, or above it.",
        responses=IndicatorSeriesSerializer,
        filters=False,
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def series(self, request, key=None):
        indicator = self.get_object()
        data = {
            "indicator": indicator,
            "tolerance_percent": APPROX_TOLERANCE * 100,
            "points": indicator.series(),
        }
        return Response(IndicatorSeriesSerializer(data).data)


@extend_schema(tags=["targets"])
class TargetViewSet(CurationMixin, ExportableReadOnlyViewSet):
    """Targets (目标): numeric goals set by the documents."""

    queryset = (
        Target.objects.visible()
        .defer(*FACT_BOOKKEEPING_FIELDS)
        .with_document_name()
        .select_related("indicator")
    )
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    ordering_fields = ["year", "value", "document", "start", "id"]


@extend_schema(tags=["figures"])
class FigureViewSet(CurationMixin, ExportableReadOnlyViewSet):
    """Figures (统计数据): values the documents report."""

    queryset = (
        Figure.objects.visible()
        .defer(*FACT_BOOKKEEPING_FIELDS)
        .with_document_name()
        .select_related("indicator")
    )
    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    ordering_fields = ["year", "value", "document", "start", "id"]
