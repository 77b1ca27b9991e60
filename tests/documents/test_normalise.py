"""normalise(): character folding, page marks, re-joined hard wraps, offsets."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.parsing.normalise import (
    HALF_TO_FULL,
    Layout,
    fold_char,
    learn_layout,
    normalise,
    split_lines,
)

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
FILES = {path.name[:3]: path for path in sorted(SOURCES.glob("*.txt"))}


def paragraphs(raw: str) -> list[str]:
    return normalise(raw).text.split("\n")


def source(key: str) -> str:
    return FILES[key].read_text(encoding="utf-8")


# --- characters -------------------------------------------------------------------

FOLDING = [
    # full-width digits, letters and signs fold (000, 001, 004)
    (
        "到２０１７年，建立起完善的技术创新市场导向机制，",
        "到2017年，建立起完善的技术创新市场导向机制，",
    ),
    (
        "全省Ｒ＆Ｄ（创新与开发）经费投入占ＧＤＰ的比重达到２％左右",
        "全省R&D（创新与开发）经费投入占GDP的比重达到2%左右",
    ),
    (
        "通过省级应用技术研究与开发资金给予15－30万元后补助支持。",
        "通过省级应用技术研究与开发资金给予15-30万元后补助支持。",
    ),
    ("专栏１　产业技术创新重点方向", "专栏1产业技术创新重点方向"),
    ("重 （％） １３０ ＞２００", "重（%）130>200"),
    ("全彩色超高清μＬＥＤ显示器关键技术", "全彩色超高清μLED显示器关键技术"),
    (
        "推动全省有创新活动的企业达到企业总数的1／3；",
        "推动全省有创新活动的企业达到企业总数的1/3；",
    ),
    # Chinese punctuation keeps its full width, so labels still read as labels
    ("（十五）促进科技人才市场化配置。", "（十五）促进科技人才市场化配置。"),
    ("（一）计划启动期 （2011年）：分解落实", "（一）计划启动期（2011年）：分解落实"),
    # half-width punctuation touching Chinese becomes full-width (002, 003)
    (
        "技成果转化项目加快落地;支持国内知名院校",
        "技成果转化项目加快落地；支持国内知名院校",
    ),
    (
        "地转化,助力省内企业的快速发展及转型升级。",
        "地转化，助力省内企业的快速发展及转型升级。",
    ),
    ("(省科技厅)", "（省科技厅）"),
    # ○ between Chinese numerals is the numeral 〇 (003's date)
    ("二○一一年六月七日", "二〇一一年六月七日"),
    # stray spaces go, unless they separate two numbers or words
    ("两支基金规模分别达到 8.8 亿元", "两支基金规模分别达到8.8亿元"),
    (
        "对省政协十二届五次会议第 201号委员提案的答",
        "对省政协十二届五次会议第201号委员提案的答",
    ),
    ("“十三五 ”期间，围绕汽车制造", "“十三五”期间，围绕汽车制造"),
    (
        "省级科技风险投资基金以推动科技成果 转化为核心",
        "省级科技风险投资基金以推动科技成果转化为核心",
    ),
    (
        "２ 万名从业人员中的研发人员数 （人） ２９１０ ３３００",
        "2万名从业人员中的研发人员数（人）2910 3300",
    ),
    (
        "发挥中国 •东北亚博览会等经济技术合作平台作用",
        "发挥中国•东北亚博览会等经济技术合作平台作用",
    ),
    ("　　吉林省促进科技成果转移转化实施方案", "吉林省促进科技成果转移转化实施方案"),
    # circled numbers stay: they label sub-items
    ("①加强基础研究；②推动成果转化。", "①加强基础研究；②推动成果转化。"),
    # a parenthesised number next to Chinese turns full-width as a pair
    ("(1)为促进吉林省科技创新发展", "（1）为促进吉林省科技创新发展"),
    ("中科院“一院三所”等 4家科研院所", "中科院“一院三所”等4家科研院所"),
    # held-out jl-liuhe: a web copy spaces out the digits of its article labels;
    # inside 第…条 they are one number (a table row's "2910 3300" stays apart)
    ("第 1 0 条 鼓励企业标准创制和品牌建设。", "第10条鼓励企业标准创制和品牌建设。"),
    ("第 2 1 条  政策奖励按项目实现", "第21条政策奖励按项目实现"),
    # style
    ("第 1 2 章 附则", "第12章附则"),
    ("第 3 条 本办法自发布之日起施行", "第3条本办法自发布之日起施行"),
]


@pytest.mark.parametrize(("raw", "expected"), FOLDING)
def test_characters_are_folded(raw, expected):
    assert normalise(raw).text == expected


# --- page marks ---------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["—２１—", "—１３—", "- 5 -", "  —５１—  "])
def test_page_marks_are_dropped(mark):
    assert paragraphs(f"技成果供需对接洽谈活动。\n{mark}\n技术创新和研发服务。") == [
        "技成果供需对接洽谈活动。",
        "技术创新和研发服务。",
    ]


def test_a_page_mark_inside_a_paragraph_does_not_break_it():
    # 004: "…打造创新环" / "—２１—" / "境。在１１项…"
    text = normalise(source("004")).text
    assert "优化科技生态，打造创新环境。在11项创新工程基础上" in text
    assert "—21—" not in text and "—13—" not in text


# --- hard wraps -----------------------------------------------------------------------

# 000: printed lines separated by blank lines, paragraphs open with an indent,
# a sentence may run on across several blank lines (a page break).
LAYOUT_INDENTED = """\
  一、指导思想和发展目标

  （一）指导思想。全面贯彻落实科学发展观，深入推进科技创新，强化创

