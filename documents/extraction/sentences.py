"""Sentence and clause spans of normalised text, with offsets.

Sentences end after 。！？ or at a line break (one paragraph per line);
clauses are the pieces of a sentence between ；，： (and the sentence ends).
Quantities, periods and markers are scoped by these spans: a time phrase
like "到2020年，" governs the rest of its paragraph, "目前" its sentence,
"现有" only its clause.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_ENDS = "。！？"
CLAUSE_ENDS = "。！？；，："


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def __contains__(self, pos: int) -> bool:
        return self.start <= pos < self.end


def _split(text: str, ends: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for i in range(start, end):
        ch = text[i]
        if ch == "\n" or ch in ends:
            stop = i if ch == "\n" else i + 1
            if text[begin:stop].strip():
                spans.append(Span(begin, stop, text[begin:stop]))
            begin = i + 1
    if text[begin:end].strip():
        spans.append(Span(begin, end, text[begin:end]))
    return spans


def split_paragraphs(text: str) -> list[Span]:
    return _split(text, "")


def split_sentences(text: str) -> list[Span]:
    return _split(text, SENTENCE_ENDS)


def split_clauses(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    return _split(text, CLAUSE_ENDS, start, end)


def span_at(spans: list[Span], pos: int) -> Span | None:
    """The span containing ``pos`` (spans sorted, non-overlapping)."""
    for span in spans:
        if span.start <= pos < span.end:
            return span
    return None
