"""When a document applies: its validity period, read from its own text.

Reads the normalised text with what the header says about it (title, date of
issue, plan period); returns a ``Validity``: the first and last day it
applies (either may be open), the rule that decided, and every sentence that
says so, with its offsets into the text.

What the rules read, strongest first:

- a draft for comment ("（征求意见稿）" at the head): never in force as such;
- a range ("有效期自2021年1月1日至2023年12月31日"), an end date
  ("有效期至2025年12月31日"), a term ("有效期3年", "试行期一年", counted
  from the start);
- the plan period the document covers: "规划期为2021—2025年" in the text,
  "“十四五”" or "（2024—2026年）" in the title, or the stored plan period;
- the start: "自2021年2月1日起施行", "自印发之日起施行" / "自公布之日起施行"
  (the date of issue, else the latest date of a law's adoption history
  "2024年4月26日…第二次修正");
- nothing said: the date of issue (成文日期) opens an open-ended period;
  a call for applications (``documents.extraction.calls``) closes on its
  last filing day;
- no date at all (a text that lost its header): the period is inferred, and
  says so — it opens no earlier than the latest dated event the text
  implements ("贯彻落实党的十八届三中全会精神", a cited "〔2015〕32号") and
  closes with the last deadline it sets itself ("到2020年"); what cannot be
  inferred stays unknown.

A sentence speaks for the document only when the document is its subject
("本条例自…", "本措施由…解释，自印发之日起施行，有效期三年") or when it is
nothing but the clause ("自2021年1月1日起施行。"): "资格有效期为三年" or
"《专利法》自…施行" are about something else.  "…同时废止" records the
titles the document repeals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from documents.extraction.calls import is_call, last_filing_day
from documents.extraction.numerals import parse_chinese
from documents.extraction.periods import find_periods, parse_date, plan_years
from documents.extraction.sentences import Span, span_at, split_sentences
from documents.extraction.undated import inferred_period

# -- the vocabulary -------------------------------------------------------------

# What a document calls itself: 本 + up to two modifiers + a genre noun
# ("本条例", "本实施细则", "本扶持意见", "本政策措施").
SELF_NOUNS = (
    "法", "条例", "规定", "办法", "细则", "意见", "措施", "政策", "方案", "计划",
    "规划", "通知", "决定", "准则", "规则", "指引", "指南", "纲要", "文件", "公告",
)
SELF_MODIFIERS = (
    "实施", "若干", "管理", "暂行", "试行", "扶持", "支持", "政策", "行动", "工作",
    "专项", "奖励", "资助", "补贴", "补助",
)
# 本 inside another word ("基本法律", "成本", "资本", "文本") is not "this".
NOT_SELF_BEFORE = "基根资成样文版副日原"

# Verbs that put a text into force, and the events whose day can start it.
EFFECTIVE_VERBS = ("施行", "执行", "实施", "试行", "生效")
ISSUE_EVENTS = ("印发", "发布", "公布", "颁布", "下发", "发文", "签发", "公告")
# Names of a period of validity ("有效期", "试行期", "执行期限").
TERM_WORDS = ("有效期限", "有效期", "试行期", "执行期限", "执行期", "实施期限", "实施期")
# A term stated as provisional or on trial without its name before the count
# ("施行，暂定三年有效期", "自发布之日起试行两年").  It must open a clause (or
# follow 起): "补贴期限暂定3年" is the term of a payment, not of the document.
PROVISIONAL_WORDS = ("暂定", "试行")
PROVISIONAL_AFTER = "，,；;：:起"
# A term of something else: "资格有效期为三年", "证书有效期…".
NOT_OUR_TERM = (
    "资格", "证书", "认定", "称号", "许可", "资质", "备案", "合同", "协议", "项目",
    "授权", "专利", "牌照", "登记",
)
# Words naming the period a plan covers ("规划期为2021—2025年").
PLAN_TERM_WORDS = ("规划期", "实施期", "执行期", "行动期", "计划期")
# How a document repeals others: "《…》同时废止", "…自本办法施行之日起废止".
REPEAL_WORDS = ("同时废止", "同时停止执行", "同时停止实施", "同时失效", "同时不再执行")
# A document repeals others in a sentence or two; a text that says so
# thousands of times (a pasted file) keeps this many.
MAX_REPEAL_SENTENCES = 10
# A draft for comment is never in force as printed.
DRAFT_MARKS = ("征求意见稿", "送审稿", "草案")
# Where the draft mark must be: the title, or this many characters of the head.
DRAFT_HEAD_CHARS = 120
# A law's adoption history under its title ("2012年8月31日…第一次修正").
HISTORY_VERBS = ("通过", "修正", "修订", "批准", "公布", "发布")
HISTORY_HEAD_CHARS = 2000

# -- patterns built from it -----------------------------------------------------

_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
# Month and day; X/× are the placeholders of a draft ("2025年XX月XX日").
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[Xx×]{1,2})"
_DATE = rf"{_YEAR}年{_MD}月{_MD}日"
# An end date: a day, or the end of a year ("2025年底").
_END = rf"(?:{_DATE}|{_YEAR}年(?:底|末))"
_COUNT = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3}|[Xx×]{1,2})"


def _any(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


SELF_RE = re.compile(
    rf"(?<![{NOT_SELF_BEFORE}])本(?:{_any(SELF_MODIFIERS)}){{0,2}}(?:{_any(SELF_NOUNS)})"
)
_VERB = rf"(?:{_any(EFFECTIVE_VERBS)})"
_TERM = rf"(?:{_any(TERM_WORDS)})"


@dataclass(frozen=True)
class Rule:
    """One way of stating validity: a pattern and the bound(s) it sets."""

    name: str
    bound: str  # "start", "end", "both", "term", "plan", "repeal"
    pattern: re.Pattern[str]


RULES = (
    Rule(
        "term_range",
        "both",
        re.compile(
            rf"{_TERM}(?:为|是|：)?(?:自|从)?(?P<from>{_DATE})(?:起)?(?:至|到|—|-|～|~)"
            rf"(?P<until>{_END})(?:止)?"
        ),
    ),
    Rule(
        "term_until",
        "end",
        re.compile(
            rf"(?:{_TERM}|有效|{_VERB})(?:为|是)?(?:至|到|截至|截止(?:到|至)?)"
            rf"(?P<until>{_END})"
        ),
    ),
    Rule(
        "term_years",
        "term",
        re.compile(
            rf"{_TERM}(?:为|是)?(?:暂?定)?(?:为)?(?P<count>{_COUNT})(?P<unit>年|个月)"
            rf"|(?<=[{PROVISIONAL_AFTER}])(?:{_any(PROVISIONAL_WORDS)})(?:为)?"
            rf"(?P<count2>{_COUNT})(?P<unit2>年|个月)"
        ),
    ),
    Rule(
        "effective_date",
        "start",
        re.compile(rf"(?:自|从|于)?(?P<from>{_DATE})(?:起|开始)?{_VERB}"),
    ),
    Rule(
        "effective_on_issue",
        "start",
        re.compile(
            rf"(?:自|从)(?:{_any(ISSUE_EVENTS)})之日(?:起)?"
            rf"(?:(?P<days>{_COUNT})日后)?{_VERB}"
        ),
    ),
    Rule(
        "plan_period_text",
        "plan",
        re.compile(rf"(?:{_any(PLAN_TERM_WORDS)})(?:限)?(?:为|是|：)?"),
    ),
    Rule(
        "repeal",
        "repeal",
        re.compile(
            rf"(?:{_any(REPEAL_WORDS)})|自{SELF_RE.pattern}{_VERB}之日起(?:废止|失效|停止执行)"
        ),
    ),
)
RULE = {rule.name: rule for rule in RULES}

HISTORY_LINE_RE = re.compile(rf"[（(]?(?:根据)?{_DATE}")
HISTORY_RE = re.compile(
    rf"(?P<date>{_DATE})(?:(?!{_YEAR}年)[^。\n]){{0,200}}?(?:{_any(HISTORY_VERBS)})"
)
_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
_LABEL_RE = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零〇]+条|[（(][一二三四五六七八九十\d]+[）)]|"
    r"\d{1,2}[.．、]|[一二三四五六七八九十]+、)?\s*"
)

# -- results --------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One sentence that says something about the validity.

    ``start``/``end`` are offsets of the sentence in the text (None for a
    title or date that the text does not print); ``date`` is the day it
    fixes, if any."""

    rule: str
    bound: str
    text: str
    start: int | None
    end: int | None
    date: date | None = None

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "bound": self.bound,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date.isoformat() if self.date else None,
        }


