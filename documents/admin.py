"""Admin for documents, provisions and curations, and the base every fact
admin builds on (``FactAdmin``: review queue, bulk curation, source view).

Everything the pipeline writes is read-only here: a change would be undone
by the next ingest.  The one way to change or add a fact is a curation,
recorded by ``documents.curation`` so that it survives re-ingest.  This module
imports neither ``measures`` nor ``targets``: they register their own fact
admins on ``FactAdmin`` and add their inlines to ``ProvisionAdmin``.
"""

from decimal import InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import admin_files
from . import curation as curation_rules
from .models import (
    DOCUMENT_TEXT_FIELDS,
    CrossReference,
    Curation,
    Document,
    OriginalFile,
    Provision,
    ReviewStatus,
    Theme,
)

# How much of a provision the source view shows around a fact's sentence.
SOURCE_CONTEXT_CHARS = 300


def source_in_context(fact):
    """The fact's provision with its sentence marked and the number in bold.

    Offsets are into ``Document.text``, which the provision text, the
    sentence and the number are all slices of; every piece is escaped by
    format_html, so markup in a source text is shown, never run.
    """
    text = fact.document.text
    provision = fact.provision
    s_start, s_end = fact.sentence_start, fact.sentence_end
    v_start, v_end = fact.start, fact.end
    if not (0 <= s_start <= v_start <= v_end <= s_end <= len(text)):
        return format_html('<div class="fact-source">{}</div>', fact.source_text)
    start = max(min(provision.text_start, s_start), s_start - SOURCE_CONTEXT_CHARS)
    end = min(max(provision.text_end, s_end), s_end + SOURCE_CONTEXT_CHARS)
    return format_html(
        '<div class="fact-source" lang="zh-Hans">{}{}<mark class="fact-sentence">{}'
        '<strong class="fact-value"><mark>{}</mark></strong>{}</mark>{}{}</div>',
        "…" if start > provision.text_start else "",
        text[start:s_start],
        text[s_start:v_start],
        text[v_start:v_end],
        text[v_end:s_end],
        text[s_end:end],
        "…" if end < provision.text_end else "",
    )


