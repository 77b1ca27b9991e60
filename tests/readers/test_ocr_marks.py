"""Marks a scan's OCR misreads in the held-out corpus texts (first blind
scoring, 2026-12-07), each corrected as a class: a full-width colon between
digits read as a half-width one, a semicolon closing a list item left
half-width, an item number's point read as a comma, an opening parenthesis
read as an angle bracket.  Each on the line it was found in and on one
written in the same style with other numbers and words: the geometry on
made-up glyphs (the pixels measured on the held-out scans), and a page
printed and scanned as the scans bench does."""

from __future__ import annotations

import pytest

from documents.parsing.normalise import normalise
from documents.readers import glyphs, ocr, read
from documents.readers.layout import PlacedLine
from tests.readers import formats

MAX = 10**8
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="Tesseract (chi_sim) is not installed"
)
CELL = 50.0
# Where the page's commas end (the body's baseline is 1, digits end at 0.9).
COMMAS = [glyphs.Glyph("，", 10 * k, 10 * k + 8, 1.03) for k in range(3)]


def _glyphs(*rows):
    """(char, x0, x1, bottom) rows; x0 None for a character without ink."""
    return [glyphs.Glyph(ch, x0, x1, bottom) for ch, x0, x1, bottom in rows]


def _chars(line):
    return "".join(g.char for g in line)


def _marks_read(rows) -> str:
    """The characters of a line of ``rows`` after ``glyphs.colons`` has read
    its marks by their ink, on a page whose commas end as COMMAS do."""
    line = _glyphs(*rows)
    glyphs.colons([COMMAS, line], CELL)
    return _chars(line)


@pytest.mark.parametrize(
    "rows, expected",
    [
        # sd-qingdao-measures-ai-industrial-park-2023: "两级按照1：1比例负担"
        # read "1:1"; the colon's cell leaves 20 and 38 px blank beside it.
        (
            [("照", 1595, 1640, 1.0), ("1", 1646, 1659, 0.91), (":", 1679, 1686, 0.91),
             ("1", 1724, 1736, 0.91), ("比", 1750, 1795, 1.0)],
            "照1：1比",
        ),
        # The same style: "按2：3比例配资" read with a semicolon's dots.
        (
            [("按", 600, 645, 1.0), ("2", 650, 672, 0.91), (";", 690, 697, 0.9),
             ("3", 733, 755, 0.91), ("比", 762, 807, 1.0)],
            "按2：3比",
        ),
        # A time set half-width keeps its colon: "上午9:00".
        (
            [("午", 600, 645, 1.0), ("9", 651, 664, 0.91), (":", 668, 673, 0.91),
             ("0", 677, 690, 0.91), ("0", 693, 706, 0.91)],
            "午9:00",
        ),
    ],
)
def test_a_colon_between_digits_by_its_cell(rows, expected):
    assert _marks_read(rows) == expected


@pytest.mark.parametrize(
    "rows, expected",
    [
        # sd-qingdao-rules-ai-industrial-park-2023: "…收款凭证等）;" ending a
        # list item, and a line opening with the semicolon of the one before.
        ([("等", 0, 45, 1.0), (")", 60, 70, 1.0), (";", 80, 88, 1.02)], "等)；"),
        ([(";", 0, 8, 1.03), ("青", 30, 75, 1.0)], "；青"),
        # The same style: "…证明材料（复印件）:" opening a list (a colon's dots).
        ([("件", 0, 45, 1.0), ("）", 60, 70, 1.0), (":", 80, 88, 0.9)], "件）："),
        # After a letter it stays as read ("http:").
        ([("p", 0, 20, 0.9), (":", 24, 30, 0.9)], "p:"),
    ],
)
def test_a_colon_or_semicolon_after_chinese_is_full_width(rows, expected):
    assert _marks_read(rows) == expected


