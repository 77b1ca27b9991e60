"""PDF: the text layer with pypdfium2, OCR for pages without one.

pypdfium2 keeps CJK reading order and full-width decimals and gives every
character its box, so lines come with their position and layout.py re-joins
paragraphs from the indents and margins instead of guessing from widths.
A page with fewer than ``MIN_PAGE_CHARS`` characters but an image is a scan:
it is rendered and read by OCR (ocr.py).
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from documents.parsing.encoding import SourceError
from documents.readers import layout, ocr
from documents.readers.layout import PlacedLine
from documents.readers.types import Reading

MIN_PAGE_CHARS = 20
BOLD_WEIGHT = 600
# pdfium reports a hyphen at a line end as a soft hyphen; in these documents
# it is a printed one ("2014-2020").  A glyph its font maps to no character
# comes as code 0: a space (an ideographic space between table cells, a
# private-use symbol), never a NUL, which PostgreSQL cannot store in text.
CHAR_FIXES = {"\u00ad": "-", "\ufffe": "-", "\x02": "-", "\x00": " "}


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise SourceError(
                "PDF 已加密，无法读取 / the PDF is encrypted (password protected)"
            ) from None
        raise SourceError(f"PDF 文件已损坏 / the PDF is corrupt ({exc})") from None


def _page_lines(page: pdfium.PdfPage, number: int) -> tuple[list[PlacedLine], int]:
    """The printed lines of one page and its count of printed characters."""
    textpage = page.get_textpage()
    height = page.get_height()
    raw = textpage.raw
    lines: list[PlacedLine] = []
    chars: list[tuple[str, tuple[float, float, float, float], float, bool]] = []
    printed = 0

    def flush() -> None:
        boxes = [box for ch, box, _, _ in chars if not ch.isspace()]
        if boxes:
            sizes = [size for ch, _, size, _ in chars if not ch.isspace()]
            bolds = [bold for ch, _, _, bold in chars if not ch.isspace()]
            lines.append(
                PlacedLine(
                    page=number,
                    top=height - max(b[3] for b in boxes),
                    bottom=height - min(b[1] for b in boxes),
                    x0=min(b[0] for b in boxes),
                    x1=max(b[2] for b in boxes),
                    size=sorted(sizes)[len(sizes) // 2],
                    text="".join(ch for ch, _, _, _ in chars),
                    bold=sum(bolds) > len(bolds) / 2,
                )
            )
        chars.clear()

    for i in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(raw, i))
        ch = CHAR_FIXES.get(ch, ch)
        if ch in "\r\n":
            if ch == "\n" or not chars:
                flush()
            continue
        box = textpage.get_charbox(i, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(raw, i) or (box[3] - box[1])
        bold = pdfium_c.FPDFText_GetFontWeight(raw, i) >= BOLD_WEIGHT
        if not ch.isspace():
            printed += 1
        chars.append((ch, box, size, bold))
    flush()
    textpage.close()
    return lines, printed


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def read_pdf(data: bytes) -> Reading:
    document = _open(data)
    try:
        pages: list[list[PlacedLine]] = []
        warnings: list[str] = []
        ocr_pages = 0
        for number in range(len(document)):
            page = document[number]
            lines, printed = _page_lines(page, number)
            if printed < MIN_PAGE_CHARS and _has_image(page):
                lines = ocr.read_page(page, number)
                ocr_pages += 1
            pages.append(lines)
            page.close()
        if ocr_pages:
            warnings.append(f"{ocr_pages} 页经 OCR 识别 / {ocr_pages} page(s) read by OCR")
        info = {k: v for k, v in document.get_metadata_dict().items() if v and k in ("Title", "Subject", "Author")}
        return layout.reading("pdf", pages, meta=info, warnings=warnings)
    finally:
        document.close()
