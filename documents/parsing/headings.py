"""Heading grammar: which printed line start is which kind of provision.

Reads one normalised paragraph (or one normalised line, when the normaliser
asks whether a line must start a new paragraph) and writes a ``HeadingMatch``
(kind, number, where the label ends, the heading text) or ``None``.

The grammar is data: ``HEADING_RULES`` is a table of (kind, pattern, how to
read the number, sequence policy, how to read the heading).  ``HeadingMatcher``
is the small engine that applies it.  It is stateful because a bare number at
a line start is ambiguous: "１汽车产业技术。" opens box item 1 inside 专栏１,
but "２０１６－２０２０年，全省共…" wrapped onto a new line is not item 2016.
Numbered kinds are therefore only accepted when the number is the expected
next one of its list (or 1, restarting a list; a box's items always start at 1).

Tables ("序号 指标名称 ２０２０年 ２０２５年") are a second, tiny grammar at the
end of this module: a header row whose first cell is ``序号``, then rows that
start with the expected row number and end with one value per value column.

Kinds emitted by the whole parser (``PROVISION_KINDS``):

- volume 第X编, chapter 第X章, section 第X节, article 第X条 (legal-style outline)
- part 一、, numbered_section （一）, item 1. / 1、 / 1．, subitem (1) / ① / 1)
- box 专栏N with its title, box_item "１汽车产业技术。…" inside a box
- bullet: a paragraph opened by a run of dashes "---" / "———" (or ● ■ ◆)
- table (a "序号 …" table, heading = its caption line), table_row (one row)
- paragraph: body text under the nearest heading (heading = its lead sentence
  in documents that print bold lead sentences, see structure.py)
- attachment: 附件 / 附件N printed after the signature, the attachment's
  own headings under it (structure.py); without a label, a document a
  notice issues, its title the heading (001's plan under the forwarding
  notice)
- title: the standalone title line near the top ("吉林省科学技术发展“十四五”规划")
- preamble: other text before the first heading (addressees, forwarding
  notice, introduction, the 文号 line)
- signature: the issuer line and the date line of a signature block
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import cn2an

PROVISION_KINDS = (
    "volume",
    "chapter",
    "section",
    "article",
    "part",
    "numbered_section",
    "item",
    "subitem",
    "box",
    "box_item",
    "bullet",
    "table",
    "table_row",
    "attachment",
    "paragraph",
    "title",
    "preamble",
    "signature",
)

# --- how to read a number -----------------------------------------------------


def read_chinese(digits: str) -> int:
    """Read "十五" -> 15, "二十八" -> 28, "二〇一一" -> 2011 (also plain "15")."""
    return int(cn2an.cn2an(digits, "smart"))


def read_arabic(digits: str) -> int:
    return int(digits)


def read_circled(symbol: str) -> int:
    """① -> 1 … ⑳ -> 20."""
    return ord(symbol) - ord("①") + 1


# --- sequence policies ----------------------------------------------------------
# "restart": any number the first time the kind is seen, then the next number
#            or 1 (lists restart: （一） restarts in every part of 001).
# "counted": like restart, but the first one must be 1 -- used for the weakly
#            marked Arabic labels ("1." could be a wrapped "1.52 亿元").
# "in_box":  only inside an open 专栏 box, exactly 1, 2, 3 … per box.
# "none":    unnumbered (bullets).

CN_DIGITS = "〇零一二三四五六七八九十百两"
CN_NUM = f"[{CN_DIGITS}]{{1,5}}"
# An item label is followed by its text, never by a digit or a number sign
# (rules out a wrapped "1.52 亿元" or "1,000" at a line start).
NOT_DIGIT = r"(?![\d.,%])"


@dataclass(frozen=True)
class HeadingRule:
    """One printed heading pattern.

    pattern: anchored at the paragraph start; group ``num`` holds the number.
    number: reads ``num`` into an int (None for unnumbered kinds).
    sequence: one of the policies above.
    heading: "line"  -- the rest of the line is the heading (第一章　发展基础),
                        or its lead sentence when body text follows;
             "lead"  -- the lead sentence, if short ("（二）发展目标。到２０１７年…");
             "bracket" -- only a bracketed title (第五条【平台建设】…).
    """

    kind: str
    pattern: re.Pattern[str]
    number: Callable[[str], int] | None
    sequence: str
    heading: str


def _rule(kind, pattern, number, sequence, heading) -> HeadingRule:
    return HeadingRule(kind, re.compile(pattern), number, sequence, heading)


# Order matters only where patterns overlap: "（1）" is a subitem, "（一）" a
# numbered section; box items are tried before items (both start with digits).
# fmt: off
HEADING_RULES: tuple[HeadingRule, ...] = (
    _rule("volume", rf"第(?P<num>{CN_NUM}|\d{{1,3}})编", read_chinese, "restart", "line"),
    _rule("chapter", rf"第(?P<num>{CN_NUM}|\d{{1,3}})章", read_chinese, "restart", "line"),
    _rule("section", rf"第(?P<num>{CN_NUM}|\d{{1,3}})节", read_chinese, "restart", "line"),
    _rule("article", rf"第(?P<num>{CN_NUM}|\d{{1,3}})条", read_chinese, "restart", "bracket"),
    _rule("part", rf"(?P<num>{CN_NUM})、", read_chinese, "restart", "line"),
    _rule("numbered_section", rf"[（(](?P<num>{CN_NUM})[）)]", read_chinese, "restart", "lead"),
    _rule("box", r"专栏(?P<num>\d{1,2})(?!\d)", read_arabic, "restart", "line"),
    _rule("box_item", r"(?P<num>\d{1,2})(?=[\u4e00-\u9fff“《])", read_arabic, "in_box", "lead"),
    _rule("item", rf"(?P<num>\d{{1,3}})[.、]{NOT_DIGIT}", read_arabic, "counted", "lead"),
    _rule("subitem", r"[（(](?P<num>\d{1,2})[）)]", read_arabic, "counted", "lead"),
    _rule("subitem", r"(?P<num>\d{1,2})[）)]", read_arabic, "counted", "lead"),
    _rule("subitem", r"(?P<num>[①-⑳])", read_circled, "counted", "lead"),
    _rule("bullet", r"(?:-{2,}|—{2,}|─{2,}|[●■◆▲])", None, "none", "lead"),
)
# fmt: on

# A heading taken from a lead sentence must be short: 003's longest real one,
# "进一步落实科技体制机制改革配套政策，优化科技人才发展与合理流动的环境", has 34
# characters; 002's first item ("为促进吉林省科技创新发展，经省委、省政府批准
# 设立了省级科技专项资金和引导基金", 38) is a statement, not a heading.
LEAD_MAX_CHARS = 36
# Lead sentences end at the first full stop; "（一）计划启动期（2011年）：分解…"
# (003) ends its heading with a colon.
LEAD_TERMINATORS = "。：！？"


@dataclass(frozen=True)
class HeadingMatch:
    kind: str
    number: int | None
    label_end: int  # offset (in the matched string) just after the label
    heading: str  # "" when the provision has none
    rule: HeadingRule
    # The body is a single sentence ("（一）基本原则。", "（一）自行投资实施转化；"):
    # it is a heading only if provisions follow under it (structure.py decides).
    single_sentence: bool = False


# A heading line with a colon inside, "强基行动：筑牢产业发展根基", is whole
# up to this length; past it, or with a sentence end, the colon ends the
# heading and a sentence follows ("一、申报条件：申报单位应当…。").
LINE_HEADING_MAX_CHARS = 40
SENTENCE_ENDS = "。；！？;!?"
# An article's title in brackets right after its label: "第五条【平台建设】",
# "第五条（平台建设）" (titles written without brackets, "第五条　平台建设。…",
# are a lead sentence; structure.py reads them when the document uses them).
BRACKET_TITLE = re.compile(
    rf"[【〔\[（(](?!{CN_NUM}[】〕\]）)])(?P<title>[^【】〔〕\[\]（）()。，；]{{2,20}})[】〕\]）)]"
)

# Punctuation that closes a heading but is not part of it.
HEADING_TRAILING = "。；：，、;:,"


def lead_sentence(text: str, terminators: str = LEAD_TERMINATORS) -> tuple[str, bool]:
    """The text before the first terminator, and whether more text follows it."""
    for i, ch in enumerate(text):
        if ch in terminators:
            return text[:i], bool(text[i + 1 :].strip())
    return text, False


def heading_of(body: str, policy: str) -> tuple[str, bool]:
    """The heading carried by ``body`` (the text after the label), and whether
    ``body`` is a single sentence (see ``HeadingMatch.single_sentence``)."""
    if policy == "bracket" or not body:
        m = BRACKET_TITLE.match(body) if body else None
        return (m.group("title") if m else ""), False
    lead, more = lead_sentence(body)
    lead = lead.rstrip(HEADING_TRAILING)
    if policy == "line" and not more:
        # 第一章　发展基础 / 八、落实保障措施，确保取得实效
        if (len(lead) > LINE_HEADING_MAX_CHARS and body.rstrip()[-1:] in SENTENCE_ENDS) or body.rstrip().endswith(
            ("；", ";")
        ):
            # a numbered paragraph of one long sentence is text, not its
            # title: "二、同意乌鲁木齐…高新区享受…相关政策，…，努力创造出
            # 可复制、可推广的经验。" (a 批复); nor is an item of a list
            # sentence: "四、地方经济发展贡献企业部分仅指增值税…所得部分；"
            return "", False
        return lead, False
    if policy == "line" and is_heading_line(body):
        # 三、强基行动：筑牢产业发展根基 -- the colon joins a title and its
        # subtitle; the whole line is the heading.
        return body.rstrip(HEADING_TRAILING), False
    return (lead if 0 < len(lead) <= LEAD_MAX_CHARS else ""), not more


def is_heading_line(body: str) -> bool:
    """A line that is a title from end to end: short, no sentence end in it,
    not a lead-in ending with a colon."""
    return (
        len(body) <= LINE_HEADING_MAX_CHARS
        and not any(ch in SENTENCE_ENDS for ch in body)
        and not body.endswith(("：", ":"))
    )


class HeadingMatcher:
    """Applies ``HEADING_RULES`` to paragraph starts, remembering list numbers.

    ``match`` only looks; ``accept`` commits a match (the caller accepts every
    match it turns into a paragraph start).  ``plain_paragraph`` tells the
    matcher that a paragraph without a heading started: that closes an open
    专栏 box once it has items (004 returns to body text right after a box).
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}
        self._box_open = False

    def match(self, text: str) -> HeadingMatch | None:
        for rule in HEADING_RULES:
            m = rule.pattern.match(text)
            if m is None:
                continue
            try:
                number = rule.number(m.group("num")) if rule.number else None
            except ValueError:  # "〇十、" is not a numeral cn2an (or we) can read
                continue
            if not self._in_sequence(rule, number):
                continue
            body = text[m.end() :]
            if not body.strip() and rule.kind != "box":
                # A label alone on a line ("（一）") is not a heading we can use.
                continue
            if self._counts_on(rule, number, body):
                continue
            heading, single = heading_of(body, rule.heading)
            return HeadingMatch(
                kind=rule.kind,
                number=number,
                label_end=m.end(),
                heading=heading,
                rule=rule,
                single_sentence=single,
            )
        return None

    def accept(self, match: HeadingMatch) -> None:
        if match.kind == "box":
            self._box_open = True
            self._last.pop("box_item", None)
        elif match.kind != "box_item":
            self._box_open = False
        if match.number is not None:
            self._last[match.kind] = match.number

    def lost_label(self, kind: str) -> None:
        """A heading of ``kind`` stood here without its label (structure.py
        recognised it otherwise): the list goes on after its number."""
        if kind in self._last:
            self._last[kind] += 1

    def plain_paragraph(self) -> None:
        if self._box_open and "box_item" in self._last:
            self._box_open = False

    @property
    def box_open(self) -> bool:
        return self._box_open

    @staticmethod
    def _counts_on(rule: HeadingRule, number: int | None, body: str) -> bool:
        """Is the label followed at once by the next one of its kind ("一、二、
        三等奖的…", "一、二、三级"): numbers counted, not a heading?"""
        if number is None or rule.number is None:
            return False
        m = rule.pattern.match(body)
        try:
            return m is not None and rule.number(m.group("num")) == number + 1
        except ValueError:
            return False

    def _in_sequence(self, rule: HeadingRule, number: int | None) -> bool:
        if rule.sequence == "none":
            return True
        last = self._last.get(rule.kind)
        if rule.sequence == "in_box":
            return self._box_open and number == (last or 0) + 1
        if last is None:
            return rule.sequence == "restart" or number == 1
        return number in (last + 1, 1)


