"""SQLite: FTS5 over the space-separated words; ``plain`` stored, not indexed.

unicode61 sees each word (a run of letters and digits) as one token; the
rowid is the provision id.  The gram table is a second, contentless FTS5
table (no positions or sizes: only "which rows hold these"), so a gram row is
deleted by repeating what was inserted, recomputed from ``plain``.

FTS5 answers "MATCH … AND rowid IN (…)" by re-running the match per rowid
(~0.5 s for 1000 ids), and even a plain "rowid IN (…)" on the virtual table is
slow: rows are read from FTS5's documented content table (``%_content``: id,
c0 = words, c1 = plain) instead.  Impact-list candidates are checked against
the query there too, by ``instr`` (``check_sql``): ``plan.matches`` in SQL,
25-40 % faster at 100k provisions than reading every candidate's texts back
into Python to test them.
"""

from __future__ import annotations

from ..grams import index_grams
from .base import BaseQueryCompiler, BaseSearchBackend, BaseSearchIndex
from .rebuild import BaseRebuilder
from .sql import checks_sql, contains_sql, execute_all, placeholders


def gram_text(plain: str) -> str:
    """A provision's grams as the SQLite gram table is given them."""
    return " ".join(index_grams(plain))


def fts_or(forms) -> str:
    """An FTS5 query: any of the forms, each with all its words (quoted)."""
    return "(" + " OR ".join(
        "(" + " AND ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"
        for words in forms
    ) + ")"


class SQLiteSearchIndex(BaseSearchIndex):
    id_column = "rowid"

    def insert(self, rows):
        rows = list(rows)
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.tables.words} (rowid, words, plain) VALUES (%s, %s, %s)", rows
            )
            cursor.executemany(
                f"INSERT INTO {self.tables.grams} (rowid, grams) VALUES (%s, %s)",
                [(pk, gram_text(plain)) for pk, _w, plain in rows],
            )

    def insert_impacts(self, rows):
        # One prepared statement run over the rows (the driver's loop): no
        # statement text of a thousand placeholders to build, parse and log.
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.tables.impact} (term, score, provision_id) VALUES (%s, %s, %s)",
                rows,
            )

    @property
    def words_select(self):
        return f"SELECT id, c0 FROM {self.tables.words}_content WHERE id IN"

    def occurrences(self, word):
        words = self.tables.words
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, c0 FROM {words}_content WHERE id IN "
                f"(SELECT rowid FROM {words} WHERE {words} MATCH %s)",
                [fts_or([[word]])],
            )
            rows = cursor.fetchall()
        return [(pk, text.split().count(word), len(text.split())) for pk, text in rows]

    def delete_grams(self, cursor, ids):
        # A contentless FTS5 row is deleted by repeating what was inserted.
        grams = self.tables.grams
        cursor.execute(
            f"SELECT id, c1 FROM {self.tables.words}_content WHERE id IN ({placeholders(ids)})",
            list(ids),
        )
        old = [(pk, gram_text(plain)) for pk, plain in cursor.fetchall()]
        cursor.executemany(
            f"INSERT INTO {grams} ({grams}, rowid, grams) VALUES ('delete', %s, %s)", old
        )


class SQLiteRebuilder(BaseRebuilder):
    def clear(self):
        tables = self.tables
        execute_all(
            self.connection,
            *(f"DELETE FROM {t}" for t in (tables.words, tables.impact, tables.terms, tables.counts)),
            f"INSERT INTO {tables.grams} ({tables.grams}) VALUES ('delete-all')",
        )
        with self.connection.cursor() as cursor:
            self.terms.new_version(cursor)

    def indexes(self, table):
        # As sqlite_master holds them: the statement that made each (the
        # primary key's, made with the table, has none and stays).
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name",
                [table],
            )
            found = cursor.fetchall()
        return [f'DROP INDEX "{name}"' for name, _sql in found], [sql for _name, sql in found]

    def finish_load(self):
        # Merge the b-tree segments the load left behind: fewer to visit per query.
        words, grams = self.tables.words, self.tables.grams
        execute_all(
            self.connection,
            f"INSERT INTO {words} ({words}) VALUES ('optimize')",
            f"INSERT INTO {grams} ({grams}) VALUES ('optimize')",
        )


class SQLiteQueryCompiler(BaseQueryCompiler):
    id_column = "rowid"

    def match_sql(self, plan):
        words = self.tables.words
        expr = " AND ".join(fts_or(group) for group in plan.include)
        if plan.exclude:
            expr = f"({expr}) NOT {fts_or(plan.exclude)}"
        # bm25() is lower-is-better; negate so every backend scores higher-is-better.
        return f"{words} MATCH %s", [expr], f"-bm25({words})", []

    def gram_sql(self, plan, restrict, limit):
        grams = self.tables.grams
        clauses = [f"id IN (SELECT rowid FROM {grams} WHERE {grams} MATCH %s)"]
        params = [" AND ".join(fts_or(group) for group in plan.grams)]
        # The word conditions on the stored words (space-separated), so that
        # the cut below is taken from full matches, as on PostgreSQL.
        words = "(' ' || c0 || ' ')"

        def padded(forms):
            return [[f" {w} " for w in form] for form in forms]

        for group in plan.include:
            clause, clause_params = contains_sql(words, padded(group))
            clauses.append(clause)
            params.extend(clause_params)
        if plan.exclude:
            clause, clause_params = contains_sql(words, padded(plan.exclude))
            clauses.append(f"NOT {clause}")
            params.extend(clause_params)
        checks, check_params = checks_sql(plan, restrict, "c1", "id")
        sql = (
            f"SELECT id, 0.0, c1 FROM {self.tables.words}_content "
            f"WHERE {' AND '.join(clauses + checks)} LIMIT %s"
        )
        return sql, [*params, *check_params, limit]

    def check_sql(self, plan, ids, restrict, words=None):
        padded_words = "(' ' || c0 || ' ')"  # as plan.matches pads them

        def padded(forms):
            return [[f" {w} " for w in form] for form in forms]

        clauses, params = [f"id IN ({placeholders(ids)})"], list(ids)
        tests = [(False, padded(group)) for group in plan.include]
        if plan.exclude:
            tests.append((True, padded(plan.exclude)))
        for negate, forms in tests:
            clause, clause_params = contains_sql(padded_words, forms, "instr")
            clauses.append(f"NOT {clause}" if negate else clause)
            params.extend(clause_params)
        checks, check_params = checks_sql(plan, restrict, "c1", "id", "instr")
        clauses.extend(checks)
        params.extend(check_params)
        return (
            f"SELECT id, c1{'' if words is None else ', c0'} FROM {self.tables.words}_content "
            f"WHERE {' AND '.join(clauses)}",
            params,
        )

    def texts_sql(self, ids, words=None):
        return (
            f"SELECT id, c0, c1 FROM {self.tables.words}_content "
            f"WHERE id IN ({placeholders(ids)})",
            list(ids),
        )

    def plains_sql(self, ids):
        return (
            f"SELECT id, c1 FROM {self.tables.words}_content WHERE id IN ({placeholders(ids)})",
            list(ids),
        )


class SQLiteSearchBackend(BaseSearchBackend):
    vendor = "sqlite"
    index_class = SQLiteSearchIndex
    query_compiler_class = SQLiteQueryCompiler
    rebuilder_class = SQLiteRebuilder

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [self.tables.words + "%"]
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is a compile-time option of SQLite
                return 0
