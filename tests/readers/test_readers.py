"""Every reader on real files, and every kind of bad input: one line in
Chinese and English, nothing written."""

from __future__ import annotations

import difflib
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from documents.models import Document
from documents.parsing import SourceError, parse_document
from documents.parsing.metadata import fill_from_file
from documents.parsing.pipeline import parse_text
from documents.readers import detect, legacy, ocr, read
from tests.readers import formats

SHARED = Path(__file__).resolve().parents[3] / "shared" / "formats"
MAX = 10**8
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/formats is not here")


def parsed(data: bytes):
    reading = read(data, "", max_bytes=MAX)
    return reading, parse_text(reading.text, lines_are_paragraphs=reading.lines_are_paragraphs)


@needs_shared
def test_real_gbt9704_pdf_header_from_the_file():
    reading, document = parsed((SHARED / "govdoccn_397.pdf").read_bytes())
    meta = document.meta
    assert reading.kind == "pdf" and reading.pages == 5
    assert meta.title == "关于加强个人所得税纳税信用建设的通知"
    assert meta.doc_number == "发改办财金规〔2019〕860号"
    assert meta.issuer == "国家发展改革委办公厅、税务总局办公厅"  # joint issuers kept whole
    assert meta.issued_on == date(2019, 8, 20)
    assert meta.fields["title"].confidence >= 0.9
    assert meta.fields["addressees"].value.startswith("各省、自治区、直辖市")
    assert "— 2 —" not in reading.text and "—2—" not in reading.text
    headings = [p.heading for p in document.walk() if p.heading]
    assert "总体要求" in headings and "强化组织实施" in headings


@needs_shared
def test_real_ofd_gongwen():
    reading, document = parsed((SHARED / "ofdrw_n_gongwen_mock.ofd").read_bytes())
    meta = document.meta
    assert reading.kind == "ofd" and reading.pages == 2
    assert (meta.title, meta.doc_number, meta.issued_on) == (
        "关于同意张阿三同志辞职的批复",
        "路卫发〔2011〕76号",
        date(2011, 3, 10),
    )
    assert meta.doc_type == "批复"
    assert meta.fields["addressees"].value == "区中医院"
    assert meta.fields["printed_on"].value == "2011-03-10"
    assert "— 1 —" not in reading.text


