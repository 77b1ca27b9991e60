"""Files uploaded in the admin, ingested by the database backend's worker
(run in the test, tests/queue.py): the upload page, the jobs page, the task,
the originals kept under their SHA-256, and jobs whose worker died."""

import hashlib
import re
import socket
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from documents.models import Document, OriginalFile, Provision
from policybase.ingest import tasks
from policybase.models import UploadJob
from tests.queue import run_db_worker
from tests.readers import formats

ROOT = Path(__file__).resolve().parents[2]
GENRE = ROOT / "tests" / "data" / "genre"
PLAN = GENRE / "plan_songjiang_14th.txt"
REGULATION = GENRE / "regulation_songjiang_transfer.txt"
UPLOAD = reverse("admin:policybase_uploadjob_add")
JOBS = reverse("admin:policybase_uploadjob_changelist")


def upload(client, *files, capture):
    """POST the files in one form, the queued jobs handed to the backend
    as on a commit; the jobs page the redirect leads to."""
    with capture(execute=True):
        response = client.post(UPLOAD, {"files": list(files)}, follow=True)
    assert response.redirect_chain[-1][0] == JOBS
    return response


def text_file(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def docx_of(path):
    return SimpleUploadedFile(
        f"{path.stem}.docx", formats.word_docx(formats.paragraphs(path))
    )


def job_named(name):
    return UploadJob.objects.get(name=name)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_every_file_gets_a_job_and_bad_ones_a_reason(curator_client, capture, settings):
    settings.INGEST_MAX_BYTES = 60_000
    response = upload(
        curator_client,
        text_file(PLAN),
        docx_of(REGULATION),
        SimpleUploadedFile("notes.bin", bytes(range(256)) * 8),
        SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        SimpleUploadedFile("huge.txt", "科技".encode() * 40_000),
        SimpleUploadedFile("empty.txt", b""),
        capture=capture,
    )
    assert UploadJob.objects.count() == 6
    queued = UploadJob.objects.filter(status="queued")
    # An old Word file is a kind a reader takes: what is inside (here
    # nothing) only reading tells, on the worker.
    assert sorted(queued.values_list("name", flat=True)) == [
        "old.doc", "plan_songjiang_14th.txt", "regulation_songjiang_transfer.docx"
    ]
    # Each queued job is a task of the database backend, under its id.
    assert set(DBTaskResult.objects.values_list("id", flat=True)) == {
        uuid.UUID(j.task_id) for j in queued
    }
    refused = {j.name: j.error for j in UploadJob.objects.filter(status="failed")}
    assert "file is binary" in refused["notes.bin"]
    assert "60000" in refused["huge.txt"] and "文件过大" in refused["huge.txt"]
    assert "file is empty" in refused["empty.txt"]
    # One bilingual line each, on the page too; a refused file is not kept.
    page = response.content.decode()
    for name, error in refused.items():
        assert "\n" not in error and re.search("[\u4e00-\u9fff]", error) and re.search("[a-z]{4}", error)
        assert f"“{name}”：{error}" in page
    assert "3 个文件已排队" in page
    assert [j.original for j in UploadJob.objects.filter(status="failed")] == [None] * 3
    assert OriginalFile.objects.filter(upload_jobs__in=queued).count() == 3


def test_the_worker_ingests_each_job_in_its_own_transaction(curator_client, capture):
    upload(curator_client, text_file(PLAN), docx_of(REGULATION), capture=capture)
    run_db_worker()
    for name in ("plan_songjiang_14th.txt", "regulation_songjiang_transfer.docx"):
        job = job_named(name)
        assert (job.status, job.outcome, job.attempts, job.progress) == ("done", "created", 1, 100)
        assert job.document.source_name == name
        assert job.document.original.sha256 == job.original_id
        assert f"条款 {job.document.provisions.count()}" in job.summary
        assert job.error == "" and job.stage == ""
    # Keyed by the name it was sent under, as `ingest` keys a file.
    assert job_named(PLAN.name).document.key == "plan_songjiang_14th"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_a_notice_upload_names_the_policy_it_issues_on_the_jobs_page(curator_client, capture):
    beihu = GENRE / "subsidy_songjiang_beihu.txt"
    upload(curator_client, docx_of(beihu), capture=capture)
    run_db_worker()
    job = job_named("subsidy_songjiang_beihu.docx")
    assert job.status == "done" and job.document.doc_type == "通知"
    policy = job.document.parts.get()
    # The file's totals are the notice's and the policy's.
    assert "资助规则 11" in job.summary
    page = curator_client.get(JOBS).content.decode()
    assert "印发 / issues" in page and policy.get_absolute_url() in page
    # Its review queue is the policy's, where the facts are.
    assert f"document__id__exact={policy.pk}" in page
    assert f"document__id__exact={job.document.pk}" not in page


def test_a_task_run_twice_does_the_work_once(curator_client, capture):
    upload(curator_client, text_file(PLAN), capture=capture)
    job = job_named(PLAN.name)
    first = tasks.ingest_upload.call(job.pk)
    document = Document.objects.get(key="plan_songjiang_14th")
    provisions = list(Provision.objects.filter(document=document).values_list("pk", "text"))
    second = tasks.ingest_upload.call(job.pk)
    assert first["status"] == "done" and "skipped" in second
    document.refresh_from_db()
    assert list(Provision.objects.filter(document=document).values_list("pk", "text")) == provisions
    job.refresh_from_db()
    assert job.attempts == 1


def test_the_same_file_is_stored_once_and_ingested_once(
    curator_client, capture, media_root
):
    data = PLAN.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    # Twice in one form, then again later under another name.
    upload(curator_client, text_file(PLAN), text_file(PLAN), capture=capture)
    first, twin = UploadJob.objects.order_by("pk")
    assert (twin.status, twin.outcome, twin.duplicate_of) == ("done", "duplicate", first)
    run_db_worker()
    upload(curator_client, text_file(PLAN, "copy of the plan.txt"), capture=capture)
    again = job_named("copy of the plan.txt")
    first.refresh_from_db()
    twin.refresh_from_db()
    assert (again.status, again.outcome) == ("done", "unchanged")
    assert again.document == first.document == twin.result_document
    assert Document.objects.filter(source_sha256=sha).count() == 1
    assert OriginalFile.objects.filter(upload_jobs__isnull=False).distinct().count() == 1
    stored = [p for p in (media_root / "originals").rglob("*") if p.is_file()]
    assert [p.name for p in stored if p.read_bytes() == data] == [sha]
    assert DBTaskResult.objects.count() == 1


def test_a_revised_file_of_the_same_name_updates_its_document(curator_client, capture):
    upload(curator_client, text_file(PLAN, "plan.txt"), capture=capture)
    run_db_worker()
    revised = PLAN.read_bytes().replace("明显成效".encode(), "显著成效".encode(), 1)
    upload(curator_client, SimpleUploadedFile("plan.txt", revised), capture=capture)
    run_db_worker()
    first, second = UploadJob.objects.order_by("pk")
    assert (first.outcome, second.outcome) == ("created", "updated")
    assert first.document == second.document
    document = Document.objects.get(key="plan")
    assert document.original_id == hashlib.sha256(revised).hexdigest()
    assert OriginalFile.objects.filter(upload_jobs__isnull=False).distinct().count() == 2


def test_a_file_the_reader_refuses_fails_its_job_with_the_reason(curator_client, capture):
    # A PDF is taken at the door; that it is broken only reading tells.
    upload(
        curator_client,
        SimpleUploadedFile("broken.pdf", b"%PDF-1.7\n" + b"garbage " * 50),
        capture=capture,
    )
    run_db_worker()
    job = job_named("broken.pdf")
    assert job.status == "failed" and "PDF" in job.error
    assert re.search("[\u4e00-\u9fff]", job.error) and "\n" not in job.error
    assert not Document.objects.filter(source_name="broken.pdf").exists()


def test_jobs_page_refreshes_while_a_job_is_waiting(curator_client, capture):
    response = upload(curator_client, text_file(PLAN), capture=capture)
    page = response.content.decode()
    assert 'data-refresh="3"' in page and "js/admin-jobs.js" in page
    assert "排队中" in page and "等待工作进程" in page
    run_db_worker()
    page = curator_client.get(JOBS).content.decode()
    assert "data-refresh" not in page
    document = Document.objects.get(key="plan_songjiang_14th")
    assert document.get_absolute_url() in page
    assert f"queue=open&amp;document__id__exact={document.pk}" in page
    assert reverse("original-file", args=[document.original_id]) in page


def test_a_running_job_shows_its_stage_and_progress(curator_client, capture):
    upload(curator_client, text_file(PLAN), capture=capture)
    job = UploadJob.objects.claim(job_named(PLAN.name).pk, "elsewhere:1:1")
    job.advance(type("Stage", (), {"label": "解析 / parsing"})(), 4, 8)
    page = curator_client.get(JOBS).content.decode()
    assert '<progress max="100" value="38">' in page
    assert "解析 / parsing" in page and "处理中" in page
    assert 'data-refresh="3"' in page


def test_a_viewer_sees_the_jobs_but_cannot_upload(viewer_client):
    assert viewer_client.get(JOBS).status_code == 200
    assert "上传文件 / Upload files" not in viewer_client.get(JOBS).content.decode()
    assert viewer_client.get(UPLOAD).status_code == 403
    assert viewer_client.post(UPLOAD, {"files": [text_file(PLAN)]}).status_code == 403
    assert not UploadJob.objects.exists()


def test_the_upload_form_asks_for_a_file(curator_client):
    page = curator_client.get(UPLOAD).content.decode()
    assert 'type="file"' in page and "multiple" in page
    response = curator_client.post(UPLOAD, {})
    assert "请选择至少一个文件 / choose at least one file" in response.content.decode()


def dead_worker():
    # This machine, a pid no process has: the worker is gone.
    return f"{socket.gethostname()}:4194303:1"


def test_a_job_whose_worker_died_is_queued_again_then_failed(curator_client, capture):
    upload(curator_client, text_file(PLAN), capture=capture)
    job = job_named(PLAN.name)
    for attempt in range(1, UploadJob.MAX_ATTEMPTS + 1):
        assert UploadJob.objects.claim(job.pk, dead_worker())
        with capture(execute=True):
            curator_client.get(JOBS)  # the jobs page notices
        job.refresh_from_db()
        assert job.attempts == attempt
        if attempt < UploadJob.MAX_ATTEMPTS:
            assert job.status == "queued"
    assert job.status == "failed"
    assert "the worker stopped mid-job (3 attempts)" in job.error
    assert "工作进程在处理中途退出" in job.error
    assert DBTaskResult.objects.count() == UploadJob.MAX_ATTEMPTS
    # A curator retries it, and a living worker finishes it.
    with capture(execute=True):
        curator_client.post(
            JOBS, {"action": "retry_jobs", "_selected_action": [job.pk]}, follow=True
        )
    run_db_worker()
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("done", "created", 1)


def test_a_job_running_past_its_timeout_is_taken_for_lost(curator_client, capture, settings):
    upload(curator_client, text_file(PLAN), capture=capture)
    job = UploadJob.objects.claim(job_named(PLAN.name).pk, "another-machine:12:34")
    assert UploadJob.objects.lost() == []
    settings.INGEST_JOB_TIMEOUT = -1
    assert [j.pk for j in UploadJob.objects.lost()] == [job.pk]


def test_a_refused_file_is_not_retried(curator_client, capture):
    upload(curator_client, SimpleUploadedFile("notes.bin", b"\0" * 100), capture=capture)
    assert tasks.retry(UploadJob.objects.all()) == 0
    assert job_named("notes.bin").status == "failed"


def test_the_original_is_downloadable_from_its_document(corpus, client, superuser_client):
    document = Document.objects.get(key="innovative-jilin-action-plan-2011")
    source = ROOT / "fixtures" / "sources" / document.source_name
    assert document.original_id == hashlib.sha256(source.read_bytes()).hexdigest()
    url = reverse("original-file", args=[document.original_id])
    assert url in client.get(document.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == source.read_bytes()
    admin_page = superuser_client.get(
        reverse("admin:documents_document_change", args=[document.pk])
    ).content.decode()
    assert url in admin_page
    assert client.get(reverse("original-file", args=["0" * 64])).status_code == 404


def test_a_job_the_queue_never_received_is_sent_again(curator_client, capture, monkeypatch):
    class Unreachable:
        def using(self, **kwargs):
            return self

        def enqueue(self, *args):
            raise ConnectionError("the task queue is down")

    with monkeypatch.context() as patched:
        patched.setattr(tasks, "ingest_upload", Unreachable())
        response = upload(curator_client, text_file(PLAN), capture=capture)
    assert response.status_code == 200  # the upload itself is not lost
    job = job_named(PLAN.name)
    assert (job.status, job.task_id) == ("queued", "")
    with capture(execute=True):
        curator_client.get(JOBS)
    assert job_named(PLAN.name).task_id == ""  # too soon to tell from a slow commit
    UploadJob.objects.filter(pk=job.pk).update(
        created=job.created - timedelta(minutes=2)
    )
    with capture(execute=True):
        curator_client.get(JOBS)
    assert job_named(PLAN.name).task_id
    run_db_worker()
    assert job_named(PLAN.name).status == "done"
