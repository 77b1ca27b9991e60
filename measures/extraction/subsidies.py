"""Subsidy rules: support with an amount or a ratio, and the named schemes without one.

Pure Python (no Django).  ``extract_subsidies(text, offset=)`` returns one
``ExtractedSubsidy`` per rule.  Numbers come from the shared parser
``documents.extraction.quantities`` (never re-parsed here); this module only
decides which money amounts and percentages are support rules and reads the
words around them.  Tables (data) first, engine (a few functions) after.

Unit of analysis: a *rule segment*.  Jilin texts chain several rules in one
sentence, each opened by a 对…的X clause or separated by "；"/"：" (001 措施19:
"对获得当年国内发明授权的专利，每件一次性给予不高于5000元的补助，对获得当年
国外发明授权的专利，每件一次性给予5万元的补助；…"), so a segment starts at
such a clause.

Inside a segment:

* an *anchor* is a money amount or a percentage that sits in a clause with a
  support word (SUBSIDY_KINDS triggers: 给予…支持/补助/奖励, 资助, 奖给, 贷款…)
  and without a statistic/target word (NOT_SUPPORT_WORDS: 达到, 累计, 投放,
  规模… — "知识产权质押融资额达到50亿元以上" is a target, "累计投入资金13亿元"
  a figure).  A percentage inside the 对…的 clause is an eligibility condition
  (000 （四） "…比重达到1%…的科技项目"), not a ratio;
* a ratio followed by a ceiling ("技术交易额10%、最高不超过50万元";
  "…的10%给予补助，单个企业每年最高不超过100万元") is one rule with a cap;
* a ceiling word a little before a money amount makes it a cap even with a
  verb between them ("按照设备投资额的15%给予补助，最高给予200万元补助" is one
  ratio rule with a cap of 200万元);
* money reported as paid out (兑现/拨付/下达/共计…: "2022年共兑现补助资金3200
  万元") is a figure for ``targets.extraction``, not a rule;
* with no anchor, MENTION_PATTERNS pick up schemes named without an amount
  (000 （七） "给予一定补贴", 002 "给予后补助支持", "四免三贴"'s 免收…费用 and
  …贷款贴息).

Lists (a 第X条 "…对…作出重要贡献的人员给予奖励：" and its items "（一）…从净收
入中提取不低于百分之七十的比例；"): the caller passes the parent's text as
``lead_in``; when it ends on a support word it lends the items its kind and
beneficiary, so an item's share or amount needs no support word of its own
(but still no statistic word, and no 的-condition: "（一）上年度研发投入不低
于500万元的；" lists who qualifies).  A percentage reward to people out of what
a 科技成果 earns (净收入, 作价投资…) is an ``inventor_share``; the share's basis
is what it is taken from ("从X中提取").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from documents.extraction.money_words import (
    NOT_AFTER_TO_WHOM,
    NOT_BEFORE_TO_WHOM,
    NOT_SUPPORT_WORDS,
)
from documents.extraction.quantities import Quantity, find_quantities, to_yuan
from documents.extraction.sentences import (
    Span,
    span_at,
    split_clauses,
    trim,
    trimmed_sentences,
)
from measures.extraction.actors import UNIT_PATTERNS
from measures.extraction.types import ExtractedSubsidy


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class SubsidyKind:
    key: str  # the ExtractedSubsidy.kind value (measures.models.SubsidyKind)
    label: str  # Chinese
    triggers: tuple[str, ...]  # words that reveal the kind next to an amount


# Order matters twice: it is the priority when several triggers precede an
# amount ("贴息比例不超过贷款利息的50%": 贴息 beats 贷款), and the generic
# grant row comes last.  After an amount the nearest trigger wins instead
# ("15-30万元后补助支持": 后补助, not 补助 or 支持).
# fmt: off
SUBSIDY_KINDS: tuple[SubsidyKind, ...] = (
    SubsidyKind("inventor_share", "成果转化收益奖励（科研人员）",
                ("奖给", "奖励给", "用于奖励", "奖励科研团队")),
    SubsidyKind("post_subsidy", "后补助", ("后补助",)),
    SubsidyKind("interest_subsidy", "贴息", ("贴息",)),
    SubsidyKind("fee_waiver", "费用减免", ("免收", "费用减免")),
    SubsidyKind("loan", "贷款/信贷", ("贷款", "信贷", "授信", "债权")),
    SubsidyKind("equity_investment", "股权投资",
                ("股权投资", "资本金投入", "股权注入", "投资入股")),
    SubsidyKind("tax_incentive", "税收优惠",
                ("所得税", "税收优惠", "加计扣除", "减免税")),
    SubsidyKind("award", "奖励", ("奖励", "奖金")),
    SubsidyKind("grant", "资金支持/补助",
                ("补助", "补贴", "资助", "资金支持", "支持")),
    SubsidyKind("other", "其他", ()),
)
# fmt: on
KIND_LABELS: dict[str, str] = {kind.key: kind.label for kind in SUBSIDY_KINDS}

# A ceiling word a little before a money amount in its clause makes the
# amount a cap even when a verb separates them ("最高给予200万元补助",
# "最高可获得500万元资助"); right before it the quantity parser already says
# "<=" ("给予最高100万元奖励").  Not across 的: "研发投入最高的企业给予50万
# 元奖励" names who gets the award.
CEILING_BEFORE_RE = re.compile(
    r"(?:最高|最多|不超过|不高于|上限为?)[^\d，。；、：的]{0,6}$"
)

# What a share is taken out of: "从净收入中提取不低于百分之七十的比例"
# (the wording of the 促进科技成果转化法 and the regulations that follow it).
SHARE_SOURCE_RE = re.compile(r"从(?P<basis>[^，。；]+?)中(?:提取|提留|划出|拿出)")

# A lead-in that ends on its support word (within a few characters: "给予以下
# 支持", "给予奖励") introduces items that are rules.
LEAD_SUPPORT_END_RE = re.compile(
    r"(?:给予|予以|奖励|奖给|资助|补助|补贴|支持|贴息)[^，。；：]{0,8}$"
)

# A percentage reward to people out of what a 科技成果 earns is the inventors'
# share, whatever the verb (奖励, 提取…的比例): the kind is refined when the
# beneficiary is people and the rule or its lead-in speaks of such income.
PEOPLE_RE = re.compile(r"(?:人员|人才|团队|完成人|发明人|个人|科研人员)$")
RESEARCH_INCOME_RE = re.compile(
    r"科技成果|职务成果|净收入|转化收益|转让收入|许可收入|作价投资|增值收益"
)

# Schemes stated without an amount.  (name, pattern, kind); an optional group
# "basis" names what is waived or subsidised.
# fmt: off
MENTION_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # 002: "对新认定及运营中的科技企业孵化器（众创空间）给予后补助支持"
    # 000 （二十二）: "政府采用“后补助”及间接投入等方式给予支持"
    ("post_subsidy", re.compile(r"给予后补助|后补助”?[^，。；]{0,10}方式给予支持"),
     "post_subsidy"),
    # 000 （七）: "由省和当地政府根据收购额给予一定补贴"
    ("grant_unquantified",
     re.compile(r"给予(?:一定|适当)?的?(?:补贴|补助)(?!经费)"), "grant"),
    # 000 （七）: "有关部门将予以资金支持"
    ("funding_support", re.compile(r"(?:予以|给予)资金支持"), "grant"),
    # 000 （六）: "以资本金投入、资金补助和“交任务、给项目”的方式给予支持"
    ("equity_mode",
     re.compile(r"以[^，。；]{0,10}资本金投入[^，。；]{0,20}方式给予支持"),
     "equity_investment"),
    ("grant_mode", re.compile(r"以[^，。；]{0,10}资金补助[^，。；]{0,20}方式给予支持"),
     "grant"),
    # 000 （十七）: "采取政府补助的方式，使其面向社会开放服务"
    ("grant_mode", re.compile(r"(?:采取|采用)(?:政府)?补助的?方式"), "grant"),
    # 000 （二十三）: "可部分或全部采用债权、股权等投入方式"
    ("debt_mode", re.compile(r"采用[^，。；]{0,6}债权[^，。；]{0,8}投入方式"), "loan"),
    ("equity_mode", re.compile(r"采用[^，。；]{0,6}股权[^，。；]{0,8}投入方式"),
     "equity_investment"),
    # 002: "考核合格且…达到一定数额的机构，可依条件申请补助经费"
    ("grant_application", re.compile(r"申请补助经费"), "grant"),
    # 002 四免三贴: "小微企业免收评估、抵押登记、保险、公证费用"
    ("fee_waiver", re.compile(r"免收(?P<basis>[^，。；]{1,30}?)费用"), "fee_waiver"),
    # 002 四免三贴: "符合政策要求的企业享受创业担保贷款贴息、工会双创贷款贴息、…"
    ("interest_subsidy", re.compile(r"享受(?P<basis>[^，。；]{0,60}贴息)"),
     "interest_subsidy"),
    # 001 措施10: "相关人员可在5年内分期缴纳个人所得税"
    ("tax_deferral", re.compile(r"分期缴纳个人所得税"), "tax_incentive"),
    # 000 （十一）: "对…高层次人才落实和完善相关税收优惠政策"
    ("tax_incentive", re.compile(r"落实[^，。；]{0,8}税收优惠政策"), "tax_incentive"),
)

# Where the money comes from.  Searched in the rule segment, then the sentence.
FUNDING_SOURCE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "通过省级科技创新专项资金给予", "通过科技成果转化基金引导"
    re.compile(r"通过(?P<source>[^，。；]{2,20}?(?:资金|基金))"),
    # 001 措施9: "支持资金主要从吉林省人才开发基金中列支"
    re.compile(r"从(?P<source>[^，。；]{2,20}?)中?列支"),
    # 002: "依托省科技发展计划，对新认定…给予后补助支持"
    re.compile(r"依托(?P<source>[^，。；]{2,12}?计划)"),
    # 001 措施7: "给予30-40万元的科技项目资金支持"
    re.compile(r"的(?P<source>[^，。；的\d]{2,10}资金)支持"),
    # 000 （七）: "由省和当地政府根据收购额给予一定补贴"
    re.compile(r"由(?P<source>[^，。；]{1,10}?政府)"),
    # 002: "根据协议，银行对省科技厅立项支持的科技企业，给予…信用贷款"
    re.compile(r"(?P<source>银行)对"),
)
# fmt: on

# A beneficiary head that says nothing by itself: keep the whole 对…的 clause
# instead ("获得当年国内发明授权的专利", not "专利").
GENERIC_HEADS = frozenset(
    {"企业", "项目", "机构", "单位", "团队", "人员", "个人", "专利"}
)

# Words that show a comma-bounded 对 clause already holds the rule itself
# (then it ends at the first _CLAUSE_END_WORDS verb instead).
_RULE_IN_CLAUSE_RE = re.compile(
    r"给予|予以|奖励|补助|补贴|资助|按照|按(?!期)|根据|一次性|每项|每件|每户|每家"
)
# Verbs that end a 对…的X clause written without a comma ("对…孵化器给予后补助").
_CLAUSE_END_WORDS = (
    r"给予|予以|实行|实施|落实|加大|通过|由|按照|按(?!期)|根据|一次性|每项|每件|可|将"
)
_BENEFICIARY_RE = re.compile(
    rf"对(?P<clause>[^，。；：]+?)(?=，|；|{_CLAUSE_END_WORDS}|$)"
)
# The same clause up to its comma, taken when the verb that ended the short
# one sits inside a 的-clause: "对首次通过高新技术企业认定的企业，…", "对在本市
# 实施转化的，…" (not "对…人才落实和完善相关税收优惠政策").
_BENEFICIARY_TO_COMMA_RE = re.compile(r"对(?P<clause>[^，。；：]+?)(?=，|；|：|$)")
# The object of a reward to people: "奖给成果完成人或团队", "用于奖励科研团队".
_REWARD_OBJECT_RE = re.compile(r"(?:奖给|奖励给|用于奖励)(?P<who>[^，。；]+)")
# A subject that enjoys a waiver: "小微企业免收…", "符合政策要求的企业享受…".
_SUBJECT_RE = re.compile(r"(?P<who>[^，。；：]{2,20}?)(?:免收|享受)")
# A counted group selected for support: "评选产生100个省级重大科技项目研发人才团队".
_COUNTED_GROUP_RE = re.compile(
    r"\d+[个家名项户](?P<who>[^，。；、的\d]{2,20}(?:团队|企业|项目|机构|人才))"
)
# Leading verbs of a sentence whose object is the beneficiary
# ("加快构建产业技术研究院，…给予支持", "发挥大型仪器设备协作共用网作用，采取…").
_LEAD_OBJECT_RE = re.compile(
    r"^(?:加快|积极|大力|进一步)?(?:构建|建设|支持|鼓励|发挥)(?P<who>[^，。；]{2,20}?)(?:作用)?$"
)

# What the ratio is a share of: the text before "N%" back to one of these.
_BASIS_BOUNDARY_RE = re.compile(
    r".*(?:给予其|给予|按照|根据|按|将|把|以|不超过|不高于|最高|，|、)"
)
_BASIS_STRIP_END = ("的", "部分")
_BASIS_STRIP_START = ("其",)
# "将X，以不低于70%的比例奖励给…": the share of X.
_TRANSFER_OBJECT_RE = re.compile(r"将(?P<basis>[^，。；]+?)(?:，|$)")
# "根据收购额给予一定补贴", "按照研发投入给予补助".
_BASIS_WITHOUT_RATIO_RE = re.compile(r"(?:根据|按照|按)(?P<basis>[^，。；]{1,10}?)给予")

PER_WORDS: tuple[tuple[str, str], ...] = (
    ("每项", "item"),
    ("每件", "item"),
    ("每个", "item"),
    ("每家", "item"),
    ("每户", "item"),
    ("一次性", "once"),
    ("每年度", "year"),
    ("每年", "year"),
)

_NAMED_BANKS = next(u.pattern for u in UNIT_PATTERNS if u.name == "named_banks")


# --------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------
class _Anchor(NamedTuple):
    quantity: Quantity
    clause: Span
    is_ratio: bool


def _rule_segments(text: str, sentence: Span) -> list[Span]:
    """Split a sentence where a new rule starts (对…的 clause, after ；or ：)."""
    segments: list[Span] = []
    seg_start = sentence.start
    parts = split_clauses(text, sentence, ascii_marks=True)
    for i, clause in enumerate(parts):
        if i == 0:
            continue
        previous_end = text[parts[i - 1].end - 1]
        body = text[clause.start : clause.end]
        dui = body.find("对")
        opens_rule = (
            0 <= dui <= 4
            and "的" in body
            and (dui == 0 or body[dui - 1] not in NOT_BEFORE_TO_WHOM)
            and body[dui + 1 : dui + 2] not in tuple(NOT_AFTER_TO_WHOM)
        )
        if previous_end in "；：" or opens_rule:
            segments.append(Span(seg_start, clause.start))
            seg_start = clause.start
    segments.append(Span(seg_start, sentence.end))
    return segments


def _kind_near(text: str, clause: Span, start: int, end: int) -> str:
    """Kind of the support next to text[start:end] within ``clause``.

    After the amount the nearest trigger wins (longest at equal distance);
    before it, the first kind in SUBSIDY_KINDS order that occurs.
    """
    after = text[end : clause.end]
    best: tuple[int, int, str] | None = None
    for kind in SUBSIDY_KINDS:
        for trigger in kind.triggers:
            pos = after.find(trigger)
            if pos >= 0:
                candidate = (pos, -len(trigger), kind.key)
                if best is None or candidate < best:
                    best = candidate
    if best:
        return best[2]
    before = text[clause.start : start]
    for kind in SUBSIDY_KINDS:
        if any(trigger in before for trigger in kind.triggers):
            return kind.key
    return ""


def _dui_clause(text: str, segment: Span) -> re.Match[str] | None:
    """The 对…X clause that opens ``segment``.

    Ending at a comma it must contain 的 ("对列入年度科技计划的联盟项目，");
    ending at a verb it may not ("对入驻企业按实际缴纳房租的50%给予房租补贴").
    """
    for match in _BENEFICIARY_RE.finditer(text, segment.start, segment.end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        clause = match.group("clause")
        if before and before in NOT_BEFORE_TO_WHOM:
            continue
        if not clause or clause[0] in NOT_AFTER_TO_WHOM:
            continue
        whole = _BENEFICIARY_TO_COMMA_RE.match(text, match.start(), segment.end)
        if (
            whole
            and whole.end() > match.end()
            and "的" in text[match.end() : whole.end()]
            and not _RULE_IN_CLAUSE_RE.search(whole.group("clause"))
        ):
            return whole
        at_comma = text[match.end() : match.end() + 1] in ("，", "；", "")
        if at_comma and "的" not in clause:
            continue
        return match
    return None


def _head(clause: str) -> str:
    """The noun phrase after the last 的; the whole clause if that head is generic."""
    head = clause.rsplit("的", 1)[1] if "的" in clause else clause
    if not head or head in GENERIC_HEADS:
        return clause
    return head


def _beneficiary(text: str, segment: Span, sentence: Span, anchor_start: int) -> str:
    dui = _dui_clause(text, segment)
    if dui and dui.start() < anchor_start:
        return _head(dui.group("clause"))
    window = text[segment.start : segment.end]
    reward = _REWARD_OBJECT_RE.search(window)
    if reward:
        return reward.group("who")
    subject = _SUBJECT_RE.search(window)
    if subject:
        return _head(subject.group("who"))
    # "…达到一定数额的机构，可依条件申请补助经费": the 的-clause just before,
    # when it ends in a short noun phrase (not a list: "规模、实施周期、…").
    parts = split_clauses(text, segment, ascii_marks=True)
    for clause in reversed(parts):
        if clause.end <= anchor_start:
            stripped = trim(text, clause)
            body = text[stripped.start : stripped.end]
            head = body.rsplit("的", 1)[-1]
            if "的" in body and 0 < len(head) <= 8 and "、" not in head:
                return _head(body)
            break
    before = text[sentence.start : anchor_start]
    counted = list(_COUNTED_GROUP_RE.finditer(before))
    if counted:
        return counted[-1].group("who")
    first = trim(text, split_clauses(text, sentence, ascii_marks=True)[0])
    lead = _LEAD_OBJECT_RE.match(text[first.start : first.end])
    return lead.group("who") if lead else ""


def _funding_source(
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
    outer = preamble if _dui_clause(text, segment) else sentence
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
                    named = list(dict.fromkeys(_NAMED_BANKS.findall(text)))
                    source = "、".join(named) or source
                return source
    return ""


def _per(text: str, segment: Span, end: int) -> str:
    window = text[segment.start : end]
    found = {per for word, per in PER_WORDS if word in window}
    if {"item", "once"} <= found:
        return "item_once"
    for per in ("item", "once", "year"):
        if per in found:
            return per
    return ""


def _clean_basis(basis: str) -> str:
    for suffix in _BASIS_STRIP_END:
        basis = basis.removesuffix(suffix)
    for prefix in _BASIS_STRIP_START:
        basis = basis.removeprefix(prefix)
    return basis


def _ratio_basis(text: str, segment: Span, clause: Span, quantity: Quantity) -> str:
    before = text[clause.start : quantity.start]
    source = list(SHARE_SOURCE_RE.finditer(before))
    if source:
        return source[-1].group("basis")
    cut = _BASIS_BOUNDARY_RE.match(before)
    basis = _clean_basis(before[cut.end() :] if cut else before)
    if basis:
        return basis
    transfer = _TRANSFER_OBJECT_RE.search(text, segment.start, clause.start)
    return transfer.group("basis") if transfer else ""


def _is_support_clause(text: str, clause: Span) -> bool:
    body = text[clause.start : clause.end]
    if any(word in body for word in NOT_SUPPORT_WORDS):
        return False
    return any(t in body for kind in SUBSIDY_KINDS for t in kind.triggers)


def _with_ceiling(text: str, clause: Span, quantity: Quantity) -> Quantity:
    """A money amount under a ceiling word earlier in its clause is a cap."""
    if quantity.comparator != "=" or quantity.value_max is not None:
        return quantity
    if CEILING_BEFORE_RE.search(text, clause.start, quantity.start):
        return replace(quantity, comparator="<=")
    return quantity


def _is_condition_clause(text: str, clause: Span) -> bool:
    """A clause that ends in 的 states who qualifies ("…转化的，")."""
    stripped = trim(text, clause)
    return text[stripped.start : stripped.end].endswith("的")


def _anchors(
    text: str, segment: Span, quantities: list[Quantity], lead_kind: str = ""
) -> list[_Anchor]:
    """Support amounts and ratios of ``segment``.  With ``lead_kind`` (the
    kind the lead-in of a list names, "…给予奖励：") a clause needs no support
    word of its own, only no statistic word and no 的-condition ending."""
    parts = split_clauses(text, segment, ascii_marks=True)
    dui = _dui_clause(text, segment)
    condition = dui if dui and "的" in dui.group("clause") else None
    anchors: list[_Anchor] = []
    for quantity in quantities:
        if not (segment.start <= quantity.start < segment.end):
            continue
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
            and not _is_condition_clause(text, clause)
        )
        if not supported and not _is_cap_of_ratio(parts, anchors, clause, quantity):
            continue
        anchors.append(_Anchor(quantity, clause, is_ratio))
    return anchors


def _is_cap_of_ratio(
    parts: list[Span], anchors: list[_Anchor], clause: Span, quantity: Quantity
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


def _yuan(quantity: Quantity) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
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


class _LeadIn(NamedTuple):
    """What the lead-in of a list ("…对…人员给予奖励：") lends its items."""

    kind: str
    beneficiary: str
    text: str


_NO_LEAD = _LeadIn("", "", "")


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
    if LEAD_SUPPORT_END_RE.search(lead_in, last.start, last.end) and not any(
        word in lead_in[last.start : last.end] for word in NOT_SUPPORT_WORDS
    ):
        kind = _kind_near(lead_in, last, last.start, last.start)
    beneficiary = _beneficiary(lead_in, sentence, sentence, sentence.end)
    return _LeadIn(kind, beneficiary, lead_in[sentence.start : sentence.end])


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


def _from_anchors(
    text: str,
    segment: Span,
    sentence: Span,
    preamble: Span,
    anchors: list[_Anchor],
    lead: _LeadIn = _NO_LEAD,
) -> list[ExtractedSubsidy]:
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
            basis = _ratio_basis(text, segment, anchor.clause, q)
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
                _, amount_max, cap = _yuan(following.quantity)
                end = following.quantity.end
                last_clause = following.clause
                rule = "ratio+cap"
                i += 1
        else:
            amount_min, amount_max, cap = _yuan(q)
            if q.comparator == "~":
                flags.append("approximate")
            match = _BASIS_WITHOUT_RATIO_RE.search(text, segment.start, q.start)
            basis = match.group("basis") if match else ""
        kind = _kind_near(text, anchor.clause, q.start, q.end) or lead.kind or "other"
        if lead.beneficiary and not _dui_clause(text, segment):
            beneficiary = lead.beneficiary
        else:
            beneficiary = _beneficiary(text, segment, sentence, start)
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
                per=_per(text, segment, last_clause.end),
                beneficiary=beneficiary,
                funding_source=_funding_source(text, segment, sentence, end, preamble),
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
                found = _BASIS_WITHOUT_RATIO_RE.search(text, segment.start, match.end())
                basis = found.group("basis") if found else ""
            out.append(
                ExtractedSubsidy(
                    kind=kind,
                    amount_min=None,
                    amount_max=None,
                    ratio_percent=None,
                    basis=basis,
                    cap=None,
                    per=_per(text, segment, match.end()),
                    beneficiary=_beneficiary(text, segment, sentence, match.start()),
                    funding_source=_funding_source(
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
        segments = _rule_segments(text, sentence)
        first_rule = next(
            (seg.start for seg in segments if _dui_clause(text, seg)), sentence.end
        )
        preamble = Span(sentence.start, first_rule)
        for segment in segments:
            anchors = _anchors(text, segment, quantities, lead.kind)
            quantified = _from_anchors(text, segment, sentence, preamble, anchors, lead)
            found.extend(quantified)
            kinds = {subsidy.kind for subsidy in quantified}
            found.extend(_from_mentions(text, segment, sentence, preamble, kinds))
    found.sort(key=lambda subsidy: subsidy.start)
    for subsidy in found:
        for name in ("start", "end", "sentence_start", "sentence_end"):
            setattr(subsidy, name, getattr(subsidy, name) + offset)
    return found
