import django_filters as filters

from documents.filters import DocumentFactFilter

from .models import Figure, Indicator, Target


class IndicatorFilter(filters.FilterSet):
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Indicator
        fields = ["unit", "known"]


class QuantityFactFilter(DocumentFactFilter):
    indicator = filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="key"
    )
    value = filters.RangeFilter()
    year = filters.RangeFilter()


class TargetFilter(QuantityFactFilter):
    class Meta:
        model = Target
        fields = [
            "document",
            "indicator",
            "comparator",
            "unit",
            "per_year",
            "review_status",
        ]


class FigureFilter(QuantityFactFilter):
    class Meta:
        model = Figure
        fields = ["document", "indicator", "comparator", "unit", "review_status"]