# What decided the period, strongest first (``Validity.basis``).
BASES = (
    "draft",
    "term",
    "plan_period",
    "effective_date",
    "effective_on_issue",
    "issued_date",
    "inferred",
    "unknown",
)


@dataclass(frozen=True)
class Validity:
    valid_from: date | None
    valid_until: date | None  # the last day it applies, inclusive
    basis: str  # one of BASES
    evidence: tuple[Evidence, ...] = ()
    repeals: tuple[str, ...] = ()

    @property
    def primary(self) -> Evidence | None:
        """The sentence of the rule that decided (the basis)."""
        rules = BASIS_RULES.get(self.basis, ())
        return next((e for e in self.evidence if e.rule in rules), None) or next(
            (e for e in self.evidence if e.bound != "repeal"), None
        )


BASIS_RULES = {
    "draft": ("draft",),
    "term": ("term_range", "term_until", "term_years", "filing_deadline"),
    "plan_period": ("plan_period_text", "plan_period_title", "plan_period"),
    "effective_date": ("effective_date",),
    "effective_on_issue": ("effective_on_issue",),
    "issued_date": ("issued_date", "adoption_history"),
    "inferred": ("cited_event", "cited_number", "deadline"),
}

# -- reading --------------------------------------------------------------------


def _number(text: str) -> int | None:
    if re.fullmatch(r"[Xx×]+", text):
        return None
    return int(text) if text.isdigit() else int(parse_chinese(text))


