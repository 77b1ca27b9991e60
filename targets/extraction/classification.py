"""Classification: is a number a target or figure at all, and which of the two.

``usable`` skips what is neither: subsidy amounts (money in a clause with a
support word, unless reported as paid out: "共兑现补助资金3200万元"), award
shares (70%奖给…), eligibility conditions (``conditions``: 对…达到1%…的项目予
以支持), technical specs (时速400公里, 3万吨级), durations (but the time in which a
place is reached: "1小时通勤"), structural counts (Chinese-numeral
"三个公共技术平台", "5个重点突破"), the extent of a zone, a threshold that
defines a kind, a reply's addressees, instalments.

``decide`` says target or figure, the first rule that speaks winning: a clause
marker before the number (现有/已有/依托/累计/确定的 -> figure); the time
phrase governing it (到2020年 or a year after the document -> target; a year or
plan period before it -> figure); a sentence marker (目前 -> figure, 下一步/力争
-> target); the section heading (发展基础/发展成就 -> figure, 目标/任务/措施 ->
target); the document (a plan -> target, a dated non-plan such as a reply ->
figure).
"""

from __future__ import annotations

import re

from documents.extraction import money_words
from documents.extraction import units as unit_table
from documents.extraction.quantities import Quantity
from documents.extraction.sentences import Span
from documents.extraction.tails import prefix_comparator
from targets.extraction import conditions, markers, noun_phrases
from targets.extraction.passage import Passage
from targets.extraction.years import Time, is_future, is_past


