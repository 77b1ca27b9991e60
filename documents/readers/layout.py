"""Fixed-layout pages (PDF, OFD, OCR) to paragraphs.

Reads the text lines of each page with their position; writes one paragraph
per line plus layout hints.  Where the text path guesses paragraph breaks
from line widths, a fixed layout shows them: a paragraph opens with an
indent (GB/T 9704 indents two characters), after a line that stops short of
the right margin, at a change of font size, around a centred line, and after
a vertical gap.  Page furniture goes first: page marks ("— 2 —", "- 2 -",
OCR's "一3一", a bare number at the foot of the page) and running headers and
footers (the same first or last line on most pages, numbers aside).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from documents.parsing import lines as line_grammar
from documents.parsing.headings import HEADING_RULES
from documents.parsing.normalise import fold_text
from documents.readers.types import Hint, Reading

# OCR reads the dashes around a page number as "一" (一3一) or "-".
OCR_PAGE_MARK = re.compile(r"[一\-—–_~]{1,3}\s*\d{1,4}\s*[一\-—–_~]{1,3}")
# At the top or foot of a page a number alone is a page number, whatever OCR
# made of the dashes around it ("1 一", "第 2 页", "3/12").
BARE_PAGE_NUMBER = re.compile(
    r"[一\-—–_~]{0,3}\s*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?\s*[一\-—–_~]{0,3}"
)
# A line is indented when it starts this many characters right of the margin.
INDENT_CHARS = 0.8
# …short when it stops this many characters before the right margin.
SHORT_CHARS = 1.5
# …centred when both margins exceed this and differ by less than CENTRE_SLACK.
CENTRE_MARGIN_CHARS = 2.5
CENTRE_SLACK_CHARS = 2.0
# A change of size beyond this ratio separates paragraphs (title vs body).
SIZE_CHANGE = 1.15
# A vertical gap this many times the usual line pitch separates paragraphs.
GAP_PITCHES = 1.8


@dataclass
class PlacedLine:
    """One printed line: its text and box (points, from the page's top left)."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    bold: bool = False


def is_page_furniture_mark(text: str, at_edge: bool) -> bool:
    folded = fold_text(text)
    if line_grammar.is_page_mark(folded) or OCR_PAGE_MARK.fullmatch(folded):
        return True
    return at_edge and BARE_PAGE_NUMBER.fullmatch(folded) is not None


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", fold_text(text))


def remove_furniture(pages: list[list[PlacedLine]]) -> list[list[PlacedLine]]:
    """Drop page marks and running headers/footers from every page."""
    cleaned = []
    for lines in pages:
        kept = [
            line
            for k, line in enumerate(lines)
            if not is_page_furniture_mark(line.text, k in (0, len(lines) - 1))
        ]
        cleaned.append(kept)
    if len(cleaned) < 2:
        return cleaned
    edges: Counter[str] = Counter()
    for lines in cleaned:
        keys = {_running_key(line.text) for line in lines[:1] + lines[-1:]}
        edges.update(keys)
    needed = max(2, (len(cleaned) + 1) // 2)
    running = {key for key, n in edges.items() if n >= needed}
    if not running:
        return cleaned
    out = []
    for lines in cleaned:
        last = len(lines) - 1
        out.append(
            [
                line
                for k, line in enumerate(lines)
                if not (k in (0, last) and _running_key(line.text) in running)
            ]
        )
    return out


def _join(left: str, right: str) -> str:
    """A wrapped line continues its paragraph; only Latin words wrapped at a
    line end had a space between them (a number split across lines, "5" /
    "0亿元", had none)."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return left + " " + right
    return left + right


@dataclass(frozen=True)
class _Frame:
    left: float
    right: float
    unit: float  # the body's character width
    pitch: float  # the body's distance from one line to the next


def _frame(lines: list[PlacedLine], unit: float, pitch: float) -> _Frame:
    """The margins of one page (odd and even pages may be shifted)."""
    # The margin is the leftmost start shared by several lines (a stray
    # outdented line, a page number, does not move it).
    step = unit / 4
    lefts = Counter(round(line.x0 / step) for line in lines)
    common = max(lefts.values())
    shared = [x for x, n in lefts.items() if n >= max(2, common // 4)]
    left = min(shared or lefts) * step
    rights = sorted(line.x1 for line in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    return _Frame(left, right, unit, pitch)


def _frames(pages: list[list[PlacedLine]]) -> dict[int, _Frame]:
    lines = [line for page in pages for line in page]
    unit = statistics.median(line.size for line in lines) or 10.0
    pitches = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and b.top > a.top and abs(a.size - b.size) < 0.1 * unit
    ]
    pitch = statistics.median(pitches) if pitches else unit * 1.5
    return {page[0].page: _frame(page, unit, pitch) for page in pages if page}


def _centred(line: PlacedLine, frame: _Frame) -> bool:
    before, after = line.x0 - frame.left, frame.right - line.x1
    margin = CENTRE_MARGIN_CHARS * frame.unit
    return before > margin and after > margin and abs(before - after) < CENTRE_SLACK_CHARS * frame.unit


def reading(kind: str, pages: list[list[PlacedLine]], **extra) -> Reading:
    """The Reading of a fixed layout's pages (PDF, OFD, scans): one paragraph
    per line, with the hints ``paragraphs`` finds; ``extra``: meta, warnings."""
    text, hints = paragraphs(pages)
    return Reading(
        kind=kind,
        text="\n".join(text),
        lines_are_paragraphs=True,
        hints=hints,
        pages=len(pages),
        **extra,
    )


def paragraphs(pages: list[list[PlacedLine]]) -> tuple[list[str], list[Hint]]:
    """The paragraphs of the pages (furniture removed) and their hints."""
    pages = [[line for line in page if line.text.strip()] for page in remove_furniture(pages)]
    lines = [line for page in pages for line in page]
    if not lines:
        return [], []
    frames = _frames(pages)
    out: list[str] = []
    hints: list[Hint] = []
    prev: PlacedLine | None = None
    prev_centred = False
    for line in lines:
        text = line.text.strip()
        frame = frames[line.page]
        centred = _centred(line, frame)
        if prev is None or _breaks(prev, line, frame, prev_centred or centred):
            if prev is not None and line.page != prev.page:
                hints.append(Hint(len(out), "page_break"))
            out.append(text)
            if centred:
                hints.append(Hint(len(out) - 1, "centred"))
            if line.bold:
                hints.append(Hint(len(out) - 1, "bold"))
            if line.size > frame.unit * SIZE_CHANGE:
                hints.append(Hint(len(out) - 1, "heading"))
        else:
            out[-1] = _join(out[-1], text)
        prev, prev_centred = line, centred
    return out, hints


# A paragraph never ends on a comma or an enumeration comma: a line that does
# goes on, whatever its width says (OCR often loses a line's last characters
# or reads its right edge short, and a short line then looked like a break).
CONTINUES = "，、,"


def _continues(prev: PlacedLine, line: PlacedLine) -> bool:
    text = fold_text(line.text.strip())
    return prev.text.rstrip().endswith(tuple(CONTINUES)) and not any(
        rule.pattern.match(text) for rule in HEADING_RULES
    )


def _breaks(prev: PlacedLine, line: PlacedLine, frame: _Frame, centred: bool) -> bool:
    unit = frame.unit
    if _continues(prev, line):
        return False
    if centred:
        return True
    if max(prev.size, line.size) > min(prev.size, line.size) * SIZE_CHANGE:
        return True
    if line.x0 > frame.left + INDENT_CHARS * unit:
        return True
    if prev.x1 < frame.right - SHORT_CHARS * unit:
        return True
    if prev.page == line.page and line.top - prev.top > GAP_PITCHES * frame.pitch:
        return True
    return prev.bold != line.bold
