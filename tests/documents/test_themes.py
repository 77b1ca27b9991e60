"""Theme taxonomy (data checks) and classify() on real provisions of the five texts."""

import re
from pathlib import Path

import pytest

from documents.parsing.normalise import normalise
from documents.themes import (
    THEMES,
    THEMES_BY_SLUG,
    children,
    classify,
    scores,
    with_ancestors,
)
from tests.text import norm

SOURCES = sorted((Path(__file__).parents[2] / "fixtures" / "sources").glob("*.txt"))


# --- the taxonomy is a well-formed two-level tree ---------------------------------


def test_slugs_unique_and_well_formed():
    slugs = [theme.slug for theme in THEMES]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", slug) for slug in slugs)


def test_two_levels_with_8_to_12_roots_of_2_to_6_children():
    roots = [theme for theme in THEMES if not theme.parent]
    assert 8 <= len(roots) <= 12
    for root in roots:
        kids = children(root.slug)
        assert 2 <= len(kids) <= 6, root.slug
        assert all(not children(kid.slug) for kid in kids)
    assert all(t.parent in THEMES_BY_SLUG for t in THEMES if t.parent)


def test_every_theme_has_names_and_keywords():
    for theme in THEMES:
        assert theme.name and theme.name_en and theme.keywords, theme.slug


# --- classify on real provisions -----------------------------------------------

CASES = [
    # 000 （五）
    (
        "积极支持企业购买科技成果，对承接省内高校、科研院所重大科技成果并在省内成功转化"
        "或购买省外高校、科研院所科技成果并在省内成功转化的企业，通过省级科技创新专项资金"
        "给予其技术交易额10%、最高不超过50万元的支持。",
        "发挥企业科技成果应用的主体作用",
        {"enterprise", "finance-public"},
    ),
    # 000 （十三）
    (
        "着力打造技术经纪人团队，积极介入全省的技术创新活动，根据技术创新活动各个阶段的"
        "不同特点，搭建各具特色、功能各异的科技成果交流平台。",
        "发挥科技中介服务团队的作用",
        {"transfer-market", "transfer-services"},
    ),
    # 000 （十五）
    (
        "允许高校、科研院所将职务科技成果转让净收入（或成果形成股权）的70%一次性奖给成果"
        "完成人或团队。",
        "",
        {"transfer-rights"},
    ),
    # 001 措施19
    (
        "对获得当年国内发明授权的专利，每件一次性给予不高于5000元的补助",
        "加强重点领域知识产权服务",
        {"ip-patents", "ip-services"},
    ),
    # 001 （五）
    (
        "在电子信息、生物技术、高端装备制造等重点领域建设100个科技企业孵化器（“双创”平台）",
        "加快建设一批“双创”平台",
        {"entrepreneurship-incubators"},
    ),
    # 002 一、3.
    (
        "银行对省科技厅立项支持的科技企业，给予额度最高1000万元的信用贷款",
        "",
        {"finance-credit"},
    ),
    # 002 二、3.
    (
        "联合省发改委、省教育厅等8部门出台《吉林省赋予科研人员职务科技成果所有权或长期使用权"
        "试点实施方案》，首批认定10家试点单位",
        "实施职务科技成果赋权改革试点",
        {"transfer-rights"},
    ),
    # 003 三、（三） 1、
    (
        "推进长春、吉林创新型城市建设。以长吉图开发开放先导区建设为契机，以长春、吉林为核心",
        "",
        {"regional-cities", "regional-layout"},
    ),
    # 003 五、（六）
    (
        "鼓励商业银行积极开展股权质押和专利权质押贷款。鼓励符合条件的科技创新型企业在境内外"
        "证券市场上市融资。",
        "强化科技与金融结合",
        {"finance-credit", "finance-capital-market"},
    ),
    # 004 第四章第二节
    (
        norm(
            "围绕汽车电动化、智能化、网联化、共享化发展方向，重点突破智能网联技术、新能源汽车"
            "关键技术、汽车高端零部件加工关键技术"
        ),
        "汽车产业技术",
        {"key-tech-auto"},
    ),
    # 004 第四章第四节
    (
        "着力建设黑土地领域国家重点实验室，重点开展黑土地保护技术、秸秆还田关键技术、酸化土壤"
        "修复等技术研发和创新",
        "黑土地保护技术",
        {"key-tech-agri", "platforms-labs"},
    ),
    # 004 第四章第五节
    (
        "加强氢能生产、储存、应用关键技术研发、示范和规模化应用",
        "推进环境保护清洁能源创新研发",
        {"key-tech-lowcarbon"},
    ),
    # 004 第六章第一节
    (
        "探索建立技术创新容错机制，开展国有资本创新投入失败免责试点",
        "强化企业技术创新投入主体地位",
        {"governance-evaluation"},
    ),
    # 004 第七章第三节
    (
        "鼓励参与国际大科学计划和大科学工程，鼓励围绕国家和省重点产业发展方向加强国际技术"
        "联合研发",
        "",
        {"international-exchange"},
    ),
    # 004 第七章第二节
    (
        "加强科学普及工作，弘扬科学家精神、工匠精神，全面营造尊重劳动、尊重知识、尊重人才、"
        "尊重创造的创新环境。",
        "",
        {"governance-culture"},
    ),
    # Not written in the five texts: a district scheme of the same genre.
    (
        "对新认定的国家级高新技术企业，一次性给予20万元奖励",
        "",
        {"enterprise-hightech"},
    ),
    (
        "给予贷款贴息，贴息比例不超过贷款利息的50%",
        "",
        {"finance-credit"},
    ),
]