def usable(passage: Passage, q: Quantity) -> bool:
    """Whether ``q`` is a target or a figure at all (see module docstring)."""
    if q.kind in ("rank", "rank_change"):
        # "对排名前20位的企业，按…给予补助": the rank qualifies for a rule
        clause = passage.clause_of(q.start)
        before = passage.text[clause.start : q.start]
        after = passage.text[q.end : clause.end]
        ranked_for_rule = money_words.TO_WHOM_RE.search(before) and conditions.condition_closed(
            passage, q, after
        )
        return not (markers.LIST_PLACE_AFTER_RE.match(passage.text, q.end) or ranked_for_rule)
    if q.kind == "ordinal":
        return _ordinal_rank(passage, q)
    # A duration counts only where a place is reached in it ("1小时通勤").
    reach = q.unit in markers.REACH_TIME_UNITS and markers.REACH_AFTER_RE.match(passage.text, q.end)
    if q.kind not in ("amount", "duration") or not q.unit or (q.kind == "duration" and not reach):
        return False
    if passage.in_title(q.start):
        return False  # part of a title: "《关于修改〈…条例〉等10件地方性法规的决定》"
    text = passage.text
    if q.category in markers.SKIP_UNIT_CATEGORIES and not reach:
        return False
    if q.category == "money" and _term_of_rule_rate(passage, q):
        return False
    clause = passage.clause_of(q.start)
    clause_text = passage.words(clause)
    before = text[clause.start : q.start]
    after = text[q.end : clause.end].split("\n", 1)[0]
    if _technical_spec(before, after, q.category) or _capability_spec(q, after):
        return False
    if markers.ADDRESSEES_AFTER_RE.match(after) or (
        q.unit == "%" and markers.INSTALMENT_BEFORE_RE.search(before)
    ):
        return False
    if q.category == "length" and markers.ZONE_AFTER_RE.match(after):
        return False
    if q.category == "area" and (
        markers.EXTENT_BEFORE_RE.search(before) or markers.EXTENT_AFTER_RE.match(after)
    ):
        return False  # "规划面积为五平方公里", "划出一百平方公里左右的区域"
    if markers.ALLOCATION_AFTER_RE.match(after):
        return False  # "一半上交中央财政"
    if q.category == "money" and PROJECT_BAND_BEFORE_RE.search(before):
        return False  # a band of projects: "重大项目：工业类项目在30万元（含）以上"
    if q.unit.isascii() and q.unit.isalpha() and after[:1].isascii() and after[:1].isalpha():
        return False  # "5905-5925MHz频段": the unit read stops inside a Latin word
    if conditions.bounded_or_permitting(q, before, after):
        return False
    if q.comparator in ("<=", ">=") and after.startswith(markers.CONDITION_AFTER):
        return False  # "纯收入不超过…百分之十的，全部留给本单位"
    if (
        q.comparator in markers.THRESHOLD_COMPARATORS
        and markers.BRACKETED_DEFINITION_BEFORE_RE.search(before)
        and markers.BRACKETED_DEFINITION_AFTER_RE.match(after)
    ):
        return False  # "大型公共建筑（单体建筑面积2万平方米以上）"
    if any(w in after for w in markers.PENALTY_WORDS) or _terms_of_penalty_or_tax(passage, q, clause):
        return False
    if markers.PROHIBITION_RE.search(before) or markers.COST_SHARE_AFTER_RE.match(text, q.end):
        return False
    if markers.ENTITLEMENT_BEFORE_RE.search(before):
        return False
    if before.endswith(markers.PERMITTED_BEFORE) and passage.doc_type in markers.PROCEDURE_DOC_TYPES:
        return False
    if markers.CONDITION_SECTION_RE.search(passage.section_heading):
        return False
    if markers.CONDITION_LEAD_RE.search(passage.lead_in):
        return False
    if conditions.conditional_clause(passage, q, clause) or _defines_category(q, after):
        return False
    if _past_threshold(q, before) or _weight_in_formula(passage, q, before, after):
        return False
    if (
        conditions.threshold_of_support(passage, q)
        or conditions.threshold_of_noun(q, after, before)
        or conditions.tier_of_rule(after)
    ):
        return False
    if conditions.threshold_of_beneficiary(passage, q) or _in_definition(passage, q):
        return False
    if q.category == "count" and _procedural_count(passage, q, before, after):
        return False
    if (
        q.category == "money"
        and any(w in clause_text for w in money_words.SUPPORT_WORDS)
        and not _paid_out(before)
    ):
        return False
    if q.category == "money" and money_words.PACED_HANDOUT_RE.search(before):
        return False  # "A类人才每年发放7万元": a rule's, however it is worded
    if q.category == "money" and (
        _terms_of_rule(passage, q, before) or _breakdown_of_support(passage, q, before)
    ):
        return False
    if q.unit == "%" and (
        _share_of_rule(passage, q, clause_text, before) or after.startswith(markers.RECKONING_AFTER)
    ):
        return False
    if money_words.TO_WHOM_RE.search(before) and conditions.condition_closed(passage, q, after):
        return False
    if conditions.condition_of_sentence(passage, q):
        return False
    if q.category in markers.CAP_CATEGORIES and _cap_of_rule(passage, q):
        return False
    if q.category == "area" and _area_entitlement(passage, q):
        return False
    if q.category == "count" and (
        _structural_count(q, after)
        or _not_a_measure(q, before, after)
        or _step_of_rule(passage, q, before)
    ):
        return False
    return True


def _term_of_rule_rate(passage: Passage, q: Quantity) -> bool:
    """A rate per unit of measure in the standards of a rule ("奖励标准为0.1元/
    千瓦时", "分布式光伏：0.25元/千瓦时。" under "奖励标准如下："), or the value a
    revision replaces ("由0.15元/千瓦时调整至…")."""
    text = passage.text
    sentence = passage.sentence_of(q.start)
    if money_words.replaced(text, sentence.start, q.start, q.end, sentence.end):
        return True
    if not money_words.PER_UNIT_AFTER_RE.match(text, q.end):
        return False
    context = text[sentence.start : sentence.end] + passage.lead_in
    return any(w in context for w in RULE_RATE_WORDS)


# What names the standards of a rule around a rate per unit.
RULE_RATE_WORDS = ("标准", *money_words.SUPPORT_WORDS)


def _capability_spec(q: Quantity, after: str) -> bool:
    """A physical measure of what a technique or equipment can do ("500米饱和
    潜水施工作业技术", "具备10万吨深水救助打捞技术保障能力")."""
    return q.category in markers.CAPABILITY_SPEC_CATEGORIES and bool(
        markers.CAPABILITY_SPEC_RE.match(after)
    )


