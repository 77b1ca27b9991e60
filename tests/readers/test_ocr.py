"""Scans read by OCR keep what the text layer of the same print gives: the
cells of a table row, a heading's separator, letter-spaced numbers, the
paragraphs across a page break.  Each class on a short scan made by
formats.py (about ten seconds of Tesseract a page), and the geometry and
corrections behind them on made-up input."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.parsing.pipeline import parse_text
from documents.readers import glyphs, ocr, read
from tests.readers import formats

MAX = 10**8
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="Tesseract (chi_sim) is not installed"
)

# One page made up: a heading set with an ideographic space, letter-spaced
# full-width numbers, a target table whose cells are separated by
# ideographic spaces, a paragraph with quotes, and a table set with
# half-width spaces between full-width numbers (004's).
PAGE = [
    "第一章　总则",
    "第一条　为加快建设创新型城市，制定本规划。到２０２０年，８０％以上的技术创新活动由企业主导，"
    "研发经费投入强度达到２．５％。",
    "表１　“十四五”科技创新主要指标",
    "序号　指标名称　２０２０年　２０２５年",
    "１　全社会研发经费投入强度（％）　１．３　２．０",
    "２　高新技术企业数量（家）　３２０　６００",
    "３　技术合同成交额（亿元）　１５　３０",
    "坚持创新在现代化建设全局中的核心地位，以建设创新型城市为“总抓手”，以提升企业技术创新能力为主线。",
    "序号 指标名称 ２０２０年 ２０２５年",
    "１ 高新技术企业数量 （家） ２４９５ ５０００",
    "２ 每万人口高价值发明专利拥有量 （件） ２２６ ３６４",
]
ROOT = Path(__file__).resolve().parents[2]
TEXTS = {
    p.stem: p
    for p in [
        *(ROOT / "fixtures" / "sources").glob("*.txt"),
        *(ROOT / "tests" / "data" / "genre").glob("*.txt"),
    ]
}


def _scan(key: str, first: int, pages: int):
    """Pages of a bundled or genre document as printed and scanned (the same
    images the scans bench reads), read by OCR."""
    printed = formats.printed_pdf(formats.paragraphs(TEXTS[key]))
    return read(
        formats.scanned_pdf(printed, pages=pages, dpi=300, first=first),
        "",
        max_bytes=MAX,
    )


def _tables(reading):
    tree = parse_text(reading.text, lines_are_paragraphs=reading.lines_are_paragraphs)
    return [
        (p.kind, p.number, p.cells)
        for p in tree.walk()
        if p.kind in ("table", "table_row")
    ]


@pytest.fixture(scope="module")
def one_page():
    printed = formats.printed_pdf(PAGE)
    layer = read(printed, "", max_bytes=MAX)
    scan = read(formats.scanned_pdf(printed, pages=1, dpi=300), "", max_bytes=MAX)
    return layer, scan


@needs_ocr
def test_table_rows_keep_their_cells(one_page):
    """Cells OCR used to run together ("1.32.0", "(家)24955000") are
    separated where the print leaves a blank, as the text layer has them."""
    layer, scan = one_page
    assert len(_tables(layer)) == 7
    assert _tables(scan) == _tables(layer)


@needs_ocr
def test_a_heading_keeps_its_separator_without_phantom_quotes(one_page):
    """第一章　总则: the blank was read as “” or a comma; it is a separator."""
    _layer, scan = one_page
    lines = scan.text.split("\n")
    assert "第一章\u3000总则" in lines
    assert lines[lines.index("第一章\u3000总则") + 2].startswith("表1\u3000“十四五”")


@needs_ocr
def test_letter_spaced_numbers_are_read_whole(one_page):
    """到２０２０年 in a full-width font: no digit lost to low confidence,
    no point or space read into the blanks between its digits (000's first
    page: Tesseract read "20 .20" with confidence 3, and the line lost the
    year of its targets)."""
    _layer, scan = one_page
    text = scan.text.replace(" ", "")
    assert "到2020年，80%以上的技术创新活动由企业主导" in text
    assert "投入强度达到2.5%。" in text
    text = _scan("000_bdafd33da79e8432", 0, 1).text.replace(" ", "")
    assert "到2020年，80%以上的技术创新活动和90%以上的科技成果转化活动" in text


@needs_ocr
def test_a_page_mark_misread_neither_stays_nor_breaks_a_paragraph():
    """000's "— 10 —" read as "二10二" stood between the two halves of the
    paragraph running over the page break."""
    scan = _scan("000_bdafd33da79e8432", 9, 2)
    lines = scan.text.split("\n")
    start = next(
        k for k, line in enumerate(lines) if line.startswith(("(十六)", "（十六）"))
    )
    assert lines[start + 1].startswith(("(十七)", "（十七）"))
    assert all(len(line) > 8 for line in lines), lines


@needs_ocr
def test_a_line_opening_with_a_quote_mark_is_no_indent():
    """004: "“负面清单+诚信+绩效”项目试点" continues its paragraph though the
    ink of “ starts half a character right of the margin."""
    lines = _scan("004_36165f6247ccf326", 40, 1).text.split("\n")
    start = next(
        k for k, line in enumerate(lines) if line.startswith("加强科技发展计划管理")
    )
    assert "“负面清单+诚信+绩效”" in lines[start].replace(" ", "")
    assert lines[start + 1].startswith("优化知识生产和运用体系")


@needs_ocr
def test_a_colon_opening_a_list_is_no_semicolon():
    """ "…作出重要贡献的人员给予奖励：" read with a semicolon: the items under
    it (从净收入中提取不低于百分之七十的比例) lost the clause they belong to.
    The ink tells: a semicolon's tail reaches the commas' baseline."""
    lines = _scan("regulation_songjiang_transfer", 2, 1).text.split("\n")
    lead = next(line for line in lines if line.startswith("第十一条"))
    assert lead.endswith("励：")
    assert lines[lines.index(lead) + 1].endswith(
        ("百分之七十的比例；", "百分之七十的比例;")
    )


def test_colon_or_semicolon_by_the_ink():
    def line(*chars):
        return [
            glyphs.Glyph(ch, 10 * k, 10 * k + 8, bottom)
            for k, (ch, bottom) in enumerate(chars)
        ]

    commas = line(("，", 0.98), ("，", 0.97), ("，", 0.99))
    lead = line(("励", 1.0), (";", 0.84))  # two dots: a colon
    item = line(("例", 1.0), ("：", 0.98))  # a tail: a semicolon
    time = line(("1", 1.0), ("0", 1.0), (";", 0.84), ("3", 1.0))  # 10:30 as read
    glyphs.colons([commas, lead, item, time])
    assert [g.char for g in lead + item + time] == [
        "励",
        "：",
        "例",
        "；",
        "1",
        "0",
        ";",
        "3",
    ]


def _words(*rows):
    """A Tesseract TSV of one line: (text, left, conf) words 40 px wide."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    body = [
        f"5\t1\t1\t1\t1\t{k}\t{left}\t100\t40\t45\t{conf}\t{text}"
        for k, (text, left, conf) in enumerate(rows)
    ]
    return "\n".join([head, *body])


