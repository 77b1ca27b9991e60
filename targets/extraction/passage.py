"""The provision reader: one provision's text as the targets extractor reads it.

A ``Passage`` holds what every step asks about the text: its numbers and time
phrases (parsed once), the paragraph, sentence and clause spans that scope
them, the book titles (《…》) a time phrase may sit in, and the document's
context (year, plan period, the provision's ancestor headings, the lead-in of
the list it is an item of).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from documents.extraction.periods import find_periods
from documents.extraction.quantities import find_quantities
from documents.extraction.sentences import (
    Span,
    span_at,
    split_clauses,
    split_paragraphs,
    split_sentences,
)
from targets.extraction import markers


class Passage:
    """The text of one provision, its numbers, time phrases and spans."""

    def __init__(
        self,
        text: str,
        doc_year: int | None,
        plan_period: tuple[int, int] | None,
        section_heading: str,
        doc_type: str = "",
        lead_in: str = "",
        sets_goals: bool = False,
    ):
        self.text = text
        self.doc_year = doc_year
        self.plan_period = plan_period
        self.section_heading = section_heading or ""
        self.doc_type = doc_type  # the genre: 条例, 答复 … ("" when unknown)
        # the text that introduces this provision as an item of a list
        # ("…须符合以下条件："), "" when none
        self.lead_in = lead_in or ""
        # the document names no genre but sets goals for years after its own
        # ("到2022年…", "到2025年…"): a policy, not a report
        self.sets_goals = sets_goals
        # The present of the document: what "past" and "future" are read against.
        self.reference_year = doc_year or (plan_period[0] if plan_period else None)
        self.quantities = find_quantities(text)
        self.periods = find_periods(text)
        self.paragraphs = split_paragraphs(text)
        self.sentences = split_sentences(text)
        self.clauses = split_clauses(text)
        self.clause_starts = [c.start for c in self.clauses]
        self.titles = book_title_spans(text)
        # Indexes for the questions asked once per number, so that each costs
        # a bisection rather than a pass over the whole provision.
        self.titles_by_start = sorted(self.titles)
        self._title_cover = _union(self.titles_by_start)
        self.per_year_starts = [p.start for p in self.periods if p.kind == "per_year"]
        self._strong: list | None = None

    @property
    def reports_the_past(self) -> bool:
        """Does a heading above report the past ("发展基础", "主要成效") — not
        build it ("八、…，夯实知识产权发展基础", a task)?"""
        heading = self.section_heading
        for word in markers.FIGURE_SECTION_WORDS:
            at = heading.find(word)
            while at >= 0:
                if not markers.BUILT_BEFORE_RE.search(heading, 0, at):
                    return True
                at = heading.find(word, at + 1)
        return False

    def in_title(self, pos: int) -> bool:
        """Is ``pos`` inside a 《…》?"""
        i = bisect_right(self._title_cover, (pos, float("inf"))) - 1
        return i >= 0 and pos < self._title_cover[i][1]

    def titles_starting(self, start: int, end: int) -> list[tuple[int, int]]:
        """The 《…》 that open in ``[start, end)``, in text order."""
        first = bisect_left(self.titles_by_start, (start, -1))
        last = bisect_left(self.titles_by_start, (end, -1))
        return self.titles_by_start[first:last]

    def per_year_between(self, start: int, end: int) -> bool:
        """Does a per-year phrase (每年, 年均) start in ``[start, end)``?"""
        i = bisect_left(self.per_year_starts, start)
        return i < len(self.per_year_starts) and self.per_year_starts[i] < end

    def strong_periods(self, is_strong) -> list:
        """The periods ``is_strong`` accepts, in text order (computed once)."""
        if self._strong is None:
            self._strong = [p for p in self.periods if is_strong(self, p)]
            self._strong_ends = [p.end for p in self._strong]
        return self._strong

    def latest_strong_before(self, is_strong, pos: int, start: int):
        """The last strong period ending by ``pos`` and starting at or after
        ``start`` (periods do not overlap), or None."""
        strong = self.strong_periods(is_strong)
        i = bisect_right(self._strong_ends, pos) - 1
        if i >= 0 and strong[i].start >= start:
            return strong[i]
        return None

    def words(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def clauses_from(self, start: int, end: int) -> list[Span]:
        """The clauses starting at or after ``start`` that end by ``end``,
        in text order (clauses do not overlap: a bisection, then a run)."""
        out = []
        for clause in self.clauses[bisect_left(self.clause_starts, start) :]:
            if clause.end > end:
                break
            out.append(clause)
        return out

    def clauses_across(self, start: int, end: int) -> list[Span]:
        """The clauses ending after ``start`` and starting before ``end``."""
        i = max(bisect_right(self.clause_starts, start) - 1, 0)
        out = []
        for clause in self.clauses[i:]:
            if clause.start >= end:
                break
            if clause.end > start:
                out.append(clause)
        return out

    def clause_of(self, pos: int) -> Span:
        return span_at(self.clauses, pos) or Span(pos, pos)

    def sentence_of(self, pos: int) -> Span:
        return span_at(self.sentences, pos) or Span(pos, pos)

    def paragraph_of(self, pos: int) -> Span:
        return span_at(self.paragraphs, pos) or Span(0, len(self.text))


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap (nested titles become one)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def book_title_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each 《…》, nested ones included."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch == "《":
            stack.append(i)
        elif ch == "》" and stack:
            spans.append((stack.pop(), i + 1))
    return spans
