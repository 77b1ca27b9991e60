"""Subsidy rules in documents of the same genre the rules were not written on.

The first cases are sentences of tests/data/genre (a district subsidy scheme,
a reply to a CPPCC proposal, a 第X条 regulation); the others were written for
this test in the style of other provinces' schemes, plans and replies.  Texts
are given as the normaliser hands them over (CJK punctuation, no spaces).
"""

from decimal import Decimal

import pytest

from documents.extraction.quantities import find_quantities
from measures.extraction.subsidies import extract_subsidies


def D(value):
    return None if value is None else Decimal(value)


def rule(s):
    """(kind, amount_min, amount_max, ratio_percent, cap, basis, flags)."""
    return (
        s.kind,
        s.amount_min,
        s.amount_max,
        s.ratio_percent,
        s.cap,
        s.basis,
        s.flags,
    )


# -- tests/data/genre -----------------------------------------------------------

ARTICLE_11 = (
    "研究开发机构、高等院校转化职务科技成果所获得的净收入，应当按照下列标准对完成、"
    "转化该项科技成果作出重要贡献的人员给予奖励："
)


def test_ratio_with_a_ceiling_after_its_verb_is_one_rule():
    text = "中试熟化支持。对在区内建设的中试基地，按照设备投资额的15%给予补助，最高给予200万元补助。"
    [s] = extract_subsidies(text)
    assert rule(s) == ("grant", None, D(2000000), D(15), D(2000000), "设备投资额", [])
    assert s.rule == "ratio+cap"
    assert s.beneficiary == "中试基地"


def test_the_district_scheme_has_eleven_rules():
    from pathlib import Path

    path = (
        Path(__file__).resolve().parents[1]
        / "data"
        / "genre"
        / "subsidy_songjiang_beihu.txt"
    )
    text = path.read_text(encoding="utf-8")
    # The scheme as the parser's provisions: one rule per item, eleven in all.
    body = text[text.index("一、支持企业加大研发投入") : text.index("四、附则")]
    found = extract_subsidies(body)
    assert len(found) == 11
    assert sorted(s.ratio_percent for s in found if s.ratio_percent) == [10, 15, 20]
    assert {s.cap for s in found if s.ratio_percent} == {D(500000), D(2000000)}


def test_money_paid_out_in_a_reply_is_not_a_rule():
    text = (
        "对上年度研发投入增长的科技型中小企业，按照增量部分给予最高30万元后补助，"
        "2022年共兑现补助资金3200万元，惠及企业418户。"
    )
    [s] = extract_subsidies(text)
    assert (s.kind, s.cap, s.beneficiary) == (
        "post_subsidy",
        D(300000),
        "科技型中小企业",
    )


def test_chinese_numeral_percentage_is_parsed():
    [q] = find_quantities("从净收入中提取不低于百分之七十的比例")
    assert (q.value, q.unit, q.comparator, q.number_text) == (
        Decimal(70),
        "%",
        ">=",
        "百分之七十",
    )
    assert find_quantities("千分之五")[0].value == Decimal("0.5")
    assert find_quantities("三分之一")[0].value == Decimal("33.33")  # unchanged


@pytest.mark.parametrize(
    "item, basis",
    [
        (
            "（一）以技术转让或者许可方式转化的，从净收入中提取不低于百分之七十的比例；",
            "净收入",
        ),
        (
            "（二）以科技成果作价投资的，从形成的股份或者出资比例中提取不低于百分之七十的比例。",
            "形成的股份或者出资比例",
        ),
    ],
)
def test_items_of_a_regulation_borrow_kind_and_beneficiary_from_the_lead_in(
    item, basis
):
    [s] = extract_subsidies(item, offset=1000, lead_in=ARTICLE_11)
    assert rule(s) == (
        "inventor_share",
        None,
        None,
        D(70),
        None,
        basis,
        ["ratio_at_least"],
    )
    assert "作出重要贡献的人员" in s.beneficiary
    # Offsets are the item's: nothing comes from the lead-in itself.
    assert 1000 <= s.start < s.end <= 1000 + len(item)


def test_items_without_a_lead_in_are_not_rules():
    assert (
        extract_subsidies(
            "（一）以技术转让或者许可方式转化的，从净收入中提取不低于百分之七十的比例；"
        )
        == []
    )