def test_low_confidence_characters_stay_and_specks_go():
    """Tesseract gives a correctly read 辐 or a digit confidence 0: kept.
    A mark alone with next to none is a speck."""
    tsv = _words(
        ("加大", 100, 96),
        ("辐", 190, 0),
        ("射", 240, 91),
        ("2", 290, 3),
        ("_:", 340, 4),
        ("，", 390, 92),
    )
    assert ["".join(w.text for w in line) for line in ocr._words(tsv)] == [
        "加大辐射2，"
    ]


@pytest.mark.parametrize(
    "text, centre, expected",
    [
        ("一写一", 1240, True),  # "— 7 —" misread, centred at the foot
        ("_:丈-", 1240, True),
        ("二44二", 1240, True),
        ("一:到", 1240, True),
        ("一写一", 700, False),  # not centred: text
        ("二〇二〇年", 1240, False),  # a centred date
        ("附件", 1240, False),
    ],
)
def test_what_ocr_makes_of_a_page_mark(text, centre, expected):
    line = [ocr._Word(text, centre - 60, 3200, centre + 60, 3240, 90.0)]
    assert ocr._page_mark(line, text, 1240, 45) is expected


def test_a_quote_read_into_a_blank_is_dropped():
    """第一章　总则 read as 第一章“”总则: the marks have no ink."""
    han = [glyphs.Run(x, x + 45) for x in (100, 150, 200, 305, 355)]
    found = glyphs.align("第一章“”总则", han, 45)
    assert [g.char for g in found if g.x0 is not None] == list("第一章总则")
    spacing = glyphs.Spacing([found])
    assert glyphs.spaced(found, spacing.separators(found), 45) == "第一章\u3000总则"


