"""Targets and figures in documents of the same genre the rules were not
written on: sentences of tests/data/genre (a municipal 十四五 plan, a reply to
a CPPCC proposal, a regulation) and sentences written for this test in the
style of other provinces' plans and replies.
"""

from decimal import Decimal

import pytest

from targets.extraction import extract_quantity_facts, extract_table_row
from targets.indicators import match_indicator

PLAN = dict(doc_year=2021, plan_period=(2021, 2025))
BASIS = "发展基础与面临形势 › 发展基础"


@pytest.mark.parametrize(
    "name",
    [
        "全社会研发经费投入强度",
        "研究与试验发展经费投入强度",
        "R&D经费投入强度",
        "研发投入强度",
        "全省R&D（研究与试验发展）经费投入强度",
    ],
)
def test_names_of_rd_intensity(name):
    assert match_indicator(name, "%").key == "rd_gdp_ratio"


def test_enterprise_rd_intensity_is_not_the_gdp_ratio():
    assert match_indicator("规上工业企业研发投入强度", "%") is None


def test_invention_patents_per_10k_people():
    assert (
        match_indicator("每万人口发明专利拥有量", "件").key
        == "invention_patents_per_10k"
    )
    assert match_indicator("每万人口高价值发明专利拥有量", "件").key == (
        "high_value_patents_per_10k"
    )


def test_plan_table_row_of_rd_intensity():
    text = "全社会研发经费投入强度（%）1.3 2.0"
    targets, figures = extract_table_row(
        "全社会研发经费投入强度（%）",
        {"2020年": "1.3", "2025年": "2.0"},
        text=text,
        **PLAN,
    )
    [target], [figure] = targets, figures
    assert (target.indicator_key, target.value, target.year) == (
        "rd_gdp_ratio",
        Decimal("2.0"),
        2025,
    )
    assert (target.baseline_value, target.baseline_year) == (Decimal("1.3"), 2020)
    assert (figure.indicator_key, figure.value, figure.year) == (
        "rd_gdp_ratio",
        Decimal("1.3"),
        2020,
    )


def facts(text, **context):
    targets, figures = extract_quantity_facts(text, **context)
    return (
        [(t.indicator_key, t.value, t.unit, t.comparator, t.year) for t in targets],
        [(f.indicator_key, f.value, f.unit, f.year) for f in figures],
    )


def test_plan_task_is_a_target_for_the_plan_end():
    targets, figures = extract_quantity_facts(
        "１．完善重点实验室体系。围绕装备制造、精细化工、医药健康等优势领域，"
        "新建省级以上重点实验室10个，推动现有实验室开展优化整合和绩效评估。",
        section_heading="重点任务 › 建设高能级创新平台",
        **PLAN,
    )
    assert figures == []
    [target] = targets
    assert (target.value, target.unit, target.year) == (Decimal(10), "个", 2025)
    assert "重点实验室" in target.indicator_name


def test_share_named_after_the_amount_before_it():
    targets, figures = facts(
        "2020年，全市研究与试验发展经费支出达到28.6亿元，占地区生产总值比重为1.3%，"
        "较2015年提高0.4个百分点。",
        section_heading=BASIS,
        **PLAN,
    )
    assert targets == []
    assert figures[:2] == [
        ("rd_expenditure", Decimal("28.6"), "亿元", 2020),
        ("rd_gdp_ratio", Decimal("1.3"), "%", 2020),
    ]


def test_municipal_scope_word_is_not_part_of_the_name():
    assert facts("全市高新技术企业达到320家。", section_heading=BASIS, **PLAN) == (
        [],
        [("hightech_enterprises", Decimal(320), "家", 2020)],
    )


def test_money_paid_out_is_a_figure_of_its_year():
    assert facts("2022年共兑现补助资金3200万元，惠及企业418户。", doc_year=2023) == (
        [],
        [(None, Decimal(3200), "万元", 2022), (None, Decimal(418), "户", 2022)],
    )


@pytest.mark.parametrize(
    "text",
    [
        # the cap of a rule, the condition of a rule, a share of an income
        "对上年度研发费用支出超过200万元且较上一年度增长的企业，按照增量部分的10%给予补助，"
        "单个企业每年最高50万元。",
        "对符合条件的科技型企业，市科学技术行政部门可以给予贷款贴息支持，"
        "单个企业年度贴息额最高不超过一百万元。",
        "以技术转让或者许可方式转化的，从净收入中提取不低于百分之七十的比例；",
        "对企业获得的科技贷款，按照实际支付利息的50%给予贴息，单个企业每年贴息额最高不超过50万元。",
    ],
)
def test_rules_are_neither_targets_nor_figures(text):
    assert facts(text, doc_year=2023) == ([], [])


# -- sentences of the genre written for this test ----------------------------------

OWN = [
    # (text, context, targets, figures)
    (
        "到2025年，全市技术合同成交额达到120亿元以上。",
        PLAN,
        [("tech_contract_value", Decimal(120), "亿元", ">=", 2025)],
        [],
    ),
    (
        "截至2022年底，全省共有国家级孵化器35家。",
        dict(doc_year=2023),
        [],
        [(None, Decimal(35), "家", 2022)],
    ),
    (
        "到2025年，全社会研发经费投入强度达到2.5%。",
        PLAN,
        [("rd_gdp_ratio", Decimal("2.5"), "%", "=", 2025)],
        [],
    ),
    (
        "2022年，全省R&D经费投入强度为2.1%，规上工业企业研发投入强度为1.5%。",
        dict(doc_year=2023),
        [],
        [
            ("rd_gdp_ratio", Decimal("2.1"), "%", 2022),
            (None, Decimal("1.5"), "%", 2022),
        ],
    ),
    (
        "到2025年，全市每万人口发明专利拥有量达到12件。",
        PLAN,
        [("invention_patents_per_10k", Decimal(12), "件", "=", 2025)],
        [],
    ),
    (
        "2021年，省财政共拨付科技创新券资金1200万元，惠及中小企业860家。",
        dict(doc_year=2022),
        [],
        [(None, Decimal(1200), "万元", 2021), (None, Decimal(860), "家", 2021)],
    ),
]


@pytest.mark.parametrize(
    "text, context, targets, figures", OWN, ids=[c[0][:14] for c in OWN]
)
def test_own_sentences_of_the_genre(text, context, targets, figures):
    assert facts(text, **context) == (targets, figures)


def test_yearly_budget_line_in_a_plan_is_a_yearly_target():
    [target], figures = extract_quantity_facts(
        "“十四五”期间，每年安排专项资金5000万元，支持关键核心技术攻关。", **PLAN
    )
    assert figures == []
    assert (target.value, target.unit, target.year, target.per_year) == (
        Decimal(5000),
        "万元",
        2025,
        True,
    )
    assert "专项资金" in target.indicator_name
