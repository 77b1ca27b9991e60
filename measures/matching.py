"""政策匹配: the support rules an applicant's profile gets, on a given day.

``match(profile)`` narrows the rules in the database (``Eligibility``'s
QuerySet: the places that reach the applicant, rules for its groups or for
none, rules of its events or of none) and then weighs every condition of
each candidate against the profile: *met*, *failed* or *unknown*.  A rule
with a failed condition does not apply; one with unknown conditions applies
with them marked.  Closed-world: groups that are statuses (高新技术企业, 规上
企业 …) and events — a profile that does not say it holds one does not.
Open-world: sectors, thresholds, narrower areas, the applicant's unit and
vague conditions — unknown unless the profile settles them.

The answer sorts the applicable rules by their document's status on
``as_of`` (``Document.status_on``): current rules with an amount or a ratio,
most money first (``results``); support without an amount and measures of
support in kind after them (``support``); the rules of documents not in
force listed apart (``expired``: 已到期 or 已被替代; ``not_yet_in_force``),
and those of documents whose period nobody could read listed apart too
(``validity_unknown``: 有效期不明 — never shown as current).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from measures.beneficiaries import TARGET_GROUPS_BY_KEY
from measures.beneficiaries import with_broader as broader_groups
from measures.extraction.eligibility.cases import read_own_rule, read_unit_cases
from measures.extraction.eligibility.events import (
    EVENTS_BY_KEY,
    TEXT_EVENT_MIN_CHARS,
    narrower,
    same_event_words,
)
from measures.extraction.eligibility.events import with_broader as broader_events
from measures.extraction.eligibility.patents import (
    read_patents,
    weigh_case,
    weigh_dated,
)
from measures.extraction.eligibility.term import FAILED, MET, UNKNOWN
from measures.extraction.eligibility.terms import SECTORS_BY_KEY
from measures.extraction.places import ancestors
from measures.extraction.profiles import (
    NUMBER_FIELDS,
    Profile,
    Unreadable,
    from_fields,
    from_text,
)

from .models import Eligibility

# Statuses a document not in force may have, by the list its rules go to.
APART = {
    "expired": ("expired", "replaced"),
    "not_yet_in_force": ("not_yet_in_force",),
    "validity_unknown": ("unknown",),
}
# The lists of an answer, in the order a page shows them.
LISTS = ("results", "support", "expired", "not_yet_in_force", "validity_unknown")
CONDITION_LABELS = {
    "place": "地域",
    "area": "区域",
    "group": "申请对象",
    "unit": "所在单位",
    "event": "触发事项",
    "sector": "行业领域",
    "threshold": "数量条件",
    "vague": "原文未量化的条件",
    "local": "实施地点",
    "dated": "日期条件",
    "case": "专利情形",
}


@dataclass
class Verdict:
    """A condition of a rule weighed against the profile."""

    kind: str
    label: str
    words: str
    status: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "kind_label": CONDITION_LABELS.get(self.kind, self.kind),
            "label": self.label,
            "words": self.words,
            "status": self.status,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Match:
    eligibility: Eligibility
    status: str  # the document's validity status on as_of
    verdicts: list[Verdict]

    @property
    def rule(self):
        return self.eligibility.subsidy or self.eligibility.measure

    @property
    def is_quantified(self) -> bool:
        s = self.eligibility.subsidy
        return s is not None and not (
            s.amount_min is None and s.amount_max is None and s.ratio_percent is None
        )

    def sort_key(self):
        amount = self.eligibility.amount
        ratio = getattr(self.eligibility.subsidy, "ratio_percent", None)
        return (amount is None, -(amount or 0), -(ratio or 0), self.rule.start)


@dataclass
class Answer:
    profile: Profile
    results: list[Match] = field(default_factory=list)
    support: list[Match] = field(default_factory=list)
    expired: list[Match] = field(default_factory=list)
    not_yet_in_force: list[Match] = field(default_factory=list)
    validity_unknown: list[Match] = field(default_factory=list)


class _Weigher:
    """The profile's keys, expanded once, and the weighing of one term."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.groups = broader_groups(profile.groups)
        self.units = broader_groups(profile.units)
        self.events = broader_events(profile.events)
        self.sectors = self._sectors_up(profile.sectors)

    @cached_property
    def patents(self):
        """The applicant's patents (dates, fee reduction), read when a rule asks."""
        return read_patents(self.profile.details, self.profile.text, self.profile.as_of)

    @cached_property
    def cases(self) -> dict[str, bool | None]:
        """What the profile says of the cases rules require (``case`` terms),
        read once, when a rule first asks."""
        patents = self.patents
        return {
            "fee_reduced": patents.fee_reduced,
            "service_invention": patents.service_invention,
            "own_reward_rule": read_own_rule(self.profile.details, self.profile.text),
            **read_unit_cases(self.profile.details, self.profile.text),
        }

    @staticmethod
    def _sectors_up(keys):
        out = set()
        for key in keys:
            while key:
                out.add(key)
                key = SECTORS_BY_KEY[key].parent if key in SECTORS_BY_KEY else ""
        return out

    def any_of(self, terms, have, stated, narrower_of) -> str:
        keys = {t["key"] for t in terms}
        if keys & have:
            return MET
        if not stated:
            return UNKNOWN
        # The profile names a broader case (专精特新, no level; 人工智能 for a
        # 大模型 rule): it may or may not be the rule's.
        if any(keys & narrower_of(key) for key in stated):
            return UNKNOWN
        return FAILED

    def _free_event(self, terms) -> bool:
        """An event the applicant names in its own words, and a rule whose
        event the table does not name either ("other"), in the same words."""
        clauses = [t.get("label", "") or t.get("words", "") for t in terms if t["key"] == "other"]
        return any(
            same_event_words(stated, clause) for clause in clauses
            for stated in self.profile.free_events
        ) or any(
            same_event_words(self.profile.said, clause, TEXT_EVENT_MIN_CHARS)
            for clause in clauses
        )

    def place(self, eligibility) -> list[Verdict]:
        out = []
        region = eligibility.region
        if region and region not in ancestors(self.profile.region):
            out.append(Verdict("place", f"是否位于{region.replace('/', '')}",
                               region.replace("/", ""), UNKNOWN))
        if eligibility.area:
            status = MET if self.profile.area == eligibility.area else UNKNOWN
            out.append(Verdict("area", f"是否位于{eligibility.area}", eligibility.area, status))
        return out

    def local(self, eligibility) -> str:
        """A rule's 在本省转化 against where the profile says the result is
        carried out ("在江苏那边投产"): unknown when it does not say."""
        where = self.profile.carried_out
        if not where:
            return UNKNOWN
        return MET if eligibility.region in ancestors(where) else FAILED

    def threshold(self, term) -> str:
        value = self.profile.numbers.get(term.get("key", ""))
        if value is None or not term.get("value"):
            return UNKNOWN
        limit = Decimal(term["value"])
        ok = {
            ">": value > limit, ">=": value >= limit, "<": value < limit,
            "<=": value <= limit, "=": value >= limit, "~": value >= limit,
        }.get(term.get("comparator", ">="), value >= limit)
        return MET if ok else FAILED

    def weigh(self, eligibility) -> list[Verdict] | None:
        """The verdicts on ``eligibility``'s conditions; None when one fails."""
        terms = eligibility.terms
        verdicts = self.place(eligibility)
        by_kind: dict[str, list[dict]] = {}
        for term in terms:
            by_kind.setdefault(term["kind"], []).append(term)
        checks = (
            ("group", self.groups, self.profile.groups, _open_narrower),
            ("unit", self.units, self.profile.units, _narrower_groups),
            ("event", self.events, self.profile.events, narrower),
            ("sector", self.sectors, self.profile.sectors, _narrower_sectors),
        )
        for kind, have, stated, narrower_of in checks:
            group = by_kind.get(kind)
            if not group:
                continue
            status = self.any_of(group, have, stated, narrower_of)
            if kind == "event" and status != MET and self._free_event(group):
                status = MET
            if kind == "event" and status == UNKNOWN and not stated:
                status = FAILED  # never assumed: no event, no rule
            if status == FAILED:
                return None
            verdicts.append(_verdict(kind, group, status))
        events = {t["key"] for t in by_kind.get("event", [])}
        weighers = (
            ("threshold", self.threshold),
            ("local", lambda _: self.local(eligibility)),
            ("dated", lambda term: weigh_dated(term, events, self.patents)),
            ("case", lambda term: weigh_case(term, self.cases)),
        )
        for kind, weigh in weighers:
            for term in by_kind.get(kind, []):
                status = weigh(term)
                if status == FAILED:
                    return None
                verdicts.append(_term_verdict(kind, term, status))
        verdicts += [_term_verdict("vague", term, UNKNOWN) for term in by_kind.get("vague", [])]
        return verdicts


