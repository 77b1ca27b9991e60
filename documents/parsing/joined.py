"""Paragraphs a crawl joined into one line: where each of them starts again.

Reads one normalised line; writes the offsets in it where a paragraph starts.
Some web copies arrive as a single line holding the whole document (every
paragraph break lost): "…若干意见（征求意见稿）为推动…特制定本意见。一、支持领域
本政策适用于…。二、支持内容（一）引育集聚优质主体。…三、说明1.在享受…".  Only a
line far longer than any real paragraph is taken apart, at the places where
the printed layout must have broken it:

- a heading label the heading grammar (headings.py) accepts in sequence
  (一、 after 一、 is refused, 二、 after 一、 taken), standing right after a
  sentence end ("。二、支持内容") or right after a heading's short title
  ("二、支持内容（一）…", "三、说明1.在享受…");
- the first sentence of a section that names the document itself
  ("一、支持领域本政策适用于…", "一、适用对象本措施的适用对象…"): a title
  is never followed by 本政策 / 本意见 … without punctuation between them;
- the document's title at the start of the line, when the line opens with a
  title (lines.py) and goes on with its first sentence ("…的扶持意见为全面
  落实…") or its first heading ("…管理办法(征求意见稿)第一章总则第一条…").
"""

from __future__ import annotations

import re

from documents.parsing import lines as line_grammar
from documents.parsing.headings import LEAD_MAX_CHARS, HeadingMatcher

# Far longer than a paragraph of these documents (the bundled ones stay under
# 450 characters): such a line has lost its paragraph breaks.
JOINED_MIN_CHARS = 1000
# Kinds of heading that may open a paragraph inside a joined line.
JOINED_KINDS = frozenset(
    {"chapter", "section", "article", "part", "numbered_section", "item", "subitem"}
)
SENTENCE_ENDS = "。；！？："
# The headings a document's outline opens with, right after its title.
OUTLINE_OPENERS = frozenset({"chapter", "part", "article"})
# Punctuation that a heading's short title never holds.
TITLE_BREAKS = re.compile(r"[。；！？：，、]")
# A section's first sentence naming the document it is part of.
SELF_REFERENCES = re.compile(
    r"本(?:政策|意见|措施|办法|细则|规定|条例|方案|通知|计划|规划|指引|指南)"
)
# A title has at least two characters ("说明", "附则").
MIN_TITLE_CHARS = 2
# How the first sentence after a title usually opens: a purpose or a basis.
FIRST_SENTENCE_OPENERS = ("为", "根据", "按照", "依据", "依照", "经", "现将", "各")
# A chapter's or section's heading printed on the line of its first article,
# at any length ("第一章　总则　　第一条　为规范…"): the article is a paragraph
# of its own.  A heading's short title holds no sentence punctuation.
HEADING_THEN_ARTICLE = re.compile(
    r"第[〇零一二三四五六七八九十百\d]{1,4}[章节][^。；！？：，、]{1,24}?"
    r"(?=第[〇零一二三四五六七八九十百\d]{1,5}条)"
)
# A part's heading printed on the line of its first numbered item
# ("一、强化工作统筹协调，保障数字经济持续发展1.加强工作统筹谋划。…"): the
# item is a paragraph of its own.  The heading's title holds no sentence end
# and no digit; the item's label is a number with a point and no digit after.
PART_THEN_ITEM = re.compile(
    r"[一二三四五六七八九十]{1,3}、[^。；！？：\d]{2,40}?(?=\d{1,2}[.．](?!\d))"
)
# A part's heading printed at the end of the line before it ("…打造成全国
# 引领性的数字机关品牌五、加速数字社会建设，推动数字经济全面发展", "…智能服务
# 型机器人。 三、推进平台提质升级，…"): a part other than the first, right
# after a character, a sentence end or a space, but neither an ordinal's
# (第, 其) nor a numeral (十 of 十二), its title running to the end of the
# line without a sentence end, an enumeration comma or a digit.  The heading
# grammar then takes it only in sequence.
PART_AT_LINE_END = re.compile(
    r"(?<=[\u4e00-\u9fff”）)。；！？ ])(?<![第其之〇零一二三四五六七八九十百])"
    r"(?:[二三四五六七八九]|十[一二三四五六七八九]?)、[^。；！？：、\d]{4,30}$"
)
# Where a label can start: Chinese and Arabic numerals, brackets, circled numbers.
LABEL_FIRST = re.compile(r"[〇零一二三四五六七八九十百两\d（(①-⑳第]")


# A notice's signature run into the title of the policy it issues, and that
# into the policy's first sentence ("平湖市人民政府2020年12月22日（此件公开发
# 布）关于…若干政策意见为全面贯彻…", "中共玉环市委　玉环市人民政府　玉环市科技
# 新政策35条为落实…"): the issuers, then a date and a publication note.
SIGNATURE_HEAD = re.compile(
    rf"(?:(?:{line_grammar.ORG_NAME.pattern})\s*)+"
    r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)?\s*(?P<note>[（(]此件[^（）()]{1,10}[）)])?\s*"
)
SIGNATURE_MAX_CHARS = 80  # a few issuers, a date and a note


# A front matter a crawl joined into one line: "ZJHC00-2017-0010衢州市人民政府
# 文件衢政发〔2017〕46号衢州市人民政府关于…若干政策意见（试行）各县（市、区）人
# 民政府": a registration code, the letterhead (…文件), the 文号, the title,
# then the addressees or the first sentence.
FRONT_JOINED = re.compile(
    r"(?P<code>[A-Za-z]{2,}[\dA-Za-z\-－—]*)?(?P<mark>[\u4e00-\u9fff]{2,40}?文件)?"
    rf"(?P<number>{line_grammar.DOC_NUMBER.pattern})"
)


