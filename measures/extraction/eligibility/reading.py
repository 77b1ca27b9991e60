"""Reading the eligibility of one support rule from the words around it.

The rule's *segment* (``subsidies.clauses.rule_segments``: a sentence cut
where a new rule opens) is read clause by clause, back from the amount:

* the *near* clauses are those after the last clause holding another rule
  of the segment ("…每件资助3000元（…），获得授权后每件再资助12000元": the
  12000 is read from "获得授权后…");
* events: the nearest clause naming one (``events``); a bare "获得授权"
  takes the segment's subject ("国内发明专利"); then any clause of the
  segment before the rule; then the lead-in; a condition clause naming an
  achievement no row knows is ``other``;
* groups: the nearest clause naming an applicant, with the 对…的 clause,
  narrowest kept ("对…规模以上工业企业，给予企业20万元" is for the 规上工业
  企业); words inside an event are its object, not the applicant ("认定为
  国家高新技术企业", "承接…高校、科研院所…科技成果"); people rewarded out
  of a unit's income are the applicants and the unit a condition;
* sectors, thresholds, vague and local conditions, and what the amount is
  paid per, from the near clauses.

A rule with several amounts after 分别 takes the level of its place in the
list ("认定为国家级和省级企业技术中心的，分别给予100万元和30万元").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal

from documents.extraction.quantities import Quantity, to_yuan
from documents.extraction.sentences import Span, split_clauses, trim
from measures.beneficiaries import TARGET_GROUPS, TARGET_GROUPS_BY_KEY
from measures.extraction.eligibility.cases import unit_rule_terms
from measures.extraction.eligibility.events import EVENTS, OTHER_EVENT_RE
from measures.extraction.eligibility.matches import events_in, spans_of
from measures.extraction.eligibility.patents import (
    case_terms,
    dated_terms,
    is_patent_rule,
)
from measures.extraction.eligibility.term import Term
from measures.extraction.eligibility.terms import (
    EMPLOYERS,
    GENERIC_HEADS,
    LOCAL_RE,
    MEASURED,
    PARTNER_RE,
    PER_LABELS,
    PER_WORDS,
    REWARD_TO_RE,
    SECTOR_HEAD_RE,
    SECTORS,
    SECTORS_BY_KEY,
    VAGUE_RE,
)
from measures.extraction.keywords import find_hits
from measures.extraction.places import Place
from measures.extraction.subsidies.clauses import object_clause, rule_segments

# Words for a unit that, as an employer of researchers, name another group
# than they name as an applicant (a 研发机构 that rewards its people is a
# 研究开发机构, not a platform).
EMPLOYER_WORDS = {"研发机构": "research_institutes"}

# Of the target groups, those that are people (the rest are organisations).
PEOPLE_ROOT = "individuals"


@dataclass
class Scope:
    """What a whole document says of where and to whom it applies."""

    place: Place
    terms: list[Term] = field(default_factory=list)  # groups and sectors of its scope
    # The industry of its title, for rules that say nothing of any industry.
    title_sectors: list[Term] = field(default_factory=list)
    # Groups the text names by a short form it defines ("研究开发机构、高等院校
    # 等事业单位（以下统称“研发机构、高等院校”）"): short form -> group key.
    defined: dict[str, str] = field(default_factory=dict)
    # Units the text extends its rules to ("本条例有关研发机构、高等院校的规定，
    # 适用于政府设立的医疗卫生机构"): unit key -> the units it also stands for.
    extended: dict[str, tuple[Term, ...]] = field(default_factory=dict)


@dataclass
class Eligibility:
    region: str  # the place path the rule reaches ("" the whole country)
    area: str
    per: str
    terms: list[Term]

    def of_kind(self, kind: str) -> list[Term]:
        return [term for term in self.terms if term.kind == kind]


def is_person_group(key: str) -> bool:
    while key:
        if key == PEOPLE_ROOT:
            return True
        key = TARGET_GROUPS_BY_KEY[key].parent
    return False


def _broader(key: str, table: dict, other: str) -> bool:
    """Whether ``key`` lies above ``other`` in ``table``'s tree."""
    node = table[other].parent if other in table else ""
    while node:
        if node == key:
            return True
        node = table[node].parent if node in table else ""
    return False


