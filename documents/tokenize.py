"""Chinese word segmentation for the search index (jieba + a domain dictionary).

Reads: provision text.  Writes: the space-separated tokens stored in
``Provision.search_text``, which the search backends index.

The user dictionary (documents/data/userdict.txt) is data: one term per line
with a frequency high enough that jieba keeps 科技成果转化 whole instead of
splitting it into 科技 / 成果 / 转化.  Search mode also emits the dictionary
words inside a long word (科技, 成果, 转化), so a query for a part still hits.

Text is normalised first (documents.search.normalise: traditional → simplified,
full → half width, lower case), the same normal form queries get.  jieba's HMM
is off: it invents "words" from unknown character runs that depend on the
surrounding text, so the same unknown word could be cut one way in a document
and another way in a query.  Unknown words are matched by substring instead.
"""

import multiprocessing
import os
import re
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"

# An index word is a run of letters and digits: both SQLite's unicode61
# tokenizer and PostgreSQL's default parser then see it as exactly one token.
_NON_WORD = re.compile(r"[^\w]|_")


@cache
def tokenizer():
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    tk = jieba.Tokenizer()
    tk.load_userdict(str(USER_DICT))
    # Abbreviations from the synonym table (高企, 双创) become words too, with
    # a low frequency so that jieba only cuts them where no common word does
    # (提高企业 stays 提高 / 企业).
    for word in _synonym_words():
        if word not in tk.FREQ or not tk.FREQ[word]:
            tk.add_word(word, freq=3)
    return tk


def _synonym_words():
    from documents.search.synonyms import groups

    return [w for w in groups() if w.isalnum() and len(w) > 1]


def tokens(text: str) -> list[str]:
    """Search-mode tokens of the normalised text: long words and their parts."""
    from documents.search.normalise import normalise

    return index_words(tokenizer().cut_for_search(normalise(text), HMM=False))


def query_words(normalised_term: str) -> list[str]:
    """Precise-mode words of a normalised query term (no overlapping parts)."""
    return index_words(tokenizer().cut(normalised_term, HMM=False))


def index_words(pieces) -> list[str]:
    words = []
    for piece in pieces:
        words.extend(w for w in _NON_WORD.split(piece) if w)
    return words


def is_dictionary_word(word: str) -> bool:
    """A word jieba can emit as one token (so the index holds it as a token)."""
    return len(word) > 1 and tokenizer().FREQ.get(word, 0) > 0


def segment_uncached(text: str) -> str:
    """The space-separated words the index holds for ``text``."""
    return " ".join(tokens(text))


# Cached: ingest segments a provision for Provision.search_text and the
# index segments the same text again moments later.
segment = lru_cache(maxsize=4096)(segment_uncached)


# Below this many texts a worker pool costs more than it saves.
PARALLEL_MIN = 2000


@contextmanager
def segmenter(count: int, processes: int | None = None):
    """A function segmenting a list of texts, with one worker process per
    core when ``count`` texts are to come (jieba is pure Python: one core
    segments ~250k characters/s).  Workers are forked after the dictionary
    is loaded, so they start at once; where fork is unavailable, or for few
    texts, segmentation stays in this process."""
    processes = processes or os.cpu_count() or 1
    if processes < 2 or count < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda texts: [segment_uncached(t) for t in texts]
        return
    tokenizer()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield lambda texts: pool.map(segment_uncached, texts, chunksize=64)