def _in_definition(passage: Passage, q: Quantity) -> bool:
    """A threshold inside the definition of a term ("…团队是指…比例达30%以上
    的团队")."""
    sentence = passage.sentence_of(q.start)
    lead = passage.text[sentence.start : q.start]
    return any(w in lead for w in markers.DEFINITION_WORDS)


def _terms_of_rule(passage: Passage, q: Quantity, before: str) -> bool:
    """Money that is the rate of a rule, its support word later in the
    sentence ("按20万元/家的标准，给予相关孵化器…一次性奖励", "按博士学位人员
    每人8万元、硕士学位人员每人5万元的标准，给予…补贴")."""
    if not markers.RULE_RATIO_BEFORE_RE.search(before):
        return False
    sentence = passage.sentence_of(q.start)
    rest = passage.text[q.end : sentence.end]
    return any(w in rest for w in money_words.SUPPORT_WORDS)


def _breakdown_of_support(passage: Passage, q: Quantity, before: str) -> bool:
    """An amount after a short noun that breaks down, after 其中, the support
    named earlier in the sentence ("…发放住房补贴，其中本科生2万元，硕士研究生
    4万元，博士研究生6万元")."""
    noun = before.removeprefix(markers.BREAKDOWN_OPENER)
    if not noun or len(noun) > markers.BREAKDOWN_NOUN_MAX or any(ch.isdigit() for ch in noun):
        return False
    if any(w in noun for w in money_words.NOT_SUPPORT_WORDS):
        return False
    text = passage.text
    sentence = passage.sentence_of(q.start)
    opener = text.rfind(markers.BREAKDOWN_OPENER, sentence.start, q.start)
    if opener < 0:
        return False
    # every clause from 其中 on is a noun and its amount
    between = text[opener : passage.clause_of(q.start).start]
    if any(not markers.BREAKDOWN_ITEM_RE.match(part) for part in between.split("，") if part):
        return False
    return any(w in text[sentence.start : opener] for w in money_words.SUPPORT_WORDS)


def _area_entitlement(passage: Passage, q: Quantity) -> bool:
    """Floor space per person or enterprise in a paragraph on housing or rent
    support ("杰出专家最高200平方米", "补贴面积不超过500平方米")."""
    if q.unit not in markers.ENTITLEMENT_AREA_UNITS:
        return False
    paragraph = passage.paragraph_of(q.start)
    words = passage.text[paragraph.start : paragraph.end]
    return any(w in words for w in markers.ENTITLEMENT_AREA_WORDS)


def _step_of_rule(passage: Passage, q: Quantity, before: str) -> bool:
    """The step or quota of a per-unit rule ("每成功推荐1个…企业…给予1万元奖励",
    "每增加30件，增加资助3万元", "前5件额外给予2000元/件的奖励"), or what a
    status entitles one to ("可享受…等12项优质服务")."""
    if any(w in before for w in markers.ENTITLEMENT_SCOPE_WORDS):
        return True
    stepped = markers.PER_STEP_BEFORE_RE.search(before) is not None
    first = before.endswith(markers.QUOTA_FIRST_BEFORE)
    if not (stepped or first):
        return False
    sentence = passage.sentence_of(q.start)
    rest = passage.text[q.end : sentence.end]
    return any(w in rest for w in money_words.SUPPORT_WORDS)


def _terms_of_penalty_or_tax(passage: Passage, q: Quantity, clause: Span) -> bool:
    """A number of a sentence that imposes a penalty, or of a tax rule (its
    clause, or the rest of its sentence, speaks of 加计扣除, 税率, 征收 …:
    money_words.TAX_WORDS)."""
    sentence = passage.sentence_of(q.start)
    text = passage.text[sentence.start : sentence.end]
    if markers.PENALTY_SENTENCE_RE.search(text):
        return True
    rest = passage.text[clause.start : sentence.end]
    return any(w in rest for w in money_words.TAX_WORDS)


