"""The term table and each process's copy of it, and every word's document
frequency.

Which way a query goes depends on its words' document frequencies, so each
process keeps a copy of the term table (frequent words only: small, plus a few
bookkeeping rows).  Every answer's statement carries the table's version as
one extra row; a rebuild by another process is noticed at the next query,
which is then planned again (``StaleFrequencies``).

The planner takes a word missing from the term table for a rare one (in
fewer than ``FREQUENT_DF`` provisions), and reads its matches unscored up
to a limit.  So that this stays true as documents are ingested, not only
after a rebuild, the counts table (``{index}_df``) holds every word's
document frequency, kept by every write to the index (``count``); a word
that reaches ``FREQUENT_DF`` gets its impact list and its term-table row
then (``BaseSearchIndex.replace``), and the frequent words' counts in the
term table follow.  Sums do not depend on the order of the writes, so two
workers ingesting side by side leave the same tables as one ingest after
another.
"""

from __future__ import annotations

import random

from .sql import insert_rows, placeholders
from .standalone import read_cursor

# Bookkeeping rows in the term table, keyed by names no word can have (words
# are runs of letters and digits).  The version changes whenever the table
# is rewritten; processes holding a copy of the table compare it.
ROWS_KEY, WORDS_KEY, VERSION_KEY = " rows", " words", " version"

# Each process's copy of each index's term table, by (vendor, database, index).
_FREQUENCIES: dict[tuple, dict[str, float]] = {}


class StaleFrequencies(Exception):
    """The term table changed since this process read it."""