def test_a_lead_in_yields_no_rule_of_its_own():
    lead = "对新认定的国家级科技企业孵化器给予100万元奖励，并按照以下标准给予运营补助："
    [s] = extract_subsidies("（一）孵化面积1万平方米以上的，每年30万元；", lead_in=lead)
    assert (s.kind, s.amount_max, s.per) == ("grant", D(300000), "year")


def test_interest_subsidy_cap_in_chinese_numerals():
    text = (
        "鼓励金融机构开展知识产权质押融资、科技保险等业务。对符合条件的科技型企业，"
        "市科学技术行政部门可以给予贷款贴息支持，单个企业年度贴息额最高不超过一百万元。"
    )
    [s] = extract_subsidies(text)
    assert (s.kind, s.amount_max, s.cap, s.beneficiary) == (
        "interest_subsidy",
        D(1000000),
        D(1000000),
        "科技型企业",
    )


def test_beneficiary_clause_with_a_verb_inside_its_relative_clause():
    text = "对首次通过高新技术企业认定的企业，给予最高20万元奖励；对通过重新认定的企业，给予5万元奖励。"
    first, second = extract_subsidies(text)
    assert first.beneficiary == "首次通过高新技术企业认定的企业"
    assert (first.cap, second.amount_min) == (D(200000), D(50000))


# -- sentences of the genre written for this test ----------------------------------

# (text, lead_in, [(kind, amount_min, amount_max, ratio, cap, basis, flags)], per)
OWN = [
    (
        "对认定为省级新型研发机构的，给予一次性200万元奖励。",
        "",
        [("award", D(2000000), D(2000000), None, None, "", [])],
        "once",
    ),
    (
        "对符合条件的项目，按照不超过项目总投资30%的比例给予补助，最高不超过300万元。",
        "",
        [
            (
                "grant",
                None,
                D(3000000),
                D(30),
                D(3000000),
                "项目总投资",
                ["ratio_at_most"],
            )
        ],
        "",
    ),
    (
        "对新获批的国家级科技企业孵化器，最高给予100万元一次性奖励。",
        "",
        [("award", None, D(1000000), None, D(1000000), "", [])],
        "once",
    ),
    (
        "对企业获得的科技贷款，按照实际支付利息的50%给予贴息，单个企业每年贴息额最高不超过50万元。",
        "",
        [("interest_subsidy", None, D(500000), D(50), D(500000), "实际支付利息", [])],
        "year",
    ),
    (
        "科技成果完成单位未规定、也未与科技人员约定奖励和报酬的方式和数额的，"
        "应当从技术转让净收入中提取不低于百分之五十的比例用于奖励。",
        "",
        [
            (
                "inventor_share",
                None,
                None,
                D(50),
                None,
                "技术转让净收入",
                ["ratio_at_least"],
            )
        ],
        "",
    ),
    (
        "（一）国家级孵化器100万元；",
        "对新认定的科技企业孵化器，按照以下标准给予奖励：",
        [("award", D(1000000), D(1000000), None, None, "", [])],
        "",
    ),
    (
        "对引进的国家级领军人才，给予最高500万元项目资助。",
        "",
        [("grant", None, D(5000000), None, D(5000000), "", [])],
        "",
    ),
    # Not rules: money paid out, a budget line, conditions under a lead-in.
    ("2021年，省财政共拨付科技创新券资金1200万元，惠及中小企业860家。", "", [], ""),
    ("每年安排专项资金5000万元，支持关键核心技术攻关。", "", [], ""),
    (
        "（一）上年度研发投入不低于500万元的；",
        "申请补助的企业应当符合下列条件：",
        [],
        "",
    ),
    ("（二）上年度研发投入不低于500万元；", "申请补助的企业应当符合下列条件：", [], ""),
]


@pytest.mark.parametrize(
    "text, lead_in, expected, per", OWN, ids=[c[0][:16] for c in OWN]
)
def test_own_sentences_of_the_genre(text, lead_in, expected, per):
    found = extract_subsidies(text, lead_in=lead_in)
    assert [rule(s) for s in found] == expected
    assert all(s.per == per for s in found)
