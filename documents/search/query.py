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
from dataclasses import dataclass, field, replace
from functools import cache

from documents.extraction.numerals import parse_chinese
from documents.search.segmentation import (
    general_rarity,
    index_words,
    is_dictionary_word,
    query_words,
)

from .homophones import corrections
from .normalise import normalise
from .questions import QuestionForm, asked_forms
from .stopwords import is_stopword
from .synonyms import groups, synonyms_of

MAX_QUERY_CHARS = 500
# Concepts sought at most; a longer question keeps its most informative
# (``_most_informative``).
MAX_TERMS = 16

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
    # The form found through the parts of a long word (``_parts``).
    parts: bool = False

    @property
    def indexed(self) -> bool:
        return bool(self.words)


@dataclass(frozen=True)
class Term:
    typed: str  # as the user typed it, for messages and "why it matched"
    forms: tuple[Form, ...]
    phrase: bool = False
    # A run of characters the word index cannot answer (a single character,
    # a word missing from the dictionary): matched by its characters, and
    # weighed less when a relaxed match is ranked.
    run: bool = False
    # The number of concepts the typed string was split into (科技型中小企业支持
    # → 2): a concept's own verbatim weight is shared, the string's whole
    # verbatim occurrences (``Query.compounds``) weigh most.
    split_into: int = 1


@dataclass
class Query:
    """A parsed query: ``groups`` are the concepts (AND of ORs of terms).

    A typed string without spaces is split into concepts (科技型中小企业有哪些支持
    → 科技型中小企业, 支持): its dictionary words, the synonym-table keys it
    holds, and runs of characters the index has no word for.  Stop words
    (question words, fillers) go to ``stopwords``: highlighted, never required.
    ``compounds`` keeps each such typed string whole, and each pair of
    adjacent concepts in it (省级科技创新中心有多少个 → 科技创新, 创新中心 …), for the
    verbatim re-ranking: the words of a query ranked by standing together.  A quoted phrase is one concept that is never relaxed; the
    alternatives of an OR are one concept each taken whole, as typed.
    """

    raw: str
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    stopwords: list[Term] = field(default_factory=list)
    compounds: list[str] = field(default_factory=list)
    # The question forms used (多少家 → count): their answers rank higher.
    questions: list[QuestionForm] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> list[Term]:
        return [t for group in self.groups for t in group]

    @property
    def relaxable(self) -> bool:
        """Whether dropping a concept can find more: two concepts or more, at
        least one of them not a quoted phrase."""
        return len(self.groups) > 1 and any(not is_hard(g) for g in self.groups)


def _most_informative(groups: list[list[Term]], limit: int) -> list[list[Term]]:
    """The ``limit`` concepts a long question is sought by, in the typed
    order: its least informative words go first (``general_rarity``), as the
    relaxed tier drops them: "我们公司在北湖，今年花300万买了吉大一项专利在区里
    转化，又新建了个中试基地、设备投了500万…" loses 公司, 花 and 又, where a
    cut after the first words lost 中试基地 and 设备, what it asks last.  A
    quoted phrase and an OR are kept: the user asked for them."""
    if len(groups) <= limit:
        return groups

    def weight(i):
        group = groups[i]
        return (
            is_hard(group) or len(group) > 1,
            max(general_rarity(t.typed) for t in group),
        )

    kept = sorted(range(len(groups)), key=weight, reverse=True)[:limit]
    return [groups[i] for i in sorted(kept)]


def is_hard(group: list[Term]) -> bool:
    """A concept a relaxed match still needs: one holding a quoted phrase."""
    return any(t.phrase for t in group)


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
    tokens = _TOKEN.findall(text)
    pending_or = False
    for n, token in enumerate(tokens):
        if token in OR_WORDS:
            pending_or = bool(query.groups)
            continue
        if token.upper() in AND_WORDS:
            continue
        negate = token.startswith("-") and len(token) > 1
        if negate:
            token = token[1:]
        # An alternative of an OR is one concept, taken whole as typed.
        whole = negate or pending_or or (n + 1 < len(tokens) and tokens[n + 1] in OR_WORDS)
        terms, stops, compounds = _terms(token, whole)
        query.stopwords.extend(stops)
        if not negate:
            query.questions.extend(
                f for f, _spans in asked_forms(normalise(token)) if f not in query.questions
            )
        query.compounds.extend(c for c in compounds if c not in query.compounds)
        for i, term in enumerate(terms):
            if negate:
                query.excluded.append(term)
            elif pending_or and i == 0 and query.groups:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
        pending_or = False
    if not query.groups and query.stopwords:
        # Nothing but question words (什么是, 多少): they are what is sought.
        query.groups = [[t] for t in query.stopwords]
        query.stopwords = []
    if len(query.terms) + len(query.excluded) > MAX_TERMS:
        query.groups = _most_informative(query.groups, MAX_TERMS)
        query.excluded = query.excluded[: max(0, MAX_TERMS - len(query.terms))]
        query.notices.append(
            f"检索词过多，只使用其中信息量最大的 {MAX_TERMS} 个。"
            f" / Too many terms; only the {MAX_TERMS} most informative are used."
        )
    if query.is_empty:
        query.notices.append(
            "请输入至少一个要查找的词（不能只有排除词或符号）。"
            " / Enter at least one word to look for (not only exclusions or symbols)."
            if query.excluded or raw.strip()
            else "请输入检索词。 / Enter a search term."
        )
    return query


