"""One normal form for indexed text and for queries.

Staff paste text from Word, from traditional-character sources and from PDFs
with full-width digits; the same normal form on both sides is what lets
科技成果轉化 find 科技成果转化 and ２０２５ find 2025:

* traditional → simplified with OpenCC ``t2s`` (character-for-character for the
  vocabulary of these documents, so offsets survive; see ``normalise_with_offsets``);
* NFKC, which folds full-width letters, digits and punctuation to half width;
* lower case, so R&D = r&d.
"""

import unicodedata
from functools import cache


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalise(text: str) -> str:
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, list[int], str]:
    """The normal form, for each of its characters the index it came from, and
    the text those indexes point into.

    The offsets let a match found in the normal form be highlighted in the
    original text.  OpenCC's phrase tables can in principle change the length
    (a few multi-character idioms); when they do, the offsets point into the
    simplified text, which is returned for display instead of the original.
    """
    simplified = _converter().convert(text)
    display = text if len(simplified) == len(text) else simplified
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(simplified):
        folded = _fold(ch) if not ch.isascii() or ch.isupper() else ch
        out.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(out), offsets, display