@pytest.mark.parametrize(("text", "heading", "expected"), CASES)
def test_classify_real_provisions(text, heading, expected):
    assert expected <= set(classify(text, heading))


def test_child_replaces_parent():
    # 技术经纪人 is a tech-market topic; 科技成果转化 alone names only the parent.
    assert classify("推动建设专业化技术经纪人队伍") == ["transfer-market"]
    assert classify("加快科技成果转化") == ["transfer"]
    assert "transfer" not in classify("加快科技成果转化，培育专业化技术经纪人")
    assert with_ancestors(["transfer-market"]) == ["transfer", "transfer-market"]


def test_heading_counts_double():
    assert scores("", "知识产权")["ip"] == 2


def test_background_and_boilerplate_get_no_theme():
    assert classify("丛艳辉委员：") == []
    assert classify("2022年7月6日") == []


def test_long_text_needs_two_hits():
    # 000 （一）: "绿色发展" is mentioned once in passing in a long guiding paragraph.
    text = norm(
        "全面贯彻落实科学发展观，深入推进科技创新，强化创新发展对统筹发展、绿色发展、开放发展、"
        "安全发展的支撑作用。进一步强化企业技术创新主体地位，充分发挥市场在配置科技资源中的决定性"
        "作用，同时更好地发挥政府作用，大力推进科研难题向科技攻关成果转化、科技攻关成果向中试成果"
        "转化、中试成果向产业化转化，建立“舟桥”机制，推动我省科技优势在市场作用下转化为产业竞争"
        "优势。" * 2
    )
    assert len(text) > 300
    assert "key-tech-lowcarbon" in classify(text[:150])
    result = classify(text)
    assert "enterprise" in result and "transfer-pilot" in result


# --- coverage over every paragraph of the five documents -----------------------


def substantive(line: str) -> bool:
    """A paragraph with content: 20+ Han characters, a sentence, not an address."""
    han = len(re.findall(r"[\u4e00-\u9fff]", line))
    return han >= 20 and ("，" in line or "。" in line) and not line.endswith("：")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name[:3])
def test_every_substantive_paragraph_gets_a_theme(path):
    text = normalise(path.read_text(encoding="utf-8")).text
    paragraphs = [line for line in text.split("\n") if substantive(line)]
    assert paragraphs
    uncovered = [line[:40] for line in paragraphs if not classify(line)]
    assert uncovered == []


def test_every_theme_is_used_somewhere():
    used = set()
    for path in SOURCES:
        for line in normalise(path.read_text(encoding="utf-8")).text.split("\n"):
            used.update(with_ancestors(classify(line)))
    assert used == set(THEMES_BY_SLUG)
