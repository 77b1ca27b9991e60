"""Parse what staff type into a search query: terms, "phrases", OR, -exclusion.

Grammar (deliberately small, and total: every input parses)::

    query  := clause*              clauses are ANDed
    clause := '-' atom             exclusion
            | atom ('OR' atom)*    alternatives (also '|' and '或')
    atom   := '"' any text '"'     exact phrase (a lone '"' runs to the end)
            | word                 anything up to whitespace

The user's text never reaches a database query language: every term is
segmented into words that the backends quote themselves, so FTS syntax such as
``*``, ``NEAR(``, ``AND(`` or ``col:`` is just text here.  Characters that are
neither letters nor digits (emoji, NUL, punctuation) separate words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.search.segmentation import index_words, is_dictionary_word, query_words

from .normalise import normalise
from .synonyms import synonyms_of

MAX_QUERY_CHARS = 500
MAX_TERMS = 12

OR_WORDS = {"OR", "|", "或"}
AND_WORDS = {"AND", "&", "&&"}


@dataclass(frozen=True)
class Form:
    """One way a term can be written: the term itself or one of its synonyms.

    ``words`` are the index words that must all be present; a form with no
    index words (a single character, an unknown word) is found by substring.
    ``substring`` is True when the normalised text must also contain ``text``
    verbatim (phrases, and forms the index cannot answer).
    """

    text: str
    words: tuple[str, ...]
    synonym: bool = False
    substring: bool = False

    @property
    def indexed(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True)
class Term:
    typed: str  # as the user typed it, for messages and "why it matched"
    forms: tuple[Form, ...]
    phrase: bool = False


@dataclass
class Query:
    raw: str
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> list[Term]:
        return [t for group in self.groups for t in group]


_TOKEN = re.compile(r'"[^"]*"?|\S+')
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def parse(raw: str) -> Query:
    raw = raw or ""
    query = Query(raw=raw)
    text = "".join(ch if ch.isprintable() else " " for ch in raw)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.notices.append(
            f"检索式过长，只使用前 {MAX_QUERY_CHARS} 个字符。"
            f" / The query is too long; only its first {MAX_QUERY_CHARS} characters are used."
        )
    pending_or = False
    for token in _TOKEN.findall(text):
        if token in OR_WORDS:
            pending_or = bool(query.groups)
            continue
        if token.upper() in AND_WORDS:
            continue
        negate = token.startswith("-") and len(token) > 1
        if negate:
            token = token[1:]
        for i, term in enumerate(_terms(token)):
            if negate:
                query.excluded.append(term)
            elif pending_or and i == 0:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
        pending_or = False
    if len(query.terms) + len(query.excluded) > MAX_TERMS:
        query.groups = query.groups[:MAX_TERMS]
        query.excluded = query.excluded[: max(0, MAX_TERMS - len(query.terms))]
        query.notices.append(
            f"检索词过多，只使用前 {MAX_TERMS} 个。"
            f" / Too many terms; only the first {MAX_TERMS} are used."
        )
    if query.is_empty:
        query.notices.append(
            "请输入至少一个要查找的词（不能只有排除词或符号）。"
            " / Enter at least one word to look for (not only exclusions or symbols)."
            if query.excluded or raw.strip()
            else "请输入检索词。 / Enter a search term."
        )
    return query


def _terms(token: str) -> list[Term]:
    phrase = token.startswith('"')
    body = token.strip('"')
    # Symbols at the edges (科技*, NEAR(, col:) are not part of what is sought.
    text = _EDGES.sub("", normalise(body))
    if not index_words([text]):
        return []  # nothing searchable: symbols, emoji, a lone quote
    if phrase:
        text = " ".join(text.split())
        return [Term(typed=body, forms=(_form(text, phrase=True),), phrase=True)]
    # R&D经费: jieba cuts r / & / d, losing the abbreviation, so a synonym
    # key with punctuation inside a token makes a term of its own.
    for key in _punctuated_keys():
        if key in text and key != text:
            before, _, after = text.partition(key)
            return [t for part in (before, key, after) for t in _terms(part)]
    return [Term(typed=body, forms=_forms(text))]


MAX_FORMS = 8


def _forms(text: str) -> tuple[Form, ...]:
    """The term, its synonyms, and the term with a word replaced by a synonym
    of that word (高企认定 → 高新技术企业认定), at most MAX_FORMS in all."""
    variants = {text: False}
    variants.update((s, True) for s in synonyms_of(text))
    words = query_words(text)
    if len(words) > 1:
        for i, word in enumerate(words):
            for synonym in synonyms_of(word):
                variants.setdefault("".join([*words[:i], synonym, *words[i + 1 :]]), True)
    forms = [_form(v, synonym=s) for v, s in variants.items()]
    # A variant the index cannot answer would turn the whole term into a
    # substring scan; keep such forms only where the user or the table wrote them.
    forms = [f for f in forms if f.indexed or f.text == text or f.text in synonyms_of(text)]
    return tuple(forms[:MAX_FORMS])


def _punctuated_keys():
    from .synonyms import groups

    return [k for k in groups() if not k.isalnum()]


def _form(text: str, synonym: bool = False, phrase: bool = False) -> Form:
    words = query_words(text)
    unknown = [w for w in words if not _indexable(w)]
    if phrase:
        # The index narrows to provisions holding every word; the substring
        # check then keeps only those where they stand together.
        known = tuple(dict.fromkeys(w for w in words if _indexable(w)))
        return Form(text=text, words=known, synonym=synonym, substring=True)
    if unknown:
        # The known words narrow through the index; the substring decides.
        known = tuple(dict.fromkeys(w for w in words if _indexable(w)))
        return Form(text=text, words=known, synonym=synonym, substring=True)
    if any(not w.isalnum() for w in text.split()) or text != "".join(words):
        # Punctuation inside (r&d): the words narrow, the substring decides.
        return Form(text=text, words=tuple(dict.fromkeys(words)), synonym=synonym, substring=True)
    return Form(text=text, words=tuple(dict.fromkeys(words)), synonym=synonym)


def _indexable(word: str) -> bool:
    # Runs of digits and Latin letters are whole tokens in both index and
    # query (R&D → r, d); Chinese words are tokens only when jieba's
    # dictionary holds them (HMM is off), never a lone character.
    return is_dictionary_word(word) or word.isascii()
