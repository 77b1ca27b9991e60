"""Ingest throughput: the five bundled documents into a fresh database.

    .venv/bin/python bench/ingest.py [--runs 5] [--postgres]
    .venv/bin/python bench/ingest.py --formats [--runs 3]

Each run is a separate process (so jieba's dictionary load — its start-up —
is inside the timed part, as a user running `manage.py ingest` pays it), on a
freshly migrated database: a temporary SQLite file, or with --postgres a new
database on 127.0.0.1:5432 that is dropped afterwards. Prints per-run
figures and the median: seconds for the five documents, characters per
second (raw characters of the source texts), peak resident memory of the
process and peak Python allocation during the ingest (tracemalloc, measured
in a separate run because tracing slows the code down).

--formats measures the readers alone (documents.readers.read, no database):
the five texts made into a printed PDF, a .docx and a government-site page
(tests/readers/formats.py), each read --runs times; pages per second
(A4 pages of the printed PDF for every format, so the figures compare),
characters per second of text read, peak Python allocation of one read; and
OCR seconds per page on scanned pages rendered from the printed PDF.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(trace: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    import django

    django.setup()
    import resource
    import tracemalloc

    from django.core.management import call_command

    from documents.models import Document

    call_command("migrate", verbosity=0)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    call_command("ingest", verbosity=0, stdout=open(os.devnull, "w"))
    seconds = time.perf_counter() - started
    peak_traced = tracemalloc.get_traced_memory()[1] if trace else None
    chars = sum(len(d.raw_text) for d in Document.objects.all())
    return {
        "seconds": seconds,
        "chars": chars,
        "chars_per_second": chars / seconds,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_traced_mib": peak_traced / 2**20 if trace else None,
        "documents": Document.objects.count(),
    }


def spawn(args, trace: bool) -> dict:
    env = dict(os.environ)
    if args.postgres:
        name = f"bench_ingest_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)
        tmp.close()
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", *(["--trace"] if trace else [])],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])
    finally:
        if args.postgres:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        else:
            os.unlink(tmp.name)


def bench_formats(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    import tracemalloc

    from documents.readers import ocr, read
    from tests.readers import formats

    texts = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))
    made: dict[str, list[bytes]] = {"pdf": [], "docx": [], "html": []}
    pages = 0
    for path in texts:
        paras = formats.paragraphs(path)
        printed = formats.printed_pdf(paras)
        made["pdf"].append(printed)
        made["docx"].append(formats.word_docx(paras))
        made["html"].append(formats.government_page(paras, title=None, meta={}))
        pages += read(printed, "", max_bytes=10**9).pages
    for kind, files in made.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            chars = sum(len(read(data, "", max_bytes=10**9).text) for data in files)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        for data in files:
            read(data, "", max_bytes=10**9)
            peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        seconds = statistics.median(times)
        print(
            f"{kind:5}: {len(files)} files, {pages} pages, {chars} chars in {seconds:.2f} s = "
            f"{pages / seconds:,.1f} pages/s, {chars / seconds:,.0f} chars/s, "
            f"peak Python allocation {peak / 2**20:.1f} MiB"
        )
    if not ocr.available():
        print("scan : skipped, Tesseract is not installed (make install-ocr)")
        return
    scan = formats.scanned_pdf(made["pdf"][1], pages=2, dpi=300)
    started = time.perf_counter()
    reading = read(scan, "", max_bytes=10**9)
    seconds = time.perf_counter() - started
    print(
        f"scan : {reading.pages} pages (300 dpi) in {seconds:.1f} s = "
        f"{seconds / reading.pages:.1f} s/page OCR (Tesseract chi_sim), "
        f"{len(reading.text) / seconds:,.0f} chars/s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--formats", action="store_true", help="the readers, per format")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.trace)))
        return
    if args.formats:
        bench_formats(args.runs)
        return
    database = "PostgreSQL" if args.postgres else "SQLite"
    runs = [spawn(args, trace=False) for _ in range(args.runs)]
    traced = spawn(args, trace=True)
    for i, r in enumerate(runs, 1):
        print(
            f"run {i}: {r['documents']} documents, {r['chars']} chars in "
            f"{r['seconds']:.2f} s = {r['chars_per_second']:,.0f} chars/s, "
            f"max RSS {r['max_rss_mib']:.0f} MiB"
        )
    median = statistics.median(r["seconds"] for r in runs)
    print(
        f"{database}: median {median:.2f} s for the five documents "
        f"(incl. jieba start-up), {runs[0]['chars'] / median:,.0f} chars/s, "
        f"max RSS {max(r['max_rss_mib'] for r in runs):.0f} MiB, "
        f"peak Python allocation during ingest {traced['peak_traced_mib']:.1f} MiB "
        f"(goal: < 3 s)"
    )


if __name__ == "__main__":
    main()
