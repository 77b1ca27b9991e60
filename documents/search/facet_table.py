"""Facet counts in memory: each provision's document, themes, instrument
types and whether it holds a subsidy or a target, read once per data
version and counted here.

Counted in SQL (``facets.py``), a page's facets cost three statements a
request: about 1 ms of CPU over the bundled corpus, 17 ms for 1,300
matches among 100k provisions (on PostgreSQL in the database's processes,
which share the machine's cores).  Here every provision's values sit in
arrays indexed by its id — its document's id, a shared tuple of its themes
and one of its instrument types, two flags: some 75 bytes a provision —
kept with ``shared.kept`` for the data version they were read at, and the
matches are counted by ``map`` and ``Counter`` without a Python loop: 1.3
ms for those 1,300 matches, 0.2 ms for a hundred.

The table is read with every provision's rows (0.6 s of CPU for 100k
provisions on SQLite, from covering indexes), and each write throws it
away.  So it is made only once a data version has been current for
``SETTLE_SECONDS`` in this process — while writes follow one another (an
ingest, a curator's session) the SQL counts serve — and never for more
than ``MAX_PROVISIONS`` provisions.  The counts are the SQL's: distinct
provisions, those no longer there left out (``tests/search/test_kept.py``
compares the two ways).
"""

from __future__ import annotations

import time
from array import array
from collections import Counter
from itertools import chain, groupby
from operator import itemgetter

from documents.models import Provision

SETTLE_SECONDS = 2.0
MAX_PROVISIONS = 500_000
KEY = "facet table"


class Table:
    """Each provision's facet values, by provision id (0 or empty: no such
    provision); the themes' and instrument types' (value, label) by id."""

    def __init__(self, document, themes, instruments, subsidy, target, theme_names, type_names):
        self.document = document  # array: provision id -> document id
        self.themes = themes  # list: provision id -> tuple of theme ids
        self.instruments = instruments  # list: provision id -> tuple of type ids
        self.subsidy = subsidy  # bytearray: 1 when the provision holds a subsidy
        self.target = target  # bytearray: 1 when it holds a target
        self.theme_names = theme_names  # theme id -> (slug, name)
        self.type_names = type_names  # instrument type id -> (key, name)

    def counts(self, ids):
        """What ``facets.sql_counts`` gives for ``ids``, or None for an id
        the table cannot hold (the SQL then counts)."""
        ids = set(ids)
        if ids and (min(ids) < 0 or max(ids) >= len(self.document)):
            return None
        per_document = Counter(map(self.document.__getitem__, ids))
        per_document.pop(0, None)
        themes = Counter(chain.from_iterable(map(self.themes.__getitem__, ids)))
        types = Counter(chain.from_iterable(map(self.instruments.__getitem__, ids)))
        held = (sum(map(self.subsidy.__getitem__, ids)), sum(map(self.target.__getitem__, ids)))
        try:
            related = {
                "theme": [(*self.theme_names[pk], n) for pk, n in themes.items()],
                "instrument": [(*self.type_names[pk], n) for pk, n in types.items()],
            }
        except KeyError:
            return None
        return per_document, held, related


def table(connection, kept) -> Table | None:
    """The table kept for this data version (``kept``: ``shared.kept``'s
    values), made now if the version has been current long enough; None
    while it has not, or when the corpus is too large to hold."""
    made = kept.get(KEY)
    if made is None:
        if time.monotonic() - kept["since"] < SETTLE_SECONDS:
            return None
        made = kept[KEY] = read(connection) or False
    return made or None


def _related(relation):
    return Provision._meta.get_field(relation).related_model._meta


def read(connection) -> Table | None:
    """Every provision's facet values, in six statements; None beyond
    ``MAX_PROVISIONS``."""
    quote = connection.ops.quote_name
    provision = Provision._meta
    themes = provision.get_field("themes")
    measure = _related("measures")
    types = measure.get_field("instrument_types")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX({quote(provision.pk.column)}) FROM {quote(provision.db_table)}"
        )
        count, top = cursor.fetchone()
        if count > MAX_PROVISIONS:
            return None
        size = (top or 0) + 1
        document = array("q", bytes(8 * size))
        cursor.execute(
            f"SELECT {quote(provision.pk.column)}, {quote(provision.get_field('document').column)} "
            f"FROM {quote(provision.db_table)}"
        )
        for pk, document_id in cursor.fetchall():
            if pk < size:  # a provision made since the count: the SQL counts it
                document[pk] = document_id
        cursor.execute(
            f"SELECT {quote(themes.m2m_column_name())}, {quote(themes.m2m_reverse_name())} "
            f"FROM {quote(themes.m2m_db_table())} ORDER BY 1, 2"
        )
        theme_lists = _lists(cursor.fetchall(), size)
        cursor.execute(
            f"SELECT DISTINCT m.{quote(measure.get_field('provision').column)}, "
            f"l.{quote(types.m2m_reverse_name())} FROM {quote(measure.db_table)} m "
            f"JOIN {quote(types.m2m_db_table())} l "
            f"ON l.{quote(types.m2m_column_name())} = m.{quote(measure.pk.column)} ORDER BY 1, 2"
        )
        type_lists = _lists(cursor.fetchall(), size)
        flags = []
        for relation in ("subsidies", "targets"):
            model = _related(relation)
            cursor.execute(
                f"SELECT DISTINCT {quote(model.get_field('provision').column)} "
                f"FROM {quote(model.db_table)}"
            )
            flag = bytearray(size)
            for (pk,) in cursor.fetchall():
                if pk < size:
                    flag[pk] = 1
            flags.append(flag)
        names = []
        for model, value in ((themes.related_model._meta, "slug"), (types.related_model._meta, "key")):
            cursor.execute(
                f"SELECT {quote(model.pk.column)}, {quote(value)}, {quote('name')} "
                f"FROM {quote(model.db_table)}"
            )
            names.append({pk: (v, name) for pk, v, name in cursor.fetchall()})
    return Table(document, theme_lists, type_lists, *flags, *names)


def _lists(pairs, size) -> list[tuple]:
    """(provision id, value id) pairs, ordered by both, as a list by
    provision id of tuples of value ids, equal tuples shared (most
    provisions have none or the same few)."""
    out = [()] * size
    shared: dict[tuple, tuple] = {}
    second = itemgetter(1)
    for pk, group in groupby(pairs, key=itemgetter(0)):
        if pk < size:
            values = tuple(map(second, group))
            out[pk] = shared.setdefault(values, values)
    return out
