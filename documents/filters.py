"""FilterSets shared by the API viewsets and the site's list pages.

Every filter carries a bilingual label (the OpenAPI parameter description),
and every numeric filter is bounded by its column's range, so that a value
the database cannot hold is a 400 naming the parameter instead of an
overflow error from PostgreSQL.
"""

import django_filters as filters
from django import forms
from django.db import models

from .models import CrossReference, Document, Provision, Theme
from .serializers import (
    CROSSREF_FIELDS,
    DOCUMENT_FIELDS,
    FACT_FIELDS,
    PROVISION_FIELDS,
    THEME_FIELDS,
)

LOOKUP_WORDS = {
    "exact": "",
    "iexact": " (exact, case-insensitive)",
    "in": " — any of these, comma-separated",
    "gte": " — at least (≥)",
    "lte": " — at most (≤)",
    "gt": " — more than (>)",
    "lt": " — less than (<)",
    "icontains": " — contains this text",
    "isnull": " — true: is empty; false: is set",
    "year": " (year)",
    "year__gte": " — year at least",
    "year__lte": " — year at most",
}

# SQL-standard ranges, identical on SQLite and PostgreSQL.
INTEGER_RANGES = {
    "PositiveSmallIntegerField": (0, 32767),
    "SmallIntegerField": (-32768, 32767),
    "PositiveIntegerField": (0, 2147483647),
    "IntegerField": (-2147483648, 2147483647),
    "BigAutoField": (1, 9223372036854775807),
    "BigIntegerField": (-9223372036854775808, 9223372036854775807),
    "AutoField": (1, 2147483647),
}


class ChoicesInFilter(filters.BaseInFilter, filters.ChoiceFilter):
    """``?kind__in=grant,award``: any of several choices, each validated."""


class DescribedFilterSet(filters.FilterSet):
    """A FilterSet whose generated filters get bilingual labels and bounds.

    ``descriptions`` maps a model field name to its English description; the
    Chinese half is the field's verbose name.
    """

    descriptions = {}

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        # django-filter makes ``kind__in`` a plain CSV CharFilter that lets any
        # value through; check every value against the choices instead.
        if lookup_type == "in" and getattr(field, "choices", None):
            return ChoicesInFilter, {"choices": field.choices}
        return super().filter_for_lookup(field, lookup_type)

    @classmethod
    def get_filters(cls):
        result = super().get_filters()
        model = getattr(cls._meta, "model", None)
        if model is None:
            return result
        for filter_ in result.values():
            field = _model_field(model, filter_.field_name)
            if field is None:
                continue
            if filter_.label is None:
                english = cls.descriptions.get(filter_.field_name.split("__")[0], "")
                words = LOOKUP_WORDS.get(
                    filter_.lookup_expr, f" ({filter_.lookup_expr})"
                )
                filter_.label = f"{field.verbose_name} / {english}{words}".strip()
            _bound(filter_, field)
        return result


def _model_field(model, path):
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return field
        model = field.related_model or model
    return field


def _bound(filter_, field):
    if filter_.lookup_expr in ("isnull", "icontains"):
        return
    if isinstance(field, models.DecimalField):
        filter_.extra.setdefault("max_digits", field.max_digits)
        filter_.extra.setdefault("decimal_places", field.decimal_places)
    elif field.get_internal_type() in INTEGER_RANGES and isinstance(
        filter_, filters.NumberFilter
    ):
        low, high = INTEGER_RANGES[field.get_internal_type()]
        filter_.extra.setdefault("min_value", low)
        filter_.extra.setdefault("max_value", high)
        # A fraction can never equal a whole-number column.
        filter_.extra.setdefault("decimal_places", 0)


class DocumentRefFilter(filters.ModelChoiceFilter):
    """``?document=<key>``: the document's stable key, as in its URL."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Document.objects.all())
        kwargs.setdefault("to_field_name", "key")
        kwargs.setdefault("label", "文件 / Key of the document (as in its URL)")
        super().__init__(*args, **kwargs)


class KeysFilter(filters.BaseInFilter, filters.CharFilter):
    """``?document__in=a,b``: any of several stable keys."""


def documents_in(field_name="document__key"):
    return KeysFilter(
        field_name=field_name,
        label="文件 / Any of these document keys, comma-separated",
    )


class InForceOnFilter(filters.DateFilter):
    """``?in_force_on=YYYY-MM-DD``: the rows of documents in force on that
    day (``documents.validity``); one filter for every list and for search,
    each queryset answering ``in_force_on``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "label",
            "现行有效于 / Only what is in force on this date (YYYY-MM-DD): leaves out "
            "documents expired, not yet in force, replaced, drafts and those whose "
            "validity is unknown",
        )
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.in_force_on(value)


def theme_filter(field_name):
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        distinct=True,
        label="主题 / Slug of a theme assigned to the provision",
    )


