"""Chinese word segmentation for the search index (jieba + a domain dictionary).

Reads: normalised provision text.  Writes: the space-separated tokens stored
in ``Provision.search_text``, which the search backends index.

The user dictionary (documents/data/userdict.txt) is data: one term per line
with a frequency high enough that jieba keeps 科技成果转化 whole instead of
splitting it into 科技 / 成果 / 转化.
"""

from functools import cache
from pathlib import Path

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"


@cache
def tokenizer():
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    tk = jieba.Tokenizer()
    tk.load_userdict(str(USER_DICT))
    return tk


def tokens(text: str) -> list[str]:
    """Search-mode tokens: long words and their shorter parts, no punctuation."""
    return [t for t in tokenizer().cut_for_search(text) if t.strip() and _is_word(t)]


def segment(text: str) -> str:
    return " ".join(tokens(text))


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)
