"""Roles in a subsidy rule: beneficiary, funding source, basis, and what it is per.

Each finder reads the words of the rule segment (and, failing that, of the
sentence) around the amount or mention it is asked about.
"""

from __future__ import annotations

import functools

from documents.extraction.quantities import Quantity
from documents.extraction.sentences import Span, split_clauses, trim
from measures.extraction.subsidies.clauses import object_clause
from measures.extraction.subsidies.rules import (
    BASIS_BOUNDARY_RE,
    BASIS_STRIP_END,
    BASIS_STRIP_START,
    BASIS_WITHOUT_RATIO_RE,
    COUNTED_GROUP_RE,
    FUNDING_SOURCE_PATTERNS,
    GENERIC_HEADS,
    LEAD_OBJECT_RE,
    NAMED_BANKS,
    PER_COMBINATIONS,
    PER_PRECEDENCE,
    PER_WORDS,
    REWARD_OBJECT_RE,
    SHARE_HOLDER_RE,
    SHARE_SOURCE_RE,
    SUBJECT_RE,
    TRANSFER_OBJECT_RE,
)


def head_noun(clause: str) -> str:
    """The noun phrase after the last 的; the whole clause if that head is generic."""
    head = clause.rsplit("的", 1)[1] if "的" in clause else clause
    if not head or head in GENERIC_HEADS:
        return clause
    return head


def find_beneficiary(
    text: str, segment: Span, sentence: Span, anchor_start: int
) -> str:
    """Whom the rule at ``anchor_start`` supports, first found of: the object
    clause before it ("对…的企业"), the object of a reward ("奖给成果完成人"),
    the subject of a waiver ("小微企业免收…"), the 的-clause just before, a
    counted group ("评选产生100个…团队"), the object of the sentence's leading
    verb ("加快构建产业技术研究院，…")."""
    opener = object_clause(text, segment)
    if opener and opener.start() < anchor_start:
        clause = opener.group("clause")
        if anchor_start < opener.end():
            # the rule's own share ends the clause: "对…的主要贡献人员获得
            # 奖励的份额不低于…" is for whoever holds the share
            clause = SHARE_HOLDER_RE.split(clause, maxsplit=1)[0]
        return head_noun(clause)
    window = text[segment.start : segment.end]
    reward = REWARD_OBJECT_RE.search(window)
    if reward:
        return reward.group("who") or reward.group("party")
    subject = SUBJECT_RE.search(window)
    if subject:
        return head_noun(subject.group("who"))
    # "…达到一定数额的机构，可依条件申请补助经费": the 的-clause just before,
    # when it ends in a short noun phrase (not a list: "规模、实施周期、…").
    parts = split_clauses(text, segment, ascii_marks=True)
    for clause in reversed(parts):
        if clause.end <= anchor_start:
            stripped = trim(text, clause)
            body = text[stripped.start : stripped.end]
            head = body.rsplit("的", 1)[-1]
            if "的" in body and 0 < len(head) <= 8 and "、" not in head:
                return head_noun(body)
            break
    before = text[sentence.start : anchor_start]
    counted = list(COUNTED_GROUP_RE.finditer(before))
    if counted:
        return counted[-1].group("who")
    first = trim(text, split_clauses(text, sentence, ascii_marks=True)[0])
    lead = LEAD_OBJECT_RE.match(text[first.start : first.end])
    return lead.group("who") if lead else ""


def find_funding_source(
    text: str, segment: Span, sentence: Span, anchor_end: int, preamble: Span
) -> str:
    """The fund named in the segment, else earlier in the sentence.

    A segment that opens its own 对…的 rule inherits only from the sentence's
    preamble (002: "依托省科技发展计划，对新认定…给予后补助支持"), not from the
    rule before it (000 （七）: the second rule after "；" is paid by 有关部门,
    not by the 省和当地政府 of the first).  A segment without one is a sub-rule
    and inherits from the whole sentence (002: "…实行“四免三贴”政策：小微企业免
    收…" is the banks' scheme).
    """
    outer = preamble if object_clause(text, segment) else sentence
    for span in (segment, outer):
        for pattern in FUNDING_SOURCE_PATTERNS:
            found = [
                match
                for match in pattern.finditer(text, span.start, span.end)
                if match.start() < anchor_end or span is segment
            ]
            if found:
                source = found[-1].group("source")
                if source == "银行":
                    # "银行对…" refers back to the banks named before (002).
                    named = _named_banks(text)
                    source = "、".join(named) or source
                return source
    return ""


@functools.lru_cache(maxsize=4)
def _named_banks(text: str) -> list[str]:
    """The banks named in ``text``, once per text (not once per rule)."""
    return list(dict.fromkeys(NAMED_BANKS.findall(text)))


def per_unit(text: str, segment: Span, end: int) -> str:
    """What the amount is counted per, from the words of the segment up to ``end``."""
    window = text[segment.start : end]
    found = {per for word, per in PER_WORDS if word in window}
    for parts, per in PER_COMBINATIONS:
        if parts <= found:
            return per
    return next((per for per in PER_PRECEDENCE if per in found), "")


def _clean_basis(basis: str) -> str:
    for suffix in BASIS_STRIP_END:
        basis = basis.removesuffix(suffix)
    for prefix in BASIS_STRIP_START:
        basis = basis.removeprefix(prefix)
    return basis


def ratio_basis(text: str, segment: Span, clause: Span, quantity: Quantity) -> str:
    """What the percentage ``quantity`` is a share of ("技术交易额的10%")."""
    before = text[clause.start : quantity.start]
    source = list(SHARE_SOURCE_RE.finditer(before))
    if source:
        return source[-1].group("basis")
    cut = BASIS_BOUNDARY_RE.match(before)
    basis = _clean_basis(before[cut.end() :] if cut else before)
    if basis:
        return basis
    transfer = TRANSFER_OBJECT_RE.search(text, segment.start, clause.start)
    return transfer.group("basis") if transfer else ""


def stated_basis(text: str, segment: Span, end: int) -> str:
    """What an amount is reckoned on, without a ratio ("根据收购额给予…")."""
    match = BASIS_WITHOUT_RATIO_RE.search(text, segment.start, end)
    return match.group("basis") if match else ""
