"""The curated synonym table (documents/search/data/synonyms.txt) as a lookup."""

from functools import cache
from pathlib import Path

from .normalise import normalise

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"


@cache
def groups() -> dict[str, tuple[str, ...]]:
    """Each term → its whole group (the term first; in a one-way line the
    words it finds, then the other forms it stands beside).

    A line ``a b => c d`` is one way: a and b find c and d, not the reverse."""
    table: dict[str, tuple[str, ...]] = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, arrow, right = line.partition("=>")
        if arrow:
            # One way (Solr's "=>"): 双碳 => 碳达峰 碳中和 finds both, but
            # 碳达峰 does not find 碳中和.
            sources = tuple(dict.fromkeys(normalise(m) for m in left.split()))
            # What the forms find first (a term has at most query.MAX_FORMS):
            # the text's words a colloquial form stands for, then the other
            # colloquial forms beside it.
            members = tuple(dict.fromkeys((*(normalise(m) for m in right.split()), *sources)))
        else:
            members = sources = tuple(dict.fromkeys(normalise(m) for m in line.split()))
        for member in sources:
            # A term in two groups takes the union, so lookups stay symmetric.
            table[member] = tuple(dict.fromkeys((*table.get(member, ()), *members)))
    return table


def synonyms_of(term: str) -> tuple[str, ...]:
    """The other members of ``term``'s groups (``term`` already normalised)."""
    return tuple(m for m in groups().get(term, ()) if m != term)
