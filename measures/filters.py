import django_filters as filters

from documents.filters import DocumentFactFilter, DocumentRefFilter

from .models import InstrumentType, Measure, Subsidy


class MeasureFilter(filters.FilterSet):
    document = DocumentRefFilter()
    instrument_type = filters.ModelChoiceFilter(
        field_name="instrument_types",
        queryset=InstrumentType.objects.all(),
        to_field_name="key",
    )

    class Meta:
        model = Measure
        fields = ["document", "provision", "instrument_type"]


class SubsidyFilter(DocumentFactFilter):
    amount_min = filters.RangeFilter()
    amount_max = filters.RangeFilter()
    ratio_percent = filters.RangeFilter()
    beneficiary = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Subsidy
        fields = ["document", "provision", "kind", "per", "review_status"]
