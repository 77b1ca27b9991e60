"""Other formats of a text document, made for the tests: a printed PDF with
page numbers and a running header, the same pages as an OFD, a .docx, a
government-site HTML page with navigation and footer, and a scanned PDF
rendered from the printed one.

Each is built from the text's paragraphs as the parser reads them (the raw
lines of each paragraph joined), so a reader that restores the paragraphs
gives the parser the same input as the text file."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from documents.parsing import decode, normalise, parse

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WenQuanYiMicroHei"
SIZE = 12
CHARS_PER_LINE = 28  # GB/T 9704: 28 characters a line
LINES_PER_PAGE = 22  # …and 22 lines a page
RUNNING_HEADER = "吉林省科技政策文件汇编（测试打印）"


def paragraphs(path: Path) -> list[str]:
    """The text's paragraphs, each as its raw lines joined (as printed)."""
    raw = decode(path.read_bytes(), max_bytes=10**8)
    normalised = normalise(raw)
    # A table row wrapped in the text keeps its cells apart when re-joined.
    rows = {p.start for p in parse(normalised) for p in p.walk() if p.kind == "table_row"}
    out, start = [], 0
    for line in normalised.text.split("\n"):
        end = start + len(line)
        if line:
            first, last = normalised.raw_offset(start), normalised.raw_offset(end - 1)
            lo = raw.rfind("\n", 0, first) + 1
            hi = raw.find("\n", last)
            pieces = raw[lo : hi if hi != -1 else len(raw)].split("\n")
            kept = [p.strip() for p in pieces if p.strip() and not _is_mark(p)]
            row = any(start <= offset < end for offset in rows)
            out.append(("\u3000" if row else "").join(kept))
        start = end + 1
    return out


def _is_mark(line: str) -> bool:
    from documents.parsing.lines import is_page_mark
    from documents.parsing.normalise import fold_text

    return is_page_mark(fold_text(line).replace(" ", ""))


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return pdfmetrics


def _wrap(text: str, first: float, width: float, metrics) -> list[str]:
    lines, current, room = [], "", width - first
    for ch in text:
        w = metrics.stringWidth(current + ch, FONT, SIZE)
        if w > room and current:
            lines.append(current)
            current, room = "", width
        current += ch
    lines.append(current)
    return lines


@dataclass(frozen=True)
class PrintedLine:
    """One line of the printed page: points from the page's left and bottom
    edges (PDF's origin), centred lines by their middle."""

    page: int
    x: float
    y: float
    size: float
    text: str
    centred: bool = False


def printed_lines(paras: list[str]) -> list[PrintedLine]:
    """A4, body indented two characters, "— N —" at the foot, a running
    header: the lines of every page, as printed_pdf and ofd_document lay them."""
    from reportlab.lib.pagesizes import A4

    metrics = _font()
    page_w, page_h = A4
    width = CHARS_PER_LINE * SIZE
    left = (page_w - width) / 2
    leading = SIZE * 1.9
    top = page_h - 90
    page, y = 1, top
    out: list[PrintedLine] = []

    def furniture() -> None:
        out.append(PrintedLine(page, page_w / 2, page_h - 50, 9, RUNNING_HEADER, centred=True))
        out.append(PrintedLine(page, page_w / 2, 50, 10.5, f"— {page} —", centred=True))

    furniture()
    for para in paras:
        for k, line in enumerate(_wrap(para, 2 * SIZE, width, metrics)):
            if y < top - LINES_PER_PAGE * leading:
                page += 1
                y = top
                furniture()
            out.append(PrintedLine(page, left + (2 * SIZE if k == 0 else 0), y, SIZE, line))
            y -= leading
    return out