def paragraph_starts(text: str, named: tuple[str, ...] = ()) -> list[int]:
    """Offsets (ascending, never 0) in ``text`` where a joined paragraph starts;
    of a line of ordinary length, only the article a chapter's heading runs
    into (the item a part's heading runs into), a part's heading run onto
    its end, and a signature run into a ``named`` title (of a policy the
    notice issues) and on into its first sentence."""
    tail = PART_AT_LINE_END.search(text, 1)
    if len(text) < JOINED_MIN_CHARS:
        m = HEADING_THEN_ARTICLE.match(text) or PART_THEN_ITEM.match(text)
        signed = _signature_then_title(text, named) + _front_joined(text) + _title_then_addressees(text)
        return sorted(
            ([m.end()] if m else []) + ([tail.start()] if tail else []) + signed
        )
    title_end = _title_end(text)
    starts = [title_end] if title_end else []
    matcher = HeadingMatcher()
    title_from: int | None = None  # where the last label's text starts
    section_title = False  # …and whether that label's text opens with a title
    for m in LABEL_FIRST.finditer(text, title_end):
        p = m.start()
        if p == 0 or (p != title_end and not _may_open(text, p, title_from)):
            continue
        match = matcher.match(text[p:])
        if match is None or match.kind not in JOINED_KINDS:
            continue
        matcher.accept(match)
        if section_title:
            starts += _body_start(text, title_from, p)
        if p != title_end:  # the title's end is a start already
            starts.append(p)
        title_from = p + match.label_end
        # Only a section's title ("一、支持领域") runs into a sentence naming
        # the document; an item's lead ("1.在享受本政策期间") is a sentence.
        section_title = match.rule.heading == "line"
    if section_title:
        starts += _body_start(text, title_from, len(text))
    if tail and tail.start() not in starts:
        starts.append(tail.start())
    return sorted(starts)


def _signature_then_title(text: str, named: tuple[str, ...]) -> list[int]:
    """Where the date, the publication note, the title of a ``named`` policy
    and what follows it start, when ``text`` opens with a signature run into
    that title; [] otherwise."""
    for title in sorted(named, key=len, reverse=True):
        at = text.find(title)
        if not 0 < at <= SIGNATURE_MAX_CHARS:
            continue
        m = SIGNATURE_HEAD.fullmatch(text, 0, at)
        if m is None:
            continue
        end = at + len(title)
        cuts = [m.start("date"), m.start("note"), at, end if end < len(text) else -1]
        return [p for p in cuts if p > 0]
    return []


def _front_joined(text: str) -> list[int]:
    """Where the letterhead, the 文号, the title and what follows the title
    start in a joined front matter (``FRONT_JOINED``); [] otherwise."""
    m = FRONT_JOINED.match(text)
    if m is None or m.end() == len(text) or not (m.group("code") or m.group("mark")):
        return []
    title_end = _title_end(text[m.end() :])
    cuts = [m.start("mark") if m.group("mark") else -1, m.start("number"), m.end()]
    return [p for p in cuts if p > 0] + ([m.end() + title_end] if title_end else [])


# The addressees a title runs into, ending the line: "…若干意见各乡镇党委、
# 政府，县机关各单位："
ADDRESSEES_AT_END = re.compile(r"各[^。；]{1,60}[:：]")


def _title_then_addressees(text: str) -> list[int]:
    """Where the addressees start, when ``text`` is a title run into them."""
    if not text.endswith(("：", ":")):
        return []  # no addressees end the line: spare the search for a title
    end = _title_end(text)
    return [end] if end and ADDRESSEES_AT_END.fullmatch(text, end) else []


def _opens_outline(text: str, p: int) -> bool:
    """Does the first heading of an outline start at ``p`` (第一章, 一、)?"""
    if LABEL_FIRST.match(text, p) is None:
        return False
    match = HeadingMatcher().match(text[p : p + LEAD_MAX_CHARS])
    return match is not None and match.kind in OUTLINE_OPENERS and match.number == 1


def _may_open(text: str, p: int, title_from: int | None) -> bool:
    """Can a paragraph start at ``p``: after a sentence end, or after the
    short title of the section just before it?"""
    if text[p - 1] in SENTENCE_ENDS:
        return True
    if title_from is None or p <= title_from:
        return False
    run = text[title_from:p]
    return len(run) <= LEAD_MAX_CHARS and TITLE_BREAKS.search(run) is None


def _body_start(text: str, title_from: int, limit: int) -> list[int]:
    """Where the body after a section's title starts, when its first words
    name the document ("支持领域|本政策适用于…"); [] when they do not."""
    window = text[title_from : min(limit, title_from + LEAD_MAX_CHARS + 3)]
    m = SELF_REFERENCES.search(window)
    if m is None or m.start() < MIN_TITLE_CHARS or TITLE_BREAKS.search(window[: m.start()]):
        return []
    return [title_from + m.start()]


def _title_end(text: str) -> int:
    """The end of the title the line opens with (0 if none): the longest
    prefix that is a title line (lines.py), its brackets closed, followed by
    the usual opening of a first sentence ("…扶持意见|为全面落实…") or by the
    first heading ("…管理办法（征求意见稿）|第一章总则")."""
    limit = min(len(text) - 1, line_grammar.TITLE_MAX_CHARS)
    for end in range(limit, MIN_TITLE_CHARS, -1):
        prefix = text[:end]
        if (
            (text.startswith(FIRST_SENTENCE_OPENERS, end) or _opens_outline(text, end))
            and prefix.count("（") == prefix.count("）")
            and prefix.count("《") == prefix.count("》")
            and line_grammar.is_title_line(prefix)
        ):
            return end
    return 0
