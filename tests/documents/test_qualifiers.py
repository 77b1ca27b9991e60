"""Numbers that share a qualifier, and the unit families beyond counts and money.

Each case is a sentence of the development half of tests/data/corpus (the
document named in the comment) or, marked "style", one written for this test
in the same style with other numbers.  Texts are given as the normaliser
hands them over (CJK punctuation, no spaces).
"""

import pytest

from documents.extraction.quantities import find_quantities


def amounts(text):
    return [
        (q.text, str(q.value), q.value_max and str(q.value_max), q.unit, q.comparator)
        for q in find_quantities(text)
        if q.kind == "amount"
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # sd 第四十条: a fine from … to …, the unit written twice
            "可以处二万元以上十万元以下的罚款。",
            [("二万元以上十万元以下", "20000", "100000", "元", "=")],
        ),
        (  # zj 技术市场条例
            "并可处以违法所得一倍以上五倍以下的罚款",
            [("一倍以上五倍以下", "1", "5", "倍", "=")],
        ),
        (  # style (issue 15): a range with 至
            "根据考核结果给予3万元至20万元资助。",
            [("3万元至20万元", "3", "20", "万元", "=")],
        ),
        (  # style
            "按绩效给予10万元到50万元奖励，处三千元以上三万元以下的罚款。",
            [
                ("10万元到50万元", "10", "50", "万元", "="),
                ("三千元以上三万元以下", "3000", "30000", "元", "="),
            ],
        ),
        (  # a duration range stays two durations; two units stay two amounts
            "给予6个月至3年不等的免租优惠，新增100家至2亿元",
            [("100家", "100", None, "家", "="), ("2亿元", "2", None, "亿元", "=")],
        ),
    ],
)
def test_a_range_written_with_its_unit_twice_is_one_range(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # sh-xuhui AI 意见 (十二): 最高 holds for every tier
            "可分别给予最高300万元、50万元、30万元、10万元支持。",
            [
                ("最高300万元", "300", None, "万元", "<="),
                ("50万元", "50", None, "万元", "<="),
                ("30万元", "30", None, "万元", "<="),
                ("10万元", "10", None, "万元", "<="),
            ],
        ),
        (  # style
            "按照国家级、省级分别给予不超过200万元、80万元的奖励；认定不少于12家、30家。",
            [
                ("不超过200万元", "200", None, "万元", "<="),
                ("80万元", "80", None, "万元", "<="),
                ("不少于12家", "12", None, "家", ">="),
                ("30家", "30", None, "家", ">="),
            ],
        ),
        (  # a list without a comparator stays as it is; a unit change ends it
            "分别达到12家、30家，最高50万元、20个",
            [
                ("12家", "12", None, "家", "="),
                ("30家", "30", None, "家", "="),
                ("最高50万元", "50", None, "万元", "<="),
                ("20个", "20", None, "个", "="),
            ],
        ),
    ],
)
def test_a_comparator_before_a_list_holds_for_each_item(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # zj-zhoushan 第二十八条
            "获得奖励的份额不低于奖励总额的百分之七十。",
            [("百分之七十", "70", None, "%", ">=")],
        ),
        (  # sh-xuhui AI 意见 (六)
            "可按不超过研发投入30%，给予单个经营主体年度最高5000万元支持。",
            [
                ("30%", "30", None, "%", "<="),
                ("最高5000万元", "5000", None, "万元", "<="),
            ],
        ),
        (  # sh-xuhui 西岸 (二)
            "最高可按实际发生费用的30%，给予不超过1000万元的补贴支持。",
            [
                ("30%", "30", None, "%", "<="),
                ("不超过1000万元", "1000", None, "万元", "<="),
            ],
        ),
        (  # style
            "团队获得的份额不少于转化收益的百分之六十，最多按合同金额的15%给予补助。",
            [
                ("百分之六十", "60", None, "%", ">="),
                ("15%", "15", None, "%", "<="),
            ],
        ),
        (  # not across another number, nor from 近/约
            "近年来研发投入增长30%，不低于500万元的企业按研发投入的10%",
            [
                ("30%", "30", None, "%", "="),
                ("不低于500万元", "500", None, "万元", ">="),
                ("10%", "10", None, "%", "="),
            ],
        ),
    ],
)
def test_a_comparator_before_the_base_of_a_share_holds_for_the_share(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # sd 第三十五条 (三): 十 alone is ten
            "每年从实施该项科技成果的营业利润中提取不低于百分之十的比例。",
            [("不低于百分之十", "10", None, "%", ">=")],
        ),
        (  # style
            "提取百分之十五至百分之百，处十万元以下的罚款",
            [
                ("百分之十五至百分之百", "15", "100", "%", "="),
                ("十万元以下", "100000", None, "元", "<="),
            ],
        ),
        (  # sh-xuhui 西岸 (一): matching funds 1:1
            "对通过市级以上专项资金支持的项目，最高可按照1:1的比例予以配套支持。",
            [("1:1", "100", None, "%", "<=")],
        ),
        (  # style: the second term as a share of the first
            "区级财政按1∶0.5比例配套，会议于9:30开始",
            [("1∶0.5", "50", None, "%", "=")],
        ),
    ],
)
def test_chinese_shares_and_ratios(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # cn-gov 复函 (节水): the power stays in the unit, as written
            "处理回用水量1700多万吨，全国城市平均年节水量约35亿立方米。",
            [
                ("1700多万吨", "1700", None, "万吨", ">"),
                ("约35亿立方米", "35", None, "亿立方米", "~"),
            ],
        ),
        (  # style (issue 15): the families of plans' target tables
            "设计时速达到350公里/小时，新建线路120公里，新增装机500万千瓦、"
            "300兆瓦，粮食产量4000万吨，高标准农田100万亩，年发电量80亿千瓦时",
            [
                ("350公里/小时", "350", None, "公里/小时", "="),
                ("120公里", "120", None, "公里", "="),
                ("500万千瓦", "500", None, "万千瓦", "="),
                ("300兆瓦", "300", None, "兆瓦", "="),
                ("4000万吨", "4000", None, "万吨", "="),
                ("100万亩", "100", None, "万亩", "="),
                ("80亿千瓦时", "80", None, "亿千瓦时", "="),
            ],
        ),
    ],
)
def test_physical_units(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "企业近2个会计年度的研究开发费用总额",  # gd-dongguan 申报条件 (五)
        "上一年度1月份、12月份共4个月份的个人所得税",  # gd-dongguan 申报材料 3
        "自受理之日起15个工作日内办结",  # style
    ],
)
def test_periods_of_account_are_durations(sentence):
    assert amounts(sentence) == []
