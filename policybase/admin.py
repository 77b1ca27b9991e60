"""The upload page and the jobs page of the admin.

``UploadJobAdmin``'s add page is the upload form (several files at once);
its list is the jobs page, which reloads itself while a job is queued or
running.  The work is the models' (``UploadJob.objects.accept``, ``lost``,
``retry``) and the task wiring's (``policybase.ingest.tasks``).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from documents.models import DOCUMENT_TEXT_FIELDS, Document

from .ingest import tasks
from .ingest.preview import CONFIRMED_FIELDS
from .models import UploadJob

admin.site.site_header = "吉林省科技政策知识库 · 管理 / Policy knowledge base admin"
admin.site.site_title = "吉林省科技政策知识库"

# While a job is queued or running the jobs page reloads itself this often
# (a meta refresh: the Content-Security-Policy allows no inline script).
REFRESH_SECONDS = 3


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every file of the input, unchecked: each becomes a job, and a file
    the workers cannot take is refused on its own row, not by failing the
    whole form (the others would be lost)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise forms.ValidationError(
                "请选择至少一个文件 / choose at least one file", code="required"
            )
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("文件"),
        widget=MultipleFileInput(
            attrs={"class": "upload-input", "aria-describedby": "upload-help"}
        ),
    )


class ConfirmForm(forms.Form):
    """The fields read from each document of an uploaded file, as read,
    for a curator to correct: "<n>-<field>" for the file's nth document."""

    LABELS = {
        "title": "标题 / title",
        "doc_number": "文号 / number",
        "issuer": "发文机关 / issuer",
        "issued_on": "发布日期 / date (YYYY-MM-DD)",
        "doc_type": "文件类型 / type",
    }

    def __init__(self, documents, data=None):
        super().__init__(data)
        self.documents = documents
        for n, document in enumerate(documents):
            for name in CONFIRMED_FIELDS:
                field = self._field(name)
                field.initial = document["fields"][name]["value"]
                self.fields[f"{n}-{name}"] = field

    def _field(self, name):
        model_field = Document._meta.get_field(name)
        if name == "issued_on":
            return forms.DateField(label=self.LABELS[name], required=False)
        if name == "doc_type":
            return forms.ChoiceField(
                label=self.LABELS[name], required=False,
                choices=[("", "—"), *model_field.choices],
            )
        return forms.CharField(
            label=self.LABELS[name], required=False, max_length=model_field.max_length
        )

    def rows(self):
        """Each document with its fields: (bound field, line read, confidence)."""
        return [
            {
                **document,
                "inputs": [
                    (
                        self[f"{n}-{name}"],
                        document["fields"][name]["line"],
                        document["fields"][name]["confidence"],
                    )
                    for name in CONFIRMED_FIELDS
                ],
            }
            for n, document in enumerate(self.documents)
        ]

    def corrections(self) -> dict:
        """By document key, the fields the curator changed (JSON values)."""
        out = {}
        for n, document in enumerate(self.documents):
            for name in CONFIRMED_FIELDS:
                value = self.cleaned_data[f"{n}-{name}"]
                value = value.isoformat() if hasattr(value, "isoformat") else (value or "")
                if value != document["fields"][name]["value"]:
                    # a date left empty is none; a text left empty is empty
                    stored = (value or None) if name == "issued_on" else value
                    out.setdefault(document["key"], {})[name] = stored
        return out