def test_docx_keeps_tables_between_paragraphs_and_bold_as_heading():
    document = docx.Document()
    document.add_paragraph().add_run("一、主要指标").bold = True
    document.add_paragraph("到2025年，主要指标如下。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, [("序号", "指标", "2025年"), ("1", "研发投入（亿元）", "30")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("二、保障措施")
    buffer = io.BytesIO()
    document.save(buffer)
    reading = read(buffer.getvalue(), "", max_bytes=MAX)
    assert reading.text.split("\n") == [
        "一、主要指标",
        "到2025年，主要指标如下。",
        "序号\u3000指标\u30002025年",
        "1\u3000研发投入（亿元）\u300030",
        "二、保障措施",
    ]
    assert 0 in reading.hinted("bold")


def test_web_page_drops_navigation_and_reads_the_metadata_table():
    page = formats.government_page(
        ["为加快科技创新，制定本办法。", "第一条　本办法所称科技企业……"],
        title="松江市科技企业培育办法",
        meta={"发文字号": "松科发〔2023〕5号", "发文机关": "松江市科学技术局", "成文日期": "2023年05月09日"},
    )
    reading, document = parsed(page)
    assert reading.kind == "html"
    for noise in ("首页", "当前位置", "分享到", "打印本页", "版权所有", "统计代码"):
        assert noise not in reading.text
    assert reading.text.split("\n")[0] == "松江市科技企业培育办法"
    assert reading.meta["发文字号"] == "松科发〔2023〕5号"
    # The text states only the title; the page's table gives the rest.
    meta = fill_from_file(document.meta, reading.meta)
    assert (meta.title, meta.doc_number, meta.issuer, meta.issued_on) == (
        "松江市科技企业培育办法",
        "松科发〔2023〕5号",
        "松江市科学技术局",
        date(2023, 5, 9),
    )
    assert meta.fields["doc_number"].line == "发文字号：松科发〔2023〕5号"


def test_web_page_without_a_known_box_uses_the_generic_extractor():
    body = "".join(f"<p>第{n}条　科技型企业可以申请研发费用后补助，补助比例不超过百分之十。</p>" for n in "一二三四五")
    page = f"<html><body><div class='menu'><a>首页</a></div><div class='main-text'>{body}</div></body></html>"
    reading = read(page.encode(), "", max_bytes=MAX)
    assert "第三条" in reading.text and "首页" not in reading.text
    assert reading.warnings


def test_detection_is_by_content_not_name():
    assert detect(b"%PDF-1.7\n...") == "pdf"
    assert detect(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect("第一条　本办法。".encode()) == "text"


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption("secret"))
    pdf.drawString(100, 700, "secret")
    pdf.save()
    return buffer.getvalue()


BAD = {
    "unknown-zip": (_zip({"a.txt": b"x"}), "无法识别的压缩包"),
    "broken-zip": (b"PK\x03\x04" + b"\x00" * 200, "压缩包已损坏"),
    "zip-bomb": (_zip({"word/document.xml": b"0" * (201 * 1024 * 1024)}), "压缩炸弹"),
    "corrupt-pdf": (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF", "PDF 文件已损坏"),
    "encrypted-pdf": (None, "PDF 已加密"),
    "scripts-only-page": (b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>", "网页中没有正文"),
    "old-word": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "旧版 Word/WPS 文件"),
    "binary": (bytes(range(256)) * 10, " / "),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_clear_line_and_no_change(case, tmp_path):
    data, message = BAD[case]
    if data is None:
        data = _encrypted_pdf()
    with pytest.raises(SourceError) as error:
        read(data, "", max_bytes=MAX * 10)
    assert message in str(error.value) and " / " in str(error.value)
    assert "\n" not in str(error.value)
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(data)
    before = Document.objects.count()  # the session's shared documents may be there
    with pytest.raises(CommandError):
        call_command("ingest", str(path), verbosity=0, stdout=io.StringIO())
    assert Document.objects.count() == before
    assert not Document.objects.filter(key=case).exists()


@pytest.mark.django_db
def test_ingest_walks_a_folder_of_mixed_formats(tmp_path, capsys):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "reply.docx").write_bytes(formats.word_docx(formats.paragraphs(Path("tests/data/genre/reply_songjiang_cppcc86.txt"))))
    (folder / "sub" / "subsidy.htm").write_bytes(
        formats.government_page(formats.paragraphs(Path("tests/data/genre/subsidy_songjiang_beihu.txt")), title=None, meta={})
    )
    (folder / ".hidden.txt").write_text("ignored")
    out = io.StringIO()
    before = Document.objects.count()
    call_command("ingest", str(folder), stdout=out)
    assert "documents 2 ok, 0 failed" in out.getvalue()
    assert "Formats / 格式: docx 1, html 1" in out.getvalue()
    # The subsidy page is a notice over the measures it issues: two documents.
    assert Document.objects.count() == before + 3
    assert set(Document.objects.filter(key__in=["reply", "subsidy"]).values_list("source_name", flat=True)) == {
        "reply.docx",
        "subsidy.htm",
    }
    assert Document.objects.get(key="subsidy-fj1").part_of.key == "subsidy"


@pytest.mark.django_db
def test_a_pdf_glyph_mapped_to_no_character_is_a_space(tmp_path):
    """A printed table row whose cell separators (ideographic spaces) the
    embedded font maps to no character: pdfium gives code 0 for them, which
    ran the cells together, lost the table, and made PostgreSQL refuse the
    document's text ("A string literal cannot contain NUL")."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    notice = Path("tests/data/corpus/dev/cn-gov-notice-second-batch-innovation-reforms-2018.txt")
    data = formats.printed_pdf(formats.paragraphs(notice))
    document = pdfium.PdfDocument(data)
    codes = []
    for page in document:
        text = page.get_textpage()
        codes += [pdfium_c.FPDFText_GetUnicode(text.raw, i) for i in range(text.count_chars())]
    document.close()
    assert 0 in codes  # the case itself: glyphs without a character
    reading, document = parsed(data)
    assert "\x00" not in reading.text
    expected = parse_document(notice.read_bytes(), max_bytes=MAX)
    # The header row keeps its cells apart, so the table is read as one.
    tables = [p.text for p in document.walk() if p.kind == "table"]
    assert tables and tables == [p.text for p in expected.walk() if p.kind == "table"]
    copy = tmp_path / "notice.pdf"
    copy.write_bytes(data)
    call_command("ingest", str(copy), stdout=io.StringIO())
    assert Document.objects.get(key="notice").provisions.filter(text__contains="推广范围").exists()


@pytest.mark.skipif(not ocr.available(), reason="Tesseract (chi_sim) is not installed")
def test_scanned_pdf_goes_to_ocr():
    """A one-page printed PDF and its 300-dpi scan: the scan goes to OCR and
    reads within a few characters of the text layer, with the same structure."""
    paras, size = [], 0
    for para in formats.paragraphs(Path("tests/data/genre/reply_songjiang_cppcc86.txt")):
        if size + len(para) > 450:
            break
        paras.append(para)
        size += len(para)
    printed = formats.printed_pdf(paras)
    layer, layer_tree = parsed(printed)
    scan, scan_tree = parsed(formats.scanned_pdf(printed, pages=1, dpi=300))
    assert layer.pages == scan.pages == 1
    assert any("OCR" in w for w in scan.warnings)
    expected, got = (tree.normalised.text for tree in (layer_tree, scan_tree))
    ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
    assert ratio >= 0.95, ratio
    def shape(tree):
        return [(p.kind, p.number) for p in tree.walk()]

    assert shape(scan_tree) == shape(layer_tree)


def test_scan_without_ocr_installed_says_how_to_install(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    printed = formats.printed_pdf(["第一条　本办法自发布之日起施行。"])
    with pytest.raises(SourceError, match="make install-ocr"):
        read(formats.scanned_pdf(printed, pages=1, dpi=100), "", max_bytes=MAX)


# antiword refuses a text stream of a few lines: a page of text, as files are.
OLD_WORD_PARAS = [
    "关于印发某市科技创新若干措施的通知",
    "一、支持企业研发",
    *["企业研发投入是创新的基础，各地要加大对企业研发活动的支持力度。"] * 8,
    "对新认定的高新技术企业，给予最高30万元奖励。",
    "二、支持平台建设",
    *["平台是集聚创新资源的载体，要统筹布局各类创新平台。"] * 8,
]


@formats.needs_office
@pytest.mark.parametrize("converter", ["antiword", "soffice"])
def test_old_word_reads_by_either_converter(converter, monkeypatch):
    data = formats.old_words({"x": formats.word_docx(OLD_WORD_PARAS)})["x"]
    if converter == "soffice":
        real = legacy.shutil.which
        monkeypatch.setattr(legacy.shutil, "which", lambda name: None if name == "antiword" else real(name))
    reading, tree = parsed(data)
    assert reading.kind == "doc"
    headings = [(p.label, p.heading) for p in tree.walk() if p.label]
    assert headings[:1] + headings[-1:] == [("一、", "支持企业研发"), ("二、", "支持平台建设")]
    assert "对新认定的高新技术企业，给予最高30万元奖励。" in reading.text.split("\n")


def test_a_tiny_old_word_file_falls_back_to_libreoffice():
    """antiword refuses a text stream of a line or two; LibreOffice reads it."""
    if not formats.shutil.which("soffice"):
        pytest.skip("needs LibreOffice: make install-office")
    data = formats.old_words({"x": formats.word_docx(["第一条　本办法自发布之日起施行。"])})["x"]
    assert read(data, "", max_bytes=MAX).text == "第一条　本办法自发布之日起施行。"


def test_old_word_without_converters_says_how_to_install(monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    with pytest.raises(SourceError, match="make install-office"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "", max_bytes=MAX)


@pytest.mark.django_db
def test_a_scan_may_weigh_more_than_a_text(tmp_path, settings):
    """A file's size limit and its text's are separate: a scan of a few
    pages outweighs the text limit and is read; its text is what is held to
    the text limit."""
    settings.INGEST_MAX_BYTES = 4000
    printed = formats.printed_pdf(["第一条　为促进科技创新，制定本办法。", "第二条　本办法自发布之日起施行。"])
    assert len(printed) > 4000
    reading = read(printed, "", max_bytes=4000, max_file_bytes=10**7)
    assert "第二条" in reading.text
    with pytest.raises(SourceError, match="file too large"):
        read(printed, "", max_bytes=4000)
    with pytest.raises(SourceError, match="text read from the file is too large"):
        read(printed, "", max_bytes=20, max_file_bytes=10**7)
    path = tmp_path / "scan.pdf"
    path.write_bytes(printed)
    call_command("ingest", str(path), verbosity=0, stdout=io.StringIO())
    assert Document.objects.filter(key="scan").exists()


@pytest.mark.parametrize(
    "line, expected",
    [
        ("二o一一年六月七日", "二○一一年六月七日"),
        ("二O二三年十二月一日", "二○二三年十二月一日"),
        ("二0一九年", "二○一九年"),
        ("各市〈《州)人民政府，各县〈市)人民政府", "各市（州）人民政府，各县（市）人民政府"),
        ("《若干意见》〈吉发【2010]19号)", "《若干意见》（吉发〔2010〕19号）"),
        ("（粤府〔2021〕7号）", "（粤府〔2021〕7号）"),
        ("经费占GDP的2.5%，2020年达到30家", "经费占GDP的2.5%，2020年达到30家"),
        ("《创新型吉林建设科技行动计划》已经省政府同意", "《创新型吉林建设科技行动计划》已经省政府同意"),
    ],
)
def test_ocr_confusions_are_corrected_only_where_the_context_is_clear(line, expected):
    assert ocr.corrected(line) == expected
    assert not ocr.NOTHING_TO_READ.match(expected)
    assert ocr.NOTHING_TO_READ.match("_:-") and ocr.NOTHING_TO_READ.match("。、")


def _placed(rows):
    """Lines of one page: (left, right, text), 16 pt apart, margins 50–500."""
    from documents.readers.layout import PlacedLine

    return [
        PlacedLine(page=1, top=100 + 22 * i, bottom=116 + 22 * i, x0=x0, x1=x1, size=16, text=text)
        for i, (x0, x1, text) in enumerate(rows)
    ]


def test_a_line_ending_on_a_comma_goes_on_however_short():
    from documents.readers.layout import paragraphs

    full = "企业成为技术创新的投入主体、研发主体和成果应用主体，全省经费占比达到"
    rows = [
        (82, 500, "力争到2015年，基本建成适应新型工业化发展要求的创新体系"),
        (50, 430, "和区域创新体系，"),  # OCR read the right edge short
        (50, 500, full),
        (50, 300, "百分之二以上。"),
        (82, 500, "到2020年，培育科技型企业500家、"),
        (82, 500, "（二）重点任务"),  # a heading after a comma still opens a paragraph
    ]
    out, _hints = paragraphs([_placed(rows)])
    assert out[0].endswith("和区域创新体系，" + full + "百分之二以上。")
    assert out[1:] == ["到2020年，培育科技型企业500家、", "（二）重点任务"]
