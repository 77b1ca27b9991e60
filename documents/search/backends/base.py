"""What both vendors share: the backend that answers a plan, and the base
classes of its three parts — the index (writes), the query compiler (plan →
SQL) and the rebuilder (bulk load, upkeep: ``rebuild``).

Both vendors index the same thing per provision: its jieba words (the
normalised text segmented, as stored in ``Provision.search_text``) and its
normalised plain text, the latter for the substring checks that phrases,
single characters and unknown words need.  Both answer the same question —
the provisions matching a ``Plan`` — so the result *set* is the same on both;
only the database's own relevance score differs (SQLite's bm25, PostgreSQL's
ts_rank).  How candidates are bounded and re-ranked: ``ranking``.

On PostgreSQL a query that needs its candidates checked is one statement, one
round trip (lists, check against the whole query and the texts of the best
RERANK together), as is a full-text or gram answer; a bare impact list takes
a second statement for those texts.  SQLite reads the lists, then checks
their candidates against the whole query by a second statement on the
content table (``verify``).  Where only the best matches are wanted (the
relaxed plan's pool, ``tiers``: an OR of frequent words has thousands of
candidates, the pool needs a few hundred), the candidates are checked in
order of score until enough match: on PostgreSQL in the one statement,
which stops probing at its LIMIT; on SQLite a batch at a time.

The tables themselves are made by the migrations (``documents.search.schema``
reads their DDL for indexes outside the project's database).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import ranking
from ..plan import Plan, needs_check
from ..ranking import CANDIDATE_LIMIT, best_first, impacts_of
from .context import inherited, titles
from .rebuild import BaseRebuilder
from .sql import checks_sql, insert_rows, placeholders
from .standalone import read_cursor
from .terms import WORDS_KEY, StaleFrequencies, TermTable

TABLE = "documents_search_index"
# A batch of ``_first_matches`` holds as many candidates as matches are
# missing, more where the batches so far let fewer through (at most a quarter
# more: a statement more costs SQLite less than reading matches beyond those
# needed), and CHECK_SLACK more.
CHECK_SLACK = 10


@dataclass(frozen=True)
class IndexTables:
    """The names of one index's tables, all derived from the word table's."""

    words: str

    @property
    def impact(self) -> str:
        return f"{self.words}_impact"

    @property
    def terms(self) -> str:
        return f"{self.words}_term"

    @property
    def grams(self) -> str:
        return f"{self.words}_grams"

    @property
    def counts(self) -> str:
        return f"{self.words}_df"

    @property
    def all(self) -> tuple[str, ...]:
        return (self.words, self.impact, self.terms, self.grams, self.counts)


@dataclass
class Candidates:
    """Matching provision ids, best first, their scores, and ``bounded`` when
    more matches may exist than were scored.  ``matches``: how many of the
    index's candidates match — ``len(ids)``, or where ``first`` left some
    unchecked, estimated from the share of those checked that matched."""

    ids: list[int]
    scores: dict[int, float]
    bounded: bool
    matches: float | None = None
    # With ``first`` and ``words``: what ``texts(ids, words)`` gives, for the
    # matches the check read.
    texts: dict[int, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self):
        if self.matches is None:
            self.matches = len(self.ids)


def estimate(found: int, checked: int, candidates: int) -> float:
    """How many of ``candidates`` match, ``found`` having matched among the
    first ``checked``: the unchecked ones at the same share."""
    return found + (candidates - checked) * found / checked if checked else 0.0


@dataclass
class Route:
    """How a plan is answered: from the gram index, the full-text index or
    the impact lists, by the statement ``sql``."""

    kind: str
    sql: str
    params: list
    limit: int = 0
    bounded: bool = False
    # Impact-list candidates checked against the query by ``sql`` itself.
    checked: bool = False
    # The columns of its rows: (id, score, plain or NULL), and for "first"
    # (``BaseQueryCompiler.first_matches_sql``) three more.
    columns: int = 3


class BaseSearchIndex:
    """Writes that keep the index in step with single provisions."""

    def __init__(self, connection, tables: IndexTables, terms: TermTable):
        self.connection = connection
        self.tables = tables
        self.terms = terms

    def insert(self, rows):
        """Insert ``(provision_id, words, plain)`` rows (ids not yet indexed)."""
        raise NotImplementedError

    def insert_impacts(self, rows):
        """Insert ``(term, score, provision_id)`` impact-list rows."""
        with self.connection.cursor() as cursor:
            insert_rows(cursor, self.tables.impact, ("term", "score", "provision_id"), rows)

    def replace(self, rows):
        """Index these rows again (insert or update): impact lists, the
        words' document frequencies, and the impact list and term-table row
        of a word they make frequent (``terms``)."""
        rows = list(rows)
        ids = [r[0] for r in rows]
        self.lock()
        old = self.words_of(ids)
        self.delete_rows(ids)
        self.insert(rows)
        new = {w for _pk, ws, _p in rows for w in ws.split()}
        delta = Counter(w for _pk, ws, _p in rows for w in set(ws.split()))
        delta.subtract(w for words in old.values() for w in words)
        counts = self.terms.count(delta, self.tables.impact, ranking.FREQUENT_DF)
        average = self.terms.stats().get(WORDS_KEY, 1.0)
        frequent = self.terms.frequent_among(sorted(new))
        if frequent:
            self.insert_impacts(impacts_of(rows, frequent, average))
        rare = new - frequent
        risen = sorted(w for w, n in counts.items() if n >= ranking.FREQUENT_DF and w in rare)
        if risen:
            # Every provision holding them (these rows too) in their lists.
            self.insert_impacts([
                (w, ranking.tf_weight(tf, length, average), pk)
                for w in risen
                for pk, tf, length in self.occurrences(w)
            ])
            self.terms.add_frequent({w: counts[w] for w in risen})

    def delete(self, ids):
        """Drop these rows, and their words from the document frequencies."""
        ids = list(ids)
        self.lock()
        old = self.words_of(ids)
        self.delete_rows(ids)
        delta = Counter()
        delta.subtract(w for words in old.values() for w in words)
        self.terms.count(delta, self.tables.impact, ranking.FREQUENT_DF)

    def lock(self):
        """Wait for any other transaction writing to the index to commit,
        and keep the others waiting until this one does (PostgreSQL; on
        SQLite one transaction writes at a time anyway).  The counts of the
        common words change with every document, so concurrent ingests
        would queue for them in any case; one lock taken first does it
        without deadlocks, and each transaction then counts on top of the
        other's commit and sees the words it made frequent."""

    def words_of(self, ids) -> dict[int, set[str]]:
        """The distinct words of those of ``ids`` that are indexed, read by
        the vendor's ``words_select`` ("… WHERE id IN") as text or an array."""
        found = {}
        with self.connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                cursor.execute(f"{self.words_select} ({placeholders(chunk)})", chunk)
                found.update(
                    (pk, set(w.split() if isinstance(w, str) else w)) for pk, w in cursor.fetchall()
                )
        return found

    def occurrences(self, word: str) -> list[tuple[int, int, int]]:
        """(id, times ``word`` occurs, number of words) of every row holding it."""
        raise NotImplementedError

    def delete_rows(self, ids):
        ids = list(ids)
        with self.connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = placeholders(chunk)
                self.delete_grams(cursor, chunk)
                cursor.execute(
                    f"DELETE FROM {self.tables.words} WHERE {self.id_column} IN ({marks})", chunk
                )
                cursor.execute(
                    f"DELETE FROM {self.tables.impact} WHERE provision_id IN ({marks})", chunk
                )

    def delete_grams(self, cursor, ids):
        cursor.execute(
            f"DELETE FROM {self.tables.grams} WHERE provision_id IN ({placeholders(ids)})", ids
        )


