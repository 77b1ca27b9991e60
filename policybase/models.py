"""The project's own tables: the knowledge base's data version, the
throttles' counts, and the jobs of uploaded files."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, OriginalFile
from documents.readers import SourceError, kind_of

from .workers import worker_gone


class DataVersion(models.Model):
    """One row whose ``number`` changes after every committed write to the
    knowledge base, from any process: each connection notices its writes to
    the tables of the documents, measures and targets apps and bumps it once
    per transaction, after the commit (``documents/apikit/data_version.py``),
    so bulk inserts, ``QuerySet.update()``, fixtures and raw SQL count too.
    The API's response cache keys on it."""

    number = models.BigIntegerField(_("数据版本"))

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return str(self.number)


class ThrottleCount(models.Model):
    """How many requests one client made in a throttle's current window
    (``documents/apikit/throttling.py``): one row per scope and client,
    counted up by one atomic statement, so that every worker process shares
    one count and two concurrent requests never both read the same one."""

    key = models.CharField(_("键"), max_length=200, primary_key=True)
    expires = models.BigIntegerField(_("窗口结束 (Unix 秒)"))
    hits = models.IntegerField(_("请求数"))

    class Meta:
        verbose_name = _("限流计数")
        verbose_name_plural = _("限流计数")

    def __str__(self):
        return f"{self.key}: {self.hits}"


class UploadJobQuerySet(models.QuerySet):
    def active(self):
        """Jobs on their way into the knowledge base: queued, running, or
        read and waiting for a curator to confirm what was read."""
        return self.filter(
            status__in=[
                UploadJob.Status.QUEUED, UploadJob.Status.RUNNING, UploadJob.Status.AWAITING
            ]
        )

    def working(self):
        """Jobs a worker is on or will take: queued or running."""
        return self.filter(status__in=[UploadJob.Status.QUEUED, UploadJob.Status.RUNNING])

    def lost(self):
        """Running jobs whose worker died on this machine, or that have run
        longer than ``INGEST_JOB_TIMEOUT`` (a worker elsewhere cannot be
        asked whether it lives)."""
        overdue = timezone.now() - timedelta(seconds=settings.INGEST_JOB_TIMEOUT)
        return [
            job
            for job in self.filter(status=UploadJob.Status.RUNNING)
            if job.started < overdue or worker_gone(job.worker)
        ]

    def unsent(self):
        """Queued jobs the task queue never received (it could not be
        reached when they were committed), a minute on."""
        return self.filter(
            status=UploadJob.Status.QUEUED,
            task_id="",
            created__lt=timezone.now() - timedelta(minutes=1),
        )

    def accept(
        self, files, user, *, max_bytes: int, max_file_bytes: int = 0, confirm: bool | None = None
    ) -> list["UploadJob"]:
        """One job per uploaded file, in the order given: queued, or failed
        at once with the reason (too large, a kind no reader takes), or done
        at once when the same bytes are already a document or on their way
        to becoming one.  Queued jobs still have to be handed to the workers
        (``policybase.ingest.tasks.enqueue``).  A text file is held to
        ``max_bytes``, any other file to ``max_file_bytes`` where that is larger
        (a scan weighs more than its text).  ``confirm``: whether a curator
        confirms the metadata read before the document is written
        (``settings.UPLOAD_CONFIRMATION`` unless given)."""
        if confirm is None:
            confirm = settings.UPLOAD_CONFIRMATION
        return [self._accept(file, user, max_bytes, max_file_bytes, confirm) for file in files]

    def _accept(self, file, user, max_bytes, max_file_bytes, confirm):
        job = self.model(
            name=file.name[:255], size=file.size, submitted_by=user, needs_confirmation=confirm
        )
        limit = max(max_bytes, max_file_bytes)
        if file.size > limit:
            return job.refuse(
                f"文件过大（{file.size} 字节，上限 {limit} 字节），未导入 / file too large "
                f"({file.size} bytes, the limit is {limit}); nothing imported"
            )
        data = file.read()
        try:
            kind_of(data, max_bytes=max_bytes)
        except SourceError as exc:
            return job.refuse(str(exc))
        job.original = OriginalFile.objects.keep(data, job.name)
        document = Document.objects.without_texts().filter(
            source_sha256=job.original.sha256
        ).first()
        earlier = (
            self.active().filter(original=job.original).order_by("pk").first()
            if document is None
            else None
        )
        if document is not None:
            job.status, job.document = self.model.Status.DONE, document
            job.outcome = self.model.Outcome.UNCHANGED
            job.summary = "同一文件已在库中，未重复导入 / the same file is stored already"
            job.progress, job.finished = 100, timezone.now()
        elif earlier is not None:
            job.status, job.duplicate_of = self.model.Status.DONE, earlier
            job.outcome = self.model.Outcome.DUPLICATE
            job.summary = (
                f"与任务 #{earlier.pk} 为同一文件，随其导入 / "
                f"the same file as job #{earlier.pk}, ingested with it"
            )
            job.progress, job.finished = 100, timezone.now()
        job.save()
        return job

    def claim(self, job_id: int, worker: str) -> "UploadJob | None":
        """Mark the queued job running on ``worker`` and return it; None
        when it is not queued (done, failed, or taken by another worker):
        a task run twice does the work once."""
        claimed = self.filter(pk=job_id, status=UploadJob.Status.QUEUED).update(
            status=UploadJob.Status.RUNNING,
            worker=worker,
            attempts=F("attempts") + 1,
            started=timezone.now(),
            stage="",
            progress=0,
            error="",
        )
        return self.select_related("original").get(pk=job_id) if claimed else None

    def retry(self) -> list["UploadJob"]:
        """Failed jobs whose file was kept, queued again (the attempts
        start afresh).  Still to be handed to the workers."""
        jobs = list(self.filter(status=UploadJob.Status.FAILED, original__isnull=False))
        for job in jobs:
            UploadJob.objects.filter(pk=job.pk, status=UploadJob.Status.FAILED).update(
                status=UploadJob.Status.QUEUED, attempts=0, error="", stage="",
                progress=0, finished=None,
            )
            job.status = UploadJob.Status.QUEUED
        return jobs


