"""Search classes of the thirty-eighth to forty-first query sets (tests/
search/asked/held-out-38.json … -41.json), read after their first scoring:
a part of a policy named by the first half of its name ("保障措施" for the
chapter "强化规划实施各项保障"), a regulation's chapters asked for by count
("一共几章，每章讲什么"), a bare heading found alone ("附则") followed by
what it holds, whether a policy still counts ("还作数吗", "管到哪年"), what a policy was
drawn up on ("编制依据": the sentence of its purpose), and colloquial
forms; and, from the forty-second to forty-fifth sets, a plan's boxes asked
for (几个专栏), a document named by its 文号's number ("松北12号文"), a
ranking typed in Chinese numerals (五百强), and more colloquial forms; each with the set's query and queries written in the
same style."""

import pytest
from django.db import connection

from documents.models import Provision
from documents.search.about import SHORT_RESULT, heading_contents_after
from documents.search.engine import search
from documents.search.query import parse
from tests.search.relevance import top_keys as keys

pytestmark = pytest.mark.usefixtures("corpus")

PLAN = "st-development-plan-14th-fyp"
REGULATION = "regulation_songjiang_transfer"
BEIHU = "subsidy_songjiang_beihu-fj1"


@pytest.mark.parametrize(
    "raw",
    [
        # held-out-41
        "吉林十四五科技规划的保障措施分哪几块",
        # style
        "吉林省科学技术发展十四五规划的保障措施是什么",
    ],
)
def test_a_part_named_by_the_first_half_of_its_name(raw):
    # the chapter's heading ends in 保障, not in 措施
    assert keys(raw)[:5] == [f"{PLAN}/c8", *(f"{PLAN}/c8.s{n}" for n in range(1, 5))]


def test_a_part_whose_first_half_says_nothing_is_not_looked_for_by_it():
    # 主要任务: 主要 is in many headings; only headings ending in 任务 count
    assert "c8" not in " ".join(keys("吉林省十四五科技规划的主要任务")[:1])


@pytest.mark.parametrize(
    "raw",
    [
        # held-out-41
        "松江成果转化条例一共几章几条，每章讲什么",
        # style
        "松江成果转化促进条例有几章",
        "松江科技成果转化条例每一章说的是什么",
    ],
)
def test_chapters_asked_for_by_count(raw, genre):
    genre(REGULATION)
    assert keys(raw)[:5] == [f"{REGULATION}/c{n}" for n in range(1, 6)]


def test_which_chapter_is_no_question_for_the_chapters():
    # "第几章" asks where a rule stands, not what the policy is made of
    assert "parts" not in [form.name for form in parse("贷款贴息在松江条例第几章").questions]


@pytest.mark.parametrize(
    "raw, first, held",
    [
        # held-out-41: two 附则 and what they hold
        ("附则", [f"{REGULATION}/c5", f"{BEIHU}/p4"],
         [f"{REGULATION}/c5.a14", f"{BEIHU}/p4.n1", f"{BEIHU}/p4.n2"]),
        # style: another chapter of the regulation
        ("法律责任", [f"{REGULATION}/c4"], [f"{REGULATION}/c4.a12", f"{REGULATION}/c4.a13"]),
    ],
)
def test_a_bare_heading_found_alone_brings_what_it_holds(raw, first, held, genre):
    genre(REGULATION, "subsidy_songjiang_beihu")
    found = keys(raw)
    assert set(first + held) <= set(found)
    for heading in first:
        assert found.index(heading) < min(found.index(k) for k in held if k.startswith(heading))


def test_what_a_heading_holds_is_not_added_to_a_full_page(genre):
    genre(REGULATION)
    chapters = list(
        Provision.objects.filter(document__key=REGULATION, kind="chapter").values_list("pk", flat=True)
    )
    articles = list(
        Provision.objects.filter(document__key=REGULATION, kind="article").values_list("pk", flat=True)
    )
    # a page of results is a page: nothing is added under its headings
    page = chapters + articles[: SHORT_RESULT - len(chapters)]
    assert heading_contents_after(connection, page) == (page, [])
    # fewer, and the chapters bring their articles
    ids, held = heading_contents_after(connection, chapters[:1])
    assert ids[0] == chapters[0] and held and set(held) <= set(articles)


def test_exact_only_adds_nothing_under_a_heading(genre):
    genre(REGULATION, "subsidy_songjiang_beihu")
    assert keys_exact("附则") == [f"{REGULATION}/c5", f"{BEIHU}/p4"]


def keys_exact(raw):
    hits = search(raw, facets=False, exact=True).hits
    return sorted(f"{h.provision.document.key}/{h.provision.key}" for h in hits)