class BaseQueryCompiler:
    """Compiles a plan into the statements that answer it (no execution)."""

    # PostgreSQL checks impact-list candidates in the statement that reads the
    # lists; SQLite checks them by a second statement (``BaseSearchBackend.verify``).
    checks_impacts_in_sql = False

    def __init__(self, tables: IndexTables, terms: TermTable):
        self.tables = tables
        self.terms = terms

    def route(
        self,
        plan: Plan,
        restrict=None,
        limit=CANDIDATE_LIMIT,
        exhaustive=False,
        first=None,
        words=None,
    ) -> Route:
        """How the backend answers the plan, and the first statement it runs
        (on PostgreSQL the only one but for the re-ranking's texts of a bare
        list: the benchmark prints its plan).  With ``first``, impact-list
        candidates are checked in order of score until ``first`` match: by
        the statement itself where the vendor ``checks_impacts_in_sql``, else
        afterwards, a batch at a time (``BaseSearchBackend._first_matches``)."""
        if exhaustive:
            if plan.grams and not plan.uses_index:
                return Route("grams", *self.gram_sql(plan, restrict, limit), limit)
            return Route("index", *self.candidates_sql(plan, restrict, limit), limit)
        driving = (
            ranking.driving_words(plan, self.terms.frequencies()) if plan.uses_index else None
        )
        if plan.grams and (driving is not None or not plan.uses_index):
            # No narrow word drives the query: the grams of its single
            # characters or unknown words do.  They have no weight to rank
            # by, so a wide gram group is cut at IMPACT_DEPTH matches.
            limit = min(limit, ranking.IMPACT_DEPTH)
            return Route("grams", *self.gram_sql(plan, restrict, limit), limit)
        if driving is not None:
            # Only an impact list cuts matches off; rare alternatives come whole.
            bounded = any(frequent for _term, frequent in driving)
            check = needs_check(plan, restrict)
            if self.checks_impacts_in_sql and first is not None:
                sql, params = self.first_matches_sql(plan, driving, restrict, first, words, check)
                return Route("first", sql, params, first, bounded, columns=6)
            checked = self.checks_impacts_in_sql and check
            sql, params = self.impacts_sql(plan, driving, restrict, checked)
            return Route("impacts", sql, params, bounded=bounded, checked=checked)
        return Route("index", *self.candidates_sql(plan, restrict, limit), limit)

    def impacts_sql(self, plan, driving, restrict, checked=False) -> tuple[str, list]:
        """(SQL, params) of the driving words' lists, as (id, score, plain or
        NULL) rows, one statement for them all; ``checked`` (where the vendor
        ``checks_impacts_in_sql``): only the rows matching the whole query."""
        parts, params = [], []
        for term, frequent in driving:
            if frequent:
                parts.append(
                    f"SELECT provision_id, score, CAST(NULL AS TEXT) AS plain FROM {self.tables.impact} "
                    f"WHERE term = %s ORDER BY score DESC LIMIT {ranking.IMPACT_DEPTH}"
                )
                params.append(term)
            else:
                # A rare alternative (fewer than FREQUENT_DF matches) comes
                # whole, at the weight of one occurrence in an average provision.
                where, where_params, _s, _p = self.match_sql(Plan(include=[[(term,)]]))
                parts.append(
                    f"SELECT {self.id_column} AS provision_id, 1.0 AS score, "
                    f"CAST(NULL AS TEXT) AS plain FROM {self.tables.words} WHERE {where} "
                    f"LIMIT {ranking.FREQUENT_DF}"
                )
                params.extend(where_params)
        sql = " UNION ALL ".join(
            f"SELECT * FROM ({part}) AS driver_{i}" for i, part in enumerate(parts)
        )
        return sql, params

    def first_matches_sql(self, plan, driving, restrict, first, words, check) -> tuple[str, list]:
        """(SQL, params) of the first ``first`` of the lists' candidates, in
        order of score, that match the whole query (all do without
        ``check``), as (id, score, plain, which of ``words`` it holds as
        ``texts_sql`` reads them, its place among the candidates, how many
        candidates there are) rows (vendors that ``checks_impacts_in_sql``)."""
        raise NotImplementedError

    def gram_sql(self, plan, restrict, limit) -> tuple[str, list]:
        """(SQL, params) of the gram query: (id, 0, plain) rows of full matches.

        Below ``limit`` this is every match, the same set on both backends.
        At the limit it is the first matches the index yields, in no defined
        order: sorting every match by id first costs PostgreSQL a visit of
        each (100 ms for 碳 at 100k provisions) for a cut that means nothing.
        """
        raise NotImplementedError

    def candidates_sql(self, plan: Plan, restrict=None, limit=CANDIDATE_LIMIT):
        """(SQL, params) of the full-text candidate query (rare words)."""
        where, params, score, score_params = self.candidate_parts(plan, restrict)
        # Without an index part every match is scored by the re-ranking, so
        # the plain text comes along.
        plain = "plain" if not plan.uses_index else "NULL"
        sql = f"SELECT {self.id_column}, {score}, {plain} FROM {self.tables.words}"
        if where:
            sql += " WHERE " + where
        sql += " LIMIT %s"
        return sql, [*score_params, *params, limit]

    def candidate_parts(self, plan, restrict):
        """(WHERE, its params, score expression, its params) of the query above."""
        clauses, params = [], []
        score, score_params = "0", []
        if plan.uses_index:
            where, where_params, score, score_params = self.match_sql(plan)
            clauses.append(where)
            params.extend(where_params)
        checks, check_params = checks_sql(plan, restrict, "plain", self.id_column)
        return " AND ".join(clauses + checks), params + check_params, score, score_params

    def match_sql(self, plan: Plan) -> tuple[str, list, str, list]:
        """(WHERE clause, its params, score expression, its params)."""
        raise NotImplementedError

    def check_sql(self, plan: Plan, ids, restrict, words=None) -> tuple[str, list]:
        """(SQL, params) reading (id, plain) of those of ``ids`` that match
        the whole plan (and ``restrict``): ``plan.matches`` in SQL; with
        ``words``, (id, plain, the words as ``texts_sql`` reads them).  For
        the vendors that check impact-list candidates afterwards."""
        raise NotImplementedError

    def texts_sql(self, ids, words=None) -> tuple[str, list]:
        """(SQL, params) reading (id, words, plain) of ``ids``."""
        return (
            f"SELECT {self.id_column}, words, plain FROM {self.tables.words} "
            f"WHERE {self.id_column} IN ({placeholders(ids)})",
            ids,
        )

    def plains_sql(self, ids) -> tuple[str, list]:
        """(SQL, params) reading (id, plain) of ``ids``."""
        return (
            f"SELECT {self.id_column}, plain FROM {self.tables.words} "
            f"WHERE {self.id_column} IN ({placeholders(ids)})",
            ids,
        )


