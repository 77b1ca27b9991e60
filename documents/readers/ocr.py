"""OCR of scanned pages with Tesseract (``chi_sim``), an optional extra.

Chosen over rapidocr for this step because it is a Debian package (no model
download, no 100 MB wheel) and reads a clean 300-dpi page in seconds on two
cores.  Its lines (TSV output) become ``PlacedLine`` rows so that a scan goes
through the same paragraph logic as a text layer.  What Tesseract reports
beside the characters is unreliable -- its spaces, the boxes of single
characters, its confidence -- so each character is placed on the ink of the
page instead (glyphs.py): the spaces and cell separators of the print and a
line's extent come from there, and a mark read into a blank goes.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import statistics
import subprocess
from collections import defaultdict
from dataclasses import dataclass

from PIL import Image

from documents.parsing.encoding import SourceError
from documents.readers import glyphs
from documents.readers.layout import PlacedLine

RENDER_DPI = 300
POINTS_PER_INCH = 72
# chi_sim alone reads the Latin letters of these texts (R&D, GDP) too, and was
# both faster and more accurate than chi_sim+eng on a rendered page.
LANGUAGES = "chi_sim"
TIMEOUT_SECONDS = 120
MIN_CONFIDENCE = 10
# A line whose words' median confidence is below this was guessed, not read.
LINE_CONFIDENCE = 50
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
    with Image.open(io.BytesIO(png)) as image:
        tsv = result.stdout.decode("utf-8")
        return _lines(tsv, image.convert("L"), scale=scale, page=page)


@dataclass
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float


def _words(tsv: str) -> list[list[_Word]]:
    """Tesseract's words by line.  A word with a Han character, a digit or
    a letter is kept whatever its confidence: Tesseract gives a correctly
    read 辐, or the digits of a letter-spaced "２０２０", next to nothing, and
    a line that lost them loses the year of its sentence.  A mark alone
    below ``MIN_CONFIDENCE`` is a speck."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple[str, str, str], list[_Word]] = defaultdict(list)
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row["conf"])
        if conf < MIN_CONFIDENCE and NOTHING_TO_READ.match(text):
            continue
        left, top = int(row["left"]), int(row["top"])
        right, bottom = left + int(row["width"]), top + int(row["height"])
        key = (row["block_num"], row["par_num"], row["line_num"])
        lines[key].append(_Word(text, left, top, right, bottom, conf))
    return list(lines.values())


# What Tesseract makes of a "— 7 —" page mark in a small font: "一写一",
# "_:丈-", "一:到", "二44二"; a short line of dashes around at most two
# characters.  Only a centred line at the top or foot of a page that also
# looks like this (or that the engine could not read) is taken for one.
MISREAD_PAGE_MARK = re.compile(r"[一二\-—–_~=:：.,，]*[^\W_]{0,2}[一二\-—–_~=:：.,，]*")
DASHES = re.compile(r"^[一二\-—–_~]|[一二\-—–_~]$")
MAX_MARK_CHARS = 7


def _page_mark(line: list[_Word], text: str, centre: float, unit: float) -> bool:
    middle = (min(w.left for w in line) + max(w.right for w in line)) / 2
    if len(text) > MAX_MARK_CHARS or abs(middle - centre) > 2 * unit:
        return False
    misread = MISREAD_PAGE_MARK.fullmatch(text) and DASHES.search(text)
    return bool(misread) or statistics.median(w.conf for w in line) < LINE_CONFIDENCE


def _box(line: list[_Word]) -> tuple[int, int, int, int]:
    return (
        min(w.left for w in line),
        min(w.top for w in line),
        max(w.right for w in line),
        max(w.bottom for w in line),
    )


def _without_page_marks(lines: list[list[_Word]], unit: float) -> list[list[_Word]]:
    """The lines (top to bottom) but a misread page mark first or last."""
    if len(lines) < 3:
        return lines
    boxes = [_box(line) for line in lines]
    widest = max(right - left for left, _, right, _ in boxes)
    centre = statistics.median(
        (left + right) / 2 for left, _, right, _ in boxes if right - left >= widest / 2
    )
    edges = {0, len(lines) - 1}
    return [
        line
        for k, line in enumerate(lines)
        if k not in edges or not _page_mark(line, "".join(w.text for w in line), centre, unit)
    ]


