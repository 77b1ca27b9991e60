"""The case of a patent a rule pays for, and the applicant's patents.

Patent funding calls (专利资助) pay by the patent's own dates and case, not
only by its kind: which scheme applies depends on the day it was filed
("专利申请日在2016年2月23日及之前的如下国内专利"); a call takes the patents
granted or examined in its window ("授权公告日在2017年1月1日至6月30日期间");
a fee reduction changes the amount ("（获国家知识产权局费用减缓的，职务发明
每件资助1000元，非职务发明每件资助500元）") or ends it ("（…费用减缓的，不再
给予资助）").  Pure Python (no Django).

* ``dated_terms(text, rule_start, sections, events)``: the date conditions of
  the section a rule is in (the nearest enclosing provision that states
  any), each as a ``dated`` term, kept for the rule when its events are of
  the patents the condition speaks of;
* ``case_terms(text, start, end, sentence)``: the fee reduction and the
  service invention a rule's own words require, as ``case`` terms;
* ``read_patents(details, text, as_of)``: the applicant's patents as a form's
  details ("专利申请日": "2016-05-10") or a line ("2015年申请的实用新型专利今年
  2月授权了") state them: dates by what happened and the kind of patent, and
  the fee reduction and service invention where said;
* ``weigh_dated`` / ``weigh_case``: met, failed or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from measures.extraction.eligibility.events import LEVEL_WORDS
from measures.extraction.eligibility.term import FAILED, MET, UNKNOWN, Term

# The kind of patent each patent event is about (a foreign grant, whatever
# the office, is "foreign"; an examination is of a domestic invention).
EVENT_KINDS = {
    "patent_design": "design",
    "patent_utility": "utility",
    "patent_invention": "invention",
    "patent_exam": "invention",
    "patent_invention_foreign": "foreign",
    "patent_foreign_major": "foreign",
    "patent_foreign_hmt": "foreign",
    "patent_foreign_other": "foreign",
}
EXAM_EVENTS = {"patent_exam"}
DOMESTIC = ("design", "utility", "invention")

# What a date is the day of, as calls and people name it.
FIELDS = (
    ("examined", r"实质审查生效日|进入实质审查(?:日期|时间)?|实审(?:生效)?日?"),
    ("granted", r"授权公告日|授权日|授权时间|获得授权|获授权|授权"),
    ("filed", r"(?:专利)?申请日|申请时间|提交日期|申请|提交|递交|交的"),
)

_DAY = r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
_TO = r"至(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
_FIELD = "(?P<field>" + "|".join(f"(?:{words})" for _, words in FIELDS[:2]) + r"|(?:专利)?申请日)"
# "专利申请日在2016年2月23日及之前的如下国内专利"
EDGE_RE = re.compile(rf"{_FIELD}在{_DAY}(?P<edge>及?(?:之前|以前|之后|以后))")
# "授权公告日在2017年1月1日至6月30日期间的国内发明专利"
WINDOW_RE = re.compile(rf"{_FIELD}在{_DAY}{_TO}(?:期间|之间)?")
# "在2017年1月1日至6月30日期间获得授权的境外发明专利"
ACT_WINDOW_RE = re.compile(rf"在{_DAY}{_TO}(?:期间|之间)?(?P<field>获得授权|获授权|授权)")
# The patents a condition speaks of: the words after it, to the clause's end.
SCOPE_END_RE = re.compile(r"[：:；;。\n]")
SCOPE_CHARS = 40

# "对获得当年国内发明授权的专利", "当年获得授权的": a grant of the year asked about.
THIS_YEAR_RE = re.compile(r"当年[^，。；]{0,8}授权")

# "（获国家知识产权局费用减缓的，…）": a fee reduction, opening an aside.
FEE_ASIDE_RE = re.compile(r"[（(]获[^，。；）)]{0,16}费用减缓的[，,]")
SERVICE_RE = re.compile(r"(?P<non>非)?职务发明")


def _field_of(words: str) -> str:
    return next(name for name, pattern in FIELDS if re.fullmatch(pattern, words))


def _day(year, month, day_) -> date | None:
    try:
        return date(int(year), int(month), int(day_))
    except (TypeError, ValueError):
        return None


def _scope(text: str, at: int) -> set[str]:
    """The kinds of patent the words after a condition name ("的如下国内专利",
    "的国内发明专利申请", "的境外发明专利"): every kind when they name none."""
    end = SCOPE_END_RE.search(text, at, at + SCOPE_CHARS)
    words = text[at : end.start() if end else at + SCOPE_CHARS]
    if "境外" in words or "国外" in words:
        return {"foreign"}
    named = {kind for kind, word in (("design", "外观设计"), ("utility", "实用新型"),
                                     ("invention", "发明")) if word in words}
    if named:
        return named
    return set(DOMESTIC) if "国内" in words else {*DOMESTIC, "foreign"}


def _conditions(text: str, begin: int, end: int) -> list[Term]:
    found = []
    for m in EDGE_RE.finditer(text, begin, end):
        day = _day(m["y1"], m["m1"], m["d1"])
        if day:
            comparator = "<=" if m["edge"].endswith("前") else ">="
            found.append((m, comparator, day.isoformat()))
    for pattern in (WINDOW_RE, ACT_WINDOW_RE):
        for m in pattern.finditer(text, begin, end):
            first = _day(m["y1"], m["m1"], m["d1"])
            last = _day(m["y2"] or m["y1"], m["m2"], m["d2"])
            if first and last:
                found.append((m, "between", f"{first.isoformat()}/{last.isoformat()}"))
    terms = []
    for m, comparator, value in found:
        kinds = _scope(text, m.end())
        terms.append(Term(
            "dated", _field_of(m["field"]), m.group(), m.group(), m.start(), m.end(),
            comparator=comparator, value=value, unit=",".join(sorted(kinds)),
        ))
    return terms


def _applies(term: Term, events: set[str]) -> bool:
    kinds = set(term.unit.split(","))
    for event in events:
        if EVENT_KINDS.get(event) not in kinds:
            continue
        if term.key == "examined" and event not in EXAM_EVENTS:
            continue
        if term.key == "granted" and event in EXAM_EVENTS:
            continue
        return True
    return False


def is_patent_rule(events: set[str]) -> bool:
    return any(e in EVENT_KINDS for e in events)


def dated_terms(text: str, rule_start: int, sections: list[int], events: set[str]) -> list[Term]:
    """The date conditions a patent rule at ``rule_start`` is under: those of
    the nearest of its enclosing provisions (``sections``: their starts,
    nearest first) whose text before the rule states any; or a grant of the
    year its own clause asks for ("对获得当年国内发明授权的专利，每件…")."""
    clause = max(text.rfind(mark, 0, rule_start) for mark in "；。\n") + 1
    this_year = THIS_YEAR_RE.search(text, clause, rule_start)
    if this_year:
        kinds = sorted({EVENT_KINDS[e] for e in events if e in EVENT_KINDS})
        return [Term("dated", "granted", "当年获得授权", this_year.group(), this_year.start(),
                     this_year.end(), comparator="this_year", unit=",".join(kinds))]
    for begin in sections:
        terms = _conditions(text, begin, rule_start)
        if terms:
            return [t for t in terms if _applies(t, events)]
    return []


def case_terms(text: str, start: int, end: int, sentence: tuple[int, int]) -> list[Term]:
    """The fee reduction and service invention the rule's words require: a
    rule inside "（获…费用减缓的，…）" is for a reduced fee, the rule that aside
    follows is for a fee paid in full; "职务发明"/"非职务发明" just before it."""
    terms = []
    opened = text.rfind("（", sentence[0], start)
    closed = max(text.rfind("）", sentence[0], start), text.rfind(")", sentence[0], start))
    aside = FEE_ASIDE_RE.match(text, opened) if opened > closed else None
    if aside:
        terms.append(Term("case", "fee_reduced", "获得费用减缓", aside.group()[1:-1],
                          aside.start() + 1, aside.end() - 1, value="yes"))
    else:
        after = FEE_ASIDE_RE.match(text, end) or FEE_ASIDE_RE.match(text, end + 1)
        if after:
            terms.append(Term("case", "fee_reduced", "未获费用减缓", after.group()[1:-1],
                              after.start() + 1, after.end() - 1, value="no"))
    clause = max(text.rfind(mark, sentence[0], start + 1) for mark in "，；（")
    service = None
    for m in SERVICE_RE.finditer(text, max(clause, sentence[0]), min(end, start + 8)):
        service = m
    if service:
        non = bool(service["non"])
        terms.append(Term("case", "service_invention", "非职务发明" if non else "职务发明",
                          service.group(), service.start(), service.end(),
                          value="no" if non else "yes"))
    return terms


# -- the applicant's patents ---------------------------------------------------

# A date as a form or a line writes it: 2016-05-10, 2016-05, 2016, 2016年5月10日,
# 16年5月, 今年3月, 去年, 2017年上半年.
DATE_RE = re.compile(
    r"(?P<iso>(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})(?:-(?P<id>\d{1,2}))?)"
    r"|(?:(?P<year>(?:19|20)?\d{2})年|(?P<rel>今年|去年|前年))"
    r"(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?|(?P<half>上半年|下半年))?"
    r"|(?P<bare>(?:19|20)\d{2})(?![\d年-])"
)
# The offices of a foreign grant as a form's details name them ("授权国家": "美国").
OFFICES = tuple(
    (level, "|".join(word for word, of in LEVEL_WORDS if of == level))
    for level in ("major_offices", "hmt", "other_countries")
)
# ...any of them: a grant abroad
OFFICE_WORDS = "|".join(pattern for _, pattern in OFFICES)
KIND_WORDS = (
    ("foreign", OFFICE_WORDS + "|境外|国外|外国|PCT"),
    ("design", r"外观设计"),
    ("utility", r"实用新型"),
    ("invention", r"发明"),
)
YES_RE = re.compile(r"^(?:是|有|yes|true|已|办了|获|申请了)", re.I)
NO_RE = re.compile(r"^(?:否|无|没|未|不|no|false)", re.I)
NEGATED_RE = re.compile(r"(?:没有?|未|不|无)[^，。；]{0,3}$")


@dataclass
class Patents:
    """Dates by what happened: (kind or None, first day, last day)."""

    dates: dict[str, list[tuple[str | None, date, date]]] = field(default_factory=dict)
    as_of: date | None = None
    fee_reduced: bool | None = None
    service_invention: bool | None = None

    def add(self, name, kind, span):
        self.dates.setdefault(name, []).append((kind, *span))


def _span(m: re.Match, as_of: date | None) -> tuple[date, date] | None:
    if m["iso"] or m["bare"]:
        year = int(m["iy"] or m["bare"])
        month = int(m["im"]) if m["im"] else None
        day_ = int(m["id"]) if m["id"] else None
        half = None
    else:
        if m["rel"]:
            if as_of is None:
                return None
            year = as_of.year - ("今年", "去年", "前年").index(m["rel"])
        else:
            year = int(m["year"])
            year += 2000 if year < 100 else 0
        month = int(m["month"]) if m["month"] else None
        day_ = int(m["day"]) if m["day"] else None
        half = m["half"]
    try:
        if day_ and month:
            first = last = date(year, month, day_)
        elif month:
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        elif half:
            first, last = (date(year, 1, 1), date(year, 6, 30)) if half == "上半年" else (
                date(year, 7, 1), date(year, 12, 31))
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return first, last


def _kind(words: str) -> str | None:
    return next((kind for kind, pattern in KIND_WORDS if re.search(pattern, words)), None)


def _flag(value: str) -> bool | None:
    value = value.strip()
    if NO_RE.match(value):
        return False
    if YES_RE.match(value):
        return True
    return None


def _clauses(text: str):
    at = 0
    for piece in re.split(r"([，。；;,（）()\n])", text):
        yield at, piece
        at += len(piece)


# What a date is the day of: the words right after it ("2015年申请的"), else
# the name of the day right before it ("申请日2016-04-20").
HAPPENED_AFTER = tuple((name, re.compile(rf"[^，。；]{{0,6}}?(?:{words})")) for name, words in FIELDS)
HAPPENED_BEFORE = tuple((name, re.compile(rf"(?:{words})[：:为是在]?$")) for name, words in FIELDS)


def _what_happened(before: str, after: str) -> str | None:
    return next((n for n, pattern in HAPPENED_AFTER if pattern.match(after)), None) or next(
        (n for n, pattern in HAPPENED_BEFORE if pattern.search(before)), None
    )


def _read_line(patents: Patents, text: str, as_of: date | None, kind_hint=None) -> None:
    """Dates followed by what happened ("2015年申请的…", "今年2月授权了"), or
    after the name of the day ("申请日2016-04-20"), clause by clause."""
    for _, clause in _clauses(text):
        kind = _kind(clause) or kind_hint
        for m in DATE_RE.finditer(clause):
            span = _span(m, as_of)
            if span is None:
                continue
            name = _what_happened(clause[max(0, m.start() - 8) : m.start()],
                                  clause[m.end() : m.end() + 12])
            if name:
                patents.add(name, kind, span)
    if "费用减缓" in text:
        at = text.index("费用减缓")
        patents.fee_reduced = not NEGATED_RE.search(text[max(0, at - 6) : at])
    service = SERVICE_RE.search(text)
    if service:
        patents.service_invention = not service["non"]


def read_patents(details: dict[str, str], text: str, as_of: date | None) -> Patents:
    """The applicant's patents as ``details`` (a form's free fields) and the
    line ``text`` say them."""
    patents = Patents(as_of=as_of)
    for key, value in details.items():
        key, value = str(key), str(value)
        if "费用减缓" in key:
            patents.fee_reduced = _flag(value)
            continue
        if "职务" in key:
            flag = _flag(value)
            patents.service_invention = (not key.startswith("非")) == flag if flag is not None else None
            continue
        name = next((n for n, p in FIELDS if re.search(p, key)), None)
        if name and ("日" in key or "时间" in key or name == "examined"):
            for part in re.split(r"[；;]", value):
                m = DATE_RE.search(part)
                span = _span(m, as_of) if m else None
                if span:
                    patents.add(name, _kind(part) or _kind(key), span)
        else:
            _read_line(patents, f"{key}：{value}", as_of, _kind(key))
    if text:
        _read_line(patents, text, as_of)
    return patents


OFFICE_KEY_RE = re.compile(r"授权(?:国家|国|地区|地|机构)|国家|地区")


def office_of(details: dict[str, str]) -> str:
    """The level of the office that granted the applicant's foreign patent
    (``events.LEVEL_WORDS``: major_offices, hmt, other_countries), or ""."""
    levels = set()
    for key, value in details.items():
        said = f"{key}{value}"
        found = {level for level, pattern in OFFICES if re.search(pattern, said)}
        if found == {"major_offices", "other_countries"}:
            found = {"other_countries"}  # "美日欧以外的其他国家"
        if not found and OFFICE_KEY_RE.search(str(key)) and not DATE_RE.search(str(value)):
            found = {"other_countries"}
        levels |= found
    return levels.pop() if len(levels) == 1 else ""


def weigh_dated(term: dict, events: set[str], patents: Patents) -> str:
    """A date condition against the dates of the applicant's patents of the
    rule's kind: met when one lies wholly inside, failed when all lie outside."""
    kinds = {EVENT_KINDS[e] for e in events if e in EVENT_KINDS}
    spans = [(a, b) for kind, a, b in patents.dates.get(term["key"], [])
             if kind is None or kind in kinds]
    if not spans:
        return UNKNOWN
    value, comparator = term.get("value", ""), term.get("comparator", "")
    if comparator == "this_year":
        if patents.as_of is None:
            return UNKNOWN
        first, last = date(patents.as_of.year, 1, 1), date(patents.as_of.year, 12, 31)
    elif comparator == "between":
        first, last = map(date.fromisoformat, value.split("/"))
    elif comparator == "<=":
        first, last = date.min, date.fromisoformat(value)
    else:
        first, last = date.fromisoformat(value), date.max
    verdicts = {MET if first <= a and b <= last else FAILED if b < first or a > last else UNKNOWN
                for a, b in spans}
    return MET if MET in verdicts else UNKNOWN if UNKNOWN in verdicts else FAILED


def weigh_case(term: dict, flags: dict[str, bool | None]) -> str:
    """A case the rule requires ("value": yes or no) against what the profile
    says of it (``flags``: fee_reduced, service_invention, own_reward_rule …)."""
    have = flags.get(term["key"])
    if have is None:
        return UNKNOWN
    return MET if have == (term.get("value") == "yes") else FAILED
