"""The five source texts as the extractors see them, for tests.

``normalise`` does what the normaliser's contract promises (and no more):
NFKC per character except the Chinese punctuation （）：；，！？, "○" -> "〇",
spaces dropped.  ``paragraphs`` re-joins hard-wrapped lines with a simple
rule per layout and tracks the heading path, so each paragraph can be fed to
the extractor with the context the pipeline gives it.  The real normaliser
and parser are not imported: they are other engineers' work and may change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.text import fold

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "fixtures" / "sources"
GOLD = ROOT / "tests" / "data" / "gold"

_PAGE_MARK = re.compile(r"^—\s*\S{1,3}\s*—$")
_HEADINGS = (
    (1, re.compile(r"^第[一二三四五六七八九十]+章")),
    (2, re.compile(r"^第[一二三四五六七八九十]+节")),
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^（[一二三四五六七八九十]+）")),
)
_TABLE_ROW = re.compile(
    r"^(\d)\s*(\D.*（[^（）]{1,4}）)\s*([<>]?\d[\d.]*)\s+([<>]?\d[\d.]*)$"
)


def normalise(text: str, *, keep_spaces: bool = False) -> str:
    """``text`` folded (tests.text.fold), spaces dropped unless ``keep_spaces``;
    line breaks are kept (they end paragraphs)."""
    out = fold(text)
    return out if keep_spaces else out.replace(" ", "")


@dataclass
class Paragraph:
    text: str
    start: int = 0  # offset in Document.text
    headings: list[str] = field(default_factory=list)
    table_row: tuple[str, dict[str, str]] | None = None

    @property
    def section_heading(self) -> str:
        return " › ".join(self.headings)


@dataclass
class Document:
    key: str
    source: str
    text: str
    paragraphs: list[Paragraph]
    doc_year: int | None
    plan_period: tuple[int, int] | None


def _manifest() -> dict[str, dict]:
    data = json.loads((ROOT / "fixtures" / "manifest.json").read_text(encoding="utf-8"))
    return {d["source"]: d for d in data["documents"]}


def _raw_paragraphs(lines: list[str], indented: bool) -> list[str]:
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if not line.strip() or _PAGE_MARK.match(line.strip()):
            continue
        if indented:
            starts = line[:1] in (" ", "\u3000")
        else:
            body = previous.strip()
            starts = (
                not paragraphs
                or len(body) < 25
                or body.endswith("：")
                or re.match(r"^[１-９][\u4e00-\u9fff]", line.strip()) is not None
            )
        if starts or not paragraphs:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] += line.strip()
        previous = line
    return paragraphs


def _table(lines: list[str]) -> tuple[int, int, list[tuple[str, dict[str, str]]]]:
    """004's target table: (first line, end line, rows as (heading, cells))."""
    start = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    headers = lines[start].split()[2:]
    end = next(
        i for i in range(start, len(lines)) if lines[i].startswith("到２０３５年")
    )
    rows, buffer = [], ""
    for line in lines[start + 1 : end]:
        if not line.strip():
            continue
        buffer += normalise(line.strip(), keep_spaces=True) + " "
        m = _TABLE_ROW.search(buffer.strip())
        if m:
            heading = m.group(2).replace(" ", "")
            cells = {normalise(h): m.group(3 + i) for i, h in enumerate(headers)}
            rows.append((heading, cells))
            buffer = ""
    return start, end, rows


def load(prefix: str) -> Document:
    path = next(SOURCES.glob(f"{prefix}_*.txt"))
    manifest = _manifest()[path.name]
    lines = path.read_text(encoding="utf-8").splitlines()
    table_rows: list[tuple[str, dict[str, str]]] = []
    after_table: list[str] = []
    if prefix == "004":
        start, end, table_rows = _table(lines)
        lines, after_table = lines[:start], lines[end:]
    raw_paragraphs = _raw_paragraphs(lines, indented=prefix != "004")
    paragraphs: list[Paragraph] = []
    headings: dict[int, str] = {}

    def add(raw_paragraph: str) -> None:
        nonlocal headings
        text = normalise(raw_paragraph)
        for level, pattern in _HEADINGS:
            if pattern.match(text):
                headings = {k: v for k, v in headings.items() if k < level}
                headings[level] = re.split(r"[。：]", text, maxsplit=1)[0]
                break
        paragraphs.append(Paragraph(text, 0, [headings[k] for k in sorted(headings)]))

    for raw_paragraph in raw_paragraphs:
        add(raw_paragraph)
    for heading, cells in table_rows:
        # The row as the normaliser leaves it: label, name, cells run together.
        text = normalise(heading + "".join(cells.values()))
        paragraphs.append(
            Paragraph(text, 0, list(paragraphs[-1].headings), (heading, cells))
        )
    for raw_paragraph in _raw_paragraphs(after_table, indented=False):
        add(raw_paragraph)
    doc_text = ""
    for paragraph in paragraphs:
        paragraph.start = len(doc_text)
        doc_text += paragraph.text + "\n"
    issued = manifest.get("issued_on")
    period = manifest.get("plan_period")
    plan_period = tuple(period) if period else None
    doc_year = int(issued[:4]) if issued else (plan_period[0] if plan_period else None)
    return Document(prefix, path.name, doc_text, paragraphs, doc_year, plan_period)


def gold(prefix: str) -> dict:
    return json.loads((GOLD / f"{prefix}.json").read_text(encoding="utf-8"))