# --- tables of contents ----------------------------------------------------------
# A table of contents repeats the outline with page numbers: "二、发展思路与目标|6",
# "五、保障措施········|23", "1. 营业执照…………………xx" (a template's "xx").  Its
# entries are no headings: the outline follows, printed again with its text.
PAGE_REFERENCE = re.compile(r"(?:(?:[·…⋯]+|[．.]{2,})\|?|\|)\s*(?:\d{1,3}|[xX]{2})$")
CONTENTS_TITLES = ("目录", "目次")
# A table of contents has at least this many entries with a page number.
CONTENTS_MIN_REFERENCES = 2
# Heading lines in a run before the outline starts again with the first of
# them: a table of contents printed without page numbers.
CONTENTS_MIN_BARE = 3


def contents_lines(paragraphs: list[str]) -> set[int]:
    """The indexes of the paragraphs that make up a table of contents.

    A run of entries -- heading lines, with or without a page number -- of
    which at least CONTENTS_MIN_REFERENCES carry one; it begins after a
    "目录" line or at the first entry before the first page number, and ends
    before the first paragraph that is no entry, or where the outline starts
    again with the run's first entry ("一、发展现状与形势" printed a second
    time opens the text itself)."""

    def entry(text: str) -> str | None:
        bare = PAGE_REFERENCE.sub("", text).rstrip()
        if bare != text or any(rule.pattern.match(text) for rule in HEADING_RULES):
            return bare
        return None

    out: set[int] = set()
    k = 0
    while k < len(paragraphs):
        if PAGE_REFERENCE.search(paragraphs[k]) is None or k in out:
            k += 1
            continue
        start = k
        while start > 0 and entry(paragraphs[start - 1]) is not None:
            start -= 1
        first = entry(paragraphs[start])
        end = k + 1
        while end < len(paragraphs):
            bare = entry(paragraphs[end])
            if bare is None or bare == first:
                break
            end += 1
        run = range(start, end)
        if sum(1 for i in run if PAGE_REFERENCE.search(paragraphs[i])) >= CONTENTS_MIN_REFERENCES:
            out.update(run)
            if start > 0 and paragraphs[start - 1].replace(" ", "") in CONTENTS_TITLES:
                out.add(start - 1)
        k = end
    return out | _bare_contents(paragraphs, entry, out)


