"""The failure classes of the corpus's nineteenth held-out part (held-out-19),
found after its first scoring, each with the real text and, marked "style",
text written in the same style with other words and numbers."""

import pytest

from documents.parsing.joined import paragraph_starts
from documents.parsing.pipeline import parse_text
from targets.extraction import extract_quantity_facts


def top(raw):
    """(kind, label, heading) of the top-level provisions."""
    return [(p.kind, p.label, p.heading) for p in parse_text(raw).provisions]


def parts(raw):
    return [(label, heading) for kind, label, heading in top(raw) if kind == "part"]


# -- a part's heading on the line of its first item ------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        (  # 山东 数字经济 若干措施: 一、 and 二、 run into items 1. and 5.
            "为推动数字经济发展，制定如下措施。\n"
            "一、强化工作统筹协调，保障数字经济持续发展1.加强工作统筹谋划。充分发挥统筹协调作用。\n"
            "2.强化政策支持保障。研究出台行动计划。\n"
            "二、加大“三招三引”力度，促进数字经济快速发展3.狠抓招商引资。大力推进精准招商。\n",
            [
                ("一、", "强化工作统筹协调，保障数字经济持续发展"),
                ("二、", "加大“三招三引”力度，促进数字经济快速发展"),
            ],
        ),
        (  # style
            "为加快科技成果转化，提出以下措施。\n"
            "一、壮大创新主体1.培育科技型企业。每年新增一批。\n"
            "二、建设创新平台2.建设重点实验室。择优支持。\n",
            [("一、", "壮大创新主体"), ("二、", "建设创新平台")],
        ),
    ],
)
def test_a_part_heading_on_the_line_of_its_first_item(raw, expected):
    assert parts(raw) == expected


def test_a_part_heading_with_a_decimal_after_it_is_not_cut():
    # "1.5" is no item label
    assert paragraph_starts("一、总体目标1.5倍增长是底线。") == []


# -- a part's heading run onto the end of the line before it -----------------------


@pytest.mark.parametrize(
    "raw, label, heading",
    [
        (  # 山东 数字经济 若干措施: 五、 printed at the end of measure 14
            "为推动发展，制定如下措施。\n一、强化统筹\n1.加强谋划。推进工作。\n"
            "二、加大力度\n2.狠抓招商。推进工作。\n三、释放价值\n3.推进数据资源化。推进工作。\n"
            "四、深化数字政府建设\n4.持续提升机关运行数字化水平。2025年底前，将“山东通”打造成"
            "全国引领性的数字机关品牌五、加速数字社会建设，推动数字经济全面发展\n"
            "5.打造智慧城市产业生态体系。推进工作。\n六、夯实数字基础底座\n6.加快建设网络。推进工作。\n",
            "五、",
            "加速数字社会建设，推动数字经济全面发展",
        ),
        (  # style
            "为加强管理，制定本办法。\n一、总则\n本办法适用于全市。\n二、申报条件\n"
            "申报单位应当在本市注册，具有独立法人资格三、支持方式\n采取后补助方式。\n四、附则\n由市科技局解释。\n",
            "三、",
            "支持方式",
        ),
    ],
)
def test_a_part_heading_at_the_end_of_the_line_before(raw, label, heading):
    assert (label, heading) in parts(raw)


@pytest.mark.parametrize(
    "line",
    [
        "实现标准统一、规范管理",  # 一、 of 统一 opens no part
        "十二、实施人才引进引荐奖励",  # 二、 of 十二、 opens no part
        "按第三、规范运作",  # an ordinal's 三
    ],
)
def test_no_part_is_cut_from_a_word_or_a_numeral(line):
    assert paragraph_starts(line) == []


# -- a copy that stops at its attachment's label and title -------------------------


@pytest.mark.parametrize(
    "raw, title",
    [
        (  # 山东（济南）人工智能岛 补贴资金实施细则: no signature, the form not copied
            "为加快人工智能岛建设，制定本细则。\n一、补贴对象\n建设运营主体。\n六、申报时间\n"
            "每年申报一次，具体时间以当年申报通知为准。\n附件1\n山东（济南）人工智能岛核心展示区建设运营补贴资金申请表",
            "山东（济南）人工智能岛核心展示区建设运营补贴资金申请表",
        ),
        (  # style
            "为支持孵化器发展，制定本办法。\n一、支持对象\n在孵企业。\n二、申报方式\n网上申报。\n"
            "附件\n孵化器绩效评价申报书",
            "孵化器绩效评价申报书",
        ),
    ],
)
def test_an_attachment_label_and_title_that_end_the_text(raw, title):
    kind, label, heading = top(raw)[-1]
    assert (kind, heading) == ("attachment", title)


def test_an_attachment_mentioned_in_the_body_stays_text():
    raw = "为支持发展，制定本办法。\n一、申报材料\n附件1\n申请表。按附件1格式填写，加盖公章后报送。\n二、申报时间\n每年一次。\n"
    assert not [k for k, _, _ in top(raw) if k == "attachment"]


# -- the extent of what the text sets up -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # 上海市漕河泾新兴技术开发区暂行条例 第二条
        "经国务院批准，设立上海市漕河泾新兴技术开发区（以下简称开发区），规划面积为五平方公里。",
        # style
        "设立某市科技创新示范园，规划面积为12平方公里，分两期建设。",
    ],
)
def test_the_extent_of_a_zone_the_text_sets_up_is_no_goal(sentence):
    targets, _figures = extract_quantity_facts(sentence, doc_year=1990)
    assert not [t for t in targets if "平方公里" in t.unit]


def test_an_area_to_be_reached_stays_a_goal():
    targets, _figures = extract_quantity_facts("到2025年，园区建成面积达到12平方公里。", doc_year=2021)
    assert [t for t in targets if "平方公里" in t.unit]
