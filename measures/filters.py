import django_filters as filters

from documents.filters import (
    DescribedFilterSet,
    DocumentFactFilter,
    DocumentRefFilter,
    InForceOnFilter,
    KeysFilter,
    documents_in,
    theme_filter,
    themes_in,
)

from .models import InstrumentType, Measure, Subsidy, TargetGroup
from .serializers import MEASURE_FIELDS, SUBSIDY_FIELDS


def instrument_type_filter(field_name):
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=InstrumentType.objects.all(),
        to_field_name="key",
        distinct=True,
        label="政策工具 / Key of a policy instrument type",
    )


def instrument_types_in(field_name):
    return KeysFilter(
        field_name=f"{field_name}__key",
        distinct=True,
        label="政策工具 / Any of these instrument type keys, comma-separated",
    )


class MeasureFilter(DescribedFilterSet):
    descriptions = MEASURE_FIELDS

    document = DocumentRefFilter()
    document__in = documents_in()
    instrument_type = instrument_type_filter("instrument_types")
    instrument_type__in = instrument_types_in("instrument_types")
    target_group = filters.ModelChoiceFilter(
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="key",
        distinct=True,
        label="政策对象 / Key of a target group (beneficiary group)",
    )
    theme = theme_filter("provision__themes")
    theme__in = themes_in("provision__themes")
    summary = filters.CharFilter(
        lookup_expr="icontains",
        label="措施内容 / The measure's text contains this text",
    )
    responsible_units = filters.CharFilter(
        lookup_expr="icontains", label="责任单位 / Responsible units contain this text"
    )
    in_force_on = InForceOnFilter()

    class Meta:
        model = Measure
        fields = {"document": ["exact"], "provision": ["exact"], "rule": ["exact"]}


class SubsidyFilter(DocumentFactFilter):
    descriptions = SUBSIDY_FIELDS

    beneficiary = filters.CharFilter(
        lookup_expr="icontains", label="支持对象 / Beneficiary contains this text"
    )
    funding_source = filters.CharFilter(
        lookup_expr="icontains", label="资金来源 / Funding source contains this text"
    )
    instrument_type = instrument_type_filter("measure__instrument_types")
    instrument_type__in = instrument_types_in("measure__instrument_types")

    class Meta:
        model = Subsidy
        fields = {
            "document": ["exact"],
            "provision": ["exact"],
            "measure": ["exact"],
            "kind": ["exact", "in"],
            "per": ["exact", "in"],
            "review_status": ["exact", "in"],
            "amount_min": ["exact", "gte", "lte", "isnull"],
            "amount_max": ["exact", "gte", "lte", "isnull"],
            "ratio_percent": ["exact", "gte", "lte", "isnull"],
            "cap": ["gte", "lte"],
        }