def _bare_contents(paragraphs: list[str], entry, found: set[int]) -> set[int]:
    """A table of contents without page numbers: a run of at least
    CONTENTS_MIN_BARE heading lines with nothing between them, followed by
    the run's first line again, which opens the text itself ("第一章 总则" …
    "第九章 附则", then "第一章 总则" and its 第一条)."""
    out: set[int] = set()
    k = 0
    while k < len(paragraphs):
        first = entry(paragraphs[k]) if k not in found else None
        if first is None:
            k += 1
            continue
        end = k + 1
        while end < len(paragraphs) and (bare := entry(paragraphs[end])) is not None and bare != first:
            end += 1
        if end - k >= CONTENTS_MIN_BARE and end < len(paragraphs) and entry(paragraphs[end]) == first:
            out.update(range(k, end))
        k = end
    return out


# --- tables -------------------------------------------------------------------
# 004's target table: a header row "序号 指标名称 ２０２０年 ２０２５年", then rows
# "２ 万名从业人员中的研发人员数 （人） ２９１０ ３３００" whose name may wrap over
# several printed lines ("１" / "研究与试验发展 …比" / "重 （％） １３０ ＞２００").
# Cells are separated by whitespace in the printed text.

TABLE_HEADER_FIRST_CELLS = ("序号", "编号")
# A value cell: a number with an optional comparison sign or unit sign, a
# range ("0.3-0.4", "35～36"), or a dash for an empty cell.  Never contains
# CJK, so a name never looks like one.
TABLE_VALUE = re.compile(r"[<>≤≥~]?[-+]?\d[\d.,]*(?:[-~—–～]\d[\d.,]*)?%?|[-—–/]+")


def table_value_columns(cells: list[str]) -> list[str] | None:
    """Value-column names of a header row, or None if ``cells`` is no header.

    The header is: number column, name column, then one column per value.
    """
    if len(cells) >= 3 and cells[0] in TABLE_HEADER_FIRST_CELLS:
        return cells[2:]
    return None


def table_row_number(first_cell: str, expected: int) -> bool:
    """Is ``first_cell`` the expected row number ("１" or "1" or "一")?"""
    try:
        return read_chinese(first_cell) == expected
    except (ValueError, KeyError, TypeError, IndexError):
        return False


def table_row_complete(cells: list[str], n_values: int, n_cells: int = 0) -> bool:
    """As many cells as the header (``n_cells``), or: number cell, at least
    one name cell, then ``n_values`` value cells."""
    if len(cells) == n_cells:
        return True
    if len(cells) < n_values + 2:
        return False
    return all(TABLE_VALUE.fullmatch(c) for c in cells[-n_values:])
