"""The two search backends behind one small interface, chosen by database vendor.

Both index the same thing per provision: its jieba words (the normalised text
segmented, as stored in ``Provision.search_text``) and its normalised plain
text, the latter for the substring checks that phrases, single characters and
unknown words need.  Both answer the same question — the provisions matching
a compiled ``Plan`` — so the result *set* is the same on both; only the
database's own relevance score differs (SQLite's bm25, PostgreSQL's ts_rank).

Speed comes from never scoring more than ``CANDIDATE_LIMIT`` matches.  Scoring
every match of a word found in most provisions (科技) costs time linear in the
matches — ~55 ms at 100k provisions with FTS5 bm25, seconds at 1M with
ts_rank — so each *frequent* word (in ``FREQUENT_DF`` provisions or more) gets
a precomputed impact list: the ``IMPACT_DEPTH`` provisions where it weighs
most (BM25's term-frequency part, length-normalised), best first, in a b-tree.
A query whose every alternative needs a frequent word is answered from those
lists (an index range scan), checked against the full query; any other query
has a rare word and so at most a few thousand matches, which the full-text
index finds and the database scores.  Below the thresholds — every query on
the bundled corpus — ranking is exact; above them, the result is the best of
the bounded candidates and the count a lower bound.

The top ``RERANK`` candidates are then re-ranked in Python by how often each
typed form occurs verbatim (a BM25-style saturated count), which is what
rewards the words of a compound standing together.

Which way a query goes depends on its words' document frequencies, so each
process keeps a copy of the term table (frequent words only: small).  Every
answer's statement carries the table's version; a rebuild by another process
is noticed at the next query, which is then planned again.  On PostgreSQL a
query that needs its candidates checked is one statement, one round trip
(lists, check against the whole query and the texts of the best RERANK
together), as is a full-text or gram answer; a bare impact list takes a
second statement for those texts.  SQLite, in process, reads the candidates
back and checks them in Python.
"""

from __future__ import annotations

import heapq
import io
import random
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from .grams import index_grams, query_grams
from .query import Form, Query

TABLE = "documents_search_index"
CANDIDATE_LIMIT = 1000
FREQUENT_DF = 300
IMPACT_DEPTH = 300
RERANK = 50

K1, B = 1.2, 0.75
AVERAGE_CHARS = 140  # of a provision's plain text, for the re-ranking
BOOST_WEIGHT = 3.0
SYNONYM_WEIGHT = 0.8
WORD_WEIGHT = 0.5

# Bookkeeping rows in the term table, keyed by names no word can have (words
# are runs of letters and digits).  The version changes whenever the table
# is rewritten; processes holding a copy of the table compare it.
ROWS_KEY, WORDS_KEY, VERSION_KEY = " rows", " words", " version"

# Each process's copy of each index's term table (``SearchBackend.frequencies``).
_FREQUENCIES: dict[tuple, dict[str, float]] = {}


class StaleFrequencies(Exception):
    """The term table changed since this process read it."""


# --------------------------------------------------------------------------
# Backend-neutral plan


@dataclass
class Plan:
    """What to ask the index (``include``: OR-groups of AND-ed word tuples that
    must all hold; ``exclude``: word tuples that must not), the substring
    checks on top, and the forms whose verbatim occurrences re-rank."""

    include: list[list[tuple[str, ...]]] = field(default_factory=list)
    exclude: list[tuple[str, ...]] = field(default_factory=list)
    # Groups the word index cannot answer (single characters, unknown
    # words), as OR-groups of AND-ed character grams: a necessary condition
    # the gram index checks before the substring check decides.
    grams: list[list[tuple[str, ...]]] = field(default_factory=list)
    # Residual checks on the plain text: (negate, [[substring, …] per form]).
    residual: list[tuple[bool, list[list[str]]]] = field(default_factory=list)
    boost: list[tuple[str, float]] = field(default_factory=list)

    @property
    def uses_index(self) -> bool:
        return bool(self.include)


@dataclass
class Candidates:
    """Matching provision ids, best first, their scores, and ``bounded`` when
    more matches may exist than were scored."""

    ids: list[int]
    scores: dict[int, float]
    bounded: bool


@dataclass
class Route:
    """How a plan is answered: from the gram index, the full-text index or
    the impact lists, by the statement ``sql``."""

    kind: str
    sql: str
    params: list
    limit: int = 0
    bounded: bool = False


def plan_for(query: Query) -> Plan:
    plan = Plan()
    for group in query.groups:
        forms = [f for term in group for f in term.forms]
        if all(f.indexed for f in forms):
            plan.include.append([f.words for f in forms])
        else:
            # Only the substring check could answer this group: the gram
            # index narrows it first.  (A group with words — a phrase, 技术经
            # — is narrowed by its words, as precise and cheaper.)
            grams = [query_grams(f.text) for f in forms]
            if all(grams):
                plan.grams.append(grams)
        if any(f.substring for f in forms):
            plan.residual.append((False, [_substrings(f) for f in forms]))
        plan.boost.extend((f.text, SYNONYM_WEIGHT if f.synonym else 1.0) for f in forms)
        for f in forms:
            # The words of a typed compound also count a little on their own,
            # so 研究与试验发展（R&D）经费 ranks for 研究与试验发展经费.
            if not f.synonym and len(f.words) > 1:
                plan.boost.extend((w, WORD_WEIGHT / len(f.words)) for w in f.words)
    for term in query.excluded:
        if all(f.indexed and not f.substring for f in term.forms):
            plan.exclude.extend(f.words for f in term.forms)
        else:
            plan.residual.append((True, [_substrings(f) for f in term.forms]))
    return plan


