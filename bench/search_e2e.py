"""Search end to end at scale: the whole search request (facets, snippets,
the "why" explanation, the page or the JSON) beside the backend alone, on
bench/search.py's synthetic corpus, in one run.

    .venv/bin/python bench/search_e2e.py --sizes 100000 --databases sqlite postgresql
    .venv/bin/python bench/search_e2e.py --sizes 100000 --reuse      # time again, no build

For each size and database it builds a site database (SQLite:
/tmp/policybase-bench-search/site-<n>.sqlite3; PostgreSQL: the database
``policybase_bench_site_<n>``, UTF-8 ctype as bench/search.py makes its own),
left in place for ``--reuse``:

* migrate, ingest the bundled corpus (its documents, themes, instrument
  types, indicators), then ``n`` provisions: exactly the rows of
  bench/search.py's ``corpus(n)`` (same seed, same text and words), each
  carrying the themes, measures with their instrument types, subsidies and
  targets of the real provision its text was made from, so that facets
  count what they would on a real corpus of that size; grouped into
  documents of 1,000 provisions (copies of the bundled ones, texts
  included), chapters of 20 (a chapter heads, nineteen articles below it:
  paths of two levels);
* the bundled documents are deleted, and the search index is loaded from
  the corpus' words and texts as bench/search.py loads its own (the same
  rows); then ANALYZE (PostgreSQL: VACUUM ANALYZE, as autovacuum would
  have by then).

Then, in a process of its own on that database (production settings, the
response cache off, throttling limits out of the way as in bench/loadrun.py),
for each query of bench/search.py's mixed set (``QUERY_TYPES``), after one
warm-up, ``--runs`` times each:

* **backend** — what bench/search.py times as *ours*:
  ``tiered_candidates(backend, parse(raw)).ids[:10]``;
* **search()** — ``engine.search(raw)``: the backend, the page's provisions,
  snippets, explanations and facets;
* **API** and **page** — ``GET /api/v1/search/?q=…`` and ``GET /search/?q=…``
  through Django's test client: URL routing, middleware, throttling, the view,
  JSON or the template.

It prints p50 (the median of the per-query medians) and p95 (over every
run) of each, wall and CPU (this process, and on PostgreSQL the server
process answering it, from ``/proc``), per query type and overall, and the
load average.  Goal (issue 17): page and API p95 <= 50 ms at 100k.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
PYTHON = ROOT / ".venv" / "bin" / "python"
SQLITE_DIR = Path("/tmp/policybase-bench-search")
PG_DB = "policybase_bench_site"
PER_DOCUMENT = 1000
PER_CHAPTER = 20
GOAL_P95_MS = 50.0
MEASURES = ("backend", "search()", "API", "page")


# --------------------------------------------------------------------------
# Build (in a process whose DATABASE_URL is the site database)


def copy_related(cursor, model, substitute, joins=""):
    """INSERT … SELECT a copy of every row of ``model`` that belongs to a
    template provision, for each synthetic provision made from it
    (``bench_map``: new_id, template_id, document_id); ``substitute`` gives
    the SQL of the columns that change."""
    from django.db import connection

    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(substitute.get(f.column, f"x.{quote(f.column)}") for f in fields)
    cursor.execute(
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT {values} "
        f"FROM bench_map m JOIN {quote(model._meta.db_table)} x ON x.provision_id = m.template_id "
        + joins
    )


def build_site(n):
    """Fill the (migrated) site database with the corpus of ``n`` provisions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from documents.models import Document, Provision
    from documents.search.backends import backend_for
    from documents.search.backends.sql import insert_rows

    sys.path.insert(0, str(BENCH))
    from search import batches, clause_table, templated_corpus

    started = time.perf_counter()
    call_command("ingest", verbosity=0)
    templates, pool, template_pks = clause_table(with_pks=True)
    real = list(Document.objects.order_by("pk"))
    template_document = dict(Provision.objects.values_list("pk", "document_id"))
    by_pk = {d.pk: d for d in real}
    quote = connection.ops.quote_name
    fields = [f for f in Provision._meta.concrete_fields]
    columns = tuple(quote(f.column) for f in fields)
    with transaction.atomic():
        # Documents: copies of the bundled ones, every column but the key.
        documents = []
        for j in range(-(-n // PER_DOCUMENT)):
            document = Document.objects.get(pk=real[j % len(real)].pk)
            document.pk = None
            document.key = f"{document.key}-{j + 1}"
            document.original = None
            document.save()
            documents.append(document)
        first_id = Provision.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
        rows, mapping, index_rows = [], [], []
        for i, words, plain, t in templated_corpus(n, templates, pool):
            place = (i - 1) % PER_DOCUMENT
            document = documents[(i - 1) // PER_DOCUMENT]
            pk = first_id + i - 1
            head = place % PER_CHAPTER == 0
            values = {
                "id": pk,
                "document_id": document.pk,
                "parent_id": None if head else pk - place % PER_CHAPTER,
                "key": f"s{i}",
                "kind": "chapter" if head else "article",
                "label": f"第{place // PER_CHAPTER + 1}章" if head else f"第{place % PER_CHAPTER}条",
                "number": None,
                "heading": "",
                "text": plain,
                "cells": "{}",
                "position": place,
                "depth": 0 if head else 1,
                "start": 0,
                "text_start": 0,
                "text_end": len(plain),
                "search_text": words,
            }
            rows.append(tuple(values[f.attname] for f in fields))
            mapping.append((pk, template_pks[t], document.pk))
            index_rows.append((pk, words, plain))
        with connection.cursor() as cursor:
            insert_rows(cursor, quote(Provision._meta.db_table), columns, rows)
            cursor.execute(
                "CREATE TABLE bench_map (new_id bigint PRIMARY KEY, template_id bigint, "
                "document_id bigint)"
            )
            insert_rows(cursor, "bench_map", ("new_id", "template_id", "document_id"), mapping)
            cursor.execute("CREATE INDEX bench_map_template ON bench_map (template_id)")
            themes = Provision._meta.get_field("themes")
            link = quote(themes.m2m_db_table())
            own, other = quote(themes.m2m_column_name()), quote(themes.m2m_reverse_name())
            cursor.execute(
                f"INSERT INTO {link} ({own}, {other}) SELECT m.new_id, l.{other} "
                f"FROM bench_map m JOIN {link} l ON l.{own} = m.template_id"
            )
            measure = Provision._meta.get_field("measures").related_model
            copy_related(cursor, measure, {"document_id": "m.document_id", "provision_id": "m.new_id"})
            types = measure._meta.get_field("instrument_types")
            link = quote(types.m2m_db_table())
            own, other = quote(types.m2m_column_name()), quote(types.m2m_reverse_name())
            table = quote(measure._meta.db_table)
            cursor.execute(
                f"INSERT INTO {link} ({own}, {other}) SELECT nm.id, l.{other} "
                f"FROM bench_map m JOIN {table} tm ON tm.provision_id = m.template_id "
                f"JOIN {table} nm ON nm.provision_id = m.new_id AND nm.start = tm.start "
                f"JOIN {link} l ON l.{own} = tm.id"
            )
            # Subsidies and targets: unique per document and fingerprint.
            fingerprint = "x.fingerprint || '-' || CAST(m.new_id AS TEXT)"
            subsidy = Provision._meta.get_field("subsidies").related_model
            copy_related(
                cursor, subsidy,
                {"document_id": "m.document_id", "provision_id": "m.new_id",
                 "fingerprint": fingerprint, "measure_id": "nm.id"},
                f"LEFT JOIN {table} tm ON tm.id = x.measure_id "
                f"LEFT JOIN {table} nm ON nm.provision_id = m.new_id AND nm.start = tm.start",
            )
            target = Provision._meta.get_field("targets").related_model
            copy_related(
                cursor, target,
                {"document_id": "m.document_id", "provision_id": "m.new_id",
                 "fingerprint": fingerprint},
            )
            cursor.execute("DROP TABLE bench_map")
        # The bundled documents go (their rows were the templates).
        Document.objects.filter(pk__in=by_pk).delete()
        backend = backend_for(connection)
        backend.rebuilder.clear()
        backend.rebuilder.bulk_load(lambda _pass: batches(iter(index_rows)))
    # What autovacuum would have done by the time anyone searched: the
    # statistics, and on PostgreSQL the visibility map (index-only scans).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    assert Provision.objects.count() == n
    print(
        f"built {n:,} provisions in {len(documents)} documents in "
        f"{time.perf_counter() - started:.0f} s "
        f"(template documents: {len(set(template_document.values()))})",
        flush=True,
    )


# --------------------------------------------------------------------------
# Measure (in a process whose DATABASE_URL is the site database)


def measure_site(runs):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from documents.search.backends import backend_for
    from documents.search.engine import search

    sys.path.insert(0, str(BENCH))
    from urllib.parse import quote

    from search import QUERIES, Clock, ours

    connection.ensure_connection()
    server_pid = None
    if connection.vendor == "postgresql":
        server_pid = connection.connection.get_backend_pid()
        niceness = os.getpriority(os.PRIO_PROCESS, 0)
        try:
            if niceness < os.getpriority(os.PRIO_PROCESS, server_pid):
                os.setpriority(os.PRIO_PROCESS, server_pid, niceness)
        except OSError:
            pass
    clock = Clock(server_pid)
    client = Client(HTTP_HOST="127.0.0.1")
    backend = backend_for(connection)

    def get(path):
        def run():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            assert "X-Cache" not in response, "the response cache must be off"
            return response

        return run

    work = {}
    for raw in QUERIES:
        work[raw] = {
            "backend": ours(backend, raw),
            "search()": lambda raw=raw: search(raw),
            "API": get("/api/v1/search/?q=" + quote(raw)),
            "page": get("/search/?q=" + quote(raw)),
        }
    load_before = os.getloadavg()
    figures = {m: {"wall": {}, "cpu": {}} for m in MEASURES}
    for raw, functions in work.items():
        for function in functions.values():
            function()  # warm, as a live server is
        for name in MEASURES:
            walls, cpus = [], []
            for _ in range(runs):
                wall, cpu = clock.now()
                functions[name]()
                wall_after, cpu_after = clock.now()
                walls.append(wall_after - wall)
                cpus.append(cpu_after - cpu)
            figures[name]["wall"][raw] = walls
            figures[name]["cpu"][raw] = cpus
    print("FIGURES " + json.dumps({
        "figures": figures, "load": [load_before, os.getloadavg()],
        "vendor": connection.vendor,
    }))


# --------------------------------------------------------------------------
# Report (in the parent process)


def report(database, n, result, runs):
    sys.path.insert(0, str(BENCH))
    from search import QUERY_TYPES, percentile

    figures = result["figures"]
    (b1, b5, _), (a1, a5, _) = result["load"]
    print(f"\n## {database}, {n:,} provisions, {runs} runs per query\n")
    print(f"load average (1 / 5 min): {b1:.1f} / {b5:.1f} before, {a1:.1f} / {a5:.1f} after, "
          f"on {os.cpu_count()} cores\n")
    for clock in ("wall", "cpu"):
        title = "wall ms" if clock == "wall" else (
            "CPU ms (this process" + (", and the PostgreSQL server process" if database == "postgresql" else "")
            + ")"
        )
        print(f"{title}, p50 / p95:\n")
        print("| query type | queries | " + " | ".join(MEASURES) + " |")
        print("| --- | ---: |" + " ---: |" * len(MEASURES))
        kinds = [*QUERY_TYPES.items(), ("all", [q for qs in QUERY_TYPES.values() for q in qs])]
        for kind, queries in kinds:
            cells = []
            for name in MEASURES:
                values = figures[name][clock]
                p50 = statistics.median(statistics.median(values[q]) for q in queries)
                p95 = percentile([x for q in queries for x in values[q]], 95)
                cells.append(f"{p50:.2f} / {p95:.2f}")
            label = f"**{kind}**" if kind == "all" else kind
            print(f"| {label} | {len(queries)} | " + " | ".join(cells) + " |")
        print()
    overall = [q for qs in QUERY_TYPES.values() for q in qs]
    for name in ("API", "page"):
        p95 = percentile([x for q in overall for x in figures[name]["wall"][q]], 95)
        verdict = "met" if p95 <= GOAL_P95_MS else "NOT met"
        print(f"goal {name} p95 <= {GOAL_P95_MS:.0f} ms (wall): {p95:.1f} ms, {verdict}")
    slowest = sorted(
        overall, key=lambda q: -statistics.median(figures["page"]["wall"][q])
    )[:5]
    print("\nslowest queries (page, median wall ms; backend / search() / API / page):\n")
    for q in slowest:
        cells = " / ".join(f"{statistics.median(figures[m]['wall'][q]):.1f}" for m in MEASURES)
        print(f"    {q}: {cells}")


def run(*args, env, timeout=None):
    return subprocess.run([str(PYTHON), str(Path(__file__).resolve()), *args], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true",
                        help="time the site databases an earlier run left, without building")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        return build_site(args.build)
    if args.measure:
        return measure_site(args.runs)

    sys.path.insert(0, str(BENCH))
    from loadrun import base_env

    SQLITE_DIR.mkdir(exist_ok=True)
    for n in args.sizes:
        for database in args.databases:
            if database == "sqlite":
                path = SQLITE_DIR / f"site-{n}.sqlite3"
                url = f"sqlite:///{path}"
            else:
                name = f"{PG_DB}_{n}"
                url = args.postgres_url.rsplit("/", 1)[0] + "/" + name
            env = base_env(url, API_CACHE_SECONDS="0")
            if not args.reuse:
                if database == "sqlite":
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                else:
                    admin = args.postgres_url.rsplit("/", 1)[0] + "/postgres"
                    for sql in (f"DROP DATABASE IF EXISTS {name}",
                                f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"):
                        subprocess.run(["psql", admin, "-qc", sql], check=True)
                media = tempfile.mkdtemp(prefix="search-e2e-media-")
                try:
                    build_env = {**env, "MEDIA_ROOT": media}
                    subprocess.run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"],
                                   env=build_env, cwd=ROOT, check=True)
                    built = run("--build", str(n), env=build_env)
                finally:
                    shutil.rmtree(media, ignore_errors=True)
                if built.returncode:
                    sys.exit(built.stdout[-5000:] + built.stderr[-5000:])
                # The ingest's own lines aside: the build's summary.
                print(built.stdout.strip().splitlines()[-1], flush=True)
            # Production settings: the page's static links need the manifest.
            subprocess.run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
                           env=env, cwd=ROOT, check=True)
            measured = run("--measure", "--runs", str(args.runs), env=env)
            if measured.returncode:
                sys.exit(measured.stdout[-2000:] + measured.stderr[-5000:])
            result = json.loads(measured.stdout.split("FIGURES ", 1)[1])
            report(database, n, result, args.runs)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
