"""Where each character of an OCR line sits on the page, and where the line
has a space that the recogniser did not report.

Tesseract's boxes for single Chinese characters and letter-spaced digits are
unreliable (a digit reported one glyph to the right, a character 1 px wide),
and its spaces between words are too: it spaces out the digits of "２０２０"
but runs "（人） ２９１０ ３３００" together.  The ink on the page is reliable.
Here the columns of ink in a line's band are grouped into glyphs by the
characters the recogniser read (a Han character is one glyph of about the
body's width, a digit a narrow one, a comma a speck; ``align``), and every
blank between two neighbours is compared with what those two glyphs leave
blank anyway: their side bearings, learnt from the page itself (``Spacing``).
A blank that exceeds them by a space's width is a space; by most of a
character's width, a cell separator (the ideographic space a table or a
"第一章　总则" heading is set with).  A comma or quote mark the recogniser put
in a blank where there is no ink at all is dropped.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

# A column holds ink when one of its pixels is darker than this.
INK_LEVEL = 140
# Ink narrower and lower than this share of the body's height is a speck.
SPECK = 0.1
# A blank this much (in character widths) beyond the glyphs' own bearings is
# a space (a half-width space is about 0.25 of a character)…
SPACE_EXCESS = 0.15
# …and this much a cell separator.
CELL_EXCESS = 0.6
CELL_SEPARATOR = "\u3000"

# Marks that open what follows: a space may stand before them, never after.
OPENING = set("（〔【「『“‘《〈([<>＜＞≤≥~～+＋±")
# Marks a recogniser reads into a blank when nothing is printed there.
PHANTOMS = set("“”\"'‘’，,、.。")


@dataclass
class Glyph:
    char: str
    x0: int | None = None  # ink extent in pixels; None when no ink was found
    x1: int | None = None
    bottom: float = 1.0  # where its ink ends, as in ``Run``


def kind(ch: str) -> str:
    """The width class of a character: Han, digit, Latin, punctuation."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or ch in "〇○":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    return "P"


# Ink width of each class in units of the body's Han glyph width, with the
# widest blank allowed inside one glyph (a Han character's radicals).
WIDTHS = {
    "H": (0.68, 1.10, 0.35),
    "D": (0.12, 0.70, 0.06),
    "L": (0.08, 1.15, 0.06),
    "P": (0.04, 1.15, 0.2),
}
SKIP_CHAR = 4.0  # a character without ink: read from a blank, or touching
SKIP_PHANTOM = 2.0  # …a quote or comma, which a recogniser reads into blanks
SKIP_INK = 1.0  # ink left unread (a speck, a character the recogniser lost)
TOUCHING = 2.5  # two characters whose ink touches (one run for both)
MAX_INK_PER_GLYPH = 8


@dataclass(frozen=True)
class Run:
    """Consecutive columns with ink: x0..x1 on the page, and how high in the
    line the ink sits (0 the top of the line's body, 1 its baseline)."""

    x0: int
    x1: int
    top: float = 0.0
    bottom: float = 1.0


