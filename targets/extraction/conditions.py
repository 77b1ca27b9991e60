"""Numbers that are the conditions of a rule, not goals: thresholds in the
的-phrase naming who gets support, in a "…的，" condition before what the
qualifying party gets, in the modifier of whom a rule is for, a tier named by
its threshold, and what a party must reach in a sentence that opens on whom
a rule is for ("对…企业，…纳税达到300万元…，分别可以申请2套…").

Read by ``targets.extraction.classification.usable``; the words are tables in
``targets.extraction.markers`` and ``documents.extraction.money_words``.
"""

from __future__ import annotations

import re

from documents.extraction import money_words
from documents.extraction.quantities import Quantity
from documents.extraction.sentences import Span
from targets.extraction import markers
from targets.extraction.passage import Passage


def threshold_of_beneficiary(passage: Passage, q: Quantity) -> bool:
    """A threshold in the 的-phrase naming who gets the support of the next
    clause ("服务我市企业500家以上，…且比上年度增加20%的科技服务机构，给予20万元
    的奖励")."""
    text = passage.text
    sentence = passage.sentence_of(q.start)
    for clause in passage.clauses_across(q.start, sentence.end):
        body = text[clause.start : clause.end]
        if markers.BENEFICIARY_CLAUSE_END_RE.search(body):
            rest = text[clause.end : sentence.end]
            return rest.startswith(markers.SUPPORT_CLAUSE_OPENERS)
        if any(w in body for w in money_words.SUPPORT_WORDS):
            return False
    return False


def conditional_clause(passage: Passage, q: Quantity, clause: Span) -> bool:
    """A threshold in a "…的，" condition whose sentence goes on to say what
    the qualifying party gets ("年销售额在1亿元及以上的，单品种奖励企业200万
    元"); the condition may run over a few clauses, none of them granting
    anything, before its 的 ("…且有不少于1名员工按规定缴纳社会保险费，且申请时
    未被…列入“经营异常名录”的，可申请…一次性创业补贴")."""
    text = passage.text
    sentence = passage.sentence_of(q.start)
    run = passage.clauses_from(clause.start, sentence.end)
    for k, part in enumerate(run[: markers.CONDITION_RUN_CLAUSES]):
        body = text[part.start : part.end]
        if body.endswith("，") and body[:-1].endswith(markers.CONDITIONAL_CLAUSE_END):
            clause = part
            break
        if k and any(w in body for w in money_words.SUPPORT_WORDS):
            return False
    else:
        return False
    rest = text[clause.end : sentence.end]
    consequences = (
        money_words.SUPPORT_WORDS
        + markers.CONDITION_CLOSERS
        + markers.ENTITLEMENT_WORDS
        + markers.CONDITION_CONSEQUENCES
    )
    return any(w in rest for w in consequences)


def threshold_of_support(passage: Passage, q: Quantity) -> bool:
    """A threshold of a support rule's condition: a comparator, then the
    support granted after the condition's 的 in the same sentence ("营业面积在
    100平方米以上，经营满一年的一次性奖励1万元"), in no sentence that sets a
    goal for a year."""
    sentence = passage.sentence_of(q.start)
    bound = passage.text.endswith(("（含", "(含"), 0, q.start)  # "100—500亩（含500亩）"
    if q.comparator not in (">=", ">") and q.value_max is None and not bound:
        return False
    if markers.GOAL_YEAR_RE.search(passage.text, sentence.start, q.start):
        return False
    m = markers.CONDITION_THEN_SUPPORT_RE.search(passage.text, q.end, sentence.end)
    if m is None:
        return False
    # A range alone is a condition only where a 的 closes it before the
    # support: "谋划建设2-3个重大科技基础设施，采取“一事一议”方式予以支持" supports
    # a goal.
    ranged_only = q.comparator not in (">=", ">") and not bound
    return not ranged_only or "的" in passage.text[q.end : m.end()]


# What a share measures, before it ("研发投入占销售收入3%以上的企业"); without
# one, a share before a noun is the part of a population a goal reaches ("全市
# 80%以上工程项目采用数字化建造模式").
SHARE_MEASURE_BEFORE_RE = re.compile(r"[占率重例速幅]|增长|下降|收入|投入|利润|营收|资产|负债|费用")


