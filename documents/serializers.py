"""API representations of documents, provisions, themes and cross-references.

Model verbose names are Chinese; the English descriptions below are the
OpenAPI field descriptions and the open-data release's README, so both stay
in step with what the API serves.
"""

from rest_framework import serializers

from documents.apikit.serialization import FastListSerializer

from .models import CrossReference, Document, Provision, Theme
from .validity import ValidityStatus

DOCUMENT_FIELDS = {
    "key": "Stable document id used in URLs (the source file's name stem).",
    "title": "Title as printed; empty when the source lost it.",
    "display_title": "Title to show: the title, else the subject or file name marked 〔标题缺失〕.",
    "subject": "Subject as the text states it, shown when the title is lost.",
    "doc_number": "Official document number (文号), e.g. 吉政发〔2011〕14号.",
    "issuer": "Issuing authority (发文机关).",
    "issued_on": "Date of issue (YYYY-MM-DD); null when the text does not establish it.",
    "doc_type": "Genre of the document (意见, 方案, 规划 …).",
    "plan_period_start": "First year of the plan period the document covers, if any.",
    "plan_period_end": "Last year of the plan period the document covers, if any.",
    "source_name": "File name of the source text.",
    "source_sha256": "SHA-256 of the source file's bytes (provenance).",
    "pipeline_version": "Version of the ingestion pipeline that produced the rows.",
    "valid_from": "First day the document applies (YYYY-MM-DD), as its text states or "
    "implies; null when unknown.",
    "valid_until": "Last day the document applies (YYYY-MM-DD); null when open-ended "
    "or unknown.",
    "validity_basis": "What decided the period: term (有效期), plan_period (规划期), "
    "effective_date (自…起施行), effective_on_issue (自印发/公布之日起施行), "
    "issued_date (成文日期, nothing else said), draft (征求意见稿, never in force), "
    "curated (a curator's correction), unknown.",
    "validity_status": "Status today: in_force (现行有效), expired (已到期), "
    "not_yet_in_force (尚未施行), replaced (已被替代), unknown (有效期不明). "
    "Filter any list with in_force_on=YYYY-MM-DD for another day.",
    "validity_source_text": "The sentence the period was read from (of the rule in "
    "validity_basis).",
    "validity_start": "Character offset of that sentence in the document's normalised "
    "text; null when it is not printed there (a title read from the manifest).",
    "validity_end": "Offset where that sentence ends.",
    "validity_evidence": "Every sentence read for the period: rule, bound "
    "(start, end, both, term, plan, repeal, draft), text, start and end offsets, "
    "and the date it fixes.",
    "repeals": "Titles of the documents this one repeals (…同时废止), separated by ；.",
    "replaced_by": "Key of the later document that replaces this one (set by a "
    "curator); null when none.",
    "replaced_on": "Day the replacing document applies from; null when unknown or none.",
    "part_of": "Key of the notice that issues this document, read from the same file "
    "(the policy under its 附件 or its signature); null for a document of its own.",
    "part_number": "Which of the notice's policies this is (1, 2 …); null when none.",
    "part_label": "Its 附件 label as printed (附件1); empty where the notice prints none.",
    "parts": "Keys of the documents this notice issues, in order; empty for the rest.",
}

THEME_FIELDS = {
    "slug": "Stable theme id used in URLs and filters.",
    "name": "Theme name in Chinese.",
    "name_en": "Theme name in English.",
    "parent": "Slug of the parent theme; null for a top-level theme.",
    "position": "Display order among siblings.",
}

PROVISION_FIELDS = {
    "id": "Numeric provision id.",
    "document": "Key of the document the provision belongs to.",
    "parent": "Id of the enclosing provision; null at the top of the tree.",
    "key": "Provision id, stable within its document (built from the labels on its path).",
    "level": "Depth in the provision tree, 0 at the top.",
    "kind": "Structural kind: chapter, article, numbered section, item, box, table row …",
    "label": "Number label as printed (第三章, （二）, 1. …).",
    "number": "The label's ordinal as a number, when it has one.",
    "heading": "Heading text of the provision, if any.",
    "text": "Body text of the provision (normalised).",
    "position": "Order of the provision in its document.",
    "start": "Character offset of the provision in the document's normalised text.",
    "text_start": "Offset where the body text starts.",
    "text_end": "Offset where the body text ends.",
    "cells": "Table cells keyed by column heading (table rows only).",
    "themes": "Slugs of the themes assigned to the provision.",
    "children": "Child provisions, in document order.",
}

CROSSREF_FIELDS = {
    "id": "Numeric cross-reference id.",
    "document": "Key of the citing document.",
    "provision": "Id of the citing provision.",
    "title": "Title of the cited document as quoted (without 《》).",
    "doc_number": "Document number of the cited document as quoted.",
    "target": "Key of the cited document when it is in the knowledge base, else null.",
    "start": "Character offset of the citation in the citing document.",
    "end": "Character offset where the citation ends.",
}

FACT_FIELDS = {
    "id": "Numeric id of the fact.",
    "document": "Key of the document the fact was extracted from.",
    "provision": "Id of the provision holding the sentence.",
    "source_text": "The sentence the fact was extracted from.",
    "raw_text": "The number as printed in the source.",
    "start": "Character offset of the number in the document's normalised text.",
    "end": "Character offset where the number ends.",
    "rule": "Name of the extraction rule that produced the fact.",
    "review_status": "Curation state: unreviewed, flagged, conflict, confirmed, corrected.",
    "flags": "Plausibility doubts raised about the value (empty when none).",
    "review_note": "Curator's note on the decision.",
}


