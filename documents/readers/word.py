"""Word .docx with python-docx, in body order.

Paragraphs and tables are interleaved as the body holds them (python-docx's
``paragraphs`` and ``tables`` lists would separate them); a table row is one
line, its cells separated by an ideographic space, a merged cell once, an empty cell not at all.  A
paragraph printed all in bold or in a heading style is a heading hint, a
centred one a centred hint.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from documents.parsing.encoding import SourceError
from documents.readers.archive import Archive
from documents.readers.types import CELL_SEPARATOR, Hint, Reading


def _paragraph_text(paragraph: Paragraph) -> str:
    # A manual line break inside a paragraph is a wrap, not a new paragraph.
    return paragraph.text.replace("\n", "").replace("\t", CELL_SEPARATOR).strip()


def _is_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _is_centred(paragraph: Paragraph) -> bool:
    try:
        return paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    except ValueError:
        # python-docx maps only the transitional schema's values; LibreOffice
        # and newer Word write the strict schema's "start"/"end" as well.
        return False


def _row_cells(row) -> list[str]:
    cells = []
    for tc in row._tr.iterchildren(qn("w:tc")):
        text = "".join(
            "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iterchildren(qn("w:p"))
        ).strip()
        if text:  # as in a printed table, an empty cell leaves no trace
            cells.append(text)
    return cells


def read_docx(data: bytes) -> Reading:
    Archive(data)  # refuses broken zips and bombs before python-docx inflates
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises bare KeyError/ValueError on bad parts
        raise SourceError(f"Word 文件已损坏 / the Word file is corrupt ({type(exc).__name__})") from None
    lines: list[str] = []
    hints: list[Hint] = []
    body = document.element.body
    # Style names by id, read once (python-docx's paragraph.style looks the
    # default style up again for every paragraph).
    style_names = {
        style.style_id: (style.name or "").lower() for style in document.styles if style.style_id
    }
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = _paragraph_text(paragraph)
            if not text:
                continue
            lines.append(text)
            style = style_names.get(child.style or "", "")
            if style.startswith(("heading", "title", "标题")) or _is_bold(paragraph):
                hints.append(Hint(len(lines) - 1, "bold" if _is_bold(paragraph) else "heading"))
            if _is_centred(paragraph):
                hints.append(Hint(len(lines) - 1, "centred"))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells = _row_cells(row)
                if cells:
                    lines.append(CELL_SEPARATOR.join(cells))
    props = document.core_properties
    meta = {k: v for k, v in (("Title", props.title), ("Subject", props.subject)) if v}
    return Reading(
        kind="docx", text="\n".join(lines), lines_are_paragraphs=True, hints=hints, meta=meta
    )
