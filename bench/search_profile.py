"""Where a search request's time goes: the phases of ``engine.search`` and
the rest of the request (view, template or JSON, middleware), in process.

    .venv/bin/python bench/search_profile.py [--runs 200] [--postgres]

Builds a fresh database with the bundled corpus (a temporary SQLite file, or
a new PostgreSQL database, dropped afterwards), then for a few queries times
each phase by wrapping the functions ``engine.search`` calls and requests
``/api/v1/search/`` (response cache off) and ``/search/`` through Django's
test client.  Prints the mean CPU time (of this thread: the figures hold on
a busy machine) per request of each phase in ms; "rest" is the request's
time outside ``search()``.  The database's own work is in the process too
on SQLite; on PostgreSQL it is in the server's process, not counted here.
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
rows.documents = timed("load documents", rows.documents)
engine.search = timed("search() total", engine.search)
import documents.search.views as views
views.search = engine.search

client = Client(HTTP_HOST="127.0.0.1")
for label, url in URLS:
    for _ in range(10):
        assert client.get(url).status_code == 200
    spent.clear()
    start = time.thread_time()
    for _ in range(RUNS):
        client.get(url)
    total = (time.thread_time() - start) / RUNS * 1000
    print(f"\n{label}: {total:.1f} ms CPU per request (~{2000 / total:.0f}/s on 2 cores)")
    inside = spent["search() total"] / RUNS * 1000
    for name, seconds in spent.most_common():
        print(f"  {name:22} {seconds / RUNS * 1000:7.2f} ms")
    print(f"  {'rest of the request':22} {total - inside:7.2f} ms")
"""

QUERIES = ["科技创新", "高新技术企业 补助", "研发投入"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from loadrun import base_env, manage

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
        for q in QUERIES:
            urls.append((f"API  {q}", f"/api/v1/search/?q={quote(q)}"))
            urls.append((f"page {q}", f"/search/?q={quote(q)}"))
        code = f"URLS = {urls!r}\nRUNS = {args.runs}\n" + PROBE
        print(f"load average {os.getloadavg()[0]:.1f}")
        result = manage(env, "shell", "-c", code, timeout=3600, check=False)
        print(result.stdout, result.stderr[-3000:] if result.returncode else "")
    finally:
        if args.postgres:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
