"""The search filters: one FilterSet shared by the search page and the API.

Filters narrow the provisions the index may return (they become a
provision-id subquery inside the index query, so the bounded candidate set is
drawn from allowed provisions only).  Facts of other apps are reached by
their reverse relation names (measures, subsidies, targets), so this app
still imports neither ``measures`` nor ``targets``.
"""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from documents.filters import DocumentRefFilter, InForceOnFilter
from documents.models import DocumentType, Provision, Theme


class SearchFilter(filters.FilterSet):
    document = DocumentRefFilter()
    doc_type = filters.ChoiceFilter(
        field_name="document__doc_type", choices=DocumentType.choices, label=_("文件类型")
    )
    theme = filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), to_field_name="slug", label=_("主题")
    )
    year = filters.NumberFilter(field_name="document__issued_on__year", label=_("发布年份"))
    instrument = filters.CharFilter(
        field_name="measures__instrument_types__key", label=_("政策工具")
    )
    has_subsidy = filters.BooleanFilter(method="filter_has", label=_("含资金支持"))
    has_target = filters.BooleanFilter(method="filter_has", label=_("含目标指标"))
    in_force_on = InForceOnFilter()

    class Meta:
        model = Provision
        fields = ["document", "doc_type", "theme", "year", "instrument"]

    def filter_has(self, queryset, name, value):
        relation = {"has_subsidy": "subsidies", "has_target": "targets"}[name]
        matching = Provision.objects.filter(**{f"{relation}__isnull": False}).values("pk")
        return queryset.filter(pk__in=matching) if value else queryset.exclude(pk__in=matching)

    @property
    def is_active(self) -> bool:
        return self.is_bound and any(
            v not in (None, "") for v in self.form.cleaned_data.values()
        )
