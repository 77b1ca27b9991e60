from rest_framework import viewsets

from .filters import FigureFilter, IndicatorFilter, TargetFilter
from .models import Figure, Indicator, Target
from .serializers import FigureSerializer, IndicatorSerializer, TargetSerializer


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "key"


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Target.objects.visible().select_related("document", "indicator")
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    ordering_fields = ["year", "value", "document", "start"]


class FigureViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Figure.objects.visible().select_related("document", "indicator")
    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    ordering_fields = ["year", "value", "document", "start"]