def _past_threshold(q: Quantity, before: str) -> bool:
    """A threshold on what was done in a past period ("上一年度…营业收入5000万
    元以上", "近三年…不低于300万元"): a condition, not a goal."""
    # a range is a threshold too: "上一年度营业收入1亿元到10亿元之间的企业"
    bounded = q.comparator in markers.THRESHOLD_COMPARATORS or q.value_max is not None
    return bounded and bool(markers.PAST_PERIOD_RE.search(before))


def _weight_in_formula(passage: Passage, q: Quantity, before: str, after: str) -> bool:
    """A part's weight in a score's formula ("日常监测（60%）+实地调研（20%）"), or
    the factor of a computation ("…台次数/同期…总台次数×100%")."""
    if q.unit == "%" and before.rstrip().endswith(markers.FORMULA_FACTOR_BEFORE):
        return True
    if q.unit != "%" or not before.endswith("（") or not after.startswith("）"):
        return False
    sentence = passage.sentence_of(q.start)
    words = passage.text[sentence.start : sentence.end]
    return any(c in words for c in markers.FORMULA_CHARS) or CRITERION_WEIGHT_RE.fullmatch(words.strip())


# A criterion of an assessment and its weight, a sentence of their own: "专利
# 质量（25%）。", "运用及保护措施和成效（35%）。"
CRITERION_WEIGHT_RE = re.compile(r"[^，。；、：（）]{2,24}（[^（）]+）[。；]?")


def _defines_category(q: Quantity, after: str) -> bool:
    """A threshold in the 的-modifier of a noun the clause calls a kind of
    itself ("…不低于200万元的工业类、现代服务业类项目为重大产业项目")."""
    if q.comparator not in (">=", ">"):
        return False
    found = markers.CATEGORY_DEFINITION_RE.search(after)
    if found is None:
        return False
    head = found["noun"][-markers.CATEGORY_HEAD_CHARS :]
    return found["category"].endswith(head)


def _procedural_count(passage: Passage, q: Quantity, before: str, after: str) -> bool:
    """People counted in a step of a procedure of a law or regulation
    ("随机选择3名以上专家进行通讯评审", "提供3名以内…评审专家名单", "参与谈话
    的调查人员不得少于2人")."""
    return (
        passage.doc_type in markers.PROCEDURE_DOC_TYPES
        and q.unit in markers.PERSON_UNITS
        and (
            markers.PROCEDURE_ACT_RE.search(after) is not None
            or markers.PROCEDURE_BEFORE_RE.search(before) is not None
        )
    )


def _without_comparator(before: str) -> str:
    """``before`` without the comparator words that end it, as the quantity
    reader finds them (``prefix_comparator``), and the 等于 of "大于等于"."""
    while True:
        if before.endswith("等于"):
            before = before[: -len("等于")]
            continue
        _comparator, start = prefix_comparator(before, len(before))
        if start == len(before):
            return before
        before = before[:start]


def _technical_spec(before: str, after: str, category: str = "") -> bool:
    """A product's specification, not an indicator: the spec word right before
    the number ("时速400公里“复兴号”") or the number modifying the product
    ("最大口径达4米的碳化硅单体反射镜").  "设计时速达到350公里/小时，" is a goal."""
    if after.startswith(markers.SPEC_CLASS_AFTER) and category in unit_table.PHYSICAL_CATEGORIES:
        return True  # "3万吨级重载列车"; "7000亿级"产业 is a scale
    before = _without_comparator(before)
    if not any(w in before[-6:] for w in markers.SPEC_WORDS):
        return False
    return before.endswith(markers.SPEC_WORDS) or after.startswith("的")


def _share_of_rule(passage: Passage, q: Quantity, clause_text: str, before: str) -> bool:
    """A share a rule gives or allocates ("70%奖给…", "按1:1的比例予以配套"),
    or the ratio of a support rule whose support word comes after it ("可按
    不超过研发投入30%，给予…支持")."""
    if markers.BUDGET_SHARE_BEFORE_RE.search(before) and not any(
        w in clause_text for w in markers.BUDGET_SHARE_NOT_FOR
    ):
        return False
    named = markers.SHARE_NAME_RE.sub("", clause_text)
    if any(w in named for w in markers.ALLOCATION_WORDS):
        return True
    if before.endswith("的") and any(w in before for w in money_words.SUPPORT_WORDS):
        return True  # "资助缴纳官费的50%", "资助金额为实际融资金额的2%"
    return _terms_of_rule(passage, q, before)


