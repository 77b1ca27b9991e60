"""Time expressions in normalised policy text: plan periods, years, dates.

Reads normalised text; returns ``Period`` objects with character offsets.

- Five-year plans: “十三五”期间 -> 2016–2020, “十四五”末 -> 2025 (end year only),
  “十二五”规划 -> 2011–2015, 第十四个五年规划 -> 2021–2025.
- Years: "到2020年" (future), "力争到2015年" (future, aspirational),
  "截至2020年" (a cut-off: not future), "2021年度", "（2011年）".
- Year ranges: "2016-2020年", "2012-2013年", "2006-2020" (in a title).
- Per year: "每年", "每年度", "年均".
- Dates: "2016年10月31日", "二〇一一年六月七日" (normalised "○" -> "〇").

Plan numbering: the 1st plan ran 1953–1957 and the 2nd 1958–1962; 1963–1965
were "adjustment" years outside any plan, so from the 3rd plan (1966–1970) on
the N-th plan starts in 1966 + 5 × (N − 3).  The naive 1953 + 5 × (N − 1)
is three years early for every plan from the 3rd on (it would put 十二五 in
2008).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from documents.extraction.numerals import parse_chinese
from documents.extraction.overlaps import Occupied

PERIOD_KINDS = (
    "plan",  # a whole five-year plan period
    "plan_end",  # 末: the last year of the plan
    "plan_start",  # 初 / 开局: the first year
    "year",
    "year_range",
    "per_year",
    "date",
)

# Words after a plan name and what part of the plan they denote.
PLAN_QUALIFIERS = {
    "末期": "plan_end",
    "末": "plan_end",
    "初期": "plan_start",
    "开局之年": "plan_start",
    "初": "plan_start",
    "期间": "plan",
    "时期": "plan",
    "以来": "plan",
    "规划": "plan",
    "计划": "plan",
    "": "plan",
}
_QUALIFIER_RE = "|".join(
    re.escape(q) for q in sorted(PLAN_QUALIFIERS, key=len, reverse=True) if q
)

# Lead words before a year or a plan.  "future" marks a deadline ahead of the
# text ("到2020年"); "截至" is a cut-off for reported figures.
LEAD_WORDS = {
    "力争到": ("future", True),
    "力争在": ("future", True),
    "力争": ("", True),
    "到": ("future", False),
    "至": ("future", False),
    "截至": ("cutoff", False),
    "截止到": ("cutoff", False),
    "截止": ("cutoff", False),
    "在": ("", False),
    "于": ("", False),
}
_LEAD_RE = "|".join(re.escape(w) for w in sorted(LEAD_WORDS, key=len, reverse=True))

PER_YEAR_WORDS = ("每年度", "每一年", "每年", "年均")

_CN_DIGIT = "〇零一二三四五六七八九"
_PLAN_RE = re.compile(
    rf"(?P<lead>{_LEAD_RE})?"
    r"(?:“|\")?"
    r"(?:(?P<ten>十[一二三四五六七八九]?)五|第(?P<nth>[一二三四五六七八九十]+)个五年"
    r"(?:规划|计划)?)"
    r"(?:”|\")?"
    rf"(?P<qual>{_QUALIFIER_RE})?"
)
_DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DIGIT}]{{4}})年"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日)?"
)
_YEAR_RANGE_RE = re.compile(
    rf"(?P<lead>{_LEAD_RE})?(?P<y1>(?:19|20)\d\d)[-~～—–至到](?P<y2>(?:19|20)\d\d)(?P<nian>年)?"
)
_YEAR_RE = re.compile(
    rf"(?P<lead>{_LEAD_RE})?(?P<y>(?:19|20)\d\d|[{_CN_DIGIT}]{{4}})年(?:度|底|末|初)?(?!\d|[一二三四五六七八九十]+月)"
)
_PER_YEAR_RE = re.compile("|".join(PER_YEAR_WORDS))


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    text: str
    kind: str  # one of PERIOD_KINDS
    year_start: int | None
    year_end: int | None
    future: bool = False  # introduced by 到/至/力争到: a deadline ahead
    cutoff: bool = False  # 截至: "as of"
    aspirational: bool = False  # 力争
    plan_number: int | None = None  # 13 for 十三五


def plan_years(number: int) -> tuple[int, int]:
    """First and last year of the ``number``-th five-year plan (13 -> 2016, 2020)."""
    if number < 1:
        raise ValueError(number)
    if number == 1:
        return 1953, 1957
    if number == 2:
        return 1958, 1962
    first = 1966 + 5 * (number - 3)
    return first, first + 4


def plan_number(name: str) -> int | None:
    """ "十三五" -> 13, "十五" -> 10, "第十四个五年规划" -> 14."""
    match = _PLAN_RE.fullmatch(name) or _PLAN_RE.match(name)
    if not match:
        return None
    if match.group("ten") is not None:
        tens = match.group("ten")
        return 10 if tens == "十" else int(parse_chinese(tens))
    return int(parse_chinese(match.group("nth")))


def _year(text: str) -> int:
    if text.isdigit() and text.isascii():
        return int(text)
    return int(parse_chinese(text))


def _lead(match: re.Match) -> tuple[bool, bool, bool]:
    """(future, cutoff, aspirational) from the lead word before the period."""
    lead = match.group("lead")
    if not lead:
        return False, False, False
    role, aspirational = LEAD_WORDS[lead]
    return role == "future", role == "cutoff", aspirational


def find_periods(text: str) -> list[Period]:
    """All time expressions in ``text``, in order, non-overlapping."""
    found: list[Period] = []
    taken = Occupied(len(text))
    free = taken.free

    def add(period: Period) -> None:
        found.append(period)
        taken.take(period.start, period.end)

    for m in _PLAN_RE.finditer(text):
        ten, qual = m.group("ten"), m.group("qual")
        quoted = "“" in m.group(0) or '"' in m.group(0)
        # A bare "十五" is the number 15 ("（十五）") unless quoted or qualified;
        # "十三五" and the like are plan names even without quotes.
        if ten == "十" and not quoted and not qual:
            continue
        number = plan_number(m.group(0)[len(m.group("lead") or "") :])
        if number is None:
            continue
        first, last = plan_years(number)
        kind = PLAN_QUALIFIERS.get(qual or "", "plan")
        if kind == "plan_end":
            first = last
        elif kind == "plan_start":
            last = first
        future, cutoff, aspirational = _lead(m)
        add(
            Period(
                m.start(),
                m.end(),
                m.group(0),
                kind,
                first,
                last,
                future=future,
                cutoff=cutoff,
                aspirational=aspirational,
                plan_number=number,
            )
        )

    for m in _DATE_RE.finditer(text):
        if free(m.start(), m.end()):
            y = _year(m.group("y"))
            add(Period(m.start(), m.end(), m.group(0), "date", y, y))

    for m in _YEAR_RANGE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y2 < y1:
            continue
        future, cutoff, aspirational = _lead(m)
        add(
            Period(
                m.start(),
                m.end(),
                m.group(0),
                "year_range",
                y1,
                y2,
                future=future,
                cutoff=cutoff,
                aspirational=aspirational,
            )
        )

    for m in _YEAR_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        try:
            y = _year(m.group("y"))
        except ValueError:
            continue
        future, cutoff, aspirational = _lead(m)
        add(
            Period(
                m.start(),
                m.end(),
                m.group(0),
                "year",
                y,
                y,
                future=future,
                cutoff=cutoff,
                aspirational=aspirational,
            )
        )

    for m in _PER_YEAR_RE.finditer(text):
        if free(m.start(), m.end()):
            add(Period(m.start(), m.end(), m.group(0), "per_year", None, None))

    found.sort(key=lambda p: p.start)
    return found


def parse_date(text: str) -> date | None:
    """The first full date in ``text`` ("二〇一一年六月七日" -> 2011-06-07)."""
    for m in _DATE_RE.finditer(text):
        if m.group("d") is None:
            continue
        try:
            return date(_year(m.group("y")), _year(m.group("m")), _year(m.group("d")))
        except ValueError:
            continue
    return None


def plan_period_of(text: str) -> tuple[int, int] | None:
    """The plan period a title names ("…发展“十四五”规划" -> (2021, 2025))."""
    for period in find_periods(text):
        if period.plan_number is not None:
            return plan_years(period.plan_number)
    return None
