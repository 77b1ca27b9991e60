"""The site's indicator pages and target / figure tables."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from documents.models import DOCUMENT_TEXT_FIELDS
from documents.templatetags.reader import num
from documents.views import FilteredListView

from .filters import FigureFilter, IndicatorFilter, TargetFilter
from .models import Figure, Indicator, Target, TargetStatus

# Rows link to their provision by keys; the text columns are never shown.
LIGHT_SOURCE = (
    *(f"document__{f}" for f in DOCUMENT_TEXT_FIELDS),
    "provision__text",
    "provision__search_text",
    "provision__cells",
)


def with_source(queryset):
    return queryset.visible().select_related("document", "provision").defer(*LIGHT_SOURCE)


@require_safe
def indicator_page(request, key):
    indicator = get_object_or_404(Indicator, key=key)
    figures = list(with_source(indicator.figures.all()).order_by("year", "start"))
    targets = list(with_source(indicator.targets.all()).order_by("year", "start"))
    for target in targets:
        # Judged as the API's series judges it (Target.judge), on rows that
        # already carry what the page links to.
        status, target.judged_by = target.judge(figures)
        target.status = TargetStatus(status).value
        target.status_label = TargetStatus(status).label
    return render(
        request,
        "targets/indicator.html",
        {"indicator": indicator, "targets": targets, "figures": figures},
    )


class IndicatorListView(FilteredListView):
    filterset_class = IndicatorFilter
    queryset = Indicator.objects.annotate(
        target_count=Count("targets", filter=~Q(targets__review_status="rejected"), distinct=True),
        figure_count=Count("figures", filter=~Q(figures__review_status="rejected"), distinct=True),
    )
    template_name = "targets/indicator_list.html"
    title = "指标"
    form_fields = ("name", "unit", "known", "document")
    sort_fields = {
        "name": "name",
        "unit": "unit",
        "targets": "target_count",
        "figures": "figure_count",
    }
    default_sort = "-targets"
    csv_name = "indicators"
    csv_columns = (
        ("标识", lambda i: i.key),
        ("名称", lambda i: i.name),
        ("英文名称", lambda i: i.name_en),
        ("单位", lambda i: i.unit),
        ("标准指标", lambda i: "是" if i.known else "否"),
        ("目标数", lambda i: i.target_count),
        ("统计数据数", lambda i: i.figure_count),
    )


QUANTITY_SORTS = {
    "document": "document__issued_on",
    "indicator": "indicator__name",
    "year": "year",
    "value": "value",
}


def quantity_columns(extra=()):
    return (
        ("文件", lambda f: f.document.display_title),
        ("条款", lambda f: f.provision.key),
        ("指标", lambda f: f.indicator.name),
        ("指标标识", lambda f: f.indicator.key),
        ("原文指标表述", lambda f: f.indicator_phrase),
        *extra,
        ("数值", lambda f: num(f.value)),
        ("数值上限", lambda f: num(f.value_max)),
        ("原文数值", lambda f: num(f.raw_value)),
        ("单位", lambda f: f.unit),
        ("年份", lambda f: f.year or ""),
        ("原文", lambda f: f.raw_text),
        ("审核状态", lambda f: f.get_review_status_display()),
    )


class TargetListView(FilteredListView):
    filterset_class = TargetFilter
    queryset = with_source(Target.objects.select_related("indicator"))
    template_name = "targets/target_list.html"
    title = "目标"
    form_fields = (
        "document", "indicator", "year__gte", "year__lte", "comparator", "theme", "in_force_on",
    )
    sort_fields = QUANTITY_SORTS
    csv_name = "targets"
    csv_columns = quantity_columns(
        (("比较", lambda t: t.get_comparator_display()),
         ("力争", lambda t: "是" if t.aspirational else ""),
         ("每年", lambda t: "是" if t.per_year else ""))
    )


class FigureListView(FilteredListView):
    filterset_class = FigureFilter
    queryset = with_source(Figure.objects.select_related("indicator"))
    template_name = "targets/figure_list.html"
    title = "统计数据"
    form_fields = ("document", "indicator", "year__gte", "year__lte", "theme", "in_force_on")
    sort_fields = QUANTITY_SORTS
    csv_name = "figures"
    csv_columns = quantity_columns((("起始年份", lambda f: f.year_start or ""),))
