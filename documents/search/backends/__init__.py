"""The search backends, one module per database vendor, and the one place
that picks between them.

Each vendor's backend (``sqlite.SQLiteSearchBackend``,
``postgres.PostgresSearchBackend``) answers plans and holds three parts:
``index`` (writes for single provisions), ``compiler`` (plan → SQL) and
``rebuilder`` (bulk load, upkeep); ``base`` holds what they share,
``rebuild`` the bulk load's own base class,
``terms`` the per-process copy of the term table, ``sql`` the shared SQL
fragments and ``standalone`` the DB-API adapter for databases outside
Django's.  The tables are made by the migrations (``documents.search.schema``).
"""

from __future__ import annotations

from .base import TABLE, BaseSearchBackend
from .postgres import PostgresSearchBackend
from .sqlite import SQLiteSearchBackend

BACKENDS = {b.vendor: b for b in (SQLiteSearchBackend, PostgresSearchBackend)}


def backend_for(connection, table: str = TABLE) -> BaseSearchBackend:
    """The backend of ``connection``'s vendor over the index ``table``."""
    try:
        return BACKENDS[connection.vendor](connection, table)
    except KeyError:
        raise NotImplementedError(
            f"全文检索不支持数据库 {connection.vendor}。 / Search does not support {connection.vendor}."
        ) from None
