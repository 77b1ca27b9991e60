"""Tables printed as text: a "序号 …" header line, then one line per row.

Two printings are read (the grammar of headers and cells is in headings.py):

- 004's target table, from a PDF whose cells are set apart by spaces
  ("序号 指标名称 ２０２０年 ２０２５年").  A name may hold spaces, so a row is
  its number, its name, and as many value cells at its end as the header has
  value columns.
- A web page's table, its cells set apart by TABs.  A row with as many cells
  as the header maps each cell to its column, whatever the cell holds: an
  allocation table of ranges by district ("序号 区域 新增装机容量（MW） 新增示范工程
  新增典型场景" / "1 黄浦区 0.3-0.4 1 1"), a plan's table with a text column
  after its values ("… 十四五装机计划（MW） 责任单位"), a task table of text
  alone.  Cells are split at TABs only there, so a cell printed with spaces
  ("主 要 内 容") stays one cell.

A total row ("合计 38-50 34 25", "汇总 82-130") has no number: its values go to
the columns the numbered rows held values in, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.parsing.headings import (
    TABLE_HEADER_FIRST_CELLS,
    TABLE_VALUE,
    table_row_number,
)
from documents.parsing.types import NormalisedText, ParsedProvision

# The label of a row that sums the rows above it (cells of 序号 and name merged).
TOTAL_ROW = re.compile(r"(?:合计|总计|汇总|小计|全市合计|全省合计)")
EMPTY_CELL = re.compile(r"[-—–/]+")


def is_total_row(cells: list[str]) -> bool:
    """"合计 38-50 34 25": a total label, then values only."""
    return (
        len(cells) >= 2
        and TOTAL_ROW.fullmatch(cells[0]) is not None
        and all(TABLE_VALUE.fullmatch(c) for c in cells[1:])
    )


@dataclass
class Table:
    """An open table: its node, its header's cells (序号 first) and the rows read."""

    node: ParsedProvision
    header: list[str]
    expected: int = 1
    value_columns: list[str] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """The columns after the number and the name."""
        return self.header[2:]


class Cells:
    """Cells of the paragraphs of one normalised text."""

    def __init__(self, normalised: NormalisedText) -> None:
        self.normalised = normalised

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Cells of ``text[start:end]``: runs of characters printed without
        whitespace between them in the raw text (the normaliser removed that
        whitespace); where the raw line holds TABs, runs between TABs.
        """
        raw, offsets = self.normalised.raw, self.normalised.raw_offsets
        text = self.normalised.text
        tabbed = self.tabbed(start, end)

        def breaks(gap: str) -> bool:
            return "\t" in gap if tabbed else any(ch.isspace() for ch in gap)

        spans: list[tuple[int, int]] = []
        cell = start
        for i in range(start, end):
            if text[i] == " " and (not tabbed or "\t" in raw[offsets[i]]):
                if cell < i:
                    spans.append((cell, i))
                cell = i + 1
                continue
            if i + 1 < end and text[i + 1] != " ":
                gap = raw[offsets[i] + 1 : offsets[i + 1]]
                if gap and breaks(gap):
                    spans.append((cell, i + 1))
                    cell = i + 1
        if cell < end:
            spans.append((cell, end))
        return [(s, e) for s, e in spans if text[s:e].strip()]

    def tabbed(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` printed with TABs between its cells?"""
        raw, offsets = self.normalised.raw, self.normalised.raw_offsets
        return end > start and "\t" in raw[offsets[start] : offsets[end - 1] + 1]

    def texts(self, start: int, end: int, text: str) -> list[str]:
        """The cells of a line that opens with a header's first cell ("序号")."""
        if not text.startswith(TABLE_HEADER_FIRST_CELLS):
            return []
        return [self.normalised.text[s:e].strip() for s, e in self.spans(start, end)]

    def row(self, table: Table, start: int, end: int) -> ParsedProvision | None:
        """The table row printed in ``text[start:end]``, or None if it is none."""
        text = self.normalised.text
        spans = self.spans(start, end)
        cells = [text[s:e].strip() for s, e in spans]
        if is_total_row(cells):
            columns = table.value_columns or table.columns
            if len(cells) - 1 > len(columns):
                return None
            return ParsedProvision(
                kind="table_row",
                label="",
                heading=cells[0],
                text=text[start:end],
                start=start,
                text_start=start,
                text_end=end,
                cells=dict(zip(columns, cells[1:], strict=False)),
            )
        if not cells or not table_row_number(cells[0], table.expected):
            return None
        n = len(table.columns)
        if len(spans) == len(table.header) and self.tabbed(start, end):
            values, heading = spans[2:], cells[1]
            for column, cell in zip(table.columns, cells[2:], strict=True):
                if holds_value(cell) and column not in table.value_columns:
                    table.value_columns.append(column)
            table.value_columns.sort(key=table.columns.index)
        elif len(spans) >= n + 2 and all(TABLE_VALUE.fullmatch(c) for c in cells[-n:]):
            values = spans[-n:]
            heading = text[spans[0][1] : values[0][0]].strip()
        else:
            return None
        row = ParsedProvision(
            kind="table_row",
            label=self.normalised.raw_slice(*spans[0]),
            heading=heading,
            text=text[spans[0][1] : end],
            start=start,
            text_start=spans[0][1],
            text_end=end,
            number=table.expected,
            cells=dict(zip(table.columns, (text[s:e].strip() for s, e in values), strict=True)),
        )
        table.expected += 1
        return row


def holds_value(cell: str) -> bool:
    return TABLE_VALUE.fullmatch(cell) is not None and EMPTY_CELL.fullmatch(cell) is None
