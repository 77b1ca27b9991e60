"""The backend-neutral plan of a parsed query, and its meaning on one row.

``plan_for`` turns a ``Query`` into what to ask the index (words), what the
gram index narrows (single characters, unknown words), the substring checks
on the plain text and the forms whose verbatim occurrences re-rank.  Both
backends compile the same plan, so they return the same result *set*;
``matches`` evaluates it in Python with the same semantics as their SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grams import query_grams
from .query import Form, Query, is_hard
from .ranking import SYNONYM_WEIGHT, WORD_WEIGHT


@dataclass
class Plan:
    """What to ask the index (``include``: OR-groups of AND-ed word tuples that
    must all hold; ``exclude``: word tuples that must not), the substring
    checks on top, and the forms whose verbatim occurrences re-rank."""

    include: list[list[tuple[str, ...]]] = field(default_factory=list)
    exclude: list[tuple[str, ...]] = field(default_factory=list)
    # Groups the word index cannot answer (single characters, unknown
    # words), as OR-groups of AND-ed character grams: a necessary condition
    # the gram index checks before the substring check decides.
    grams: list[list[tuple[str, ...]]] = field(default_factory=list)
    # Residual checks on the plain text: (negate, [[substring, …] per form]).
    residual: list[tuple[bool, list[list[str]]]] = field(default_factory=list)
    boost: list[tuple[str, float]] = field(default_factory=list)
    # What the answer to the question looks like (questions.py): provisions
    # holding one rank higher.
    answers: list = field(default_factory=list)

    @property
    def uses_index(self) -> bool:
        return bool(self.include)


def plan_for(query: Query, relaxed: bool = False, runs: bool = False) -> Plan:
    """The plan of every concept (the full matches); ``relaxed``: of any
    concept — the phrases still required, the other concepts one OR-group
    (the candidates of the partial matches, ranked by ``tiers``), the runs
    of characters without index words only with ``runs``."""
    plan = Plan()
    groups = query.groups
    if relaxed:
        # Characters without index words are counted, not sought, beside
        # words (the gram index is the slower way); ``runs``: sought too.
        soft = [t for g in groups if not is_hard(g) for t in g if runs or not t.run]
        soft = soft or [t for g in groups if not is_hard(g) for t in g]
        groups = [g for g in groups if is_hard(g)] + [soft]
    for group in groups:
        forms = [f for term in group for f in term.forms]
        if all(f.indexed for f in forms):
            plan.include.append([f.words for f in forms])
        else:
            # Only the substring check could answer this group: the gram
            # index narrows it first.  (A group with words — a phrase, 技术经
            # — is narrowed by its words, as precise and cheaper.)
            grams = [query_grams(f.text) for f in forms]
            if all(grams):
                plan.grams.append(grams)
        if any(f.substring for f in forms):
            plan.residual.append((False, [substrings(f) for f in forms]))
        plan.boost.extend(
            (f.text, (SYNONYM_WEIGHT if f.synonym else 1.0) * share)
            for term in group
            for share in [1.0 if term.split_into == 1 else WORD_WEIGHT / term.split_into]
            for f in term.forms
            if not f.parts
        )
        for f in forms:
            # The words of a typed compound also count a little on their own,
            # so 研究与试验发展（R&D）经费 ranks for 研究与试验发展经费.
            if not f.synonym and not f.parts and len(f.words) > 1:
                plan.boost.extend((w, WORD_WEIGHT / len(f.words)) for w in f.words)
    plan.answers = [form.answer for form in query.questions]
    # A typed string split into concepts ranks higher where it stands whole.
    plan.boost.extend((text, 1.0) for text in query.compounds)
    for term in query.excluded:
        if all(f.indexed and not f.substring for f in term.forms):
            plan.exclude.extend(f.words for f in term.forms)
        else:
            plan.residual.append((True, [substrings(f) for f in term.forms]))
    return plan


def needs_check(plan: Plan, restrict) -> bool:
    """Whether impact-list candidates must be checked against the query: not
    when it is one group of single-word alternatives, each listed whole."""
    single_words = len(plan.include) == 1 and all(len(form) == 1 for form in plan.include[0])
    return not (single_words and not plan.exclude and not plan.residual and restrict is None)


def substrings(form: Form) -> list[str]:
    """The index's "every word present" read as substrings of the plain text:
    a superset of the token test, applied identically on both backends."""
    return [form.text] if form.substring else list(form.words)


def form_test(form: Form) -> tuple[frozenset[str], str | None]:
    """What a provision must hold to hold a form: these index words, and
    this text in its plain text where the form needs the substring (None)."""
    return frozenset(form.words), form.text if form.substring else None


def matches(plan: Plan, words: str, plain: str) -> bool:
    """The plan evaluated on one provision's words (space-separated, as
    indexed) and plain text — the same semantics as the SQL both backends run."""
    padded = f" {words} "

    def has(form):
        return all(f" {w} " in padded for w in form)

    if not all(any(has(form) for form in group) for group in plan.include):
        return False
    if any(has(form) for form in plan.exclude):
        return False
    for negate, forms in plan.residual:
        if any(all(s in plain for s in subs) for subs in forms) == negate:
            return False
    return True
