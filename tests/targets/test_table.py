"""004's target table: "“十四五”时期全省科技发展目标" (序号 指标名称 2020年 2025年).

The rows as the parser hands them over: heading = indicator name with its
unit, cells keyed by column header; the decimal points of the printed table
were lost ("１３０ ＞２００" is 1.30 and >2.00).
"""

from decimal import Decimal

import pytest

from targets.extraction import extract_table_row

ROWS = [
    # heading, cells, key, 2020 suggestion, 2025 comparator, 2025 suggestion
    (
        "研究与试验发展（R&D）经费支出占地区生产总值（GDP）比重（%）",
        {"2020年": "130", "2025年": ">200"},
        "rd_gdp_ratio",
        "1.30",
        ">",
        "2.00",
    ),
    (
        "万名从业人员中的研发人员数（人）",
        {"2020年": "2910", "2025年": "3300"},
        "researchers_per_10k_employed",
        "29.10",
        "=",
        "33.00",
    ),
    (
        "技术合同成交额与地区生产总值之比（%）",
        {"2020年": "375", "2025年": ">380"},
        "tech_contract_gdp_ratio",
        "3.75",
        ">",
        "3.80",
    ),
    (
        "高新技术企业数量（家）",
        {"2020年": "2495", "2025年": "5000"},
        "hightech_enterprises",
        None,  # plausible integers: no repair
        "=",
        None,
    ),
    (
        "每万人口高价值发明专利拥有量（件）",
        {"2020年": "226", "2025年": "364"},
        "high_value_patents_per_10k",
        "2.26",
        "=",
        "3.64",
    ),
    (
        "全省公民具备科学素养的比例（%）",
        {"2020年": "981", "2025年": "1500"},
        "science_literacy_share",
        "9.81",
        "=",
        "15.00",
    ),
]


@pytest.mark.parametrize("heading, cells, key, fixed_2020, cmp_2025, fixed_2025", ROWS)
def test_a_row_gives_a_2020_figure_and_a_2025_target(
    heading, cells, key, fixed_2020, cmp_2025, fixed_2025
):
    text = heading + "".join(cells.values())
    targets, figures = extract_table_row(heading, cells, offset=500, text=text)
    (figure,), (target,) = figures, targets
    assert (figure.year, target.year, target.comparator) == (2020, 2025, cmp_2025)
    assert figure.indicator_key == target.indicator_key == key
    assert figure.raw_value_text == cells["2020年"]
    assert figure.value == Decimal(cells["2020年"])  # the raw number stays
    assert target.baseline_value == figure.value and target.baseline_year == 2020
    as_str = lambda v: None if v is None else str(v)  # noqa: E731
    assert as_str(figure.suggested_value) == fixed_2020
    assert as_str(target.suggested_value) == fixed_2025
    assert ("decimal_point_lost" in figure.flags) == (fixed_2020 is not None)
    # offsets point at the digits in the row's text
    assert text[figure.start - 500 : figure.end - 500] == cells["2020年"]
    assert text[target.start - 500 : target.end - 500] == cells["2025年"]


def test_unit_and_name_come_from_the_heading():
    targets, figures = extract_table_row(
        "高新技术企业数量（家）", {"2020年": "2495", "2025年": "5000"}
    )
    assert (figures[0].indicator_name, figures[0].unit) == ("高新技术企业数量", "家")
    assert figures[0].flags == [] and targets[0].flags == []


def test_with_a_plan_period_columns_after_the_base_year_are_targets():
    targets, figures = extract_table_row(
        "高新技术企业数量（家）",
        {"2015年": "1000", "2020年": "2495", "2025年": "5000"},
        plan_period=(2021, 2025),
    )
    assert [f.year for f in figures] == [2015, 2020]
    assert [(t.year, t.baseline_year) for t in targets] == [(2025, 2020)]
