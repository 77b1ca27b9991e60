from rest_framework import serializers

from documents.serializers import FactSourceSerializer

from .models import Figure, Indicator, Target


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["key", "name", "name_en", "unit", "known"]


QUANTITY_FIELDS = [
    "id",
    "indicator",
    "indicator_phrase",
    "value",
    "value_max",
    "raw_value",
    "unit",
    "comparator",
    "year",
]


class TargetSerializer(FactSourceSerializer):
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta(FactSourceSerializer.Meta):
        model = Target
        fields = [
            *QUANTITY_FIELDS,
            "baseline_value",
            "baseline_year",
            "per_year",
            "aspirational",
            *FactSourceSerializer.Meta.fields,
        ]


class FigureSerializer(FactSourceSerializer):
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta(FactSourceSerializer.Meta):
        model = Figure
        fields = [*QUANTITY_FIELDS, "year_start", *FactSourceSerializer.Meta.fields]
