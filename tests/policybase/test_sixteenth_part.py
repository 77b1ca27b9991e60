"""The failure classes of the corpus's sixteenth held-out part (held-out-16),
each with the real sentence and, marked "style", one written in the same
style with other numbers."""

from decimal import Decimal

import pytest

from targets.extraction import extract_quantity_facts

PLAN = dict(doc_year=2020, plan_period=(2020, 2022))


def facts(text):
    targets, figures = extract_quantity_facts(text, **PLAN)
    return [(t.value, t.unit, t.comparator) for t in [*targets, *figures]]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 山东 工业大数据 plan: times counted after what they count
        ("到2022年，工业APP下载量不少于2万次。", [(Decimal(20000), "次", ">=")]),
        # style
        ("到2022年，平台年访问量超过50万次。", [(Decimal(500000), "次", ">")]),
        # 次 elsewhere stays out: a session, a round, a rule's limit (held-out-3)
        ("十届三次全会以来，分两次拨付。", []),
        ("同一项目每年申请不得超过3次。", []),
    ],
)
def test_times_counted_after_what_they_count(sentence, expected):
    assert facts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # 新余 绿色建筑管理办法: the floor areas that define which buildings
        "新建国家机关办公建筑、大型公共建筑（单体建筑面积2万平方米以上）、学校、医院、"
        "建筑面积15万平方米以上的住宅小区，应当执行绿色建筑标准。",
        # style
        "大型商业综合体（建筑面积5万平方米以上）和占地面积20万平方米以上的住宅小区应当配建充电设施。",
    ],
)
def test_areas_that_define_a_kind_of_building_are_no_goals(sentence):
    assert facts(sentence) == []


@pytest.mark.parametrize(
    "typed, read",
    [
        # 北京 科普条例 (a web copy): a Latin O printed for the zero
        ("按照本辖区常住人口每人每年O.5元的标准", "按照本辖区常住人口每人每年0.5元的标准"),
        # style
        ("每亩补助O.8万元，2O22年起执行", "每亩补助0.8万元，2022年起执行"),
        # letters stay letters
        ("推广O2O模式，减少CO2排放", "推广O2O模式，减少CO2排放"),
    ],
)
def test_a_latin_o_in_a_number_is_a_zero(typed, read):
    from documents.parsing.normalise import fold_text

    assert fold_text(typed) == read


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the wording of standards and indicator tables, written out
        ("到2022年，工业互联网平台设备在线率大于等于90%。", [(Decimal(90), "%", ">=")]),
        ("到2022年，单位产值能耗小于或等于0.4吨标准煤。", [(Decimal("0.4"), "吨标准煤", "<=")]),
    ],
)
def test_greater_or_equal_written_out_is_a_comparator(sentence, expected):
    assert facts(sentence) == expected
