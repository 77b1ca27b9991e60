"""Uploaded files ingested by background workers, through Django's Tasks API
(the django-tasks backport; ``settings.TASKS`` picks the database backend,
run by ``manage.py db_worker``, or RQ on Redis, run by ``manage.py rqworker``).

One task, ``ingest_upload``: one ``UploadJob``, through ``PIPELINE`` as
``manage.py ingest`` runs it, so one transaction per document.  A job that
needs confirmation (``settings.UPLOAD_CONFIRMATION``) runs twice: first the
file is only read (``preview.preview_source``) and the job waits for a
curator; once confirmed, the same text is written with the corrections as
curations.  It is
idempotent: a job is claimed only while it is queued, and a file already
ingested is unchanged.  A worker that dies mid-job leaves the job
"running" under a dead worker; ``recover_lost`` queues it again (or fails
it after ``UploadJob.MAX_ATTEMPTS``), and is run by the jobs page, the
upload page and every task.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task

from documents.curation import ShippedCurations
from documents.parsing.encoding import SourceError
from policybase.models import UploadJob
from policybase.workers import current_worker

from .pipeline import ingest_source
from .preview import preview_source, reading_from_json
from .report import DocumentReport
from .sources import CURATION_DIR, uploaded_source
from .stages import Parse

logger = logging.getLogger(__name__)


@task(queue_name=settings.INGEST_QUEUE)
def ingest_upload(job_id: int) -> dict:
    """Ingest the file of upload job ``job_id``; return its outcome."""
    recover_lost()
    job = UploadJob.objects.claim(job_id, current_worker())
    if job is None:
        return {"job": job_id, "skipped": "not queued / 任务不在排队中"}
    source = uploaded_source(Path(job.original.file.path), job.name)
    if job.awaiting:
        # Read only: a curator confirms the metadata before anything is written.
        job.advance(Parse(), 1, 2)
        try:
            preview = preview_source(source)
        except SourceError as exc:
            job.finish(DocumentReport(source=job.name, status="failed", error=str(exc)))
        else:
            job.await_confirmation(preview)
        return {"job": job_id, "status": job.status, "error": job.error}
    reading = job.preview.get("reading")
    report = ingest_source(
        source,
        shipped=ShippedCurations.read(CURATION_DIR),
        on_stage=job.advance,
        reading=reading_from_json(reading) if reading else None,
        corrections=job.corrections,
        confirmed_by=job.confirmed_by,
    )
    job.finish(report)
    return {"job": job_id, "status": job.status, "outcome": job.outcome, "error": job.error}


def enqueue(jobs) -> None:
    """Hand the queued ``jobs`` to the workers once their rows are
    committed: a worker on another connection must find them."""
    for job in jobs:
        if job.status == UploadJob.Status.QUEUED:
            transaction.on_commit(partial(_enqueue, job.pk))


def _enqueue(job_id: int) -> None:
    # The queue is read from the settings at each call, not when the task
    # was declared, so that a configuration (or a test) may name another.
    try:
        result = ingest_upload.using(queue_name=settings.INGEST_QUEUE).enqueue(job_id)
    except Exception:
        # Redis down, say: the job is committed and stays queued without a
        # task; recover_lost sends it again later (UploadJob.objects.unsent).
        logger.exception("upload job %s could not be handed to the task queue", job_id)
        return
    UploadJob.objects.filter(pk=job_id).update(task_id=result.id)


def recover_lost() -> int:
    """Queue again the jobs whose worker died (or fail those that used up
    their attempts), and send the queued jobs the task queue never
    received; return how many were sent."""
    again = [job for job in UploadJob.objects.lost() if job.requeue_or_fail()]
    again += list(UploadJob.objects.unsent())
    enqueue(again)
    return len(again)


def retry(jobs) -> int:
    """Queue the failed ``jobs`` again; return how many."""
    again = jobs.retry()
    enqueue(again)
    return len(again)
