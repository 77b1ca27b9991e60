"""PostgreSQL: a tsvector column with the 'simple' configuration (no stemming,
no stop words: the words are already jieba's) and a GIN index, scored by
ts_rank with length normalisation (option 1: divide by 1 + log(length)); the
grams in a second tsvector table with its own GIN index.

Rows are loaded with COPY, the tsvectors written out here in their text form
exactly as to_tsvector('simple', …) makes them (a test holds the two equal).
"""

from __future__ import annotations

import re
import zlib
from itertools import islice

from ..grams import index_grams
from ..ranking import CANDIDATE_LIMIT, RERANK
from .base import BaseQueryCompiler, BaseSearchBackend, BaseSearchIndex
from .rebuild import BaseRebuilder
from .sql import checks_sql, execute_all, placeholders

# to_tsvector keeps at most 255 positions per lexeme, each at most 16383.
MAX_POSITIONS, MAX_POSITION = 255, 16383
_LEXEME = re.compile(r"'([^']*)'")
_POSITIONS = re.compile(r"'([^']*)':([\d,]+)")
_POSITION_TEXTS = tuple(map(str, range(1, MAX_POSITIONS + 1)))
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_TO_ESCAPE = re.compile(r"[\\\t\n\r]")


def words_tsvector_text(words: str) -> str:
    """tsvector's text form of space-separated words with their positions,
    as to_tsvector('simple', …) gives for words that are runs of letters and
    digits ('科技':1,4 '创新':2)."""
    tokens = words.split()
    if len(tokens) <= MAX_POSITIONS:
        # No word can pass either limit: positions as they come (a bulk load
        # writes this for every provision; most are this short).
        positions: dict[str, str] = {}
        for word, position in zip(tokens, _POSITION_TEXTS, strict=False):
            if word in positions:
                positions[word] += "," + position
            else:
                positions[word] = position
        return " ".join([f"'{w}':{ps}" for w, ps in positions.items()])
    kept: dict[str, list[str]] = {}
    for i, word in enumerate(tokens, 1):
        spots = kept.setdefault(word, [])
        if len(spots) < MAX_POSITIONS:
            spots.append(str(min(i, MAX_POSITION)))
    return " ".join(f"'{w}':{','.join(ps)}" for w, ps in kept.items())


def copy_text(value: str) -> str:
    """A text value as COPY's text format takes it (backslash escapes);
    most hold nothing to escape, and a search is cheaper than a translation."""
    return value.translate(_COPY_ESCAPES) if _TO_ESCAPE.search(value) else value


def lexemes_tsvector_text(lexemes) -> str:
    """tsvector's text form of lexemes without positions ('碳' '碳达')."""
    return "'" + "' '".join(lexemes) + "'" if lexemes else ""


def copy_rows(cursor, table, columns, lines):
    """COPY lines (COPY's text format, one row each, values tab-separated)
    into a table: several times faster than INSERT for a bulk load.  The
    callers' values hold no tab, newline or backslash, so nothing is escaped.
    The lines are sent as they are made, a few hundred at a time, so that
    PostgreSQL parses each part while the next is being written."""
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", _Lines(lines))


class _Lines:
    """The file COPY reads: the next few hundred lines at each read."""

    def __init__(self, lines):
        self.lines = iter(lines)

    def read(self, size=-1):
        return "".join(islice(self.lines, 256))


def ts_or(forms) -> str:
    """A tsquery: any of the forms, each with all its words."""
    # Words are runs of letters and digits (documents.search.segmentation), so quoting
    # them needs no escaping.
    return "(" + " | ".join(
        "(" + " & ".join(f"'{w}'" for w in words) + ")" for words in forms
    ) + ")"


class PostgresSearchIndex(BaseSearchIndex):
    id_column = "provision_id"

    def insert(self, rows):
        rows = list(rows)
        with self.connection.cursor() as cursor:
            copy_rows(
                cursor,
                self.tables.words,
                ("provision_id", "words", "plain"),
                (
                    f"{pk}\t{words_tsvector_text(words)}\t{copy_text(plain)}\n"
                    for pk, words, plain in rows
                ),
            )
            self.insert_grams(cursor, [(pk, plain) for pk, _w, plain in rows])

    def insert_grams(self, cursor, rows):
        # tsvector's text form, quoted lexemes without positions; grams are
        # Han characters only, so nothing in them needs escaping.
        copy_rows(
            cursor,
            self.tables.grams,
            ("provision_id", "grams"),
            (f"{pk}\t{lexemes_tsvector_text(index_grams(plain))}\n" for pk, plain in rows),
        )

    def lock(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(self.tables.words.encode())])

    @property
    def words_select(self):
        return (
            f"SELECT provision_id, tsvector_to_array(words) FROM {self.tables.words} "
            "WHERE provision_id IN"
        )

    def occurrences(self, word):
        # From the tsvector's positions: the word's count (at most
        # MAX_POSITIONS) and the last position (the number of words, at
        # most MAX_POSITION), which is what the row was indexed from.
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT provision_id, words::text FROM {self.tables.words} "
                "WHERE words @@ to_tsquery('simple', %s)",
                [ts_or([[word]])],
            )
            rows = cursor.fetchall()
        out = []
        for pk, vector in rows:
            positions = {
                lexeme: spots.split(",") for lexeme, spots in _POSITIONS.findall(vector)
            }
            length = max(int(p) for spots in positions.values() for p in spots)
            out.append((pk, len(positions[word]), length))
        return out

    def insert_impacts(self, rows):
        with self.connection.cursor() as cursor:
            # Words are runs of letters and digits: nothing to escape.
            copy_rows(
                cursor,
                self.tables.impact,
                ("term", "score", "provision_id"),
                (f"{term}\t{score!r}\t{pk}\n" for term, score, pk in rows),
            )


