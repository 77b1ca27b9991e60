"""Relevance of search on the public query sets, with figures per part.

    .venv/bin/python bench/relevance.py                 # the development parts
    .venv/bin/python bench/relevance.py --held-out      # the held-out part too
    .venv/bin/python bench/relevance.py --show-misses   # each miss, for study

Builds a scratch SQLite database (or the PostgreSQL database named by
``--database-url``), ingests the five bundled documents and the four
documents of tests/data/genre/, and scores

* ``tests/search/queries.json`` — 52 queries in the documents' own words;
* ``tests/search/asked/dev.json`` — queries as people ask them (development);
* ``tests/search/asked/held-out.json`` — the same kind, set aside (only with
  ``--held-out``);
* ``tests/search/asked/held-out-N.json`` (N = 2, 3, …) — later sets of the
  kind, each written by other readers and set aside (only with
  ``--held-out-N``; the README beside them says which have been looked at).

Per part: recall@10 (share of each query's must-find provisions in its
first ten, averaged), the share of queries whose first right provision is in
the top 3 and the top 5, zero-result queries, and precision@10 — the share
of the first ten that the readers named (must-find or also relevant), over
the queries' shown results, so every wrong extra counts.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ROOT / "tests" / "search"
GENRE = ROOT / "tests" / "data" / "genre"
# The parts of tests/search/asked set aside, each scored only with its flag.
HELD_OUT_SETS = ("held-out", *sorted(
    (p.stem for p in (SETS / "asked").glob("held-out-*.json")), key=lambda s: int(s.rsplit("-", 1)[1])
))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in HELD_OUT_SETS:
        parser.add_argument(f"--{name}", action="store_true", help=f"score asked/{name}.json too")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server (postgres://user@host:port) to use instead of scratch SQLite; "
        "a fresh database is created on it and dropped afterwards",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--bundled-only",
        action="store_true",
        help="the five bundled documents only (the corpus tests/search/queries.json was written on)",
    )
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="policybase-relevance-")
    if args.postgres:
        name = f"policybase_relevance_{os.getpid()}"
        _postgres(args.postgres, f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"{args.postgres.rstrip('/')}/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/db.sqlite3"
    try:
        run(args)
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            _postgres(args.postgres, f"DROP DATABASE IF EXISTS {name}")
        shutil.rmtree(scratch, ignore_errors=True)


def _postgres(server, statement):
    import psycopg2

    connection = psycopg2.connect(f"{server.rstrip('/')}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def run(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("ingest", verbosity=0, stdout=open(os.devnull, "w"))
    if not args.bundled_only:
        genre = [str(p) for p in sorted(GENRE.glob("*.txt")) if ".gb18030" not in p.name]
        call_command("ingest", *genre, verbosity=0, stdout=open(os.devnull, "w"))

    parts = [("queries.json", SETS / "queries.json")]
    if not args.bundled_only:
        parts.append(("asked/dev", SETS / "asked" / "dev.json"))
    for name in HELD_OUT_SETS:
        if getattr(args, name.replace("-", "_")) and not args.bundled_only:
            parts.append((f"asked/{name}", SETS / "asked" / f"{name}.json"))
    results = {}
    if not args.json:
        print(f"{'part':16} {'queries':>7} {'recall@10':>9} {'top3':>6} {'top5':>6} "
              f"{'zero':>5} {'P@10':>6}")
    for name, path in parts:
        figures, misses = score(json.loads(path.read_text(encoding="utf-8")))
        results[name] = figures
        if args.json:
            continue
        print(f"{name:16} {figures['n']:7d} {figures['recall']:9.3f} {figures['top3']:6.1%} "
              f"{figures['top5']:6.1%} {figures['zero']:5d} {figures['precision']:6.1%}")
        if args.show_misses:
            for line in misses:
                print("    " + line)
    if args.json:
        print(json.dumps(results))


def score(items):
    from tests.search.relevance import first_hit_rank, ids_of, ranked, recall_at

    n = len(items)
    recall = top3 = top5 = zero = 0.0
    shown = named_shown = 0
    misses = []
    for item in items:
        gold = ids_of(item["must_find"])
        named = gold | ids_of(item.get("also_relevant", []) or item["must_find"])
        ranking = ranked(item["query"])
        r = recall_at(ranking, gold)
        first = first_hit_rank(ranking, gold)
        recall += r
        top3 += first is not None and first <= 3
        top5 += first is not None and first <= 5
        zero += not ranking
        shown += len(ranking[:10])
        named_shown += len(set(ranking[:10]) & named)
        if r < 1 or first is None or first > 5:
            misses.append(f"{item['query']}: recall@10={r:.2f} first={first} found={len(ranking)}")
    return {
        "n": n,
        "recall": recall / n,
        "top3": top3 / n,
        "top5": top5 / n,
        "zero": int(zero),
        "precision": named_shown / shown if shown else 0.0,
    }, misses


if __name__ == "__main__":
    main()
