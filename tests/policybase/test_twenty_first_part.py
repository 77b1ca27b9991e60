"""The failure classes of the corpus's twenty-first held-out part
(held-out-21), found after its first scoring, each with the real text and,
marked "style", text written in the same style with other words and
numbers."""

import pytest

from documents.parsing.metadata import detect_meta
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_text

from .facts import facts


def meta(raw):
    return detect_meta(normalise(raw))


# -- metadata ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, issuer, when",
    [
        # 北京市新技术产业开发试验区暂行条例: a body named alone in the history
        ("北京市新技术产业开发试验区暂行条例\n\n1988年5月10日 国务院批准\n\n第一条 为促进发展，制定本条例。\n",
         "国务院", "1988-05-10"),
        # 国务院关于科学技术拨款管理的暂行规定
        ("国务院关于科学技术拨款管理的暂行规定\n\n1986年1月23日 国务院发布\n\n第一条 为加强管理，特制定本规定。\n",
         "国务院", "1986-01-23"),
        # style
        ("某省科技成果登记办法\n\n2001年3月5日 某省人民政府发布\n\n第一条 为规范登记，制定本办法。\n",
         "某省人民政府", "2001-03-05"),
    ],
)
def test_a_body_named_alone_in_the_history_issues_the_text(raw, issuer, when):
    found = meta(raw)
    assert found.issuer == issuer and found.issued_on.isoformat() == when


@pytest.mark.parametrize(
    "raw, title",
    [
        # 智慧健康养老产业发展行动计划 / （2021-2025 年）
        ("智慧健康养老产业发展行动计划\n（2021-2025 年）\n智慧健康养老产业是以智能产品和信息系统平台为载体的新兴产业。\n",
         "智慧健康养老产业发展行动计划（2021-2025年）"),
        # style
        ("某省数字经济发展规划\n(2023—2027年)\n为加快数字经济发展，制定本规划。\n",
         "某省数字经济发展规划（2023—2027年）"),
    ],
)
def test_a_plans_period_under_its_title_is_part_of_it(raw, title):
    assert meta(raw).title.replace(" ", "") == title


# -- outline -------------------------------------------------------------------------


def test_a_part_heading_after_a_sentence_end_and_a_space():
    raw = (
        "为推动产业发展，制定本行动计划。\n一、总体要求\n坚持需求牵引。\n二、重点任务\n"
        "5.家庭服务机器人。重点发展具有情感陪护功能的智能服务型机器人。 三、推进平台提质升级，提升数据应用能力\n"
        "（一）做强软件系统平台。加快建设统一平台。\n"
    )
    parts = [(p.label, p.heading) for p in parse_text(raw).provisions if p.kind == "part"]
    assert ("三、", "推进平台提质升级，提升数据应用能力") in parts


@pytest.mark.parametrize(
    "raw, title",
    [
        (  # 电力装备制造业数字化转型实施方案: names its one attachment, then prints it
            "为推动电力装备制造业数字化转型，制定本方案。\n一、总体要求\n加快转型。\n二、组织实施\n"
            "（一）完善工作推进机制。加强统筹。\n附件:典型场景\n附件\n典型场景\n1.典型场景:大型发电机组数字化设计\n",
            "典型场景",
        ),
        (  # style
            "为加快发展，制定本方案。\n一、重点任务\n建设平台。\n附件：重点项目清单\n附件\n重点项目清单\n"
            "1.项目名称:智能工厂\n",
            "重点项目清单",
        ),
    ],
)
def test_an_attachment_named_then_printed(raw, title):
    last = parse_text(raw).provisions[-1]
    assert last.kind == "attachment" and last.heading.startswith(title)


def test_a_section_title_without_its_label_inside_a_chapter_with_sections():
    raw = (
        "深圳经济特区数据条例\n第一章 总则\n第一条 为了规范数据处理活动，制定本条例。\n"
        "第二章 数据要素市场\n第一节 一般规定\n第二条 市人民政府应当推进数据要素市场化配置改革。\n"
        "市场培育\n第三条 市人民政府应当引导培育数据要素市场主体。\n"
        "第三章 数据安全\n第一节 一般规定\n第四条 数据处理者应当落实数据安全主体责任。\n"
    )
    chapters = [(p.label, p.heading) for p in parse_text(raw).provisions if p.kind == "chapter"]
    assert chapters == [("第一章", "总则"), ("第二章", "数据要素市场"), ("第三章", "数据安全")]
    market = next(p for p in parse_text(raw).provisions if p.heading == "数据要素市场")
    assert [c.heading for c in market.children if c.kind == "section"] == ["一般规定", "市场培育"]


# -- targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, doc_type, value",
    [
        # 北京市促进中小企业发展条例: a floor required after 其中
        ("向中小企业预留的采购份额应当占本部门年度政府采购项目预算总额的百分之四十以上，"
         "其中预留给小型微型企业的比例不低于百分之七十。", "条例", 70),
        # 国务院关于科学技术拨款管理的暂行规定
        ("单位留用部分，分别用作发展基金、福利基金和奖励基金，其中发展基金不得少于百分之五十。", "规定", 50),
        # 建材工业智能制造数字转型行动计划: 累计 before a verb that makes the number
        ("通过三年的努力，累计制修订30项以上建材行业智能制造标准。", "", 30),
        # style
        ("其中小型微型企业的比例不得低于百分之六十。", "条例", 60),
    ],
)
def test_a_required_floor_or_a_made_count_is_a_goal(sentence, doc_type, value):
    # the plan prints no year: its copy is undated
    year = None if not doc_type else 2020
    assert value in [
        int(v) for k, v, _u in facts(sentence, year=year, doc_type=doc_type) if k == "target"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # 国务院关于科学技术拨款管理的暂行规定: shares of a sum handed on
        "回收的资金，一半上交中央财政，一半留在主持项目的部门。",
        "科研单位减下来的科研事业费，三分之二留给国务院主管部门，三分之一由国家科委用作面向全国的科技基金。",
        # a bound that opens a condition
        "其纯收入不超过本单位当年包干事业费百分之十的，全部留给本单位。",
        # 北京市新技术产业开发试验区暂行条例: the area the text marks out
        "以中关村地区为中心，在北京市海淀区划出一百平方公里左右的区域，建立新技术产业开发试验区。",
        # style
        "节余资金的三分之一上缴市财政。",
    ],
)
def test_allocations_conditions_and_extents_are_no_goals(sentence):
    assert facts(sentence, year=1988, doc_type="规定") == []
