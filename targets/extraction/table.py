"""Rows of a target table ("序号 指标名称 2020年 2025年", document 004).

Reads: a table row's heading (the indicator name with its unit in trailing
brackets, "万名从业人员中的研发人员数（人）") and its cells keyed by column
header ({"2020年": "2910", "2025年": "3300"}).  Writes: a figure for each
column up to the plan's base year and a target for each later column, the
target carrying the latest figure as ``baseline_value``/``baseline_year``.

Without a document year or plan period the last column is the target and the
others are figures (a target table looks forward from its base year).

Plausibility runs per row with one precision for the row: 004 lost its
decimal points, and both cells of a row were printed with the same number of
decimals ("１３０ ＞２００" is 1.30 and >2.00).
"""

from __future__ import annotations

import re
from decimal import Decimal

from targets import plausibility
from targets.extraction.types import ExtractedFigure, ExtractedTarget
from targets.indicators import match_indicator

_UNIT_RE = re.compile(r"（([^（）]{1,4})）$")
_YEAR_RE = re.compile(r"(19|20)\d\d")
_CELL_RE = re.compile(r"(?P<cmp>>=|<=|≥|≤|>|<|约|近|~)?(?P<num>\d+(?:\.\d+)?)")
_CELL_COMPARATORS = {"≥": ">=", "≤": "<=", "约": "~", "近": "~"}


def split_heading(heading: str) -> tuple[str, str]:
    """ "高新技术企业数量（家）" -> ("高新技术企业数量", "家")."""
    heading = heading.strip()
    m = _UNIT_RE.search(heading)
    if not m:
        return heading, ""
    return heading[: m.start()].strip(), m.group(1)


def _columns(cells: dict[str, str]) -> list[tuple[int, str, str]]:
    columns = []
    for header, cell in cells.items():
        m = _YEAR_RE.search(header)
        if m:
            columns.append((int(m.group(0)), header, cell))
    return sorted(columns)


def _locate(text: str, cell: str, start_at: int) -> int:
    i = text.find(cell, start_at)
    return i if i >= 0 else -1


def extract_table_row(
    heading: str,
    cells: dict[str, str],
    *,
    offset: int = 0,
    text: str = "",
    doc_year: int | None = None,
    plan_period: tuple[int, int] | None = None,
) -> tuple[list[ExtractedTarget], list[ExtractedFigure]]:
    """(targets, figures) of one table row; ``text`` is the row's text in
    the document (to place each cell), ``offset`` where it starts."""
    name, unit = split_heading(heading)
    row = match_indicator(name, unit)
    key = row.key if row else None
    columns = _columns(cells)
    if not columns:
        return [], []
    if plan_period:
        base_year = plan_period[0] - 1
    elif doc_year:
        base_year = doc_year
    else:
        base_year = columns[-1][0] - 1 if len(columns) > 1 else columns[0][0]

    parsed = []
    search_from = 0
    for year, _header, cell in columns:
        m = _CELL_RE.search(cell.replace(" ", ""))
        if not m:
            continue
        comparator = m.group("cmp") or "="
        comparator = _CELL_COMPARATORS.get(comparator, comparator)
        digits = m.group("num")
        where = _locate(text, digits, search_from) if text else -1
        if where >= 0:
            search_from = where + len(digits)
            start, end = offset + where, offset + where + len(digits)
            if m.group("cmp") and text[where - len(m.group("cmp")) : where] == m.group(
                "cmp"
            ):
                start -= len(m.group("cmp"))
        else:
            start = end = offset
        parsed.append((year, Decimal(digits), comparator, digits, start, end))

    # One precision for the row: the first repair found sets it.
    decimals = None
    for _year, value, _cmp, digits, _s, _e in parsed:
        flags, suggestion = plausibility.check(
            value, unit, indicator_key=key, raw_digits=digits
        )
        if suggestion is not None:
            decimals = (-suggestion.as_tuple().exponent,)
            break

    targets: list[ExtractedTarget] = []
    figures: list[ExtractedFigure] = []
    sentence_end = offset + len(text)
    baseline = None
    for year, value, comparator, digits, start, end in parsed:
        common = dict(
            indicator_name=name,
            indicator_key=key,
            value=value,
            value_max=None,
            unit=unit,
            comparator=comparator,
            year=year,
            start=start,
            end=end,
            sentence_start=offset,
            sentence_end=sentence_end,
            rule="table_row",
            raw_value_text=digits,
        )
        if year <= base_year:
            fact = ExtractedFigure(**common)
            figures.append(fact)
            baseline = fact
        else:
            fact = ExtractedTarget(**common)
            if baseline is not None:
                fact.baseline_value = baseline.value
                fact.baseline_year = baseline.year
                if baseline.suggested_value is not None:
                    fact.flags.append("baseline_decimal_point_lost")
            targets.append(fact)
        plausibility.apply(fact, decimals=decimals)
        if decimals and fact.suggested_value is None and len(digits) > decimals[0]:
            # A cell that passes on its own still shares the row's precision.
            fact.suggested_value = Decimal(digits).scaleb(-decimals[0])
            fact.flags.append("row_precision")
    return targets, figures