def _day(text: str) -> date | None:
    """A printed day or year end; None for a placeholder ("2025年X月X日")."""
    m = re.fullmatch(rf"({_YEAR})年(?:底|末)", text)
    if m:
        return date(_year(m.group(1)), 12, 31)
    return parse_date(text)


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese(text))


def add_term(start: date, count: int, unit: str) -> date:
    """The last day of a term of ``count`` years (months) that includes its
    first day ``start``: the day before the same day ``count`` years later
    ("有效期3年" from 2023-03-15 ends on 2026-03-14).  Where that month has
    no such day (29 February), the term runs to the month's end."""
    months = count * 12 if unit == "年" else count
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    try:
        after = date(year, month + 1, start.day)
    except ValueError:
        # Only a month shorter than 31 days lacks the day, never December:
        # the next month is in the same year.
        after = date(year, month + 2, 1)
    return after - timedelta(days=1)


class _Reader:
    """The text split once into sentences, and the title."""

    def __init__(self, text: str, title: str | None):
        self.text = text
        self.title = title or ""
        self.sentences = split_sentences(text)

    def sentence_of(self, pos: int) -> Span:
        return span_at(self.sentences, pos) or Span(pos, pos)

    def evidence(self, rule: str, bound: str, span: Span, day: date | None = None):
        """``span`` of the text, without surrounding blanks, as evidence."""
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(rule, bound, self.text[start:end], start, end, day)

    def speaks_for_itself(self, sentence: Span, at: int) -> bool:
        """Is the document the subject of the clause at ``at``: "本X" earlier
        in the sentence, or nothing but a label before it."""
        before = self.text[sentence.start : at]
        return bool(SELF_RE.search(before)) or _LABEL_RE.fullmatch(before) is not None

    def matches(self, rule: Rule):
        """(match, sentence) of ``rule`` in sentences about the document."""
        for m in rule.pattern.finditer(self.text):
            sentence = self.sentence_of(m.start())
            if self.speaks_for_itself(sentence, m.start()):
                yield m, sentence


def _our_term(text: str, at: int) -> bool:
    """False for "资格有效期…": a term named after something else."""
    before = text[max(0, at - 4) : at]
    return not any(before.endswith(w) for w in NOT_OUR_TERM)