def ink_runs(image: Image.Image, box: tuple[int, int, int, int]) -> list[Run]:
    """The runs of columns with ink in ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box
    if right <= left or bottom <= top:
        return []
    ink = image.crop(box).point(lambda v: 255 if v < INK_LEVEL else 0)
    profile = ink.resize((right - left, 1), Image.Resampling.BOX).tobytes()
    spans, start = [], None
    for x, value in enumerate(profile):
        if value > 0 and start is None:
            start = x
        elif value == 0 and start is not None:
            spans.append((start, x))
            start = None
    if start is not None:
        spans.append((start, right - left))
    rows = [_rows(ink.crop((x0, 0, x1, bottom - top))) for x0, x1 in spans]
    # The body: where the ink of most runs (the characters) starts and ends.
    tall = sorted(rows, key=lambda r: r[0] - r[1])[: max(1, len(rows) // 2)]
    body_top = statistics.median(r[0] for r in tall)
    body = max(1.0, statistics.median(r[1] for r in tall) - body_top)
    # A speck (a dot of dust, a scanner's noise) is no mark: narrower and
    # lower than a full stop.
    return [
        Run(left + x0, left + x1, (y0 - body_top) / body, (y1 - body_top) / body)
        for (x0, x1), (y0, y1) in zip(spans, rows, strict=True)
        if x1 - x0 >= SPECK * body or y1 - y0 >= SPECK * body
    ]


def _rows(ink: Image.Image) -> tuple[int, int]:
    """The first and last row of a run with ink in two of its columns (or
    its one): a speck above a comma does not make it tall."""
    counts = ink.resize((1, ink.height), Image.Resampling.BOX).tobytes()
    need = min(2, ink.width) * 255 / ink.width - 0.5
    inked = [y for y, value in enumerate(counts) if value >= need]
    return (inked[0], inked[-1] + 1) if inked else (0, ink.height)


# The usual ink width of a Han character and a digit: a glyph cut in two to
# give a quote mark the recogniser invented some ink costs more than the mark.
TYPICAL = {"H": 0.98, "D": 0.5}


def _width_cost(k: str, span: float, unit: float) -> float:
    lo, hi, _gap = WIDTHS[k]
    lo, hi = lo * unit, hi * unit
    off = lo - span if span < lo else span - hi if span > hi else 0.0
    cost = (off / (0.1 * unit)) ** 2
    if k in TYPICAL:
        cost += ((span - TYPICAL[k] * unit) / (0.25 * unit)) ** 2
    return cost


# Marks whose ink sits high in the line (quotes) or low (commas, points): a
# recogniser's quote mark is not the left stroke of the next character.
HIGH_MARKS = set("“”‘’\"'`")
LOW_MARKS = set("，。、．.,_")
MISPLACED = 10.0


def _height_cost(ch: str, runs: list[Run]) -> float:
    if ch in HIGH_MARKS and max(r.bottom for r in runs) > 0.6:
        return MISPLACED
    if ch in LOW_MARKS and min(r.top for r in runs) < 0.4:
        return MISPLACED
    return 0.0


def align(text: str, runs: list[Run], unit: float) -> list[Glyph]:
    """Each character of ``text`` with the ink it was read from: a monotone
    assignment of consecutive ink runs to characters that fits the
    characters' widths best (dynamic programming over characters x runs)."""
    n, m = len(text), len(runs)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    kinds = [kind(ch) for ch in text]
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if j < m:  # ink nobody read
                w = runs[j].x1 - runs[j].x0
                c = here + SKIP_INK + 4 * w / unit
                if c < cost[i][j + 1]:
                    cost[i][j + 1], back[i][j + 1] = c, (i, j)
            if i < n:  # a character without ink
                c = here + (SKIP_PHANTOM if text[i] in PHANTOMS else SKIP_CHAR)
                if c < cost[i + 1][j]:
                    cost[i + 1][j], back[i + 1][j] = c, (i, j)
                max_gap = WIDTHS[kinds[i]][2] * unit
                for k in range(j + 1, min(m, j + MAX_INK_PER_GLYPH) + 1):
                    if k > j + 1 and runs[k - 1].x0 - runs[k - 2].x1 > max_gap:
                        break
                    span = runs[k - 1].x1 - runs[j].x0
                    c = (
                        here
                        + _width_cost(kinds[i], span, unit)
                        + _height_cost(text[i], runs[j:k])
                    )
                    if c < cost[i + 1][k]:
                        cost[i + 1][k], back[i + 1][k] = c, (i, j)
            # Two characters printed touching: one run too wide for either.
            if (
                i + 1 < n
                and j < m
                and runs[j].x1 - runs[j].x0
                > max(WIDTHS[kinds[i]][1], WIDTHS[kinds[i + 1]][1]) * unit
            ):
                w = runs[j].x1 - runs[j].x0
                lo = (WIDTHS[kinds[i]][0] + WIDTHS[kinds[i + 1]][0]) * unit
                hi = (WIDTHS[kinds[i]][1] + WIDTHS[kinds[i + 1]][1]) * unit
                off = lo - w if w < lo else w - hi if w > hi else 0.0
                c = here + TOUCHING + (off / (0.1 * unit)) ** 2
                if c < cost[i + 2][j + 1]:
                    cost[i + 2][j + 1], back[i + 2][j + 1] = c, (i, j)
    glyphs = [Glyph(ch) for ch in text]
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        if pj < j:
            for g in glyphs[pi:i]:
                g.x0, g.x1 = runs[pj].x0, runs[j - 1].x1
                g.bottom = max(r.bottom for r in runs[pj:j])
        i, j = pi, pj
    return glyphs


