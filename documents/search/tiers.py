"""Tiered matching: the provisions matching every concept first, then the
ones matching part of the query, ranked by how much of it they cover.

This is the behaviour of Elasticsearch's ``minimum_should_match``,
Meilisearch's ``matchingStrategy: last`` and Typesense's
``drop_tokens_threshold``: one word the provision phrases differently
(补贴 where it says 补助 and no synonym links them, 交易额 where it says
成交额) no longer empties the result.

* The **full** tier is the strict plan, exactly as before: every concept
  present, in the order ``ranking`` gives.
* When it has fewer than ``RELAX_BELOW`` matches, the **partial** tier fills
  in: the best ``PARTIAL_POOL`` candidates of the relaxed plan (any concept;
  quoted phrases still required, ``-words`` still excluded — checked in
  order of score until they are found), each scored by the concepts it holds:
  a concept held counts 1 plus up to 1 by its idf among the candidates,
  times how rare it is in general Chinese (jieba's frequencies), and a
  concept found only through a synonym at ``SYNONYM_SHARE`` of that
  (``concept_weights``).  So holding more concepts comes first and the
  least informative words are the first to go.  Ties go to the verbatim
  re-ranking of the whole query (``ranking.boost``), then to BM25.  A
  concept a candidate lacks but its document's title holds counts
  ``TITLE_SHARE`` of its weight, one only a heading above it holds
  ``CONTEXT_SHARE`` (``backends.context``): the provision of the policy the
  query names comes before the same words elsewhere.  The
  contexts are kept for the data version where the caller gives ``kept``.
* When nothing matches at all, ``suggestions`` offers the parts of the
  query that do occur (the words inside a long word, then its character
  pairs, then its characters), with their counts.

Everything here works on a backend and a parsed query, no ORM: the site and
``bench/search.py`` call the same function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .backends.base import Candidates
from .grams import query_grams
from .plan import form_test, plan_for
from .query import Query, is_asked_pair, is_hard, parse
from .ranking import booster
from .segmentation import UNKNOWN_RARITY, cut_for_search, general_rarity
from .stopwords import stopwords

RELAX_BELOW = 50
PARTIAL_POOL = 300
SYNONYM_SHARE = 0.9
# A concept a provision lacks but a heading above it holds counts half; one
# its document's title holds counts nearly whole: "十四五科技规划一共几个创新
# 工程" names the plan by its title and asks for a line of it.  (The title
# counted half too before; the query sets gain alike from 0.75 to 0.9.)
CONTEXT_SHARE = 0.5
TITLE_SHARE = 0.8
MAX_PROBES = 10


@dataclass
class Tiered:
    """Ids best first (the ``full`` first ones match every concept), their
    scores, and for each partial match the indexes of the concepts
    (``query.groups``) it holds."""

    ids: list[int]
    scores: dict[int, float]
    bounded: bool
    full: int
    matched: dict[int, tuple[int, ...]] = field(default_factory=dict)


def tiered_candidates(backend, query: Query, restrict=None, relax=True, kept=None) -> Tiered:
    """``kept``: a function giving what ``shared.kept`` keeps for the data
    version (or None), for the partial matches' contexts; without it they
    are read afresh (the benchmark's bare connections)."""
    plan = plan_for(query)
    strict: Candidates = backend.candidates(plan, restrict)
    result = Tiered(strict.ids, strict.scores, strict.bounded, len(strict.ids))
    if not relax or not query.relaxable or len(strict.ids) >= RELAX_BELOW:
        return result
    full = set(strict.ids)
    words = sought_words(query)
    # Only the pool's first PARTIAL_POOL partial matches are scored: its
    # candidates are checked in order of score until they are found, the
    # check saying which query words they hold.
    first = len(full) + PARTIAL_POOL
    pool = backend.candidates(plan_for(query, relaxed=True), restrict, first=first, words=words)
    partial = [pk for pk in pool.ids if pk not in full][:PARTIAL_POOL]
    if not partial and any(t.run for t in query.terms):
        # The words found nothing more: the runs of characters may (碳达峰会
        # is cut 碳达 / 峰会, and only 碳达 occurs).
        runs = plan_for(query, relaxed=True, runs=True)
        pool = backend.candidates(runs, restrict, first=first, words=words)
        partial = [pk for pk in pool.ids if pk not in full][:PARTIAL_POOL]
    if not partial:
        return result
    texts = {pk: pool.texts[pk] for pk in partial if pk in pool.texts}
    texts.update(backend.texts([pk for pk in partial if pk not in texts], words))
    tests = concept_tests(query)
    held_in = holder(tests)
    held = {pk: held_in(*texts.get(pk, ("", ""))) for pk in partial}
    # The pool's size counts every candidate that matches, estimated where
    # the check stopped early: the idfs stay those of the whole pool.
    weights = concept_weights(query, held, pool.matches + len(full))

    def share(found):
        return sum(weights[i] * (1.0 if literal else SYNONYM_SHARE) for i, literal in found.items())

    inherited = inherited_concepts(backend, tests, held, kept)

    def context_share(found):
        return sum(
            weights[i] * part * (1.0 if literal else SYNONYM_SHARE) for i, (literal, part) in found.items()
        )

    cover = {pk: share(found) + context_share(inherited.get(pk, {})) for pk, found in held.items()}
    holding = [pk for pk in partial if held[pk]]
    # Within equal coverage: the verbatim re-ranking of the full query (its
    # forms, adjacent concepts and answers), computed alike for every
    # candidate; then the pool's order (BM25).
    boost = booster(plan)
    verbatim = {pk: boost(texts.get(pk, ("", ""))[1]) for pk in holding}
    holding.sort(key=lambda pk: (-round(cover[pk], 9), -verbatim[pk]))
    result.ids = strict.ids + holding
    result.scores = {**strict.scores, **{pk: pool.scores[pk] for pk in holding}}
    result.bounded = strict.bounded or pool.bounded
    result.matched = {pk: tuple(sorted(held[pk])) for pk in holding}
    return result


def inherited_concepts(
    backend, tests, held, kept=None
) -> dict[int, dict[int, tuple[bool, float]]]:
    """{id: {concept index: (literal, share)}}: the concepts a partial match
    lacks but its title or the headings above it hold, each with its share
    of weight — ``TITLE_SHARE`` for one its document's title holds,
    ``CONTEXT_SHARE`` for one only a heading holds.  The provisions of one
    chapter share their context: each distinct one is tested once."""
    lacking = [pk for pk, found in held.items() if found and len(found) < len(tests)]
    if not lacking:
        return {}
    values = kept() if kept is not None else None
    contexts = backend.inherited(lacking, values)
    tested: dict[tuple[str, str], dict[int, bool]] = {}

    def held_by(context):
        found = tested.get(context)
        if found is None:
            found = tested[context] = concepts_held(tests, *context)
        return found

    extras = {}
    for pk, context in contexts.items():
        extra = {i: lit for i, lit in held_by(context).items() if i not in held[pk]}
        if extra:
            extras[pk] = extra
    titles = backend.titles(list(extras), values) if extras else {}
    out = {}
    for pk, extra in extras.items():
        in_title = held_by(titles[pk]) if pk in titles else {}
        out[pk] = {
            i: (lit, TITLE_SHARE if i in in_title else CONTEXT_SHARE) for i, lit in extra.items()
        }
    return out


def sought_words(query: Query) -> list[str]:
    """Every index word of every form of the query's concepts: those whose
    presence the held test (``concepts_held``) reads."""
    return sorted({w for t in query.terms for f in t.forms for w in f.words})


def concept_tests(query: Query) -> list[list[tuple[frozenset[str], str | None, bool]]]:
    """Each concept's forms as ``concepts_held`` tests them: what a provision
    must hold to hold the form (``plan.form_test``), and whether it is literal."""
    return [
        [(*form_test(form), not form.synonym) for term in group for form in term.forms]
        for group in query.groups
    ]


def holder(tests):
    """``concepts_held`` for one query's tests, as a function of (words,
    plain).  Where no form needs the plain text, what a provision holds
    depends on the query words it holds alone, which few combinations
    cover: each combination is tested once (the dicts given are shared,
    to be read only)."""
    if any(text is not None for forms in tests for _needed, text, _literal in forms):
        return lambda words, plain: concepts_held(tests, words, plain)
    tested: dict[str, dict[int, bool]] = {}

    def held(words: str, plain: str) -> dict[int, bool]:
        found = tested.get(words)
        if found is None:
            found = tested[words] = concepts_held(tests, words, plain)
        return found

    return held


def concepts_held(tests, words: str, plain: str) -> dict[int, bool]:
    """{index of each concept a provision holds: True when literally, False
    when only through a synonym}, from the query words it holds
    (space-separated, as ``texts`` reads them) and its plain text."""
    have = set(words.split())
    found = {}
    for i, forms in enumerate(tests):
        literal = None
        for needed, text, is_literal in forms:
            if needed <= have and (text is None or text in plain):
                literal = is_literal
                if literal:
                    break
        if literal is not None:
            found[i] = literal
    return found


def concept_weights(query: Query, held: dict[int, dict], size: int) -> list[float]:
    """Each concept's weight: its idf among the candidates (the full matches
    hold every concept) times how rare it is in general Chinese
    (``general_rarity``), so that a common verb or a measure word (达到, 家)
    goes before a term of the domain (高新技术企业) even where both are
    equally rare in the index."""
    counts = [0] * len(query.groups)
    for found in held.values():
        for i in found:
            counts[i] += 1
    full = size - len(held)
    idfs = [
        math.log(1 + size / (counts[i] + max(full, 0) + 0.5)) for i in range(len(query.groups))
    ]
    most = max(idfs, default=1.0) or 1.0
    # Each concept held counts 1, plus up to 1 more by its idf: holding more
    # concepts weighs more than holding rarer ones (Lucene's "coord").
    return [
        (1 + idf / most) * max(general_rarity(t.forms[0].text) for t in group) / UNKNOWN_RARITY
        for idf, group in zip(idfs, query.groups, strict=True)
    ]


def loosened(query: Query) -> str | None:
    """The query with each long word written as the words inside it (栽培技术
    → 栽培 技术), for when nothing matches even relaxed: the text may hold
    them apart ("抗逆栽培和丰产技术"); and a verb of asking typed with one
    character (``is_asked_pair``) as the character (找碳 → 碳).  None when
    nothing changes, or the query holds what must not be split (a quoted
    phrase, an exclusion)."""
    if query.excluded or any(is_hard(g) for g in query.groups):
        return None
    words, split = [], False
    for term in query.terms:
        if term.run and is_asked_pair(term.typed):
            parts = [term.typed[1]]
        elif query.relaxable:
            parts = next((form.words for form in term.forms if form.parts), ())
        else:
            parts = ()
        split = split or bool(parts)
        words += parts or [term.typed]
    return " ".join(words) if split else None


def unmatched_terms(query: Query, matched: tuple[int, ...]) -> list[str]:
    """What a partial match lacks, as typed."""
    have = set(matched)
    return [
        " / ".join(t.typed for t in group)
        for i, group in enumerate(query.groups)
        if i not in have and not is_hard(group)
    ]


def suggestions(backend, query: Query, restrict=None) -> list[dict]:
    """Shorter queries that do find something, when the query finds nothing:
    the words inside each concept (search mode), then its character pairs,
    then, if none of those, its characters."""
    probes: dict[str, None] = {}
    for term in query.terms:
        text = term.forms[0].text
        probes.update((w, None) for w in cut_for_search(text) if len(w) > 1 and w != text)
    for term in query.terms:
        probes.update((g, None) for g in query_grams(term.forms[0].text) if len(g) > 1)
    found = sorted(_probe(backend, list(probes)[:MAX_PROBES], restrict), key=lambda s: -s["count"])
    if not found:
        # Last, the characters themselves (双碳 → 碳), rarest in general Chinese first.
        chars = {c for t in query.terms for c in t.forms[0].text if query_grams(c)}
        chars -= stopwords()
        found = _probe(backend, sorted(chars, key=general_rarity, reverse=True)[:MAX_PROBES], restrict)
    return found[:5]


def _probe(backend, probes, restrict) -> list[dict]:
    found = []
    for probe in probes:
        probe_query = parse(probe)
        if probe_query.is_empty:
            continue
        hits = backend.candidates(plan_for(probe_query), restrict)
        if hits.ids:
            found.append({"query": probe, "count": len(hits.ids), "more": hits.bounded})
    return found

