import django_filters as filters
from django.db.models import Q

from documents.filters import (
    DescribedFilterSet,
    DocumentFactFilter,
    KeysFilter,
)
from documents.models import Document

from .models import Figure, Indicator, Target
from .serializers import INDICATOR_FIELDS, QUANTITY_FIELDS_HELP


class IndicatorFilter(DescribedFilterSet):
    descriptions = INDICATOR_FIELDS

    name = filters.CharFilter(
        lookup_expr="icontains", label="名称 / Chinese name contains this text"
    )
    document = filters.ModelChoiceFilter(
        queryset=Document.objects.all(),
        to_field_name="key",
        method="filter_document",
        label="文件 / Indicators with a target or figure in this document (key)",
    )

    class Meta:
        model = Indicator
        fields = {"key": ["exact", "in"], "unit": ["exact"], "known": ["exact"]}

    def filter_document(self, queryset, name, value: str):
        return queryset.filter(
            Q(targets__document=value) | Q(figures__document=value)
        ).distinct()


class QuantityFactFilter(DocumentFactFilter):
    descriptions = QUANTITY_FIELDS_HELP

    indicator = filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(),
        to_field_name="key",
        label="指标 / Key of the indicator",
    )
    indicator__in = KeysFilter(
        field_name="indicator__key",
        label="指标 / Any of these indicator keys, comma-separated",
    )
    indicator_phrase = filters.CharFilter(
        lookup_expr="icontains",
        label="原文指标表述 / Indicator phrase contains this text",
    )

    QUANTITY_LOOKUPS = {
        "document": ["exact"],
        "provision": ["exact"],
        "comparator": ["exact", "in"],
        "unit": ["exact"],
        "review_status": ["exact", "in"],
        "value": ["exact", "gte", "lte"],
        "year": ["exact", "gte", "lte", "in", "isnull"],
    }


class TargetFilter(QuantityFactFilter):
    class Meta:
        model = Target
        fields = {
            **QuantityFactFilter.QUANTITY_LOOKUPS,
            "per_year": ["exact"],
            "aspirational": ["exact"],
            "baseline_year": ["exact", "gte", "lte"],
        }


class FigureFilter(QuantityFactFilter):
    class Meta:
        model = Figure
        fields = {
            **QuantityFactFilter.QUANTITY_LOOKUPS,
            "year_start": ["exact", "gte", "lte"],
        }
