from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.apikit.caching import ResponseCacheMixin
from documents.apikit.viewsets import ExportableReadOnlyViewSet
from documents.curation.api import CurationMixin
from documents.models import FACT_BOOKKEEPING_FIELDS

from .extraction.profiles import NUMBER_FIELDS, Unreadable
from .filters import MeasureFilter, SubsidyFilter
from .match_serializers import MatchResponseSerializer, answer_data
from .matching import match, read_request
from .models import Measure, Subsidy
from .serializers import MeasureSerializer, SubsidyDetailSerializer, SubsidySerializer


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

    def get_serializer_class(self):
        # The list stays on the fast path; one rule shows its eligibility.
        if self.action == "retrieve":
            return SubsidyDetailSerializer
        return super().get_serializer_class()
    ordering_fields = [
        "amount_min",
        "amount_max",
        "ratio_percent",
        "cap",
        "document",
        "start",
        "id",
    ]


MATCH_PARAMETERS = [
    OpenApiParameter(
        "profile",
        str,
        description="申请人（一句话）/ the applicant in one line of free text, e.g. "
        "长春市的高新技术企业，今年新认定为专精特新; read into the structured form and echoed "
        "back. When given, the structured parameters are ignored.",
    ),
    OpenApiParameter(
        "group", str, many=True,
        description="申请对象 / target-group key or name (repeatable): enterprises, "
        "hightech_enterprises, 科技型中小企业, researchers …",
    ),
    OpenApiParameter(
        "unit", str, many=True,
        description="所在单位 / for a person, the kind of unit they work at (universities …)",
    ),
    OpenApiParameter("region", str, description="地区 / place, e.g. 吉林省长春市 or 上海市/徐汇区"),
    OpenApiParameter(
        "event", str, many=True,
        description="事项 / event key or name (repeatable): hte_recognised, 主板上市, "
        "职务科技成果许可 …",
    ),
    OpenApiParameter(
        "sector", str, many=True, description="行业 / sector key or name: ai, 人工智能大模型 …"
    ),
    OpenApiParameter(
        "detail", str, many=True,
        description="其他情况 / what the form cannot hold, as 名称:值 (repeatable): "
        "专利申请日:2016-05-10, 授权公告日:2017-03, 获得费用减缓:否, 职务发明:是, 授权国家:美国 — "
        "read by the rules that ask (a patent call's days, fee reduction, service inventions)",
    ),
    *(
        OpenApiParameter(name, float, description=f"数量 / {label}")
        for name, label in NUMBER_FIELDS.items()
    ),
    OpenApiParameter(
        "as_of", OpenApiTypes.DATE, description="日期 / the day asked about (default today)"
    ),
]


@extend_schema(tags=["match"])
class MatchAPIView(ResponseCacheMixin, APIView):
    """政策匹配 / Which support rules fit an applicant, on a given day.

    The applicant is ``profile=`` (one line of free text) or the structured
    ``group``, ``unit``, ``region``, ``event``, ``sector`` and numbers.
    ``results``: rules with an amount or a ratio of documents in force on
    ``as_of``, most money first, each with its conditions met, failed or
    unknown; ``support``: support without an amount and in kind;
    ``expired`` and ``not_yet_in_force``: rules of documents not in force
    on ``as_of``; ``validity_unknown``: rules of documents whose period
    could not be read (有效期不明), never as current.  A profile that cannot be read is a 400 naming why.
    """

    def response_cacheable(self, request):
        # Without as_of the answer is today's: a cached one would outlive
        # the day it was asked on.
        return bool(request.query_params.get("as_of")) and super().response_cacheable(request)

    @extend_schema(parameters=MATCH_PARAMETERS, responses=MatchResponseSerializer)
    def get(self, request):
        try:
            profile = read_request(request.query_params, timezone.localdate())
        except Unreadable as exc:
            raise ValidationError({"profile": [str(exc)]}) from None
        return Response(answer_data(match(profile)))
