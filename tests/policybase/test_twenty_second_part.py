"""The failure classes of the corpus's twenty-second held-out part
(held-out-22), found after its first scoring, each with the real text and,
marked "style", text written in the same style with other words and
numbers."""

import pytest

from documents.parsing import lines
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_text
from measures.extraction.subsidies import extract_subsidies

from .facts import facts


@pytest.mark.parametrize(
    "raw, joined",
    [
        # 深圳 质量品牌 若干措施, a PDF's lines: a number cut from its unit
        ("对品牌培育项目择优给予承办单位20万\n元资助。\n", "对品牌培育项目择优给予承办单位20万元资助。"),
        # ...an amount cut from the support it is
        ("整体提升产业竞争力上见效明显的单位，予以300万元\n资助。\n", "整体提升产业竞争力上见效明显的单位，予以300万元资助。"),
        # style
        ("对认定的企业给予一次性奖励50\n万元。\n", "对认定的企业给予一次性奖励50万元。"),
    ],
)
def test_a_line_break_inside_a_quantity_goes_on(raw, joined):
    assert joined in normalise(raw).text


@pytest.mark.parametrize(
    "line, following",
    [("2025年", "元旦前完成"), ("第一章 总则", "元素"), ("实施5G+工业互联网工程", "资助")],
)
def test_other_line_ends_stay_breaks(line, following):
    assert not lines.splits_quantity(line, following)


def test_the_joined_amount_is_a_rule():
    text = normalise("对品牌培育项目择优给予承办单位20万\n元资助。\n").text
    assert [s.amount_max for s in extract_subsidies(text)] == [200000]


@pytest.mark.parametrize(
    "sentence",
    [
        # 国家人工智能产业综合标准化体系建设指南: a figure's number
        "人工智能标准体系结构包括基础共性、基础支撑、关键技术、智能产品与服务、赋能新型工业化、行业应用、安全/治理等7个部分，如图1所示。",
        "图2人工智能标准体系框架图",
        # 车联网产业发展行动计划: a designation in Latin letters
        "发布车联网（智能网联汽车）直连通信使用5905-5925MHz频段管理规定。",
        # 浙江 专利公开实施 通知: the count of the bodies that issue it
        "浙江省知识产权局等7部门印发《关于推进专利公开实施的指导意见》的通知",
        # style
        "具体分工见表3。",
    ],
)
def test_labels_designations_and_issuers_are_no_goals(sentence):
    assert facts(sentence, year=2024) == []


def test_a_share_before_latin_letters_stays_a_goal():
    # "100%BIM交付": the unit is %, the letters are what is delivered
    assert ("target", 100, "%") in [
        (k, int(v), u) for k, v, u in facts("到2023年，新建住宅建筑实现100%BIM交付。", year=2021)
    ]


@pytest.mark.parametrize(
    "raw, issued",
    [
        (  # 浙江 专利公开实施 通知: its title and forwarding sentence broken inside
            # 《…》 by the PDF, a publication note under the date
            "浙江省知识产权局等7部门印发《关于推进专利公开实施的\n指导意见》《浙江省专利公开实施办法（试行）》的通知（2023\n"
            "年6月27日）\n浙知〔2023〕12号\n各市、县（市、区）市场监管局：\n"
            "为深入贯彻落实《浙江省知识产权保护和促进条例》，现将《关于推进专利公开实施的指\n"
            "导意见》《浙江省专利公开实施办法（试行）》予以印发，请认真贯彻执行。\n"
            "省知识产权局\n省科技厅\n2023年6月27日\n（此件公开发布）\n"
            "关于推进专利公开实施的指导意见\n为推进专利公开实施工作，现提出如下指导意见：\n一、总体要求\n加快转化。\n"
            "浙江省专利公开实施办法（试行）\n一、实施范围\n本办法适用于全省。\n",
            ["关于推进专利公开实施的指导意见", "浙江省专利公开实施办法（试行）"],
        ),
        (  # style
            "某市科技局关于印发《科技项目管理办法》《科技经费管理办法》的通知\n各区科技局：\n"
            "现将《科技项目管理办法》《科技经费管理办法》予以印发，请遵照执行。\n某市科技局\n2024年3月1日\n（此件主动公开）\n"
            "科技项目管理办法\n第一条 为规范管理，制定本办法。\n科技经费管理办法\n第一条 为加强经费管理，制定本办法。\n",
            ["科技项目管理办法", "科技经费管理办法"],
        ),
    ],
)
def test_a_notice_issues_the_documents_it_names_after_its_signature(raw, issued):
    roots = parse_text(raw).provisions
    assert [p.heading for p in roots if p.kind == "attachment"] == issued