def _term_verdict(kind, term, status) -> Verdict:
    """The verdict on one term that is its own condition (a threshold, 在本省
    转化, a vague condition)."""
    return Verdict(kind, term.get("label", ""), term.get("words", ""), status,
                   term.get("start"), term.get("end"))


def _verdict(kind, terms, status) -> Verdict:
    labels = "、".join(dict.fromkeys(t.get("label", t["key"]) for t in terms))
    words = "、".join(dict.fromkeys(t.get("words", "") for t in terms if t.get("words")))
    first = terms[0]
    return Verdict(kind, labels, words, status, first.get("start"), first.get("end"))


def _narrower_groups(key: str) -> set[str]:
    return {k for k in TARGET_GROUPS_BY_KEY if key in broader_groups([k]) and k != key}


def _open_narrower(key: str) -> set[str]:
    """The open-world parts of group ``key`` (主要贡献人员 of 科研人员): a rule
    for one is unknown for an applicant who states ``key`` itself."""
    return {k for k, g in TARGET_GROUPS_BY_KEY.items() if g.parent == key and g.open_world}


def _narrower_sectors(key: str) -> set[str]:
    return {k for k, s in SECTORS_BY_KEY.items() if s.parent == key}


# What an answer shows of a rule, its provision and its document: the
# columns read (a document's texts are some 100 kB a row).
CANDIDATE_FIELDS = (
    "region", "area", "per", "amount", "terms", "document_id", "subsidy_id", "measure_id",
    *(f"subsidy__{name}" for name in (
        "kind", "amount_min", "amount_max", "ratio_percent", "basis", "cap", "per",
        "beneficiary", "funding_source", "measure_id", "source_text", "raw_text",
        "provision_id", "document_id", "start", "end", "rule", "review_status", "flags",
        "review_note")),
    "subsidy__provision__key", "subsidy__provision__document_id",
    "measure__summary", "measure__start", "measure__provision_id", "measure__document_id",
    "measure__provision__key", "measure__provision__document_id",
    *(f"document__{name}" for name in (
        "key", "title", "subject", "source_name", "valid_from", "valid_until",
        "validity_basis", "replaced_by_id", "replaced_on")),
)


