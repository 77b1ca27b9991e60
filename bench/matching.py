"""政策匹配: quality on the matcher test set, and latency at 1× and 100× the rules.

    .venv/bin/python bench/matching.py                  # dev part: recall, precision
    .venv/bin/python bench/matching.py --part held-out  # the held-out part (score it once)
    .venv/bin/python bench/matching.py --part dev --part held-out-2   # several parts
    .venv/bin/python bench/matching.py --show           # each miss and wrong extra
    .venv/bin/python bench/matching.py --latency        # p50/p95 at 1× and 100× rules
    .venv/bin/python bench/matching.py --postgres postgres://postgres@127.0.0.1:5432

Builds a scratch SQLite database (or a fresh PostgreSQL one, dropped
afterwards), ingests the five bundled documents and the 38 corpus documents
the set's rules come from (tests/data/corpus), and scores the profiles of one
part of tests/data/match/profiles.json (``tests/measures/matchset.py``):

* recall of ``must_get`` among the current rules (``results``);
* precision of the current rules that are annotated rules (rules no
  annotation names are counted apart: the set cannot judge them);
* current rules of documents not in force on ``as_of`` by the set's own
  validity table (errors: they should be listed apart);
* ``must_get_expired`` rules listed apart with the right status;
* unreadable profiles refused with a message.

``--latency`` times what the API view does for each readable profile of the
part (read the profile, match, write the answer) on the corpus as ingested,
then again after adding 99 synthetic copies of every rule (each copy in a
synthetic document of another place of the gazetteer, its validity shifted),
and prints p50 and p95 per size.  Goal: p95 ≤ 50 ms.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.measures import matchset  # noqa: E402 - after the path (no Django needed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part", action="append", help="a part to score (repeatable; default: dev)",
        choices=matchset.parts(),
    )
    parser.add_argument("--show", action="store_true", help="list misses and extras")
    parser.add_argument("--latency", action="store_true", help="time the matcher at 1× and 100×")
    parser.add_argument("--rounds", type=int, default=5, help="latency: passes over the profiles")
    parser.add_argument("--scale", type=int, default=100, help="latency: rules × this")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to use instead")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="policybase-matching-")
    if args.postgres:
        name = f"policybase_matching_{os.getpid()}"
        _psql(args.postgres, f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"{args.postgres.rstrip('/')}/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    os.environ["API_CACHE_SECONDS"] = "0"
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("ingest", *map(str, matchset.corpus_files()), verbosity=0)
        print(f"ingested {len(matchset.corpus_files())} documents in "
              f"{time.perf_counter() - started:.1f} s")
        parts = args.part or ["dev"]
        for part in parts:
            report(matchset.score(part), part, args.show)
        if args.latency:
            profiles = [p for part in parts for p in readable(matchset, part)]
            print(f"\nlatency over {len(profiles)} profiles × {args.rounds} rounds")
            print_latency("1×", profiles, args.rounds)
            started = time.perf_counter()
            added = synthesize(args.scale - 1)
            print(f"added {added} synthetic rules in {time.perf_counter() - started:.1f} s")
            print_latency(f"{args.scale}×", profiles, args.rounds)
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            _psql(args.postgres, f"DROP DATABASE IF EXISTS {name}")
        shutil.rmtree(scratch, ignore_errors=True)


def report(score, part, show):
    print(f"\npart {part}: {score.profiles} profiles")
    print(f"  recall     {score.recall:.3f}  ({score.found} of {score.must_get} must_get)")
    print(f"  precision  {score.precision:.3f}  ({score.returned - len(score.extras)} right of "
          f"{score.returned} annotated current rules; {score.unannotated} unannotated apart)")
    print(f"  rules of documents not in force shown as current: {score.not_in_force_as_current}")
    print(f"  listed apart with the right status: {score.expired_listed} of "
          f"{score.expired_expected}")
    print(f"  unreadable profiles refused: {score.unreadable_right} of "
          f"{score.unreadable_expected}")
    for error, count in score.errors.items():
        print(f"  ! {count} × {error}")
    if show:
        for miss in score.misses:
            print("  miss ", *miss)
        for extra in score.extras:
            print("  extra", *extra)


def readable(matchset, part):
    from measures.extraction.profiles import Unreadable

    out = []
    for entry in matchset.profiles(part):
        try:
            out.append(matchset.profile_of(entry))
        except Unreadable:
            continue
    return out


def print_latency(label, profiles, rounds):
    from measures.match_serializers import answer_data
    from measures.matching import match

    timings = []
    for profile in profiles:  # warm-up
        answer_data(match(profile))
    for _ in range(rounds):
        for profile in profiles:
            started = time.perf_counter()
            answer_data(match(profile))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"  {label:>5}: p50 {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms   "
          f"max {timings[-1]:6.1f} ms")


def synthesize(copies: int) -> int:
    """``copies`` synthetic copies of every rule with its eligibility, each
    in a synthetic document of another place (its clause and provision are
    the original's), validity shifted by up to five years either way."""
    from datetime import timedelta

    from django.db import transaction

    from documents.models import Document
    from measures.extraction.gazetteer import CITIES, PROVINCES
    from measures.models import Eligibility, EligibilityKey, Subsidy

    rng = random.Random(16)
    places = [*PROVINCES, *(f"{p}/{c}" for p, cs in PROVINCES.items() for c in cs.split()),
              *(f"{c}/{d}" for c, ds in CITIES.items() for d in ds.split())]
    originals = list(Document.objects.filter(eligibilities__isnull=False).distinct())
    rows = list(Eligibility.objects.select_related("subsidy").prefetch_related("keys"))
    added = 0
    with transaction.atomic():
        for copy in range(1, copies + 1):
            documents = {}
            for original in originals:
                shift = timedelta(days=rng.randint(-1800, 1800))
                documents[original.pk] = Document(
                    key=f"{original.key}-syn{copy}"[:80],
                    title=original.title,
                    source_name=f"syn{copy}-{original.source_name}",
                    source_sha256="0" * 64,
                    pipeline_version="synthetic",
                    raw_text="",
                    text="",
                    valid_from=original.valid_from and original.valid_from + shift,
                    valid_until=original.valid_until and original.valid_until + shift,
                    validity_basis=original.validity_basis,
                )
            Document.objects.bulk_create(documents.values())
            region = {pk: rng.choice(places) for pk in documents}
            subsidies, eligibilities = [], []
            for row in rows:
                if row.subsidy is None:
                    continue
                s = row.subsidy
                twin = Subsidy(**{
                    f.attname: getattr(s, f.attname)
                    for f in Subsidy._meta.concrete_fields if f.attname != "id"
                })
                twin.document = documents[row.document_id]
                subsidies.append(twin)
                eligibilities.append((row, twin))
            Subsidy.objects.bulk_create(subsidies)
            made = [
                Eligibility(
                    subsidy=twin, document=twin.document, region=region[row.document_id],
                    area=row.area, per=row.per, has_groups=row.has_groups,
                    has_events=row.has_events, amount=row.amount, terms=row.terms,
                )
                for row, twin in eligibilities
            ]
            Eligibility.objects.bulk_create(made)
            EligibilityKey.objects.bulk_create(
                EligibilityKey(eligibility=new, kind=key.kind, key=key.key)
                for (row, _), new in zip(eligibilities, made, strict=True)
                for key in row.keys.all()
            )
            added += len(made)
    return added


def _psql(url, sql):
    subprocess.run(["psql", f"{url.rstrip('/')}/postgres", "-c", sql], check=True,
                   capture_output=True)


if __name__ == "__main__":
    main()