class TermTable:
    """The term table of one index (``terms``) on one connection: the
    per-process copy, the version check, and the statements that write it."""

    def __init__(self, connection, terms: str, index_table: str):
        self.connection = connection
        self.terms = terms
        self.counts = f"{index_table}_df"
        settings = getattr(connection, "settings_dict", None)
        name = settings["NAME"] if settings else id(connection)
        self.key = (connection.vendor, name, index_table)

    def frequencies(self, reload=False) -> dict[str, float]:
        """Every frequent word's document frequency, and the bookkeeping
        rows, as this process last read them."""
        if reload or self.key not in _FREQUENCIES:
            with read_cursor(self.connection) as cursor:
                cursor.execute(f"SELECT term, df FROM {self.terms}")
                _FREQUENCIES[self.key] = dict(cursor.fetchall())
        return _FREQUENCIES[self.key]

    def with_version(self, sql, params, columns=3) -> tuple[str, list]:
        """An (id, score, …) statement of ``columns`` columns followed by one
        more row, the term table's version as (NULL, version, NULL, …)."""
        nulls = ", NULL" * (columns - 2)
        return (
            f"SELECT * FROM ({sql}) AS q UNION ALL "
            f"SELECT NULL, df{nulls} FROM {self.terms} WHERE term = %s",
            [*params, VERSION_KEY],
        )

    def fetch_current(self, sql, params, columns=3) -> list[tuple]:
        """The rows of a statement read against the copy, with
        ``StaleFrequencies`` raised when the table has changed since."""
        with read_cursor(self.connection) as cursor:
            cursor.execute(*self.with_version(sql, params, columns))
            rows = cursor.fetchall()
        if rows and rows[-1][0] is None:  # where UNION ALL puts it
            version = rows.pop()[1]
        else:
            versions = [r[1] for r in rows if r[0] is None]
            rows = [r for r in rows if r[0] is not None]
            version = versions[0] if versions else None
        if version != self.frequencies().get(VERSION_KEY):
            raise StaleFrequencies
        return rows

    # Writes ---------------------------------------------------------------

    def new_version(self, cursor):
        """Mark the term table rewritten (one statement: two ingests doing
        it at once on PostgreSQL wait for each other, neither fails)."""
        cursor.execute(
            f"INSERT INTO {self.terms} (term, df) VALUES (%s, %s) "
            "ON CONFLICT (term) DO UPDATE SET df = excluded.df",
            [VERSION_KEY, float(random.getrandbits(52))],
        )

    def replace_all(self, rows: int, average: float, frequent: dict[str, int], counts=None):
        """Rewrite the table after a bulk load: the row count, the average
        number of words and every frequent word's document frequency; and
        the counts table, every word's (``counts``)."""
        stats = [(ROWS_KEY, rows), (WORDS_KEY, average), *frequent.items()]
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.terms}")
            self.new_version(cursor)
            insert_rows(cursor, self.terms, ("term", "df"), stats)
            cursor.execute(f"DELETE FROM {self.counts}")
            insert_rows(cursor, self.counts, ("term", "n"), sorted((counts or {}).items()))

    def count(self, delta: dict[str, int], impact: str, threshold: int) -> dict[str, int]:
        """Add ``delta`` (provisions gained, or lost, by word) to the words'
        document frequencies and return their new values.  The frequent
        words among them get their new values in the term table; those
        fallen below ``threshold`` leave it, with their impact lists (from
        the table ``impact``), as a rebuild would leave them out.

        Called under the index's lock (``BaseSearchIndex.lock``): on
        PostgreSQL a second ingest counts after the first has committed."""
        words = sorted(w for w, d in delta.items() if d)
        counts: dict[str, int] = {}
        fallen = 0
        with self.connection.cursor() as cursor:
            for i in range(0, len(words), 500):
                chunk = words[i : i + 500]
                cursor.execute(
                    f"INSERT INTO {self.counts} (term, n) VALUES "
                    + ", ".join(["(%s, %s)"] * len(chunk))
                    + f" ON CONFLICT (term) DO UPDATE SET n = {self.counts}.n + excluded.n",
                    [v for w in chunk for v in (w, delta[w])],
                )
                marks = placeholders(chunk)
                cursor.execute(f"SELECT term, n FROM {self.counts} WHERE term IN ({marks})", chunk)
                counts.update(cursor.fetchall())
                cursor.execute(f"DELETE FROM {self.counts} WHERE n <= 0 AND term IN ({marks})", chunk)
                cursor.execute(
                    f"UPDATE {self.terms} SET df = COALESCE((SELECT n FROM {self.counts} "
                    f"WHERE {self.counts}.term = {self.terms}.term), 0) WHERE term IN ({marks})",
                    chunk,
                )
                low = f"SELECT term FROM {self.terms} WHERE term IN ({marks}) AND df < %s"
                cursor.execute(f"DELETE FROM {impact} WHERE term IN ({low})", [*chunk, threshold])
                cursor.execute(f"DELETE FROM {self.terms} WHERE term IN ({low})", [*chunk, threshold])
                fallen += cursor.rowcount
            if fallen:
                self.new_version(cursor)
        return counts

    def add_frequent(self, frequent: dict[str, int]):
        """Words that have just become frequent, with their document
        frequencies, under a new version: every process reads the table
        again at its next query."""
        with self.connection.cursor() as cursor:
            insert_rows(cursor, self.terms, ("term", "df"), sorted(frequent.items()))
            self.new_version(cursor)

    # Reads for incremental updates ----------------------------------------

    def stats(self) -> dict[str, float]:
        """The bookkeeping rows (row count, average words), as stored."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, df FROM {self.terms} WHERE term IN (%s, %s)", [ROWS_KEY, WORDS_KEY]
            )
            return dict(cursor.fetchall())

    def frequent_among(self, words: list[str]) -> set[str]:
        """Which of ``words`` (sorted, distinct) have an impact list."""
        frequent = set()
        with self.connection.cursor() as cursor:
            for i in range(0, len(words), 500):
                chunk = words[i : i + 500]
                cursor.execute(
                    f"SELECT term FROM {self.terms} WHERE term IN ({placeholders(chunk)})",
                    chunk,
                )
                frequent.update(r[0] for r in cursor.fetchall())
        return frequent
