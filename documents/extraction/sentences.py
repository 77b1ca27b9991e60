"""Paragraph, sentence and clause spans of normalised text, with offsets.

The one splitter every extractor uses.  The normalised text keeps Chinese
punctuation full-width, one paragraph per line.  A sentence ends after 。！？
or at a line break; a clause ends at ；，： as well.  "；" is a clause boundary,
not a sentence boundary: the Jilin texts chain whole rules with it (000 （七）
"…给予一定补贴；对引进…的企业，有关部门将予以资金支持").

Quantities, periods and markers are scoped by these spans: a time phrase like
"到2020年，" governs the rest of its paragraph, "目前" its sentence, "现有" only
its clause.

Two readings differ, and each caller states which it wants:

* ``ascii_marks``: the measures extractors also end sentences at ASCII ``!?``
  and clauses at ``,;!?`` (left by sources typed with half-width
  punctuation); the targets extractor does not, so that "1,000" stays in one
  clause.
* ``trimmed_sentences`` drops a sentence's final mark (the measures
  extractors quote a rule without its 。), ``split_sentences`` keeps it (the
  targets extractor quotes the whole sentence).
"""

from __future__ import annotations

from typing import NamedTuple

SENTENCE_ENDS = "。！？"
CLAUSE_ENDS = "。！？；，："
ASCII_SENTENCE_ENDS = "!?"
ASCII_CLAUSE_ENDS = ",;!?"
# What ``trim`` removes from the end of a span: any closing mark.
_CLOSING_MARKS = frozenset(CLAUSE_ENDS + ASCII_CLAUSE_ENDS)


class Span(NamedTuple):
    """A stretch ``text[start:end]`` of the text that was split."""

    start: int
    end: int  # exclusive; includes the closing mark, not a line break


def _split(text: str, ends: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of ``text[start:end]`` closed by a line break or a mark in ``ends``.

    A span holds something besides its closing mark: a stray mark ("，，")
    or a blank line makes no span.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for i in range(start, end):
        ch = text[i]
        if ch == "\n" or ch in ends:
            if text[begin:i].strip():
                spans.append(Span(begin, i if ch == "\n" else i + 1))
            begin = i + 1
    if text[begin:end].strip():
        spans.append(Span(begin, end))
    return spans


def split_paragraphs(text: str) -> list[Span]:
    """The lines of ``text`` that are not blank."""
    return _split(text, "")


def split_sentences(
    text: str, within: Span | None = None, *, ascii_marks: bool = False
) -> list[Span]:
    """Sentences of ``text`` (of its stretch ``within``), each with its final mark."""
    ends = SENTENCE_ENDS + (ASCII_SENTENCE_ENDS if ascii_marks else "")
    return _split(text, ends, *(within or ()))


def split_clauses(
    text: str, within: Span | None = None, *, ascii_marks: bool = False
) -> list[Span]:
    """Clauses of ``text`` (of its stretch ``within``), each with its final mark."""
    ends = CLAUSE_ENDS + (ASCII_CLAUSE_ENDS if ascii_marks else "")
    return _split(text, ends, *(within or ()))


def trim(text: str, span: Span) -> Span:
    """``span`` without surrounding whitespace and its final punctuation marks."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLOSING_MARKS):
        end -= 1
    return Span(start, end)


def trimmed_sentences(text: str) -> list[Span]:
    """Sentences as the measures extractors read them: split at ASCII marks
    too, trimmed (no final mark), empty ones dropped.  A subsidy's
    ``sentence_start``/``sentence_end`` are one of these."""
    spans = (trim(text, span) for span in split_sentences(text, ascii_marks=True))
    return [span for span in spans if span.start < span.end]


def span_at(spans: list[Span], pos: int) -> Span | None:
    """The span containing ``pos`` (spans sorted, non-overlapping)."""
    for span in spans:
        if span.start <= pos < span.end:
            return span
    return None
