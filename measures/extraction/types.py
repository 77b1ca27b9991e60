"""Facts the measures extractor produces (pure Python, no Django).

Offsets are character offsets into the normalised document text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class ExtractedSubsidy:
    kind: str  # key of measures.subsidy_kinds.SUBSIDY_KINDS: grant, post_subsidy, award …
    amount_min: Decimal | None  # yuan
    amount_max: Decimal | None  # yuan
    ratio_percent: Decimal | None  # 技术交易额的10% -> 10
    basis: str  # the base of the ratio, "技术交易额"; "" when none
    cap: Decimal | None  # yuan; explicit ceiling (最高/不超过/不高于)
    per: str  # a key of measures.models.SubsidyPer: "item" (每项/每件), "once", "year",
    # "item_once", "person" (每人), "month", "person_month" (每人每月), … or ""
    beneficiary: str
    funding_source: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    rule: str
    flags: list[str] = field(default_factory=list)


@dataclass
class ExtractedMeasure:
    instrument_types: list[str]  # keys of INSTRUMENT_TYPES (measures/instruments.py)
    beneficiaries: list[str]  # target groups named ("科技型中小企业", "高校")
    responsible_units: list[str]  # units named as responsible ("省科技厅")
    summary: str  # the actionable sentence(s)
    start: int
    end: int
    rule: str
