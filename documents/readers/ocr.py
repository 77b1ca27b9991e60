"""OCR of scanned pages with Tesseract (``chi_sim``), an optional extra.

Chosen over rapidocr for this step because it is a Debian package (no model
download, no 100 MB wheel) and reads a clean 300-dpi page in seconds on two
cores; its word boxes (TSV output) become ``PlacedLine`` rows so that a scan
goes through the same paragraph logic as a text layer.  Tesseract separates
Chinese characters by spaces; the normaliser drops spaces between them.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections import defaultdict

from documents.parsing.encoding import SourceError
from documents.readers.layout import PlacedLine

RENDER_DPI = 300
POINTS_PER_INCH = 72
# chi_sim alone reads the Latin letters of these texts (R&D, GDP) too, and was
# both faster and more accurate than chi_sim+eng on a rendered page.
LANGUAGES = "chi_sim"
TIMEOUT_SECONDS = 120
MIN_CONFIDENCE = 10
NOT_INSTALLED = (
    "扫描件需要 OCR，但未安装 Tesseract（chi_sim）：请运行 make install-ocr / "
    "this is a scan and needs OCR, but Tesseract (chi_sim) is not installed: "
    "run make install-ocr"
)


def available() -> bool:
    return shutil.which("tesseract") is not None


def read_image(png: bytes, *, scale: float, page: int) -> list[PlacedLine]:
    """Lines of one page image; ``scale`` converts pixels to points."""
    if not available():
        raise SourceError(NOT_INSTALLED)
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--psm", "6", "tsv"],
            input=png,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=True,
        )
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise SourceError(f"OCR 失败 / OCR failed: {' '.join(message)}") from None
    except subprocess.TimeoutExpired:
        raise SourceError("OCR 超时 / OCR timed out") from None
    rows = csv.DictReader(io.StringIO(result.stdout.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    words: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text and float(row["conf"]) >= MIN_CONFIDENCE:
            words[(row["block_num"], row["par_num"], row["line_num"])].append(row)
    lines = []
    for group in words.values():
        text = corrected(_join_words(w["text"] for w in group))
        if NOTHING_TO_READ.match(text):
            continue
        left = min(int(w["left"]) for w in group)
        right = max(int(w["left"]) + int(w["width"]) for w in group)
        top = min(int(w["top"]) for w in group)
        bottom = max(int(w["top"]) + int(w["height"]) for w in group)
        heights = sorted(int(w["height"]) for w in group)
        lines.append(
            PlacedLine(
                page=page,
                top=top * scale,
                bottom=bottom * scale,
                x0=left * scale,
                x1=right * scale,
                size=heights[len(heights) // 2] * scale,
                text=text,
            )
        )
    lines.sort(key=lambda line: line.top)
    # Glyph heights vary too much to tell a title's size from a line of
    # "万元。"; every OCR line gets the page's typical size.
    if lines:
        typical = sorted(line.size for line in lines)[len(lines) // 2]
        for line in lines:
            line.size = typical
    return lines


# Tesseract's usual confusions in official Chinese text, corrected only where
# the characters around them leave no doubt.  Order matters: a document
# number's brackets before the parenthesis around it.
CONFUSIONS = (
    # 二○一一年: the circle read as a Latin o/O or a zero between Chinese numerals.
    (re.compile(r"(?<=[〇○零一二三四五六七八九十])[oO0](?=[〇○零一二三四五六七八九十年月日])"), "○"),
    # 吉发【2010]19号: the year brackets of a document number, any shape.
    (re.compile(r"(?<=[\u4e00-\u9fff])[【\[〈(（]((?:19|20)\d\d)[\]】〉)）]"), r"〔\1〕"),
    # 〈州) / 《州): an opening full-width parenthesis read as an angle bracket.
    (re.compile(r"[〈《]+([^〈〉《》()（）]{1,20})\)"), r"（\1）"),
)
# A line with nothing to read (no Han character, digit or letter): specks.
NOTHING_TO_READ = re.compile(r"^[\W_]*$")


def corrected(text: str) -> str:
    for pattern, replacement in CONFUSIONS:
        text = pattern.sub(replacement, text)
    return text


def _join_words(words) -> str:
    """Tesseract gives each Chinese character (and digit) as a word; only
    Latin words keep a space between them ("R&D", "2 0 2 2" -> "2022")."""
    out = ""
    for word in words:
        if out and out[-1].isascii() and out[-1].isalpha() and word[0].isascii() and word[0].isalpha():
            out += " "
        out += word
    return out


def read_page(page, number: int) -> list[PlacedLine]:
    """OCR one pypdfium2 page."""
    if not available():
        raise SourceError(NOT_INSTALLED)
    bitmap = page.render(scale=RENDER_DPI / POINTS_PER_INCH, grayscale=True)
    image = bitmap.to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return read_image(buffer.getvalue(), scale=POINTS_PER_INCH / RENDER_DPI, page=number)