def _terms(token: str, whole: bool) -> tuple[list[Term], list[Term], list[str]]:
    """(concepts, stop words, compounds: the typed string when split and its
    adjacent concept pairs) of one typed token."""
    phrase = token.startswith('"')
    body = token.strip('"')
    # Symbols at the edges (科技*, NEAR(, col:) are not part of what is sought.
    text = _EDGES.sub("", normalise(body))
    if not index_words([text]):
        return [], [], []  # nothing searchable: symbols, emoji, a lone quote
    if phrase:
        text = " ".join(text.split())
        return [Term(typed=body, forms=(_form(text, phrase=True),), phrase=True)], [], []
    if whole:
        return [Term(typed=body, forms=_forms(text))], [], []
    # R&D经费: jieba cuts r / & / d, losing the abbreviation, so a synonym
    # key with punctuation inside a token makes a concept of its own.
    for key in _punctuated_keys():
        if key in text and key != text:
            before, _, after = text.partition(key)
            parts = [_terms(part, False) for part in (before, key, after)]
            return (
                [t for terms, _s, _c in parts for t in terms],
                [s for _t, stops, _c in parts for s in stops],
                [text, *(c for _t, _s, compounds in parts for c in compounds)],
            )
    if not text.isalnum() and text in groups():
        return [Term(typed=body, forms=_forms(text))], [], []
    pieces = _split_long_runs(_unit_characters_as_stops(text, concepts_of(text)))
    if [kind for kind, _p in pieces] == ["stop", "run"] and is_asked_pair(text):
        pieces = [("run", text)]  # 查新, 查重: a term of two characters, not a request
    terms = [
        Term(typed=p, forms=_run_forms(p) if kind == "run" else _forms(p), run=kind == "run")
        for kind, p in pieces
        if kind != "stop"
    ]
    terms = [_with_percent(t, normalise(body)) for t in terms]
    stops = [Term(typed=p, forms=(_form(p),)) for kind, p in pieces if kind == "stop"]
    if len(pieces) == 1 and terms:
        terms = [Term(typed=body, forms=terms[0].forms, run=terms[0].run)]
    if len(pieces) < 2:
        return terms, stops, []
    terms = [replace(t, split_into=len(terms)) for t in terms]
    pairs = [
        a + b
        for (kind_a, a), (kind_b, b) in zip(pieces, pieces[1:], strict=False)
        if kind_a != "stop" and kind_b != "stop"
    ]
    return terms, stops, list(dict.fromkeys([text, *pairs]))


def _with_percent(term: Term, text: str) -> Term:
    """A number typed with "%" is also sought as the regulations write it."""
    spelled = percent_spelling(term.typed) if f"{term.typed}%" in text else None
    if spelled is None or len(term.forms) >= MAX_FORMS:
        return term
    return replace(term, forms=(*term.forms, _form(spelled, synonym=True)))


# Stop words that are verbs of asking (查 "look up", 找 "find" …): typed
# as a token of two characters with a character that has no word of its
# own, they are the first half of a term (查新 novelty search, 查重
# duplicate check), not a request for the character.
# Where the pair occurs nowhere, the character alone is looked for
# (``tiers.loosened``): 找碳 finds 碳.
ACTION_STOPS = frozenset("查找看做拿问帮请给")


def is_asked_pair(text: str) -> bool:
    return len(text) == 2 and text[0] in ACTION_STOPS and not is_dictionary_word(text)


# A run of this many characters without a dictionary word is read as short
# forms typed together (六新四新: the texts' “六新产业”“四新设施”), each pair of
# characters a concept; the run whole still ranks first (``compounds``).
LONG_RUN_CHARS = 4


