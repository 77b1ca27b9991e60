"""A plain DB-API connection (sqlite3, psycopg2) dressed as Django's, so a
backend can run outside the project's database: the benchmark's own
databases, and the tests that index the corpus in a scratch SQLite or a
scratch PostgreSQL table.

Django's SQLite wrapper turns ``%s`` into ``?``; sqlite3 needs that done here.
"""

from __future__ import annotations


class StandaloneConnection:
    """The part of Django's connection the backends use: ``vendor`` and
    ``cursor()`` (a context manager)."""

    def __init__(self, dbapi_connection, vendor: str):
        self.raw = dbapi_connection
        self.vendor = vendor

    def cursor(self):
        return StandaloneCursor(self.raw.cursor(), self.vendor == "sqlite")


class StandaloneCursor:
    """A DB-API cursor that takes ``%s`` placeholders on every vendor and
    closes when its ``with`` block ends."""

    def __init__(self, cursor, qmark: bool):
        self.cursor = cursor
        self.qmark = qmark

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cursor.close()

    def _sql(self, sql):
        return sql.replace("%s", "?") if self.qmark else sql

    def execute(self, sql, params=()):
        return self.cursor.execute(self._sql(sql), params)

    def executemany(self, sql, rows):
        return self.cursor.executemany(self._sql(sql), rows)

    def fetchall(self):
        return self.cursor.fetchall()

    def fetchone(self):
        return self.cursor.fetchone()

    @property
    def rowcount(self):
        return self.cursor.rowcount

    def copy_expert(self, sql, file):
        return self.cursor.copy_expert(sql, file)


def read_cursor(connection):
    """A cursor for the statements a search reads its answer with: the
    driver's own, taking ``%s`` as above, on a Django connection or a
    standalone one.

    Django's cursor passes each statement through its wrappers (the data
    version's watch, the error translation, the queries log when on) and,
    on SQLite, rewrites ``%s`` to ``?`` with a regular expression: for the
    search's long statements (a placeholder per candidate checked) that
    was a tenth of the backend's CPU.  Its reads write nothing the watch
    would see, and the statements hold no ``%%`` for the rewrite to undo.
    Writes keep Django's cursor."""
    raw = getattr(connection, "raw", None)
    if raw is None:
        connection.ensure_connection()
        raw = connection.connection
    return StandaloneCursor(raw.cursor(), connection.vendor == "sqlite")
