"""Years and periods: which time phrase governs a number, and the year it is for.

A time phrase before a number in its paragraph governs it ("到2020年，…" the
rest of the paragraph), unless it is a plan name used as an adjective, a
comparison base ("比“十二五”期间"), a per-year phrase or part of a book title;
a sentence that says 目前/累计/现有 starts afresh.  Failing one, the strong
period of the provision's headings governs.  A target without its own year is
for the plan's end year; a figure is for the year before the plan in a
发展基础 section, else for the document's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.extraction.periods import Period, find_periods
from documents.extraction.quantities import Quantity
from targets.extraction import markers
from targets.extraction.passage import Passage

_YEAR_IN_TITLE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class Time:
    """The period that governs a number, and whether it is in the number's sentence."""

    period: Period
    same_sentence: bool


def governing_time(passage: Passage, q: Quantity) -> Time | None:
    """The latest strong period before ``q`` in its paragraph, else the headings'."""
    paragraph = passage.paragraph_of(q.start)
    sentence = passage.sentence_of(q.start)
    latest = passage.latest_strong_before(is_strong, q.start, paragraph.start)
    if latest is None:
        return heading_time(passage)
    same = latest.start >= sentence.start
    if not same:
        lead = passage.text[sentence.start : q.start]
        starts_afresh = (
            markers.FIGURE_SENTENCE_MARKERS
            + markers.FORECAST_SENTENCE_MARKERS
            + ("累计", "现有")
        )
        if any(w in lead for w in starts_afresh):
            return None
    return Time(latest, same)


def heading_time(passage: Passage) -> Time | None:
    """The last strong period of the provision's ancestor headings."""
    heading = passage.section_heading
    for period in reversed(find_periods(heading)):
        if is_strong(passage, period, heading):
            return Time(period, False)
    return None


def is_strong(passage: Passage, period: Period, text: str | None = None) -> bool:
    """A period that sets the time of what follows (not a plan name used
    as an adjective, a comparison base, a per-year phrase or a title).

    ``text`` is the text the period was found in, the passage's by default.
    """
    text = passage.text if text is None else text
    if period.kind in ("per_year", "date"):
        return False
    if period.plan_number is not None and not period.future:
        if not any(w in period.text for w in ("期间", "时期", "末", "初")):
            return False
    before = text[max(0, period.start - 1) : period.start]
    if before and before in markers.COMPARISON_BEFORE_PERIOD:
        return False
    if period.kind in ("year", "year_range") and not (period.future or period.cutoff):
        following = text[period.end : period.end + 1]
        if following and following not in markers.ADVERBIAL_AFTER_YEAR:
            return False
    if text is passage.text and passage.in_title(period.start):
        return False
    return True


def title_year(passage: Passage, q: Quantity) -> int | None:
    """A report year in a title of the same sentence ("《…报告2021》")."""
    sentence = passage.sentence_of(q.start)
    year = None
    # In closing order, as the titles were found: the outer of nested ones last.
    opening = passage.titles_starting(sentence.start, q.start)
    for start, end in sorted(opening, key=lambda title: title[1]):
        for m in _YEAR_IN_TITLE.finditer(passage.text, start, end):
            year = int(m.group(0))
    return year


def is_future(passage: Passage, period: Period) -> bool:
    """A period after the document's present (or written as future: 到…)."""
    if period.future:
        return True
    if period.cutoff:
        return False
    reference = passage.reference_year
    return reference is not None and period.year_end > reference


def is_past(passage: Passage, period: Period) -> bool:
    """A period before the document's present (or written as a cutoff: 截至…)."""
    if period.future:
        return False
    if period.cutoff:
        return True
    reference = passage.reference_year
    return reference is not None and period.year_end < reference


def year_of(
    passage: Passage,
    q: Quantity,
    is_target: bool,
    time: Time | None,
    ranked_ordinal: bool,
) -> tuple[int | None, int | None, bool]:
    """(year, year_start, inferred) of the number ``q``.

    ``year_start`` is set for a figure over a period ("十三五"期间累计…);
    ``inferred`` when the year is not written by the number.
    """
    if ranked_ordinal:
        return None, None, False  # "第7个国家级示范区": an order, not a date
    found_title_year = title_year(passage, q)
    plan_period = passage.plan_period
    if is_target:
        if time is not None and not is_past(passage, time.period):
            return time.period.year_end, None, not time.same_sentence
        if time is not None and time.same_sentence:
            return time.period.year_end, None, False
        if plan_period:
            return plan_period[1], None, True
        return None, None, False
    if time is not None and not is_future(passage, time.period):
        start = time.period.year_start
        start = start if start != time.period.year_end else None
        return time.period.year_end, start, not time.same_sentence
    if found_title_year is not None:
        return found_title_year, None, False
    if plan_period and passage.reports_the_past:
        return plan_period[0] - 1, None, True
    return passage.doc_year, None, passage.doc_year is not None
