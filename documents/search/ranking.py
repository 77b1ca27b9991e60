"""Ranking, in pure Python: BM25's term weight, the impact lists and the
verbatim re-ranking, with the thresholds that bound how much is scored.

Speed comes from never scoring more than ``CANDIDATE_LIMIT`` matches.  Scoring
every match of a word found in most provisions (科技) costs time linear in the
matches — ~55 ms at 100k provisions with FTS5 bm25, seconds at 1M with
ts_rank — so each *frequent* word (in ``FREQUENT_DF`` provisions or more) gets
a precomputed impact list: the ``IMPACT_DEPTH`` provisions where it weighs
most (BM25's term-frequency part, length-normalised), best first, in a b-tree.
A query whose every alternative needs a frequent word is answered from those
lists (an index range scan), checked against the full query; any other query
has a rare word and so at most a few thousand matches, which the full-text
index finds and the database scores.  Below the thresholds — every query on
the bundled corpus — ranking is exact; above them, the result is the best of
the bounded candidates and the count a lower bound.

The top ``RERANK`` candidates are then re-ranked by how often each typed form
occurs verbatim (a BM25-style saturated count), which is what rewards the
words of a compound standing together.

The backends read ``FREQUENT_DF`` and ``IMPACT_DEPTH`` from this module at
call time (``ranking.FREQUENT_DF``), so one assignment here changes them all.
"""

from __future__ import annotations

import math
from collections import Counter
from operator import itemgetter

CANDIDATE_LIMIT = 1000
FREQUENT_DF = 300
IMPACT_DEPTH = 300
RERANK = 50
RERANK_ANSWERS = 200

K1, B = 1.2, 0.75
AVERAGE_CHARS = 140  # of a provision's plain text, for the re-ranking
BOOST_WEIGHT = 3.0
SYNONYM_WEIGHT = 0.8
ANSWER_WEIGHT = 1.0  # of BOOST_WEIGHT, for holding an answer of the asked form
WORD_WEIGHT = 0.5


def tf_weight(tf: float, length: float, average: float) -> float:
    """BM25's saturated, length-normalised term frequency."""
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))


def boost(plan, plain: str) -> float:
    """The verbatim re-ranking score of one plain text for a plan's forms."""
    return booster(plan)(plain)


def booster(plan):
    """``boost`` for one plan, as a function of the plain text: what depends
    only on the plan (each form's weight times BOOST_WEIGHT, the answers'
    tests) worked out once, and ``tf_weight``'s length part once a text.  A
    query scores hundreds of texts, most of which hold few of its forms.
    The arithmetic is ``boost``'s, in the same order: the same floats."""
    forms = [(text, BOOST_WEIGHT * weight) for text, weight in plan.boost]
    answers = [answer.search for answer in plan.answers]
    answered = BOOST_WEIGHT * ANSWER_WEIGHT
    saturation = K1 + 1

    def score(plain: str) -> float:
        total = 0.0
        norm = None
        for text, weight in forms:
            tf = plain.count(text)
            if tf:
                if norm is None:  # tf_weight's denominator, but for tf
                    norm = K1 * (1 - B + B * len(plain) / AVERAGE_CHARS)
                total += weight * (tf * saturation / (tf + norm))
        for search in answers:
            if search(plain):
                total += answered
                break
        return total

    return score


def best_first(rows):
    """Sort (id, score, …) rows by score, highest first, ties by id (two
    stable passes with C-level keys: these lists run to a thousand rows)."""
    rows.sort(key=itemgetter(0))
    rows.sort(key=itemgetter(1), reverse=True)


