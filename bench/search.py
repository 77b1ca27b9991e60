"""Search benchmark: the two backends against three peers on a synthetic corpus.

    .venv/bin/python bench/search.py --sizes 10000 100000 --databases sqlite postgresql

The corpus is built from the ingested provisions (run ``manage.py ingest``
first): each synthetic provision takes a real provision as its template and
keeps each of its clauses (split at ，。；：) with probability 1/2, replacing
the others by a clause drawn from the whole corpus, with digits perturbed.
Clause counts, and so lengths and term frequencies, follow the real corpus.
Clauses are segmented once and the synthetic words are the concatenation of
the clause words; jieba's own rate is measured separately, on the real text
(one process) and on the synthetic corpus with one worker per core (as
``rebuild_search_index`` runs it), and added to the index build for the
"index build including segmentation" figure.

For every database and size it prints: index build time and characters per
second, index size, p50/p95 latency for a mixed query set, side by side with

* icontains — the naive scan the issue names: every provision whose text
              contains each typed word, with the SQL Django writes for
              ``plain__icontains`` (SQLite LIKE, PostgreSQL UPPER(…) LIKE UPPER(…));
* scan      — the fastest scan for the same matches (SQLite instr, PostgreSQL
              strpos: no case folding), the stricter yardstick;
* trigram   — SQLite FTS5 trigram tokenizer / PostgreSQL pg_trgm GIN, all matches;
* tantivy   — tantivy over the same jieba words, ranked top 10 (BM25);

and recall of each engine's match set against the scan's.  ``ours`` is the
project's backend exactly as the site calls it (parse → plan → bounded,
ranked candidates → top 10), minus the ORM work of showing a page.  The
PostgreSQL plans (EXPLAIN ANALYZE) of the statement each of a few queries
runs are printed.

The benchmark uses its own databases: /tmp/policybase-bench-search/ and the
PostgreSQL database ``policybase_bench`` (created with a UTF-8 ctype, which
pg_trgm needs to see Chinese characters as word characters).
"""

import argparse
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")

import django  # noqa: E402

django.setup()

from documents.models import Provision  # noqa: E402
from documents.search import schema  # noqa: E402
from documents.search.backends.postgres import PostgresSearchBackend  # noqa: E402
from documents.search.backends.sqlite import SQLiteSearchBackend  # noqa: E402
from documents.search.backends.standalone import StandaloneConnection  # noqa: E402
from documents.search.normalise import normalise  # noqa: E402
from documents.search.plan import plan_for  # noqa: E402
from documents.search.query import parse  # noqa: E402
from documents.search.ranking import CANDIDATE_LIMIT  # noqa: E402
from documents.search.segmentation import segment, segmenter, tokens  # noqa: E402

QUERIES = [
    # words in most provisions
    "科技", "创新", "企业", "科技 创新", "发展",
    # mid-frequency words and compounds
    "人才 引进", "成果转化", "高新技术企业", "知识产权", "产学研", "技术转移 -人才",
    "医药健康 OR 生物医药", "高企", "双创", "科技金融", "重点实验室",
    # rare terms
    "揭榜挂帅", "院士工作站", "技术经纪人", "双千工程", "中试熟化", "舟桥机制",
    # phrase, single character, unknown word, abbreviation needing a substring check
    '"科技成果转移转化"', "碳", "碳达峰", "R&D",
]
TOP = 10
ENGINES = ("ours", "trigram", "icontains", "scan", "tantivy")
SQLITE_DIR = Path("/tmp/policybase-bench-search")
PG_DB = "policybase_bench"
CLAUSE = re.compile(r"[^，。；：！？,;:]+[，。；：！？,;:]?")
DIGIT = re.compile(r"\d")


# --------------------------------------------------------------------------
# Corpus


def clause_table():
    """Real provisions as lists of (clause text, clause words)."""
    cache: dict[str, tuple[str, str]] = {}
    templates = []
    for p in Provision.objects.order_by("pk"):
        text = " ".join(filter(None, (p.heading, p.text)))
        clauses = []
        for c in CLAUSE.findall(text):
            if c not in cache:
                cache[c] = (normalise(c), segment(c))
            clauses.append(cache[c])
        if clauses:
            templates.append(clauses)
    pool = [c for t in templates for c in t]
    return templates, pool