# A policy named by its count of articles, and articles cited in a list.
POLICY_NAMED_BY_COUNT_RE = re.compile(r"[^，。；]{0,4}?(?:政策|措施|举措|意见|规定|办法)")
CITED_LIST_BEFORE_RE = re.compile(r"\d\s*[、，,]\s*$")
# Money right after 项目 is the band a project falls in, not a goal.
PROJECT_BAND_BEFORE_RE = re.compile(r"项目在?$")
# What follows items 1 to N of a list ("材料1-8项的顺序").
LIST_ITEMS_AFTER = ("的顺序", "顺序", "的内容", "所列", "的材料")


def _not_a_measure(q: Quantity, before: str, after: str) -> bool:
    """A count of participants ("9部门联合", "1家牵头单位"), a quota ("每次授予
    人数不超过2名"), a count of the text's own list ("方面5项：", "（共23项）"),
    its items from the first ("材料1-8项") or one restating the list it closes
    ("京津冀、上海、…等8个区域")."""
    if markers.PARTICIPANT_AFTER_RE.match(after):
        return True
    if q.unit == "条" and (POLICY_NAMED_BY_COUNT_RE.match(after) or CITED_LIST_BEFORE_RE.search(before)):
        return True  # "相关16条金融政策" names a policy; "除第5、6、7、8条外" cites articles
    if before.endswith(markers.LISTED_CONDITIONS_BEFORE) and after.startswith(
        markers.LISTED_CONDITIONS_AFTER
    ):
        return True  # "符合以下3个条件之一"
    if q.unit == "个" and after.startswith(markers.OWN_INDICATORS_AFTER):
        return True  # "26个指标为国家监测指标"
    if q.value == 1 and q.value_max is not None and after.startswith(LIST_ITEMS_AFTER):
        return True  # items 1 to N of a list: "按…材料1-8项的顺序" (not "形成1~2个联盟")
    if any(w in before for w in markers.QUOTA_WORDS):
        return True
    if before in markers.CAPTION_LABELS or before.endswith(markers.CAPTION_BEFORE):
        return True  # "如图1所示": the number of a figure
    if q.unit in markers.COPY_UNITS and before.endswith(markers.COPIES_BEFORE):
        return True  # "申报书（附件4）、推荐汇总表（附件5）各1份"
    if after.startswith(markers.OWN_LIST_AFTER) or before.endswith(
        markers.OWN_LIST_BEFORE + markers.OWN_LIST_AREA
    ):
        return True
    return _restates_enumeration(q, before, after)


def _restates_enumeration(q: Quantity, before: str, after: str) -> bool:
    """A count closing a list of exactly as many named items, with no verb
    after it in its clause, restates the list (its scope): the list closed by
    等 ("京津冀、上海、…、辽宁沈阳等8个区域") or the classes a scheme is divided
    into ("分为一等奖、二等奖2个等级")."""
    noun, predicate = noun_phrases.split_predicate(after.rstrip("。！？；，："))
    if predicate:
        return False
    opener = max(
        (before.rfind(w) + len(w) for w in markers.CLASSIFYING_VERBS if w in before),
        default=-1,
    )
    closed = before.endswith(markers.CLOSED_LIST_END)
    items = before[max(opener, 0) :].removesuffix(markers.CLOSED_LIST_END)
    if opener < 0 and not closed:
        # "选择北京、天津、…、西安11个城市": a long list without 等 right before
        names = re.split("[、和及]", re.split(r"[，。；：]", before)[-1])
        return len(names) >= markers.OPEN_LIST_MIN_ITEMS and q.value == len(names) and all(
            names) and not any(ch.isdigit() for ch in "".join(names))
    if not items or any(ch.isdigit() for ch in items):
        return False
    count = 1 + sum(items.count(joiner) for joiner in markers.ENUMERATION_JOINERS)
    # 和 may join words inside an item ("智能装备和产品、网络协同制造…等6个方面")
    commas = 1 + items.count("、")
    return count > 1 and q.value in (count, commas if commas > 1 else count)