class ReviewQueueFilter(admin.SimpleListFilter):
    """The review queue: what still needs a curator, by reason."""

    title = _("审核队列")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("open", _("全部待审核")),
            ("unreviewed", ReviewStatus.UNREVIEWED.label),
            ("flagged", ReviewStatus.FLAGGED.label),
            ("conflict", ReviewStatus.CONFLICT.label),
            ("curated", _("已有人工审核")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "open":
            return queryset.needing_review()
        if value in {"unreviewed", "flagged", "conflict"}:
            return queryset.filter(review_status=value)
        if value == "curated":
            return queryset.exclude(
                review_status__in=[
                    ReviewStatus.UNREVIEWED,
                    ReviewStatus.FLAGGED,
                    ReviewStatus.CONFLICT,
                ]
            )
        return queryset


class FactForm(forms.ModelForm):
    curation_reason = forms.CharField(
        label=_("更正理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the curation and exported with it."),
    )


class FactAddForm(forms.ModelForm):
    """A fact the rules missed: where it is printed, then what it says.

    The document, the quote and the number as printed place the fact (they
    become the add curation's locator); the rest are its values.
    """

    quote = forms.CharField(
        label=_("原文引文"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A passage of the document containing the number, copied as printed "
            "(e.g. 培养500名专业化技术转移人才). If the passage occurs twice, "
            "quote more of it: the first occurrence is used."
        ),
    )
    curation_reason = forms.CharField(
        label=_("新增理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the rules missed it; kept with the curation and exported with it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        printed = self.fields["raw_text"]
        printed.required = True
        printed.label = _("原文数值")
        printed.help_text = _("The number as printed inside the quote, e.g. 500万元.")

    def clean(self):
        cleaned = super().clean()
        document, quote = cleaned.get("document"), cleaned.get("quote")
        printed = cleaned.get("raw_text")
        if document and quote and printed:
            try:
                curation_rules.check_add(self._meta.model, document, quote, printed)
            except curation_rules.CurationError as exc:
                self.add_error("quote", str(exc))
        return cleaned


CREATE_REFUSED = (
    "只能更正已有的事实（需提供已有事实的 id） / "
    "an import can only correct existing facts (the id of one is required)"
)


class FactResource(resources.ModelResource):
    """Import/export of facts.  An import only corrects existing facts (by id)
    and every changed row becomes a curation through ``curate_edit``."""

    document = fields.Field(attribute="document__key", column_name="document", readonly=True)
    provision = fields.Field(attribute="provision__key", column_name="provision", readonly=True)
    source_text = fields.Field(attribute="source_text", column_name="source_text", readonly=True)
    raw_text = fields.Field(attribute="raw_text", column_name="raw_text", readonly=True)
    review_status = fields.Field(
        attribute="review_status", column_name="review_status", readonly=True
    )
    reason = fields.Field(column_name="reason", readonly=True)

    class Meta:
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def dehydrate_reason(self, fact):
        return ""

    def init_instance(self, row=None):
        raise ValueError(CREATE_REFUSED)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A value the column cannot hold becomes the field's error, in words
        (the widgets raise decimal's InvalidOperation and DoesNotExist)."""
        try:
            super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        except InvalidOperation:
            raise ValueError(
                f"不是数字 / not a number: {row.get(field.column_name)!r}"
            ) from None
        except ObjectDoesNotExist:
            raise ValueError(
                f"不存在 / no such {field.column_name}: {row.get(field.column_name)!r}"
            ) from None

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            raise ValueError(CREATE_REFUSED)
        self.before_save_instance(instance, row, **kwargs)
        user = kwargs.get("user")
        curation_rules.curate_edit(
            instance,
            reason=str(row.get("reason") or "") or "导入更正 / corrected by import",
            author=user if getattr(user, "is_authenticated", False) else None,
            source="import",
        )
        self.after_save_instance(instance, row, **kwargs)


@admin.action(description=_("确认所选事实"), permissions=["change"])
def confirm_facts(modeladmin, request, queryset):
    done = curation_rules.curate_many(
        queryset.select_related("document"), Curation.Action.CONFIRM, author=request.user
    )
    modeladmin.message_user(request, _("已确认 %d 条。") % len(done), messages.SUCCESS)


@admin.action(description=_("否决所选事实（抽取错误）"), permissions=["change"])
def reject_facts(modeladmin, request, queryset):
    done = curation_rules.curate_many(
        queryset.select_related("document"),
        Curation.Action.REJECT,
        reason="批量否决 / rejected in bulk",
        author=request.user,
    )
    modeladmin.message_user(request, _("已否决 %d 条。") % len(done), messages.SUCCESS)


@admin.action(description=_("按规则建议值更正所选事实"), permissions=["change"])
def correct_facts_to_suggestion(modeladmin, request, queryset):
    done = skipped = 0
    for fact in queryset.select_related("document"):
        if curation_rules.correct_to_suggestion(fact, author=request.user):
            done += 1
        else:
            skipped += 1
    modeladmin.message_user(
        request,
        _("已更正 %(done)d 条；%(skipped)d 条没有建议值，请逐条更正。")
        % {"done": done, "skipped": skipped},
        messages.SUCCESS if not skipped else messages.WARNING,
    )


class FactAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """Shared by the target, figure and subsidy admins.

    Curated fields are editable; saving records a correction through
    ``documents.curation`` (never a plain save).  A fact the rules missed is
    added with the add form, which records an add curation (``curate_add``).
    Facts are not deleted here: a wrong one is rejected.
    """

    form = FactForm
    import_form_class = admin_files.LimitedImportForm
    list_filter = [ReviewQueueFilter, "review_status", "document", "rule"]
    list_select_related = ["document", "provision"]
    search_fields = ["source_text", "raw_text", "document__key", "document__title"]
    autocomplete_fields = ["document", "provision"]
    actions = [confirm_facts, correct_facts_to_suggestion, reject_facts]
    history_list_display = ["review_status"]
    location_fields = [
        "document",
        "provision",
        "source_view",
        "source_text",
        "raw_text",
        "rule",
        "fingerprint",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
    ]
    review_fields = ["review_status", "flags", "extracted", "review_note", "created", "updated"]

    def get_import_formats(self):
        return admin_files.FORMATS

    def get_export_formats(self):
        return admin_files.FORMATS

    def add_data_read_fail_error_to_form(self, form, e):
        file_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        form.add_error("import_file", admin_files.read_failure_message(e, file_format))

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = FactAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        values = curation_rules.curated_fields(self.model)
        if obj is None:
            return [
                (_("原文出处"), {"fields": ["document", "quote", "raw_text"]}),
                (_("数值"), {"fields": values}),
                (_("审核"), {"fields": ["curation_reason"]}),
            ]
        if self.has_change_permission(request, obj):
            values = [*values, "curation_reason"]
        return [
            (_("原文"), {"fields": ["source_view"]}),
            (_("数值（可更正）"), {"fields": values}),
            (_("审核"), {"fields": self.review_fields}),
            (_("出处"), {"fields": [f for f in self.location_fields if f != "source_view"],
                        "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []  # the add form: the location is what the curator gives
        # Without change permission Django shows every field read-only anyway.
        return [*self.location_fields, *self.review_fields]

    def get_autocomplete_fields(self, request):
        # Document and provision are read-only; only curated relations
        # (the indicator) use autocomplete.
        return [f for f in super().get_autocomplete_fields(request)
                if f in curation_rules.curated_fields(self.model)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            # The add form lists documents by title; their texts stay unloaded.
            kwargs["queryset"] = Document.objects.defer(*DOCUMENT_TEXT_FIELDS)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("原文（高亮）"))
    def source_view(self, obj):
        return source_in_context(obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("curation_reason", "")
        if change:
            curation_rules.curate_edit(obj, reason=reason, author=request.user, source="admin")
            return
        data = form.cleaned_data
        _curation, fact = curation_rules.curate_add(
            self.model,
            data["document"],
            data["quote"],
            data["raw_text"],
            {name: data[name] for name in curation_rules.curated_fields(self.model)
             if name in data},
            reason=reason,
            author=request.user,
            source="admin",
        )
        obj.pk = fact.pk  # the admin's message and redirect name the new fact

    def save_related(self, request, form, formsets, change):
        """Facts have no many-to-many fields; curate_edit saved everything."""


class FactInline(admin.TabularInline):
    """A provision's facts, read-only, each linking to its change form."""

    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    fields = ["sentence", "raw_text", "review_status"]
    readonly_fields = fields

    @admin.display(description=_("原句"))
    def sentence(self, obj):
        return obj.source_text[:60]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PipelineOwnedAdmin(admin.ModelAdmin):
    """Rows the pipeline writes: shown, searched, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CrossReferenceInline(admin.TabularInline):
    model = CrossReference
    fk_name = "provision"
    fields = ["title", "doc_number", "target"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DocumentForm(forms.ModelForm):
    curation_reason = forms.CharField(
        label=_("核定理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the curation and exported with it."),
    )

    def clean(self):
        cleaned = super().clean()
        changes = {
            name: cleaned[name]
            for name in curation_rules.curated_fields(Document)
            if name in cleaned and cleaned[name] != getattr(self.instance, name)
        }
        try:
            curation_rules.check_document_changes(self.instance, changes)
        except curation_rules.CurationError as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned


@admin.register(Document)
class DocumentAdmin(PipelineOwnedAdmin):
    """Documents are the pipeline's, but for what a curator states about
    one: its validity and the later document replacing it.  Saving records
    a curation (``curate_document_edit``) that survives re-ingest."""

    form = DocumentForm
    list_display = ["key", "display_title", "doc_number", "issuer", "issued_on",
                    "doc_type", "valid_from", "valid_until", "provision_count"]
    list_filter = ["doc_type", "validity_basis", "issuer"]
    search_fields = ["key", "title", "subject", "doc_number", "issuer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["replaced_by"]
    readonly_fields = ["key", "subject", "plan_period_start", "plan_period_end",
                       "validity_source_text", "validity_evidence", "repeals",
                       "replaced_on", "source_name", "original_link", "source_sha256",
                       "pipeline_version", "metadata_notes", "part_of", "part_number",
                       "part_label", "created", "updated", "text"]
    exclude = ["raw_text", "validity_start", "validity_end", "original"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(provision_total=Count("provisions"))

    def has_change_permission(self, request, obj=None):
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    def get_fieldsets(self, request, obj=None):
        curated = curation_rules.curated_fields(Document)
        metadata = list(curation_rules.DOCUMENT_METADATA_FIELDS)
        validity = [name for name in curated if name not in metadata]
        if self.has_change_permission(request, obj):
            validity = [*validity, "curation_reason"]
        shown = {*curated, *self.readonly_fields}
        return [
            (_("元数据（可核定）"), {"fields": metadata}),
            (_("有效期（可核定）"), {"fields": validity}),
            (_("有效期依据"), {"fields": ["validity_source_text", "validity_evidence",
                                      "repeals", "replaced_on"]}),
            (_("文件"), {"fields": self._file_fields(shown, curated)}),
        ]

    def _file_fields(self, shown, curated):
        fields = [f.name for f in Document._meta.fields
                  if f.name in shown and f.name not in curated
                  and not f.name.startswith(("validity_", "repeals", "replaced_"))]
        # The original's download link (not a model field) beside its name.
        fields.insert(fields.index("source_name") + 1, "original_link")
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "replaced_by":
            kwargs["queryset"] = Document.objects.defer(*DOCUMENT_TEXT_FIELDS)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        curation_rules.curate_document_edit(
            obj,
            reason=form.cleaned_data.get("curation_reason", ""),
            author=request.user,
            source="admin",
        )

    def save_related(self, request, form, formsets, change):
        """Documents have no many-to-many fields; the curation saved everything."""

    @admin.display(description=_("条款数"), ordering="provision_total")
    def provision_count(self, obj):
        return obj.provision_total

    @admin.display(description=_("原始文件"))
    def original_link(self, obj):
        return download_link(obj.original_id, obj.source_name)


def download_link(sha256, name):
    """The original file's name, as a link that downloads it (alone in its
    cell: a link inside running text would need more than its colour)."""
    if not sha256:
        return "—"
    return format_html(
        '<a href="{}" download title="下载原始文件 / download the original">{}</a>',
        reverse("original-file", args=[sha256]),
        name,
    )


@admin.register(OriginalFile)
class OriginalFileAdmin(PipelineOwnedAdmin):
    list_display = ["download", "sha256", "size", "created"]
    list_display_links = ["sha256"]
    search_fields = ["sha256", "name"]
    readonly_fields = ["sha256", "name", "size", "created", "download"]
    exclude = ["file"]

    @admin.display(description=_("文件（点击下载）"), ordering="name")
    def download(self, obj):
        return download_link(obj.sha256, obj.name)


@admin.register(Provision)
class ProvisionAdmin(SimpleHistoryAdmin, PipelineOwnedAdmin):
    list_display = ["__str__", "document", "key", "kind", "depth", "short_text"]
    list_filter = ["kind", "document", "themes"]
    list_select_related = ["document"]
    search_fields = ["key", "label", "heading", "text", "document__key"]
    autocomplete_fields = ["document", "parent"]
    readonly_fields = ["document", "parent", "key", "kind", "label", "number", "heading",
                       "text", "cells", "themes", "position", "depth", "start",
                       "text_start", "text_end"]
    exclude = ["search_text"]
    inlines = [CrossReferenceInline]
    # measures/admin.py and targets/admin.py append their fact inlines here.
    fact_inlines: list = []

    def get_inlines(self, request, obj):
        return [*self.inlines, *self.fact_inlines]

    @admin.display(description=_("正文"))
    def short_text(self, obj):
        return obj.text[:50]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "name_en", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["name", "slug", "name_en"]
    autocomplete_fields = ["parent"]


@admin.register(CrossReference)
class CrossReferenceAdmin(PipelineOwnedAdmin):
    list_display = ["__str__", "document", "doc_number", "target"]
    list_filter = ["document", ("target", admin.EmptyFieldListFilter)]
    list_select_related = ["document", "target"]
    search_fields = ["title", "doc_number"]
    autocomplete_fields = ["provision", "document", "target"]


@admin.register(Curation)
class CurationAdmin(SimpleHistoryAdmin):
    """Curations are made on the facts (form, bulk actions, import); here
    they are reviewed.  Only the reason can be edited afterwards."""

    list_display = ["__str__", "content_type", "document", "action", "author", "source",
                    "orphaned", "created"]
    list_filter = ["action", "orphaned", "content_type", "document", "source"]
    list_select_related = ["content_type", "document", "author"]
    search_fields = ["reason", "fingerprint", "document__key", "author__username"]
    readonly_fields = ["content_type", "document", "fingerprint", "locator", "action",
                       "changes", "source", "author", "orphaned", "created"]
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False