def _split_long_runs(pieces):
    out = []
    for kind, piece in _stops_out_of_runs(pieces):
        if kind == "run" and len(piece) >= LONG_RUN_CHARS and not piece.isascii():
            pairs = [piece[i : i + 2] for i in range(0, len(piece) - len(piece) % 2, 2)]
            if len(piece) % 2:
                pairs[-1] += piece[-1]
            out.extend(("run", pair) for pair in pairs)
        else:
            out.append((kind, piece))
    return out


def _stops_out_of_runs(pieces):
    """A stop word the dictionary does not cut out of a run ("说说碳": 说说 +
    碳) is a stop word at the run's edge, not part of what is sought."""
    out = []
    for kind, piece in pieces:
        if kind != "run":
            out.append((kind, piece))
            continue
        head = next((piece[:n] for n in range(len(piece) - 1, 1, -1) if is_stopword(piece[:n])), "")
        tail = next(
            (piece[-n:] for n in range(len(piece) - len(head) - 1, 1, -1) if is_stopword(piece[-n:])),
            "",
        )
        core = piece[len(head) : len(piece) - len(tail)]
        out.extend(p for p in (("stop", head), ("run", core), ("stop", tail)) if p[1])
    return out


def _unit_characters_as_stops(text, pieces):
    """A character inside a question form (家 in 多少家, 算 in 什么算) is part
    of the question, not a subject: a stop word."""
    spans = [span for _f, found in asked_forms(text) for span in found]
    if not spans:
        return pieces
    out, cursor = [], 0
    for kind, piece in pieces:
        start = text.find(piece, cursor)
        end = start + len(piece)
        if start >= 0:
            cursor = end
        inside = start >= 0 and any(s <= start and end <= e for s, e in spans)
        out.append(("stop", piece) if kind == "run" and inside else (kind, piece))
    return out


def concepts_of(text: str) -> list[tuple[str, str]]:
    """A typed string cut into ("word" | "stop" | "run", text) pieces.

    Words are jieba's precise-mode words, except that consecutive words
    forming a key of the synonym table stay one (科技 + 型 + 中小企业 would be
    科技型中小企业 anyway; 成果 + 转化 → 成果转化); a stop word is a piece of
    its own; characters with no index word of their own (占, 中 + 俄) join
    into one run, matched by their characters; a number keeps its unit
    (2025 + 年 → 2025年).
    """
    words = _words_keeping_keys(text)
    keys = groups()
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i + 1 if len(words[i]) < KEPT_KEY_CHARS else i, -1):
            joined = "".join(words[i:j])
            if joined in keys:
                pieces.append(("word", joined))
                i = j
                break
        else:
            word = words[i]
            i += 1
            if is_stopword(word):
                pieces.append(("stop", word))
            elif _indexable(word):
                pieces.append(("word", word))
            elif pieces and pieces[-1][0] == "run":
                pieces[-1] = ("run", pieces[-1][1] + word)
            elif pieces and pieces[-1][1].isdigit() and len(word) == 1:
                # A number and its unit are one concept (2025年, 30万).
                pieces[-1] = ("word", pieces[-1][1] + word)
            else:
                pieces.append(("run", word))
    return pieces


# Keys of the synonym table this long are kept whole where the segmenter
# would cut across them ("孵化场所有几家" → 孵化场 / 所有 / 几家).
KEPT_KEY_CHARS = 3


@cache
def _long_keys() -> re.Pattern | None:
    keys = sorted((k for k in groups() if len(k) >= KEPT_KEY_CHARS and k.isalnum()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))) if keys else None


def _words_keeping_keys(text: str) -> list[str]:
    """``query_words``, but a synonym-table key of KEPT_KEY_CHARS or more
    typed inside the string is one word, whatever the segmenter would cut."""
    pattern = _long_keys()
    if pattern is None:
        return query_words(text)
    words: list[str] = []
    position = 0
    for m in pattern.finditer(text):
        words += query_words(text[position : m.start()])
        words.append(m.group())
        position = m.end()
    return words + query_words(text[position:])


MAX_FORMS = 8


def _forms(text: str) -> tuple[Form, ...]:
    """The term, its synonyms, and the term with a word replaced by a synonym
    of that word (高企认定 → 高新技术企业认定), at most MAX_FORMS in all."""
    variants = {text: False}
    variants.update((s, True) for s in synonyms_of(text))
    for spelling in _number_spellings(text):
        variants.setdefault(spelling, True)
    words = query_words(text)
    if len(words) > 1:
        for i, word in enumerate(words):
            for synonym in synonyms_of(word):
                variants.setdefault("".join([*words[:i], synonym, *words[i + 1 :]]), True)
    forms = [_form(v, synonym=s) for v, s in variants.items()]
    parts = _parts(text)
    if parts:
        forms.insert(1, Form(text=text, words=parts, substring=True, parts=True))
    # A variant the index cannot answer would turn the whole term into a
    # substring scan; keep such forms only where the user or the table wrote them.
    forms = [f for f in forms if f.indexed or f.text == text or f.text in synonyms_of(text)]
    return tuple(forms[:MAX_FORMS])


