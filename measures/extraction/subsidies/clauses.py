"""Clause cutting for subsidy rules: where a rule starts, and whom it is for.

Jilin texts chain several rules in one sentence, each opened by a 对…的X
clause or separated by "；"/"：" (001 措施19: "对获得当年国内发明授权的专利，
每件一次性给予不高于5000元的补助，对获得当年国外发明授权的专利，每件一次
性给予5万元的补助；…"), so a *rule segment* starts at such a clause.  The
对…X clause that opens a segment (its *object clause*) names whom the rule
is for, or the condition to meet.
"""

from __future__ import annotations

import re

from documents.extraction.money_words import NOT_AFTER_TO_WHOM, NOT_BEFORE_TO_WHOM
from documents.extraction.sentences import Span, split_clauses, trim
from measures.extraction.subsidies.rules import (
    OBJECT_CLAUSE_RE,
    OBJECT_CLAUSE_TO_COMMA_RE,
    RULE_IN_CLAUSE_RE,
    SHARE_HOLDER_CLAUSE_RE,
)


def rule_segments(text: str, sentence: Span) -> list[Span]:
    """Split a sentence where a new rule starts (对…的 clause, after ；or ：,
    a clause naming who holds a share: "，…管理人员获得奖励的份额不低于…")."""
    segments: list[Span] = []
    segment_start = sentence.start
    parts = split_clauses(text, sentence, ascii_marks=True)
    for i, clause in enumerate(parts):
        if i == 0:
            continue
        previous_end = text[parts[i - 1].end - 1]
        body = text[clause.start : clause.end]
        to_whom = body.find("对")
        opens_rule = (
            0 <= to_whom <= 4
            and "的" in body
            and (to_whom == 0 or body[to_whom - 1] not in NOT_BEFORE_TO_WHOM)
            and body[to_whom + 1 : to_whom + 2] not in tuple(NOT_AFTER_TO_WHOM)
        )
        holder = SHARE_HOLDER_CLAUSE_RE.match(body) is not None
        if opens_rule and _grants_the_share_before(text[segment_start : clause.start], body):
            opens_rule = False
        if previous_end in "；：" or opens_rule or holder:
            segments.append(Span(segment_start, clause.start))
            segment_start = clause.start
    segments.append(Span(segment_start, sentence.end))
    return segments


# "…提取不低于百分之二十的经费，对…做出重要贡献的人员给予奖励": the 对 clause
# says to whom the share set aside before it goes, and opens no rule of its own.
SHARE_SET_ASIDE_RE = re.compile(r"(?:提取|拿出|安排)[^，。；]{0,12}(?:\d+(?:\.\d+)?\s?[%‰]|[百千]分之)")
GRANT_WITHOUT_AMOUNT_RE = re.compile(r"^[^\d百千万]*(?:给予|予以)[^\d]{0,4}(?:奖励|补助|资助)[^\d]*$")


def _grants_the_share_before(before: str, body: str) -> bool:
    return bool(SHARE_SET_ASIDE_RE.search(before)) and bool(GRANT_WITHOUT_AMOUNT_RE.match(body))


def object_clause(text: str, segment: Span) -> re.Match[str] | None:
    """The 对…X clause that opens ``segment`` (group "clause": what follows 对).

    Ending at a comma it must contain 的 ("对列入年度科技计划的联盟项目，");
    ending at a verb it may not ("对入驻企业按实际缴纳房租的50%给予房租补贴").
    """
    for match in OBJECT_CLAUSE_RE.finditer(text, segment.start, segment.end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        clause = match.group("clause")
        if before and before in NOT_BEFORE_TO_WHOM:
            continue
        if not clause or clause[0] in NOT_AFTER_TO_WHOM:
            continue
        whole = OBJECT_CLAUSE_TO_COMMA_RE.match(text, match.start(), segment.end)
        if (
            whole
            and whole.end() > match.end()
            and "的" in text[match.end() : whole.end()]
            and not RULE_IN_CLAUSE_RE.search(whole.group("clause"))
        ):
            return whole
        at_comma = text[match.end() : match.end() + 1] in ("，", "；", "")
        if at_comma and "的" not in clause:
            continue
        return match
    return None


def is_condition_clause(text: str, clause: Span) -> bool:
    """A clause that ends in 的 states who qualifies ("…转化的，")."""
    stripped = trim(text, clause)
    return text[stripped.start : stripped.end].endswith("的")
