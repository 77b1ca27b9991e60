"""Chinese word segmentation for the search index (jieba's dictionary, cut by rjieba).

Reads: provision text.  Writes: the space-separated tokens stored in
``Provision.search_text``, which the search backends index.

The user dictionary (documents/search/data/userdict.txt) is data: one term per line
with a frequency high enough that jieba keeps 科技成果转化 whole instead of
splitting it into 科技 / 成果 / 转化.  Search mode also emits the dictionary
words inside a long word (科技, 成果, 转化), so a query for a part still hits.

Text is normalised first (documents.search.normalise: traditional → simplified,
full → half width, lower case), the same normal form queries get.  HMM is
off: it invents "words" from unknown character runs that depend on the
surrounding text, so the same unknown word could be cut one way in a document
and another way in a query.  Unknown words are matched by substring instead.

The dictionary is jieba 0.42.1's (``tokenizer()``: its dict.txt, our user
dictionary, the synonym abbreviations); the cutting is rjieba's (the Python
binding of jieba-rs), which is handed every word of that dictionary with its
frequency.  With HMM off, jieba-rs walks the same word graph as jieba and
picks the same route, so the words are jieba's own, and cutting runs over ten
times faster than jieba's (bench/segmenters.py compares the two on every
provision, the genre documents and a generated corpus, and measures them;
tests/search/test_segmentation_library.py checks the words against jieba).
"""

import math
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import rjieba

from .normalise import normalise
from .synonyms import groups

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"

# An index word is a run of letters and digits: both SQLite's unicode61
# tokenizer and PostgreSQL's default parser then see it as exactly one token.
_WORD = re.compile(r"[^\W_]+")

# jieba's total counts the duplicate lines of its dict.txt (954 of them) that
# its FREQ keeps once; rjieba's total is the sum of what it holds.  The
# difference goes to this entry, so both take the same logarithm of the same
# total.  Neither segmenter ever looks NUL up: it is no character of the
# blocks they cut.
_TOTAL_FILLER = "\x00"


@cache
def tokenizer():
    """jieba's tokenizer with our words: the dictionary the index cuts with."""
    import jieba

    class Tokenizer(jieba.Tokenizer):
        # Counts dictionary edits (del_word and suggest_freq(tune=True) come
        # here too), so the segmenter sees even those that leave total unchanged.
        edits = 0

        def add_word(self, word, freq=None, tag=None):
            super().add_word(word, freq, tag)
            self.edits += 1

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    tk = Tokenizer()
    tk.load_userdict(str(USER_DICT))
    # Abbreviations from the synonym table (高企, 双创) become words too, with
    # a low frequency so that jieba only cuts them where no common word does
    # (提高企业 stays 提高 / 企业).  Only abbreviations: a member jieba cuts
    # into words of two characters or more (吉林省科技大市场) is found by those
    # words, and as one word it would hide its longer parts from the index;
    # Latin members (ai, it) would split English words (main → m / ai / n).
    abbreviations = [
        w for w in _synonym_words() if any(len(piece) == 1 for piece in tk.cut(w, HMM=False))
    ]
    for word in abbreviations:
        if word not in tk.FREQ or not tk.FREQ[word]:
            tk.add_word(word, freq=3)
    return tk


def _synonym_words():
    return [w for w in groups() if w.isalnum() and len(w) > 1 and not w.isascii()]


class _Cutter:
    """Precise and search-mode cutting, HMM off, for one state of the dictionary.

    rjieba when it cuts the dictionary as jieba does; jieba itself for one
    where it would not (see _rjieba_with), which only code writing into FREQ
    directly makes.
    """

    def __init__(self, tk):
        self.state = _state(tk)
        rust = _rjieba_with(tk)
        if rust is None:
            self.cut = lambda sentence: list(tk.cut(sentence, HMM=False))
            self.cut_for_search = lambda sentence: list(tk.cut_for_search(sentence, HMM=False))
        else:
            self.cut = lambda sentence: rust.cut(sentence, False)
            self.cut_for_search = lambda sentence: rust.cut_for_search(sentence, False)


def _rjieba_with(tk):
    """An rjieba instance holding exactly ``tk``'s words, frequencies and
    total; None where rjieba cannot hold them (a negative frequency, entries
    adding up to more than the total) or would find words jieba cannot: jieba
    reaches a word only through its prefixes, which must be keys of FREQ (as
    jieba's loading and add_word make them), rjieba finds every word it holds.
    """
    freq = tk.FREQ
    missing = tk.total - sum(freq.values())
    if missing < 0 or min(freq.values(), default=0) < 0:
        return None
    if not all(w[:-1] in freq for w in freq if len(w) > 1):
        return None
    rust = rjieba.Jieba.empty()
    add = rust.add_word
    # Words with frequency 0 (jieba's prefixes of words, deleted words) are
    # no words to jieba's word graph or to its search-mode grams.
    for word, f in freq.items():
        if f:
            add(word, f, None)
    if missing:
        add(_TOTAL_FILLER, missing, None)
    return rust


