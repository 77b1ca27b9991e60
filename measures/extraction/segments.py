"""Sentence and clause spans of a normalised provision text (engine, no data).

The normalised text keeps Chinese punctuation full-width, one paragraph per
line.  A sentence ends at 。！？ or a line break; a clause ends at ，；： as well.
"；" is a clause boundary, not a sentence boundary: the Jilin texts chain whole
rules with it (000 （七） "…给予一定补贴；对引进…的企业，有关部门将予以资金支持").
"""

from __future__ import annotations

import re
from typing import NamedTuple

SENTENCE_END = re.compile(r"[。！？!?\n]")
CLAUSE_END = re.compile(r"[，；：。！？,;!?\n]")


class Span(NamedTuple):
    start: int
    end: int  # exclusive; includes the closing punctuation mark


def _split(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    pos = start
    for match in boundary.finditer(text, start, end):
        if match.end() > pos and text[pos : match.start()].strip():
            spans.append(Span(pos, match.end()))
        pos = match.end()
    if text[pos:end].strip():
        spans.append(Span(pos, end))
    return spans


def sentences(text: str) -> list[Span]:
    """Sentences of ``text`` (blank stretches skipped)."""
    return _split(text, 0, len(text), SENTENCE_END)


def clauses(text: str, span: Span) -> list[Span]:
    """Clauses of the sentence ``span``."""
    return _split(text, span.start, span.end, CLAUSE_END)


def strip_span(text: str, span: Span) -> Span:
    """``span`` without surrounding whitespace and its final punctuation mark."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or CLAUSE_END.match(text[end - 1])):
        end -= 1
    return Span(start, end)
