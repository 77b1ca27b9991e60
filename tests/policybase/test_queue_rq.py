"""The same uploads through RQ on the local Redis (127.0.0.1:6379), the
configuration for several workers on several machines: a queue of this
test's own, emptied and removed afterwards; skipped when no Redis answers.

The worker is RQ's ``SimpleWorker`` in burst mode, in the test's process
(it runs each job without forking, so the job sees the test's database)."""

import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from documents.models import Document
from policybase.ingest import tasks
from policybase.models import UploadJob
from tests.queue import remove_rq_queue

REDIS_URL = "redis://127.0.0.1:6379/0"
GENRE = Path(__file__).resolve().parents[2] / "tests" / "data" / "genre"


@pytest.fixture
def rq_queue():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    import django_rq

    name = f"policybase-test-{uuid.uuid4().hex[:12]}"
    with override_settings(
        INGEST_QUEUE=name,
        # django-tasks-rq reads results through the "default" connection.
        RQ_QUEUES={name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}, "default": {"URL": REDIS_URL}},
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}},
    ):
        yield name
        remove_rq_queue(django_rq.get_connection(name), name)


def run_rq_worker(queue):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    worker = django_rq.get_worker(queue, job_class=Job, worker_class=SimpleWorker)
    worker.work(burst=True, with_scheduler=False)


def test_uploads_are_ingested_by_an_rq_worker(db, rq_queue, django_capture_on_commit_callbacks):
    files = [
        SimpleUploadedFile(path.name, path.read_bytes())
        for path in (GENRE / "plan_songjiang_14th.txt", GENRE / "reply_songjiang_cppcc86.txt")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        jobs = UploadJob.objects.accept(files, None, max_bytes=5 * 1024 * 1024)
        tasks.enqueue(jobs)
    import django_rq

    assert django_rq.get_queue(rq_queue).count == 2
    run_rq_worker(rq_queue)
    for job in UploadJob.objects.all():
        assert (job.status, job.outcome, job.attempts) == ("done", "created", 1)
        # The task's result, as the backend reports it.
        result = tasks.ingest_upload.using(queue_name=rq_queue).get_result(job.task_id)
        assert result.status == "SUCCESSFUL"
        assert result.return_value["status"] == "done"
    assert Document.objects.filter(source_name="reply_songjiang_cppcc86.txt").exists()
    # Run again, the same task changes nothing: the job is no longer queued.
    job = UploadJob.objects.first()
    tasks._enqueue(job.pk)
    run_rq_worker(rq_queue)
    job.refresh_from_db()
    assert job.attempts == 1
