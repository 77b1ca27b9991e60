"""Keyword-table matching shared by the measure extractors (engine, no data).

A table is a sequence of rows with a ``keywords`` tuple of plain substrings.
A keyword hit that lies strictly inside a longer hit is dropped, so the most
specific row wins: "科技型中小企业" matches the SME row and not also the generic
"企业" row; "工程技术研究中心" is an innovation centre, not "工程"-anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from documents.extraction.overlaps import inside_longer


class Hit(NamedTuple):
    row: Any
    keyword: str
    start: int
    end: int


def find_hits(text: str, rows: Iterable[Any]) -> list[Hit]:
    """All non-nested keyword hits of ``rows`` in ``text``, in text order."""
    hits: list[Hit] = []
    for row in rows:
        for keyword in row.keywords:
            start = text.find(keyword)
            while start != -1:
                hits.append(Hit(row, keyword, start, start + len(keyword)))
                start = text.find(keyword, start + 1)
    nested = inside_longer([(hit.start, hit.end) for hit in hits])
    kept = [hit for hit, inside in zip(hits, nested, strict=True) if not inside]
    kept.sort(key=lambda hit: (hit.start, -hit.end))
    return kept


def matched_rows(text: str, rows: Sequence[Any]) -> list[Any]:
    """Rows with at least one hit, ordered by their first hit in ``text``."""
    out: list[Any] = []
    for hit in find_hits(text, rows):
        if hit.row not in out:
            out.append(hit.row)
    return out
