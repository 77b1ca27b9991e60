"""The failure classes of the corpus's thirteenth held-out part (held-out-13),
each with the real sentence and, marked "style", one written in the same
style with other numbers, places and bodies."""

from decimal import Decimal

import pytest

from documents.parsing.pipeline import parse_text
from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts

PLAN = dict(doc_year=2021, plan_period=(2021, 2025))


def targets(text, **context):
    found, _figures = extract_quantity_facts(text, **(context or PLAN))
    return [(t.value, t.unit, t.comparator) for t in found]


def D(value):
    return Decimal(value)


# -- targets -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 交通强国建设纲要: the times in which places are reached
        ("到2035年，基本形成“全国123出行交通圈”（都市区1小时通勤、城市群2小时通达、"
         "全国主要城市3小时覆盖）和“全球123快货物流圈”（国内1天送达、周边国家2天送达）。",
         [(D(1), "小时", "="), (D(2), "小时", "="), (D(3), "小时", "="),
          (D(1), "天", "="), (D(2), "天", "=")]),
        # style
        ("到2025年，实现中心城区30分钟通达、市域1小时交通圈。",
         [(D(30), "分钟", "="), (D(1), "小时", "=")]),
    ],
)
def test_a_time_in_which_a_place_is_reached_is_a_goal(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "申请人应在10个工作日内提交材料。",  # style: a duration of a procedure
        "项目实施期限为3年，每年考核1次。",
        "企业类提交近两个年度的企业所得税年度纳税申报表。",  # 深圳 研发资助 办法
        "申请单位须提供近三个年度的财务审计报告。",  # style
    ],
)
def test_other_durations_and_look_back_years_are_no_goals(sentence):
    assert targets(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 深圳 人工智能+ 先进制造业 plan: a bare 百 after 开放, 打造, 推广
        ("到2027年，开放百个应用场景，打造百个垂直行业模型及工业智能体，推广百个示范应用。",
         [(D(100), "个", "=")] * 3),
        # style
        ("到2025年，遴选千家创新型中小企业，建成百个智能工厂。",
         [(D(1000), "家", "="), (D(100), "个", "=")]),
    ],
)
def test_a_bare_hundred_after_a_verb_of_doing_is_a_goal(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 工信部 智能检测装备 plan: 种 after digits counts
        ("到2025年，突破50种以上智能检测装备、核心零部件和专用软件。", [(D(50), "种", ">=")]),
        # style
        ("到2025年，开发120种新型检测仪器，认定3批示范企业。",
         [(D(120), "种", "="), (D(3), "批", "=")]),
    ],
)
def test_kinds_counted_in_digits_are_goals(sentence, expected):
    assert targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "两种方式并行推进，一批企业加快发展。",  # 种 and 批 in words stay idioms
        # held-out-3 RCEP opinions: what an agreement covers, no verb of making
        "针对首年关税为零的2034种、5年内关税减让显著的2725种出口商品，加大市场开拓力度。",
        "2017年高企培育入库工作分2批进行。",  # style
        # 民政部 reply: the people it answers
        "刘庆峰等15位代表：",
        "张三等8位委员：",  # style
        # 交通强国建设纲要: a class of product (级)
        "实现3万吨级重载列车、时速250公里级高速轮轨货运列车等方面的重大突破。",
        "研制10万吨级智能化散货船。",  # style
        # 上海 可再生能源 办法: a project's distance from shore, an instalment
        "对场址中心离岸距离大于等于50公里近海海上风电项目，根据项目建设规模给予投资奖励，"
        "分5年拨付，每年拨付20%。",
        "对输送距离不低于30公里的管线项目给予奖励，分3年兑付，每年兑付三分之一。",  # style
    ],
)
def test_addressees_classes_distances_and_instalments_are_no_goals(sentence):
    assert targets(sentence) == []