class PostgresRebuilder(BaseRebuilder):
    @property
    def deferred(self):
        return (self.tables.words, self.tables.grams, self.tables.impact)

    @property
    def analyzed(self):
        return (self.tables.words, self.tables.grams, self.tables.impact, self.tables.terms)

    def bulk_load(self, make_batches):
        # A GIN build sorts its entries in maintenance_work_mem (64 MB by
        # default); more memory, fewer merge passes.  Transaction-local.
        execute_all(self.connection, "SET LOCAL maintenance_work_mem = '512MB'")
        super().bulk_load(make_batches)

    def indexes(self, table):
        # The primary key (a constraint, dropped and added as one) and the
        # other indexes (the GIN indexes, the impact lists' by provision),
        # each as PostgreSQL itself defines it.
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'p'",
                [table],
            )
            keys = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid = %s::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
                "AND k.conrelid = i.indrelid) ORDER BY 1",
                [table],
            )
            others = cursor.fetchall()
        drops = [f"DROP INDEX {name}" for name, _sql in others]
        drops += [f"ALTER TABLE {table} DROP CONSTRAINT {name}" for name, _sql in keys]
        makes = [f"ALTER TABLE {table} ADD CONSTRAINT {name} {key}" for name, key in keys]
        makes += [sql for _name, sql in others]
        return drops, makes

    def vacuum(self):
        # VACUUM sets the visibility map of the freshly loaded pages, so that
        # impact lists are read by index-only scans instead of a bitmap scan
        # and a sort (1M bench: median query 1.91 -> 1.54 ms, for 9 s of
        # VACUUM after a 367 s load); ANALYZE ran in finish_load already.
        # VACUUM cannot run inside a transaction block: callers see to that.
        execute_all(self.connection, *(f"VACUUM {t}" for t in self.tables.all))


