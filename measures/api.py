from drf_spectacular.utils import extend_schema

from documents.apikit.viewsets import ExportableReadOnlyViewSet
from documents.curation.api import CurationMixin
from documents.models import FACT_BOOKKEEPING_FIELDS

from .filters import MeasureFilter, SubsidyFilter
from .models import Measure, Subsidy
from .serializers import MeasureSerializer, SubsidySerializer


@extend_schema(tags=["measures"])
class MeasureViewSet(ExportableReadOnlyViewSet):
    """Policy measures (政策措施): the actionable commitment of a provision."""

    queryset = Measure.objects.with_document_name().prefetch_related(
        "instrument_types", "target_groups"
    )
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    ordering_fields = ["document", "start", "id"]


@extend_schema(tags=["subsidies"])
class SubsidyViewSet(CurationMixin, ExportableReadOnlyViewSet):
    """Subsidy rules (资助规则): amounts, ratios and caps of financial support."""

    queryset = (
        Subsidy.objects.visible().defer(*FACT_BOOKKEEPING_FIELDS).with_document_name()
    )
    serializer_class = SubsidySerializer
    filterset_class = SubsidyFilter
    ordering_fields = [
        "amount_min",
        "amount_max",
        "ratio_percent",
        "cap",
        "document",
        "start",
        "id",
    ]
