"""Assembly: subsidy rules built from a text's anchors and mentions.

``extract_subsidies`` walks the sentences of a text and their rule segments
(``clauses``); each anchor (``anchors``) becomes a rule with its roles
(``roles``), a ratio followed by a ceiling becoming one rule with a cap; a
segment's schemes named without an amount (``rules.MENTION_PATTERNS``) become
rules flagged ``no_amount``.  A list's lead-in lends its items a kind and a
beneficiary.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from documents.extraction.money_words import PER_UNIT_AFTER_RE
from documents.extraction.quantities import find_quantities
from documents.extraction.sentences import (
    Span,
    split_clauses,
    trim,
    trimmed_sentences,
)
from measures.extraction.subsidies.anchors import (
    Anchor,
    find_anchors,
    in_yuan,
    kind_near,
    states_statistic,
)
from measures.extraction.subsidies.clauses import object_clause, rule_segments
from measures.extraction.subsidies.roles import (
    find_beneficiary,
    find_funding_source,
    per_unit,
    ratio_basis,
    stated_basis,
)
from measures.extraction.subsidies.rules import (
    GIVING_RE,
    LEAD_STANDARDS_END_RE,
    LEAD_SUPPORT_END_RE,
    MENTION_PATTERNS,
    PEOPLE_RE,
    RESEARCH_INCOME_RE,
    TOTAL_OBTAINED_RE,
)
from measures.extraction.types import ExtractedSubsidy


class _LeadIn(NamedTuple):
    """What the lead-in of a list ("…对…人员给予奖励：") lends its items:
    also the ceiling it puts on each ("单个项目年度奖励金额不超过5000万元。具体
    标准如下：")."""

    kind: str
    beneficiary: str
    text: str
    cap: Decimal | None = None


_NO_LEAD = _LeadIn("", "", "")


def _list_cap(lead_in: str):
    """The ceiling of the sentence before the one that opens the list, in yuan."""
    opener = LIST_OPENER_RE.search(lead_in)
    if opener is None:
        return None
    before = [
        q for q in find_quantities(lead_in[: opener.start()])
        if q.kind == "amount" and q.category == "money" and q.comparator in ("<=", "<")
    ]
    if not before or lead_in.rfind("。", 0, opener.start()) > before[-1].end:
        return None
    return in_yuan(before[-1])[2]


def _lead_in(lead_in: str) -> _LeadIn:
    """Kind and beneficiary of the last sentence of ``lead_in``.

    Only a lead-in that ends on its support ("…人员给予奖励：", "按照以下标准
    给予补助：") lends a kind: "申请补助的企业应当符合下列条件：" lists
    conditions, not rules.
    """
    spans = trimmed_sentences(lead_in)
    if not spans:
        return _NO_LEAD
    sentence = spans[-1]
    last = trim(lead_in, split_clauses(lead_in, sentence, ascii_marks=True)[-1])
    kind = ""
    if LEAD_SUPPORT_END_RE.search(lead_in, last.start, last.end) and not states_statistic(
        lead_in[last.start : last.end]
    ):
        kind = kind_near(lead_in, last, last.start, last.start)
    elif LEAD_STANDARDS_END_RE.search(lead_in, last.start, last.end):
        # "…给予奖励时，按照下列标准执行：": the support the sentence names, or
        # the paragraph ("奖金和报酬可以…给付。…没有约定数额的，可以按照下列比例确定：")
        kind = kind_near(lead_in, sentence, last.start, last.start) or kind_near(
            lead_in, Span(0, len(lead_in)), last.start, last.start
        )
    beneficiary = find_beneficiary(lead_in, sentence, sentence, sentence.end)
    return _LeadIn(kind, beneficiary, lead_in[sentence.start : sentence.end], _list_cap(lead_in))


def _refine_kind(kind: str, is_ratio: bool, beneficiary: str, context: str) -> str:
    """A percentage reward to people out of research income: inventor_share."""
    if (
        kind in ("award", "other")
        and is_ratio
        and PEOPLE_RE.search(beneficiary)
        and RESEARCH_INCOME_RE.search(context)
    ):
        return "inventor_share"
    return kind


def _is_ceiling(anchor: Anchor) -> bool:
    q = anchor.quantity
    return not anchor.is_ratio and q.comparator in ("<=", "<") and not q.value_max


def _rate_then_ceiling(text: str, anchor: Anchor, following: Anchor) -> bool:
    """Is ``following`` the ceiling of the rate ``anchor`` states: an amount
    per unit (每家, 每人, 每件; "3000元/平方米") in its clause, then a ceiling
    in the next clause of the same rule ("按每家企业5万元的标准，给予…年度最高
    100万元奖励")?"""
    q = anchor.quantity
    if q.comparator != "=" or not _is_ceiling(following) or following.clause == anchor.clause:
        return False
    if "每" not in text[anchor.clause.start : q.start] and not PER_UNIT_AFTER_RE.match(
        text, q.end
    ):
        return False  # no rate: neither 每家 before it nor "/平方米" after it
    between = text[q.end : following.quantity.start]
    return not any(mark in between for mark in "；。;") and between.count("，") <= 1


def _shared_ceiling(text: str, anchors: list[Anchor], i: int) -> Anchor | None:
    """The ceiling after a series of ratios, each in its own clause, that
    holds for all of them: "前2年给予企业地方财政贡献80%的奖励，后3年给予…50%
    的奖励，每年最高奖励不超过5000万元" caps both tiers, not only the last."""
    j = i + 1
    while j < len(anchors) and anchors[j].is_ratio:
        j += 1
    if j == i + 1 or j == len(anchors) or not _is_ceiling(anchors[j]):
        return None
    clauses = [a.clause for a in anchors[i:j]]
    if anchors[j].clause in clauses:
        return None
    # "分别按其营业额的15%、10%对引进企业进行奖励，单个项目奖励最高不超过30万
    # 元": ratios listed after 分别 in one clause share the ceiling after it.
    clause = clauses[0]
    listed = len(set(clauses)) == 1 and "分别" in text[clause.start : clause.end]
    if len(set(clauses)) != len(clauses) and not listed:
        return None
    return anchors[j]


def _from_anchors(
    text: str,
    segment: Span,
    sentence: Span,
    preamble: Span,
    anchors: list[Anchor],
    lead: _LeadIn = _NO_LEAD,
) -> list[ExtractedSubsidy]:
    """One rule per anchor of ``segment``; a ratio takes the ceiling after it
    as its cap ("技术交易额10%、最高不超过50万元" is one rule)."""
    out: list[ExtractedSubsidy] = []
    i = 0
    while i < len(anchors):
        anchor = anchors[i]
        q = anchor.quantity
        start, end = q.start, q.end
        last_clause = anchor.clause
        amount_min = amount_max = cap = ratio = None
        flags: list[str] = []
        basis = ""
        rule = "amount"
        if anchor.is_ratio:
            ratio = q.value
            basis = ratio_basis(text, segment, anchor.clause, q)
            rule = "ratio"
            if q.comparator in (">=", ">"):
                flags.append("ratio_at_least")
            before = text[anchor.clause.start : q.start]
            if q.comparator in ("<=", "<") or re.search(r"不超过|不高于|最高", before):
                flags.append("ratio_at_most")
            following = anchors[i + 1] if i + 1 < len(anchors) else None
            if (
                following
                and not following.is_ratio
                and following.quantity.comparator in ("<=", "<")
                and not following.quantity.value_max
            ):
                _, amount_max, cap = in_yuan(following.quantity)
                end = following.quantity.end
                last_clause = following.clause
                rule = "ratio+cap"
                i += 1
            elif (shared := _shared_ceiling(text, anchors, i)) is not None:
                _, amount_max, cap = in_yuan(shared.quantity)
                last_clause = shared.clause
                rule = "ratio+shared_cap"
        else:
            amount_min, amount_max, cap = in_yuan(q)
            if PER_UNIT_AFTER_RE.match(text, q.end):
                # its 最高 bounds the rate, not a sum (a rate per beneficiary,
                # "每人最高5000元", does cap a sum)
                cap = None
            if q.comparator == "~":
                flags.append("approximate")
            basis = stated_basis(text, segment, q.start)
            following = anchors[i + 1] if i + 1 < len(anchors) else None
            if following and _rate_then_ceiling(text, anchor, following):
                # "按每家企业5万元的标准，给予单个安全服务机构年度最高100万元奖励"
                _, _, cap = in_yuan(following.quantity)
                end = following.quantity.end
                last_clause = following.clause
                rule = "rate+cap"
                i += 1
        kind = kind_near(text, anchor.clause, q.start, q.end)
        if not kind and anchor.support is not None:
            kind = kind_near(text, anchor.support, anchor.support.start, anchor.support.start)
        kind = kind or lead.kind or "other"
        if lead.beneficiary and not object_clause(text, segment):
            beneficiary = lead.beneficiary
        else:
            beneficiary = find_beneficiary(text, segment, sentence, start)
        context = text[segment.start : segment.end] + lead.text
        kind = _refine_kind(kind, anchor.is_ratio, beneficiary, context)
        out.append(
            ExtractedSubsidy(
                kind=kind,
                amount_min=amount_min,
                amount_max=amount_max,
                ratio_percent=ratio,
                basis=basis,
                cap=cap,
                per=per_unit(text, segment, last_clause.end),
                beneficiary=beneficiary,
                funding_source=find_funding_source(
                    text, segment, sentence, end, preamble
                ),
                start=start,
                end=end,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                rule=rule,
                flags=flags,
            )
        )
        i += 1
    return out


def _from_mentions(
    text: str, segment: Span, sentence: Span, preamble: Span, skip_kinds: set[str]
) -> list[ExtractedSubsidy]:
    """Schemes without an amount; ``skip_kinds`` are already quantified in the
    segment (001 措施10 keeps its 分期缴纳个人所得税 next to the 70% share)."""
    out: list[ExtractedSubsidy] = []
    for name, pattern, kind in MENTION_PATTERNS:
        if kind in skip_kinds:
            continue
        for match in pattern.finditer(text, segment.start, segment.end):
            if any(
                s.kind == kind and s.start < match.end() and match.start() < s.end
                for s in out
            ):
                continue  # one scheme, one rule
            basis = match.groupdict().get("basis") or ""
            if not basis:
                basis = stated_basis(text, segment, match.end())
            out.append(
                ExtractedSubsidy(
                    kind=kind,
                    amount_min=None,
                    amount_max=None,
                    ratio_percent=None,
                    basis=basis,
                    cap=None,
                    per=per_unit(text, segment, match.end()),
                    beneficiary=find_beneficiary(
                        text, segment, sentence, match.start()
                    ),
                    funding_source=find_funding_source(
                        text, segment, sentence, match.end(), preamble
                    ),
                    start=match.start(),
                    end=match.end(),
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    rule=f"mention:{name}",
                    flags=["no_amount"],
                )
            )
    return out


_CLAUSE_MARKS = "，；：。！？,;:\n"
# Rules a ceiling after them no longer caps: a ratio already holding the
# ceiling of the clause after it.
_CAPPED_RULES = ("ratio+cap", "ratio+shared_cap")


def _restating_ceiling(text: str, subsidy: ExtractedSubsidy) -> str:
    """"before" when ``subsidy`` is a ceiling that restates the sum of the
    rules before it ("…，每年最高不超过200万元"), "after" when it caps the list
    its clause introduces ("…年资助总额不超过300万元："), else "" (it is a
    rule, or no ceiling at all)."""
    if (
        subsidy.rule != "amount"
        or subsidy.amount_min is not None
        or subsidy.cap is None
        or "no_amount" in subsidy.flags
    ):
        return ""
    clause_start = max(text.rfind(mark, 0, subsidy.start) for mark in _CLAUSE_MARKS) + 1
    # read with the amount's first characters (the look-ahead of 奖励(?=不超过))
    before = text[clause_start : subsidy.start]
    window = before + text[subsidy.start : subsidy.end]
    if not TOTAL_OBTAINED_RE.search(before) and any(
        m.start() < len(before) for m in GIVING_RE.finditer(window)
    ):
        return ""
    ends = [i for i in (text.find(mark, subsidy.end) for mark in _CLAUSE_MARKS) if i >= 0]
    clause_end = min(ends, default=len(text))
    if text[subsidy.end : clause_end].strip():
        return ""  # the support named after the amount: a rule
    if ends and (text[clause_end] in "：:" or LIST_OPENER_RE.match(text, clause_end)):
        return "after"
    return "before"


# A ceiling sentence, then the short one that opens the list it caps:
# "单个项目年度奖励金额不超过5000万元。具体标准如下：".
LIST_OPENER_RE = re.compile(r"。[^。，；\n]{0,10}(?:如下|以下)[：:]\s*$", re.M)


def _apply_restating_ceilings(
    text: str, found: list[ExtractedSubsidy]
) -> list[ExtractedSubsidy]:
    """A ceiling that restates the sum of the rules of its paragraph since the
    last such ceiling is their cap, not a rule of its own (rules.GIVING_RE);
    one that introduces a list caps the rules after it in its paragraph.  A
    ceiling with no rule to cap stays a rule ("给予资助，最高资助金额50万元")."""
    out: list[ExtractedSubsidy] = []
    open_rules: list[ExtractedSubsidy] = []
    list_cap = None
    paragraph_end = -1
    for subsidy in found:
        if subsidy.start > paragraph_end:
            open_rules, list_cap = [], None
            end = text.find("\n", subsidy.start)
            paragraph_end = end if end >= 0 else len(text)
        where = _restating_ceiling(text, subsidy) if list_cap is None else ""
        if where == "after":
            list_cap = subsidy.cap
            continue
        if where == "before" and open_rules:
            for rule in open_rules:
                _cap(rule, subsidy.cap)
            open_rules = []
            continue
        if "no_amount" not in subsidy.flags:
            if list_cap is not None and subsidy.rule not in _CAPPED_RULES:
                _cap(subsidy, list_cap)
            elif subsidy.rule in _CAPPED_RULES or _own_ceiling(subsidy):
                open_rules = []  # a rule with its own ceiling closes the run
            else:
                open_rules.append(subsidy)
        out.append(subsidy)
    return out


def _own_ceiling(rule: ExtractedSubsidy) -> bool:
    """A rule that is a ceiling ("给予最高200万元资助"), unless it is a rate
    per unit ("按每平方米每月最高40元给予补贴"), which a ceiling on the sum
    after it caps again."""
    return rule.ratio_percent is None and rule.amount_min is None and not rule.per


def _cap(rule: ExtractedSubsidy, cap) -> None:
    """Give ``rule`` the ceiling of the sum; a ratio has it as its maximum,
    and so has a floor ("资助资金最低不少于20万元，最高不超过300万元" is 20 to
    300万元)."""
    rule.cap = cap
    if rule.ratio_percent is not None or (rule.amount_min is not None and rule.amount_max is None):
        rule.amount_max = cap


def extract_subsidies(
    text: str, *, offset: int = 0, lead_in: str = ""
) -> list[ExtractedSubsidy]:
    """Every subsidy rule in ``text`` (see module docstring), in text order.

    ``lead_in``: the text of the provision that introduces ``text`` as one of
    its items, when it ends with "：" (a 第X条 "…对…作出重要贡献的人员给予奖
    励：" before "（一）…从净收入中提取不低于百分之七十的比例；").  It lends the
    items its kind of support and its beneficiary; it yields no rule itself.
    """
    lead = _lead_in(lead_in) if lead_in.strip() else _NO_LEAD
    quantities = find_quantities(text)
    found: list[ExtractedSubsidy] = []
    for sentence in trimmed_sentences(text):
        segments = rule_segments(text, sentence)
        first_rule = next(
            (seg.start for seg in segments if object_clause(text, seg)), sentence.end
        )
        preamble = Span(sentence.start, first_rule)
        for segment in segments:
            anchors = find_anchors(text, segment, quantities, lead.kind)
            quantified = _from_anchors(text, segment, sentence, preamble, anchors, lead)
            found.extend(quantified)
            kinds = {subsidy.kind for subsidy in quantified}
            found.extend(_from_mentions(text, segment, sentence, preamble, kinds))
    found.sort(key=lambda subsidy: subsidy.start)
    found = _apply_restating_ceilings(text, found)
    if lead.cap is not None:
        for subsidy in found:
            if subsidy.cap is None and "no_amount" not in subsidy.flags:
                _cap(subsidy, lead.cap)
    for subsidy in found:
        for name in ("start", "end", "sentence_start", "sentence_end"):
            setattr(subsidy, name, getattr(subsidy, name) + offset)
    return found
