"""The search vocabulary as data: documents/search/data/synonyms.txt and
stopwords.txt.

Both files are read here on their own terms (not through the engine), so a
mistake in the data shows up as a data error: a member not in the normal form
could never equal a normalised query, a single character would match
everywhere, a group with no source comment cannot be reviewed, and a group
none of whose members the documents use finds nothing.
"""

import re
from functools import cache
from pathlib import Path

import pytest

from documents.search.normalise import normalise

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "documents" / "search" / "data"
SYNONYMS = DATA / "synonyms.txt"
STOPWORDS = DATA / "stopwords.txt"

# The texts a group's wording must come from: the five bundled documents, the
# genre documents and the development corpus (never the held-out material).
TEXTS = [
    *sorted((ROOT / "fixtures" / "sources").glob("*.txt")),
    *sorted(
        p
        for p in (ROOT / "tests" / "data" / "genre").glob("*.txt")
        if ".gb18030" not in p.name
    ),
    *sorted((ROOT / "tests" / "data" / "corpus" / "dev").glob("*.txt")),
]

# A group whose comment says "abbr:" is an abbreviation or colloquial form;
# the texts need not use any of its members.
ABBREVIATION = "abbr:"


def _groups():
    """(line number, members, comment) of every group line."""
    groups = []
    for number, line in enumerate(SYNONYMS.read_text(encoding="utf-8").splitlines(), 1):
        members, _, comment = line.partition("#")
        if members.strip():
            # "a => b c" is a one-way group (a finds b and c): its members alike.
            groups.append((number, members.replace("=>", " ").split(), comment.strip()))
    return groups


def _stopwords():
    words = []
    for line in STOPWORDS.read_text(encoding="utf-8").splitlines():
        word = line.partition("#")[0].strip()
        if word:
            words.append(word)
    return words


@cache
def _corpus() -> str:
    # Hard line wraps cut words in two (知\n识产权); whitespace goes, so that
    # a word the text uses is found whatever the extraction did to it.
    return "\n".join(
        re.sub(r"\s+", "", normalise(path.read_text(encoding="utf-8")))
        for path in TEXTS
    )


def _sources():
    """(line number, term) of every term a line makes find others: the left
    side of a one-way line, every member of a two-way group."""
    sources = []
    for number, line in enumerate(SYNONYMS.read_text(encoding="utf-8").splitlines(), 1):
        members = line.partition("#")[0]
        sources += [(number, term) for term in members.partition("=>")[0].split()]
    return sources


GROUPS = _groups()
MEMBERS = [(number, member) for number, members, _ in GROUPS for member in members]


def test_the_files_parse():
    assert len(GROUPS) >= 50
    for number, members, _ in GROUPS:
        assert len(members) >= 2, f"line {number}: a group needs two members"
        assert len(set(members)) == len(members), f"line {number}: a member twice"
    stopwords = _stopwords()
    assert len(stopwords) >= 50
    assert len(set(stopwords)) == len(stopwords), "a stop word listed twice"
    for line in STOPWORDS.read_text(encoding="utf-8").splitlines():
        assert len(line.partition("#")[0].split()) <= 1, (
            f"one stop word per line: {line!r}"
        )


def test_the_texts_are_there():
    assert len(TEXTS) >= 5 + 4 + 19
    assert len(_corpus()) > 100_000


@pytest.mark.parametrize(
    "number, member", MEMBERS, ids=[f"line{n}-{m}" for n, m in MEMBERS]
)
def test_members_are_in_the_normal_form_and_longer_than_one_character(number, member):
    assert normalise(member) == member, f"line {number}: write {normalise(member)!r}"
    assert len(member) > 1, f"line {number}: a single character matches everywhere"


def test_a_term_is_in_one_group():
    # A one-way line may point at the words of other groups ("企业研究院 =>
    # 研发机构"): what a term finds is set by the one line it stands in.
    seen = {}
    for number, member in _sources():
        assert member not in seen, (
            f"{member!r} on lines {seen.get(member)} and {number}"
        )
        seen[member] = number


def test_every_group_says_where_it_comes_from():
    for number, _, comment in GROUPS:
        assert comment, f"line {number}: no '# source' comment"


def test_every_group_has_a_member_the_texts_use():
    corpus = _corpus()
    unused = [
        f"line {number}: {' '.join(members)}"
        for number, members, comment in GROUPS
        if ABBREVIATION not in comment and not any(m in corpus for m in members)
    ]
    assert not unused, unused


def test_stop_words_are_in_the_normal_form_and_no_synonym():
    members = {member for _, member in MEMBERS}
    for word in _stopwords():
        assert normalise(word) == word, word
        assert word not in members, f"{word!r} is a stop word and a synonym member"