@admin.register(UploadJob)
class UploadJobAdmin(admin.ModelAdmin):
    list_display = ["job_file", "job_status", "job_progress", "job_document"]
    list_display_links = None
    list_filter = ["status", "outcome"]
    list_select_related = ["document", "duplicate_of__document", "submitted_by"]
    search_fields = ["name", "original__sha256", "document__key", "document__title"]
    actions = ["retry_jobs"]
    change_list_template = "admin/policybase/uploadjob/change_list.html"
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin-uploads.css"]}

    def get_queryset(self, request):
        # The policies a notice issues, named under it: keys and titles only.
        parts = Document.objects.only("key", "title", "subject", "source_name", "part_of_id")
        return (
            super()
            .get_queryset(request)
            .defer(
                *(
                    f"{relation}__{name}"
                    for relation in ("document", "duplicate_of__document")
                    for name in DOCUMENT_TEXT_FIELDS
                )
            )
            .prefetch_related(
                Prefetch("document__parts", queryset=parts.order_by("part_number")),
                Prefetch("duplicate_of__document__parts", queryset=parts.order_by("part_number")),
            )
        )

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        confirm = path(
            "<int:job_id>/confirm/",
            self.admin_site.admin_view(self.confirm_view),
            name="policybase_uploadjob_confirm",
        )
        return [confirm, *super().get_urls()]

    def confirm_view(self, request, job_id):
        """What was read from an uploaded file, each field with the line it
        came from: a curator corrects what is wrong and confirms; the job
        then writes the documents, the corrections as curations."""
        job = get_object_or_404(UploadJob, pk=job_id)
        if job.status != UploadJob.Status.AWAITING:
            messages.info(
                request,
                f"“{job.name}”不在待确认状态 / '{job.name}' is not awaiting confirmation",
            )
            return redirect("admin:policybase_uploadjob_changelist")
        documents = job.preview.get("documents", [])
        posted = request.method == "POST"
        if posted and not self.has_add_permission(request):
            raise PermissionDenied
        form = ConfirmForm(documents, request.POST if posted else None)
        if posted and form.is_valid():
            if job.confirm(form.corrections(), request.user):
                tasks.enqueue([job])
                messages.success(
                    request,
                    f"“{job.name}”已确认，后台写入中 / '{job.name}' confirmed, being written",
                )
            return redirect("admin:policybase_uploadjob_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"核对元数据 / Confirm the metadata: {job.name}",
            "job": job,
            "form": form,
            "documents": form.rows(),
            "can_confirm": self.has_add_permission(request),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/policybase/uploadjob/confirm.html", context)

    def add_view(self, request, form_url="", extra_context=None):
        """The upload page: several files in one form, one job each."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
        if posted and form.is_valid():
            jobs = UploadJob.objects.accept(
                form.cleaned_data["files"],
                request.user,
                max_bytes=settings.INGEST_MAX_BYTES,
                max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
            )
            tasks.enqueue(jobs)
            tasks.recover_lost()
            self.report(request, jobs)
            return redirect("admin:policybase_uploadjob_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "上传政策文件 / Upload policy files",
            "form": form,
            "max_bytes": settings.INGEST_MAX_BYTES,
            "confirm": settings.UPLOAD_CONFIRMATION,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/policybase/uploadjob/upload.html", context)

    def report(self, request, jobs):
        queued = [j for j in jobs if j.status == UploadJob.Status.QUEUED]
        if queued:
            messages.success(
                request,
                f"{len(queued)} 个文件已排队，后台导入中 / "
                f"{len(queued)} file(s) queued for ingest",
            )
        for job in jobs:
            if job.status == UploadJob.Status.FAILED:
                messages.error(request, f"“{job.name}”：{job.error}")
            elif job.outcome in (UploadJob.Outcome.UNCHANGED, UploadJob.Outcome.DUPLICATE):
                messages.info(
                    request,
                    f"“{job.name}”：同一文件已导入或正在导入，不再重复导入 / "
                    "the same file is already ingested or on its way; not ingested twice",
                )

    def changelist_view(self, request, extra_context=None):
        """The jobs page.  Looking at it also notices jobs whose worker
        died and queues them again."""
        tasks.recover_lost()
        extra_context = {
            **(extra_context or {}),
            "title": "上传任务 / Upload jobs",
            "refresh_seconds": REFRESH_SECONDS if UploadJob.objects.working().exists() else 0,
            "awaiting": UploadJob.objects.filter(status=UploadJob.Status.AWAITING).count(),
            "can_upload": self.has_add_permission(request),
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("重新排队所选的失败任务 / retry the selected failed jobs"),
                  permissions=["add"])
    def retry_jobs(self, request, queryset):
        count = tasks.retry(queryset)
        messages.success(request, f"{count} 个任务已重新排队 / {count} job(s) queued again")

    @admin.display(description=_("文件"), ordering="created")
    def job_file(self, job):
        download = ""
        if job.original_id:
            download = format_html(
                ' · <a class="job-download" href="{}" title="下载原始文件 / download the original">'
                "下载</a>",
                reverse("original-file", args=[job.original_id]),
            )
        return format_html(
            '<span class="job-name">{}</span>'
            '<div class="job-about">{}{}<br>{} · {}</div>',
            job.name,
            filesizeformat(job.size),
            download,
            date_format(timezone.localtime(job.created), "Y-m-d H:i"),
            job.submitted_by or "—",
        )

    @admin.display(description=_("状态"), ordering="status")
    def job_status(self, job):
        label = job.get_status_display()
        if job.status == UploadJob.Status.DONE and job.outcome:
            label = job.get_outcome_display()
        error = format_html('<div class="job-error">{}</div>', job.error) if job.error else ""
        attempt = (
            format_html('<div class="job-attempt">第 {} 次尝试 / attempt {}</div>',
                        job.attempts, job.attempts)
            if job.attempts > 1
            else ""
        )
        return format_html(
            '<span class="job-status job-{}">{}</span>{}{}', job.status, label, attempt, error
        )

    @admin.display(description=_("进度 / 结果"))
    def job_progress(self, job):
        if job.status == UploadJob.Status.AWAITING:
            return format_html(
                '<a class="job-confirm" href="{}">核对元数据并写入 / check the metadata and publish</a>'
                '<div class="job-stage">{}</div>',
                reverse("admin:policybase_uploadjob_confirm", args=[job.pk]),
                "已读取，待人工确认后写入知识库 / read; written once a curator confirms",
            )
        if job.status == UploadJob.Status.RUNNING:
            return format_html(
                '<progress max="100" value="{}">{}%</progress><div class="job-stage">{}</div>',
                job.progress, job.progress, job.stage or "开始 / starting",
            )
        if job.status == UploadJob.Status.QUEUED:
            return format_html('<span class="job-stage">{}</span>', "等待工作进程 / waiting for a worker")
        return format_html('<span class="job-summary">{}</span>', job.summary)

    @admin.display(description=_("知识库中的文件"))
    def job_document(self, job):
        document = job.result_document
        if document is None:
            return mark_safe('<span class="job-none">—</span>')
        queue = (
            ("目标", "admin:targets_target_changelist"),
            ("统计数据", "admin:targets_figure_changelist"),
            ("资助规则", "admin:measures_subsidy_changelist"),
        )
        parts = list(document.parts.all())

        def reviewed(item):
            links = format_html_join(
                " · ",
                '<a href="{}?queue=open&amp;document__id__exact={}">{}</a>',
                ((reverse(name), item.pk, label) for label, name in queue),
            )
            return format_html('<div class="job-review">审核队列：{}</div>', links)

        # A notice's facts are those of the policies it issues.
        issued = format_html_join(
            "",
            '<div class="job-part">印发 / issues: <a href="{}">{}</a>{}</div>',
            ((part.get_absolute_url(), part.display_title, reviewed(part)) for part in parts),
        )
        return format_html(
            '<a class="job-document" href="{}">{}</a>{}{}',
            document.get_absolute_url(), document.display_title,
            "" if parts else reviewed(document), issued,
        )

