"""Where a search request's time goes: the phases of ``engine.search`` and
the rest of the request (view, template or JSON, middleware), in process.

    .venv/bin/python bench/search_profile.py [--runs 200] [--postgres]
    .venv/bin/python bench/search_profile.py --mix [--runs 3] [--against DIR [--rounds 2]]

Builds a fresh database with the bundled corpus (a temporary SQLite file, or
a new PostgreSQL database, dropped afterwards), then for a few queries times
each phase by wrapping the functions ``engine.search`` calls and requests
``/api/v1/search/`` (response cache off) and ``/search/`` through Django's
test client.  With ``--mix``: the queries bench/search_load.py sends (those of
tests/search/queries.json and asked/dev.json), ``--runs`` passes over them,
one figure per endpoint.  Prints the mean CPU time (of this thread: the figures hold on
a busy machine) per request of each phase in ms; "rest" is the request's
time outside ``search()``.  The database's own work is in the process too
on SQLite; on PostgreSQL it is in the server's process, not counted here.

``--against DIR``: DIR is another copy of the project (the code before a
change: e.g. the working tree copied, with the changed files as at the
commit before it); both are profiled on the same database, in turn,
``--rounds`` times, so that each pair ran under the same load.  The
backend's share (``parse`` and ``tiered_candidates``) is the same code in
both when the change left it alone: the request's CPU over it compares
the two even when the machine's speed drifts between runs.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import collections, time
from django.test import Client
from documents.search import engine

spent = collections.Counter()

def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.thread_time() - start
    return wrapper

for name in ("parse", "tiered_candidates", "suggestions", "snippet", "explain",
             "facet_counts", "indexed_text", "normalise_with_offsets", "unmatched_terms"):
    setattr(engine, name, timed(name, getattr(engine, name)))
from documents.search import rows
rows.provisions = timed("load provisions", rows.provisions)
rows.documents = timed("load documents (page, facets)", rows.documents)
engine.search = timed("search() total", engine.search)
import documents.search.views as views
views.search = engine.search

client = Client(HTTP_HOST="127.0.0.1")
for label, urls in URLS:
    for url in urls[:10] if len(urls) > 1 else urls * 10:
        assert client.get(url).status_code == 200
    # As on a server up for a while: the data version has settled, and the
    # facets are counted from the table kept for it (facet_table.py).
    time.sleep(SETTLE)
    for url in urls:
        client.get(url)
    spent.clear()
    start = time.thread_time()
    for _ in range(RUNS):
        for url in urls:
            client.get(url)
    n = RUNS * len(urls)
    total = (time.thread_time() - start) / n * 1000
    print(f"\n{label}: {total:.1f} ms CPU per request (~{2000 / total:.0f}/s on 2 cores)")
    inside = spent["search() total"] / n * 1000
    for name, seconds in spent.most_common():
        print(f"  {name:22} {seconds / n * 1000:7.2f} ms")
    print(f"  {'rest of the request':22} {total - inside:7.2f} ms")
    backend = (spent["parse"] + spent["tiered_candidates"]) / n * 1000
    print(f"  request / backend (parse, tiered_candidates): {total / backend:.3f}")
"""

QUERIES = ["科技创新", "高新技术企业 补助", "研发投入"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--mix", action="store_true", help="the query sets' queries, in turn")
    parser.add_argument(
        "--against", metavar="DIR",
        help="also profile the code of this copy of the project (on the same database), "
        "alternately with this tree's",
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --against: rounds of both")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from loadrun import PYTHON, base_env, manage

    work = Path(tempfile.mkdtemp(prefix="search-profile-"))
    name = f"search_profile_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        url = f"sqlite:///{work / 'db.sqlite3'}"
    env = base_env(url, API_CACHE_SECONDS="0")
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "ingest", "-v0")
        urls = []
        if args.mix:
            from search_load import queries

            mix = queries()
            urls.append((f"API, {len(mix)} queries", [f"/api/v1/search/?q={quote(q)}" for q in mix]))
            urls.append((f"page, {len(mix)} queries", [f"/search/?q={quote(q)}" for q in mix]))
        for q in [] if args.mix else QUERIES:
            urls.append((f"API  {q}", [f"/api/v1/search/?q={quote(q)}"]))
            urls.append((f"page {q}", [f"/search/?q={quote(q)}"]))
        from search_load import settle_seconds

        code = f"URLS = {urls!r}\nRUNS = {args.runs}\nSETTLE = {settle_seconds()}\n" + PROBE
        trees = [("this tree", ROOT)]
        if args.against:
            against = Path(args.against).resolve()
            trees.insert(0, (f"against {against}", against))
            subprocess.run(
                [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
                env=env, cwd=against, check=True, capture_output=True,
            )
        for round_ in range(args.rounds if args.against else 1):
            for label, tree in trees:
                print(f"\n=== {label}, round {round_ + 1}, load average {os.getloadavg()[0]:.1f}")
                result = subprocess.run(
                    [str(PYTHON), "manage.py", "shell", "-c", code], env=env, cwd=tree,
                    capture_output=True, text=True, timeout=3600,
                )
                print(result.stdout, result.stderr[-3000:] if result.returncode else "")
    finally:
        if args.postgres:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