def test_a_scale_of_money_with_ji_stays_a_goal():
    # held-out-9 科创济南: 级 after a sum is a scale, not a product's class
    assert targets("到2025年，新一代信息技术和高端装备产业规模均达到7000亿级。") == [
        (D(7000), "亿元", "=")
    ]


# -- subsidies -----------------------------------------------------------------


def rules(text):
    return [
        (r.amount_min, r.amount_max, r.ratio_percent, r.cap)
        for r in extract_subsidies(text, offset=0)
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 深圳 研发资助 办法 第九条: a floor and a ceiling are the rule's range
        ("每家单位年度内资助资金最低不少于20万元，最高不超过300万元。",
         [(D(200000), D(3000000), None, D(3000000))]),
        # style
        ("每个项目给予资助，资助金额最低不少于5万元，最高不超过50万元。",
         [(D(50000), D(500000), None, D(500000))]),
    ],
)
def test_a_floor_and_a_ceiling_are_one_range(sentence, expected):
    assert rules(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # 上海 可再生能源 办法: the range within which the standards may change
        "根据市场成本和国家政策变化，市发展改革委、市财政局可对年度新申请项目奖励标准进行适当调整，"
        "调整幅度不超过15%",
        "区科技局可视财力对补贴标准上下浮动10%。",  # style
    ],
)
def test_the_range_of_a_revision_of_the_standards_is_no_rule(sentence):
    assert rules(sentence) == []


# -- metadata ------------------------------------------------------------------


def meta(text):
    return parse_text(text).meta


def test_a_reply_titled_with_a_quoted_suggestion_and_signed_without_a_date():
    # 民政部 reply: a comma inside the quoted suggestion, a signature without a date
    text = (
        "民政部对“关于应对老龄社会，深化运用人工智能技术强化老年人群体关爱的建议”的答复\n"
        "民函〔2021〕742号\n"
        "刘庆峰等15位代表：\n"
        "你们提出的建议收悉。现答复如下：\n"
        "一、主要进展\n"
        "推进解决老年人运用智能技术困难工作。\n"
        "感谢你们对民政工作的关心和支持！\n"
        "民政部\n"
    )
    found = meta(text)
    assert found.title == "民政部对“关于应对老龄社会，深化运用人工智能技术强化老年人群体关爱的建议”的答复"
    assert found.issuer == "民政部"
    assert found.doc_number == "民函〔2021〕742号"


def test_a_reply_signed_with_a_date_keeps_its_signature():
    # style: the dated signature stays the surer reading
    text = (
        "市科技局对“关于支持企业研发，加大投入的建议”的答复\n"
        "一、主要进展\n"
        "加大研发投入。\n"
        "市科学技术局\n"
        "2023年5月6日\n"
    )
    found = meta(text)
    assert found.issuer == "市科学技术局"
    assert str(found.issued_on) == "2023-05-06"


@pytest.mark.parametrize(
    "text, title, issuer",
    [
        # 交通强国建设纲要: a news release's headline
        ("中共中央 国务院印发《交通强国建设纲要》\n"
         "新华社北京9月19日电 近日，中共中央、国务院印发了《交通强国建设纲要》。\n"
         "一、总体要求\n",
         "交通强国建设纲要", "中共中央、国务院"),
        # style
        ("国务院办公厅印发《新一代人工智能发展规划》\n"
         "新华社北京7月20日电 国务院办公厅日前印发了规划。\n"
         "一、战略态势\n",
         "新一代人工智能发展规划", "国务院办公厅"),
        # 要素市场化配置 意见: joint issuers side by side open the title
        ("中共中央 国务院关于构建更加完善的要素市场化配置体制机制的意见\n"
         "（2020年3月30日）\n"
         "一、总体要求\n",
         "中共中央 国务院关于构建更加完善的要素市场化配置体制机制的意见", "中共中央、国务院"),
    ],
)
def test_joint_issuers_of_a_headline_or_a_title(text, title, issuer):
    found = meta(text)
    assert found.issuer == issuer
    assert found.title.replace(" ", "") == title.replace(" ", "")