def printed_pdf(paras: list[str]) -> bytes:
    """A4, body indented two characters, "— N —" at the foot, a running header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    page = 1
    for line in printed_lines(paras):
        if line.page != page:
            pdf.showPage()
            page = line.page
        pdf.setFont(FONT, line.size)
        if line.centred:
            pdf.drawCentredString(line.x, line.y, line.text)
        else:
            pdf.drawString(line.x, line.y, line.text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


OFD_NS = "http://www.ofdspec.org/2016"
MM_PER_POINT = 25.4 / 72


def ofd_document(paras: list[str]) -> bytes:
    """The printed pages as an OFD (GB/T 33190): OFD.xml, Document.xml, one
    Content.xml per page holding a TextObject per line, boxes in millimetres
    from the page's top left, every character's advance in DeltaX."""
    from reportlab.lib.pagesizes import A4

    metrics = _font()
    page_w, page_h = A4
    pages: dict[int, list[str]] = {}
    ids = iter(range(100, 10**9))
    for line in printed_lines(paras):
        advances = [metrics.stringWidth(ch, FONT, line.size) for ch in line.text]
        width = sum(advances)
        x = line.x - width / 2 if line.centred else line.x
        size = line.size * MM_PER_POINT
        top = (page_h - line.y) * MM_PER_POINT - size  # the baseline is y
        deltas = " ".join(f"{a * MM_PER_POINT:.3f}" for a in advances[:-1])
        pages.setdefault(line.page, []).append(
            f'<ofd:TextObject ID="{next(ids)}" Boundary="{x * MM_PER_POINT:.3f} {top:.3f} '
            f'{width * MM_PER_POINT:.3f} {size * 1.2:.3f}" Font="2" Size="{size:.3f}">'
            f'<ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{deltas}">{html.escape(line.text)}'
            "</ofd:TextCode></ofd:TextObject>"
        )
    box = f"0 0 {page_w * MM_PER_POINT:.2f} {page_h * MM_PER_POINT:.2f}"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    files = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>policybase-test</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{next(ids)}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>{box}"
        "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        "</ofd:CommonData><ofd:Pages>"
        + "".join(
            f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in sorted(pages)
        )
        + "</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'{head}<ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        f'<ofd:Font ID="2" FontName="{FONT}" FamilyName="{FONT}"/></ofd:Fonts></ofd:Res>',
    }
    for n, objects in pages.items():
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'{head}<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="{n}">'
            + "".join(objects)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def scanned_pdf(printed: bytes, *, pages: int = 1, dpi: int = 200, first: int = 0) -> bytes:
    """``pages`` pages of a printed PDF from ``first`` on as images only (a scan)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(printed)
    images = [
        document[k].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        for k in range(first, min(first + pages, len(document)))
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def word_docx(paras: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for para in paras:
        document.add_paragraph(para)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def government_page(paras: list[str], *, title: str | None, meta: dict[str, str]) -> bytes:
    """A saved page of a provincial government site: navigation, breadcrumbs,
    the metadata table, the title, the article box, a share bar, a footer."""
    esc = html.escape
    rows = "".join(
        f"<tr><td class='label'>{esc(k)}：</td><td>{esc(v)}</td></tr>" for k, v in meta.items()
    )
    body = "".join(f"<p style='text-indent:2em'>{esc(p)}</p>" for p in paras)
    heading = f"<h1 class='title'>{esc(title)}</h1>" if title else ""
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{esc(title or "政策文件")}_吉林省人民政府</title>
<meta name="ArticleTitle" content="{esc(title or "")}">
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav li {{ display: inline }}</style></head>
<body>
<div class="header"><img src="logo.png" alt="吉林省人民政府"><span>吉林省人民政府 主办</span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/bs">办事服务</a></li><li><a href="/hd">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 政策文件</div>
<table class="xxgk-table">{rows}</table>
<div class="article">{heading}
<div id="UCAP-CONTENT">{body}</div>
<div class="bdshare">分享到：微信 微博 QQ空间</div>
<div class="print-bar"><a href="javascript:window.print()">【打印本页】</a><a href="#">【关闭窗口】</a></div>
</div>
<div class="footer">主办：吉林省人民政府办公厅 版权所有 吉ICP备05002033号 网站标识码2200000025</div>
</body></html>"""
    return page.encode("utf-8")


needs_office = pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice writes the .doc test files: make install-office",
)


def old_words(docx: dict[str, bytes]) -> dict[str, bytes]:
    """Word 97–2003 binaries (.doc) of .docx files, as LibreOffice saves them."""
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for stem, data in docx.items():
            sources.append(Path(folder) / f"{stem}.docx")
            sources[-1].write_bytes(data)
        subprocess.run(
            ["soffice", "--headless", "--norestore",
             f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
             "--convert-to", "doc", "--outdir", folder, *map(str, sources)],
            capture_output=True, timeout=600, check=True,
        )
        return {stem: (Path(folder) / f"{stem}.doc").read_bytes() for stem in docx}