def read_validity(
    text: str,
    *,
    title: str | None = None,
    issued_on: date | None = None,
    plan_period: tuple[int, int] | None = None,
) -> Validity:
    """The validity of the document whose normalised text is ``text``;
    ``issued_on`` and ``plan_period`` are what the header or a curated
    manifest says (``Document.issued_on``, ``Document.plan_period``)."""
    reader = _Reader(text, title)
    evidence: list[Evidence] = []
    draft = _draft(reader)
    if draft:
        evidence.append(draft)

    start, end, term = None, None, None
    stated = _stated_end(reader)
    if stated:
        start, end, term, found = stated
        evidence.append(found)
    plan = _plan(reader, plan_period)
    if plan:
        evidence.append(plan[1])

    history = _history(reader)
    issued = issued_on or (history.date if history else None)
    how = None
    if start is None:
        stated_start = _stated_start(reader, issued_on, history)
        if stated_start:
            start, how, found = stated_start
            evidence.extend(found)
    # Nothing stated (a placeholder date is stated): the plan's first year,
    # not before the document was issued, else the date of issue.
    if start is None and how is None and plan:
        first, last = plan[0]
        start = date(first, 1, 1)
        if issued_on and start < issued_on <= date(last, 12, 31):
            start = issued_on
            evidence.append(_issued_evidence(reader, issued_on, history))
    if start is None and how is None and issued:
        start = issued
        evidence.append(_issued_evidence(reader, issued_on, history))
        how = "issued_date"

    if end is None and term and start:
        end = add_term(start, *term)
    if end is None and plan:
        end = date(plan[0][1], 12, 31)
    # A call for applications that states no term: its last filing day.
    closing = None
    if how == "issued_date" and end is None and is_call(reader.title):
        closing = last_filing_day(text, start)
        if closing:
            end = closing.day
            sentence = reader.sentence_of(closing.start)
            evidence.append(reader.evidence("filing_deadline", "end", sentence, end))
    repeals = _repeals(reader, evidence)

    if draft:
        return Validity(None, None, "draft", tuple(evidence), repeals)
    if start is None and end is None and how is None:
        inferred = inferred_period(reader)
        if inferred:
            start, end, found = inferred
            return Validity(start, end, "inferred", (*evidence, *found), repeals)
    if end is not None and (stated or closing):
        basis = "term"
    elif plan:
        basis = "plan_period"
    elif how:
        basis = how
    else:
        basis = "unknown"
    return Validity(start, end, basis, tuple(evidence), repeals)


def _stated_end(reader: _Reader):
    """(start, end, term, evidence) of a stated range, end date or term."""
    for name in ("term_range", "term_until", "term_years"):
        for m, sentence in reader.matches(RULE[name]):
            if not _our_term(reader.text, m.start()):
                continue
            if name == "term_years":
                count = _number(m.group("count") or m.group("count2"))
                term = (count, m.group("unit") or m.group("unit2")) if count else None
                return None, None, term, reader.evidence(name, "term", sentence)
            until = _day(m.group("until"))
            start = _day(m.group("from")) if name == "term_range" else None
            return start, until, None, reader.evidence(name, RULE[name].bound, sentence, until)
    return None


def _stated_start(reader: _Reader, issued_on: date | None, history: Evidence | None):
    """(day, rule, evidence) of a stated start, or None.  The day is None
    when the text leaves it open ("自2025年XX月XX日起试行") or the day of
    issue it refers to is unknown."""
    for m, sentence in reader.matches(RULE["effective_date"]):
        day = _day(m.group("from"))
        return day, "effective_date", [
            reader.evidence("effective_date", "start", sentence, day)
        ]
    for m, sentence in reader.matches(RULE["effective_on_issue"]):
        day = issued_on or (history.date if history else None)
        source = _issued_evidence(reader, issued_on, history)
        if day and m.group("days"):
            count = _number(m.group("days"))
            day = day + timedelta(days=count) if count else None
        found = [reader.evidence("effective_on_issue", "start", sentence, day)]
        if source is not None:
            found.append(source)
        return day, "effective_on_issue", found
    return None


def _draft(reader: _Reader) -> Evidence | None:
    """The title, or the head of the text, marked as a draft."""
    if any(mark in reader.title for mark in DRAFT_MARKS):
        at = reader.text.find(reader.title)
        span = (at, at + len(reader.title)) if at >= 0 else (None, None)
        return Evidence("draft", "draft", reader.title, *span)
    head = reader.text[:DRAFT_HEAD_CHARS]
    for mark in DRAFT_MARKS:
        at = head.find(mark)
        if at >= 0:
            line_start = reader.text.rfind("\n", 0, at) + 1
            end = at + len(mark)
            if reader.text[end : end + 1] in ("）", ")"):
                end += 1
            return reader.evidence("draft", "draft", Span(line_start, end))
    return None


