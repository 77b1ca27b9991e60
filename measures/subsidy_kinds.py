"""Kinds of subsidy (data): key, Chinese label and the words that reveal each.

Pure Python (no Django).  The one definition of the kinds: the subsidy
extractor reads the triggers, and ``measures.models.SubsidyKind`` (the choices
of ``Subsidy.kind``, the API's enum) is built from the keys and labels, in the
order of SUBSIDY_KINDS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubsidyKind:
    key: str  # the stored value, ExtractedSubsidy.kind
    label: str  # Chinese
    triggers: tuple[str, ...]  # words that reveal the kind next to an amount


# In the order curators see them (admin, API enum).
# fmt: off
SUBSIDY_KINDS: tuple[SubsidyKind, ...] = (
    # 奖补 (奖励+补助: "给予…资金奖补", "一次性给予…奖补资金"), 扶持,
    # matching funds (配套: "按国家支持金额的30%给予配套"), and the losses
    # borne for lenders and investors ("按实际发生损失额的20%，给予单个担保
    # 机构最高500万元风险代偿").
    SubsidyKind("grant", "资金支持/补助",
                ("补助", "补贴", "资助", "资金支持", "支持", "奖补", "扶持", "配套",
                 "风险补偿", "风险代偿",
                 # vouchers a government hands out to pay for services
                 # ("科技创新券首次申领额度不超过5万元")
                 "创新券", "科技券", "算力券", "语料券", "智能券")),
    SubsidyKind("post_subsidy", "后补助", ("后补助",)),
    # "配套奖励" is an award: the longer trigger wins at the same place.
    # an allowance paid to a person ("每年给予2万元津贴") is an award too
    SubsidyKind("award", "奖励", ("奖励", "奖金", "配套奖励", "津贴")),
    # "约定按份共有的，科技成果完成人持有的份额不低于百分之七十": a share of
    # the ownership, written without a support word.
    SubsidyKind("inventor_share", "成果转化收益奖励（科研人员）",
                ("奖给", "奖励给", "用于奖励", "奖励科研团队", "完成人持有的份额",
                 # a law's remuneration of inventors: "…提取不低于百分之二十，
                 # 作为发明人或者设计人的报酬", "…的收益给付发明人或者设计人"
                 "报酬", "给付发明人")),
    SubsidyKind("loan", "贷款/信贷", ("贷款", "信贷", "授信", "债权")),
    SubsidyKind("interest_subsidy", "贴息", ("贴息",)),
    # a refund of what was paid: "可返还其上年度实际缴纳失业保险费的50%"
    SubsidyKind("fee_waiver", "费用减免", ("免收", "费用减免", "减缴", "返还")),
    SubsidyKind("equity_investment", "股权投资",
                ("股权投资", "资本金投入", "股权注入", "投资入股")),
    # A tax rule written as its rate or deduction ("按百分之十五的税率征收",
    # "按…百分之五十加计扣除": money_words.TAX_WORDS) pays nothing out and is no
    # rule; this kind names support a text calls a tax benefit in other words.
    SubsidyKind("tax_incentive", "税收优惠",
                ("所得税", "税收优惠", "加计扣除", "减免税")),
    SubsidyKind("other", "其他", ()),
)
# fmt: on
KIND_LABELS: dict[str, str] = {kind.key: kind.label for kind in SUBSIDY_KINDS}

# The order the extractor tries the kinds when several triggers precede an
# amount ("贴息比例不超过贷款利息的50%": 贴息 beats 贷款); the generic grant
# comes last.  After an amount the nearest trigger wins instead ("15-30万元后
# 补助支持": 后补助, not 补助 or 支持).
_PRECEDENCE = (
    "inventor_share",
    "post_subsidy",
    "interest_subsidy",
    "fee_waiver",
    "loan",
    "equity_investment",
    "tax_incentive",
    "award",
    "grant",
    "other",
)
_BY_KEY = {kind.key: kind for kind in SUBSIDY_KINDS}
KINDS_BY_PRECEDENCE: tuple[SubsidyKind, ...] = tuple(
    _BY_KEY[key] for key in _PRECEDENCE
)
