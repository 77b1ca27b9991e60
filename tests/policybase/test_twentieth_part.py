"""The failure classes of the corpus's twentieth held-out part (held-out-20),
found after its first scoring, each with the real text and, marked "style",
text written in the same style with other words and numbers."""

from types import SimpleNamespace

import pytest

from documents.ingest import examples
from documents.parsing.pipeline import parse_text

from .facts import facts

# -- a count of times after a floor or a level to reach ----------------------------


@pytest.mark.parametrize(
    "sentence, count",
    [
        # 山东 场景创新 行动计划
        ("到2027年，每年举办场景对接活动不少于3场、提供场景服务不少于100次，促进不少于10项新技术新产品首用首试。", 100),
        ("每年举办场景对接活动不少于2场、提供场景服务不少于30次，吸引海试单位到湾区开展重大试验不少于40次。", 40),
        # style
        ("到2026年，开展科技特派员服务达到500次。", 500),
    ],
)
def test_a_count_of_times_after_a_floor_is_a_goal(sentence, count):
    assert ("target", count, "次") in [(k, int(v), u) for k, v, u in facts(sentence, year=2025)]


@pytest.mark.parametrize(
    "sentence",
    ["每个项目每年检查不得超过3次。", "评审会每年召开2次。"],
)
def test_a_limit_or_a_plain_count_of_times_is_none(sentence):
    assert not [f for f in facts(sentence, year=2025) if f[2] == "次"]


# -- outline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        (  # 山东 场景创新 行动计划: 一、 lost in the copy, its bullets at the top
            "为做大做强“十强产业”，制定本行动计划。\n总体要求-、\n坚持以习近平新时代中国特色社会主义思想为指导。\n"
            "--加强政府统筹。鼓励支持重大产业场景开放。\n--坚持创新引领。突出创新。\n"
            "二、实施场景机会培创行动\n深入实施“十强产业”行动计划。\n三、组织保障\n加强领导。\n"
        ),
        (  # style
            "为推进数字化转型，制定本方案。\n●坚持需求导向。\n●坚持协同推进。\n"
            "二、重点任务\n建设平台。\n三、保障措施\n加强督导。\n"
        ),
    ],
)
def test_a_numbered_heading_is_no_point_of_the_bullet_before_it(raw):
    roots = parse_text(raw).provisions
    assert [p.label for p in roots if p.kind == "part"] == ["二、", "三、"]


def test_a_part_heading_at_the_end_of_a_line_after_a_bracket():
    raw = (
        "为推进，制定本计划。\n一、总体要求\n加强统筹。\n二、重点任务\n（一）建设平台。推进工作。\n"
        "三、实施行动\n（六）建设示范区。由省发展改革委负责)四、实施场景创新引领区建设行动\n"
        "（七）建设济南引领区。推进工作。\n"
    )
    parts = [(p.label, p.heading) for p in parse_text(raw).provisions if p.kind == "part"]
    assert ("四、", "实施场景创新引领区建设行动") in parts


@pytest.mark.parametrize(
    "labels",
    [
        # 工业和信息化部等四部门 智能制造试点示范 通知
        ["附件1", "附件2", "附件3", "附件4-1", "附件4-2", "附件5"],
        # style
        ["附件1", "附件2-1", "附件2-2", "附件2-3", "附件3"],
    ],
)
def test_attachments_numbered_in_parts(labels):
    body = "".join(f"{label}\n某某申报书\n一、基本信息\n填写单位名称。\n" for label in labels)
    raw = "关于开展试点示范工作的通知\n各有关单位：\n现将有关事项通知如下。\n某某部办公厅\n2022年9月23日\n" + body
    roots = parse_text(raw).provisions
    assert [p.label for p in roots if p.kind == "attachment"] == labels


# -- what is no figure ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # the notice: a quota of the procedure
        "各省（区、市）推荐的优秀场景和示范工厂申报主体分别不超过30个和10个。",
        # style
        "每个推荐单位推荐的项目不超过5个。",
        # copies to hand in
        "将纸质版申报书（附件4）、推荐汇总表（附件5）各1份，分别报送工业和信息化部。",
    ],
)
def test_a_ceiling_or_copies_are_no_figure(sentence):
    assert facts(sentence, year=2022) == []


def test_a_rank_among_the_first_stays_a_figure():
    assert ("figure", 15, "位") in [
        (k, int(v), u) for k, v, u in facts("目前我省综合科技创新水平居全国前15名。", year=2022)
    ]


@pytest.mark.parametrize(
    "sentence, count",
    [
        # the 2016 plan: 和 inside an item of the list the count restates
        ("分类开展离散型制造、流程型制造、智能装备和产品、网络协同制造、大规模个性化定制、远程运维服务等6个方面试点示范培育行动。", 6),
        # style
        ("围绕装备和材料、生物医药、新能源汽车等3个领域开展攻关。", 3),
    ],
)
def test_a_count_restating_its_list_with_and_inside_an_item(sentence, count):
    assert not [f for f in facts(sentence, year=2016) if int(f[1]) == count]


def test_a_forms_worked_example_holds_no_facts():
    def row(key, text, kind="paragraph", parent="a4"):
        return SimpleNamespace(key=key, parent_key=parent, parsed=SimpleNamespace(kind=kind, text=text))

    rows = [
        row("p1", "已实施成效（最好通过量化指标描述，300字以内）"),
        row("p2", "示例"),
        row("p3", "人机协同作业"),
        row("p4", "场景建设完成后，目前操作人员已从5人减少至2人，加工效率提升了30%。"),
        row("p5", "附2"),
        row("p6", "到2025年，建成示范工厂10家。"),
    ]
    assert examples(rows) == {"p3", "p4"}
