"""The failure classes of the corpus's fifteenth held-out part (held-out-15),
each with the real sentence and, marked "style", one written in the same
style with other numbers."""

from decimal import Decimal

import pytest

from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts

PLAN = dict(doc_year=2021, plan_period=(2021, 2023))


def facts(text, **context):
    targets, figures = extract_quantity_facts(text, **PLAN, **context)
    return [("target", t.value, t.unit, t.comparator) for t in targets] + [
        ("figure", f.value, f.unit, f.comparator) for f in figures
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 山东 智能传感器 plan: a scale in words after a verb of reaching
        ("到2023年，全省智能传感器产业营业收入达到300亿元以上，带动形成千亿级产业规模。",
         [("target", Decimal(300), "亿元", ">="), ("target", Decimal(1000), "亿元", ">=")]),
        # held-out-9 科创济南, and style
        ("到2023年，数字经济产业能级达到万亿级。", [("target", Decimal(10000), "亿元", ">=")]),
        ("到2023年，电子信息产业突破百亿级规模。", [("target", Decimal(100), "亿元", ">=")]),
        # the class of what is formed, or of a market: no goal
        ("到2023年，形成一批千亿级创新型产业集群。", []),
        ("面向新能源汽车万亿级市场，加快布局。", []),
    ],
)
def test_a_scale_in_words_after_a_verb_of_reaching_is_a_floor(sentence, expected):
    assert facts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 山东 智能传感器 plan: kinds counted after 大约有, with 万
        ("从全球看，全球产品化的传感器大约有2.6万种。", [("figure", Decimal(26000), "种", "~")]),
        # style
        ("目前，全省工业软件产品约有1.2万种。", [("figure", Decimal(12000), "种", "~")]),
    ],
)
def test_kinds_counted_after_about_are_figures(sentence, expected):
    assert facts(sentence, section_heading="一、发展现状") == expected


@pytest.mark.parametrize(
    "sentence, ratio, basis",
    [
        # 河南 专利保护条例 第六条: a law's share for inventors, paid out (给付)
        ("被授予专利权的国有企业事业单位以专利入股的，专利权人应当从其股份所得中提取不低于"
         "百分之三十的收益给付发明人或者设计人。", Decimal(30), "其股份所得"),
        # style
        ("以技术成果作价入股的，单位应当从其股权收益中提取不低于百分之二十五的收益给付发明人。",
         Decimal(25), "其股权收益"),
    ],
)
def test_a_share_paid_to_inventors_is_a_rule(sentence, ratio, basis):
    rules = extract_subsidies(sentence, offset=0)
    assert [(r.kind, r.ratio_percent, r.basis) for r in rules] == [("inventor_share", ratio, basis)]
