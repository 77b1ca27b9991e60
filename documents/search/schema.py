"""The search index's DDL, as the migrations hold it, for indexes built
outside ``migrate``: the benchmark's own databases and the tests' scratch
indexes.

The migrations are the one place the tables are defined (frozen, importing
no application code); this module reads their statements, in migration
order, and runs them under another table name.  The project's own database
gets its tables from ``migrate`` alone.
"""

from __future__ import annotations

from importlib import import_module

from .backends import TABLE

# The migrations that create the search index, oldest first; each holds
# CREATE and DROP: {vendor: [statement with a {table} slot, …]}.
MIGRATIONS = (
    "documents.migrations.0003_search_index",
    "documents.migrations.0005_search_grams",
    "documents.migrations.0006_search_schema",
    "documents.migrations.0013_search_word_counts",
)


def _statements(kind: str, vendor: str, table: str) -> list[str]:
    return [
        sql.format(table=table)
        for name in MIGRATIONS
        for sql in getattr(import_module(name), kind).get(vendor, ())
    ]


def create_statements(vendor: str, table: str = TABLE) -> list[str]:
    """Every CREATE the migrations run for the index, in their order."""
    return _statements("CREATE", vendor, table)


def drop_statements(vendor: str, table: str = TABLE) -> list[str]:
    """The DROPs that undo them, newest migration first."""
    return list(reversed(_statements("DROP", vendor, table)))


def create(connection, table: str = TABLE):
    """Create the index's tables on ``connection`` (Django's or standalone)."""
    _execute(connection, create_statements(connection.vendor, table))


def drop(connection, table: str = TABLE):
    _execute(connection, drop_statements(connection.vendor, table))


def _execute(connection, statements):
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