新发展对统筹发展、绿色发展、开放发展、安全发展的支撑作用。进一步强化

企业技术创新主体地位，充分发挥市场在配置科技资源中的决定性作用，同时
更好地发挥政府作用，大力推进科研难题向科技攻关成果转化、科技攻关成果

向中试成果转化、中试成果向产业化转化，建立“舟桥”机制，推动我省科技

优势在市场作用下转化为产业竞争优势。

  （二）发展目标。到２０１７年，建立起完善的技术创新市场导向机制，

确立企业在技术创新和科技成果产业化中的主体地位，全省Ｒ＆Ｄ（创新与开

发）经费投入占ＧＤＰ的比重达到２％左右，企业研发投入占全社会研发投入
的比重达到７０％以上；建设省级以上企业技术中心４００个、省级重点实验

室６０个、省级产业技术创新联盟３０个、省级中试中心２０个。

  到２０２０年，８０％以上的技术创新活动和９０％以上的科技成果转化
活动由企业主导，多方参与，科技管理方式和科技服务方式更加适应市场导向

机制的需要，建立起效益显著提升、周期明显缩短、渠道显著畅通、制度更加

健全、本地成果转化更为便捷的技术创新体系和科技成果产业化服务体系。建



设省级重点实验室７０个、省级产业技术创新联盟３５个、省级中试中心３０

个。
"""


def test_indented_layout_joins_unindented_lines():
    assert paragraphs(LAYOUT_INDENTED) == [
        "一、指导思想和发展目标",
        "（一）指导思想。全面贯彻落实科学发展观，深入推进科技创新，强化创新发展对"
        "统筹发展、绿色发展、开放发展、安全发展的支撑作用。进一步强化企业技术创新"
        "主体地位，充分发挥市场在配置科技资源中的决定性作用，同时更好地发挥政府作用，"
        "大力推进科研难题向科技攻关成果转化、科技攻关成果向中试成果转化、中试成果向"
        "产业化转化，建立“舟桥”机制，推动我省科技优势在市场作用下转化为产业竞争优势。",
        "（二）发展目标。到2017年，建立起完善的技术创新市场导向机制，确立企业在技术"
        "创新和科技成果产业化中的主体地位，全省R&D（创新与开发）经费投入占GDP的比重"
        "达到2%左右，企业研发投入占全社会研发投入的比重达到70%以上；建设省级以上企业"
        "技术中心400个、省级重点实验室60个、省级产业技术创新联盟30个、省级中试中心20个。",
        "到2020年，80%以上的技术创新活动和90%以上的科技成果转化活动由企业主导，多方"
        "参与，科技管理方式和科技服务方式更加适应市场导向机制的需要，建立起效益显著提升、"
        "周期明显缩短、渠道显著畅通、制度更加健全、本地成果转化更为便捷的技术创新体系"
        "和科技成果产业化服务体系。建设省级重点实验室70个、省级产业技术创新联盟35个、"
        "省级中试中心30个。",
    ]


# 001: one paragraph per printed line, indented with "　　", blank lines between.
LAYOUT_ONE_PER_LINE = """\
各市（州）人民政府，长白山管委会，各县（市）人民政府，省政府各厅委办、各直属机构：

