"""Anchors: the money amounts and percentages of a segment that are support rules.

An anchor sits in a clause with a support word (the triggers of
``measures.subsidy_kinds``: 给予…支持/补助/奖励, 资助, 奖给, 贷款…) and without a
statistic or paid-out word (``documents.extraction.money_words``: 达到, 累计,
规模, 兑现… — "知识产权质押融资额达到50亿元以上" is a target, "累计投入资金13
亿元" a figure).  A percentage inside the 对…的 clause is an eligibility
condition (000 （四） "…比重达到1%…的科技项目"), not a ratio.  A ceiling in
the clause after a ratio is its cap; a ceiling word a little before a money
amount makes it a cap ("最高给予200万元补助").
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from documents.extraction.money_words import NOT_SUPPORT_WORDS
from documents.extraction.quantities import Quantity, to_yuan
from documents.extraction.sentences import Span, span_at, spans_within, split_clauses
from measures.extraction.subsidies.clauses import is_condition_clause, object_clause
from measures.extraction.subsidies.rules import CEILING_BEFORE_RE
from measures.subsidy_kinds import KINDS_BY_PRECEDENCE


class Anchor(NamedTuple):
    """A money amount or percentage that a support rule is about."""

    quantity: Quantity
    clause: Span
    is_ratio: bool


def kind_near(text: str, clause: Span, start: int, end: int) -> str:
    """Kind of the support next to text[start:end] within ``clause``.

    After the amount the nearest trigger wins (longest at equal distance);
    before it, the first kind in KINDS_BY_PRECEDENCE that occurs.
    """
    after = text[end : clause.end]
    best: tuple[int, int, str] | None = None
    for kind in KINDS_BY_PRECEDENCE:
        for trigger in kind.triggers:
            pos = after.find(trigger)
            if pos >= 0:
                candidate = (pos, -len(trigger), kind.key)
                if best is None or candidate < best:
                    best = candidate
    if best:
        return best[2]
    before = text[clause.start : start]
    for kind in KINDS_BY_PRECEDENCE:
        if any(trigger in before for trigger in kind.triggers):
            return kind.key
    return ""


def _is_support_clause(text: str, clause: Span) -> bool:
    body = text[clause.start : clause.end]
    if any(word in body for word in NOT_SUPPORT_WORDS):
        return False
    return any(t in body for kind in KINDS_BY_PRECEDENCE for t in kind.triggers)


def _with_ceiling(text: str, clause: Span, quantity: Quantity) -> Quantity:
    """A money amount under a ceiling word earlier in its clause is a cap."""
    if quantity.comparator != "=" or quantity.value_max is not None:
        return quantity
    if CEILING_BEFORE_RE.search(text, clause.start, quantity.start):
        return replace(quantity, comparator="<=")
    return quantity


def find_anchors(
    text: str, segment: Span, quantities: list[Quantity], lead_kind: str = ""
) -> list[Anchor]:
    """Support amounts and ratios of ``segment``.  With ``lead_kind`` (the
    kind the lead-in of a list names, "…给予奖励：") a clause needs no support
    word of its own, only no statistic word and no 的-condition ending."""
    parts = split_clauses(text, segment, ascii_marks=True)
    opener = object_clause(text, segment)
    condition = opener if opener and "的" in opener.group("clause") else None
    anchors: list[Anchor] = []
    for quantity in spans_within(quantities, segment.start, segment.end):
        if quantity.kind != "amount" or quantity.aspirational:
            continue
        is_ratio = quantity.category == "percent"
        if not is_ratio and quantity.category != "money":
            continue
        if (
            is_ratio
            and condition
            and condition.start() <= quantity.start < condition.end()
        ):
            continue  # an eligibility condition inside 对…的
        clause = span_at(parts, quantity.start) or parts[-1]
        if not is_ratio:
            quantity = _with_ceiling(text, clause, quantity)
        supported = _is_support_clause(text, clause) or (
            lead_kind
            and not any(
                word in text[clause.start : clause.end] for word in NOT_SUPPORT_WORDS
            )
            and not is_condition_clause(text, clause)
        )
        if not supported and not _is_cap_of_ratio(parts, anchors, clause, quantity):
            continue
        anchors.append(Anchor(quantity, clause, is_ratio))
    return anchors


def _is_cap_of_ratio(
    parts: list[Span], anchors: list[Anchor], clause: Span, quantity: Quantity
) -> bool:
    """A ceiling in the clause after a ratio needs no support word of its own
    ("按照研发投入的10%给予补助，单个企业每年最高不超过100万元")."""
    if (
        not anchors
        or not anchors[-1].is_ratio
        or quantity.comparator not in ("<=", "<")
    ):
        return False
    ratio_index = parts.index(anchors[-1].clause)
    return parts.index(clause) - ratio_index <= 1


def in_yuan(
    quantity: Quantity,
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(amount_min, amount_max, cap) in yuan of a money quantity."""
    low = to_yuan(quantity.value, quantity.unit)
    high = to_yuan(quantity.value_max, quantity.unit) if quantity.value_max else None
    if high is not None:
        return low, high, (high if quantity.comparator == "<=" else None)
    if quantity.comparator in ("<=", "<"):
        return None, low, low
    if quantity.comparator in (">=", ">"):
        return low, None, None
    return low, low, None
