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
  in: the candidates of the relaxed plan (any concept; quoted phrases still
  required, ``-words`` still excluded), each scored by the concepts it holds,
  each weighed by how rare it is among the candidates (an idf), a run of
  characters without an index word at ``RUN_WEIGHT``, a concept found only
  through a synonym at ``SYNONYM_SHARE`` of its weight.  So the least
  informative words are the first to go.  Ties keep the database's order
  (BM25, then the verbatim re-ranking).  Candidates holding fewer than
  ``MIN_SHARE`` as many concepts as the best partial match are left out
  (Elasticsearch's "75%" in spirit): noise beside better partial matches.
* When nothing matches at all, ``suggestions`` offers the parts of the
  query that do occur (the words inside a long word, then its character
  pairs), with their counts.

Everything here works on a backend and a parsed query, no ORM: the site and
``bench/search.py`` call the same function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .backends.base import Candidates
from .grams import query_grams
from .plan import holds, plan_for
from .query import Query, is_hard, parse
from .segmentation import cut_for_search

RELAX_BELOW = 50
PARTIAL_POOL = 300
RUN_WEIGHT = 0.5
SYNONYM_SHARE = 0.9
MIN_SHARE = 0.5
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

    @property
    def relaxed(self) -> bool:
        return len(self.ids) > self.full


def tiered_candidates(backend, query: Query, restrict=None, relax=True) -> Tiered:
    strict: Candidates = backend.candidates(plan_for(query), restrict)
    result = Tiered(strict.ids, strict.scores, strict.bounded, len(strict.ids))
    if not relax or not query.relaxable or len(strict.ids) >= RELAX_BELOW:
        return result
    pool = backend.candidates(plan_for(query, relaxed=True), restrict)
    full = set(strict.ids)
    partial = [pk for pk in pool.ids if pk not in full][:PARTIAL_POOL]
    if not partial:
        return result
    texts = backend.texts(partial)
    held = {pk: concepts_held(query, *texts.get(pk, ("", ""))) for pk in partial}
    weights = concept_weights(query, held, len(pool.ids) + len(full))
    cover = {
        pk: sum(weights[i] * (1.0 if literal else SYNONYM_SHARE) for i, literal in found.items())
        for pk, found in held.items()
    }
    most = max(len(found) for found in held.values())
    kept = [pk for pk in partial if held[pk] and len(held[pk]) >= MIN_SHARE * most]
    # Stable: equal coverage keeps the pool's order (BM25 and the re-ranking).
    kept.sort(key=lambda pk: -round(cover[pk], 9))
    result.ids = strict.ids + kept
    result.scores = {**strict.scores, **{pk: pool.scores[pk] for pk in kept}}
    result.bounded = strict.bounded or pool.bounded
    result.matched = {pk: tuple(sorted(held[pk])) for pk in kept}
    return result


def concepts_held(query: Query, words: str, plain: str) -> dict[int, bool]:
    """{index of each concept a provision holds: True when literally, False
    when only through a synonym}, by the index's own test (``plan.holds``)."""
    found = {}
    padded = f" {words} "
    for i, group in enumerate(query.groups):
        literal = None
        for term in group:
            for form in term.forms:
                if holds(form, padded, plain):
                    literal = literal or not form.synonym
                    if literal:
                        break
        if literal is not None:
            found[i] = literal
    return found


def concept_weights(query: Query, held: dict[int, dict], size: int) -> list[float]:
    """Each concept's weight: its idf among the candidates (the full matches
    hold every concept), a run of characters at RUN_WEIGHT."""
    counts = [0] * len(query.groups)
    for found in held.values():
        for i in found:
            counts[i] += 1
    full = size - len(held)
    weights = []
    for i, group in enumerate(query.groups):
        df = counts[i] + max(full, 0)
        weight = math.log(1 + size / (df + 0.5))
        if all(t.run for t in group):
            weight *= RUN_WEIGHT
        weights.append(weight)
    return weights


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
    the words inside each concept (search mode), then its character pairs."""
    probes: dict[str, None] = {}
    for term in query.terms:
        text = term.forms[0].text
        probes.update((w, None) for w in cut_for_search(text) if len(w) > 1 and w != text)
    for term in query.terms:
        probes.update((g, None) for g in query_grams(term.forms[0].text) if len(g) > 1)
    found = []
    for probe in list(probes)[:MAX_PROBES]:
        probe_query = parse(probe)
        if probe_query.is_empty:
            continue
        hits = backend.candidates(plan_for(probe_query), restrict)
        if hits.ids:
            found.append({"query": probe, "count": len(hits.ids), "more": hits.bounded})
    found.sort(key=lambda s: -s["count"])
    return found[:5]