def _lines(tsv: str, image: Image.Image, *, scale: float, page: int) -> list[PlacedLine]:
    """The page's lines, each character placed on its ink (glyphs.py)."""
    words = sorted(_words(tsv), key=lambda line: _box(line)[1])
    # The body's character size: the height of words of Han characters.
    han = [w.bottom - w.top for line in words for w in line if set(map(glyphs.kind, w.text)) == {"H"}]
    unit = statistics.median(han) if han else 40.0
    placed = []
    for line in _without_page_marks(words, unit):
        left, top, right, bottom = _box(line)
        # Tesseract's boxes may miss a character at either end by a glyph.
        band = (max(0, left - int(unit)), top, min(image.width, right + int(unit)), bottom)
        runs = glyphs.ink_runs(image, band)
        placed.append((line, glyphs.align("".join(w.text for w in line), runs, unit), runs))
    spacing = glyphs.Spacing([found for _, found, _ in placed])
    glyphs.colons([found for _, found, _ in placed], spacing.cell)
    lines = []
    for line, found, runs in placed:
        text = corrected(glyphs.spaced(found, spacing.separators(found, runs), unit))
        if NOTHING_TO_READ.match(text):
            continue
        left, top, right, bottom = _box(line)
        x0, x1 = _extent(found, runs, spacing) or (left, right)
        heights = sorted(w.bottom - w.top for w in line)
        lines.append(
            PlacedLine(
                page=page,
                top=top * scale,
                bottom=bottom * scale,
                x0=x0 * scale,
                x1=x1 * scale,
                size=heights[len(heights) // 2] * scale,
                text=text,
            )
        )
    lines.sort(key=lambda line: line.top)
    _parentheses(lines)
    # Glyph heights vary too much to tell a title's size from a line of
    # "万元。"; every OCR line gets the page's typical size.
    if lines:
        typical = sorted(line.size for line in lines)[len(lines) // 2]
        for line in lines:
            line.size = typical
    return lines


# An opening parenthesis read as an angle bracket: "〈责任单位：…）", its
# closing one at the end of the line or lines further down.  Official text
# sets "〈" only inside a title's 《》, closed by "〉": the first bracket after
# it on the page tells ("〈" before another opener, or last, is left).
ANGLE = re.compile(r"〈[(（]?")
BRACKET = re.compile(r"[()（）《》〈〉]")


def _parentheses(lines: list[PlacedLine]) -> None:
    for k, line in enumerate(lines):
        if "〈" not in line.text:
            continue
        rest = "".join(other.text for other in lines[k + 1 :])

        def opening(match: re.Match, line=line, rest=rest) -> str:
            if len(match.group(0)) == 2:  # "〈(": one parenthesis read as two
                return "（"
            bracket = BRACKET.search(line.text[match.end() :] + rest)
            return "（" if bracket and bracket.group(0) in "）)" else match.group(0)

        line.text = ANGLE.sub(opening, line.text)


def _extent(
    found: list[glyphs.Glyph], runs: list[glyphs.Run], spacing: glyphs.Spacing
) -> tuple[float, float] | None:
    """Where the line's first character cell starts and its last one ends, as
    a text layer gives them: a line opening with "“" starts at the margin
    though its ink starts half a character in (an indent), and one ending
    with "，" reaches the margin.  Ink next to the line that the recogniser
    did not read (a quote mark it missed) counts too."""
    inked = [g for g in found if g.x0 is not None]
    if not inked:
        return None
    first, last = inked[0], inked[-1]
    x0 = first.x0 - spacing.bearing(first, "left")
    x1 = last.x1 + spacing.bearing(last, "right")
    before = [r.x0 for r in runs if r.x1 <= first.x0 and first.x0 - r.x1 <= spacing.cell]
    after = [r.x1 for r in runs if r.x0 >= last.x1 and r.x0 - last.x1 <= spacing.cell]
    return min([x0, *before]), max([x1, *after])


# Tesseract's usual confusions in official Chinese text, corrected only where
# the characters around them leave no doubt.  Order matters: a document
# number's brackets before the parenthesis around it.
def _year_in_numerals(match: re.Match) -> str:
    """二〇GO五年 -> 二〇○五年: each letter a circle, and a year of five
    numerals (one circle read as two letters) loses the second letter."""
    year = match.group(0)
    out = [
        "○" if ch in LETTERS_FOR_ZERO else ch
        for k, ch in enumerate(year)
        if not (
            len(year) > 4
            and ch in LETTERS_FOR_ZERO
            and k
            and year[k - 1] in LETTERS_FOR_ZERO
        )
    ]
    return "".join(out)


LETTERS_FOR_ZERO = "oO0GQD"
CONFUSIONS = (
    # 二〇GO五年: in a year of Chinese numerals, the circle read as letters.
    (
        re.compile(r"[〇○零一二三四五六七八九][〇○零一二三四五六七八九oO0GQD]{2,4}(?=年)"),
        _year_in_numerals,
    ),
    # 二○一一年: the circle read as a Latin o/O or a zero between Chinese numerals.
    (re.compile(r"(?<=[〇○零一二三四五六七八九十])[oO0](?=[〇○零一二三四五六七八九十年月日])"), "○"),
    # 吉发【2010]19号: the year brackets of a document number, any shape.
    (re.compile(r"(?<=[\u4e00-\u9fff])[【\[〈(（]((?:19|20)\d\d)[\]】〉)）]"), r"〔\1〕"),
    # 〈州) / 《州): an opening full-width parenthesis read as an angle bracket.
    (re.compile(r"[〈《]+([^〈〉《》()（）]{1,20})\)"), r"（\1）"),
    # 15一30万元, 2021一2025年: a dash between two numbers read as the numeral
    # 一, which never stands between Arabic digits.
    (re.compile(r"(?<=\d)一(?=\d)"), "-"),
    # 0，4个百分点: a full-width decimal point read as a comma.  Only with one
    # to three digits before and one or two after: "5，000" groups thousands.
    (re.compile(r"(?<![\d.,，])(\d{1,3})，(\d{1,2})(?![\d.,，])"), r"\1.\2"),
    # ({Z元): 亿 read as a brace and a Z, which no Chinese text has.
    (re.compile(r"\{Z(?=[\u4e00-\u9fff])"), "亿"),
)
# A line with nothing to read (no Han character, digit or letter): specks.
NOTHING_TO_READ = re.compile(r"^[\W_]*$")


def corrected(text: str) -> str:
    for pattern, replacement in CONFUSIONS:
        text = pattern.sub(replacement, text)
    return text


def read_page(page, number: int) -> list[PlacedLine]:
    """OCR one pypdfium2 page."""
    if not available():
        raise SourceError(NOT_INSTALLED)
    bitmap = page.render(scale=RENDER_DPI / POINTS_PER_INCH, grayscale=True)
    image = bitmap.to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return read_image(buffer.getvalue(), scale=POINTS_PER_INCH / RENDER_DPI, page=number)
