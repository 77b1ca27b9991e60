"""Stage 2, normalisation: reads the decoded raw text, writes ``NormalisedText``.

The output has one paragraph per line and a map from every output character
back to the raw character that produced it (``raw_offsets``).  Three steps:

1. Characters, line by line: full-width ASCII and other compatibility forms
   are folded with NFKC ("２０１７" -> "2017", "Ｒ＆Ｄ" -> "R&D") except the
   Chinese punctuation （）：；，！？ and the circled numbers ①②, which keep
   their form; half-width , ; : ( ) ! ? touching Chinese become full-width
   ("加快落地;支持" -> "加快落地；支持"); "○" between Chinese numerals becomes
   "〇" (二○一一年), and a Latin O in a number a zero ("O.5元"); spaces go
   unless they separate two ASCII letters/digits ("8.8 亿元" -> "8.8亿元",
   "2910 3300" stays).
2. Page marks ("—２１—", "- 5 -") are dropped.
3. Hard wraps are re-joined.  Instead of per-file switches the layout is
   learned from the document itself (``Layout``): whether it is wrapped at
   all (a dominant line width -- 001/003 print one paragraph per line),
   whether indentation marks paragraph starts (000/002), whether blank lines
   do, and, for documents whose first-line indent was lost in extraction
   (004), how wide a paragraph's first line typically is.  Heading lines
   (headings.py), dates and 文号 always stand on their own line; a table
   (headings.py) keeps one row per line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from documents.parsing import lines as line_grammar
from documents.parsing.headings import (
    TABLE_HEADER_FIRST_CELLS,
    HeadingMatch,
    HeadingMatcher,
    table_row_complete,
    table_row_number,
    table_value_columns,
)
from documents.parsing.joined import paragraph_starts
from documents.parsing.tables import is_total_row
from documents.parsing.types import NormalisedText

# --- step 1: characters ---------------------------------------------------------

# Chinese typographic punctuation that NFKC would make half-width: keeping it
# keeps "（十五）" a numbered-section label and "。：" sentence structure intact.
KEEP_FULL_WIDTH = frozenset("（）：；，！？…")
# Circled numbers label sub-items (①②…); NFKC would turn them into bare digits.
KEEP_RANGES = ((0x2460, 0x2473), (0x3251, 0x325F), (0x32B1, 0x32BF))
HALF_TO_FULL = {
    ",": "，",
    ";": "；",
    ":": "：",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}
CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十○")
SPACE = " "
# Some web copies space out every character of an article label: "第 1 0 条"
# (柳河县 实施意见).  Between two digits the space would survive as in a table
# row ("2910 3300"), splitting the label into "第1" and a count "0条"; inside
# a 第…条/章/节/款/编 label the digits are one number.
SPACED_LABEL_RE = re.compile(r"第\d(?: \d)+(?=[条章节款编])")


def _is_cjk(ch: str) -> bool:
    """Han characters and the CJK/full-width punctuation that surrounds them."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2018 <= code <= 0x201F
        or 0xF900 <= code <= 0xFAFF
        or ch in "…—"
    )


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one raw character ("" to drop it, " " for space)."""
    if ch in KEEP_FULL_WIDTH or any(lo <= ord(ch) <= hi for lo, hi in KEEP_RANGES):
        return ch
    if ch.isspace():
        return SPACE
    category = unicodedata.category(ch)
    if category in ("Cf", "Cc"):  # zero-width spaces, BOMs, stray controls
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    return SPACE if folded.isspace() else folded


Chars = list[tuple[str, int]]  # (normalised character, raw index)


def fold_span(raw: str, start: int, end: int) -> Chars:
    """Step 1 for ``raw[start:end]`` (one line): folded chars with raw indices."""
    chars: Chars = [(c, i) for i in range(start, end) for c in fold_char(raw[i])]
    chars = _squeeze_spaces(chars)
    chars = _join_label_digits(chars)
    chars = _zero_between_numerals(chars)
    return _widen_punctuation(chars)


def fold_text(text: str) -> str:
    """Step 1 for a short string (a table cell); no offsets."""
    return "".join(c for c, _ in fold_span(text, 0, len(text)))


def _squeeze_spaces(chars: Chars) -> Chars:
    # Spaces in these texts are extraction noise ("第 201号", "“十三五 ”期间",
    # "科技成果 转化"), except between two numbers or words ("2910 3300").
    out: Chars = []
    pending: tuple[str, int] | None = None
    for ch, i in chars:
        if ch == SPACE:
            if pending is None and out:
                pending = (ch, i)
            continue
        if pending is not None and _is_ascii_alnum(out[-1][0]) and _is_ascii_alnum(ch):
            out.append(pending)
        pending = None
        out.append((ch, i))
    return out


def _join_label_digits(chars: Chars) -> Chars:
    """ "第1 0条" -> "第10条" (SPACED_LABEL_RE)."""
    text = "".join(c for c, _ in chars)
    if "第" not in text:
        return chars
    drop = {
        m.start() + k
        for m in SPACED_LABEL_RE.finditer(text)
        for k, ch in enumerate(m.group())
        if ch == SPACE
    }
    return [c for k, c in enumerate(chars) if k not in drop] if drop else chars


def _zero_between_numerals(chars: Chars) -> Chars:
    # 003 prints its date "二○一一年" with a white circle (U+25CB) for 〇.
    # A copy of 北京's 科普条例 prints a Latin O for a zero ("每人每年O.5元"):
    # an O before a decimal point and a digit, or between two digits ("2O22"),
    # is a zero; never inside a word of letters ("O2O", "CO2").
    out = list(chars)
    for k, (ch, i) in enumerate(chars):
        before = chars[k - 1][0] if k else ""
        after = chars[k + 1][0] if k + 1 < len(chars) else ""
        if ch == "○":
            if before in CHINESE_NUMERALS or after in CHINESE_NUMERALS:
                out[k] = ("〇", i)
        elif ch in "Oo" and not (before.isascii() and before.isalpha()):
            decimal = after == "." and k + 2 < len(chars) and chars[k + 2][0].isdigit()
            if decimal or (before.isdigit() and after.isdigit()):
                out[k] = ("0", i)
    return out


def _widen_punctuation(chars: Chars) -> Chars:
    # 002 mixes "加快落地;支持", "地转化,助力"; 003 prints "(省科技厅)".
    out = list(chars)
    texts = [c for c, _ in chars]

    def touches_cjk(k: int) -> bool:
        return (k > 0 and _is_cjk(texts[k - 1])) or (
            k + 1 < len(texts) and _is_cjk(texts[k + 1])
        )

    opened: list[int] = []
    pairs: dict[int, int] = {}
    for k, ch in enumerate(texts):
        if ch == "(":
            opened.append(k)
        elif ch == ")" and opened:
            pairs[opened.pop()] = k
    closing = {close: open_ for open_, close in pairs.items()}
    for k, ch in enumerate(texts):
        if ch not in HALF_TO_FULL:
            continue
        if ch == "(" and k in pairs:
            # A pair turns full-width together, so "(1)为" never becomes "(1）为".
            widen = touches_cjk(k) or touches_cjk(pairs[k])
        elif ch == ")" and k in closing:
            widen = touches_cjk(k) or touches_cjk(closing[k])
        else:
            widen = touches_cjk(k)
        if widen:
            out[k] = (HALF_TO_FULL[ch], chars[k][1])
    return out


# --- display width ----------------------------------------------------------------

# Digits and Latin letters were printed half-width even where extraction gave
# full-width forms ("２０３５"), so they count 1; Chinese and its punctuation 2.


@lru_cache(maxsize=4096)
def display_width(ch: str) -> int:
    if ch.isascii():
        return 1
    folded = unicodedata.normalize("NFKC", ch)
    if folded.isascii() and folded.isalnum():
        return 1
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def _indent_width(raw_line: str) -> int:
    width = 0
    for ch in raw_line:
        if ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        elif ch.isspace():
            width += 1
        else:
            break
    return width


# --- step 3: layout -------------------------------------------------------------

# A line counts as full when it is at most two Chinese characters (4 units)
# narrower than the document's line width.
WIDTH_TOLERANCE = 4
# Share of lines near the dominant width needed to call a document wrapped.
WRAPPED_SHARE = 0.3
MIN_LINES_TO_LEARN = 8
# No page is set narrower than 20 Chinese characters (the bundled wrapped
# texts run 27-35): lines of one narrower width are a short text's title,
# 文号, signature and date (a State Council 决定 of ten lines), not wraps.
MIN_WRAP_WIDTH = 40
# …and at least this many of them must run on into the next line.
MIN_RUNNING_ON = 3
# An indent of two units (two spaces, one 　) or more marks a paragraph start;
# 004's stray single spaces on continuation lines do not.
MIN_INDENT = 2
# Indentation carries meaning only if some, but not nearly all, lines have it.
INDENTED_SHARE = (0.03, 0.8)
# Blank lines separate paragraphs only where they are not after every line.
BLANK_BREAK_SHARE = 0.5
TERMINAL_PUNCT = "。！？；：…"
CLAUSE_GOES_ON = ("，", "、")  # a line ending so stops mid-sentence
CLOSING_QUOTES = "”’」』）》"
# A table row may wrap; more lines than this and the row is not a row.
MAX_ROW_LINES = 5


@dataclass
class Line:
    start: int  # raw index of the first character of the line
    end: int  # raw index of the "\n" (or lone "\r") that ends it; len(raw) for the last
    chars: Chars
    text: str
    indent: int
    width: int
    blank_before: bool
    raw_text: str

    @property
    def terminal(self) -> bool:
        text = self.text.rstrip(CLOSING_QUOTES)
        return bool(text) and text[-1] in TERMINAL_PUNCT

    @property
    def indented(self) -> bool:
        return self.indent >= MIN_INDENT

    def cells(self) -> list[str]:
        """Printed cells, folded (for tables): TAB-separated where the line
        holds TABs (a web page's table), else whitespace-separated."""
        if "\t" in self.raw_text:
            return [fold_text(c.strip()) for c in self.raw_text.split("\t") if c.strip()]
        return [fold_text(cell) for cell in self.raw_text.split()]


@dataclass(frozen=True)
class Layout:
    """What line breaks mean in one document (learned by ``learn_layout``)."""

    wrapped: bool  # lines are hard-wrapped at a dominant width
    full_width: int  # that width, in display units
    indented_starts: bool  # an indented line starts a paragraph (000, 002)
    blank_breaks: bool  # a blank line ends a paragraph
    first_width: int | None  # typical width of a first line that lost its indent


def _dominant_width(widths: list[int]) -> int:
    counts = Counter(widths)
    return max(counts, key=lambda w: (sum(counts[w + d] for d in (-1, 0, 1)), w))


def _near(width: int, full: int) -> bool:
    return full - WIDTH_TOLERANCE <= width <= full + 3


def learn_layout(lines: list[Line]) -> Layout:
    if len(lines) < MIN_LINES_TO_LEARN:
        return Layout(False, 0, False, False, None)
    full = _dominant_width([ln.width for ln in lines])
    near = [ln for ln in lines if _near(ln.width, full)]
    # Hard-wrapped text has many lines of one width that stop mid-sentence;
    # 001/003's one-paragraph lines end with "。" whatever their width.
    running_on = sum(1 for ln in near if not ln.terminal)
    wrapped = (
        full >= MIN_WRAP_WIDTH
        and len(near) >= WRAPPED_SHARE * len(lines)
        and running_on >= max(MIN_RUNNING_ON, len(near) / 2)
    )
    indented = sum(1 for ln in lines if ln.indented) / len(lines)
    indented_starts = wrapped and INDENTED_SHARE[0] <= indented <= INDENTED_SHARE[1]
    blanks = sum(1 for ln in lines[1:] if ln.blank_before) / (len(lines) - 1)
    blank_breaks = wrapped and blanks < BLANK_BREAK_SHARE
    first_width = None
    if wrapped and not indented_starts:
        # Lines right after a short line that ends a sentence are paragraph
        # starts; in 004 they are 2 characters narrower than the others
        # because the extraction dropped the 2-character first-line indent.
        samples = [
            nxt.width
            for prev, nxt in zip(lines, lines[1:], strict=False)
            if prev.terminal
            and prev.width < full - WIDTH_TOLERANCE
            and not nxt.terminal
            and nxt.width >= full - 2 * WIDTH_TOLERANCE
        ]
        if len(samples) >= 5:
            first = _dominant_width(samples)
            if first <= full - 3:
                first_width = first
    return Layout(wrapped, full, indented_starts, blank_breaks, first_width)


@dataclass
class _Table:
    n_values: int
    n_cells: int
    expected: int = 1
    row: list[str] = field(default_factory=list)
    row_lines: int = 0
    open_row: bool = False


class _Joiner:
    """Walks the content lines once and decides where paragraphs start.

    In this order, a line starts a new paragraph when:
    1. it continues or ends a table (a row spans lines until it has one value
       per value column; the line after the last row starts afresh);
    2. it is a table header, a heading (headings.py, sequence-aware), a date
       or a 文号 line -- or the previous line was a short heading-only line,
       a date or a 文号; before the first heading, a line that completes the
       title begun on the line above never starts one ("国务院办公厅关于推广
       第二批" / "支持创新相关改革举措的通知");
    3. the document is not hard-wrapped (001, 003) and the previous line
       does not stop at a comma;
    4. blank lines separate paragraphs in this document and one precedes it;
    5. indentation marks paragraph starts in this document and it is indented;
    6. the previous line is short: it ends a sentence, or it is a title or
       caption (in indented documents a short unpunctuated line followed by
       an unindented one is a wrapped title, 002 "…的答" / "复");
    7. the previous line is full and ends a sentence, and this line is as
       narrow as a first line that lost its indent (004).
    Otherwise the line continues the paragraph.
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.matcher = HeadingMatcher()
        self.table: _Table | None = None
        self.paragraphs: list[list[Line]] = []
        self.prev_match: HeadingMatch | None = None
        self.prev_standalone = False
        self.heading_seen = False

    def run(self, lines: list[Line]) -> list[list[Line]]:
        for line in lines:
            if self._starts_paragraph(line):
                self.paragraphs.append([line])
            else:
                self.paragraphs[-1].append(line)
        return self.paragraphs

    def _starts_paragraph(self, line: Line) -> bool:
        after_table = False
        if self.table is not None:
            decision = self._table_line(line)
            if decision is not None:
                return decision
            after_table = True  # a finished table row always ends its paragraph
        prev_match, prev_standalone = self.prev_match, self.prev_standalone
        self.prev_match, self.prev_standalone = None, False
        # Structural lines: headings, table headers, dates, 文号 stand alone.
        if line.text.startswith(TABLE_HEADER_FIRST_CELLS):
            columns = table_value_columns(line.cells())
            if columns:
                self.table = _Table(n_values=len(columns), n_cells=len(columns) + 2)
                return True
        match = self.matcher.match(line.text)
        if match is not None:
            self.matcher.accept(match)
            self.prev_match = match
            self.heading_seen = True
            return True
        if line_grammar.stands_alone(line.text):
            self.prev_standalone = True
            return True
        if not self.paragraphs:
            return True
        if not self.heading_seen and line_grammar.continues_title(
            [part.text for part in self.paragraphs[-1]], line.text
        ):
            return False
        prev = self.paragraphs[-1][-1]
        heading_line = (
            prev_match is not None
            and prev_match.rule.heading == "line"
            and self._short(prev)
        )
        starts = (
            after_table
            or prev_standalone
            or heading_line
            or self._wrap_break(prev, line)
        )
        if starts:
            self.matcher.plain_paragraph()
        return starts

    def _short(self, prev: Line) -> bool:
        """Clearly narrower than a full line (title, heading, paragraph end).

        A line that ends a sentence is short two characters below the full
        width.  A line that does not may have been shortened by the typesetter
        so that no line starts with "。" or ends with "（" (004: "…核心地位进一
        步凸" / "显。华为…", 25 characters), so it needs twice that margin.
        """
        margin = WIDTH_TOLERANCE if prev.terminal else 2 * WIDTH_TOLERANCE
        return prev.width < self.layout.full_width - margin

    def _wrap_break(self, prev: Line, line: Line) -> bool:
        layout = self.layout
        if not layout.wrapped:
            # 001/003: every printed line is a paragraph, unless a PDF's page broke
            # the sentence at a comma ("…增长30%以上，") or inside a quantity.
            cut = prev.text.endswith(CLAUSE_GOES_ON) or line_grammar.splits_quantity(prev.text, line.text)
            return not cut
        if layout.blank_breaks and line.blank_before:
            return True
        if layout.indented_starts and line.indented:
            return True  # 000/002: paragraphs open with an indent
        if self._short(prev):
            if prev.terminal:
                return True
            # A short line without final punctuation followed by an unindented line is
            # a wrapped title: 002 "…委员提案的答" / "复"; one ending "，" or "、" goes on.
            return not layout.indented_starts and not prev.text.endswith(CLAUSE_GOES_ON)
        if prev.terminal and layout.first_width is not None:
            # 004: a full line ending a sentence, then a line as narrow as a
            # first line ("…免责规定。" / "强化企业技术创新和成果转化的组织…").
            first = layout.first_width
            return first - 3 <= line.width <= first + 1
        return False

    def _table_line(self, line: Line) -> bool | None:
        table = self.table
        assert table is not None
        cells = line.cells()
        # A row printed with TABs is whole when it has the header's cells.
        n_cells = table.n_cells if "\t" in line.raw_text else 0
        if table.open_row and table.row_lines < MAX_ROW_LINES:
            table.row += cells
            table.row_lines += 1
            table.open_row = not table_row_complete(table.row, table.n_values, n_cells)
            return False
        if cells and not table.open_row and table_row_number(cells[0], table.expected):
            table.expected += 1
            table.row, table.row_lines = cells, 1
            table.open_row = not table_row_complete(cells, table.n_values, n_cells)
            return True
        if not table.open_row and is_total_row(cells):
            return True  # "合计 38-50 34 25"
        self.table = None
        return None  # the table ended: the line opens a new paragraph


# --- putting it together --------------------------------------------------------


_LINE_END = re.compile(r"\n|\r(?!\n)")


def split_lines(raw: str) -> list[Line]:
    """Content lines of ``raw`` (blank lines and page marks dropped)."""
    lines: list[Line] = []
    blank_before = False
    # Blank lines around a page mark are part of the page break, not a
    # paragraph break (004: "…打造创新环" / "" / "—２１—" / "" / "境。").
    after_page_mark = False
    start = 0
    length = len(raw)
    while start <= length:
        # A line ends at "\n" ("\r\n" keeps its "\r" inside the line, where
        # folding drops it) or at a lone "\r" (old Mac files).
        found = _LINE_END.search(raw, start)
        end = found.start() if found else length
        raw_line = raw[start:end]
        chars = fold_span(raw, start, end)
        text = "".join(c for c, _ in chars)
        if not text:
            blank_before = blank_before or not after_page_mark
        elif line_grammar.is_page_mark(text):
            blank_before, after_page_mark = False, True
        else:
            stripped = raw_line.strip()
            lines.append(
                Line(
                    start=start,
                    end=end,
                    chars=chars,
                    text=text,
                    indent=_indent_width(raw_line),
                    width=sum(display_width(c) for c in stripped),
                    blank_before=blank_before,
                    raw_text=raw_line,
                )
            )
            blank_before = after_page_mark = False
        start = end + 1
    return lines


NOT_WRAPPED = Layout(False, 0, False, False, None)


def _unjoined(line: Line, named: tuple[str, ...] = ()) -> list[Line]:
    """``line`` cut where the paragraphs a crawl joined into it start (joined.py;
    ``named``: the titles of the policies issued).  A piece's ``end`` is the raw
    index of the next piece's first character: the break between them maps there."""
    starts = paragraph_starts(line.text, named)
    if not starts:
        return [line]
    pieces = []
    for k, (a, b) in enumerate(pairwise([0, *starts, len(line.chars)])):
        chars = line.chars[a:b]
        start = chars[0][1]
        end = line.chars[b][1] if b < len(line.chars) else line.end
        raw_text = line.raw_text[start - line.start : end - line.start]
        pieces.append(
            Line(
                start=start,
                end=end,
                chars=chars,
                text=line.text[a:b],
                indent=line.indent if k == 0 else 0,
                width=sum(display_width(c) for c in raw_text.strip()),
                blank_before=line.blank_before and k == 0,
                raw_text=raw_text,
            )
        )
    return pieces


def normalise(raw: str, *, lines_are_paragraphs: bool = False) -> NormalisedText:
    """Fold characters, drop page marks and re-join hard-wrapped paragraphs.

    ``lines_are_paragraphs``: a reader of a fixed or marked-up layout (PDF,
    Word, web page) has already joined the wraps from positions and markup;
    only table rows and structural lines are then decided here.
    """
    lines = split_lines(raw)
    layout = NOT_WRAPPED if lines_are_paragraphs else learn_layout(lines)
    named = tuple(line_grammar.issued_titles([line.text for line in lines]))  # joined.py
    paragraphs = _Joiner(layout).run([piece for line in lines for piece in _unjoined(line, named)])
    text: list[str] = []
    offsets: list[int] = []
    for k, paragraph in enumerate(paragraphs):
        if k:
            # The paragraph break maps to the raw newline ending the paragraph.
            text.append("\n")
            offsets.append(paragraphs[k - 1][-1].end)
        for line in paragraph:
            for ch, i in line.chars:
                text.append(ch)
                offsets.append(i)
    offsets.append(len(raw))
    return NormalisedText(raw=raw, text="".join(text), raw_offsets=tuple(offsets))
