import pytest

from documents.extraction.periods import (
    find_periods,
    parse_date,
    plan_period_of,
    plan_years,
)
from tests.targets.corpus import normalise


@pytest.mark.parametrize(
    "number, years",
    [
        (1, (1953, 1957)),
        (2, (1958, 1962)),
        (3, (1966, 1970)),  # 1963–1965 were adjustment years outside any plan
        (11, (2006, 2010)),
        (12, (2011, 2015)),
        (13, (2016, 2020)),
        (14, (2021, 2025)),
    ],
)
def test_five_year_plans(number, years):
    assert plan_years(number) == years


def first(text):
    return find_periods(normalise(text))[0]


@pytest.mark.parametrize(
    "text, kind, years, future, aspirational",
    [
        # 001 一(二)
        ("“十三五 ”期间，围绕汽车制造", "plan", (2016, 2020), False, False),
        # 004 第四章第三节
        (
            "到 “十四五”末总经营规模达到３０００亿元",
            "plan_end",
            (2025, 2025),
            True,
            False,
        ),
        # 004 第五章第三节
        ("力争在 “十四五”期间每年筛选推出２００项", "plan", (2021, 2025), True, True),
        # 003 三
        ("力争到2015年，基本建成适应吉林新型工业化", "year", (2015, 2015), True, True),
        # 001 一(二)
        ("到2020年，建设50个省级技术转移示范机构", "year", (2020, 2020), True, False),
        # 000 (二)
        (
            "到２０１７年，建立起完善的技术创新市场导向机制",
            "year",
            (2017, 2017),
            True,
            False,
        ),
        # 004 第一章第一节
        (
            "２０１６－２０２０年，全省共３５项科研成果",
            "year_range",
            (2016, 2020),
            False,
            False,
        ),
        # 003 四
        (
            "（二）重点推进期 （2012-2013年）：",
            "year_range",
            (2012, 2013),
            False,
            False,
        ),
        # 002 一.3
        ("2021 年度，吉林银行、中国银行吉林分行", "year", (2021, 2021), False, False),
        # 004 preamble: the plan named in a title
        ("第十\n四个五年规划", "plan", (2021, 2025), False, False),
    ],
)
def test_time_phrases(text, kind, years, future, aspirational):
    period = first(text.replace("\n", ""))
    assert (period.kind, (period.year_start, period.year_end)) == (kind, years)
    assert (period.future, period.aspirational) == (future, aspirational)


def test_per_year():
    periods = find_periods(normalise("每年培训100名左右技术经纪人"))
    assert [(p.kind, p.text) for p in periods] == [("per_year", "每年")]


def test_a_label_is_not_the_tenth_plan():
    # 000's section label （十五） is the number 15.
    assert find_periods("（十五）促进科技人才市场化配置。") == []
    assert first("“十五”期间").year_start == 2001


@pytest.mark.parametrize(
    "text, iso",
    [
        ("　　二○一一年六月七日", "2011-06-07"),  # 003, "○" for 〇
        ("2016年10月31日", "2016-10-31"),  # 001
        ("    2022 年 7月 6 日   ", "2022-07-06"),  # 002, stray spaces
    ],
)
def test_dates(text, iso):
    assert parse_date(normalise(text)).isoformat() == iso


def test_plan_period_of_a_title():
    assert plan_period_of("吉林省科学技术发展“十四五”规划") == (2021, 2025)
