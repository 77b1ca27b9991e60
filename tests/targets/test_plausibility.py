"""Plausibility rules and the decimal-point repair, on 004's printed numbers."""

from decimal import Decimal

import pytest

from targets import plausibility


@pytest.mark.parametrize(
    "printed, unit, key, years, lower_bound, flags, suggested",
    [
        # "全省R&D经费累计投入达到６９０６亿元，比“十二五”期间增加了近１００亿元":
        # only Jilin's R&D range (data) plus the neighbour's increase choose 690.6
        # over 69.06.
        (
            "6906",
            "亿元",
            "rd_expenditure",
            5,
            "100",
            ["outside_indicator_range", "decimal_point_lost"],
            "690.6",
        ),
        # without the neighbour, 2 decimals come first
        ("6906", "亿元", "rd_expenditure", 5, None, None, "69.06"),
        # "全省财政科技支出累计达到２０８０３亿元": above the 1万亿 ceiling
        (
            "20803",
            "亿元",
            "fiscal_st_expenditure",
            5,
            None,
            ["money_over_ceiling", "outside_indicator_range", "decimal_point_lost"],
            "208.03",
        ),
        # "是“十二五”期间的１２９倍"
        (
            "129",
            "倍",
            None,
            1,
            None,
            ["multiple_over_20", "decimal_point_lost"],
            "1.29",
        ),
        # "企业营业收入达到６８６５３９亿元"
        (
            "686539",
            "亿元",
            None,
            1,
            None,
            ["money_over_ceiling", "decimal_point_lost"],
            "6865.39",
        ),
        # table cells
        ("130", "%", "rd_gdp_ratio", 1, None, None, "1.30"),
        ("981", "%", "science_literacy_share", 1, None, None, "9.81"),
        ("226", "件", "high_value_patents_per_10k", 1, None, None, "2.26"),
        ("2910", "人", "researchers_per_10k_employed", 1, None, None, "29.10"),
    ],
)
def test_lost_decimal_points_are_suggested(
    printed, unit, key, years, lower_bound, flags, suggested
):
    got_flags, got = plausibility.check(
        Decimal(printed),
        unit,
        indicator_key=key,
        raw_digits=printed,
        years=years,
        lower_bound=Decimal(lower_bound) if lower_bound else None,
    )
    assert str(got) == suggested
    if flags is not None:
        assert got_flags == flags


@pytest.mark.parametrize(
    "printed, unit, key, years",
    [
        ("2500", "户", "hightech_enterprises", 1),  # 近２５００户高新技术企业
        ("2495", "家", "hightech_enterprises", 1),
        ("4100", "亩", None, 1),  # 推广种植４１００亩
        ("813", "份", None, 1),  # 收集人参种质资源８１３份
        ("3000", "亿元", None, 1),  # 总经营规模达到３０００亿元
        ("100", "亿元", None, 5),  # 增加了近１００亿元
        ("200", "项", None, 1),  # 每年筛选推出２００项
        ("50", "亿元", "tech_contract_value", 1),  # 001 技术合同交易额 50亿元
        ("2", "%", "rd_gdp_ratio", 1),
    ],
)
def test_legitimate_integers_stay_unflagged(printed, unit, key, years):
    assert plausibility.check(
        Decimal(printed), unit, indicator_key=key, raw_digits=printed, years=years
    ) == ([], None)


def test_a_value_with_a_multiplier_is_flagged_but_not_repaired():
    # "13万件" has no printed digits to move a point in.
    flags, suggested = plausibility.check(Decimal("1e13"), "元", raw_digits="")
    assert flags == ["money_over_ceiling"] and suggested is None


def test_the_column_precision_is_used_when_known():
    _, suggested = plausibility.check(
        Decimal(1500),
        "%",
        indicator_key="science_literacy_share",
        raw_digits="1500",
        decimals=(2,),
    )
    assert str(suggested) == "15.00"


def test_rules_are_data():
    assert [flag for flag, _ in plausibility.RULES] == [
        "percent_over_100",
        "multiple_over_20",
        "money_over_ceiling",
        "outside_indicator_range",
        "below_neighbour_bound",
    ]
