"""Words that say what a sum of money is: support, money paid out, or a statistic.

One vocabulary for one decision, read by both extractors (pure data, no
Django):

* ``measures.extraction.subsidies`` keeps a money amount or a percentage as a
  support rule when its clause has a support word (the triggers of
  ``measures.subsidy_kinds``) and none of NOT_SUPPORT_WORDS;
* ``targets.extraction`` leaves money in a clause with SUPPORT_WORDS to the
  subsidy extractor, unless the words before it report it as paid out
  (PAID_OUT_WORDS or HANDED_OUT_WORDS, and no RULE_WORDS).

Both read "对" the same way: a preposition that opens the "to whom" of a rule
(TO_WHOM_RE), not part of 针对, 对接….
"""

from __future__ import annotations

import re

# -- support: the clause offers money under a rule ----------------------------

# A money amount in a clause with one of these is a subsidy rule, not an
# indicator ("给予最高50万元补助", "每项资助10万元", "贷款额度1000万元").
SUPPORT_WORDS = (
    "给予",
    "资助",
    "补助",
    "补贴",
    "奖励",
    "额度",
    "每项",
    "每件",
    "奖金",
    "贴息",
    "奖补",
    "扶持",
    "配套",
    "报酬",
)
# The wording of a rule's terms: to whom, per what, up to how much.  They keep
# money that is handed out a rule ("对…发放一次性补贴5000元").
RULE_WORDS = ("给予", "予以", "对", "每", "按", "最高", "不超过", "不高于", "一次性")

# A ceiling word a little before an amount in its clause makes the amount a
# cap even when a verb separates them ("最高给予200万元补助", "最高可获得500
# 万元资助", "最多资助2个境外国家或地区"); right before it the quantity parser
# already says "<=" ("给予最高100万元奖励").  Not across 的: "研发投入最高的
# 企业给予50万元奖励" names who gets the award.
CEILING_BEFORE_RE = re.compile(r"(?:最高|最多|不超过|不高于|上限为?|限补|限奖|封顶)[^\d，。；、：的]{0,6}$")

# A money amount that is a rate per unit of measure, written with a slash:
# "最高800元/m2", "0.25元/千瓦时", "0.3元/瓦": the terms of a rule.
PER_UNIT_AFTER_RE = re.compile(r"\s*/\s*(?:[a-zA-Z㎡]|平方米|千瓦时|度|瓦|吨|亩|公里)")
# A value a text replaces ("奖励标准由0.15元/千瓦时调整至0.25元/千瓦时"): the old
# one is neither a rule nor a goal.
REVISED_FROM_RE = re.compile(r"由[^。；：]{0,60}$")
REVISED_TO_RE = re.compile(r"(?:调整|提高|降低|上调|下调|变更|修改)(?:至|为|到)")


def replaced(text: str, start: int, q_start: int, q_end: int, end: int) -> bool:
    """Is the quantity at text[q_start:q_end] the value a revision replaces,
    read within text[start:end]: a 由 before it, a 调整至 after it, and no
    调整至 between (that would make it the new value)?"""
    opened = REVISED_FROM_RE.search(text, start, q_start)
    return bool(opened and REVISED_TO_RE.search(text, q_end, end)) and not REVISED_TO_RE.search(
        text, opened.start(), q_start
    )

# -- paid out: the clause reports money already spent ------------------------

# "2022年共兑现补助资金3200万元，惠及企业418户" in a reply is a figure.
PAID_OUT_WORDS = ("兑现", "兑付", "拨付", "下达", "共计", "合计", "惠及")
# Before the number and without a rule word, these report money paid out too
# ("累计发放…"); in a rule they do not ("对…发放一次性补贴5000元").
HANDED_OUT_WORDS = ("发放", "累计")
# Tiers handed out to the tiers of a beneficiary are a rule's ("博士研究生、硕
# 士研究生，分别发放6万元、3万元就业补贴").
TIERS_HANDED_OUT = ("分别发放",)
# Money handed out at a rule's pace is the rule's ("A类人才每年发放7万元").
PACED_HANDOUT_RE = re.compile(r"(?:每年|每月|按年|按月|一次性)发放$")

# -- statistic: the number measures a total, a scale, a share or a goal ------

# "知识产权质押融资额达到50亿元以上" is a target, "累计投入资金13亿元" a figure.
STATISTIC_WORDS = (
    "达到",
    "累计",
    "力争",
    "规模",
    "投放",
    "投入资金",
    "金额",
    "注册资本",
    "增加",
    "比重",
    "占",
    "增长",
    "融资额",
    "营业收入",
    "总额",
)
# -- tax: a tax rule is neither support nor a goal --------------------------

# "按照研究开发费用的百分之五十加计扣除", "按照每月1000元的标准定额扣除", "按照百分
# 之十五的税率征收企业所得税", "依法免征企业所得税": a rule of tax, which pays
# nothing out (a fee reduction, 减缴, is support and stays out of this list).
TAX_WORDS = (
    "加计扣除",
    "定额扣除",
    "据实扣除",
    "汇算清缴",
    "扣除标准",
    "税率",
    "征收",
    "免征",
    "减征",
    "抵扣",
    "摊销",
    "应纳税所得额",
)

# A clause with one of these states no support rule, whatever else it says.
NOT_SUPPORT_WORDS = STATISTIC_WORDS + PAID_OUT_WORDS + TAX_WORDS

# -- 对 that opens the "to whom" of a rule -----------------------------------

# 对 is part of a word after these (针对, 面对, 相对, 绝对, 应对, 反对, 核对,
# 比对) and before these (对外, 对接, 对口, 对于, 对照, 对标, 对应, 对象, 对话);
# after 其 it says what its holder did for whom ("给予其对我区经济贡献95%的奖励").
NOT_BEFORE_TO_WHOM = "针面相绝应反核比其"
NOT_AFTER_TO_WHOM = "外接口于照标应象话"
TO_WHOM_RE = re.compile(rf"(?<![{NOT_BEFORE_TO_WHOM}])对(?![{NOT_AFTER_TO_WHOM}])")
