"""What a provision inherits from where it stands: its document's title and
the headings above it.

A question names the policy ("北湖科技政策归哪个部门解释") or the chapter
("条例罚则") while the provision that answers it says only "由区科学技术局
负责解释".  In the partial tier a concept the provision lacks but its title or
a heading above it holds counts for part of its weight (``tiers``), so the
provision of the named policy comes before the same words elsewhere.

Read with plain SQL on the backend's connection from the provision and
document tables; an index standing alone (the benchmark's databases, with no
provision table) inherits nothing.
"""

from __future__ import annotations

from functools import lru_cache

from ..normalise import normalise
from ..segmentation import segment
from .sql import placeholders
from .standalone import read_cursor

# The tables of documents.models.Document and Provision (no ORM here: the
# search package runs on a bare connection too).
DOCUMENT_TABLE = "documents_document"
PROVISION_TABLE = "documents_provision"


def ancestor_keys(key: str) -> list[str]:
    """The keys of the provisions above ``key`` ("c3.s2.i2" → c3, c3.s2)."""
    parts = key.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def inherited(connection, ids, kept=None) -> dict[int, tuple[str, str]]:
    """{id: (index words, plain text) of its document's title and its
    ancestors' headings}, for the provisions of ``ids`` that have any.

    ``kept``: what ``shared.kept`` keeps for the data version the request
    reads (titles and headings change only with a write, which moves it).
    Each provision's context is then read once a version and shared by
    later queries: the partial tier asks for a few hundred provisions'
    contexts a query, and reading and analysing them cost a tenth of the
    search.  The same tuple comes back for the same text (``analysed``), so
    callers can work on each distinct context once."""
    ids = list(ids)
    if not ids or getattr(connection, "introspection", None) is None:
        return {}
    if kept is None:
        return _read(connection, ids)
    known = kept.setdefault("inherited", {})
    missing = [pk for pk in ids if pk not in known]
    if missing:
        found = _read(connection, missing)
        # None: the provision inherits nothing (or is gone) at this version.
        known.update((pk, found.get(pk)) for pk in missing)
    return {pk: known[pk] for pk in ids if known[pk] is not None}


def _read(connection, ids) -> dict[int, tuple[str, str]]:
    """``inherited`` read from the tables now."""
    places = _places(connection, ids)
    rows = [(pk, *places[pk]) for pk in ids if pk in places]
    documents = sorted({document for _, document, _ in rows})
    if not documents:
        return {}
    with read_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT id, title FROM {DOCUMENT_TABLE} WHERE id IN ({placeholders(documents)})",
            documents,
        )
        titles = dict(cursor.fetchall())
        # Each heading by its (document, key): one probe of the unique index.
        wanted = sorted({(d, key) for _, d, k in rows for key in ancestor_keys(k)})
        headings = {}
        for i in range(0, len(wanted), 400):
            chunk = wanted[i : i + 400]
            pairs = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"SELECT p.document_id, p.key, p.heading FROM (VALUES {pairs}) AS v "
                f"JOIN {PROVISION_TABLE} p ON p.document_id = v.column1 AND p.key = v.column2 "
                f"WHERE p.heading <> ''",
                [v for pair in chunk for v in pair],
            )
            headings.update(((d, k), h) for d, k, h in cursor.fetchall())
    out = {}
    for pk, document, key in rows:
        title = titles.get(document, "")
        parts = [title, *(headings.get((document, k), "") for k in ancestor_keys(key))]
        text = " ".join(p for p in parts if p)
        if text:
            out[pk] = analysed(text)
    return out


def titles(connection, ids, kept=None) -> dict[int, tuple[str, str]]:
    """{id: (index words, plain text) of its document's title}: the part of
    ``inherited`` that names the policy.  ``kept`` as there (the titles are
    kept by document: a query's few hundred provisions have few)."""
    ids = list(ids)
    if not ids or getattr(connection, "introspection", None) is None:
        return {}
    places = _places(connection, ids)
    known = {} if kept is None else kept.setdefault("titles", {})
    missing = sorted({d for d, _k in places.values()} - known.keys())
    if missing:
        with read_cursor(connection) as cursor:
            cursor.execute(
                f"SELECT id, title FROM {DOCUMENT_TABLE} WHERE id IN ({placeholders(missing)})",
                missing,
            )
            known.update((d, analysed(t) if t else None) for d, t in cursor.fetchall())
    return {pk: known[d] for pk, (d, _k) in places.items() if known.get(d) is not None}


# Where each provision stands (its document and key), by id: an id never
# changes document or key (ingest updates a provision in place or deletes it,
# and ids are not reused), and SQLite stores the document column after the
# texts, so reading it again for every query costs more than the query.
_PLACES: dict[tuple[str, int], tuple[int, str]] = {}
PLACES_KEPT = 500_000


def forget_places() -> None:
    """Drop the places kept (``shared.forget``)."""
    _PLACES.clear()


def _places(connection, ids) -> dict[int, tuple[int, str]]:
    alias = getattr(connection, "alias", "")
    missing = [pk for pk in ids if (alias, pk) not in _PLACES]
    if missing:
        if len(_PLACES) + len(missing) > PLACES_KEPT:
            _PLACES.clear()
        with read_cursor(connection) as cursor:
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                cursor.execute(
                    f"SELECT id, document_id, key FROM {PROVISION_TABLE} "
                    f"WHERE id IN ({placeholders(chunk)})",
                    chunk,
                )
                _PLACES.update(((alias, pk), (d, k)) for pk, d, k in cursor.fetchall())
    return {pk: _PLACES[(alias, pk)] for pk in ids if (alias, pk) in _PLACES}


@lru_cache(maxsize=4096)
def analysed(text: str) -> tuple[str, str]:
    """(index words, plain text) of ``text``, as the index holds a provision's."""
    return segment(text), normalise(text)
