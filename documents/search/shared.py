"""What searches read that only a write to the knowledge base changes, kept
in this process for the data version it was read at.

Every search names the documents of its page and of its facets; read
afresh, those rows cost each request two statements and a few hundred
model instances' worth of CPU.  They are kept here, keyed on the data
version (``documents.apikit.data_version``: one number, moved after every
committed write to the knowledge base, from any process — the number the
API's response cache keys on).  A request reads the number once (one
statement); when it has moved, everything kept for the older number is
dropped.  A connection inside a transaction that has written reads no
number (``current`` gives None): it reads its rows afresh and keeps
nothing, so what it sees of its own uncommitted writes is never kept.

What is kept is shared by every request of the process: read it, never
change it.
"""

from __future__ import annotations

import time

from documents.apikit import data_version

from . import rows
from .backends import context

# (key, values): the database and data version the values were read at, as
# one tuple so that a thread never pairs one version's key with another's
# values.
_kept: tuple = (None, {})


def kept(connection) -> dict | None:
    """The values kept for the data version ``connection`` sees now (a dict
    to read and fill), or None when there is no version to key them on."""
    global _kept
    version = data_version.current(connection.alias)
    if version is None:
        return None
    key = (connection.alias, connection.settings_dict.get("NAME"), version)
    known, values = _kept
    if known != key:
        # "since": when this process first saw the version (facet_table).
        values = {"since": time.monotonic()}
        _kept = (key, values)
    return values


class Once:
    """``kept(connection)``, read at the first call and given again at the
    next: the backend's partial tier may want it (``backends.context``)
    before the page does, and the version is one statement a request."""

    def __init__(self, connection):
        self.connection = connection
        self.read = False
        self.values = None

    def __call__(self) -> dict | None:
        if not self.read:
            self.values = kept(self.connection)
            self.read = True
        return self.values


def forget():
    """Drop everything kept (tests: a rollback winds the version back, and
    the next test's writes may reach the same number with other data; it
    winds SQLite's id sequence back too, so ids come again with other
    places)."""
    global _kept
    _kept = (None, {})
    context.forget_places()


def documents(connection, ids, kept=None, reader=rows.DOCUMENTS) -> dict:
    """The documents of ``ids`` by id (those still there): from ``kept``
    (``kept()``'s values; every column but the texts) for those read
    before at this version, the others read now and kept; without
    ``kept``, all read now with the columns of ``reader``.  The dict
    returned may hold other documents too."""
    if kept is None:
        return rows.documents(connection, ids, reader)
    known = kept.setdefault("documents", {})
    missing = [pk for pk in ids if pk not in known]
    if missing:
        known.update(rows.documents(connection, missing))
    return known
