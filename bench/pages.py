"""Time and peak memory of one very large document's page.

    .venv/bin/python bench/pages.py                   # 10,000 articles, SQLite
    .venv/bin/python bench/pages.py --articles 2000
    .venv/bin/python bench/pages.py --postgres        # a new database on 127.0.0.1:5432

Writes a synthetic regulation of ``--articles`` articles (第一章 … with 200
articles 第一条 … each; every article a sentence or two, with subsidy rules,
targets, reported figures and citations of other documents among them),
ingests it into a fresh database, then requests its page through Django's
test client (URL resolution, middleware, view, queries, template; no network)
and prints, for the first page and for a page deep inside the document:
wall-clock seconds, the number of SQL queries, the size of the HTML, the peak
Python allocation during the request (tracemalloc, a separate request: tracing
slows the code down) and the process's peak resident memory after it.

Goal (issue 17): a 10,000-provision document page under 1 s and 300 MB.

The database is a temporary SQLite file (or, with --postgres, a database
created for the run and dropped afterwards); db.sqlite3 is left alone.
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.synthetic import regulation  # noqa: E402

KEY = "synthetic-regulation"
PER_CHAPTER = 200
GOAL_SECONDS = 1.0
GOAL_MIB = 300

def peak_rss_mib():
    """The process's peak resident memory: VmHWM, which (unlike ru_maxrss on
    Linux) starts afresh at exec, so the ingest's parent does not count."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(client, url, trace):
    from django.db import connection, reset_queries

    reset_queries()
    started, started_cpu = time.perf_counter(), time.thread_time()
    response = client.get(url)
    seconds = time.perf_counter() - started
    cpu = time.thread_time() - started_cpu
    assert response.status_code == 200, (url, response.status_code)
    row = {
        "seconds": seconds,
        "cpu": cpu,
        "queries": len(connection.queries),
        "kib": len(response.content) / 1024,
        # Before the traced request: tracing adds its own memory.
        "rss_mib": peak_rss_mib(),
        "peak_mib": float("nan"),
        "content": response.content.decode(),
    }
    if trace:
        tracemalloc.start()
        client.get(url)
        row["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--reuse", metavar="SQLITE_FILE", help="a database an earlier run left (with --keep)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    parser.add_argument(
        "--no-trace", action="store_true", help="skip the traced request (slow on a huge page)"
    )
    # Internal: the page requests run in a child process of their own, so
    # that its peak resident memory is the page's, not the ingest's.
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
        measure_pages(trace=not args.no_trace)
        return

    work = Path(tempfile.mkdtemp(prefix="policybase-pages-"))
    database = None
    if args.reuse:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.reuse).resolve()}"
        child = [sys.executable, __file__, "--measure"] + (["--no-trace"] if args.no_trace else [])
        subprocess.run(child, check=True)
        return
    if args.postgres:
        database = f"pb_bench_pages_{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {database}"],
            check=True,
        )
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'pages.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    try:
        run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if database:
            from django.db import connections

            connections.close_all()
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE {database}"],
                check=True,
            )


def run(args, work):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from documents.models import Provision

    source = work / f"{KEY}.txt"
    source.write_text(
        regulation(args.articles, PER_CHAPTER, "吉林省科技创新促进条例（合成测试文本）"),
        encoding="utf-8",
    )
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("ingest", str(source), verbosity=0, stdout=open(os.devnull, "w"))
    ingest_seconds = time.perf_counter() - started
    provisions = Provision.objects.filter(document__key=KEY).count()
    print(
        f"database: {connection.vendor}; document of {provisions:,} provisions "
        f"({source.stat().st_size / 1024:.0f} KiB, ingested in {ingest_seconds:.1f} s); "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    connection.close()
    child = [sys.executable, __file__, "--measure"] + (["--no-trace"] if args.no_trace else [])
    subprocess.run(child, check=True)


def measure_pages(trace):
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.DEBUG = True  # count the queries
    client = Client()
    client.get("/")  # warm-up: URL resolver, template loading
    baseline = peak_rss_mib()
    print(f"max RSS of the serving process before the document page: {baseline:.0f} MiB")
    print(
        f"{'page':24} {'seconds':>8} {'cpu s':>6} {'queries':>8} {'KiB':>7} {'peak MiB':>9} {'max RSS MiB':>12}"
    )
    url = f"/documents/{KEY}/"
    rows = []

    def report(name, row):
        rows.append(row)
        print(
            f"{name:24} {row['seconds']:8.2f} {row['cpu']:6.2f} {row['queries']:8d} {row['kib']:7.0f}"
            f" {row['peak_mib']:9.1f} {row['rss_mib']:12.0f}",
            flush=True,
        )

    report("first page", measure(client, url, trace))
    # The last page, if the document is paged.
    last_page = max(
        (int(n) for n in re.findall(r"\?page=(\d+)", rows[0]["content"])), default=None
    )
    if last_page:
        report(f"page {last_page}", measure(client, f"{url}?page={last_page}", trace))
    worst_seconds = max(row["seconds"] for row in rows)
    rss = max(row["rss_mib"] for row in rows)
    met = worst_seconds < GOAL_SECONDS and rss < GOAL_MIB
    print(
        f"goal < {GOAL_SECONDS:g} s and < {GOAL_MIB} MB (max RSS of the process that "
        f"served the page): {'met' if met else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
