"""The curated synonym table (documents/search/data/synonyms.txt) as a lookup."""

from functools import cache
from pathlib import Path

from .normalise import normalise

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.txt"


@cache
def groups() -> dict[str, tuple[str, ...]]:
    """Each term → its whole group (the term first, then the others in file order)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        members = tuple(dict.fromkeys(normalise(m) for m in line.split()))
        for member in members:
            # A term in two groups takes the union, so lookups stay symmetric.
            table[member] = tuple(dict.fromkeys((*table.get(member, ()), *members)))
    return table


def synonyms_of(term: str) -> tuple[str, ...]:
    """The other members of ``term``'s groups (``term`` already normalised)."""
    return tuple(m for m in groups().get(term, ()) if m != term)
