"""The provision reader: one provision's text as the targets extractor reads it.

A ``Passage`` holds what every step asks about the text: its numbers and time
phrases (parsed once), the paragraph, sentence and clause spans that scope
them, the book titles (《…》) a time phrase may sit in, and the document's
context (year, plan period, the provision's ancestor headings).
"""

from __future__ import annotations

from documents.extraction.periods import find_periods
from documents.extraction.quantities import find_quantities
from documents.extraction.sentences import (
    Span,
    span_at,
    split_clauses,
    split_paragraphs,
    split_sentences,
)


class Passage:
    """The text of one provision, its numbers, time phrases and spans."""

    def __init__(
        self,
        text: str,
        doc_year: int | None,
        plan_period: tuple[int, int] | None,
        section_heading: str,
    ):
        self.text = text
        self.doc_year = doc_year
        self.plan_period = plan_period
        self.section_heading = section_heading or ""
        # The present of the document: what "past" and "future" are read against.
        self.reference_year = doc_year or (plan_period[0] if plan_period else None)
        self.quantities = find_quantities(text)
        self.periods = find_periods(text)
        self.paragraphs = split_paragraphs(text)
        self.sentences = split_sentences(text)
        self.clauses = split_clauses(text)
        self.titles = book_title_spans(text)

    def words(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def clause_of(self, pos: int) -> Span:
        return span_at(self.clauses, pos) or Span(pos, pos)

    def sentence_of(self, pos: int) -> Span:
        return span_at(self.sentences, pos) or Span(pos, pos)

    def paragraph_of(self, pos: int) -> Span:
        return span_at(self.paragraphs, pos) or Span(0, len(self.text))


def book_title_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 《…》, nested ones included."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch == "《":
            stack.append(i)
        elif ch == "》" and stack:
            spans.append((stack.pop(), i + 1))
    return spans
