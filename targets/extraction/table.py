"""Rows of a target table ("序号 指标名称 2020年 2025年", document 004) and of
an allocation table ("序号 区域 新增装机容量（MW） 新增示范工程", a plan's shares
by district or sector).

Reads: a table row's heading (the indicator name with its unit in trailing
brackets, "万名从业人员中的研发人员数（人）") and its cells keyed by column
header ({"2020年": "2910", "2025年": "3300"}).  Writes, where columns are
years: a figure for each column up to the plan's base year and a target for
each later column, the target carrying the latest figure as
``baseline_value``/``baseline_year``.  Without a document year or plan
period the last column is the target and the others are figures (a target
table looks forward from its base year).  A "单位" column gives the row's unit.

Where no column is a year, each value cell is a target of its column for the
row ("新增装机容量（黄浦区）", 0.3 to 0.4 MW, by the plan's last year): the unit
from the column's brackets, a whole number without one counts things (个).
Columns of support (奖励标准（万元）) and text cells are no targets.

Plausibility runs per row with one precision for the row: 004 lost its
decimal points, and both cells of a row were printed with the same number of
decimals ("１３０ ＞２００" is 1.30 and >2.00).
"""

from __future__ import annotations

import re
from decimal import Decimal

from documents.parsing.tables import EMPTY_CELL
from targets import plausibility
from targets.extraction.types import ExtractedFigure, ExtractedTarget
from targets.indicators import match_indicator

_UNIT_RE = re.compile(r"（([^（）]{1,4})）$")
_YEAR_RE = re.compile(r"(19|20)\d\d")
_CELL_RE = re.compile(
    r"(?P<cmp>>=|<=|≥|≤|>|<|约|近|~)?(?P<num>\d+(?:\.\d+)?)(?:[-~—–～](?P<max>\d+(?:\.\d+)?))?"
)
# A column whose cells state the unit of the row ("序号 指标 单位 2020年 2025年 属性").
UNIT_COLUMNS = ("单位", "计量单位")
# Columns of an allocation table that hold support, not goals.
SUPPORT_COLUMN_RE = re.compile(r"奖励|补贴|补助|资助|扶持|奖补|标准|金额|资金")
COUNT_UNIT = "个"
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


def _row_unit(cells: dict[str, str], unit: str) -> str:
    """The unit a "单位" cell states, else ``unit`` (an empty cell states none)."""
    for header in UNIT_COLUMNS:
        cell = cells.get(header, "").strip()
        if cell and not EMPTY_CELL.fullmatch(cell):
            return cell
    return unit


class _Cells:
    """Places a row's cells in its text, left to right (``offset`` where the
    text starts in the document)."""

    def __init__(self, text: str, offset: int) -> None:
        self.text, self.offset, self.search_from = text, offset, 0

    def place(self, printed: str, comparator: str = "") -> tuple[int, int]:
        where = self.text.find(printed, self.search_from) if self.text else -1
        if where < 0:
            return self.offset, self.offset
        self.search_from = where + len(printed)
        start, end = self.offset + where, self.offset + where + len(printed)
        if comparator and self.text[where - len(comparator) : where] == comparator:
            start -= len(comparator)
        return start, end

    def fact(self, cls, *, start: int, end: int, **terms):
        """A fact of one cell, its sentence the row."""
        return cls(
            start=start,
            end=end,
            sentence_start=self.offset,
            sentence_end=self.offset + len(self.text),
            **terms,
        )


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
    unit = _row_unit(cells, unit)
    row = match_indicator(name, unit)
    key = row.key if row else None
    columns = _columns(cells)
    if not columns:
        end_year = plan_period[1] if plan_period else None
        return _allocation_row(name, cells, offset=offset, text=text, year=end_year), []
    if plan_period:
        base_year = plan_period[0] - 1
    elif doc_year:
        base_year = doc_year
    else:
        base_year = columns[-1][0] - 1 if len(columns) > 1 else columns[0][0]

    parsed = []
    row_cells = _Cells(text, offset)
    for year, _header, cell in columns:
        m = _CELL_RE.search(cell.replace(" ", ""))
        if not m:
            continue
        comparator = m.group("cmp") or "="
        comparator = _CELL_COMPARATORS.get(comparator, comparator)
        digits = m.group("num")
        start, end = row_cells.place(digits, m.group("cmp") or "")
        parsed.append((year, Decimal(digits), comparator, digits, start, end, m.group("max")))

    # One precision for the row: the first repair found sets it.
    decimals = None
    for _year, value, _cmp, digits, _s, _e, _max in parsed:
        flags, suggestion = plausibility.check(
            value, unit, indicator_key=key, raw_digits=digits
        )
        if suggestion is not None:
            decimals = (-suggestion.as_tuple().exponent,)
            break

    targets: list[ExtractedTarget] = []
    figures: list[ExtractedFigure] = []
    baseline = None
    for year, value, comparator, digits, start, end, most in parsed:
        common = dict(
            indicator_name=name,
            indicator_key=key,
            value=value,
            value_max=Decimal(most) if most else None,
            unit=unit,
            comparator=comparator,
            year=year,
            start=start,
            end=end,
            rule="table_row",
            raw_value_text=digits,
        )
        if year <= base_year:
            fact = row_cells.fact(ExtractedFigure, **common)
            figures.append(fact)
            baseline = fact
        else:
            fact = row_cells.fact(ExtractedTarget, **common)
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


def _allocation_row(
    name: str, cells: dict[str, str], *, offset: int, text: str, year: int | None
) -> list[ExtractedTarget]:
    """A target for each value cell of a row whose columns are no years."""
    targets = []
    row_cells = _Cells(text, offset)
    for header, cell in cells.items():
        column, unit = split_heading(header)
        m = _CELL_RE.fullmatch(cell.replace(" ", ""))
        if not m or SUPPORT_COLUMN_RE.search(column) or header in UNIT_COLUMNS:
            continue
        printed = m.group(0)
        if not unit:
            if m.group("max") or "." in printed:
                continue  # a measure without its unit
            unit = COUNT_UNIT
        start, end = row_cells.place(printed)
        comparator = _CELL_COMPARATORS.get(m.group("cmp") or "=", m.group("cmp") or "=")
        targets.append(
            row_cells.fact(
                ExtractedTarget,
                start=start,
                end=end,
                indicator_name=f"{column}（{name}）" if name else column,
                indicator_key=None,
                value=Decimal(m.group("num")),
                value_max=Decimal(m.group("max")) if m.group("max") else None,
                unit=unit,
                comparator=comparator,
                year=year,
                rule="table_allocation",
                raw_value_text=printed,
                year_inferred=year is not None,
            )
        )
    return targets
