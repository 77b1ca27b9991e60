from rest_framework import serializers

from documents.serializers import FactSourceSerializer

from .models import InstrumentType, Measure, Subsidy


class InstrumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = InstrumentType
        fields = ["key", "name", "name_en", "stip_category"]


class MeasureSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="key", read_only=True)
    instrument_types = serializers.SlugRelatedField(
        slug_field="key", many=True, read_only=True
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )

    class Meta:
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
        ]


class SubsidySerializer(FactSourceSerializer):
    class Meta(FactSourceSerializer.Meta):
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