class Spacing:
    """Side bearings of the page's glyphs, learnt from the blanks between
    neighbours: a pair without a space leaves ``right(a) + left(b)`` blank.
    Han characters and digits sit centred in a cell (the body's width for
    Han; full- or half-width for digits, told by their pitch).  A mark's
    bearing is learnt on the side that never has a space beside it -- the
    left of "，" or "）", the right of "（" or "＞" -- and the other side is
    what its full-width cell leaves (a document may set a space before every
    "（", so the blank there says nothing); a mark seen too rarely is taken
    as centred."""

    def __init__(self, lines: list[list[Glyph]]):
        pairs = [(a, b) for glyphs in lines for a, b in _neighbours(glyphs)]
        han = [
            g.x1 - g.x0
            for glyphs in lines
            for g in glyphs
            if g.x0 is not None and kind(g.char) == "H"
        ]
        self.unit = statistics.median(han) if han else 40.0
        hh = [b.x0 - a.x1 for a, b in pairs if kind(a.char) == kind(b.char) == "H"]
        self.cell = self.unit + (statistics.median(hh) if hh else 0.1 * self.unit)
        pitches = [
            (b.x0 + b.x1 - a.x0 - a.x1) / 2
            for a, b in pairs
            if kind(a.char) == kind(b.char) == "D"
        ]
        self.digit_cell = statistics.median(pitches) if pitches else 0.55 * self.cell
        attached: dict[str, list[float]] = defaultdict(list)
        for a, b in pairs:
            gap = b.x0 - a.x1
            if kind(b.char) == "P" and kind(a.char) != "P" and b.char not in OPENING:
                attached[b.char].append(gap - self.bearing(a, "right"))
            if kind(a.char) == "P" and kind(b.char) != "P" and a.char in OPENING:
                attached[a.char].append(gap - self.bearing(b, "left"))
        self.attached = {
            ch: max(0.0, statistics.median(v))
            for ch, v in attached.items()
            if len(v) >= 3
        }

    def bearing(
        self, glyph: Glyph, side: str, digit_cell: float | None = None
    ) -> float:
        width = glyph.x1 - glyph.x0
        k = kind(glyph.char)
        if k == "D":
            return max(0.0, ((digit_cell or self.digit_cell) - width) / 2)
        blank = max(0.0, self.cell - width)
        learnt = self.attached.get(glyph.char) if k == "P" else None
        if learnt is None:
            return blank / 2
        learnt = min(learnt, blank)
        on_attached_side = (side == "right") == (glyph.char in OPENING)
        return learnt if on_attached_side else blank - learnt

    def separators(self, glyphs: list[Glyph], runs: Sequence[Run] = ()) -> list[str]:
        """The separator after each glyph ("" for none).  Where ink nobody
        read lies between two glyphs (a character the recogniser lost) the
        blank is not one."""
        out = [""] * len(glyphs)
        placed = [k for k, g in enumerate(glyphs) if g.x0 is not None]
        # A digit outside a number long enough to show its pitch may be
        # full-width: only a blank wider than a full cell's bearings counts.
        cells = _digit_cells(glyphs, placed)
        words = _letter_blanks(glyphs, placed)
        for a, b in zip(placed, placed[1:], strict=False):
            ga, gb = glyphs[a], glyphs[b]
            blank = gb.x0 - ga.x1
            if blank <= 0 or any(ga.x1 <= r.x0 and r.x1 <= gb.x0 for r in runs):
                continue
            if a in words and b == a + 1:
                # Inside a run of letters: a blank wider than its letters'.
                excess = blank - words[a]
            else:
                excess = (
                    blank
                    - self.bearing(ga, "right", cells.get(a, self.cell))
                    - self.bearing(gb, "left", cells.get(b, self.cell))
                )
            if excess >= CELL_EXCESS * self.cell:
                out[b - 1] = CELL_SEPARATOR
            elif excess >= SPACE_EXCESS * self.cell:
                out[b - 1] = " "
        return out


def _neighbours(glyphs: list[Glyph]):
    for a, b in zip(glyphs, glyphs[1:], strict=False):
        if a.x0 is not None and b.x0 is not None and a.x1 <= b.x0:
            yield a, b


def _runs(glyphs: list[Glyph], placed: list[int], char_kind: str):
    """The runs of consecutive placed glyphs of one ``kind`` ("D" digits, "L"
    letters), as lists of indexes."""
    run: list[int] = []
    for k in [*placed, None]:
        if k is not None and kind(glyphs[k].char) == char_kind and (not run or run[-1] == k - 1):
            run.append(k)
            continue
        if run:
            yield run
        run = [k] if k is not None and kind(glyphs[k].char) == char_kind else []


def _digit_cells(glyphs: list[Glyph], placed: list[int]) -> dict[int, float]:
    """Each digit's cell width from the pitch of its own number ("２０２０"
    full-width, "2020" half-width): the median step between the centres of
    neighbouring digits of the run it belongs to, when it has four digits or
    more (a space among them is then the odd step out)."""
    cells: dict[int, float] = {}
    for run in _runs(glyphs, placed, "D"):
        if len(run) >= 4:
            steps = [
                (glyphs[b].x0 + glyphs[b].x1 - glyphs[a].x0 - glyphs[a].x1) / 2
                for a, b in zip(run, run[1:], strict=False)
            ]
            pitch = statistics.median(steps)
            cells.update({d: pitch for d in run})
    return cells


