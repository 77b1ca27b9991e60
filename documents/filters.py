"""FilterSets shared by the API viewsets and the site's list pages."""

import django_filters as filters

from .models import Document, Provision, Theme


class DocumentRefFilter(filters.ModelChoiceFilter):
    """``?document=<key>``: the document's stable key, as in its URL."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Document.objects.all())
        kwargs.setdefault("to_field_name", "key")
        kwargs.setdefault("label", "文件 (document key)")
        super().__init__(*args, **kwargs)


class DocumentFilter(filters.FilterSet):
    issued_after = filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_before = filters.DateFilter(field_name="issued_on", lookup_expr="lte")
    title = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Document
        fields = ["doc_type", "issuer"]


class ProvisionFilter(filters.FilterSet):
    document = DocumentRefFilter()
    theme = filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="slug"
    )
    text = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Provision
        fields = ["document", "kind", "parent", "depth", "theme"]


class ThemeFilter(filters.FilterSet):
    parent = filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = Theme
        fields = ["parent"]


class DocumentFactFilter(filters.FilterSet):
    """Base for the fact resources: every list is filterable by ?document=."""

    document = DocumentRefFilter()