def _needs_check(plan: Plan, restrict) -> bool:
    """Whether impact-list candidates must be checked against the query: not
    when it is one group of single-word alternatives, each listed whole."""
    single_words = len(plan.include) == 1 and all(len(form) == 1 for form in plan.include[0])
    return not (single_words and not plan.exclude and not plan.residual and restrict is None)


def _substrings(form: Form) -> list[str]:
    # The index's "every word present" read as substrings of the plain text:
    # a superset of the token test, applied identically on both backends.
    return [form.text] if form.substring else list(form.words)


def _like(s: str) -> str:
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _contains_sql(column: str, forms) -> tuple[str, list]:
    """SQL true when ``column`` holds every substring of at least one form."""
    ors, params = [], []
    for subs in forms:
        ors.append("(" + " AND ".join(f"{column} LIKE %s ESCAPE '\\'" for _ in subs) + ")")
        params.extend(_like(s) for s in subs)
    return "(" + " OR ".join(ors) + ")", params


def _residual_sql(plan: Plan, column: str) -> tuple[str, list]:
    clauses, params = [], []
    for negate, forms in plan.residual:
        clause, clause_params = _contains_sql(column, forms)
        clauses.append(f"NOT {clause}" if negate else clause)
        params.extend(clause_params)
    return " AND ".join(clauses), params


def _checks_sql(plan: Plan, restrict, plain: str, pk: str) -> tuple[list[str], list]:
    """The WHERE clauses every candidate query ends with: the plan's
    substring checks on ``plain`` and the filters' ``restrict`` on ``pk``."""
    clauses, params = [], []
    residual, residual_params = _residual_sql(plan, plain)
    if residual:
        clauses.append(residual)
        params.extend(residual_params)
    if restrict is not None:
        clauses.append(f"{pk} IN ({restrict[0]})")
        params.extend(restrict[1])
    return clauses, params


def _gram_text(plain: str) -> str:
    """A provision's grams as the SQLite gram table is given them."""
    return " ".join(index_grams(plain))


def _best_first(rows):
    """Sort (id, score, …) rows by score, highest first, ties by id (two
    stable passes with C-level keys: these lists run to a thousand rows)."""
    rows.sort(key=itemgetter(0))
    rows.sort(key=itemgetter(1), reverse=True)


def tf_weight(tf: float, length: float, average: float) -> float:
    """BM25's saturated, length-normalised term frequency."""
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))


def boost(plan: Plan, plain: str) -> float:
    score = 0.0
    for text, weight in plan.boost:
        tf = plain.count(text)
        if tf:
            score += BOOST_WEIGHT * weight * tf_weight(tf, len(plain), AVERAGE_CHARS)
    return score


def matches(plan: Plan, words: str, plain: str) -> bool:
    """The plan evaluated on one provision's words (space-separated, as
    indexed) and plain text — the same semantics as the SQL both backends run."""
    padded = f" {words} "

    def has(form):
        return all(f" {w} " in padded for w in form)

    if not all(any(has(form) for form in group) for group in plan.include):
        return False
    if any(has(form) for form in plan.exclude):
        return False
    for negate, forms in plan.residual:
        if any(all(s in plain for s in subs) for subs in forms) == negate:
            return False
    return True


# --------------------------------------------------------------------------
# Impact lists


class ImpactCounter:
    """Two passes over the rows being loaded: document frequencies, then the
    best ``IMPACT_DEPTH`` provisions of every frequent word."""

    def __init__(self):
        self.df: Counter = Counter()
        self.rows = 0
        self.words = 0

    def count(self, rows):
        for _pk, words, _plain in rows:
            tokens = words.split()
            self.df.update(set(tokens))
            self.rows += 1
            self.words += len(tokens)

    @property
    def average(self) -> float:
        return self.words / self.rows if self.rows else 1.0

    def frequent(self) -> dict[str, int]:
        return {t: n for t, n in self.df.items() if n >= FREQUENT_DF}

    def impacts(self, batches, frequent) -> list[tuple[str, float, int]]:
        heaps: dict[str, list] = {t: [] for t in frequent}
        average = self.average
        for rows in batches:
            for pk, words, _plain in rows:
                tokens = words.split()
                for term, tf in Counter(tokens).items():
                    heap = heaps.get(term)
                    if heap is None:
                        continue
                    entry = (tf_weight(tf, len(tokens), average), -pk)
                    if len(heap) < IMPACT_DEPTH:
                        heapq.heappush(heap, entry)
                    elif entry > heap[0]:
                        heapq.heapreplace(heap, entry)
        return [(t, score, -npk) for t, heap in heaps.items() for score, npk in heap]


