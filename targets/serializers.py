from rest_framework import serializers

from documents.apikit.serialization import FastListSerializer
from documents.serializers import FACT_FIELDS, FactSourceSerializer, described

from .models import Figure, Indicator, Target, TargetStatus

INDICATOR_FIELDS = {
    "key": "Stable indicator id used in URLs (e.g. rd_gdp_ratio).",
    "name": "Indicator name in Chinese.",
    "name_en": "Indicator name in English.",
    "unit": "Usual unit of the indicator's values.",
    "known": "True when the indicator comes from the curated indicator table; "
    "false when it was made from a phrase in one document.",
}

QUANTITY_FIELDS_HELP = {
    **FACT_FIELDS,
    "indicator": "Key of the indicator the number is about.",
    "indicator_phrase": "How the text names the indicator.",
    "value": "The value, after any curated correction.",
    "value_max": "Upper end when the text gives a range, else null.",
    "raw_value": "The value as the rule read it, before any curated correction.",
    "unit": "Unit of the value (%, 亿元, 家, 项 …).",
    "comparator": "How the value bounds the quantity: >=, >, ~ (about), =, <=, <.",
    "year": "Year the value is for (target year, or year of the figure).",
    "per_year": "True when the target applies to every year ('每年').",
    "aspirational": "True for a stretch target ('力争').",
    "baseline_value": "Value in the baseline year, when the text states one.",
    "baseline_year": "Baseline year, when the text states one.",
    "year_start": "First year when the figure covers a period (e.g. 2016 for 2016–2020).",
}

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


class IndicatorSerializer(serializers.ModelSerializer):
    # Keys made from a phrase keep its Chinese characters, so the schema must
    # not promise SlugField's ASCII pattern.
    key = serializers.CharField(read_only=True, help_text=INDICATOR_FIELDS["key"])

    class Meta:
        list_serializer_class = FastListSerializer
        model = Indicator
        fields = ["key", "name", "name_en", "unit", "known"]
        extra_kwargs = described(INDICATOR_FIELDS, fields)


class QuantityFactSerializer(FactSourceSerializer):
    indicator = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text=QUANTITY_FIELDS_HELP["indicator"]
    )


class TargetSerializer(QuantityFactSerializer):
    class Meta(FactSourceSerializer.Meta):
        list_serializer_class = FastListSerializer
        model = Target
        fields = [
            *QUANTITY_FIELDS,
            "baseline_value",
            "baseline_year",
            "per_year",
            "aspirational",
            *FactSourceSerializer.Meta.fields,
        ]
        extra_kwargs = described(QUANTITY_FIELDS_HELP, fields)


class FigureSerializer(QuantityFactSerializer):
    class Meta(FactSourceSerializer.Meta):
        list_serializer_class = FastListSerializer
        model = Figure
        fields = [*QUANTITY_FIELDS, "year_start", *FactSourceSerializer.Meta.fields]
        extra_kwargs = described(QUANTITY_FIELDS_HELP, fields)


class SeriesPointSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["target", "figure"],
        help_text="target: a goal set; figure: a reported value.",
    )
    id = serializers.IntegerField(
        source="fact.pk", help_text="Id of the target or figure."
    )
    year = serializers.IntegerField(
        source="fact.year", allow_null=True, help_text=QUANTITY_FIELDS_HELP["year"]
    )
    comparator = serializers.CharField(
        source="fact.comparator", help_text=QUANTITY_FIELDS_HELP["comparator"]
    )
    value = serializers.DecimalField(
        source="fact.value",
        max_digits=20,
        decimal_places=4,
        help_text=QUANTITY_FIELDS_HELP["value"],
    )
    value_max = serializers.DecimalField(
        source="fact.value_max",
        max_digits=20,
        decimal_places=4,
        allow_null=True,
        help_text=QUANTITY_FIELDS_HELP["value_max"],
    )
    unit = serializers.CharField(
        source="fact.unit", help_text=QUANTITY_FIELDS_HELP["unit"]
    )
    document = serializers.CharField(
        source="fact.document.key", help_text="Key of the document stating it."
    )
    document_issued_on = serializers.DateField(
        source="fact.document.issued_on",
        allow_null=True,
        help_text="Issue date of that document, if known.",
    )
    source_text = serializers.CharField(
        source="fact.source_text", help_text=FACT_FIELDS["source_text"]
    )
    status = serializers.ChoiceField(
        choices=TargetStatus.choices,
        allow_null=True,
        help_text="Targets only: met / not_met when a figure for the target year or "
        "later exists (judged by the earliest such figure), else pending. Null for figures.",
    )
    judged_by = serializers.IntegerField(
        source="judged_by.pk",
        allow_null=True,
        default=None,
        help_text="Id of the figure the target was judged by; null when pending.",
    )
    judged_by_year = serializers.IntegerField(
        source="judged_by.year",
        allow_null=True,
        default=None,
        help_text="Year of that figure.",
    )
    judged_by_value = serializers.DecimalField(
        source="judged_by.value",
        max_digits=20,
        decimal_places=4,
        allow_null=True,
        default=None,
        help_text="Value of that figure.",
    )


class IndicatorSeriesSerializer(serializers.Serializer):
    indicator = IndicatorSerializer(help_text="The indicator.")
    tolerance_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text="For ~ and = targets: how far below the value a figure may be "
        "and still meet it, in percent of the value.",
    )
    points = SeriesPointSerializer(
        many=True, help_text="Targets and figures in time order (year, figures first)."
    )