def _cap_of_rule(passage: Passage, q: Quantity) -> bool:
    """ "…给予补助，单个企业每年最高50万元", "给予…费用补贴，原则上不高于建设
    总投入经费的50%", "同一PCT申请最多资助2个境外国家或地区": the ceiling of
    a rule (its ceiling word may stand before the support verb)."""
    sentence = passage.sentence_of(q.start)
    if q.comparator not in markers.CAP_COMPARATORS:
        clause = passage.clause_of(q.start)
        if not money_words.CEILING_BEFORE_RE.search(passage.text, clause.start, q.start):
            return False
    lead = passage.text[sentence.start : q.start]
    if any(w in lead for w in money_words.SUPPORT_WORDS + markers.CAP_RULE_WORDS):
        return True
    clause = passage.clause_of(q.start)
    return any(w in passage.text[q.end : clause.end] for w in markers.CAP_AFTER_WORDS)


def _paid_out(before: str) -> bool:
    """Money reported as paid out ("共兑现补助资金3200万元"), not a rule.  Tiers
    handed out ("…的博士、硕士，分别发放6万元、3万元就业补贴") are a rule's."""
    if any(w in before for w in money_words.RULE_WORDS):
        return False
    if any(w in before for w in money_words.PAID_OUT_WORDS):
        return True
    return any(w in before for w in money_words.HANDED_OUT_WORDS) and not any(
        w in before for w in money_words.TIERS_HANDED_OUT
    )


def _ordinal_rank(passage: Passage, q: Quantity) -> bool:
    """ "成为全国第7个国家级示范区" is a rank; "第十四个五年规划" is not."""
    before = passage.text[max(0, q.start - 4) : q.start]
    return q.number_text.isascii() and any(
        w in before for w in ("全国", "全省", "全球", "世界")
    )


def _structural_count(q: Quantity, after: str) -> bool:
    """A count of the parts of an enumeration or a strategy, not of things."""
    # Statistics and goals are printed in Arabic digits (GB/T 15835); a
    # Chinese-numeral count ("三个公共技术平台", "两个资源") counts the
    # parts of an enumeration.  "百余所" keeps its 余.
    # (A range "2—3个" is digits: its dash is no numeral.)
    # (A bare 百/千/万, "完成万项技改", counts things, not parts: ≥ 100.)
    if (
        not any(c.isascii() and c.isdigit() for c in q.number_text)
        and q.comparator == "="
        and q.value < 100
    ):
        return True
    if q.comparator != "=":
        return False  # "不少于20项关键技术攻关任务": how many is a goal
    noun, _ = noun_phrases.split_predicate(after.rstrip("。！？；，："))
    noun = noun_phrases.strip_parentheticals(noun)
    return any(noun.endswith(h) for h in markers.ABSTRACT_HEADS)


def _breakdown_of_goal(passage: Passage, q: Quantity, time: Time | None) -> bool:
    """其中 breaking down a goal of a future year is a goal: "到2020年，全国农机
    总动力超过10亿千瓦，其中灌排机械动力达到1.2亿千瓦"."""
    clause = passage.clause_of(q.start)
    before = passage.text[clause.start : q.start]
    return (
        markers.BREAKDOWN_OPENER in before
        and time is not None
        and is_future(passage, time.period)
    )


def _required_floor(passage: Passage, q: Quantity) -> bool:
    """A floor a law or rule requires: 不得低于…, or 不低于… in a sentence that
    says 应当 or 必须."""
    floor = passage.text[q.start : q.number_start]
    if passage.doc_type not in markers.LEGAL_DOC_TYPES or not floor.startswith(markers.REQUIRED_FLOORS):
        return False
    sentence = passage.words(passage.sentence_of(q.start))
    return floor.startswith("不得") or any(w in sentence for w in markers.MUST_WORDS)


