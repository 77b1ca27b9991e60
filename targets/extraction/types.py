"""Facts the targets extractor produces (pure Python, no Django).

Offsets (start/end, sentence_start/sentence_end) are character offsets into
the normalised document text (documents.parsing.types.NormalisedText.text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Comparators as stored in the database.
COMPARATORS = (">=", ">", "~", "=", "<=", "<")


@dataclass
class ExtractedQuantityFact:
    indicator_name: str  # the quantity as named in the sentence, cleaned ("省级重点实验室")
    indicator_key: str | None  # key of a known indicator (targets/indicators.py), else None
    value: Decimal
    value_max: Decimal | None
    unit: str  # normalised unit as written: "%", "个", "家", "亿元", "万元", "元", "人", "倍", "位" …
    comparator: str  # one of COMPARATORS
    year: int | None
    start: int  # the number expression (with its comparator words)
    end: int
    sentence_start: int
    sentence_end: int
    rule: str  # name of the rule that produced it
    raw_value_text: str = ""  # the number as printed, e.g. "６９０６"
    flags: list[str] = field(default_factory=list)  # plausibility problems, e.g. ["percent_over_100"]
    suggested_value: Decimal | None = None  # a plausibility rule's repair (e.g. decimal point restored)
    year_inferred: bool = False  # year not written by the number (plan end, doc year)


@dataclass
class ExtractedTarget(ExtractedQuantityFact):
    per_year: bool = False  # "每年培训100名"
    aspirational: bool = False  # "力争"
    baseline_value: Decimal | None = None
    baseline_year: int | None = None


@dataclass
class ExtractedFigure(ExtractedQuantityFact):
    year_start: int | None = None  # for period totals: "十三五"期间累计 -> 2016..2020
