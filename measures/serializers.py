from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.apikit.serialization import FastListSerializer
from documents.serializers import (
    DOCUMENT_VALIDITY_FIELDS,
    FACT_FIELDS,
    DocumentValiditySerializer,
    FactSourceSerializer,
    described,
)

from .models import Eligibility, InstrumentType, Measure, Subsidy

MEASURE_FIELDS = {
    "id": "Numeric measure id.",
    "document": "Key of the document the measure comes from.",
    "provision": "Id of the provision stating the measure.",
    "summary": "The commitment as stated in the text.",
    "instrument_types": "Keys of the policy instruments used (OECD STIP Compass typology, adapted).",
    "target_groups": "Names of the groups the measure is aimed at (enterprises, universities …).",
    "responsible_units": "Units named as responsible for carrying it out.",
    "start": "Character offset of the measure in the document's normalised text.",
    "end": "Character offset where the measure ends.",
    "rule": "Name of the extraction rule that produced the measure.",
}

INSTRUMENT_TYPE_FIELDS = {
    "key": "Stable instrument type id.",
    "name": "Name in Chinese.",
    "name_en": "Name in English.",
    "stip_category": "OECD STIP Compass category it maps to.",
}

SUBSIDY_FIELDS = {
    **FACT_FIELDS,
    "kind": "Kind of support: grant, post_subsidy, award, loan, interest_subsidy, tax_incentive …",
    "amount_min": "Lowest amount in yuan (the amount, when a single one is stated).",
    "amount_max": "Highest amount in yuan ('up to …'); equals amount_min for a single amount.",
    "ratio_percent": "Share in percent, for support stated as a ratio (e.g. 10 for 10%).",
    "basis": "What the ratio is a share of (e.g. R&D expenditure).",
    "cap": "Ceiling in yuan for ratio-based support.",
    "per": "Unit of the amount: item, once, item_once, year, or empty when unstated.",
    "beneficiary": "Who receives the support, as stated.",
    "funding_source": "Where the money comes from, as stated.",
    "measure": "Id of the measure the subsidy belongs to, if any.",
}


class InstrumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = InstrumentType
        fields = ["key", "name", "name_en", "stip_category"]
        extra_kwargs = described(INSTRUMENT_TYPE_FIELDS, fields)


class MeasureSerializer(DocumentValiditySerializer, serializers.ModelSerializer):
    document = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text=MEASURE_FIELDS["document"]
    )
    instrument_types = serializers.SlugRelatedField(
        slug_field="key",
        many=True,
        read_only=True,
        help_text=MEASURE_FIELDS["instrument_types"],
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="name",
        many=True,
        read_only=True,
        help_text=MEASURE_FIELDS["target_groups"],
    )

    class Meta:
        list_serializer_class = FastListSerializer
        model = Measure
        fields = [
            "id",
            "document",
            "provision",
            "summary",
            "instrument_types",
            "target_groups",
            "responsible_units",
            "start",
            "end",
            "rule",
            *DOCUMENT_VALIDITY_FIELDS,
        ]
        extra_kwargs = described(MEASURE_FIELDS, fields)


class SubsidySerializer(FactSourceSerializer):
    class Meta(FactSourceSerializer.Meta):
        list_serializer_class = FastListSerializer
        model = Subsidy
        fields = [
            "id",
            "kind",
            "amount_min",
            "amount_max",
            "ratio_percent",
            "basis",
            "cap",
            "per",
            "beneficiary",
            "funding_source",
            "measure",
            *FactSourceSerializer.Meta.fields,
        ]
        extra_kwargs = described(SUBSIDY_FIELDS, fields)


class SubsidyDetailSerializer(SubsidySerializer):
    """One subsidy rule with its eligibility (``/api/v1/subsidies/{id}/``)."""

    eligibility = serializers.SerializerMethodField(
        help_text="Who may apply, where and on what event, each condition with the words "
        "(and offsets) it was read from; null when not read yet."
    )

    class Meta(SubsidySerializer.Meta):
        fields = [*SubsidySerializer.Meta.fields, "eligibility"]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "region": {"type": "string"},
                "area": {"type": "string"},
                "per": {"type": "string"},
                "terms": {"type": "array", "items": {"type": "object"}},
            },
        }
    )
    def get_eligibility(self, subsidy):
        row = Eligibility.objects.filter(subsidy=subsidy).first()
        if row is None:
            return None
        return {"region": row.region, "area": row.area, "per": row.per, "terms": row.terms}