def _state(tk):
    return (id(tk.FREQ), len(tk.FREQ), tk.total, getattr(tk, "edits", 0))


_current: _Cutter | None = None


def _cutter() -> _Cutter:
    """The cutter for the dictionary as it is now (reloaded after add_word)."""
    global _current
    tk = tokenizer()
    cutter = _current
    if cutter is None or cutter.state != _state(tk):
        cutter = _current = _Cutter(tk)
    return cutter


def cut(sentence: str) -> list[str]:
    """``list(tokenizer().cut(sentence, HMM=False))``, faster."""
    return _cutter().cut(sentence)


def cut_for_search(sentence: str) -> list[str]:
    """``list(tokenizer().cut_for_search(sentence, HMM=False))``, faster."""
    return _cutter().cut_for_search(sentence)


# --- the index's words ---------------------------------------------------------------


def _index_text(text: str) -> str:
    return " ".join(_with_latin_tails(index_words(_cutter().cut_for_search(normalise(text)))))


# A Latin word of four to eight letters is often an acronym with a prefix
# (oled, amoled, qled); the index also holds its tails of three letters or
# more, so that led finds them, as search mode finds 企业 in 中小企业.
_LATIN_WORD = re.compile(r"[a-z]{4,8}")


def _with_latin_tails(words: list[str]) -> list[str]:
    out = []
    for word in words:
        out.append(word)
        if _LATIN_WORD.fullmatch(word):
            out.extend(word[i:] for i in range(1, len(word) - 2))
    return out


def tokens(text: str) -> list[str]:
    """Search-mode tokens of the normalised text: long words and their parts."""
    return _index_text(text).split()


def query_words(normalised_term: str) -> list[str]:
    """Precise-mode words of a normalised query term (no overlapping parts)."""
    return index_words(cut(normalised_term))


def index_words(pieces) -> list[str]:
    """The runs of letters and digits in each piece (a space joins no two)."""
    return _WORD.findall(" ".join(pieces))


def is_dictionary_word(word: str) -> bool:
    """A word jieba can emit as one token (so the index holds it as a token)."""
    return len(word) > 1 and tokenizer().FREQ.get(word, 0) > 0


def general_rarity(word: str) -> float:
    """How rare a word is in general Chinese: ln(total / frequency) in jieba's
    dictionary (its frequencies come from a general news corpus), so 达到
    (8.3) or 年 (5.5) weigh less than 高新技术企业 (14.9).  A word missing from
    the dictionary takes its rarest part, a part missing from it (a number,
    a Latin word) counting as ``UNKNOWN_RARITY``: a number with its unit
    (2035年, 50万元) weighs as the number, not as the unit."""
    tk = tokenizer()

    def rarity(part):
        known = tk.FREQ.get(part, 0) > 0 and not part.isdigit()
        return math.log(tk.total / tk.FREQ[part]) if known else UNKNOWN_RARITY

    if tk.FREQ.get(word, 0) > 0:
        return rarity(word)
    return max(map(rarity, cut(word)), default=UNKNOWN_RARITY)


UNKNOWN_RARITY = 10.0


def segment(text: str) -> str:
    """The space-separated words the index holds for ``text``."""
    return _index_text(text)


# Below this many texts a worker pool costs more than it saves.
PARALLEL_MIN = 2000


@contextmanager
def segmenter(count: int, processes: int | None = None):
    """A function segmenting a list of texts, with one worker process per
    core when ``count`` texts are to come (one core segments well over a
    million characters/s).  Workers are forked after the dictionary is
    loaded, so they start at once; where fork is unavailable, or for few
    texts, segmentation stays in this process."""
    processes = processes or os.cpu_count() or 1
    if processes < 2 or count < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda texts: [segment(t) for t in texts]
        return
    _cutter()
    # An executor, not a multiprocessing.Pool: a worker that dies (killed,
    # out of memory) fails the rebuild with BrokenProcessPool instead of
    # leaving it waiting for the dead worker's results for ever.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield lambda texts: list(pool.map(segment, texts, chunksize=64))


@contextmanager
def in_background(count: int, function, *args):
    """``function(*args)`` started in a forked process when ``count`` texts
    are to come (``segmenter``'s rule: many, a second core, fork), while
    this one goes on; yields a function that waits for its result.  For
    few, or without fork, ``function`` runs here when the result is asked."""
    if (os.cpu_count() or 1) < 2 or count < PARALLEL_MIN or (
        "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield lambda: function(*args)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        yield pool.submit(function, *args).result