def _plan(reader: _Reader, plan_period):
    """((first, last), evidence) of the period a plan covers, or None."""
    for m in RULE["plan_period_text"].pattern.finditer(reader.text):
        if not _our_term(reader.text, m.start()):
            continue
        sentence = reader.sentence_of(m.start())
        for period in find_periods(reader.text[m.end() : sentence.end]):
            years = _plan_years(period) if period.start == 0 else None
            if years:
                return years, reader.evidence("plan_period_text", "plan", sentence)
    for period in find_periods(reader.title):
        years = _plan_years(period)
        if years:
            at = reader.text.find(reader.title)
            span = (at, at + len(reader.title)) if at >= 0 else (None, None)
            return years, Evidence("plan_period_title", "plan", reader.title, *span)
    if plan_period:
        years = (plan_period[0], plan_period[1])
        return years, _plan_evidence(reader, years)
    return None


def _plan_years(period) -> tuple[int, int] | None:
    if period.kind == "plan" and period.plan_number is not None:
        return plan_years(period.plan_number)
    if period.kind == "year_range" and period.year_end > period.year_start:
        return period.year_start, period.year_end
    return None


def _plan_evidence(reader: _Reader, years: tuple[int, int]) -> Evidence:
    """The first sentence naming a stored plan period: the plan or the year
    range itself, else a deadline in its last year ("到2020年")."""
    deadline = None
    for period in find_periods(reader.text):
        if _plan_years(period) == years:
            return reader.evidence("plan_period", "plan", reader.sentence_of(period.start))
        if deadline is None and period.kind == "year" and period.future and (
            period.year_end == years[1]
        ):
            deadline = reader.sentence_of(period.start)
    if deadline is not None:
        return reader.evidence("plan_period", "plan", deadline)
    return Evidence("plan_period", "plan", f"{years[0]}—{years[1]}年", None, None)


def _history(reader: _Reader) -> Evidence | None:
    """The latest date of a law's adoption history: lines under the title,
    above the first chapter or article, that begin with a date."""
    head = reader.text[:HISTORY_HEAD_CHARS]
    first_heading = re.search(r"(?m)^\s*第[一二三四五六七八九十]+[章条]", head)
    head_end = first_heading.start() if first_heading else len(head)
    latest = None
    offset = 0
    for line in head[:head_end].split("\n"):
        if HISTORY_LINE_RE.match(line):
            for m in HISTORY_RE.finditer(line):
                day = _day(m.group("date"))
                if day and (latest is None or day >= latest[0]):
                    latest = (day, Span(offset + m.start(), offset + m.end()))
        offset += len(line) + 1
    if latest is None:
        return None
    day, span = latest
    return reader.evidence("adoption_history", "start", span, day)


def _issued_evidence(
    reader: _Reader, issued_on: date | None, history: Evidence | None = None
) -> Evidence | None:
    """The line printing the date of issue: the last short line holding it.
    A law's header takes its date from the adoption history, whose lines are
    long: that line is the evidence when it fixes the same day."""
    if history is not None and (issued_on is None or history.date == issued_on):
        return history
    if issued_on is None:
        return None
    found = None
    offset = 0
    for line in reader.text.split("\n"):
        if len(line) <= 40 and parse_date(line) == issued_on:
            found = Span(offset, offset + len(line))
        offset += len(line) + 1
    if found is None:
        return Evidence("issued_date", "start", "", None, None, issued_on)
    return reader.evidence("issued_date", "start", found, issued_on)


def _repeals(reader: _Reader, evidence: list[Evidence]) -> tuple[str, ...]:
    """The titles a document repeals, and their sentences (into ``evidence``)."""
    text = reader.text
    titles: list[str] = []
    found = 0
    for m in RULE["repeal"].pattern.finditer(text):
        sentence = reader.sentence_of(m.start())
        # Words inside a title ("《国务院关于废止…的决定》") repeal nothing.
        if text.rfind("《", sentence.start, m.start()) > text.rfind("》", sentence.start, m.start()):
            continue
        clause_start = max(
            sentence.start, *(text.rfind(mark, sentence.start, m.start()) + 1 for mark in "，；,")
        )
        named = _TITLE_RE.findall(text, clause_start, m.start())
        if not named:
            if not reader.speaks_for_itself(sentence, m.start()):
                continue
            clause = text[clause_start : m.start()].strip()
            named = [clause] if clause and not SELF_RE.fullmatch(clause) else []
        titles.extend(named)
        evidence.append(reader.evidence("repeal", "repeal", sentence))
        found += 1
        if found == MAX_REPEAL_SENTENCES:
            break
    return tuple(dict.fromkeys(titles))