def narrowest(terms: list[Term], table: dict) -> list[Term]:
    """``terms`` less those broader than another (企业 beside 规上工业企业),
    one per key."""
    keys = {t.key for t in terms}
    out: list[Term] = []
    for term in terms:
        if any(_broader(term.key, table, other) for other in keys):
            continue
        if term.key not in {t.key for t in out}:
            out.append(term)
    return out


def broadest(terms: list[Term], table: dict) -> list[Term]:
    """``terms`` less those narrower than another, one per key: groups named
    side by side as alternatives ("从事低空经济相关领域的企业及单位")."""
    keys = {t.key for t in terms}
    out: list[Term] = []
    for term in terms:
        if any(_broader(other, table, term.key) for other in keys):
            continue
        if term.key not in {t.key for t in out}:
            out.append(term)
    return out


def _inside(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class _RuleText:
    """The text around one rule and the spans the reading works on."""

    def __init__(self, text, start, end, sentence, siblings, lead_in):
        self.text = text
        self.sentence = sentence
        self.start = start
        self.end = end
        self.lead_in = lead_in
        segments = rule_segments(text, Span(*sentence))
        self.segment = next(
            (s for s in segments if s.start <= start < s.end), segments[-1]
        )
        clauses = [trim(text, c) for c in split_clauses(text, self.segment, ascii_marks=True)]
        clauses = [c for c in clauses if c.start < c.end]
        index = next(
            (i for i, c in enumerate(clauses) if c.start <= start < c.end + 1),
            len(clauses) - 1,
        )
        before = clauses[: index + 1]
        # A segment opened by "：" ("…给予企业连续5年奖励，即：前2年给予…")
        # continues the one before it, which names the applicant and event.
        if self.segment.start > sentence[0] and text[self.segment.start - 1] == "：":
            previous = max(
                (s for s in segments if s.start < self.segment.start), key=lambda s: s.start
            )
            head = [trim(text, c) for c in split_clauses(text, previous, ascii_marks=True)]
            before = [c for c in head if c.start < c.end] + before
        first = 0
        for i, clause in enumerate(before[:-1]):
            if any(clause.start <= s < clause.end for s, _ in siblings):
                first = i + 1
        # "…的，给予企业100元/亩奖励；对新建面积在500亩以上的，给予…": a
        # segment whose 对-clause names no applicant continues the one before.
        self.previous: list[Span] = []
        opener = object_clause(text, self.segment)
        if opener and not find_hits(opener.group("clause"), TARGET_GROUPS) and not (
            _names_event(opener.group("clause"))
        ):
            earlier = [s for s in segments if s.end <= self.segment.start]
            if earlier:
                head = [trim(text, c) for c in split_clauses(text, earlier[-1], ascii_marks=True)]
                self.previous = [c for c in head if c.start < c.end]
        # "约定按份共有的，科技成果完成人持有的份额不低于百分之七十": a segment
        # after a bare condition ("…的，") is that condition's rule.
        earlier = [s for s in segments if s.end <= self.segment.start]
        if not self.previous and earlier and text[earlier[-1].start : earlier[-1].end].rstrip(
            "，, "
        ).endswith("的"):
            head = [trim(text, c) for c in split_clauses(text, earlier[-1], ascii_marks=True)]
            self.previous = [c for c in head if c.start < c.end]
        self.all_before = before
        self.near = before[first:]
        # The rule's own clause, up to its amount and on to the clause end
        # ("给予企业超出额0.5%的奖励，奖励最高不超过20万元").
        self.own = before[-1]

    def words(self, span: Span) -> str:
        return self.text[span.start : span.end]


def _names_event(clause: str) -> bool:
    """Does ``clause`` name an event of its own ("对年度新获认定中国驰名商标的")?"""
    return bool(OTHER_EVENT_RE.search(clause)) or any(
        row.pattern.search(clause) for row in EVENTS if not row.needs
    )


# Words just before a number that make it the support's own ratio or
# ceiling, not a threshold ("可按不超过研发投入30%").
SUPPORT_BEFORE_RE = re.compile(r"(?:按照?|不超过|不高于|最高|给予)[^，。；]{0,10}$")

SUBJECT_RE = re.compile(r"(?:对|在)?(?P<subject>[^，。；：（]{2,14}?)(?:申请|进入|获得|获|授权|取得|被)")


def _read_events(rule: _RuleText, quantities) -> tuple[list[Term], list[tuple[int, int]]]:
    text = rule.text
    context = text[rule.segment.start : rule.segment.end] + rule.lead_in
    found = events_in(text, rule.near, context, rule, quantities)
    if not found:
        # A bare 授权/申请 of a later clause takes the segment's subject:
        # read "国内发明专利" + "获得授权后…" as one clause.
        subject = SUBJECT_RE.match(text, rule.segment.start, rule.segment.end)
        if subject:
            joined = subject.group("subject") + rule.words(rule.near[-1])
            hits = events_in(joined, [Span(0, len(joined))], context, rule, quantities)
            if hits:
                s = subject.start("subject")
                return (
                    [
                        Term("event", row.key, row.label, subject.group("subject") + "…"
                             + match.group()[len(subject.group("subject")):], s, rule.end)
                        for row, match in hits
                    ],
                    [],
                )
        found = events_in(text, rule.all_before, context, rule, quantities)
    if not found and rule.previous:
        found = events_in(text, rule.previous, context, rule, quantities)
    if not found and rule.lead_in:
        found = events_in(rule.lead_in, [Span(0, len(rule.lead_in))], context, rule, [])
        if found:
            return [Term("event", row.key, row.label, m.group()) for row, m in found], []
    if found:
        terms = [
            Term("event", row.key, row.label, match.group(), match.start(), match.end())
            for row, match in found
        ]
        return terms, spans_of(found, text, rule.all_before)
    for clause in rule.near:
        body = rule.words(clause)
        if body.endswith("的") or body.startswith("对"):
            other = OTHER_EVENT_RE.search(text, clause.start, clause.end)
            if other:
                return [Term("event", "other", body, other.group(), clause.start, clause.end)], []
    return [], []


def _group_hits(text: str, span: Span, excluded) -> list[Term]:
    # "银行对…科技企业，给予…": who gives stands before 对, who gets after it.
    to_whom = text.find("对", span.start + 1, span.end)
    if to_whom > span.start and text[to_whom + 1 : to_whom + 2] not in ("于", "外", "接", "象"):
        span = Span(to_whom, span.end)
    window = text[span.start : span.end]
    excluded = [*excluded, *((m.start(), m.end()) for m in PARTNER_RE.finditer(text, span.start, span.end))]
    hits = [
        h for h in find_hits(window, TARGET_GROUPS)
        if not _inside(span.start + h.start, span.start + h.end, excluded)
    ]
    terms = [
        Term("group", h.row.key, h.row.name, h.keyword, span.start + h.start, span.start + h.end)
        for h in hits
    ]
    taken = [(t.start, t.end) for t in terms]
    for word, key in GENERIC_HEADS:
        for m in re.finditer(word, window):
            s, e = span.start + m.start(), span.start + m.end()
            if _inside(s, e, excluded) or any(a < e and s < b for a, b in taken):
                continue
            terms.append(Term("group", key, TARGET_GROUPS_BY_KEY[key].name, word, s, e))
    terms.sort(key=lambda t: t.start)
    return terms


def _split_people(text: str, terms: list[Term], span: Span) -> tuple[list[Term], list[Term]]:
    """(applicants, units): in a reward to people (``REWARD_TO_RE``) the
    people are the applicants and the employers named beside them units."""
    people = [t for t in terms if is_person_group(t.key)]
    employers = [t for t in terms if t.key in EMPLOYERS]
    if not people or not employers or not REWARD_TO_RE.search(text, span.start, span.end):
        return terms, []
    # The generic 单位 of such a text ("收入全部留归本单位") is the employer too.
    return [t for t in terms if t not in employers and t.key != "entities"], employers


def _read_groups(rule: _RuleText, excluded, beneficiary: str) -> tuple[list[Term], list[Term]]:
    text = rule.text
    found: list[Term] = []
    chosen: Span | None = None
    for clause in reversed(rule.near):
        found = _group_hits(text, clause, excluded)
        if found:
            chosen = clause
            break
    opener = object_clause(text, rule.segment)
    if opener and (chosen is None or not (chosen.start <= opener.start() < chosen.end)):
        found += _group_hits(text, Span(opener.start(), opener.end()), excluded)
    units: list[Term] = []
    if chosen is not None:
        found, units = _split_people(text, found, chosen)
    if not found and beneficiary:
        found = [
            Term("group", h.row.key, h.row.name, h.keyword)
            for h in find_hits(beneficiary, TARGET_GROUPS)
        ]
    if not found and rule.lead_in:
        lead = Span(0, len(rule.lead_in))
        found, units = _split_people(rule.lead_in, _group_hits(rule.lead_in, lead, []), lead)
        found = [Term(t.kind, t.key, t.label, t.words) for t in found]
    if found and all(is_person_group(t.key) for t in found) and not units and rule.lead_in:
        lead = Span(0, len(rule.lead_in))
        units = [
            Term("unit", t.key, t.label, t.words)
            for t in _group_hits(rule.lead_in, lead, [])
            if not is_person_group(t.key) and t.key != "entities"
        ]
        if not units and "对" in rule.lead_in and REWARD_TO_RE.search(rule.lead_in):
            # the units that reward their people, named before 对 ("政府设立的
            # 科学技术研究开发机构、高等学校按照下列标准对…做出重要贡献的人员给予奖励")
            givers = rule.lead_in[: rule.lead_in.index("对")]
            units = [
                Term("unit", key, TARGET_GROUPS_BY_KEY[key].name, h.keyword)
                for h in find_hits(givers, TARGET_GROUPS) if h.row.key in EMPLOYERS
                # a 研发机构 that employs researchers is a 研究开发机构
                for key in [EMPLOYER_WORDS.get(h.keyword, h.row.key)]
            ]
    units = [Term("unit", t.key, t.label, t.words, t.start, t.end) for t in units]
    return narrowest(found, TARGET_GROUPS_BY_KEY), narrowest(units, TARGET_GROUPS_BY_KEY)


def _units_before(rule: _RuleText, people: list[Term]) -> list[Term]:
    """The units of ``people`` a rule names with no unit, from the sentence
    before it in the same paragraph when that sentence names the same people
    in the same words and their units ("高等院校、科研机构可以与科技成果完成人约定
    …按份共有…。约定按份共有的，科技成果完成人持有的份额不低于百分之七十": the
    70% is for the people of 高等院校 and 科研机构)."""
    text, end = rule.text, rule.sentence[0]
    begin = max(text.rfind("\n", 0, end) + 1, text.rfind("。", 0, max(0, end - 1)) + 1)
    if begin >= end or not any(t.words and t.words in text[begin:end] for t in people):
        return []
    hits = find_hits(text[begin:end], TARGET_GROUPS)
    units = [
        Term("unit", h.row.key, h.row.name, h.keyword, begin + h.start, begin + h.end)
        for h in hits if h.row.key in EMPLOYERS
    ]
    return narrowest(units, TARGET_GROUPS_BY_KEY)


def _names_a_sector(rule: _RuleText) -> bool:
    """Does the rule's text name an industry in any role ("采购…人工智能大模型
    产品和服务": the product's, not the buyer's)?"""
    words = [w for s in SECTORS for w in s.words]
    return any(
        w in rule.text[c.start : c.end] for c in [*rule.near, rule.own] for w in words
    )


def _read_sectors(rule: _RuleText) -> list[Term]:
    """The sectors of the rule's near clauses, else of the segment it
    continues ("对医药企业投资新建…基地…；对新建面积在500亩以上的，给予…": the
    second rule is for 医药企业 too)."""
    return _sectors_in(rule, [*rule.near, rule.own]) or _sectors_in(rule, rule.previous)


def _sectors_in(rule: _RuleText, clauses: list[Span]) -> list[Term]:
    text = rule.text
    terms: list[Term] = []
    words = sorted(
        ((w, s) for s in SECTORS for w in s.words), key=lambda ws: len(ws[0]), reverse=True
    )
    for clause in clauses:
        taken: list[tuple[int, int]] = []
        for word, sector in words:
            for m in re.finditer(re.escape(word), text[clause.start : clause.end]):
                s, e = clause.start + m.start(), clause.start + m.end()
                if any(a <= s and e <= b for a, b in taken):
                    continue
                if SECTOR_HEAD_RE.match(text, e, clause.end):
                    terms.append(Term("sector", sector.key, sector.label, word, s, e))
                    taken.append((s, e))
    return narrowest(terms, SECTORS_BY_KEY)


def _comparator(text: str, q: Quantity) -> str:
    if q.comparator == "=" and re.match(r"(?:及|或)?以上", text[q.end : q.end + 3]):
        return ">="
    if q.comparator == "=" and text[q.start - 1 : q.start] in ("至", "到") and text[q.end : q.end + 1] == "的":
        # the end of the one range of a condition ("面积在100亩及以上至500亩的"),
        # not one of a list of tiers ("…至5000万元、5000万元以上至1亿元…")
        return "<="
    return q.comparator


def _read_thresholds(rule: _RuleText, quantities, siblings) -> list[Term]:
    text = rule.text
    terms: list[Term] = []
    for clause in rule.near:
        body = rule.words(clause)
        if not (body.endswith("的") or body.startswith("对") or "达到" in body):
            continue
        for q in quantities:
            if not (clause.start <= q.start < clause.end) or q.kind != "amount":
                continue
            if rule.start <= q.start < rule.end or any(s <= q.start < e for s, e in siblings):
                continue
            before = text[clause.start : q.start]
            if SUPPORT_BEFORE_RE.search(before):
                continue  # the support's own ratio or ceiling
            measured = next((m for m in MEASURED if m.words.search(before)), None)
            value = q.value
            unit = q.unit
            if q.category == "money":
                value, unit = to_yuan(q.value, q.unit), "元"
            terms.append(
                Term(
                    "threshold",
                    measured.key if measured else "",
                    measured.label if measured else before[-12:],
                    text[clause.start : q.end],
                    clause.start,
                    q.end,
                    _comparator(text, q),
                    str(Decimal(value).normalize()) if value is not None else "",
                    unit,
                )
            )
    return terms


def _read_per(rule: _RuleText) -> tuple[str, list[Term]]:
    text = rule.text
    window = Span(rule.near[0].start if rule.near else rule.own.start, rule.own.end)
    found: dict[str, Term] = {}
    body = text[window.start : window.end]
    for word, per in PER_WORDS:
        at = body.find(word)
        if at >= 0 and per not in found:
            found[per] = Term("per", per, PER_LABELS[per], word, window.start + at,
                              window.start + at + len(word))
    keys = set(found)
    if {"item", "once"} <= keys:
        per = "item_once"
    else:
        per = next((p for p in ("person_month", "person", "item", "mu", "once", "year")
                    if p in keys), "")
    return per, list(found.values())


def _read_patterns(rule: _RuleText, pattern, kind: str) -> list[Term]:
    terms: dict[str, Term] = {}
    for clause in rule.near:
        for m in pattern.finditer(rule.text, clause.start, clause.end):
            terms.setdefault(m.group(), Term(kind, "", m.group(), m.group(), m.start(), m.end()))
    return list(terms.values())


def _within(quantities: list[Quantity], start: int, end: int) -> list[Quantity]:
    """The quantities starting in ``[start, end)``, by bisection: the
    document's are in text order, and a rule reads its sentence's alone (a
    pass over all of them for every rule grew with the square of the
    document's numbers)."""
    first = bisect_left(quantities, start, key=_start_of)
    return quantities[first : bisect_left(quantities, end, lo=first, key=_start_of)]


def _start_of(q: Quantity) -> int:
    return q.start


def _as_defined(terms: list[Term], scope: Scope) -> list[Term]:
    """Groups named by a short form the text defines, read as what it stands
    for (研发机构 for the 研究开发机构 of a regulation that says so)."""
    out: list[Term] = []
    for term in terms:
        key = scope.defined.get(term.words, term.key)
        if key != term.key:
            term = Term(term.kind, key, TARGET_GROUPS_BY_KEY[key].name, term.words,
                        term.start, term.end)
        if term not in out:
            out.append(term)
    return out


def read_eligibility(
    text: str,
    *,
    start: int,
    end: int,
    sentence: tuple[int, int],
    scope: Scope,
    quantities: list[Quantity],
    siblings: list[tuple[int, int]] = (),
    lead_in: str = "",
    beneficiary: str = "",
    sections: list[int] = (),
) -> Eligibility:
    """The eligibility of the rule at ``text[start:end]`` (offsets in the
    document's text), in the sentence ``sentence``, beside the other rules
    ``siblings`` of that sentence; ``lead_in``: the text introducing its
    provision as an item of a list; ``quantities``: the document's."""
    # ``sections``: the starts of the provisions the rule is in, nearest
    # first (a patent call's date conditions are stated above its amounts).
    # Everything read lies in the rule's sentence: only its numbers count.
    quantities = _within(quantities, *sentence)
    rule = _RuleText(text, start, end, sentence, [s for s in siblings if s[0] != start], lead_in)
    events, event_spans = _read_events(rule, quantities)
    groups, units = _read_groups(rule, event_spans, beneficiary)
    if groups and not units and all(is_person_group(t.key) for t in groups):
        units = _units_before(rule, groups)
    groups, units = _as_defined(groups, scope), _as_defined(units, scope)
    units += [e for u in units for e in scope.extended.get(u.key, ()) if e not in units]
    sectors = (
        _read_sectors(rule)
        or [t for t in scope.terms if t.kind == "sector"]
        or ([] if _names_a_sector(rule) else scope.title_sectors)
    )
    if not groups:
        groups = [t for t in scope.terms if t.kind == "group"]
    place = scope.place
    terms = [Term("place", place.path, place.name, place.words, place.start, place.end)]
    if place.area:
        terms.append(Term("area", place.area, place.area, place.words, place.start, place.end))
    per, per_terms = _read_per(rule)
    terms += groups + units + events + sectors
    terms += _read_thresholds(rule, quantities, [s for s in siblings if s[0] != start])
    terms += _read_patterns(rule, VAGUE_RE, "vague") + _read_patterns(rule, LOCAL_RE, "local")
    terms += per_terms
    paragraph = text.rfind("\n", 0, sentence[0]) + 1
    terms += unit_rule_terms(rule.lead_in, text[sentence[0] : sentence[1]], text[paragraph:end])
    event_keys = {t.key for t in events}
    if is_patent_rule(event_keys):
        terms += dated_terms(text, start, list(sections), event_keys)
        terms += case_terms(text, start, end, sentence)
    return Eligibility(place.path, place.area, per, terms)
