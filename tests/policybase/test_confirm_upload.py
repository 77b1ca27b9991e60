"""An upload is read, then waits for a curator to confirm the metadata read
from it before its documents are written; what the curator corrects is a
curation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from documents.models import Curation, Document
from documents.readers.types import Reading
from policybase.ingest import ingest_source
from policybase.ingest.sources import uploaded_source
from policybase.models import UploadJob
from tests.queue import run_db_worker
from tests.readers import formats

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
BEIHU = GENRE / "subsidy_songjiang_beihu.txt"
UPLOAD = reverse("admin:policybase_uploadjob_add")
JOBS = reverse("admin:policybase_uploadjob_changelist")
POLICY_TITLE = "北湖区促进科技型企业高质量发展若干支持措施"


@pytest.fixture(autouse=True)
def confirmation_on(settings):
    settings.UPLOAD_CONFIRMATION = True


@pytest.fixture
def read_job(curator_client, django_capture_on_commit_callbacks):
    """The Beihu notice uploaded as a .docx and read by a worker."""
    docx = SimpleUploadedFile(
        "beihu.docx", formats.word_docx(formats.paragraphs(BEIHU))
    )
    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(UPLOAD, {"files": [docx]}, follow=True)
    run_db_worker()
    return UploadJob.objects.get(name="beihu.docx")


def confirm_url(job):
    return reverse("admin:policybase_uploadjob_confirm", args=[job.pk])


def form_of(job, **changes):
    """The confirmation form as shown, with ``changes`` ("<n>-<field>")."""
    data = {
        f"{n}-{name}": field["value"]
        for n, document in enumerate(job.preview["documents"])
        for name, field in document["fields"].items()
    }
    return {**data, **changes}


def test_an_upload_is_read_and_nothing_is_written_until_confirmed(read_job, curator_client):
    assert read_job.status == "awaiting"
    assert not Document.objects.filter(source_name="beihu.docx").exists()
    notice, policy = read_job.preview["documents"]
    assert (notice["key"], policy["key"]) == ("beihu", "beihu-fj1")
    # Each field with the line it was read from.
    assert notice["fields"]["doc_number"] == {
        "value": "松北府办发〔2023〕12号", "line": "松北府办发〔2023〕12号", "confidence": 0.95,
    }
    assert policy["fields"]["title"]["value"] == POLICY_TITLE
    assert policy["fields"]["issued_on"]["value"] == "2023-03-15"
    assert policy["fields"]["issued_on"]["line"] == "2023年3月15日"
    jobs = curator_client.get(JOBS).content.decode()
    assert confirm_url(read_job) in jobs and "待确认" in jobs
    page = curator_client.get(confirm_url(read_job)).content.decode()
    assert "松北府办发〔2023〕12号" in page and "beihu-fj1" in page
    assert 'name="1-title"' in page and "确认并写入知识库" in page


def test_confirming_writes_the_documents_with_the_corrections_as_curations(
    read_job, curator_client, curator, django_capture_on_commit_callbacks
):
    corrected = "北湖区促进科技型企业高质量发展的若干支持措施"
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            confirm_url(read_job), form_of(read_job, **{"1-title": corrected, "1-doc_type": "措施"})
        )
    assert response.status_code == 302, response.context["form"].errors
    read_job.refresh_from_db()
    assert read_job.status == "queued" and read_job.confirmed_by == curator
    assert read_job.corrections == {"beihu-fj1": {"title": corrected}}
    run_db_worker()
    read_job.refresh_from_db()
    assert (read_job.status, read_job.outcome) == ("done", "created")
    policy = Document.objects.get(key="beihu-fj1")
    assert policy.title == corrected and policy.part_of.key == "beihu"
    curation = Curation.objects.get(document=policy)
    assert (curation.changes, curation.author, curation.source) == (
        {"title": corrected}, curator, "upload"
    )
    # A curation like any other: a re-ingest keeps it.
    call_command("ingest", "--force", str(read_job.original.file.path), verbosity=0)
    policy.refresh_from_db()
    assert policy.title == corrected


def test_a_bad_value_is_refused_and_the_job_keeps_waiting(read_job, curator_client):
    response = curator_client.post(confirm_url(read_job), form_of(read_job, **{"0-issued_on": "2023-13-45"}))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    read_job.refresh_from_db()
    assert read_job.status == "awaiting"


def test_a_viewer_sees_what_was_read_but_cannot_confirm(read_job, viewer_client):
    page = viewer_client.get(confirm_url(read_job))
    assert page.status_code == 200 and "确认并写入知识库" not in page.content.decode()
    assert viewer_client.post(confirm_url(read_job), form_of(read_job)).status_code == 403
    read_job.refresh_from_db()
    assert read_job.status == "awaiting"


def test_the_text_read_for_the_preview_is_the_text_written(db, tmp_path):
    # A scan is not read twice: the write takes the preview's reading.
    path = tmp_path / "stored"
    path.write_text("这不是被写入的文字。\n")
    reading = Reading(kind="pdf", text="关于某事的通知\n一、总则\n为规范管理，制定本通知。", lines_are_paragraphs=True)
    report = ingest_source(uploaded_source(path, "scan.pdf"), reading=reading)
    assert not report.failed, report.error
    assert "为规范管理" in Document.objects.get(key="scan").text
