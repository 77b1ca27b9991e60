"""Anchors: the money amounts and percentages of a segment that are support rules.

An anchor sits in a clause with a support word (the triggers of
``measures.subsidy_kinds``: 给予…支持/补助/奖励, 资助, 奖给, 贷款…) and without a
statistic or paid-out word (``documents.extraction.money_words``: 达到, 累计,
规模, 兑现… — "知识产权质押融资额达到50亿元以上" is a target, "累计投入资金13
亿元" a figure).  A percentage inside the 对…的 clause is an eligibility
condition (000 （四） "…比重达到1%…的科技项目"), not a ratio.  A ceiling in
the clause after a ratio is its cap; a ceiling word a little before a money
amount makes it a cap ("最高给予200万元补助"), and the tiers listed after it
too ("分别最高给予500万元、100万元").

Statistic words inside the terms of a rule do not count (``rules.RULE_TERM_RES``:
the base of a share, "按照实际销售总额的20%"; a cumulative cap, "累计最高").
The support word may stand in the next clause, after the terms ("可按不超过研
发投入30%，给予…最高5000万元支持"), or in the clause before, which offers the
support without a number ("给予…费用补贴，原则上不高于建设总投入经费的50%").
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from documents.extraction.money_words import (
    CEILING_BEFORE_RE,
    NOT_SUPPORT_WORDS,
    SUPPORT_WORDS,
    replaced,
)
from documents.extraction.quantities import Quantity, to_yuan
from documents.extraction.sentences import Span, span_at, spans_within, split_clauses
from documents.extraction.units import LIST_JOINERS
from measures.extraction.subsidies.clauses import is_condition_clause, object_clause
from measures.extraction.subsidies.rules import (
    ALLOCATED_BEFORE_SUPPORT,
    APPLICANT_MEASURE_RE,
    BREAKDOWN_CLOSE,
    BREAKDOWN_ITEM_RE,
    BREAKDOWN_OPEN,
    BREAKDOWN_OPENER,
    BREAKDOWN_STAGE_RE,
    COST_SHARE_AFTER_RE,
    NOT_A_RATE_AFTER,
    NOT_A_RATE_BEFORE_RE,
    PAID_TAX_RE,
    RULE_TERM_RES,
    SCHEDULE_BASE_RE,
    TERMS_BEFORE_SUPPORT_RE,
)
from measures.subsidy_kinds import KINDS_BY_PRECEDENCE

# What a rule pays, after a condition: an amount of money or a share.
AMOUNT_OR_RATIO_RE = re.compile(r"\d[\d.]*\s*(?:万元|亿元|元|[%‰])|[百千]分之")


class Anchor(NamedTuple):
    """A money amount or percentage that a support rule is about."""

    quantity: Quantity
    clause: Span
    is_ratio: bool
    # the clause after ``clause`` when the support word stands there
    # ("可按不超过研发投入30%，给予…最高5000万元支持"), else None
    support: Span | None = None


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


def states_statistic(body: str) -> bool:
    """A statistic or paid-out word outside the terms of a rule (RULE_TERM_RES)."""
    for pattern in RULE_TERM_RES:
        body = pattern.sub(lambda m: "·" * len(m.group()), body)
    return any(word in body for word in NOT_SUPPORT_WORDS)


def _is_support_clause(text: str, clause: Span) -> bool:
    body = text[clause.start : clause.end]
    if states_statistic(body):
        return False
    body = PAID_TAX_RE.sub("", body)
    return any(t in body for kind in KINDS_BY_PRECEDENCE for t in kind.triggers)


# An amount per item right after the item it pays for, in a list after the
# clause that names the support ("可申报专利授权奖励，国内发明专利每件2.5万元、
# 实用新型专利每件1000元").
PER_ITEM_BEFORE_RE = re.compile(r"每(?:件|项|个)$")


def _support_before(
    text: str, parts: list[Span], clause: Span, quantity: Quantity, numbered: set[int]
) -> Span | None:
    """The previous clause, when it offers support without a number of its own
    and this one states its ratio or ceiling ("给予…费用补贴，原则上不高于建设
    总投入经费的50%，一般不超过3000万元") or its amounts per item."""
    index = parts.index(clause)
    per_item = PER_ITEM_BEFORE_RE.search(text, clause.start, quantity.start) is not None
    if index == 0 or (quantity.comparator not in ("<=", "<") and not per_item):
        return None
    previous = parts[index - 1]
    if (
        index - 1 not in numbered
        and _is_support_clause(text, previous)
        and not states_statistic(text[clause.start : clause.end])
    ):
        return previous
    return None


def _support_after(
    text: str, parts: list[Span], clause: Span, quantity: Quantity
) -> Span | None:
    """The next clause, when it holds the support word of the terms before the
    quantity ("可按不超过研发投入30%，给予…最高5000万元支持", "每年安排最高100万元
    活动经费，支持…")."""
    index = parts.index(clause)
    if index + 1 >= len(parts):
        return None
    body = text[clause.start : clause.end]
    start = quantity.start
    terms = TERMS_BEFORE_SUPPORT_RE.search(text, clause.start, start) is not None or (
        ALLOCATED_BEFORE_SUPPORT in text[clause.start : start]
        and quantity.comparator in ("<=", "<")
    )
    if (
        terms
        and not states_statistic(body)
        and _is_support_clause(text, parts[index + 1])
    ):
        return parts[index + 1]
    return None


def _broken_down(text: str, parts: list[Span], clause: Span) -> Span | None:
    """The support an amount after 其中 breaks down: the clause before the
    first item names it without an amount, the items are a short noun and
    an amount each ("…人才发放住房补贴，其中本科生2万元，硕士研究生4万元")."""
    index = parts.index(clause)
    first = index
    while first >= 0 and not text.startswith(BREAKDOWN_OPENER, parts[first].start):
        first -= 1
    if first <= 0:
        return None
    items = parts[first : index + 1]
    if not all(BREAKDOWN_ITEM_RE.match(text[p.start : p.end]) for p in items):
        return None
    named = parts[first - 1]
    return named if _is_support_clause(text, named) else None


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
    within = spans_within(quantities, segment.start, segment.end)
    numbered = {
        i
        for i, part in enumerate(parts)
        for q in within
        if q.kind == "amount" and part.start <= q.start < part.end
    }
    for quantity in within:
        if quantity.kind != "amount" or quantity.aspirational:
            continue
        is_ratio = quantity.category == "percent"
        if not is_ratio and quantity.category != "money":
            continue
        if (
            is_ratio
            and condition
            and condition.start() <= quantity.start < condition.end()
            and "的" in text[quantity.end : condition.end()]
        ):
            # an eligibility condition: the share modifies whom the rule is
            # for ("对…比重达到1%以上的科技项目"); one that ends the clause is
            # the rule's own share ("对…的主要贡献人员获得奖励的份额不低于
            # 奖励总额的百分之七十，")
            continue
        clause = span_at(parts, quantity.start) or parts[-1]
        if is_ratio and SCHEDULE_BASE_RE.search(text, clause.start, quantity.start):
            continue  # a stage of one award: "分别按应奖励额的30%、30%和40%"
        if is_ratio and (
            NOT_A_RATE_BEFORE_RE.search(text, clause.start, quantity.start)
            or text.startswith(NOT_A_RATE_AFTER, quantity.end)
            or COST_SHARE_AFTER_RE.match(text, quantity.end)
        ):
            continue  # "占股比例不超过20%", "超过15%部分税负差额"
        if replaced(text, segment.start, quantity.start, quantity.end, segment.end):
            continue  # "由0.15元/千瓦时调整至0.25元/千瓦时": the old value
        if _breaks_down(text, segment, quantity, anchors):
            # an instalment: "给予10万元奖励（第一年奖励5万元，…）", "分三年给予最高
            # 1000万元资助（第一、二年各拨付30%，第三年拨付40%）"
            continue
        if not is_ratio and (
            _threshold(text, segment, clause, quantity) or _limit_of_object(text, parts, clause)
        ):
            continue  # "投资2000万元以上的，按…的1%", "销售额（50万元以上）的20%"
        if not is_ratio:
            quantity = _with_ceiling(text, clause, quantity)
            quantity = _as_list_item(text, anchors, quantity)
        in_support = _is_support_clause(text, clause)
        support = None
        if not in_support:
            support = (
                _support_after(text, parts, clause, quantity)
                or _support_before(text, parts, clause, quantity, numbered)
                or _broken_down(text, parts, clause)
            )
        supported = (
            in_support
            or support is not None
            or (
                lead_kind
                and not states_statistic(text[clause.start : clause.end])
                and not is_condition_clause(text, clause)
            )
        )
        if not supported and not _is_cap_of_ratio(parts, anchors, clause, quantity):
            continue
        anchors.append(Anchor(quantity, clause, is_ratio, support))
    return anchors


def _threshold(text: str, segment: Span, clause: Span, quantity: Quantity) -> bool:
    """Is the amount ``quantity`` a threshold rather than what a rule pays:
    at least so much (以上, 超过) in a "…的，" condition that the segment's own
    amount or ratio follows ("近两年获得股权投资机构投资2000万元以上的，按实际
    到账投资额的1%，给予…最高300万元一次性奖励"), or in brackets after the base
    of a ratio ("累计销售额（50万元以上）的20%"), or right after what the
    applicant earns or pays ("税收贡献不低于2000元/m2")?"""
    if quantity.comparator not in (">=", ">"):
        return False
    if APPLICANT_MEASURE_RE.search(text, clause.start, quantity.start):
        return True  # "申请资助应符合…上年度税收贡献不低于2000元/m2"
    if text[quantity.start - 1 : quantity.start] in "（(" and text.startswith(
        ("）", ")"), quantity.end
    ):
        return True
    return is_condition_clause(text, clause) and bool(
        AMOUNT_OR_RATIO_RE.search(text, clause.end, segment.end)
    )


# A 的-phrase naming what a rule is for, ending its clause: "…的流动资金贷款，".
OBJECT_PHRASE_END_RE = re.compile(r"的[^，。；、的\d（）()]{2,10}$")
RATE_TERMS_RE = re.compile(r"^(?:按照?|根据|依据)|标准$")


def _limit_of_object(text: str, parts: list[Span], clause: Span) -> bool:
    """Is an amount in ``clause`` a limit on what the rule is for, named by a
    的-phrase that ends its clause or one of the next two, before the rule's
    own amount or ratio ("年单笔贷款额不低于50万元（含50万元），且不超过1000万元
    （含1000万元）的流动资金贷款，可按…的40%申请融资费用补贴")?"""
    index = parts.index(clause) if clause in parts else -1
    if index < 0:
        return False
    for part in parts[index : index + 3]:
        body = text[part.start : part.end].rstrip("，,；; ")
        if any(w in body for w in SUPPORT_WORDS) or RATE_TERMS_RE.search(body):
            return False  # "按每家企业5万元的标准，": the rate itself
        if OBJECT_PHRASE_END_RE.search(body):
            return bool(AMOUNT_OR_RATIO_RE.search(text, part.end, parts[-1].end))
    return False


def _breaks_down(
    text: str, segment: Span, quantity: Quantity, anchors: list[Anchor]
) -> bool:
    """Is ``quantity`` inside a parenthesis that opens on a stage in time
    after an amount of the segment that is already a rule (the parenthesis
    breaks that amount down into instalments)?"""
    opened = max(text.rfind(mark, segment.start, quantity.start) for mark in BREAKDOWN_OPEN)
    if opened < 0 or not BREAKDOWN_STAGE_RE.match(text, opened + 1):
        return False
    if any(text.find(mark, opened, quantity.start) >= 0 for mark in BREAKDOWN_CLOSE):
        return False  # the parenthesis closed before the amount
    return any(
        not a.is_ratio and segment.start <= a.quantity.start and a.quantity.end <= opened
        for a in anchors
    )


def _as_list_item(text: str, anchors: list[Anchor], quantity: Quantity) -> Quantity:
    """A tier after a capped tier is capped too: in "分别最高给予500万元、100万元"
    the 最高 before the verb holds for both (the quantity parser shares only a
    comparator written right before the first amount)."""
    if not anchors or quantity.comparator != "=" or quantity.value_max is not None:
        return quantity
    previous = anchors[-1].quantity
    if (
        previous.comparator in ("<=", "<")
        and previous.unit == quantity.unit
        and TIER_LABEL_RE.sub("", text[previous.end : quantity.start]) in LIST_JOINERS
    ):
        return replace(quantity, comparator=previous.comparator)
    return quantity


# What names a tier after its amount: "最高500万元（国家级）、100万元（省级）".
TIER_LABEL_RE = re.compile(r"[（(][^（）()，。；]{1,12}[）)]")


def _is_cap_of_ratio(
    parts: list[Span], anchors: list[Anchor], clause: Span, quantity: Quantity
) -> bool:
    """A ceiling in the clause after a ratio needs no support word of its own
    ("按照研发投入的10%给予补助，单个企业每年最高不超过100万元"), nor one that
    ends the sentence of a rule, clauses after it ("按每平方米每月最高40元给予
    补贴，…，时间最长不超过5年，每年最高不超过200万元": the cap of the sum,
    assembly._apply_restating_ceilings)."""
    if not anchors or quantity.comparator not in ("<=", "<"):
        return False
    if parts.index(clause) == len(parts) - 1 and quantity.category == "money":
        return True
    if not anchors[-1].is_ratio:
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