def test_a_quote_is_not_the_left_stroke_of_a_character():
    """“加快 where 加 prints as two runs: the left one (full height) is no
    quote mark, which sits high in the line."""
    runs = [
        glyphs.Run(100, 145),
        glyphs.Run(205, 227),
        glyphs.Run(230, 250),
        glyphs.Run(255, 300),
    ]
    found = glyphs.align("章“加快", runs, 45)
    assert [(g.char, g.x0) for g in found] == [
        ("章", 100),
        ("“", None),
        ("加", 205),
        ("快", 255),
    ]


def test_a_half_width_space_between_full_width_numbers():
    """２９１０ ３３００ in a full-width font: the digits' centres step one
    cell (50 px) apart, and a quarter more across the space; between
    "２２６" and "３６４" alike, never inside a number."""

    def digits(text, start):
        out, x = [], start
        for ch in text:
            if ch == " ":
                x += 13
                continue
            out.append(glyphs.Glyph(ch, x + 13, x + 37))
            x += 50
        return out

    han = [
        glyphs.Glyph(ch, 100 + 50 * k + 3, 100 + 50 * k + 47)
        for k, ch in enumerate("研发人员数")
    ]
    for text in ("2910 3300", "226 364"):
        line = han + digits(text, 363)
        spacing = glyphs.Spacing([line])
        assert glyphs.spaced(line, spacing.separators(line), 45) == "研发人员数 " + text


@pytest.mark.parametrize(
    "line, expected",
    [
        ("给予15一30万元后补助", "给予15-30万元后补助"),
        ("规划期为2021一2025年", "规划期为2021-2025年"),
        ("较2015年提高0，4个百分点", "较2015年提高0.4个百分点"),
        ("年均增长8，5%", "年均增长8.5%"),
        ("小于5，000万元", "小于5，000万元"),  # thousands, not a decimal
        ("技术合同成交额({Z元)", "技术合同成交额(亿元)"),
        ("二0一九年", "二○一九年"),
        ("二〇GO五年三月三日", "二〇○五年三月三日"),  # one circle read as two letters
        ("二OO五年", "二○○五年"),
        ("二十年", "二十年"),
    ],
)
def test_ocr_confusions_of_numbers(line, expected):
    assert ocr.corrected(line) == expected


def test_specks_are_no_ink():
    """A scanner's speck in the blank between two cells neither closes the
    blank nor makes the comma below it a tall mark."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 5, 54, 50), fill=0)  # a character
    draw.rectangle((60, 40, 66, 50), fill=0)  # a comma at the foot of the line
    image.putpixel((63, 8), 0)  # a speck above it
    image.putpixel((150, 30), 0)  # a speck in the blank
    draw.rectangle((250, 5, 294, 50), fill=0)
    runs = glyphs.ink_runs(image, (0, 0, 400, 60))
    assert [(r.x0, r.x1) for r in runs] == [(10, 55), (60, 67), (250, 295)]
    assert runs[1].top > 0.6