def candidates(profile: Profile):
    """The rules the database can rule in for ``profile`` before its
    conditions are weighed: ``Eligibility`` rows with their rule and
    document (texts left out)."""
    rows = Eligibility.objects.reaching(ancestors(profile.region), within=profile.region)
    if profile.groups:
        # Statuses are closed-world: a firm that does not say it is a
        # 规上企业 does not get a rule for 规上企业 (no narrower groups here).
        groups = broader_groups(profile.groups)
        groups |= {n for g in profile.groups for n in _open_narrower(g)}
        rows = rows.for_groups(groups)
    events = broader_events(profile.events)
    events |= {n for e in profile.events for n in narrower(e)}
    if profile.free_events or profile.said:
        events.add("other")
    rows = rows.for_events(events)
    return rows.select_related(
        "subsidy__provision", "measure__provision", "document"
    ).only(*CANDIDATE_FIELDS)


def match(profile: Profile) -> Answer:
    """The rules that apply to ``profile`` on ``profile.as_of``, in the
    lists of the answer (see the module docstring)."""
    weigher = _Weigher(profile)
    answer = Answer(profile)
    statuses: dict[int, str] = {}
    for eligibility in candidates(profile):
        if eligibility.subsidy_id and eligibility.subsidy.review_status == "rejected":
            continue
        verdicts = weigher.weigh(eligibility)
        if verdicts is None:
            continue
        document = eligibility.document
        if document.pk not in statuses:
            statuses[document.pk] = document.status_on(profile.as_of)
        if eligibility.subsidy_id:
            eligibility.subsidy.document = document
        else:
            eligibility.measure.document = document
        found = Match(eligibility, statuses[document.pk], verdicts)
        apart = next((name for name, values in APART.items() if found.status in values), None)
        if apart:
            if eligibility.subsidy_id:
                getattr(answer, apart).append(found)
        elif found.is_quantified:
            answer.results.append(found)
        else:
            answer.support.append(found)
    for name in LISTS:
        getattr(answer, name).sort(key=Match.sort_key)
    return answer


def event_label(key: str) -> str:
    return EVENTS_BY_KEY[key].label if key in EVENTS_BY_KEY else key


# The query parameters of a profile (besides the numbers of NUMBER_FIELDS).
PROFILE_PARAMETERS = ("profile", "group", "unit", "region", "event", "sector", "detail")


def read_request(params, today: date) -> Profile:
    """The profile a request asks about (``profile=`` a line of text, or the
    structured fields), on ``as_of`` (default ``today``).  Raises
    Unreadable (bilingual) for a profile it cannot read or a bad date."""
    raw_day = params.get("as_of", "").strip()
    try:
        as_of = date.fromisoformat(raw_day) if raw_day else today
    except ValueError:
        raise Unreadable(
            f"日期格式应为 YYYY-MM-DD：{raw_day} / as_of must be YYYY-MM-DD: {raw_day}"
        ) from None
    text = params.get("profile", "")
    if text.strip():
        profile = from_text(text)
    else:
        names = [*PROFILE_PARAMETERS[1:], *NUMBER_FIELDS]
        profile = from_fields({name: params.getlist(name) for name in names})
    profile.as_of = as_of
    return profile