def _run_forms(text: str) -> tuple[Form, ...]:
    """A run's forms, then the words one same-sounding character away, as
    synonyms (北胡区 → 北湖区: homophones.py)."""
    forms = _forms(text)
    if is_asked_pair(text):
        return forms  # 找碳: a request and a character, no slip (tiers.loosened)
    typos = tuple(_form(w, synonym=True) for w in corrections(text))
    return (forms + typos)[:MAX_FORMS]


# "五个重点突破" where the text says "推进5个重点突破": a count of a list (one
# to ten) in Chinese numerals before its classifier is also looked for in
# digits.  A larger number typed in Chinese ("挑出两千家" where the text says
# "培育2000户", "五百强" for "世界500强") is looked for as its digits alone:
# the text often counts it with another classifier, and digits alone are rare
# enough to point at the goal that holds them.
CHINESE_COUNT_RE = re.compile(
    r"^(?P<number>[一二两三四五六七八九十百千万]+)(?P<rest>[个项家户条类次件所名位批人强])$"
)


# "达到当地经济盘子的百分之二" where the text says "比重达到2%": a share typed in
# Chinese numerals is looked for as its digits, as "2%" typed is.
CHINESE_PERCENT_RE = re.compile(r"^百分之(?P<number>[一二两三四五六七八九十百]+)$")


# "七成" (seven tenths) where the text says "70%" or "不低于百分之七十", and
# "70%" typed where a regulation writes "百分之七十": a share is looked for in
# each way the texts write it.
TENTHS_RE = re.compile(r"^(?P<number>[一二两三四五六七八九])成$")


def _number_spellings(text: str) -> list[str]:
    """The other ways of writing a number ``text`` holds: its digits, and a
    share's percent in Chinese numerals."""
    if (tenths := TENTHS_RE.match(text)) is not None:
        value = 10 * chinese_value(tenths.group("number"))
        return [f"{value}%", "百分之" + chinese_numeral(value)]
    digits = _arabic_count(text)
    return [] if digits is None else [digits]


def percent_spelling(digits: str) -> str | None:
    """"70" of a typed "70%" → "百分之七十"; None past 100 or with a fraction."""
    return "百分之" + chinese_numeral(int(digits)) if digits.isdigit() and 0 < int(digits) <= 100 else None


def chinese_numeral(value: int) -> str:
    """1..100 in Chinese numerals as the texts write shares: 七十, 十五, 一百."""
    digits = "零一二三四五六七八九"
    if value == 100:
        return "一百"
    tens, ones = divmod(value, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _arabic_count(text: str) -> str | None:
    if (share := CHINESE_PERCENT_RE.match(text)) is not None:
        value = chinese_value(share.group("number"))
        return None if value is None else str(value)
    m = CHINESE_COUNT_RE.match(text)
    if m is None or (value := chinese_value(m.group("number"))) is None:
        return None
    # "五百强" is a ranking's name, "500强", whatever the number
    keep = value <= 10 or m.group("rest") == "强"
    return f"{value}{m.group('rest')}" if keep else str(value)


def chinese_value(number: str) -> int | None:
    """"两千" -> 2000; None for what is no number (a bare 百)."""
    try:
        return int(parse_chinese(number.replace("两", "二")))
    except ValueError:
        return None


def literal_query(text: str) -> Query:
    """A query for ``text`` itself (normalised), without synonyms or parts."""
    return Query(raw=text, groups=[[Term(typed=text, forms=(_form(text),))]])


def _parts(word: str) -> tuple[str, ...]:
    """The two-character dictionary words inside a long dictionary word: what
    the index holds where the word stands inside a longer one (中小企业 in
    科技型中小企业 is indexed as 中小, 企业, 小企业 …, never whole)."""
    if len(word) < 3 or not is_dictionary_word(word):
        return ()
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return tuple(dict.fromkeys(p for p in pairs if is_dictionary_word(p)))


@cache
def _punctuated_keys():
    """The synonym keys with punctuation inside, in the table's order (the
    table is read once a process; every query looks for these)."""
    return tuple(k for k in groups() if not k.isalnum())


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