def _clause_marker(passage: Passage, q: Quantity, time: Time | None) -> bool:
    """A figure marker in the clause, not followed by a verb whose object
    the number is ("依托…建设6个" builds; "依托…等31个联盟" relies on), nor
    累计 under a future year, which totals a goal ("到2026年底，…累计人工智能领
    域高价值专利超过13000项")."""
    if _required_floor(passage, q):
        return False  # a floor a rule sets: "…应当…，其中…的比例不低于百分之七十"
    clause = passage.clause_of(q.start)
    before = passage.text[clause.start : q.start]
    marker = max((before.rfind(w) for w in markers.FIGURE_CLAUSE_MARKERS), default=-1)
    if marker < 0:
        return False
    if before.startswith(CUMULATIVE, marker) and time is not None and is_future(passage, time.period):
        return False
    verb = max((before.rfind(w) for w in markers.BUILD_VERBS), default=-1)
    return marker >= verb


# The figure marker that totals.
CUMULATIVE = "累计"


def decide(passage: Passage, q: Quantity, time: Time | None) -> tuple[bool, str]:
    """(is_target, the rule that decided) for a usable number."""
    if _clause_marker(passage, q, time) and not _breakdown_of_goal(passage, q, time):
        return False, "clause_marker"
    clause = passage.clause_of(q.start)
    if any(
        w in passage.text[clause.start : q.number_start]
        for w in markers.REQUIREMENT_WORDS
    ):
        return True, "requirement"
    if time is not None:
        if is_future(passage, time.period):
            return True, "future_time"
        if is_past(passage, time.period):
            return False, "past_time"
    text = passage.text
    sentence = passage.sentence_of(q.start)
    lead = text[sentence.start : q.start]
    if markers.GOAL_VERB_BEFORE_RE.search(text, clause.start, q.number_start):
        return True, "goal_verb"
    if any(w in lead for w in markers.FIGURE_SENTENCE_MARKERS):
        return False, "present_marker"
    if any(w in lead for w in markers.TARGET_SENTENCE_MARKERS):
        return True, "future_marker"
    paragraph = passage.paragraph_of(q.start)
    if text[paragraph.start : paragraph.start + 4].startswith("下一步"):
        return True, "future_marker"
    heading = passage.section_heading
    if passage.reports_the_past:
        return False, "section"
    if any(w in heading for w in markers.TARGET_SECTION_WORDS):
        return True, "section"
    if _commitment(passage, q):
        return True, "commitment"
    if passage.plan_period is not None or passage.doc_year is None:
        return True, "plan_document"
    if not passage.doc_type and passage.sets_goals:
        return True, "goal_document"  # an untitled copy of opinions that set goals
    if passage.doc_type in markers.RULE_MAKING_DOC_TYPES:
        return True, "rule_document"
    return False, "report_document"


def _commitment(passage: Passage, q: Quantity) -> bool:
    """A recurring commitment ("每年遴选20家…", "全省培育3家左右…"): 每年 in
    the sentence or 全省/全市… opening the clause, a verb of doing in the
    number's clause, no past marker before it (markers.COMMITMENT_*)."""
    text = passage.text
    sentence = passage.sentence_of(q.start)
    clause = passage.clause_of(q.start)
    lead = text[sentence.start : q.number_start]
    in_clause = text[clause.start : q.number_start]
    if markers.COMMITMENT_PAST_RE.search(lead):
        return False
    opened = any(w in lead for w in markers.COMMITMENT_SENTENCE_OPENERS) or in_clause.startswith(
        markers.COMMITMENT_CLAUSE_OPENERS
    )
    return opened and any(w in in_clause for w in markers.COMMITMENT_VERBS)


def per_year(passage: Passage, q: Quantity) -> bool:
    """A yearly flow: a per-year phrase before ``q`` in its sentence ("每年培训100名")."""
    sentence = passage.sentence_of(q.start)
    return passage.per_year_between(sentence.start, q.start)


def aspirational(passage: Passage, q: Quantity, time: Time | None) -> bool:
    """A goal to strive for (力争): on the number, its time phrase or its clause."""
    if q.aspirational:
        return True
    if time is not None and time.period.aspirational:
        return True
    clause = passage.clause_of(q.start)
    return "力争" in passage.text[clause.start : q.start]