@pytest.mark.parametrize(
    "rows, expected",
    [
        # sd-jinan-measures-advanced-manufacturing-digital-economy-2019:
        # "１１．支持重大产业…" read "11,": the mark's ink ends at the digits'
        # baseline, a comma's tail well below it.
        (
            [("1", 657, 670, 0.89), ("1", 707, 720, 0.89), (",", 749, 757, 0.89),
             ("支", 794, 839, 1.0)],
            "11.支",
        ),
        # …and "２３．加大…" read "23.，", a point without ink before it.
        (
            [("2", 643, 665, 0.91), ("3", 670, 693, 0.91), (".", None, None, 1.0),
             ("，", 704, 712, 0.91), ("加", 748, 793, 1.0)],
            "23.加",
        ),
        # The same style: "２７．加快…" read "27，".
        ([("2", 654, 677, 0.9), ("7", 704, 727, 0.9), ("，", 749, 757, 0.9)], "27."),
        # A comma with its tail stays: "5，000", "2023年，".
        ([("5", 0, 22, 0.9), ("，", 30, 38, 1.03), ("0", 50, 72, 0.9)], "5，0"),
        ([("年", 0, 45, 1.0), ("，", 50, 58, 1.03)], "年，"),
    ],
)
def test_a_point_read_as_a_comma(rows, expected):
    assert _marks_read(rows) == expected


def _placed(*texts):
    return [
        PlacedLine(page=0, top=k, bottom=k + 1, x0=0, x1=1, size=1, text=text)
        for k, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # sd-jinan-measures-advanced-manufacturing-digital-economy-2019, the
        # closing parenthesis on the next line.
        (
            ["高50%的比例给予补助。 〈责任单位:市经济", "和信息化委、市财政局）"],
            ["高50%的比例给予补助。 （责任单位:市经济", "和信息化委、市财政局）"],
        ),
        # …and "网络〈(PON)": one parenthesis read as two marks.
        (["工业无源光网络 〈(PON) 工业无线、"], ["工业无源光网络 （PON) 工业无线、"]),
        # The same style: "〈牵头单位：市科技局）", "服务商〈具备相应资质的…)".
        (["的给予30万元补助。〈牵头单位：市科技局）"], ["的给予30万元补助。（牵头单位：市科技局）"]),
        # Pingshan's "服务商〈具备相应资质的…服务机构等）" over three lines.
        (
            ["服务商〈具备相应资质的检测", "服务商、工业互联网网络", "服务机构等)，"],
            ["服务商（具备相应资质的检测", "服务商、工业互联网网络", "服务机构等)，"],
        ),
        # A mark with no bracket after it on the page is left.
        (["示范基地〈园区"], ["示范基地〈园区"]),
        # An angle bracket inside a title's 《》 stays.
        (["《关于修改〈济南市专利条例〉的决定》"], ["《关于修改〈济南市专利条例〉的决定》"]),
    ],
)
def test_an_opening_parenthesis_read_as_an_angle_bracket(texts, expected):
    lines = _placed(*texts)
    ocr._parentheses(lines)
    assert [line.text for line in lines] == expected


PAGE = [
    "鼓励园区内算力中心提供优惠人工智能算力服务，所需补助资金由市、区两级按照1：1比例负担，"
    "其中市级补助资金每年不超过１０００万元。",
    "设立人工智能产业投资基金，市、区两级引导基金按2：3比例配资，受理时间为上午9:00至11:30。",
    "１１．支持重大产业和关键技术突破创新。深入实施工业强基工程，最高给予300万元的一次性奖励。"
    "（责任单位：市经济和信息化委）",
    "２７．加快工业互联网平台建设。对新认定的平台，一次性奖励50万元。（牵头单位：市科技局、市财政局）",
    "申报材料：1.申请表；2.项目合同、发票、收款凭证等（复印件）；3.申报材料真实性承诺书。",
]


@needs_ocr
def test_a_printed_page_keeps_its_marks():
    """The held-out lines and their like, printed and scanned: what the text
    layer of the same print gives."""
    printed = formats.printed_pdf(PAGE)
    scan = read(formats.scanned_pdf(printed, pages=1, dpi=300), "", max_bytes=MAX)
    text = normalise(scan.text).text.replace("\n", "")
    assert "按照1：1比例负担" in text
    assert "按2：3比例配资" in text
    assert "上午9:00至11:30" in text
    assert "11.支持重大产业" in text
    assert "27.加快工业互联网" in text
    assert "（责任单位：市经济和信息化委）" in text
    assert "（牵头单位：市科技局、市财政局）" in text
    assert "凭证等（复印件）；3." in text
