"""Server render time of the site's pages, in process (Django's test client:
URL resolution, views, queries, templates, middleware; no network, no browser).

    .venv/bin/python bench/render.py                 # own SQLite DB, ingested afresh
    .venv/bin/python bench/render.py -n 200
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/policybase_dev \\
        .venv/bin/python bench/render.py --reuse      # an already ingested database

Prints p50 / p95 / max wall-clock milliseconds per page over ``-n`` requests
(after five warm-up requests), the p95 of this thread's CPU time (less
disturbed by other processes on a busy machine; on SQLite it includes the
queries, on PostgreSQL not the server's share), for the largest document page, search pages and the
other main pages.  Goal: p95 < 100 ms for the document and search pages.

Without ``DATABASE_URL`` the benchmark migrates and ingests the five bundled
documents into its own SQLite file (/tmp/policybase-bench/render.sqlite3),
leaving db.sqlite3 alone.  Query logging is off (DEBUG's cursor wrapper
would add its own cost to every query).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    ("document (largest)", "/documents/st-development-plan-14th-fyp/"),
    ("search 技术经纪人", "/search/?q=技术经纪人"),
    ("search 科技成果转化", "/search/?q=科技成果转化"),
    ("search 研发投入 page 2", "/search/?q=研发投入&page=2"),
    ("search 高企 OR 专精特新", "/search/?q=高企 OR 专精特新"),
    ("home", "/"),
    ("provision", "/documents/st-development-plan-14th-fyp/c1.s1.para2/"),
    ("themes", "/themes/"),
    ("compare", "/compare/?theme=transfer-market"),
    ("measures", "/measures/"),
    ("subsidies", "/subsidies/"),
    ("indicator", "/indicators/rd_gdp_ratio/"),
]
GOAL_MS = 100


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="requests per page (≥ 50)")
    parser.add_argument(
        "--reuse", action="store_true", help="use DATABASE_URL as it is, without ingesting"
    )
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        bench_dir = Path("/tmp/policybase-bench")
        bench_dir.mkdir(exist_ok=True)
        db = bench_dir / "render.sqlite3"
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        args.reuse = False
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if not args.reuse:
        call_command("migrate", verbosity=0)
        call_command("ingest", verbosity=0)
    # Development settings keep the plain static storage (no manifest
    # needed); switching DEBUG off afterwards stops the query log.
    settings.DEBUG = False

    client = Client()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"database: {connection.vendor}; {args.n} requests per page after 5 warm-up; "
        f"{os.cpu_count()} CPUs, load average {load} (figures are only comparable on an idle machine)"
    )
    print(f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8} {'KiB':>6}")
    worst = {}
    for name, url in PAGES:
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        samples, cpu = [], []
        for _ in range(args.n):
            start, start_cpu = time.perf_counter(), time.thread_time()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        p95 = percentile(samples, 0.95)
        worst[name] = p95
        print(
            f"{name:28} {statistics.median(samples):8.1f} {p95:8.1f} {max(samples):8.1f}"
            f" {percentile(cpu, 0.95):8.1f} {len(response.content) / 1024:6.0f}"
        )
    goal_pages = [n for n in worst if n.startswith(("document", "search"))]
    missed = [n for n in goal_pages if worst[n] >= GOAL_MS]
    print(
        f"goal p95 < {GOAL_MS} ms (document and search pages): "
        + ("met" if not missed else "MISSED by " + ", ".join(missed))
    )


if __name__ == "__main__":
    main()
