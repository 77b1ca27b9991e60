"""Admin for indicators, targets and reported figures.

Targets and figures are facts: their admin is ``documents.admin.FactAdmin``
(review queue, curation through ``documents.curation``, source view,
history, import/export with a preview).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from documents.admin import FactAdmin, FactInline, FactResource, ProvisionAdmin

from .models import Figure, Indicator, Target

QUANTITY_COLUMNS = (
    "id", "document", "provision", "source_text", "raw_text", "indicator",
    "indicator_phrase", "value", "value_max", "unit", "comparator", "year",
)


class QuantityResource(FactResource):
    # Indicators by their stable key, which is also how curations name them.
    indicator = fields.Field(
        attribute="indicator", column_name="indicator", widget=ForeignKeyWidget(Indicator, "key")
    )


class TargetResource(QuantityResource):
    class Meta(FactResource.Meta):
        model = Target
        fields = (*QUANTITY_COLUMNS, "per_year", "aspirational", "baseline_value",
                  "baseline_year", "review_status", "reason")
        export_order = fields


class FigureResource(QuantityResource):
    class Meta(FactResource.Meta):
        model = Figure
        fields = (*QUANTITY_COLUMNS, "year_start", "review_status", "reason")
        export_order = fields


class QuantityFactAdmin(FactAdmin):
    list_display = ["indicator", "document", "comparator", "value", "raw_value", "unit",
                    "year", "review_status"]
    list_select_related = ["document", "provision", "indicator"]
    list_filter = [*FactAdmin.list_filter, "unit", "indicator__known"]
    search_fields = [*FactAdmin.search_fields, "indicator__name", "indicator_phrase"]
    autocomplete_fields = [*FactAdmin.autocomplete_fields, "indicator"]


@admin.register(Target)
class TargetAdmin(QuantityFactAdmin):
    resource_classes = [TargetResource]
    list_display = [*QuantityFactAdmin.list_display, "aspirational"]
    list_filter = [*QuantityFactAdmin.list_filter, "aspirational", "per_year"]


@admin.register(Figure)
class FigureAdmin(QuantityFactAdmin):
    resource_classes = [FigureResource]


class TargetInline(FactInline):
    model = Target
    fields = ["sentence", "indicator", "value", "unit", "year", "review_status"]
    readonly_fields = fields
    verbose_name_plural = _("目标")


class FigureInline(FactInline):
    model = Figure
    fields = ["sentence", "indicator", "value", "unit", "year", "review_status"]
    readonly_fields = fields
    verbose_name_plural = _("统计数据")


ProvisionAdmin.fact_inlines.extend([TargetInline, FigureInline])


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "known", "target_count", "figure_count"]
    list_filter = ["known", "unit"]
    search_fields = ["name", "key", "name_en"]

    @admin.display(description=_("目标数"))
    def target_count(self, obj):
        return obj.targets.count()

    @admin.display(description=_("统计数"))
    def figure_count(self, obj):
        return obj.figures.count()