class BaseSearchBackend:
    """One index on one connection: answers plans (``candidates``) and holds
    the parts that write (``index``), compile (``compiler``) and rebuild
    (``rebuilder``) it."""

    vendor = ""
    index_class = BaseSearchIndex
    query_compiler_class = BaseQueryCompiler
    rebuilder_class = BaseRebuilder

    def __init__(self, connection, table: str = TABLE):
        self.connection = connection
        self.tables = IndexTables(table)
        self.terms = TermTable(connection, self.tables.terms, table)
        self.index = self.index_class(connection, self.tables, self.terms)
        self.compiler = self.query_compiler_class(self.tables, self.terms)
        self.rebuilder = self.rebuilder_class(connection, self.tables, self.terms, self.index)

    def candidates(
        self,
        plan: Plan,
        restrict=None,
        limit=CANDIDATE_LIMIT,
        exhaustive=False,
        first=None,
        words=None,
    ) -> Candidates:
        """Matching ids, best first.  ``restrict`` is ``(sql, params)`` selecting
        the provision ids that filters allow.  ``exhaustive`` leaves the impact
        lists and the gram path's depth aside, so that up to ``limit`` matches
        come back whatever the words' frequencies (the benchmark's recall).
        ``first``: only the best ``first`` matches are wanted — impact-list
        candidates are then checked in order of score until that many match,
        and the ids are the first ones of the answer without ``first``, in
        the same order with the same scores; ``words``: those the check read
        also say which of these words they hold (``Candidates.texts``)."""
        if first is not None:
            # The re-ranked head (``ranking.rank``) must come whole to be
            # ranked as it is without ``first``.
            first = max(first, ranking.RERANK_ANSWERS if plan.answers else ranking.RERANK)
        try:
            return self._answer(plan, restrict, limit, exhaustive, first, words)
        except StaleFrequencies:
            # The index was rebuilt since this process read the term table.
            self.terms.frequencies(reload=True)
            return self._answer(plan, restrict, limit, exhaustive, first, words)

    def route(
        self,
        plan: Plan,
        restrict=None,
        limit=CANDIDATE_LIMIT,
        exhaustive=False,
        first=None,
        words=None,
    ) -> Route:
        return self.compiler.route(plan, restrict, limit, exhaustive, first, words)

    def frequencies(self, reload=False) -> dict[str, float]:
        """This process's copy of the term table (``terms.TermTable``)."""
        return self.terms.frequencies(reload)

    def _answer(self, plan, restrict, limit, exhaustive, first, words) -> Candidates:
        route = self.route(plan, restrict, limit, exhaustive, first, words)
        rows = self.terms.fetch_current(route.sql, route.params, route.columns)
        if route.kind == "first":
            return self._first_answer(plan, route, rows, words)
        if route.kind != "impacts":
            # Grams carry no word score: all ranked by the verbatim re-ranking.
            ranked = self._rank(plan, rows, by_boost=route.kind == "grams")
            return Candidates(*ranked, len(rows) >= route.limit)
        if route.checked:
            return Candidates(*self._rank(plan, rows), route.bounded)
        # The bare lists, which may share ids: each once, scored by the sum
        # of its words' impacts, as BM25 sums its terms' weights (a provision
        # holding three of the words before one holding the likeliest one).
        summed: dict[int, float] = {}
        for pk, score, _p in rows:
            summed[pk] = summed.get(pk, 0.0) + score
        rows = [(pk, score, None) for pk, score in summed.items()]
        plains, texts, matches = None, {}, None
        if needs_check(plan, restrict):
            if first is None:
                plains = self.verify(plan, sorted(r[0] for r in rows), restrict)
                rows = [r for r in rows if r[0] in plains]
            else:
                seen = len(rows)
                rows, plains, checked = self._first_matches(plan, rows, restrict, first, words)
                matches = estimate(len(rows), checked, seen)
                if words is not None:
                    texts, plains = plains, {pk: plain for pk, (_w, plain) in plains.items()}
        ranked = self._rank(plan, rows, plains)
        stopped = matches is not None and matches > len(rows)
        return Candidates(
            *ranked, route.bounded or stopped, matches, texts if words is not None else {}
        )

    def _first_answer(self, plan, route, rows, words) -> Candidates:
        """The answer of a "first" route, from its rows (``first_matches_sql``)."""
        read = self.words_reader(words)
        texts = {
            pk: ("" if words is None else read(held), plain)
            for pk, _score, plain, held, _place, _seen in rows
        }
        matches = len(rows)
        if len(rows) >= route.limit:
            # Stopped at the last row: the candidates after it were not checked.
            _pk, _score, _plain, _held, checked, seen = rows[-1]
            matches = estimate(len(rows), checked, seen)
        bare = [(pk, score, None) for pk, score, *_rest in rows]
        ranked = self._rank(plan, bare, {pk: plain for pk, (_w, plain) in texts.items()})
        return Candidates(
            *ranked, route.bounded or matches > len(rows), matches, texts if words is not None else {}
        )

    def _first_matches(self, plan, rows, restrict, first, words):
        """(the first rows, best first, that match the whole query — at
        least ``first`` of them where there are — what ``verify`` read of
        them, and how many candidates were checked).  Checked a batch
        at a time, each sized by what is still missing and the share of
        candidates the checks so far let through (at first: all of them)."""
        best_first(rows)
        kept, read, start = [], {}, 0
        while start < len(rows) and len(kept) < first:
            passed = len(kept) / start if start else 1.0
            size = int((first - len(kept)) / max(passed, 0.8)) + CHECK_SLACK
            batch = rows[start : start + size]
            start += len(batch)
            found = self.verify(plan, [r[0] for r in batch], restrict, words)
            kept.extend(r for r in batch if r[0] in found)
            read.update(found)
        return kept, read, start

    def _rank(self, plan, rows, plains=None, by_boost=False):
        return ranking.rank(plan, rows, plains, by_boost, read_plains=self.plains)

    def verify(self, plan: Plan, ids, restrict, words=None) -> dict:
        """Which of ``ids`` match the whole query (and ``restrict``): {id:
        plain text}; with ``words``, {id: (which of them it holds, as
        ``texts`` gives them; plain text)}."""
        found = {}
        read = self.words_reader(words)
        with read_cursor(self.connection) as cursor:
            for i in range(0, len(ids), 500):
                cursor.execute(*self.compiler.check_sql(plan, ids[i : i + 500], restrict, words))
                if words is None:
                    found.update(cursor.fetchall())
                else:
                    found.update((pk, (read(w), plain)) for pk, plain, w in cursor.fetchall())
        return found

    def plains(self, ids) -> dict[int, str]:
        """The plain texts of ``ids`` ({id: plain}); none asked, no statement."""
        if not ids:
            return {}
        with read_cursor(self.connection) as cursor:
            cursor.execute(*self.compiler.plains_sql(list(ids)))
            return dict(cursor.fetchall())

    def texts(self, ids, words=None) -> dict[int, tuple[str, str]]:
        """{id: (its index words, space-separated; its plain text)}.  With
        ``words`` (a list), only those of them it holds: all that a test of
        those words needs, and cheaper where the index words are not text."""
        if not ids:
            return {}
        found = {}
        read = self.words_reader(words)
        with read_cursor(self.connection) as cursor:
            for i in range(0, len(ids), 500):
                cursor.execute(*self.compiler.texts_sql(list(ids[i : i + 500]), words))
                found.update((pk, (read(w), p)) for pk, w, p in cursor.fetchall())
        return found

    def inherited(self, ids, kept=None) -> dict[int, tuple[str, str]]:
        """{id: (index words, plain text) of what the provision inherits: its
        document's title and the headings above it} (``context``; ``kept``:
        kept for the data version there)."""
        return inherited(self.connection, ids, kept)

    def titles(self, ids, kept=None) -> dict[int, tuple[str, str]]:
        """{id: (index words, plain text) of its document's title} (``context``)."""
        return titles(self.connection, ids, kept)

    def words_text(self, stored, words=None) -> str:
        """The index words as stored, as space-separated words (only those
        of ``words``, when given)."""
        return self.words_reader(words)(stored)

    def words_reader(self, words=None):
        """``words_text`` for one list of ``words``, as a function of what is
        stored: a query reads hundreds of rows for the same words, whose
        padded forms are made once."""
        if words is None:
            return _as_stored
        # A few words sought in the text: faster than splitting it all.
        probes = [(w, f" {w} ") for w in words]

        def read(stored: str) -> str:
            padded = f" {stored} "
            return " ".join([w for w, probe in probes if probe in padded])

        return read

    def size_bytes(self) -> int:
        raise NotImplementedError


def _as_stored(stored):
    return stored
