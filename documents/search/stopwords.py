"""The stop-word list (documents/search/data/stopwords.txt) as a set.

A stop word — a question word or filler such as 什么, 多少, 哪些, 吗, 的 — is
never a required query concept: 科技型中小企业有哪些支持 needs 科技型中小企业
and 支持, not 有 and 哪些.  It is still highlighted where it occurs, and the
whole typed string still ranks provisions that hold it verbatim.
"""

from functools import cache
from pathlib import Path

from .normalise import normalise

STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords.txt"


@cache
def stopwords() -> frozenset[str]:
    words = set()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        words.update(normalise(w) for w in line.split())
    return frozenset(words)


def is_stopword(word: str) -> bool:
    return word in stopwords()
