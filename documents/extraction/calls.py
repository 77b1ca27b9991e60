"""Calls for applications: a notice that invites filings, and when they close.

A call (申报通知: "关于组织申报2017年高新技术企业培育库入库企业的通知") is
in force from its date to its last filing day, which it prints as a deadline
("提交网上申报材料的截止时间为9月26日", "请于9月8日前将申报材料报送至…") or
as a filing window ("系统填报：2017年8月7日至9月8日").  A deadline without a
year takes the notice's year.  Windows of something other than filing
("系统审核时间 2017年8月7日至9月22日") and the periods a call's scope covers
("授权公告日在2017年1月1日至6月30日期间") do not close it.

Only a notice whose title is about filing is a call: a notice issuing a
policy ("关于印发《…资助办法》的通知") applies past any deadline the policy
sets for one year's applications.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from documents.extraction.numerals import parse_chinese

# -- the vocabulary -------------------------------------------------------------

# A call's title: a notice about filings.
CALL_GENRES = ("通知", "公告", "通告")
CALL_SUBJECTS = ("申报", "申请", "征集", "受理", "推荐", "报名")
# A notice that issues a text is that text's vehicle, not a call.
NOT_CALL_TITLE = ("印发", "《")
# What an applicant does before a deadline.
FILING_WORDS = (
    "申报", "申请", "提交", "报送", "上报", "填报", "受理", "报名", "递交", "报至", "送达",
)
# Names of a deadline ("截止时间为9月8日", "申报截止日期：2023年5月31日").
DEADLINE_WORDS = ("截止时间", "截止日期", "截止日", "截止")
# A deadline that recurs ("每年3月31日前") belongs to a standing scheme.
RECURRING = ("每年", "每季度", "每月", "年度内")
# How far back in its clause a deadline looks for the filing it closes, and
# how far after "X月X日前" the filing verb may come ("于9月8日前将申报材料报送").
CLAUSE_CHARS = 40
AFTER_BEFORE_CHARS = 30

# -- patterns built from it -----------------------------------------------------

_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DAY = rf"(?:{_YEAR}年)?{_NUM}月{_NUM}日"
_CLAUSE_END = "。；;\n"


def _any(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


DEADLINE_RE = re.compile(
    rf"(?:{_any(DEADLINE_WORDS)})(?:时间)?(?:为|是|到|至|：|:)?\s*(?P<day>{_DAY})"
)
BEFORE_RE = re.compile(
    rf"(?P<day>{_DAY})(?:以前|之前|前)(?P<after>[^{_CLAUSE_END}]{{0,{AFTER_BEFORE_CHARS}}})"
)
WINDOW_RE = re.compile(
    rf"(?P<first>{_DAY})\s*(?:至|到|—|－|-|～|~)\s*(?P<day>{_DAY})"
)
_PARTS_RE = re.compile(rf"(?:(?P<y>{_YEAR})年)?(?P<m>{_NUM})月(?P<d>{_NUM})日")
_FILING_RE = re.compile(_any(FILING_WORDS))


@dataclass(frozen=True)
class Deadline:
    """The last filing day of a call and where the text prints it."""

    day: date | None  # None: a recurring day, or a year nothing gives
    start: int
    end: int


def is_call(title: str | None) -> bool:
    """Is the title that of a notice about filings?"""
    if not title or any(word in title for word in NOT_CALL_TITLE):
        return False
    return any(title.rstrip().endswith(g) for g in CALL_GENRES) and any(
        word in title for word in CALL_SUBJECTS
    )


def last_filing_day(text: str, issued_on: date | None) -> Deadline | None:
    """The latest deadline or window end of filing in ``text`` that falls on
    or after ``issued_on`` (a call closes after it opens)."""
    found: list[Deadline] = []
    for m in DEADLINE_RE.finditer(text):
        if _filing_before(text, m.start()):
            found.append(_deadline(text, m, None, issued_on))
    for m in BEFORE_RE.finditer(text):
        if _FILING_RE.search(m.group("after")) or _filing_before(text, m.start()):
            found.append(_deadline(text, m, None, issued_on))
    for m in WINDOW_RE.finditer(text):
        if _filing_before(text, m.start()):
            found.append(_deadline(text, m, _day(m.group("first"), None, None), issued_on))
    found = [d for d in found if d.day and (issued_on is None or d.day >= issued_on)]
    return max(found, key=lambda d: d.day, default=None)


def _filing_before(text: str, at: int) -> bool:
    """Does the clause before ``at`` (back to the last full stop or line
    break, at most CLAUSE_CHARS) name a filing?"""
    start = max(at - CLAUSE_CHARS, 0)
    for mark in _CLAUSE_END:
        start = max(start, text.rfind(mark, start, at) + 1)
    return bool(_FILING_RE.search(text, start, at))


def _deadline(text, m, first: date | None, issued_on: date | None) -> Deadline:
    before = text[max(0, m.start() - 4) : m.start()]
    if any(word in before for word in RECURRING):
        return Deadline(None, m.start(), m.end())
    return Deadline(_day(m.group("day"), first, issued_on), m.start(), m.end())


def _day(printed: str, first: date | None, issued_on: date | None) -> date | None:
    """The day ``printed`` names.  Without a year: the year of the window's
    first day, else of the notice; a day before the notice's is next year's
    (a call issued in December closing in January)."""
    m = _PARTS_RE.fullmatch(printed)
    month, day = _number(m.group("m")), _number(m.group("d"))
    if m.group("y"):
        year = _number(m.group("y"))
    elif first is not None:
        year = first.year
    elif issued_on is not None:
        year = issued_on.year
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not m.group("y") and first is None and issued_on and found < issued_on:
        try:
            found = date(year + 1, month, day)
        except ValueError:
            return None
    return found


def _number(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese(text))