def rank(plan, rows, plains=None, by_boost=False, read_plains=None):
    """Ids best first, and their scores, of (id, score, plain or None) rows
    (ids unique): by the database's score, the best RERANK re-ranked by the
    verbatim boost; every row by the boost alone without index words or
    ``by_boost`` (the rows then carry their plain texts).  ``read_plains(ids)``
    returns the plain texts the head still lacks ({id: plain})."""
    by_boost = by_boost or not plan.uses_index
    boost = booster(plan)
    if by_boost:
        rows = [(pk, boost(p or ""), None) for pk, _s, p in rows]
    best_first(rows)
    if not by_boost:
        # A question's answers (plan.answers) may stand further down.
        depth = RERANK_ANSWERS if plan.answers else RERANK
        head = rows[:depth]
        plains = dict(plains or {})
        plains.update((pk, p) for pk, _s, p in head if p is not None)
        plains.update(read_plains([pk for pk, _s, _p in head if pk not in plains]))
        head = [(pk, float(s) + boost(plains.get(pk, "")), None) for pk, s, _ in head]
        best_first(head)
        rows[:depth] = head
    ids = [r[0] for r in rows]
    return ids, dict(zip(ids, map(float, map(itemgetter(1), rows)), strict=True))


def driving_words(plan, df: dict[str, float]) -> list[tuple[str, bool]] | None:
    """The words whose matches bound the candidates — each alternative of the
    narrowest required group by its rarest word, flagged frequent or not — or
    None when that group is narrow enough for the full-text index to find and
    score every match itself.  ``df`` is the term table (frequent words only)."""
    best = None
    for group in plan.include:
        rarest = [min(form, key=lambda w: df.get(w, 0)) for form in group]
        # A word missing from the term table is in fewer than FREQUENT_DF.
        size = sum(df.get(w, FREQUENT_DF) for w in rarest)
        if best is None or size < best[0]:
            best = (size, rarest)
    if best[0] <= FREQUENT_DF:
        return None
    return sorted({(w, w in df) for w in best[1]})


class ImpactCounter:
    """Two passes over the rows being loaded: document frequencies, then the
    best ``IMPACT_DEPTH`` provisions of every frequent word."""

    def __init__(self):
        self.df: Counter = Counter()
        self.rows = 0
        self.words = 0

    def count(self, rows):
        for _pk, words, _plain in rows:
            tokens = words.split()
            self.df.update(set(tokens))
            self.rows += 1
            self.words += len(tokens)

    @property
    def average(self) -> float:
        return self.words / self.rows if self.rows else 1.0

    def frequent(self) -> dict[str, int]:
        return {t: n for t, n in self.df.items() if n >= FREQUENT_DF}

    def impacts(self, batches, frequent) -> list[tuple[str, float, int]]:
        """(term, score, id) rows: the best ``IMPACT_DEPTH`` provisions of
        every frequent word, by (score, lowest id first), best first.

        Each word keeps its candidates in a list cut back to the best
        ``IMPACT_DEPTH`` whenever it doubles; the score of the last one kept
        is then a floor that a provision must pass to be a candidate at all.
        Rows in ascending id order (a rebuild's) lose a tie at the floor to
        the provision already kept, so most (provision, word) pairs cost one
        comparison; rows in any other order keep their ties as candidates
        and the cut decides.  The same top lists as one heap per word."""
        depth = IMPACT_DEPTH
        kept: dict[str, list] = {t: [] for t in frequent}
        floor = dict.fromkeys(kept, -math.inf)
        terms = kept.keys()
        average = self.average
        ascending, last = True, None
        for rows in batches:
            for pk, words, _plain in rows:
                if last is not None and pk <= last:
                    ascending = False
                last = pk
                tokens = words.split()
                length = len(tokens)
                counts = Counter(tokens)
                weights: dict[int, float] = {}
                for term in counts.keys() & terms:
                    tf = counts[term]
                    score = weights.get(tf)
                    if score is None:
                        score = weights[tf] = tf_weight(tf, length, average)
                    least = floor[term]
                    if score > least or (score == least and not ascending):
                        entries = kept[term]
                        entries.append((score, -pk))
                        if len(entries) >= 2 * depth:
                            entries.sort(reverse=True)
                            del entries[depth:]
                            floor[term] = entries[-1][0]
        out = []
        for term, entries in kept.items():
            entries.sort(reverse=True)
            out.extend((term, score, -npk) for score, npk in entries[:depth])
        return out


def impacts_of(rows, frequent: set[str], average: float):
    """Impact rows of a few updated provisions (words already frequent only)."""
    out = []
    for pk, words, _plain in rows:
        tokens = words.split()
        for term, tf in Counter(tokens).items():
            if term in frequent:
                out.append((term, tf_weight(tf, len(tokens), average), pk))
    return out
