"""The site's measure and subsidy tables (filters shared with the API), and
the 政策匹配 page."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from documents.apikit.spreadsheets import write_csv
from documents.models import DOCUMENT_TEXT_FIELDS
from documents.views import FilteredListView

from .beneficiaries import TARGET_GROUPS
from .extraction.eligibility.events import EVENTS
from .extraction.eligibility.terms import SECTORS
from .extraction.profiles import NUMBER_FIELDS, Unreadable
from .filters import MeasureFilter, SubsidyFilter
from .match_serializers import CSV_HEADER, answer_data, csv_rows
from .matching import PROFILE_PARAMETERS, match, read_request
from .models import Measure, Subsidy

# Rows link to their provision by keys, so the provision's own document
# (and its text columns) never has to be loaded.
LIGHT_SOURCE = (
    *(f"document__{f}" for f in DOCUMENT_TEXT_FIELDS),
    "provision__text",
    "provision__search_text",
    "provision__cells",
)


def yuan(value):
    return "" if value is None else f"{value:f}"


class MeasureListView(FilteredListView):
    filterset_class = MeasureFilter
    queryset = (
        Measure.objects.select_related("document", "provision")
        .defer(*LIGHT_SOURCE)
        .prefetch_related("instrument_types", "target_groups")
    )
    template_name = "measures/measure_list.html"
    title = "政策措施"
    form_fields = ("document", "instrument_type", "target_group", "theme", "in_force_on")
    sort_fields = {"document": "document__issued_on", "position": "start"}
    csv_name = "measures"
    csv_columns = (
        ("文件", lambda m: m.document.display_title),
        ("条款", lambda m: m.provision.key),
        ("措施内容", lambda m: m.summary),
        ("政策工具", lambda m: "；".join(t.name for t in m.instrument_types.all())),
        ("政策对象", lambda m: "；".join(g.name for g in m.target_groups.all())),
        ("责任单位", lambda m: m.responsible_units),
    )


class SubsidyListView(FilteredListView):
    filterset_class = SubsidyFilter
    queryset = (
        Subsidy.objects.visible()
        .select_related("document", "provision")
        .defer(*LIGHT_SOURCE)
    )
    template_name = "measures/subsidy_list.html"
    title = "资助规则"
    form_fields = (
        "document", "kind", "beneficiary", "amount_max__gte", "amount_max__lte",
        "instrument_type", "theme", "in_force_on",
    )
    sort_fields = {
        "document": "document__issued_on",
        "kind": "kind",
        "beneficiary": "beneficiary",
        "amount_max": "amount_max",
        "amount_min": "amount_min",
        "ratio": "ratio_percent",
    }
    csv_name = "subsidies"
    csv_columns = (
        ("文件", lambda s: s.document.display_title),
        ("条款", lambda s: s.provision.key),
        ("类型", lambda s: s.get_kind_display()),
        ("支持对象", lambda s: s.beneficiary),
        ("最低金额（元）", lambda s: yuan(s.amount_min)),
        ("最高金额（元）", lambda s: yuan(s.amount_max)),
        ("比例（%）", lambda s: yuan(s.ratio_percent)),
        ("比例基数", lambda s: s.basis),
        ("上限（元）", lambda s: yuan(s.cap)),
        ("计量方式", lambda s: s.get_per_display()),
        ("资金来源", lambda s: s.funding_source),
        ("原文", lambda s: s.raw_text),
        ("审核状态", lambda s: s.get_review_status_display()),
    )


# Number fields the page's form offers (the API takes every NUMBER_FIELDS).
FORM_NUMBERS = ("rd_expense", "tech_transaction", "output_growth", "tax_paid", "patents")


@require_safe
def match_page(request):
    """政策匹配: the form, and the answer for the profile it was sent with
    (``?format=csv``: the answer as a file; printing gives a one-page summary)."""
    params = request.GET
    context = {
        "groups": TARGET_GROUPS,
        "events": EVENTS,
        "sectors": SECTORS,
        "numbers": [(name, NUMBER_FIELDS[name]) for name in FORM_NUMBERS],
        "as_of": params.get("as_of") or timezone.localdate().isoformat(),
        "chosen": {name: params.getlist(name) for name in ("group", "unit", "event", "sector")},
    }
    asked = any(params.get(name) for name in (*PROFILE_PARAMETERS, *NUMBER_FIELDS))
    if not asked:
        return render(request, "measures/match.html", context)
    try:
        profile = read_request(params, timezone.localdate())
    except Unreadable as exc:
        context["error"] = str(exc)
        return render(request, "measures/match.html", context, status=400)
    data = answer_data(match(profile))
    if params.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="match-{profile.as_of.isoformat()}.csv"'
        )
        write_csv(response, CSV_HEADER, csv_rows(data, request.build_absolute_uri("/")[:-1]))
        return response
    context.update(answer=data, profile=profile)
    return render(request, "measures/match.html", context)