@pytest.mark.parametrize(
    "raw, answer, within",
    [
        # held-out-38: whether a policy still counts, typed colloquially
        ("北湖那套措施现在还作数吗", f"{BEIHU}/p4.n2", 1),
        # style
        ("松江条例管到什么时候", f"{REGULATION}/c5.a14", 1),
        ("松江成果转化条例还算数吗", f"{REGULATION}/c5.a14", 3),
    ],
)
def test_whether_a_policy_still_counts(raw, answer, within, genre):
    genre(REGULATION, "subsidy_songjiang_beihu")
    assert answer in keys(raw)[:within]


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-38
        ("企业研工站", "market-oriented-innovation-opinions/p3.n8"),
        ("公司早年在科研项目上造假被通报过，现在去评高新资质会不会被卡", f"{PLAN}/c7.s3.para4"),
        # held-out-40
        ("算力", f"{PLAN}/c4.s2.para5"),
        ("大模型", f"{PLAN}/c4.s2.para5"),
        ("出海", "market-oriented-innovation-opinions/p2.n7"),
        ("在北湖同一个项目能不能一鱼多吃，几个奖补都拿？", f"{BEIHU}/p4.n1"),
        ("北湖研发平台戴上国字号、省字号、市字号帽子各奖多少", f"{BEIHU}/p1.n2.i2"),
        # style
        ("想请个技术牛人来带团队", "achievement-transfer-plan-2016/p2.n6.para1"),
        ("北湖顶格补多少", f"{BEIHU}/p3.n2"),
        ("疫病溯源", f"{PLAN}/c4.s6.box5.bi1"),
    ],
)
def test_colloquial_forms_of_the_thirty_eighth_to_forty_first_sets(raw, answer, genre):
    genre(REGULATION, "subsidy_songjiang_beihu")
    assert answer in keys(raw)


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-41: what the plan was drawn up on is its purpose sentence
        ("省科技十四五 编制依据", f"{PLAN}/pre1"),
        # style
        ("松江十四五规划是根据什么编制的", "plan_songjiang_14th/pre1"),
        ("北湖措施的制定依据", f"{BEIHU}/para1"),
    ],
)
def test_what_a_policy_was_drawn_up_on(raw, answer, genre):
    genre("plan_songjiang_14th", "subsidy_songjiang_beihu")
    assert keys(raw)[0] == answer


@pytest.mark.parametrize(
    "raw",
    [
        # held-out-44
        "吉林省十四五科技规划里一共设了几个专栏？分别是什么主题",
        # style
        "吉林省科学技术发展十四五规划有哪些专栏",
    ],
)
def test_the_boxes_of_the_named_plan(raw):
    assert keys(raw)[:5] == [
        f"{PLAN}/c4.s2.box1", f"{PLAN}/c4.s3.box2", f"{PLAN}/c4.s4.box3",
        f"{PLAN}/c4.s5.box4", f"{PLAN}/c4.s6.box5",
    ]


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-45: the notice by its 文号's number, and when it lapses
        ("松北12号文 啥时候到期", f"{BEIHU}/p4.n2"),
        # style
        ("松科函45号文是答复哪个提案的", "reply_songjiang_cppcc86/pre1"),
        ("吉科发办109号文讲了什么", "cppcc-proposal-201-reply-2022/pre1"),
    ],
)
def test_a_document_named_by_its_number(raw, answer, genre):
    genre("subsidy_songjiang_beihu", "reply_songjiang_cppcc86")
    assert keys(raw)[0] == answer


def test_a_number_names_no_document_whose_prefix_it_does_not_share(genre):
    genre("subsidy_songjiang_beihu")
    # 12号 with characters of no 文号's prefix: nothing is put first for it
    assert "subsidy_songjiang_beihu/pre1" not in keys("京12号文 有效期")[:1]


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-42..45
        ("五百强", "innovative-jilin-action-plan-2011/p3.n2.i3"),
        ("重认", f"{BEIHU}/p2.n1"),
        ("长春工发院", "market-oriented-innovation-opinions/p3.n10.para1"),
        ("几家合伙搞研发之前，先把谁出啥、谁担风险、赚了咋分掰扯清楚", "market-oriented-innovation-opinions/p4.n14"),
        ("把成果转化要经过的各个服务环节连成一条链，开条快车道", "cppcc-proposal-201-reply-2022/p4.i3"),
        ("科研项目只列出不许碰的事，其余放手，靠信用和成效来管", f"{PLAN}/c7.s2.para5"),
        ("Jilin 14th FYP 科技创新 main challenges", f"{PLAN}/c1.s2.para4"),
        # style
        ("世界五百强研发中心", "innovative-jilin-action-plan-2011/p3.n2.i3"),
        ("企业创新要从长计议", "innovative-jilin-action-plan-2011/p3.n1.i3"),
        ("合作研发谁担风险", "market-oriented-innovation-opinions/p4.n14"),
    ],
)
def test_colloquial_forms_of_the_forty_second_to_forty_fifth_sets(raw, answer, genre):
    genre("subsidy_songjiang_beihu")
    assert answer in keys(raw)[:5]
