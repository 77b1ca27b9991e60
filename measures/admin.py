"""Admin for measures, subsidies and their typologies.

Subsidies are facts: their admin is ``documents.admin.FactAdmin`` (review
queue, curation through ``documents.curation``, source view, history,
import/export).  Measures are written by the pipeline and are read-only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.admin import (
    FactAdmin,
    FactInline,
    FactResource,
    PipelineOwnedAdmin,
    ProvisionAdmin,
)

from .models import InstrumentType, Measure, Subsidy, TargetGroup


class SubsidyResource(FactResource):
    class Meta(FactResource.Meta):
        model = Subsidy
        fields = (
            "id", "document", "provision", "source_text", "raw_text", "kind", "amount_min",
            "amount_max", "ratio_percent", "basis", "cap", "per", "beneficiary",
            "funding_source", "review_status", "reason",
        )
        export_order = fields


@admin.register(Subsidy)
class SubsidyAdmin(FactAdmin):
    resource_classes = [SubsidyResource]
    list_display = ["__str__", "document", "kind", "amount_min", "amount_max",
                    "ratio_percent", "cap", "per", "review_status"]
    list_filter = [*FactAdmin.list_filter, "kind", "per"]
    search_fields = [*FactAdmin.search_fields, "beneficiary", "funding_source", "basis"]


class SubsidyInline(FactInline):
    model = Subsidy
    fk_name = "provision"
    fields = ["sentence", "kind", "amount_max", "ratio_percent", "review_status"]
    readonly_fields = fields
    verbose_name_plural = _("资助规则")


class MeasureSubsidyInline(SubsidyInline):
    fk_name = "measure"


ProvisionAdmin.fact_inlines.append(SubsidyInline)


@admin.register(Measure)
class MeasureAdmin(PipelineOwnedAdmin):
    list_display = ["__str__", "document", "provision", "responsible_units", "rule"]
    list_filter = ["instrument_types", "target_groups", "document", "rule"]
    list_select_related = ["document", "provision"]
    search_fields = ["summary", "responsible_units", "document__key"]
    autocomplete_fields = ["document", "provision", "instrument_types", "target_groups"]
    readonly_fields = ["document", "provision", "summary", "instrument_types",
                       "target_groups", "responsible_units", "start", "end", "rule"]
    inlines = [MeasureSubsidyInline]


@admin.register(InstrumentType)
class InstrumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "name_en", "stip_category", "position"]
    list_filter = ["stip_category"]
    search_fields = ["name", "key", "name_en", "stip_category"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "name_en"]
    search_fields = ["name", "key", "name_en"]