def _letter_blanks(glyphs: list[Glyph], placed: list[int]) -> dict[int, float]:
    """For each letter followed by a letter, the usual blank between the
    letters of its run ("ＬＥＤ" letter-spaced, "LED" tight), when the run
    has three letters or more; a space between words is the odd one out."""
    blanks: dict[int, float] = {}
    for run in _runs(glyphs, placed, "L"):
        if len(run) >= 3:
            usual = statistics.median(
                glyphs[b].x0 - glyphs[a].x1 for a, b in zip(run, run[1:], strict=False)
            )
            blanks.update({a: usual for a in run[:-1]})
    return blanks


# A semicolon's tail reaches as low as a comma; a colon's lower dot stops
# short of it by about this share of the body (0.12-0.14 in the fonts seen),
# and so does a point.
TAIL = 0.07
COLONS = set(":：;；")
# A colon between digits set in a full-width cell ("1：1") leaves blanks of
# this share of a cell beside its ink on average; a half-width one ("9:00")
# hardly any.
FULL_WIDTH_BLANK = 0.3


def colons(lines: list[list[Glyph]], cell: float = 50.0) -> None:
    """Colons, semicolons and points told by the ink, not by what the
    recogniser read (``cell``: the page's character pitch).  The page's
    commas show where the baseline is.

    - "：" or "；": it reads the colon that opens a list (按照以下标准…：) as a
      semicolon, and the list's items lose the clause they belong to; a
      semicolon's tail reaches the commas' baseline, a colon's dot does not.
    - Full- or half-width: after Chinese (a Han character, a bracket) both
      are full-width, as the recogniser's "…等）;" ending a list item is not;
      after a digit set in a full cell too ("按照1：1比例", read "1:1"), as
      the blanks beside it tell; otherwise after a digit or a letter (10:30,
      http:) it is left as read.
    - A comma after a digit whose ink ends at the digits' baseline, with no
      tail below it, is a point: an item number "１１．" read "11,"."""
    commas = [
        g.bottom for line in lines for g in line if g.char in "，," and g.x0 is not None
    ]
    if len(commas) < 3:
        return
    baseline = statistics.median(commas)
    for line in lines:
        for k, glyph in enumerate(line):
            if glyph.x0 is None:
                continue
            if glyph.char in "，,":
                _point(line, k, baseline)
                continue
            if glyph.char not in COLONS:
                continue
            semicolon = glyph.bottom >= baseline - TAIL
            before = line[k - 1].char if k else ""
            if before.isascii() and before.isalnum() and not (
                before.isdigit() and _full_width(line, k, cell)
            ):
                continue
            glyph.char = "；" if semicolon else "："


def _point(line: list[Glyph], k: int, baseline: float) -> None:
    """"11," -> "11." when the comma's ink has no tail (see ``colons``); a
    point the recogniser read into the blank before it ("23.，") goes."""
    glyph = line[k]
    before = k - 1
    if before > 0 and line[before].x0 is None and line[before].char in ".．":
        before -= 1
    if before < 0 or not line[before].char.isdigit() or glyph.bottom >= baseline - TAIL:
        return
    glyph.char = "."
    for extra in line[before + 1 : k]:
        extra.char = ""


def _full_width(line: list[Glyph], k: int, cell: float) -> bool:
    glyph = line[k]
    blanks = [
        gap
        for gap in (
            glyph.x0 - line[k - 1].x1 if k and line[k - 1].x1 is not None else None,
            line[k + 1].x0 - glyph.x1
            if k + 1 < len(line) and line[k + 1].x0 is not None
            else None,
        )
        if gap is not None
    ]
    return bool(blanks) and sum(blanks) / len(blanks) >= FULL_WIDTH_BLANK * cell


def spaced(glyphs: list[Glyph], separators: list[str], unit: float) -> str:
    """The line's text with its separators; a phantom mark (a quote or comma
    without ink, read from a blank) is dropped."""
    out = []
    for k, glyph in enumerate(glyphs):
        if glyph.x0 is None and glyph.char in PHANTOMS and _in_blank(glyphs, k, unit):
            if separators[k] and out and not out[-1].endswith((" ", CELL_SEPARATOR)):
                out.append(separators[k])
            continue
        out.append(glyph.char + separators[k])
    return "".join(out).strip(" " + CELL_SEPARATOR)


def _in_blank(glyphs: list[Glyph], k: int, unit: float) -> bool:
    """Between two glyphs with room for a mark (a recogniser's "20.20" for
    the letter-spaced "２０２０", "第一章“”总则" for "第一章　总则")."""
    before = next((g for g in reversed(glyphs[:k]) if g.x0 is not None), None)
    after = next((g for g in glyphs[k + 1 :] if g.x0 is not None), None)
    return (
        before is not None and after is not None and after.x0 - before.x1 > 0.3 * unit
    )