class PostgresQueryCompiler(BaseQueryCompiler):
    id_column = "provision_id"
    checks_impacts_in_sql = True

    def candidates_sql(self, plan, restrict=None, limit=CANDIDATE_LIMIT):
        # The plain texts the re-ranking reads (the best RERANK) come in the
        # same round trip.
        if not plan.uses_index:
            return super().candidates_sql(plan, restrict, limit)
        where, params, score, score_params = self.candidate_parts(plan, restrict)
        matched = (
            f"SELECT provision_id AS id, {score} AS score, plain FROM {self.tables.words} "
            f"WHERE {where} LIMIT %s"
        )
        return (
            "SELECT id, score, CASE WHEN row_number() OVER (ORDER BY score DESC, id) "
            f"<= {RERANK} THEN plain END FROM ({matched}) AS matched",
            [*score_params, *params, limit],
        )

    def gram_sql(self, plan, restrict, limit):
        clauses = ["g.grams @@ to_tsquery('simple', %s)"]
        params = [" & ".join(ts_or(group) for group in plan.grams)]
        if plan.include:
            where, where_params, _s, _p = self.match_sql(plan)
            clauses.append(f"s.{where}")
            params.extend(where_params)
        elif plan.exclude:
            clauses.append("NOT s.words @@ to_tsquery('simple', %s)")
            params.append(ts_or(plan.exclude))
        checks, check_params = checks_sql(plan, restrict, "s.plain", "s.provision_id")
        sql = (
            f"SELECT s.provision_id, 0.0, s.plain FROM {self.tables.grams} g "
            f"JOIN {self.tables.words} s ON s.provision_id = g.provision_id "
            f"WHERE {' AND '.join(clauses + checks)} LIMIT %s"
        )
        return sql, [*params, *check_params, limit]

    def impacts_sql(self, plan, driving, restrict, checked=False):
        # One round trip for lists, check and texts: each candidate looked up
        # by primary key and checked against the whole query, the plain texts
        # of the best RERANK (the re-ranking reads only those) coming along.
        # Lists needing no check are read bare, and the texts by a second
        # statement: 0.45 ms against 0.6-0.9 ms for the window function and
        # per-row subquery that would fold them in (科技 at 100k).
        lists, params = super().impacts_sql(plan, driving, restrict)
        if not checked:
            return lists, params
        candidates = f"SELECT provision_id AS id, score FROM ({lists}) AS lists"
        if len(driving) > 1:  # an id on several lists counts once, its impacts summed
            candidates = f"SELECT id, sum(score) AS score FROM ({candidates}) AS c GROUP BY id"
        head = f"row_number() OVER (ORDER BY c.score DESC, c.id) <= {RERANK}"
        lookup, lookup_params = self.lookup_sql(plan, restrict)
        sql = (
            f"SELECT c.id, c.score, CASE WHEN {head} THEN s.plain END FROM ({candidates}) AS c "
            f"CROSS JOIN LATERAL ({lookup}) AS s"
        )
        return sql, [*params, *lookup_params]

    def first_matches_sql(self, plan, driving, restrict, first, words, check):
        # The candidates numbered in order of score, and ordered so inside and
        # out: PostgreSQL probes them in that order through the nested loop
        # and stops at the LIMIT, as many probes as it takes to find
        # ``first`` matches (the batches of ``_first_matches`` in one
        # statement, without their overshoot or round trips).
        lists, params = super().impacts_sql(plan, driving, restrict)
        lookup, lookup_params = self.lookup_sql(plan, restrict, words, check)
        candidates = (
            "SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS place, "
            "count(*) OVER () AS seen FROM (SELECT provision_id AS id, sum(score) AS score "
            f"FROM ({lists}) AS lists GROUP BY provision_id) AS c"
        )
        sql = (
            f"SELECT c.id, c.score, s.plain, s.held, c.place, c.seen "
            f"FROM ({candidates} ORDER BY place) AS c CROSS JOIN LATERAL ({lookup}) AS s "
            "ORDER BY c.place LIMIT %s"
        )
        return sql, [*params, *lookup_params, first]

    def lookup_sql(self, plan, restrict, words=None, check=True):
        """(SQL, params) of the plain text of candidate ``c.id`` if it matches
        the whole plan (and ``restrict``; unchecked without ``check``), for a
        LATERAL join; and ``held``, as ``texts_sql`` tests ``words`` (NULL
        without)."""
        # LATERAL … OFFSET 0: the lookup stays one primary-key probe per
        # candidate.  As a plain join, PostgreSQL may instead scan the GIN
        # index for the whole query and join the lists to it: with several
        # lists (a GROUP BY it cannot estimate) and synonyms of frequent words
        # (科技 & 工作者) it did, 186 ms against 4 ms at 1M provisions.
        held, held_params = self.held_sql("s.words", words)
        clauses, params = ["s.provision_id = c.id"], [*held_params]
        if check:
            where, where_params, _s, _p = self.match_sql(plan)
            checks, check_params = checks_sql(
                plan, restrict, "s.plain", "s.provision_id", "strpos"
            )
            clauses += [f"s.{where}", *checks]
            params += [*where_params, *check_params]
        return (
            f"SELECT s.plain, {held} AS held FROM {self.tables.words} s "
            f"WHERE {' AND '.join(clauses)} OFFSET 0",
            params,
        )

    def held_sql(self, column, words):
        """(SQL, params): an array saying whether the row holds each of
        ``words`` — an array of tsquery tests instead of the whole tsvector
        sent here to be parsed: 3-8 ms less for 300 rows at 100k provisions."""
        if words is None:
            return "NULL", []
        tests = ", ".join(f"{column} @@ %s::tsquery" for _ in words) or "false"
        return f"ARRAY[{tests}]", [f"'{w}'" for w in words]

    def texts_sql(self, ids, words=None):
        if words is None:
            return super().texts_sql(ids)
        held, held_params = self.held_sql("words", words)
        return (
            f"SELECT provision_id, {held}, plain FROM {self.tables.words} "
            f"WHERE provision_id IN ({placeholders(ids)})",
            [*held_params, *ids],
        )

    def match_sql(self, plan):
        expr = " & ".join(ts_or(group) for group in plan.include)
        if plan.exclude:
            expr = f"({expr}) & !{ts_or(plan.exclude)}"
        query = "to_tsquery('simple', %s)"
        return f"words @@ {query}", [expr], f"ts_rank(words, {query}, 1)", [expr]


class PostgresSearchBackend(BaseSearchBackend):
    vendor = "postgresql"
    index_class = PostgresSearchIndex
    query_compiler_class = PostgresQueryCompiler
    rebuilder_class = PostgresRebuilder

    def words_reader(self, words=None):
        if words is not None:
            # Which of ``words`` the row holds (texts_sql's array of tests).
            count = len(words)
            return lambda stored: " ".join(
                [w for w, held in zip(words, stored[:count], strict=True) if held]
            )
        # tsvector's text form ('科技':1,4 '创新':2): the quoted words.
        return lambda stored: " ".join(_LEXEME.findall(stored))

    def size_bytes(self):
        tables = self.tables
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size(%s) + pg_total_relation_size(%s) "
                "+ pg_total_relation_size(%s)",
                [tables.words, tables.impact, tables.grams],
            )
            return int(cursor.fetchone()[0] or 0)