class UploadJob(models.Model):
    """One uploaded file on its way into the knowledge base: queued, run by
    a background worker (``policybase.ingest.tasks``), done or failed with
    the reason.  Every file sent gets a row, a refused one too."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中 (queued)")
        RUNNING = "running", _("处理中 (running)")
        AWAITING = "awaiting", _("待确认 (awaiting confirmation)")
        DONE = "done", _("完成 (done)")
        FAILED = "failed", _("失败 (failed)")

    class Outcome(models.TextChoices):
        CREATED = "created", _("新建 (created)")
        UPDATED = "updated", _("已更新 (updated)")
        UNCHANGED = "unchanged", _("未变 (unchanged)")
        DUPLICATE = "duplicate", _("重复上传 (duplicate)")

    # A job whose worker died is queued again this many times in all before
    # it is failed: a file that kills its worker every time stops there.
    MAX_ATTEMPTS = 3

    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    original = models.ForeignKey(
        OriginalFile,
        verbose_name=_("原始文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="upload_jobs",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, blank=True)
    stage = models.CharField(_("当前步骤"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("进度 (%)"), default=0)
    error = models.TextField(_("失败原因"), blank=True)
    summary = models.CharField(_("导入结果"), max_length=300, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upload_jobs",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("同一文件的任务"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    task_id = models.CharField(_("队列任务编号"), max_length=64, blank=True)
    worker = models.CharField(_("工作进程"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # Read first, written once a curator has confirmed (or corrected) the
    # metadata read from the file (``policybase.ingest.preview``): what was
    # read, the text the reader gave (a scan is not read twice), and the
    # corrections, by document key, that become curations.
    needs_confirmation = models.BooleanField(_("发布前核对元数据"), default=False)
    preview = models.JSONField(_("读取结果"), default=dict, blank=True)
    corrections = models.JSONField(_("核对时的更正"), default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核对者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed = models.DateTimeField(_("核对时间"), null=True, blank=True)
    created = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = UploadJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("上传任务")
        verbose_name_plural = _("上传任务")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"#{self.pk} {self.name}"

    @property
    def result_document(self):
        """The document this file is (also for a duplicate upload)."""
        if self.document_id is None and self.duplicate_of is not None:
            return self.duplicate_of.document
        return self.document

    def refuse(self, reason: str) -> "UploadJob":
        """Save the job as failed before any work: the file is not kept."""
        self.status, self.error, self.finished = self.Status.FAILED, reason, timezone.now()
        self.save()
        return self

    def advance(self, stage, number: int, total: int) -> None:
        """Show the stage the worker has reached (written at once, outside
        the document's transaction, so that the jobs page sees it)."""
        UploadJob.objects.filter(pk=self.pk, status=self.Status.RUNNING).update(
            stage=stage.label or self.stage, progress=round(100 * (number - 1) / total)
        )

    def await_confirmation(self, preview: dict) -> None:
        """Keep what was read from the file and wait for a curator (unless
        the job was taken for lost and queued again meanwhile)."""
        UploadJob.objects.filter(
            pk=self.pk, status=self.Status.RUNNING, worker=self.worker
        ).update(status=self.Status.AWAITING, preview=preview, stage="", progress=100)
        self.refresh_from_db()

    def confirm(self, corrections: dict, user) -> bool:
        """A curator confirmed the metadata read, with ``corrections`` (by
        document key, the fields changed): queue the job to be written.
        False when it no longer waits (another curator confirmed it)."""
        done = UploadJob.objects.filter(pk=self.pk, status=self.Status.AWAITING).update(
            status=self.Status.QUEUED,
            corrections=corrections,
            confirmed_by=user,
            confirmed=timezone.now(),
            task_id="",
            progress=0,
        )
        self.refresh_from_db()
        return bool(done)

    @property
    def awaiting(self) -> bool:
        """Read, and waiting for a curator to confirm it."""
        return self.needs_confirmation and self.confirmed is None

    def finish(self, report) -> None:
        """Record the outcome of the ingest (a ``DocumentReport``), unless
        the job was taken for lost and queued again meanwhile."""
        values = {"finished": timezone.now(), "stage": "", "progress": 100}
        if report.failed:
            values.update(status=self.Status.FAILED, error=report.error)
        else:
            counts = report.counts
            values.update(
                status=self.Status.DONE,
                outcome=report.status,
                document=Document.objects.filter(key=report.key).first(),
                summary=(
                    f"条款 {counts.get('provisions', 0)} · 目标 {counts.get('targets', 0)} · "
                    f"统计数据 {counts.get('figures', 0)} · 资助规则 {counts.get('subsidies', 0)}"
                    f" · 措施 {counts.get('measures', 0)}"
                ),
            )
        UploadJob.objects.filter(
            pk=self.pk, status=self.Status.RUNNING, worker=self.worker
        ).update(**values)
        self.refresh_from_db()

    def requeue_or_fail(self) -> bool:
        """For a job taken for lost: queue it again (True: it still has to
        be handed to the workers) or, after ``MAX_ATTEMPTS``, fail it with
        the reason.  Its worker's transaction died with it, so no part of
        the document was written."""
        running = UploadJob.objects.filter(
            pk=self.pk, status=self.Status.RUNNING, worker=self.worker
        )
        if self.attempts < self.MAX_ATTEMPTS:
            if running.update(status=self.Status.QUEUED, stage="", progress=0):
                self.status = self.Status.QUEUED
                return True
            return False
        running.update(
            status=self.Status.FAILED,
            finished=timezone.now(),
            error=(
                f"工作进程在处理中途退出（已尝试 {self.attempts} 次），文件未导入；可重试 / "
                f"the worker stopped mid-job ({self.attempts} attempts); "
                "nothing imported, the job can be retried"
            ),
        )
        return False
