"""The failure classes of the corpus's fourteenth held-out part (held-out-14),
each with the real sentence and, marked "style", one written in the same
style with other numbers and places."""

from decimal import Decimal

import pytest

from targets.extraction import extract_quantity_facts

REGULATION = dict(doc_year=2012, doc_type="条例")
PLAN = dict(doc_year=2021, plan_period=(2021, 2025))


def facts(text, **context):
    targets, figures = extract_quantity_facts(text, **context)
    return [(t.value, t.unit, t.comparator) for t in [*targets, *figures]]


@pytest.mark.parametrize(
    "sentence, lead_in",
    [
        # 气象设施和气象探测环境保护条例 第十二条: the acts it forbids
        ("（三）在观测场周边1000米范围内修建建筑物、构筑物。",
         "第十二条　禁止实施下列危害大气本底站探测环境的行为："),
        ("（一）在国家基准气候站观测场周边2000米探测环境保护范围内修建高度超过距观测场距离1/10的建筑物；",
         "第十三条　禁止实施下列危害国家基准气候站、国家基本气象站探测环境的行为："),
        # style
        ("（二）在水文站上下游各500米河道管理范围内采砂、取土。",
         "第九条　禁止在水文监测环境保护范围内从事下列活动："),
    ],
)
def test_the_acts_a_regulation_forbids_hold_no_facts(sentence, lead_in):
    assert facts(sentence, lead_in=lead_in, **REGULATION) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "在观测场周边50米范围内修建公路。",  # a zone's extent, without its lead-in
        "在雷达站周边3公里范围以内不得新建高大建筑。",  # style
    ],
)
def test_the_extent_of_a_zone_is_no_goal(sentence):
    assert facts(sentence, **REGULATION) == []


def test_a_long_road_to_build_stays_a_goal():
    # style: a length that is no zone's extent
    assert facts("到2025年，新建高速公路1000公里。", **PLAN) == [(Decimal(1000), "公里", "=")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 智能制造“十四五”规划: 超 is "more than", and a threshold that names
        # which suppliers are counted is no fact of its own
        ("主营业务收入超10亿元的系统解决方案供应商达40余家。", [(Decimal(40), "家", ">")]),
        # style
        ("到2025年，年产值超5亿元的装备制造商达到30家，关键工序数控化率超70%。",
         [(Decimal(30), "家", "="), (Decimal(70), "%", ">")]),
    ],
)
def test_chao_is_more_than_and_names_a_category(sentence, expected):
    assert facts(sentence, **PLAN) == expected