# The validity of the row's document, on every resource made of document parts.
DOCUMENT_VALIDITY_FIELDS = {
    "document_valid_from": "First day the row's document applies (its valid_from); "
    "null when unknown.",
    "document_valid_until": "Last day the row's document applies (its valid_until); "
    "null when open-ended or unknown. in_force_on=YYYY-MM-DD filters by the whole "
    "status (replaced and draft documents too).",
}


def described(descriptions, names):
    """``extra_kwargs`` giving each model field its English description."""
    return {
        name: {"help_text": descriptions[name]}
        for name in names
        if name in descriptions
    }


class DocumentSerializer(serializers.ModelSerializer):
    display_title = serializers.CharField(
        read_only=True, help_text=DOCUMENT_FIELDS["display_title"]
    )
    validity_status = serializers.ChoiceField(
        choices=ValidityStatus.choices,
        read_only=True,
        help_text=DOCUMENT_FIELDS["validity_status"],
    )
    replaced_by = serializers.SlugRelatedField(
        slug_field="key",
        read_only=True,
        allow_null=True,
        help_text=DOCUMENT_FIELDS["replaced_by"],
    )
    # The viewset's queryset names the notice's key and prefetches the parts.
    part_of = serializers.CharField(
        source="part_of_key", read_only=True, allow_null=True, help_text=DOCUMENT_FIELDS["part_of"]
    )
    parts = serializers.SlugRelatedField(
        slug_field="key", many=True, read_only=True, help_text=DOCUMENT_FIELDS["parts"]
    )

    class Meta:
        list_serializer_class = FastListSerializer
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
            "source_sha256",
            "pipeline_version",
            "valid_from",
            "valid_until",
            "validity_basis",
            "validity_status",
            "validity_source_text",
            "validity_start",
            "validity_end",
            "validity_evidence",
            "repeals",
            "replaced_by",
            "replaced_on",
            "part_of",
            "part_number",
            "part_label",
            "parts",
        ]
        extra_kwargs = described(DOCUMENT_FIELDS, fields)


class DocumentValiditySerializer(serializers.Serializer):
    """``DOCUMENT_VALIDITY_FIELDS`` for the serializers of document parts."""

    document_valid_from = serializers.DateField(
        source="document.valid_from",
        read_only=True,
        allow_null=True,
        help_text=DOCUMENT_VALIDITY_FIELDS["document_valid_from"],
    )
    document_valid_until = serializers.DateField(
        source="document.valid_until",
        read_only=True,
        allow_null=True,
        help_text=DOCUMENT_VALIDITY_FIELDS["document_valid_until"],
    )


class ThemeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=THEME_FIELDS["parent"],
    )

    class Meta:
        list_serializer_class = FastListSerializer
        model = Theme
        fields = ["slug", "name", "name_en", "parent", "position"]
        extra_kwargs = described(THEME_FIELDS, fields)


class ProvisionSerializer(DocumentValiditySerializer, serializers.ModelSerializer):
    document = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text=PROVISION_FIELDS["document"]
    )
    level = serializers.IntegerField(
        source="depth", read_only=True, help_text=PROVISION_FIELDS["level"]
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text=PROVISION_FIELDS["themes"],
    )

    class Meta:
        list_serializer_class = FastListSerializer
        model = Provision
        fields = [
            "id",
            "document",
            "parent",
            "key",
            "level",
            "kind",
            "label",
            "number",
            "heading",
            "text",
            "position",
            "start",
            "text_start",
            "text_end",
            "cells",
            "themes",
            *DOCUMENT_VALIDITY_FIELDS,
        ]
        extra_kwargs = described(PROVISION_FIELDS, fields)


class ProvisionNodeSerializer(ProvisionSerializer):
    """One node of ``/documents/{key}/tree/``: the provision and its children,
    built by ``Provision.objects.tree()`` (no query per node)."""

    class Meta(ProvisionSerializer.Meta):
        # The tree's document is given once, above it.
        fields = [
            f for f in ProvisionSerializer.Meta.fields
            if f != "document" and f not in DOCUMENT_VALIDITY_FIELDS
        ]
        fields.append("children")

    def get_fields(self):
        fields = super().get_fields()
        fields["children"] = ProvisionNodeSerializer(
            source="tree_children",
            many=True,
            read_only=True,
            help_text=PROVISION_FIELDS["children"],
        )
        return fields


class DocumentTreeSerializer(serializers.Serializer):
    document = DocumentSerializer(read_only=True, help_text="The document.")
    provisions = ProvisionNodeSerializer(
        many=True, read_only=True, help_text="Top-level provisions with their subtrees."
    )


class CrossReferenceSerializer(serializers.ModelSerializer):
    document = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text=CROSSREF_FIELDS["document"]
    )
    target = serializers.SlugRelatedField(
        slug_field="key",
        read_only=True,
        allow_null=True,
        help_text=CROSSREF_FIELDS["target"],
    )

    class Meta:
        list_serializer_class = FastListSerializer
        model = CrossReference
        fields = [
            "id",
            "document",
            "provision",
            "title",
            "doc_number",
            "target",
            "start",
            "end",
        ]
        extra_kwargs = described(CROSSREF_FIELDS, fields)


class FactSourceSerializer(DocumentValiditySerializer, serializers.ModelSerializer):
    """Fields every extracted fact shares: where it comes from and its review."""

    document = serializers.SlugRelatedField(
        slug_field="key", read_only=True, help_text=FACT_FIELDS["document"]
    )

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
            "review_note",
            *DOCUMENT_VALIDITY_FIELDS,
        ]
