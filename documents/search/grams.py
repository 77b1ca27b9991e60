"""Character n-grams: the index for what jieba's words cannot answer.

A single character (碳) or a word missing from the dictionary (碳达峰, which
jieba without HMM cuts into 碳 / 达 / 峰) has no index word, so it used to be
found by scanning every provision's text.  The gram index holds, per
provision, each distinct Han character and each distinct pair of adjacent Han
characters of its normalised text; a query form then needs its characters
(one) or its adjacent pairs (two or more) to be present, which the full-text
index answers, and the substring check on the few rows left decides.  This is
the classic CJK bigram index (Lucene's CJKBigramFilter, PostgreSQL's
pg_bigm), kept beside the word index rather than replacing it: words rank
better, grams only narrow.

Reads: normalised text (documents.search.normalise).  Writes: nothing.
"""

import re
from operator import add

# Han ideographs (CJK Unified, Extension A, compatibility, the supplementary
# planes' extensions) and 〇.  Other scripts are words in the word index.
_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _runs(text: str) -> list[str]:
    return _HAN_RUN.findall(text)


def index_grams(plain: str) -> list[str]:
    """Distinct characters and adjacent pairs of the Han runs of ``plain``,
    in the order they first occur (so the same text gives the same list in
    any process: a contentless FTS5 row is deleted by repeating it): each
    run's characters, then its pairs, run after run."""
    # One list of every gram, then one dict to drop repeats: a bulk load
    # builds these for every provision (a dict per run cost 40 % more).
    grams: list[str] = []
    extend = grams.extend
    for run in _runs(plain):
        extend(run)
        extend(map(add, run, run[1:]))
    return list(dict.fromkeys(grams))


def query_grams(text: str) -> tuple[str, ...]:
    """What a provision must hold to contain ``text``: the pairs of each Han
    run, or the character of a one-character run.  Empty when ``text`` has no
    Han character (the gram index cannot narrow it)."""
    grams: dict[str, None] = {}
    for run in _runs(text):
        if len(run) == 1:
            grams[run] = None
        else:
            grams.update((run[i : i + 2], None) for i in range(len(run) - 1))
    return tuple(grams)
