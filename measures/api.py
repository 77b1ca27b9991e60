from rest_framework import viewsets

from .filters import MeasureFilter, SubsidyFilter
from .models import Measure, Subsidy
from .serializers import MeasureSerializer, SubsidySerializer


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Measure.objects.select_related("document").prefetch_related(
        "instrument_types", "target_groups"
    )
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    ordering_fields = ["document", "start"]


class SubsidyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Subsidy.objects.visible().select_related("document")
    serializer_class = SubsidySerializer
    filterset_class = SubsidyFilter
    ordering_fields = ["amount_min", "amount_max", "ratio_percent", "document", "start"]