def threshold_of_noun(q: Quantity, after: str, before: str = "") -> bool:
    """A money or share threshold in the 的-modifier of whom or what a rule is
    for: "单户担保金额500万元及以下的小微企业"."""
    if q.category == "percent" and not SHARE_MEASURE_BEFORE_RE.search(before):
        return False
    return (
        q.comparator in markers.THRESHOLD_COMPARATORS
        and q.category in markers.THRESHOLD_OF_NOUN_CATEGORIES
        and markers.THRESHOLD_OF_NOUN_RE.match(after) is not None
    )


def tier_of_rule(after: str) -> bool:
    """A tier of a rule named by its threshold, the rule right after its 的:
    "招用3人以下的按每人2000元给予补贴"."""
    return markers.TIER_AFTER_RE.match(after) is not None and any(
        w in after for w in money_words.SUPPORT_WORDS
    )


def condition_closed(passage: Passage, q: Quantity, after: str) -> bool:
    """对…<number>… closed by 给予/予以: in the clause, or later in the
    sentence when the number sits in a 的-clause ("对上年度研发费用支出超
    过200万元且较上一年度增长的企业，按照…给予补助")."""
    if any(w in after for w in markers.CONDITION_CLOSERS):
        return True
    if "的" not in after:
        return False
    sentence = passage.sentence_of(q.start)
    rest = passage.text[q.end : sentence.end]
    return any(w in rest for w in markers.CONDITION_CLOSERS)


def condition_of_sentence(passage: Passage, q: Quantity) -> bool:
    """A sentence that opens on whom a rule is for and grants after the
    number: "对新设立或新迁入的企业，第一个会计年度纳税…达到300万元、500万元和
    1000万元，分别可以申请2套、5套和10套政策性住房" — the number is what the
    party must reach, in no sentence that sets a goal for a year."""
    sentence = passage.sentence_of(q.start)
    text = passage.text
    opening = money_words.TO_WHOM_RE.match(text, sentence.start)
    if opening is None or markers.GOAL_YEAR_RE.search(text, sentence.start, sentence.end):
        return False
    clause = passage.clause_of(q.start)
    reached = markers.REACHED_BEFORE_RE.search(text, clause.start, q.start)
    if q.comparator not in markers.THRESHOLD_COMPARATORS and reached is None:
        return False  # "对你省近期上报的45个食品加工业项目，…予以支持": what is counted
    lead, rest = text[sentence.start : q.start], text[q.end : sentence.end]
    # the condition comes before the grant: "对…给予10万元奖励，…达到2.5%" grants first
    return not any(w in lead for w in markers.CONDITION_CLOSERS) and any(
        w in rest for w in markers.CONDITION_CLOSERS
    )


# A bound said in brackets after a number ("50%（不含）以上的", "30%（不含30%）的
# 企业"): the number is a threshold, of a condition or of whom a rule is for.
BOUNDED_THRESHOLD_AFTER_RE = re.compile(r"[（(]不?含[^（）()]{0,8}[）)](?:以上|以下)?[^，。；的]{0,6}的")
BOUND_NOTE_OPENERS = ("（含", "（不含", "(含", "(不含")
# A threshold reached before a beneficiary may do something again: "使用超过
# 50%后可再次申领".
THRESHOLD_THEN_PERMITTED_RE = re.compile(r"(?:以上|以下)?后(?:方可|才能|即可|可)")


def bounded_or_permitting(q: Quantity, before: str, after: str) -> bool:
    """A threshold with its bound in brackets ("持股比例达到子公司50%（不含）以上
    的，可纳入…"), the number inside that bound ("30%（不含30%）"), or one a
    beneficiary must pass before it may act ("使用超过50%后可再次申领")."""
    if BOUNDED_THRESHOLD_AFTER_RE.match(after):
        return True
    if before.endswith(BOUND_NOTE_OPENERS) and after.startswith(("）", ")")):
        return True
    return q.comparator in ("<=", ">=", "<", ">") and THRESHOLD_THEN_PERMITTED_RE.match(after) is not None
