"""``manage.py ingest --jobs N``: files that are not plain text are read by
N processes ahead of the one being written; the knowledge base is the one a
run that reads each file in turn leaves."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.models import Document, Provision
from measures.models import Subsidy
from policybase.ingest.read_ahead import readings
from policybase.ingest.sources import sources_from_paths
from targets.models import Target
from tests.readers import formats

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"


@pytest.fixture
def folder(tmp_path):
    """A printed PDF, a .docx, an OFD, a web page, a text and a broken PDF."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    paragraphs = {name: formats.paragraphs(GENRE / f"{name}.txt") for name in (
        "plan_songjiang_14th", "regulation_songjiang_transfer", "reply_songjiang_cppcc86",
        "subsidy_songjiang_beihu",
    )}
    (inbox / "plan.pdf").write_bytes(formats.printed_pdf(paragraphs["plan_songjiang_14th"]))
    (inbox / "regulation.docx").write_bytes(formats.word_docx(paragraphs["regulation_songjiang_transfer"]))
    (inbox / "reply.ofd").write_bytes(formats.ofd_document(paragraphs["reply_songjiang_cppcc86"]))
    (inbox / "beihu.html").write_bytes(
        formats.government_page(paragraphs["subsidy_songjiang_beihu"], title=None, meta={})
    )
    (inbox / "beihu-text.txt").write_bytes((GENRE / "subsidy_songjiang_beihu.txt").read_bytes())
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 64)
    return inbox


def snapshot():
    def rows(queryset):
        return sorted(map(repr, queryset))

    return (
        rows(Document.objects.values_list("key", "title", "text", "part_of__key")),
        rows(Provision.objects.values_list("document__key", "key", "text")),
        rows(Subsidy.objects.values_list("document__key", "amount_max", "ratio_percent", "start")),
        rows(Target.objects.values_list("document__key", "value", "unit", "year", "start")),
    )


def ingest(folder, jobs) -> str:
    out = StringIO()
    try:
        call_command("ingest", str(folder), f"--jobs={jobs}", stdout=out)
    except Exception as exc:  # the broken PDF fails the run, after the others
        out.write(str(exc))
    return out.getvalue()


def test_reading_ahead_leaves_the_knowledge_base_reading_in_turn_does(db, folder):
    Document.objects.all().delete()
    one = ingest(folder, 1)
    alone = snapshot()
    Document.objects.all().delete()
    two = ingest(folder, 2)
    assert snapshot() == alone
    # the broken file fails with the reader's reason either way, the rest are in
    for out in (one, two):
        assert "documents 5 ok, 1 failed" in out
        assert "broken.pdf" in out


def test_only_files_worth_it_are_read_ahead(db, folder):
    Document.objects.all().delete()
    sources = sources_from_paths([folder])
    got = dict(zip((s.path.name for s in sources), readings(sources, 2), strict=True))
    assert got["beihu-text.txt"] is None  # a text reads in milliseconds
    assert got["broken.pdf"] is None  # the run reads it itself, to say why
    assert {got[name].kind for name in ("plan.pdf", "regulation.docx", "reply.ofd", "beihu.html")} == {
        "pdf", "docx", "ofd", "html"
    }
    ingest(folder, 1)
    # Unchanged files are not read again.
    assert all(reading is None for reading in readings(sources, 2))
