"""Segmentation as it was before documents/tokenize.py (now
documents/search/segmentation.py) re-expressed jieba (commit 73da031): the
normal form by a loop over the characters, the words by jieba's own
Tokenizer.cut and cut_for_search.  Kept verbatim as the oracle the faster
code (rjieba, through documents/search/segmentation.py) must match byte for
byte (tests/search/test_segmentation_library.py) and is measured against
(bench/segment.py).  The dictionary is the same one:
documents.search.segmentation.tokenizer().
"""

import re
import unicodedata

from documents.search import normalise as normalise_module
from documents.search.segmentation import tokenizer

# --- documents/search/normalise.py ---------------------------------------------------


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalise(text: str) -> str:
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, list[int], str]:
    simplified = normalise_module._converter().convert(text)
    display = text if len(simplified) == len(text) else simplified
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(simplified):
        folded = _fold(ch) if not ch.isascii() or ch.isupper() else ch
        out.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(out), offsets, display


# --- documents/search/segmentation.py -----------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]|_")


def tokens(text: str) -> list[str]:
    words = []
    for word in index_words(tokenizer().cut_for_search(normalise(text), HMM=False)):
        words.append(word)
        # The index also holds the tails (three letters or more) of a Latin
        # word of four to eight letters: oled → led.
        if 4 <= len(word) <= 8 and word.isascii() and word.isalpha() and word.islower():
            words.extend(word[i:] for i in range(1, len(word) - 2))
    return words


def query_words(normalised_term: str) -> list[str]:
    return index_words(tokenizer().cut(normalised_term, HMM=False))


def index_words(pieces) -> list[str]:
    words = []
    for piece in pieces:
        words.extend(w for w in _NON_WORD.split(piece) if w)
    return words


def segment_uncached(text: str) -> str:
    return " ".join(tokens(text))