def themes_in(field_name):
    return KeysFilter(
        field_name=f"{field_name}__slug",
        distinct=True,
        label="主题 / Any of these theme slugs, comma-separated",
    )


class DocumentFilter(DescribedFilterSet):
    descriptions = DOCUMENT_FIELDS

    issued_after = filters.DateFilter(
        field_name="issued_on",
        lookup_expr="gte",
        label="发布日期 / Issued on or after this date (YYYY-MM-DD)",
    )
    issued_before = filters.DateFilter(
        field_name="issued_on",
        lookup_expr="lte",
        label="发布日期 / Issued on or before this date (YYYY-MM-DD)",
    )
    year = filters.NumberFilter(
        field_name="issued_on",
        lookup_expr="year",
        min_value=1,
        max_value=9999,
        decimal_places=0,
        label="发布年份 / Year of issue",
    )
    year__gte = filters.NumberFilter(
        field_name="issued_on",
        lookup_expr="year__gte",
        min_value=1,
        max_value=9999,
        decimal_places=0,
        label="发布年份 / Issued in this year or later",
    )
    year__lte = filters.NumberFilter(
        field_name="issued_on",
        lookup_expr="year__lte",
        min_value=1,
        max_value=9999,
        decimal_places=0,
        label="发布年份 / Issued in this year or earlier",
    )
    title = filters.CharFilter(
        lookup_expr="icontains", label="标题 / Title contains this text"
    )
    text = filters.CharFilter(
        lookup_expr="icontains", label="正文 / Full text contains this text"
    )
    theme = theme_filter("provisions__themes")
    in_force_on = InForceOnFilter()
    part_of = filters.CharFilter(
        field_name="part_of__key", label="印发通知 / Documents the notice with this key issues"
    )

    class Meta:
        model = Document
        fields = {
            "key": ["exact", "in"],
            "doc_type": ["exact", "in"],
            "issuer": ["exact", "icontains"],
            "doc_number": ["exact", "icontains"],
            "issued_on": ["exact", "gte", "lte"],
            "plan_period_start": ["exact", "gte", "lte"],
            "plan_period_end": ["exact", "gte", "lte"],
            "validity_basis": ["exact", "in"],
            "part_of": ["isnull"],
        }


class ProvisionFilter(DescribedFilterSet):
    descriptions = PROVISION_FIELDS

    document = DocumentRefFilter()
    document__in = documents_in()
    theme = theme_filter("themes")
    theme__in = themes_in("themes")
    text = filters.CharFilter(
        lookup_expr="icontains", label="正文 / Body text contains this text"
    )
    heading = filters.CharFilter(
        lookup_expr="icontains", label="标题 / Heading contains this text"
    )
    in_force_on = InForceOnFilter()

    class Meta:
        model = Provision
        fields = {
            "document": ["exact"],
            "kind": ["exact", "in"],
            "parent": ["exact", "isnull"],
            "depth": ["exact", "gte", "lte"],
            "key": ["exact"],
            "label": ["exact"],
            "position": ["gte", "lte"],
        }


class ThemeFilter(DescribedFilterSet):
    descriptions = THEME_FIELDS

    parent = filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label="上级主题 / Slug of the parent theme",
    )
    name = filters.CharFilter(
        lookup_expr="icontains", label="名称 / Chinese name contains this text"
    )
    document = filters.ModelChoiceFilter(
        field_name="provisions__document",
        queryset=Document.objects.all(),
        to_field_name="key",
        distinct=True,
        label="文件 / Themes assigned in this document (key)",
    )

    class Meta:
        model = Theme
        fields = {"slug": ["exact", "in"], "parent": ["exact", "isnull"]}


class CrossReferenceFilter(DescribedFilterSet):
    descriptions = CROSSREF_FIELDS

    document = DocumentRefFilter(label="引用文件 / Key of the citing document")
    document__in = documents_in()
    target = DocumentRefFilter(
        field_name="target", label="被引文件 / Key of the cited document"
    )
    title = filters.CharFilter(
        lookup_expr="icontains", label="被引文件标题 / Cited title contains this text"
    )
    in_force_on = InForceOnFilter()

    class Meta:
        model = CrossReference
        fields = {
            "document": ["exact"],
            "provision": ["exact"],
            "target": ["exact", "isnull"],
            "doc_number": ["exact", "icontains"],
        }


class DocumentFactFilter(DescribedFilterSet):
    """Base for the fact resources: by document, provision, theme, review
    state and sentence text."""

    descriptions = FACT_FIELDS

    document = DocumentRefFilter()
    document__in = documents_in()
    theme = theme_filter("provision__themes")
    theme__in = themes_in("provision__themes")
    source_text = filters.CharFilter(
        lookup_expr="icontains", label="原句 / The source sentence contains this text"
    )
    in_force_on = InForceOnFilter()
