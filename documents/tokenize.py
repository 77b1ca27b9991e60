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

jieba's dictionary (``tokenizer().FREQ``) is the data, but ``cut`` and
``cut_for_search`` below are jieba 0.42.1's ``Tokenizer.cut`` and
``cut_for_search`` with ``HMM=False`` re-expressed over tables computed from
it (each word's log probability, in a tree by character), rebuilt when the
dictionary changes, and the index's words of each block of text are cached:
segmentation runs about three times faster than through jieba (bench/segment.py),
with exactly jieba's output (tests/documents/test_tokenize_speedup.py).
"""

import gc
import math
import multiprocessing
import os
import re
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"

# An index word is a run of letters and digits: both SQLite's unicode61
# tokenizer and PostgreSQL's default parser then see it as exactly one token.
_WORD = re.compile(r"[^\W_]+")


@cache
def tokenizer():
    import jieba

    class Tokenizer(jieba.Tokenizer):
        # Counts dictionary edits (del_word and suggest_freq(tune=True) come
        # here too), so _tables() sees even those that leave total unchanged.
        edits = 0

        def add_word(self, word, freq=None, tag=None):
            super().add_word(word, freq, tag)
            self.edits += 1

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    tk = Tokenizer()
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


# --- jieba's no-HMM segmentation over precomputed tables ----------------------------

# jieba.re_eng: a single letter or digit, which __cut_DAG_NO_HMM gathers into
# runs ("r", "d" → "rd" in "rd经费", if no dictionary word covers them).
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_HAS_ENG = re.compile("[a-zA-Z0-9]")
_HAS_NON_WORD = re.compile(r"[\W_]")
_ABSENT = object()


class _Tables:
    """What jieba looks up while it segments, computed once per dictionary state.

    Where jieba computes ``log(FREQ[word]) - log(total)`` for a word (freq >
    0), the tables hold that value, the same float, so the sums it compares
    are the same floats; they hold None for a key that is no word (a prefix
    of words, or a word with freq 0).

    ``nodes`` serves the first three steps of jieba's walk through the keys
    of FREQ from a position, which is as far as nearly all walks go, as a
    tree by character: a character's node holds its value (_ABSENT if it is
    no key) and, by the next character, the values of the two-character keys,
    each with the three-character keys it begins.  The tree's characters are
    one str object each, and each node holds its own, so the lookups after
    the first find their key by identity.  ``deep`` holds the longer keys.
    """

    def __init__(self, tk):
        import jieba

        self.state = _state(tk)
        self.han = jieba.re_han_default
        self.skip = jieba.re_skip_default
        # What of a normalised text reaches the index: jieba's blocks, and
        # the letters and digits between them (each one a word of its own).
        self.items = re.compile(self.han.pattern[1:-1] + r"|[^\W_]")
        self.freq = None  # None: leave the cutting to jieba (see below)
        gc_was_enabled = gc.isenabled()
        gc.disable()  # a million new objects, none of them garbage
        try:
            self._build(tk)
        except (ValueError, TypeError):
            # A negative frequency (or total): jieba raises where it meets the
            # word, so it does the cutting itself.
            pass
        finally:
            if gc_was_enabled:
                gc.enable()
        # Blocks (runs of jieba's "han" characters) recur, in clause-sized
        # pieces; a cache per table set can never serve a stale dictionary.
        self.search_block = lru_cache(maxsize=100_000)(self._search_block)

    def _build(self, tk) -> None:
        freq = tk.FREQ
        logtotal = math.log(tk.total)
        self.unknown = math.log(1) - logtotal
        log = math.log

        def value(w):
            f = freq[w]
            return log(f) - logtotal if f else None

        short: list[list[str]] = [[], [], [], []]
        deep = {}
        for w, f in freq.items():
            if len(w) < 4:
                short[len(w)].append(w)
            else:
                deep[w] = log(f) - logtotal if f else None
        # The tree answers cut_for_search's question (is this 2- or 3-gram a
        # word?) too when every key's prefixes are keys, as jieba makes them.
        closed = all(w[:-1] in freq for w in short[2] + short[3])
        char = {c: c for c in set().union(*short[2], *short[3])}
        char.update((c, c) for c in short[1])
        thirds: dict[str, dict] = {}
        for w in short[3]:
            if closed or (w[:2] in freq and w[0] in freq):
                d = thirds.get(w[:2])
                if d is None:
                    d = thirds[w[:2]] = {}
                d[char[w[2]]] = value(w)
        seconds: dict[str, dict] = {}
        for w in short[2]:
            if closed or w[0] in freq:
                d = seconds.get(w[0])
                if d is None:
                    d = seconds[w[0]] = {}
                d[char[w[1]]] = (value(w), thirds.get(w))
        self.nodes = {
            c: (c, value(c) if c in freq else _ABSENT, seconds.get(c))
            for c in char.values()
        }
        self.deep = deep
        self.freq = freq
        self.closed = closed

    def route(self, s: str) -> tuple[list[int], list, list]:
        """For each start, the end of the word jieba's route takes from there;
        and for each start, the value of the 2- and 3-character word there
        (None where there is none).

        Tokenizer.get_DAG walks the keys of FREQ from each position, as long
        as there are keys, and takes the words among them; calc keeps, going
        backwards, the word with the highest log probability of the rest,
        the longer on a tie (max over (prob, x) tuples).
        """
        get = self.deep.get
        unknown = self.unknown
        n = len(s)
        score = [0.0] * (n + 1)
        end = list(range(1, n + 1))
        two = [None] * n
        three = [None] * n
        c1 = c2 = None  # the tree's characters at i + 1 and i + 2
        i = n
        for node in list(map(self.nodes.get, reversed(s))):
            i -= 1
            if node is None:  # a character in no key
                score[i] = unknown + score[i + 1]
                c1, c2 = None, c1
                continue
            c, lp, seconds = node
            if lp is _ABSENT:  # no key starts here: the lone character
                score[i] = unknown + score[i + 1]
                c1, c2 = c, c1
                continue
            if lp is not None:
                best = lp + score[i + 1]
                stop = i + 1
            else:
                best = -math.inf
                stop = 0
            if seconds is not None and (second := seconds.get(c1)) is not None:
                lp, thirds = second
                if lp is not None:
                    two[i] = lp
                    p = lp + score[i + 2]
                    if p >= best:
                        best = p
                        stop = i + 2
                if thirds is not None and (lp := thirds.get(c2, _ABSENT)) is not _ABSENT:
                    if lp is not None:
                        three[i] = lp
                        p = lp + score[i + 3]
                        if p >= best:
                            best = p
                            stop = i + 3
                    j = i + 3
                    while j < n:
                        j += 1
                        lp = get(s[i:j], _ABSENT)
                        if lp is _ABSENT:
                            break
                        if lp is not None:
                            p = lp + score[j]
                            if p >= best:
                                best = p
                                stop = j
            if not stop:  # keys, but no word: the lone character
                best = unknown + score[i + 1]
                stop = i + 1
            score[i] = best
            end[i] = stop
            c1, c2 = c, c1
        return end, two, three

    def cut_block(self, s: str) -> list[str]:
        """Tokenizer.__cut_DAG_NO_HMM: the route's words, runs of single
        letters and digits joined."""
        end = self.route(s)[0]
        words = []
        n = len(s)
        i = 0
        buf = ""
        while i < n:
            j = end[i]
            if j == i + 1 and s[i] in _ENG:
                buf += s[i]
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(s[i:j])
            i = j
        if buf:
            words.append(buf)
        return words

    def search_words(self, words: list[str]) -> list[str]:
        """Tokenizer.cut_for_search: before each word longer than two, the
        dictionary words among its 2-grams, then (longer than three) 3-grams."""
        out = []
        for w in words:
            if len(w) > 2:
                self._grams(w, out)
            out.append(w)
        return out

    def _grams(self, w: str, out: list[str]) -> None:
        get = self.freq.get
        n = len(w)
        for a in range(n - 1):
            if get(w[a : a + 2]):
                out.append(w[a : a + 2])
        if n > 3:
            for a in range(n - 2):
                if get(w[a : a + 3]):
                    out.append(w[a : a + 3])

    def _search_block(self, s: str) -> str:
        """The index words of search_words(cut_block(s)), space-joined."""
        if _HAS_ENG.search(s) or not self.closed:
            pieces = self.search_words(self.cut_block(s))
        else:  # the same, without the letters-and-digits buffer
            end, two, three = self.route(s)
            pieces = []
            n = len(s)
            i = 0
            while i < n:
                j = end[i]
                if j - i > 2:  # the route found its 2- and 3-grams' values
                    pieces += [s[k : k + 2] for k in range(i, j - 1) if two[k] is not None]
                    if j - i > 3:
                        pieces += [s[k : k + 3] for k in range(i, j - 2) if three[k] is not None]
                pieces.append(s[i:j])
                i = j
        if _HAS_NON_WORD.search(s):  # a piece may hold + # & . _ % -
            return " ".join(_WORD.findall(" ".join(pieces)))
        return " ".join(pieces)


def _state(tk):
    return (id(tk.FREQ), len(tk.FREQ), tk.total, getattr(tk, "edits", 0))


_current: _Tables | None = None


def _tables() -> _Tables:
    """The tables for the dictionary as it is now (rebuilt after add_word)."""
    global _current
    tk = tokenizer()
    tables = _current
    if tables is None or tables.state != _state(tk):
        tables = _current = _Tables(tk)
    return tables


def _cut(tables: _Tables, sentence: str) -> list[str]:
    # Tokenizer.cut(cut_all=False, HMM=False): re_han splits the text into
    # blocks and the gaps between them (odd and even items of the split); a
    # gap yields its characters one by one, "\r\n" and whitespace as re_skip
    # splits them.
    words = []
    skip = tables.skip
    for i, blk in enumerate(tables.han.split(sentence)):
        if not blk:
            continue
        if i % 2:
            words.extend(tables.cut_block(blk))
        else:
            for x in skip.split(blk):
                if skip.match(x):
                    words.append(x)
                else:
                    words.extend(x)
    return words


def cut(sentence: str) -> list[str]:
    """``list(tokenizer().cut(sentence, HMM=False))``, faster."""
    tables = _tables()
    if tables.freq is None:
        return list(tokenizer().cut(sentence, HMM=False))
    return _cut(tables, sentence)


def cut_for_search(sentence: str) -> list[str]:
    """``list(tokenizer().cut_for_search(sentence, HMM=False))``, faster."""
    tables = _tables()
    if tables.freq is None:
        return list(tokenizer().cut_for_search(sentence, HMM=False))
    return tables.search_words(_cut(tables, sentence))


# --- the index's words ---------------------------------------------------------------


def _index_text(text: str) -> str:
    from documents.search.normalise import normalise

    tables = _tables()
    normal = normalise(text)
    if tables.freq is None:
        return " ".join(index_words(tokenizer().cut_for_search(normal, HMM=False)))
    # index_words(cut_for_search(normal)), a block at a time (a letter or
    # digit between blocks is a block of one character to jieba's cut).
    return " ".join(filter(None, map(tables.search_block, tables.items.findall(normal))))


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


def segment_uncached(text: str) -> str:
    """The space-separated words the index holds for ``text``."""
    return _index_text(text)


# Cached: ingest segments a provision for Provision.search_text and the
# index segments the same text again moments later.
segment = lru_cache(maxsize=4096)(segment_uncached)


@contextmanager
def block_cache_off():
    """Segment every block afresh (workers forked inside inherit this): what
    segmentation of text never seen costs.  The search benchmark's synthetic
    corpus recombines the same clauses, which the block cache would answer."""
    tables = _tables()
    tables.search_block = tables._search_block
    try:
        yield
    finally:
        del tables.search_block  # back to the cached one below
        tables.search_block = lru_cache(maxsize=100_000)(tables._search_block)


# Below this many texts a worker pool costs more than it saves.
PARALLEL_MIN = 2000


@contextmanager
def segmenter(count: int, processes: int | None = None):
    """A function segmenting a list of texts, with one worker process per
    core when ``count`` texts are to come (one core segments well over a
    million characters/s).  Workers are forked after the dictionary and its
    tables are loaded, so they start at once; where fork is unavailable, or
    for few texts, segmentation stays in this process."""
    processes = processes or os.cpu_count() or 1
    if processes < 2 or count < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda texts: [segment_uncached(t) for t in texts]
        return
    _tables()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield lambda texts: pool.map(segment_uncached, texts, chunksize=64)