def corpus(n, templates, pool, seed=7):
    """Yield n (id, words, plain) rows, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        template = rng.choice(templates)
        plain, words = [], []
        for clause in template:
            text, segmented = clause if rng.random() < 0.5 else rng.choice(pool)
            if rng.random() < 0.1:
                digit = str(rng.randrange(10))
                text, segmented = DIGIT.sub(digit, text), DIGIT.sub(digit, segmented)
            plain.append(text)
            words.append(segmented)
        yield i, " ".join(w for w in words if w), "".join(plain)


def batches(rows, size=5000):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------------
# The scan semantics shared by the peers: each typed word as a substring


def scan_terms(raw):
    """(OR-groups of substrings, excluded substrings) as a plain scan reads a query."""
    q = parse(raw)
    groups = [[t.forms[0].text for t in group] for group in q.groups]
    excluded = [t.forms[0].text for t in q.excluded]
    return groups, excluded


def scan_sql(raw, column, contains):
    groups, excluded = scan_terms(raw)
    clauses, params = [], []
    for group in groups:
        clauses.append("(" + " OR ".join(contains for _ in group) + ")")
        params.extend(group)
    for word in excluded:
        clauses.append(f"NOT {contains}")
        params.append(word)
    return " AND ".join(clauses) or "1=1", params


# LIKE's pattern for "contains": the words are runs of letters, digits and
# &, so nothing in them needs escaping.
LIKE_PATTERN = "%{}%"


def icontains_sql(vendor):
    """The WHERE clause Django itself writes for ``plain__icontains=…`` on this
    vendor (its backend's lookup cast and operator): the issue's naive scan."""
    if vendor == "postgresql":
        from django.db.backends.postgresql.base import DatabaseWrapper
    else:
        from django.db.backends.sqlite3.base import DatabaseWrapper
    lhs = DatabaseWrapper.ops_class.lookup_cast(None, "icontains") % "plain"
    return f"{lhs} {DatabaseWrapper.operators['icontains']}"


def timed(fn, runs):
    samples = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return result, samples


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def ours(backend, raw):
    def run():
        return backend.candidates(plan_for(parse(raw)), limit=CANDIDATE_LIMIT).ids[:TOP]

    return run


def our_set(backend, raw):
    """Every match, unbounded (impact lists switched off): what the engine's
    matching finds, to compare with the scan."""
    return set(backend.candidates(plan_for(parse(raw)), limit=10**8, exhaustive=True).ids)


# --------------------------------------------------------------------------
# Engines per database


def build_sqlite(n, templates, pool):
    SQLITE_DIR.mkdir(exist_ok=True)
    out = {}
    for name in ("ours", "trigram", "scan"):
        path = SQLITE_DIR / f"{name}-{n}.sqlite3"
        path.unlink(missing_ok=True)
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("BEGIN")
        rows = corpus(n, templates, pool)
        started = time.perf_counter()
        if name == "ours":
            backend = SQLiteSearchBackend(StandaloneConnection(raw, "sqlite"), "search_index")
            schema.create(backend.connection, "search_index")
            backend.rebuilder.bulk_load(lambda _pass: batches(corpus(n, templates, pool)))
        elif name == "trigram":
            raw.execute("CREATE VIRTUAL TABLE trigram USING fts5(plain, tokenize='trigram')")
            raw.executemany(
                "INSERT INTO trigram (rowid, plain) VALUES (?, ?)", ((i, p) for i, _w, p in rows)
            )
            raw.execute("INSERT INTO trigram (trigram) VALUES ('optimize')")
        else:
            raw.execute("CREATE TABLE provision (id INTEGER PRIMARY KEY, plain TEXT)")
            raw.executemany(
                "INSERT INTO provision (id, plain) VALUES (?, ?)", ((i, p) for i, _w, p in rows)
            )
        raw.execute("COMMIT")
        elapsed = time.perf_counter() - started
        raw.execute("VACUUM")
        out[name] = {"conn": raw, "build": elapsed, "size": path.stat().st_size}
    backend = SQLiteSearchBackend(StandaloneConnection(out["ours"]["conn"], "sqlite"), "search_index")

    def scan_all(raw_query, contains="instr(plain, ?) > 0", pattern="{}"):
        where, params = scan_sql(raw_query, "plain", contains)
        params = [pattern.format(p) for p in params]
        sql = f"SELECT id FROM provision WHERE {where}"
        return lambda: {r[0] for r in out["scan"]["conn"].execute(sql, params)}

    def icontains_all(raw_query):
        return scan_all(raw_query, icontains_sql("sqlite").replace("%s", "?"), LIKE_PATTERN)

    def trigram_all(raw_query):
        # LIKE on an FTS5 trigram column uses the index for patterns of 3+
        # characters; shorter ones fall back to scanning the table.
        where, params = scan_sql(raw_query, "plain", "plain LIKE ?")
        params = [f"%{p}%" for p in params]
        sql = f"SELECT rowid FROM trigram WHERE {where}"
        return lambda: {r[0] for r in out["trigram"]["conn"].execute(sql, params)}

    return backend, out, {"scan": scan_all, "icontains": icontains_all, "trigram": trigram_all}


def build_postgres(n, templates, pool, url):
    import psycopg2

    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        cursor.execute(
            f"CREATE DATABASE {PG_DB} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    admin.close()
    raw = psycopg2.connect(url.rsplit("/", 1)[0] + "/" + PG_DB)
    raw.autocommit = True
    cursor = raw.cursor()
    cursor.execute("SHOW lc_ctype")
    ctype = cursor.fetchone()[0]
    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    out = {}
    backend = PostgresSearchBackend(StandaloneConnection(raw, "postgresql"), "search_index")
    schema.create(backend.connection, "search_index")
    started = time.perf_counter()
    cursor.execute("BEGIN")  # as rebuild_search_index runs it: one transaction
    backend.rebuilder.bulk_load(lambda _pass: batches(corpus(n, templates, pool)))
    cursor.execute("COMMIT")
    backend.rebuilder.vacuum()  # and then VACUUM, as it does too
    out["ours"] = {"build": time.perf_counter() - started, "size": backend.size_bytes()}

    cursor.execute("CREATE TABLE provision (id bigint PRIMARY KEY, plain text)")
    started = time.perf_counter()
    for batch in batches(corpus(n, templates, pool)):
        values = ", ".join(["(%s, %s)"] * len(batch))
        cursor.execute(
            f"INSERT INTO provision (id, plain) VALUES {values}",
            [v for i, _w, p in batch for v in (i, p)],
        )
    cursor.execute("ANALYZE provision")
    out["scan"] = {"build": time.perf_counter() - started}
    cursor.execute("SELECT pg_total_relation_size('provision')")
    out["scan"]["size"] = cursor.fetchone()[0]
    started = time.perf_counter()
    cursor.execute("CREATE INDEX provision_trgm ON provision USING gin (plain gin_trgm_ops)")
    out["trigram"] = {"build": time.perf_counter() - started}
    cursor.execute("SELECT pg_relation_size('provision_trgm')")
    out["trigram"]["size"] = cursor.fetchone()[0]

    def scan_all(raw_query, contains="strpos(plain, %s) > 0", pattern="{}"):
        # strpos() cannot use the trigram index: this is the sequential scan.
        where, params = scan_sql(raw_query, "plain", contains)
        params = [pattern.format(p) for p in params]
        sql = f"SELECT id FROM provision WHERE {where}"

        def run():
            cursor.execute(sql, params)
            return {r[0] for r in cursor.fetchall()}

        return run

    def trigram_all(raw_query):
        where, params = scan_sql(raw_query, "plain", "plain LIKE %s")
        params = [f"%{p}%" for p in params]
        sql = f"SELECT id FROM provision WHERE {where}"

        def run():
            cursor.execute(sql, params)
            return {r[0] for r in cursor.fetchall()}

        return run

    def icontains_all(raw_query):
        # UPPER(plain::text) LIKE UPPER(…): the trigram index is on plain, not
        # on UPPER(plain), so this scans too, as an unindexed icontains does.
        return scan_all(raw_query, icontains_sql("postgresql"), LIKE_PATTERN)

    out["ctype"] = ctype
    out["cursor"] = cursor
    out["connection"] = raw
    return backend, out, {"scan": scan_all, "icontains": icontains_all, "trigram": trigram_all}


# --------------------------------------------------------------------------
# tantivy


def build_tantivy(n, templates, pool):
    import tantivy

    path = SQLITE_DIR / f"tantivy-{n}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, fast=True)
    builder.add_text_field("words", tokenizer_name="jieba_words", index_option="freq")
    schema = builder.build()
    index = tantivy.Index(schema, path=str(path))
    index.register_tokenizer(
        "jieba_words", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )
    started = time.perf_counter()
    writer = index.writer(heap_size=512_000_000)
    for i, words, _plain in corpus(n, templates, pool):
        writer.add_document(tantivy.Document(id=i, words=words))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build = time.perf_counter() - started
    size = sum(f.stat().st_size for f in path.iterdir())
    searcher = index.searcher()

    def query_for(raw):
        plan = plan_for(parse(raw))
        if not plan.include:
            return None  # nothing the word index can answer (single character …)

        def words_query(words):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "words", w)) for w in words]
            )

        clauses = [
            (
                tantivy.Occur.Must,
                tantivy.Query.boolean_query(
                    [(tantivy.Occur.Should, words_query(ws)) for ws in group]
                ),
            )
            for group in plan.include
        ]
        clauses += [(tantivy.Occur.MustNot, words_query(ws)) for ws in plan.exclude]
        return tantivy.Query.boolean_query(clauses)

    def top(raw):
        query = query_for(raw)

        def run():
            if query is None:
                return []
            return [searcher.doc(a)["id"][0] for _s, a in searcher.search(query, TOP).hits]

        return run

    def all_matches(raw):
        query = query_for(raw)
        if query is None:
            return set()
        return {searcher.doc(a)["id"][0] for _s, a in searcher.search(query, n).hits}

    return {"build": build, "size": size, "top": top, "all": all_matches}


# --------------------------------------------------------------------------


def report(database, n, chars, builds, latencies, recalls, runs):
    print(f"\n## {database}, {n:,} provisions ({chars / 1e6:.1f} M characters), {runs} runs per query\n")
    print("| engine | build s | build chars/s | size MB | p50 ms | p95 ms | max ms | recall vs scan |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in ENGINES:
        if name not in latencies:
            continue
        b = builds.get(name, builds["scan"] if name == "icontains" else {})  # one table
        lat = [x for q in latencies[name].values() for x in q]
        per_query = [statistics.median(v) for v in latencies[name].values()]
        rec = recalls.get(name)
        print(
            f"| {name} | {b.get('build', 0):.1f} | {chars / b['build'] if b.get('build') else 0:,.0f} "
            f"| {b.get('size', 0) / 1e6:.1f} | {statistics.median(per_query):.2f} "
            f"| {percentile(lat, 95):.2f} | {max(lat):.1f} "
            f"| {rec if rec is None else f'{rec:.3f}'} |"
        )
    print(f"\nPer query, median ms ({' / '.join(ENGINES)}), matches by scan:\n")
    print(f"| query | {' | '.join(ENGINES)} | scan matches |")
    print("| --- |" + " ---: |" * (len(ENGINES) + 1))
    for raw in QUERIES:
        cells = [
            f"{statistics.median(latencies[e][raw]):.2f}" if e in latencies else "-"
            for e in ENGINES
        ]
        print(f"| `{raw}` | " + " | ".join(cells) + f" | {recalls['scan_counts'][raw]:,} |")
    for peer, label in (
        ("icontains", "the icontains scan (Django's SQL)"),
        ("scan", "the fastest substring scan (strpos/instr)"),
    ):
        if latencies.get(peer):
            speedups = [
                statistics.median(latencies[peer][q]) / statistics.median(latencies["ours"][q])
                for q in QUERIES
            ]
            print(f"\nmedian speed-up of ours over {label}: {statistics.median(speedups):.0f}×", end="")
    print()
    if "tantivy" in latencies:
        ours_p95 = percentile([x for q in latencies["ours"].values() for x in q], 95)
        tantivy_p95 = percentile([x for q in latencies["tantivy"].values() for x in q], 95)
        print(f"p95 ours / p95 tantivy: {ours_p95 / tantivy_p95:.1f}×")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument(
        "--no-peers",
        dest="peers_and_recall",
        action="store_false",
        help="skip the scan and trigram peers and the recall (ours and tantivy only)",
    )
    parser.add_argument("--scan-runs", type=int, default=1, help="runs of the slow peers per query")
    parser.add_argument(
        "--segment-sample",
        type=int,
        default=100_000,
        help="provisions segmented to measure the segmentation rate of large corpora",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    args = parser.parse_args()

    templates, pool = clause_table()
    real_text = [
        " ".join(filter(None, (p.heading, p.text))) for p in Provision.objects.order_by("pk")
    ]
    tokens(real_text[0])  # load jieba's dictionaries outside the timing
    # Segmentation keeps no cache, so repeating the text times it as on
    # text never seen.
    started = time.perf_counter()
    for text in real_text * 5:
        tokens(text)
    seg_rate = sum(map(len, real_text)) * 5 / (time.perf_counter() - started)
    print(
        "# Search benchmark\n\nsegmentation (normalise + jieba), real text, one process, "
        f"no cache: {seg_rate:,.0f} chars/s"
    )
    print(f"corpus built from {len(templates)} real provisions, {len(pool)} clauses")

    for n in args.sizes:
        chars = sum(len(p) for _i, _w, p in corpus(n, templates, pool))
        # What rebuild_search_index does before the index build: segment
        # every text, one worker per core (documents.search.segmentation.segmenter).
        sample = [p for _i, _w, p in corpus(min(n, args.segment_sample), templates, pool)]
        started = time.perf_counter()
        with segmenter(len(sample)) as segment_texts:
            segment_texts(sample)
        parallel_rate = sum(map(len, sample)) / (time.perf_counter() - started)
        print(
            f"\nsegmentation of the {len(sample):,}-provision synthetic corpus"
            f"{'' if len(sample) == n else ' sample'}, {os.cpu_count()} processes, no cache: "
            f"{parallel_rate:,.0f} chars/s (pool start-up included)"
        )
        tantivy = None if args.no_tantivy else build_tantivy(n, templates, pool)
        for database in args.databases:
            if database == "sqlite":
                backend, builds, peers = build_sqlite(n, templates, pool)
            else:
                backend, builds, peers = build_postgres(n, templates, pool, args.postgres_url)
            latencies = {"ours": {}}
            if args.peers_and_recall:
                latencies.update({name: {} for name in peers})
            recalls = {"scan_counts": {}}
            hits = {"ours": 0, "trigram": 0, "tantivy": 0}
            expected = 0
            if tantivy:
                latencies["tantivy"] = {}
                builds["tantivy"] = tantivy
            for raw in QUERIES:
                ours(backend, raw)()  # warm the cache the way a live server is warm
                _r, latencies["ours"][raw] = timed(ours(backend, raw), args.runs)
                if args.peers_and_recall:
                    found = {}
                    for name, peer in peers.items():
                        found[name], latencies[name][raw] = timed(peer(raw), args.scan_runs)
                    scan_set, trigram_set = found["scan"], found["trigram"]
                    assert found["icontains"] == scan_set, raw
                    hits["ours"] += len(scan_set & our_set(backend, raw))
                    hits["trigram"] += len(scan_set & trigram_set)
                else:
                    scan_set = set()
                recalls["scan_counts"][raw] = len(scan_set)
                expected += len(scan_set)
                if tantivy:
                    tantivy["top"](raw)()
                    _r, latencies["tantivy"][raw] = timed(tantivy["top"](raw), args.runs)
                    if args.peers_and_recall:
                        hits["tantivy"] += len(scan_set & tantivy["all"](raw))
            for name in hits:
                recalls[name] = hits[name] / expected if expected else None
            recalls["scan"] = 1.0
            if not args.peers_and_recall:
                recalls = {k: (None if k != "scan_counts" else v) for k, v in recalls.items()}
            report(database, n, chars, builds, latencies, recalls, args.runs)
            total = chars / parallel_rate + builds["ours"]["build"]
            print(
                f"index build including segmentation (ours): {total:.1f} s, "
                f"{chars / total:,.0f} chars/s"
            )
            if database == "postgresql":
                print(f"\nbench database lc_ctype: {builds['ctype']}")
                cursor = builds["cursor"]
                for raw in ("科技", "科技 创新", "技术经纪人", "舟桥机制", "碳达峰", "碳"):
                    # The one statement candidates() runs for the query.
                    route = backend.route(plan_for(parse(raw)))
                    sql, params = backend.terms.with_version(route.sql, route.params)
                    cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
                    print(f"\nEXPLAIN ANALYZE ({raw}, {route.kind}):\n")
                    for (line,) in cursor.fetchall():
                        print("    " + line)
                builds["connection"].close()
            sys.stdout.flush()


if __name__ == "__main__":
    main()
