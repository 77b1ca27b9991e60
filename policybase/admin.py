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
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from documents.models import DOCUMENT_TEXT_FIELDS, Document

from .ingest import tasks
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
            "refresh_seconds": REFRESH_SECONDS if UploadJob.objects.active().exists() else 0,
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