def impacts_of(rows, frequent: set[str], average: float):
    """Impact rows of a few updated provisions (words already frequent only)."""
    out = []
    for pk, words, _plain in rows:
        tokens = words.split()
        for term, tf in Counter(tokens).items():
            if term in frequent:
                out.append((term, tf_weight(tf, len(tokens), average), pk))
    return out


# --------------------------------------------------------------------------
# Backends


class SearchBackend:
    vendor = ""
    id_column = ""

    def __init__(self, connection, table: str = TABLE):
        self.connection = connection
        self.table = table
        self.impact = f"{table}_impact"
        self.terms = f"{table}_term"
        self.grams = f"{table}_grams"

    # Schema (the migration and the benchmark both call these) ------------

    def create(self):
        self.create_index()
        self._run(
            f"CREATE TABLE IF NOT EXISTS {self.impact} (term text NOT NULL, "
            "score double precision NOT NULL, provision_id bigint NOT NULL, "
            "PRIMARY KEY (term, score, provision_id))",
            f"CREATE INDEX IF NOT EXISTS {self.impact}_provision "
            f"ON {self.impact} (provision_id)",
            f"CREATE TABLE IF NOT EXISTS {self.terms} (term text PRIMARY KEY, df double precision NOT NULL)",
        )

    def create_index(self):
        raise NotImplementedError

    def drop(self):
        tables = (self.table, self.impact, self.terms, self.grams)
        self._run(*(f"DROP TABLE IF EXISTS {t}" for t in tables))

    # Writes ---------------------------------------------------------------

    def insert(self, rows):
        """Insert ``(provision_id, words, plain)`` rows (ids not yet indexed)."""
        raise NotImplementedError

    def replace(self, rows):
        """Index these rows again (insert or update), impact lists included."""
        rows = list(rows)
        self.delete(r[0] for r in rows)
        self.insert(rows)
        stats = self._stats()
        words = sorted({w for _pk, ws, _p in rows for w in ws.split()})
        frequent = set()
        with self.connection.cursor() as cursor:
            for i in range(0, len(words), 500):
                chunk = words[i : i + 500]
                cursor.execute(
                    f"SELECT term FROM {self.terms} WHERE term IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                frequent.update(r[0] for r in cursor.fetchall())
        if frequent:
            self._insert_impacts(impacts_of(rows, frequent, stats.get(WORDS_KEY, 1.0)))

    def delete(self, ids):
        ids = list(ids)
        with self.connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ", ".join(["%s"] * len(chunk))
                self._delete_grams(cursor, chunk)
                cursor.execute(f"DELETE FROM {self.table} WHERE {self.id_column} IN ({marks})", chunk)
                cursor.execute(f"DELETE FROM {self.impact} WHERE provision_id IN ({marks})", chunk)

    def _delete_grams(self, cursor, ids):
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {self.grams} WHERE provision_id IN ({marks})", ids)

    def clear(self):
        self._run(*(f"DELETE FROM {t}" for t in (self.table, self.impact, self.terms, self.grams)))
        with self.connection.cursor() as cursor:
            self._new_version(cursor)

    def backfill_grams(self) -> int:
        """Give every indexed row without one its gram row (an index built
        before the gram index existed); returns how many were added."""
        raise NotImplementedError

    def bulk_load(self, make_batches):
        """Load an empty index.  ``make_batches(pass_number)`` returns the rows
        in batches; it is called twice (the impact lists need the document
        frequencies first)."""
        counter = ImpactCounter()
        for rows in make_batches(1):
            counter.count(rows)
            self.insert(rows)
        self.finish_load()
        frequent = counter.frequent()
        stats = [(ROWS_KEY, counter.rows), (WORDS_KEY, counter.average), *frequent.items()]
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.terms}")
            self._new_version(cursor)
            for i in range(0, len(stats), 500):
                chunk = stats[i : i + 500]
                cursor.execute(
                    f"INSERT INTO {self.terms} (term, df) VALUES "
                    + ", ".join(["(%s, %s)"] * len(chunk)),
                    [v for row in chunk for v in row],
                )
        if frequent:
            self._insert_impacts(counter.impacts(make_batches(2), frequent))
        self._run(f"ANALYZE {self.impact}", f"ANALYZE {self.terms}")

    def finish_load(self):
        pass

    def tidy(self):
        """Upkeep after a bulk load, outside any transaction (none needed here)."""

    def _new_version(self, cursor):
        """Mark the term table rewritten (see ``frequencies``)."""
        cursor.execute(f"DELETE FROM {self.terms} WHERE term = %s", [VERSION_KEY])
        cursor.execute(
            f"INSERT INTO {self.terms} (term, df) VALUES (%s, %s)",
            [VERSION_KEY, float(random.getrandbits(52))],
        )

    def _insert_impacts(self, rows):
        with self.connection.cursor() as cursor:
            for i in range(0, len(rows), 500):
                chunk = rows[i : i + 500]
                cursor.execute(
                    f"INSERT INTO {self.impact} (term, score, provision_id) VALUES "
                    + ", ".join(["(%s, %s, %s)"] * len(chunk)),
                    [v for row in chunk for v in row],
                )

    # Reads ----------------------------------------------------------------

    def candidates(
        self, plan: Plan, restrict=None, limit=CANDIDATE_LIMIT, exhaustive=False
    ) -> Candidates:
        """Matching ids, best first.  ``restrict`` is ``(sql, params)`` selecting
        the provision ids that filters allow.  ``exhaustive`` leaves the impact
        lists and the gram path's depth aside, so that up to ``limit`` matches
        come back whatever the words' frequencies (the benchmark's recall)."""
        try:
            return self._answer(self.route(plan, restrict, limit, exhaustive), plan, restrict)
        except StaleFrequencies:
            # The index was rebuilt since this process read the term table.
            self.frequencies(reload=True)
            return self._answer(self.route(plan, restrict, limit, exhaustive), plan, restrict)

    def route(self, plan: Plan, restrict=None, limit=CANDIDATE_LIMIT, exhaustive=False) -> Route:
        """How ``candidates`` answers the plan, and the first statement it runs
        (on PostgreSQL the only one but for the re-ranking's texts of a bare
        list: the benchmark prints its plan)."""
        if exhaustive:
            if plan.grams and not plan.uses_index:
                return Route("grams", *self.gram_sql(plan, restrict, limit), limit)
            return Route("index", *self.candidates_sql(plan, restrict, limit), limit)
        driver = self._driver(plan, self.frequencies()) if plan.uses_index else None
        if plan.grams and (driver is not None or not plan.uses_index):
            # No narrow word drives the query: the grams of its single
            # characters or unknown words do.  They have no weight to rank
            # by, so a wide gram group is cut at IMPACT_DEPTH matches.
            limit = min(limit, IMPACT_DEPTH)
            return Route("grams", *self.gram_sql(plan, restrict, limit), limit)
        if driver is not None:
            # Only an impact list cuts matches off; rare alternatives come whole.
            bounded = any(frequent for _term, frequent in driver)
            return Route("impacts", *self.impacts_sql(plan, driver, restrict), bounded=bounded)
        return Route("index", *self.candidates_sql(plan, restrict, limit), limit)

    def _answer(self, route: Route, plan, restrict) -> Candidates:
        rows = self._fetch_current(route.sql, route.params)
        if route.kind != "impacts":
            # Grams carry no word score: all ranked by the verbatim re-ranking.
            ranked = self._rank(plan, rows, by_boost=route.kind == "grams")
            return Candidates(*ranked, len(rows) >= route.limit)
        plains = None
        check = _needs_check(plan, restrict)
        if not (self.checks_impacts_in_sql and check):
            # The bare lists, which may share ids: each once, at its best score.
            rows.sort(key=itemgetter(1))
            rows = list({pk: (pk, score, None) for pk, score, _p in rows}.values())
            if check:
                plains = self.verify(plan, sorted(r[0] for r in rows), restrict)
                rows = [r for r in rows if r[0] in plains]
        return Candidates(*self._rank(plan, rows, plains), route.bounded)

    # The term table, read once per process ---------------------------------

    def frequencies(self, reload=False) -> dict[str, float]:
        """The term table (every frequent word's document frequency, and the
        bookkeeping rows), kept in this process.  Each answer's statement
        carries the table's version, so a rebuild elsewhere is seen at the
        next query (``_fetch_current``)."""
        key = self._cache_key()
        if reload or key not in _FREQUENCIES:
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT term, df FROM {self.terms}")
                _FREQUENCIES[key] = dict(cursor.fetchall())
        return _FREQUENCIES[key]

    def _cache_key(self):
        settings = getattr(self.connection, "settings_dict", None)
        name = settings["NAME"] if settings else id(self.connection)
        return (self.connection.vendor, name, self.table)

    def with_version(self, sql, params) -> tuple[str, list]:
        """An (id, score, plain) statement followed by one more row, the term
        table's version as (NULL, version, NULL)."""
        return (
            f"SELECT * FROM ({sql}) AS q UNION ALL "
            f"SELECT NULL, df, NULL FROM {self.terms} WHERE term = %s",
            [*params, VERSION_KEY],
        )

    def _fetch_current(self, sql, params) -> list[tuple]:
        """The rows of a statement read against the cached term table, with
        ``StaleFrequencies`` raised when that table has changed since."""
        with self.connection.cursor() as cursor:
            cursor.execute(*self.with_version(sql, params))
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

    # Statements -------------------------------------------------------------

    # PostgreSQL checks impact-list candidates in the statement that reads the
    # lists; SQLite reads them back and checks them here (``verify``).
    checks_impacts_in_sql = False

    def impacts_sql(self, plan, driver, restrict) -> tuple[str, list]:
        """(SQL, params) of the driving words' lists, as (id, score, plain or
        NULL) rows, one statement for them all; with ``checks_impacts_in_sql``
        only the rows matching the whole query."""
        parts, params = [], []
        for term, frequent in driver:
            if frequent:
                parts.append(
                    f"SELECT provision_id, score, CAST(NULL AS TEXT) AS plain FROM {self.impact} "
                    f"WHERE term = %s ORDER BY score DESC LIMIT {IMPACT_DEPTH}"
                )
                params.append(term)
            else:
                # A rare alternative (fewer than FREQUENT_DF matches) comes
                # whole, at the weight of one occurrence in an average provision.
                where, where_params, _s, _p = self.match_sql(Plan(include=[[(term,)]]))
                parts.append(
                    f"SELECT {self.id_column} AS provision_id, 1.0 AS score, "
                    f"CAST(NULL AS TEXT) AS plain FROM {self.table} WHERE {where} LIMIT {FREQUENT_DF}"
                )
                params.extend(where_params)
        sql = " UNION ALL ".join(
            f"SELECT * FROM ({part}) AS driver_{i}" for i, part in enumerate(parts)
        )
        return sql, params

    def gram_sql(self, plan, restrict, limit) -> tuple[str, list]:
        """(SQL, params) of the gram query: (id, 0, plain) rows of full matches.

        Below ``limit`` this is every match, the same set on both backends.
        At the limit it is the first matches the index yields, in no defined
        order: sorting every match by id first costs PostgreSQL a visit of
        each (100 ms for 碳 at 100k provisions) for a cut that means nothing.
        """
        raise NotImplementedError

    def verify(self, plan: Plan, ids, restrict) -> dict[int, str]:
        """Which of ``ids`` match the whole query: {id: plain text}."""
        raise NotImplementedError

    def candidates_sql(self, plan: Plan, restrict=None, limit=CANDIDATE_LIMIT):
        """(SQL, params) of the full-text candidate query (rare words)."""
        where, params, score, score_params = self._candidate_parts(plan, restrict)
        # Without an index part every match is scored by the re-ranking, so
        # the plain text comes along.
        plain = "plain" if not plan.uses_index else "NULL"
        sql = f"SELECT {self.id_column}, {score}, {plain} FROM {self.table}"
        if where:
            sql += " WHERE " + where
        sql += " LIMIT %s"
        return sql, [*score_params, *params, limit]

    def _candidate_parts(self, plan, restrict):
        """(WHERE, its params, score expression, its params) of the query above."""
        clauses, params = [], []
        score, score_params = "0", []
        if plan.uses_index:
            where, where_params, score, score_params = self.match_sql(plan)
            clauses.append(where)
            params.extend(where_params)
        checks, check_params = _checks_sql(plan, restrict, "plain", self.id_column)
        return " AND ".join(clauses + checks), params + check_params, score, score_params

    def _rank(self, plan, rows, plains=None, by_boost=False) -> tuple[list[int], dict[int, float]]:
        """Ids best first, and their scores, of (id, score, plain or None) rows
        (ids unique): by the database's score, the best RERANK re-ranked by
        the verbatim boost; every row by the boost alone without index words
        or ``by_boost`` (the rows then carry their plain texts)."""
        by_boost = by_boost or not plan.uses_index
        if by_boost:
            rows = [(pk, boost(plan, p or ""), None) for pk, _s, p in rows]
        _best_first(rows)
        if not by_boost:
            head = rows[:RERANK]
            plains = dict(plains or {})
            plains.update((pk, p) for pk, _s, p in head if p is not None)
            plains.update(self._plains([pk for pk, _s, _p in head if pk not in plains]))
            head = [(pk, float(s) + boost(plan, plains.get(pk, "")), None) for pk, s, _ in head]
            _best_first(head)
            rows[:RERANK] = head
        ids = [r[0] for r in rows]
        return ids, dict(zip(ids, map(float, map(itemgetter(1), rows)), strict=True))

    def _plains(self, ids) -> dict[int, str]:
        if not ids:
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.id_column}, plain FROM {self.table} "
                f"WHERE {self.id_column} IN ({', '.join(['%s'] * len(ids))})",
                ids,
            )
            return dict(cursor.fetchall())

    def _stats(self) -> dict[str, float]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, df FROM {self.terms} WHERE term IN (%s, %s)", [ROWS_KEY, WORDS_KEY]
            )
            return dict(cursor.fetchall())

    def _driver(self, plan: Plan, df: dict[str, float]) -> list[tuple[str, bool]] | None:
        """The words whose matches bound the candidates — each alternative of
        the narrowest required group by its rarest word, flagged frequent or
        not — or None when that group is narrow enough for the full-text
        index to find and score every match itself."""
        best = None
        for group in plan.include:
            rarest = [min(form, key=lambda w: df.get(w, 0)) for form in group]
            # A word missing from the term table is in fewer than FREQUENT_DF.
            size = sum(df.get(w, FREQUENT_DF) for w in rarest)
            if best is None or size < best[0]:
                best = (size, rarest)
        if best[0] <= FREQUENT_DF:
            return None
        return sorted({(w, w in df) for w in best[1]})

    def match_sql(self, plan: Plan) -> tuple[str, list, str, list]:
        """(WHERE clause, its params, score expression, its params)."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError

    def _run(self, *statements):
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class SQLiteBackend(SearchBackend):
    """FTS5 over the space-separated words; ``plain`` is stored, not indexed.

    unicode61 sees each word (a run of letters and digits) as one token; the
    rowid is the provision id.
    """

    vendor = "sqlite"
    id_column = "rowid"

    def create_index(self):
        self._run(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
            "words, plain UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')",
            # Contentless (the grams are recomputed from ``plain`` when a row
            # is deleted), no positions or sizes: only "which rows hold these".
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.grams} USING fts5("
            "grams, content = '', detail = none, columnsize = 0, "
            "tokenize = 'unicode61 remove_diacritics 0')",
        )

    def insert(self, rows):
        rows = list(rows)
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, words, plain) VALUES (%s, %s, %s)", rows
            )
            cursor.executemany(
                f"INSERT INTO {self.grams} (rowid, grams) VALUES (%s, %s)",
                [(pk, _gram_text(plain)) for pk, _w, plain in rows],
            )

    def _delete_grams(self, cursor, ids):
        # A contentless FTS5 row is deleted by repeating what was inserted.
        cursor.execute(
            f"SELECT id, c1 FROM {self.table}_content WHERE id IN ({', '.join(['%s'] * len(ids))})",
            list(ids),
        )
        old = [(pk, _gram_text(plain)) for pk, plain in cursor.fetchall()]
        cursor.executemany(
            f"INSERT INTO {self.grams} ({self.grams}, rowid, grams) VALUES ('delete', %s, %s)", old
        )

    def clear(self):
        self._run(
            *(f"DELETE FROM {t}" for t in (self.table, self.impact, self.terms)),
            f"INSERT INTO {self.grams} ({self.grams}) VALUES ('delete-all')",
        )
        with self.connection.cursor() as cursor:
            self._new_version(cursor)

    def backfill_grams(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id, c1 FROM {self.table}_content")
            rows = cursor.fetchall()
            cursor.execute(f"INSERT INTO {self.grams} ({self.grams}) VALUES ('delete-all')")
            cursor.executemany(
                f"INSERT INTO {self.grams} (rowid, grams) VALUES (%s, %s)",
                [(pk, _gram_text(plain)) for pk, plain in rows],
            )
        return len(rows)

    def gram_sql(self, plan, restrict, limit):
        clauses = [f"id IN (SELECT rowid FROM {self.grams} WHERE {self.grams} MATCH %s)"]
        params = [" AND ".join(_fts_or(group) for group in plan.grams)]
        # The word conditions on the stored words (space-separated), so that
        # the cut below is taken from full matches, as on PostgreSQL.
        words = "(' ' || c0 || ' ')"

        def padded(forms):
            return [[f" {w} " for w in form] for form in forms]

        for group in plan.include:
            clause, clause_params = _contains_sql(words, padded(group))
            clauses.append(clause)
            params.extend(clause_params)
        if plan.exclude:
            clause, clause_params = _contains_sql(words, padded(plan.exclude))
            clauses.append(f"NOT {clause}")
            params.extend(clause_params)
        checks, check_params = _checks_sql(plan, restrict, "c1", "id")
        sql = (
            f"SELECT id, 0.0, c1 FROM {self.table}_content "
            f"WHERE {' AND '.join(clauses + checks)} LIMIT %s"
        )
        return sql, [*params, *check_params, limit]

    def verify(self, plan, ids, restrict):
        # FTS5 answers "MATCH … AND rowid IN (…)" by re-running the match per
        # rowid (~0.5 s for 1000 ids), and even a plain "rowid IN (…)" on the
        # virtual table is slow; the rows are read from FTS5's documented
        # content table (%_content: id, c0 = words, c1 = plain) and tested here.
        found = {}
        with self.connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                sql = (
                    f"SELECT id, c0, c1 FROM {self.table}_content "
                    f"WHERE id IN ({', '.join(['%s'] * len(chunk))})"
                )
                params = list(chunk)
                if restrict is not None:
                    sql += f" AND id IN ({restrict[0]})"
                    params.extend(restrict[1])
                cursor.execute(sql, params)
                for pk, words, plain in cursor.fetchall():
                    if matches(plan, words, plain):
                        found[pk] = plain
        return found

    def _plains(self, ids):
        if not ids:
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, c1 FROM {self.table}_content "
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                list(ids),
            )
            return dict(cursor.fetchall())

    def finish_load(self):
        # Merge the b-tree segments the load left behind: fewer to visit per query.
        self._run(
            f"INSERT INTO {self.table} ({self.table}) VALUES ('optimize')",
            f"INSERT INTO {self.grams} ({self.grams}) VALUES ('optimize')",
        )

    def match_sql(self, plan):
        expr = " AND ".join(_fts_or(group) for group in plan.include)
        if plan.exclude:
            expr = f"({expr}) NOT {_fts_or(plan.exclude)}"
        # bm25() is lower-is-better; negate so every backend scores higher-is-better.
        return f"{self.table} MATCH %s", [expr], f"-bm25({self.table})", []

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", [self.table + "%"]
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is a compile-time option of SQLite
                return 0


def _fts_or(forms) -> str:
    return "(" + " OR ".join(
        "(" + " AND ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"
        for words in forms
    ) + ")"


class PostgresBackend(SearchBackend):
    """A tsvector column with the 'simple' configuration (no stemming, no stop
    words: the words are already jieba's) and a GIN index; scored by ts_rank
    with length normalisation (option 1: divide by 1 + log(length))."""

    vendor = "postgresql"
    id_column = "provision_id"

    def candidates_sql(self, plan, restrict=None, limit=CANDIDATE_LIMIT):
        # The plain texts the re-ranking reads (the best RERANK) come in the
        # same round trip.
        if not plan.uses_index:
            return super().candidates_sql(plan, restrict, limit)
        where, params, score, score_params = self._candidate_parts(plan, restrict)
        matched = (
            f"SELECT provision_id AS id, {score} AS score, plain FROM {self.table} "
            f"WHERE {where} LIMIT %s"
        )
        return (
            "SELECT id, score, CASE WHEN row_number() OVER (ORDER BY score DESC, id) "
            f"<= {RERANK} THEN plain END FROM ({matched}) AS matched",
            [*score_params, *params, limit],
        )

    def create_index(self):
        self._run(
            f"CREATE TABLE IF NOT EXISTS {self.table} ("
            "provision_id bigint PRIMARY KEY, words tsvector NOT NULL, plain text NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.table}_words ON {self.table} USING gin (words)",
            # The grams are an unordered set: array_to_tsvector, no parsing.
            f"CREATE TABLE IF NOT EXISTS {self.grams} ("
            "provision_id bigint PRIMARY KEY, grams tsvector NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.grams}_grams ON {self.grams} USING gin (grams)",
        )

    def insert(self, rows):
        # COPY, with the tsvector written out here exactly as
        # to_tsvector('simple', words) makes it (a test holds the two equal).
        rows = list(rows)
        with self.connection.cursor() as cursor:
            _copy(
                cursor,
                self.table,
                ("provision_id", "words", "plain"),
                (
                    f"{pk}\t{words_tsvector_text(words)}\t{plain.translate(_COPY_ESCAPES)}\n"
                    for pk, words, plain in rows
                ),
            )
            self._insert_grams(cursor, [(pk, plain) for pk, _w, plain in rows])

    def _insert_grams(self, cursor, rows):
        # tsvector's text form, quoted lexemes without positions; grams are
        # Han characters only, so nothing in them needs escaping.
        _copy(
            cursor,
            self.grams,
            ("provision_id", "grams"),
            (f"{pk}\t{_tsvector_text(index_grams(plain))}\n" for pk, plain in rows),
        )

    def _insert_impacts(self, rows):
        with self.connection.cursor() as cursor:
            # Words are runs of letters and digits: nothing to escape.
            _copy(
                cursor,
                self.impact,
                ("term", "score", "provision_id"),
                (f"{term}\t{score!r}\t{pk}\n" for term, score, pk in rows),
            )

    def backfill_grams(self):
        added = 0
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.provision_id, s.plain FROM {self.table} s WHERE NOT EXISTS "
                f"(SELECT 1 FROM {self.grams} g WHERE g.provision_id = s.provision_id)"
            )
            rows = cursor.fetchall()
            for i in range(0, len(rows), 500):
                self._insert_grams(cursor, rows[i : i + 500])
                added += len(rows[i : i + 500])
        return added

    def bulk_load(self, make_batches):
        # Building GIN once over loaded rows is several times faster than
        # maintaining it row by row.
        self._run(f"DROP INDEX IF EXISTS {self.table}_words", f"DROP INDEX IF EXISTS {self.grams}_grams")
        super().bulk_load(make_batches)

    def finish_load(self):
        self._run(
            # A GIN build sorts its entries in maintenance_work_mem (64 MB by
            # default); more memory, fewer merge passes.  Transaction-local.
            "SET LOCAL maintenance_work_mem = '512MB'",
            f"CREATE INDEX {self.table}_words ON {self.table} USING gin (words)",
            f"CREATE INDEX {self.grams}_grams ON {self.grams} USING gin (grams)",
            f"ANALYZE {self.table}",
            f"ANALYZE {self.grams}",
        )

    def tidy(self):
        # VACUUM sets the visibility map of the freshly loaded pages, so that
        # impact lists are read by index-only scans instead of a bitmap scan
        # and a sort (1M bench: median query 1.91 -> 1.54 ms, for 9 s of
        # VACUUM after a 367 s load); ANALYZE ran in finish_load already.
        # VACUUM cannot run inside a transaction block: callers see to that.
        self._run(*(f"VACUUM {t}" for t in (self.table, self.impact, self.terms, self.grams)))

    def gram_sql(self, plan, restrict, limit):
        clauses = ["g.grams @@ to_tsquery('simple', %s)"]
        params = [" & ".join(_ts_or(group) for group in plan.grams)]
        if plan.include:
            where, where_params, _s, _p = self.match_sql(plan)
            clauses.append(f"s.{where}")
            params.extend(where_params)
        elif plan.exclude:
            clauses.append("NOT s.words @@ to_tsquery('simple', %s)")
            params.append(_ts_or(plan.exclude))
        checks, check_params = _checks_sql(plan, restrict, "s.plain", "s.provision_id")
        sql = (
            f"SELECT s.provision_id, 0.0, s.plain FROM {self.grams} g "
            f"JOIN {self.table} s ON s.provision_id = g.provision_id "
            f"WHERE {' AND '.join(clauses + checks)} LIMIT %s"
        )
        return sql, [*params, *check_params, limit]

    checks_impacts_in_sql = True

    def impacts_sql(self, plan, driver, restrict):
        # One round trip for lists, check and texts: each candidate looked up
        # by primary key and checked against the whole query, the plain texts
        # of the best RERANK (the re-ranking reads only those) coming along.
        # Lists needing no check are read bare, and the texts by a second
        # statement: 0.45 ms against 0.6-0.9 ms for the window function and
        # per-row subquery that would fold them in (科技 at 100k).
        lists, params = super().impacts_sql(plan, driver, restrict)
        if not _needs_check(plan, restrict):
            return lists, params
        candidates = f"SELECT provision_id AS id, score FROM ({lists}) AS lists"
        if len(driver) > 1:  # an id on several lists counts once, at its best
            candidates = f"SELECT id, max(score) AS score FROM ({candidates}) AS c GROUP BY id"
        head = f"row_number() OVER (ORDER BY c.score DESC, c.id) <= {RERANK}"
        where, where_params, _s, _p = self.match_sql(plan)
        checks, check_params = _checks_sql(plan, restrict, "s.plain", "s.provision_id")
        sql = (
            f"SELECT c.id, c.score, CASE WHEN {head} THEN s.plain END FROM ({candidates}) AS c "
            f"JOIN {self.table} s ON s.provision_id = c.id "
            f"WHERE {' AND '.join([f's.{where}', *checks])}"
        )
        return sql, [*params, *where_params, *check_params]

    def match_sql(self, plan):
        expr = " & ".join(_ts_or(group) for group in plan.include)
        if plan.exclude:
            expr = f"({expr}) & !{_ts_or(plan.exclude)}"
        query = "to_tsquery('simple', %s)"
        return f"words @@ {query}", [expr], f"ts_rank(words, {query}, 1)", [expr]

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size(%s) + pg_total_relation_size(%s) "
                "+ pg_total_relation_size(%s)",
                [self.table, self.impact, self.grams],
            )
            return int(cursor.fetchone()[0] or 0)


# to_tsvector keeps at most 255 positions per lexeme, each at most 16383.
MAX_POSITIONS, MAX_POSITION = 255, 16383
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def words_tsvector_text(words: str) -> str:
    """tsvector's text form of space-separated words with their positions,
    as to_tsvector('simple', …) gives for words that are runs of letters and
    digits ('科技':1,4 '创新':2)."""
    positions: dict[str, list[str]] = {}
    for i, word in enumerate(words.split(), 1):
        kept = positions.setdefault(word, [])
        if len(kept) < MAX_POSITIONS:
            kept.append(str(min(i, MAX_POSITION)))
    return " ".join(f"'{w}':{','.join(ps)}" for w, ps in positions.items())


def _tsvector_text(lexemes) -> str:
    """tsvector's text form of lexemes without positions ('碳' '碳达')."""
    return "'" + "' '".join(lexemes) + "'" if lexemes else ""


def _copy(cursor, table, columns, lines):
    """COPY lines (COPY's text format, one row each, values tab-separated)
    into a table: several times faster than INSERT for a bulk load.  The
    callers' values hold no tab, newline or backslash, so nothing is escaped."""
    buffer = io.StringIO("".join(lines))
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _ts_or(forms) -> str:
    # Words are runs of letters and digits (documents.tokenize), so quoting
    # them needs no escaping.
    return "(" + " | ".join(
        "(" + " & ".join(f"'{w}'" for w in words) + ")" for words in forms
    ) + ")"


BACKENDS = {b.vendor: b for b in (SQLiteBackend, PostgresBackend)}


def backend_for(connection, table: str = TABLE) -> SearchBackend:
    try:
        return BACKENDS[connection.vendor](connection, table)
    except KeyError:
        raise NotImplementedError(
            f"全文检索不支持数据库 {connection.vendor}。 / Search does not support {connection.vendor}."
        ) from None


class StandaloneConnection:
    """A plain DB-API connection (sqlite3, psycopg2) dressed as Django's, so a
    backend can run outside the project's database: the benchmark's own
    databases, and the cross-backend test that rebuilds the PostgreSQL index in
    an in-memory SQLite to compare result sets.

    Django's SQLite wrapper turns ``%s`` into ``?``; sqlite3 needs that done here.
    """

    def __init__(self, dbapi_connection, vendor: str):
        self.raw = dbapi_connection
        self.vendor = vendor

    def cursor(self):
        return _StandaloneCursor(self.raw.cursor(), self.vendor == "sqlite")


class _StandaloneCursor:
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

    def copy_expert(self, sql, file):
        return self.cursor.copy_expert(sql, file)
