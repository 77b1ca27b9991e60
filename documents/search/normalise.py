"""One normal form for indexed text and for queries.

Staff paste text from Word, from traditional-character sources and from PDFs
with full-width digits; the same normal form on both sides is what lets
科技成果轉化 find 科技成果转化 and ２０２５ find 2025:

* traditional → simplified with OpenCC ``t2s`` (character-for-character for the
  vocabulary of these documents, so offsets survive; see ``normalise_with_offsets``);
* NFKC, which folds full-width letters, digits and punctuation to half width;
* lower case, so R&D = r&d.

NFKC and lower case apply character by character (``_fold``), through one
``str.translate`` table that learns each character's fold the first time it
sees it.
"""

import unicodedata
from functools import cache


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    # No key of t2s's dictionaries (CJK_Compatibility_Ideographs, TSPhrases,
    # TSCharactersExt, TSCharacters) holds an ASCII character, so OpenCC
    # returns ASCII text unchanged; tests/search/test_segmentation_library.py
    # checks it.
    return text if text.isascii() else _converter().convert(text)


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


class _FoldTable(dict):
    """``str.translate`` table: code point → its fold, filled on first use.

    ``shrinks`` records a character folding to nothing (none does under
    Unicode 14; the flag keeps ``normalise_with_offsets`` exact if one did).
    """

    shrinks = False

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _fold(ch) if not ch.isascii() or ch.isupper() else ch
        if not folded:
            self.shrinks = True
        self[code] = folded
        return folded


_FOLDS = _FoldTable()


def normalise(text: str) -> str:
    simplified = _simplified(text)
    if simplified.isascii():
        # ASCII folds to itself but for A-Z, which NFKC leaves and lower()
        # lowers: exactly str.lower() on ASCII.
        return simplified.lower()
    return simplified.translate(_FOLDS)


def normalise_with_offsets(text: str) -> tuple[str, list[int], str]:
    """The normal form, for each of its characters the index it came from, and
    the text those indexes point into.

    The offsets let a match found in the normal form be highlighted in the
    original text.  OpenCC's phrase tables can in principle change the length
    (a few multi-character idioms); when they do, the offsets point into the
    simplified text, which is returned for display instead of the original.
    """
    simplified = _simplified(text)
    display = text if len(simplified) == len(text) else simplified
    folded = simplified.translate(_FOLDS)
    if len(folded) == len(simplified) and not _FOLDS.shrinks:
        # Every character folded to exactly one (none to zero, so none to
        # two either): each comes from the character at its own index.
        return folded, list(range(len(folded))), display
    offsets: list[int] = []
    for i, ch in enumerate(simplified):
        offsets.extend([i] * len(_FOLDS[ord(ch)]))
    return folded, offsets, display
