"""One document, every format: a printed PDF, the same pages as an OFD, a
.docx, a government-site page and an old Word file made from each bundled
text and each genre text must give the parser the same provision tree as the
text itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.parsing import parse_document
from documents.parsing.lines import is_page_mark
from documents.parsing.normalise import fold_text
from documents.parsing.pipeline import parse_text
from documents.readers import read
from tests.readers import formats

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "fixtures" / "sources").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "data" / "genre").glob("*.txt") if "gb18030" not in p.name
)
MAX = 10**8


def tree(parsed) -> list[tuple]:
    return [
        (p.kind, p.label, p.heading, p.text, tuple(sorted(p.cells.items())))
        for p in parsed.walk()
    ]


def made(path: Path, kind: str, cache: Path) -> bytes:
    """The document in another format, made once per test session."""
    target = cache / f"{path.stem}.{kind}"
    if not target.exists():
        paras = formats.paragraphs(path)
        if kind == "pdf":
            data = formats.printed_pdf(paras)
        elif kind == "ofd":
            data = formats.ofd_document(paras)
        elif kind == "docx":
            data = formats.word_docx(paras)
        elif kind == "doc":
            # One LibreOffice run for every text (each start costs seconds).
            docx = {p.stem: made(p, "docx", cache) for p in TEXTS}
            for stem, data in formats.old_words(docx).items():
                (cache / f"{stem}.doc").write_bytes(data)
            return target.read_bytes()
        else:
            meta = parse_document(path.read_bytes(), max_bytes=MAX).meta
            title = meta.title if paras and paras[0] == meta.title else None
            data = formats.government_page(
                paras[1:] if title else paras,
                title=title,
                meta={"发文字号": meta.doc_number or "", "成文日期": str(meta.issued_on or "")},
            )
        target.write_bytes(data)
    return target.read_bytes()


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("formats")


KINDS = ["pdf", "ofd", "docx", "html", pytest.param("doc", marks=formats.needs_office)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_same_tree_as_the_text(path, kind, cache):
    data = made(path, kind, cache)
    reading = read(data, f"x.{kind}", max_bytes=MAX)
    assert reading.kind == kind
    parsed = parse_text(reading.text, lines_are_paragraphs=reading.lines_are_paragraphs)
    expected = parse_document(path.read_bytes(), max_bytes=MAX)
    assert tree(parsed) == tree(expected)
    assert parsed.meta == expected.meta


def test_printed_pdf_loses_its_page_furniture(cache):
    reading = read(made(TEXTS[4], "pdf", cache), "x.pdf", max_bytes=MAX)
    assert reading.pages > 10
    lines = reading.text.split("\n")
    assert not [line for line in lines if is_page_mark(fold_text(line).replace(" ", ""))]
    assert formats.RUNNING_HEADER not in reading.text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_ingests_to_the_same_rows(kind, cache, tmp_path):
    """The whole pipeline: the same provisions, targets, figures and subsidies."""
    from django.core.management import call_command

    from documents.models import Document

    path = next(p for p in TEXTS if p.stem == "plan_songjiang_14th")
    copy = tmp_path / f"as-{kind}.bin"  # the name says nothing about the kind
    copy.write_bytes(made(path, kind, cache))
    call_command("ingest", str(path), str(copy), verbosity=0)
    text_doc = Document.objects.get(key="plan_songjiang_14th")
    other = Document.objects.get(key=f"as-{kind}")

    def rows(document):
        return {
            "provisions": list(document.provisions.order_by("position").values_list("kind", "label", "heading", "text")),
            "targets": sorted(map(str, document.targets.values_list("value", "unit", "year"))),
            "figures": sorted(map(str, document.figures.values_list("value", "unit", "year"))),
            "subsidies": sorted(map(str, document.subsidies.values_list("kind", "amount_min", "amount_max", "ratio_percent", "beneficiary"))),
        }

    assert rows(other) == rows(text_doc)
    assert rows(other)["targets"]
    assert (other.title, other.issuer, other.issued_on) == (text_doc.title, text_doc.issuer, text_doc.issued_on)
