"""The rebuilder: loads an emptied index in bulk and looks after it afterwards.

A bulk load writes every row of the index in one transaction, so what keeps
an index current row by row is done once, at the end, instead:

* the indexes of the tables that take many rows (the impact lists; on
  PostgreSQL the word and gram tables too, primary keys included) are
  dropped before the first row and made again after the last, each from
  its own definition as the database reports it (``indexes``): building a
  b-tree or a GIN index once over loaded rows is several times faster than
  maintaining it row by row, and the index is the same;
* SQLite merges the FTS5 segments the load leaves, once (``finish_load``).

The rows themselves come from ``make_batches`` (``documents.search.index``)
and are written by the vendor's ``BaseSearchIndex``: prepared statements
run over a batch on SQLite, COPY on PostgreSQL.
"""

from __future__ import annotations

from ..ranking import ImpactCounter
from .sql import execute_all


class BaseRebuilder:
    """Loads an emptied index in bulk and looks after it afterwards."""

    def __init__(self, connection, tables, terms, index):
        self.connection = connection
        self.tables = tables
        self.terms = terms
        self.index = index

    @property
    def deferred(self) -> tuple[str, ...]:
        """The tables whose indexes a bulk load makes after the rows."""
        return (self.tables.impact,)

    @property
    def analyzed(self) -> tuple[str, ...]:
        """The tables whose statistics a bulk load gathers at the end."""
        return (self.tables.impact, self.tables.terms)

    def clear(self):
        """Empty every table of the index (a new term-table version)."""
        execute_all(self.connection, *(f"DELETE FROM {t}" for t in self.tables.all))
        with self.connection.cursor() as cursor:
            self.terms.new_version(cursor)

    def bulk_load(self, make_batches):
        """Load an empty index.  ``make_batches(pass_number)`` returns the rows
        in batches, in ascending id order; it is called twice (the impact
        lists need the document frequencies first)."""
        drops, makes = [], []
        for table in self.deferred:
            table_drops, table_makes = self.indexes(table)
            drops += table_drops
            makes += table_makes
        execute_all(self.connection, *drops)
        counter = ImpactCounter()
        for rows in make_batches(1):
            counter.count(rows)
            self.index.insert(rows)
        self.finish_load()
        frequent = counter.frequent()
        self.terms.replace_all(counter.rows, counter.average, frequent, counter.df)
        if frequent:
            self.index.insert_impacts(counter.impacts(make_batches(2), frequent))
        execute_all(self.connection, *makes, *(f"ANALYZE {t}" for t in self.analyzed))

    def indexes(self, table) -> tuple[list[str], list[str]]:
        """The statements that drop ``table``'s indexes, and those that make
        them again as they were."""
        raise NotImplementedError

    def finish_load(self):
        """Work left to the end of the first pass (merging)."""

    def vacuum(self):
        """VACUUM after a bulk load, outside any transaction (none needed here)."""
