"""A notice and the policy it issues become two documents of one file: the
notice, and the policy as a document of its own linked to it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Document
from measures.models import Subsidy
from policybase.ingest import ingest_source
from policybase.ingest.sources import source_from_path

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
BEIHU = GENRE / "subsidy_songjiang_beihu.txt"
KEY = "subsidy_songjiang_beihu"


@pytest.fixture
def beihu(db, tmp_path):
    Document.objects.all().delete()  # whatever the session corpus holds
    path = tmp_path / BEIHU.name
    path.write_bytes(BEIHU.read_bytes())
    return path


def ingest(path, **options) -> str:
    out = StringIO()
    call_command("ingest", str(path), stdout=out, **options)
    return out.getvalue()


def test_the_notice_and_the_policy_are_two_linked_documents(beihu):
    out = ingest(beihu)
    notice = Document.objects.get(key=KEY)
    policy = Document.objects.get(key=f"{KEY}-fj1")
    assert f"{KEY}-fj1" in out  # the run names what the notice issues
    assert notice.part_of is None and list(notice.parts.all()) == [policy]
    assert policy.part_of == notice and policy.part_number == 1 and policy.part_label == ""
    assert notice.title.endswith("关于印发北湖区促进科技型企业高质量发展若干支持措施的通知")
    assert notice.doc_type == "通知" and notice.doc_number == "松北府办发〔2023〕12号"
    assert policy.title == "北湖区促进科技型企业高质量发展若干支持措施"
    assert policy.doc_type == "措施" and policy.doc_number == ""
    assert policy.issuer == notice.issuer and policy.issued_on == notice.issued_on
    # The rules are the policy's; the notice holds its own lines only.
    assert Subsidy.objects.filter(document=policy).count() == 11
    assert not Subsidy.objects.filter(document=notice).exists()
    assert notice.provisions.count() == 6
    assert "一、支持企业加大研发投入" in policy.text and "一、" not in notice.text
    # Its period is the policy's own ("有效期三年"), from its own text; the
    # notice, which states none, applies while the policy does.
    assert policy.validity_basis == "term" and policy.valid_until is not None
    assert notice.validity_basis == "issued_parts"
    assert (notice.valid_from, notice.valid_until) == (policy.valid_from, policy.valid_until)
    # Both keep the file they came from.
    assert notice.original_id is not None and policy.original_id == notice.original_id
    # Every fact points into the policy's own text.
    for subsidy in Subsidy.objects.filter(document=policy):
        assert policy.text[subsidy.start : subsidy.end] in subsidy.source_text


def test_a_second_run_changes_nothing_and_a_forced_one_keeps_the_rows(beihu):
    ingest(beihu)
    ids = dict(Document.objects.values_list("key", "pk"))
    stamps = dict(Document.objects.values_list("key", "updated"))
    out = ingest(beihu)
    assert "unchanged" in out
    assert dict(Document.objects.values_list("key", "updated")) == stamps
    ingest(beihu, force=True)
    assert dict(Document.objects.values_list("key", "pk")) == ids
    assert Subsidy.objects.filter(document__key=f"{KEY}-fj1").count() == 11


def test_a_notice_that_no_longer_issues_the_policy_loses_it(beihu):
    ingest(beihu)
    text = BEIHU.read_text()
    beihu.write_text(text[: text.index("北湖区促进科技型企业高质量发展若干支持措施\n")])
    ingest(beihu)
    assert list(Document.objects.values_list("key", flat=True)) == [KEY]


def test_a_policy_key_held_by_another_file_fails_the_file_and_writes_nothing(beihu, tmp_path):
    other = tmp_path / f"{KEY}-fj1.txt"
    other.write_text("关于某事的通知\n\n一、总则\n\n为规范管理，制定本通知。\n")
    ingest(other)
    with pytest.raises(CommandError):
        ingest(beihu)
    assert list(Document.objects.values_list("key", flat=True)) == [f"{KEY}-fj1"]
    report = ingest_source(source_from_path(beihu))
    assert report.failed and f"{KEY}-fj1" in report.error


def test_deleting_the_notice_deletes_what_it_issues(beihu):
    ingest(beihu)
    Document.objects.get(key=KEY).delete()
    assert not Document.objects.exists()


def test_a_bundled_forwarding_notice_stays_one_document_as_its_manifest_says(corpus):
    # 001: the manifest describes the plan, with the notice as its preamble.
    document = Document.objects.get(key="achievement-transfer-plan-2016")
    assert document.title == "吉林省促进科技成果转移转化实施方案"
    assert not document.parts.exists() and document.part_of is None


def test_the_api_and_the_page_link_the_notice_and_the_policy(beihu, client):
    ingest(beihu)
    notice = client.get(f"/api/v1/documents/{KEY}/").json()
    assert notice["parts"] == [f"{KEY}-fj1"] and notice["part_of"] is None
    policy = client.get(f"/api/v1/documents/{KEY}-fj1/").json()
    assert policy["part_of"] == KEY and policy["part_number"] == 1 and policy["parts"] == []
    listed = client.get("/api/v1/documents/", {"part_of": KEY}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["key"] for row in rows] == [f"{KEY}-fj1"]
    page = client.get(f"/documents/{KEY}/").content.decode()
    assert "印发的文件" in page and f"/documents/{KEY}-fj1/" in page
    page = client.get(f"/documents/{KEY}-fj1/").content.decode()
    assert "印发通知" in page and f'href="/documents/{KEY}/"' in page