　　《吉林省促进科技成果转移转化实施方案》已经省政府同意，现印发给你们，请认真组织贯彻实施。

吉林省人民政府办公厅

2016年10月31日

　　吉林省促进科技成果转移转化实施方案

　　一、总体思路

　　（一）基本原则。

　　---坚持以服务发展为目的。紧扣发展主题，把培育具有核心竞争力的主导产业作为主攻方向。

　　---坚持以市场为导向。发挥市场在配置科技创新资源中的主导作用，大力发展技术市场。
"""


def test_one_paragraph_per_line_layout_keeps_every_line():
    assert paragraphs(LAYOUT_ONE_PER_LINE) == [
        "各市（州）人民政府，长白山管委会，各县（市）人民政府，省政府各厅委办、各直属机构：",
        "《吉林省促进科技成果转移转化实施方案》已经省政府同意，现印发给你们，请认真组织贯彻实施。",
        "吉林省人民政府办公厅",
        "2016年10月31日",
        "吉林省促进科技成果转移转化实施方案",
        "一、总体思路",
        "（一）基本原则。",
        "---坚持以服务发展为目的。紧扣发展主题，把培育具有核心竞争力的主导产业作为主攻方向。",
        "---坚持以市场为导向。发挥市场在配置科技创新资源中的主导作用，大力发展技术市场。",
    ]


def test_a_wrapped_title_is_joined_and_the_doc_number_stands_alone():
    # 002: "…委员提案的答" / "复" (unindented), then "吉科发办〔2022〕109号".
    assert paragraphs(source("002"))[:4] == [
        "对省政协十二届五次会议第201号委员提案的答复",
        "吉科发办〔2022〕109号",
        "丛艳辉委员：",
        "您在省政协十二届五次会议上提出的《关于加快科技成果转化优化创新生态的建议》收悉。"
        "经认真研究办理，现答复如下：",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # first line shortened by the typesetter ("凸" / "显。"), not a paragraph end
        "科技创新高地正加速形成。长春市科创核心地位进一步凸显。华为、腾讯等国内知名"
        "创新企业相继在长春建设研发机构，",
        # a stray leading space on a continuation line (" ２０２１》中长春市…")
        "《自然指数-科研城市2021》中长春市位列全球科研城市第37位，",
        # a full last line ending with "。", then a line as narrow as a first line
        "制定国有资本创新投入失败免责规定。",
        # a box item ends, body text resumes with a stray space: " 加强科技发展计划管理。"
        "在一汽集团关键核心技术自主创新、梅花鹿产业科技创新、黑土地保护与高效利用科技"
        "创新、肉牛产业科技创新、碳纤维产业科技创新等领域适当增设新的重大科技专项。",
    ],
)
def test_unindented_fixed_width_layout_is_rejoined(paragraph):
    # 004: no indentation survived extraction; lines are about 28 characters.
    assert paragraph in normalise(source("004")).text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "制定国有资本创新投入失败免责规定。",
            "强化企业技术创新和成果转化的组织主体地位。",
        ),
        (
            "当增设新的重大科技专项。",
            "加强科技发展计划管理。按照国家和省科技体制改革要求，",
        ),
        ("打造全省创新最高峰。", "高起点建设国家自主创新示范区。"),
    ],
)
def test_unindented_layout_breaks_where_a_new_paragraph_starts(first, second):
    text = normalise(source("004")).text
    assert f"{first}\n{second}" in text


def test_each_table_row_is_one_line():
    lines = paragraphs(source("004"))
    start = lines.index("“十四五”时期全省科技发展目标")
    assert lines[start : start + 9] == [
        "“十四五”时期全省科技发展目标",
        "序号指标名称2020年2025年",
        "1研究与试验发展（R&D）经费支出占地区生产总值（GDP）比重（%）130>200",
        "2万名从业人员中的研发人员数（人）2910 3300",
        "3技术合同成交额与地区生产总值之比（%）375>380",
        "4高新技术企业数量（家）2495 5000",
        "5每万人口高价值发明专利拥有量（件）226 364",
        "6全省公民具备科学素养的比例（%）981 1500",
        "到2035年，创新型省份建设目标全面完成，进入科技创新强省行列，主要科技指标居国内前列；"
        "创新成果不断涌现，创新创业活力持续迸发，创新链和产业链深度耦合，科技创新生态国内一流；"
        "创新友好型社会建成，创新文化繁荣兴盛；全省科技创新形成国际竞争力，成为东北地区科创"
        "引擎和东北亚创新增长极。",
    ]


def test_box_items_each_start_a_paragraph():
    lines = paragraphs(source("004"))
    start = lines.index("专栏2医药健康领域技术创新重点方向")
    assert [line.split("。")[0] for line in lines[start + 1 : start + 9]] == [
        "1中药领域关键技术研究",
        "2生物药关键技术研究",
        "3化学药关键技术研究",
        "4医疗器械与医用健康材料关键技术研究",
        "5制药设备与检测仪器关键技术研究",
        "6保健食品和特医食品关键技术研究",
        "7绿色日化品及化妆品关键技术研究",
        "第四节聚焦粮食安全强化农业科技",
    ]


# --- learned layout and paragraph counts --------------------------------------------

LAYOUTS = {
    "000": (Layout(True, 67, True, False, None), 41),
    "001": (Layout(False, 40, False, False, None), 58),
    "002": (Layout(True, 69, True, False, None), 21),
    "003": (Layout(False, 12, False, False, None), 52),
    "004": (Layout(True, 55, False, False, 52), 192),
}


@pytest.mark.parametrize("key", sorted(LAYOUTS))
def test_layout_is_learned_per_document(key):
    layout, count = LAYOUTS[key]
    raw = source(key)
    learned = learn_layout(split_lines(raw))
    assert (learned.wrapped, learned.indented_starts, learned.first_width) == (
        layout.wrapped,
        layout.indented_starts,
        layout.first_width,
    )
    if layout.wrapped:
        assert learned.full_width == layout.full_width
    assert len(paragraphs(raw)) == count


# --- raw offsets --------------------------------------------------------------------


def produced(raw_char: str, char: str) -> bool:
    """Could ``raw_char`` have produced ``char`` in the normalised text?"""
    if char == "\n":
        return raw_char in "\n\r"  # a lone "\r" ends a line too
    folded = fold_char(raw_char)
    widened = {HALF_TO_FULL[c] for c in folded if c in HALF_TO_FULL}
    return char in folded or char in widened or (char == "〇" and raw_char == "○")


def assert_offsets_exact(raw: str) -> None:
    normalised = normalise(raw)
    text, offsets = normalised.text, normalised.raw_offsets
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert list(offsets) == sorted(offsets)
    for i, char in enumerate(text):
        if char == "\n" and offsets[i] == offsets[i + 1]:
            # a break between paragraphs a crawl joined into one line: no raw
            # character produced it, and it maps to the next paragraph's first
            # character (normalise._unjoined; test_heading_classes skips it too)
            continue
        assert produced(raw[offsets[i]], char), (i, char, raw[offsets[i]])
    assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
    for line in text.split("\n"):
        assert line == line.strip(" ")


@pytest.mark.parametrize("key", sorted(FILES))
def test_offsets_map_every_character_back_to_the_raw_text(key):
    assert_offsets_exact(source(key))


def test_raw_slice_shows_the_characters_as_printed():
    normalised = normalise(source("004"))
    start = normalised.text.index("6906亿元")
    assert normalised.raw_slice(start, start + 6) == "６９０６亿元"


@pytest.mark.parametrize("key", sorted(FILES))
def test_normalising_twice_changes_nothing(key):
    once = normalise(source(key)).text
    assert normalise(once).text == once


ALPHABET = list(
    "第一二章节条、（）()一是。，,;:；：１２3４５6ＲＤ＆％%—-－○二〇专栏"
    "科技成果转化吉林省 　\n\n\t\r\u200b①…•“”《》〔〕.ａＢ"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=200).map("".join))
def test_offsets_are_exact_for_any_text(raw):
    assert_offsets_exact(raw)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(list("科技成果转化吉林省，。１２3（）—")),
            min_size=1,
            max_size=30,
        )
        .map("".join)
        .map(lambda line: line + "\n"),
        min_size=8,
        max_size=40,
    ).map("".join)
)
def test_offsets_are_exact_for_wrapped_looking_text(raw):
    # Many lines of similar width: exercises the hard-wrap learning.
    assert_offsets_exact(raw)
