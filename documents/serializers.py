from rest_framework import serializers

from .models import Document, Provision, Theme


class DocumentSerializer(serializers.ModelSerializer):
    display_title = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "key",
            "title",
            "display_title",
            "subject",
            "doc_number",
            "issuer",
            "issued_on",
            "doc_type",
            "plan_period_start",
            "plan_period_end",
            "source_name",
        ]


class ThemeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Theme
        fields = ["slug", "name", "name_en", "parent"]


class ProvisionSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(slug_field="key", read_only=True)
    level = serializers.IntegerField(source="depth", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Provision
        fields = [
            "id",
            "document",
            "parent",
            "key",
            "level",
            "kind",
            "label",
            "heading",
            "text",
            "position",
            "start",
            "text_start",
            "text_end",
            "cells",
            "themes",
        ]


class FactSourceSerializer(serializers.ModelSerializer):
    """Fields every extracted fact shares: where it comes from and its review."""

    document = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        fields = [
            "source_text",
            "raw_text",
            "provision",
            "document",
            "start",
            "end",
            "rule",
            "review_status",
            "flags",
        ]
