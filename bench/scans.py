"""Scanned copies of the bundled and genre documents: how many facts survive OCR.

    .venv/bin/python bench/scans.py [--dpi 300] [--only KEY ...] [--texts FILE ...]

Each text (fixtures/sources/ and tests/data/genre/, or the ``--texts`` given:
the corpus's dev texts, say, documents the OCR post-processing was not tuned
on) is printed to a PDF with page numbers and a running header
(tests/readers/formats.py), every page of that PDF is rendered to an
image-only PDF (a scan), and both a copy of the text (without the bundled
documents' curated manifest, which a scan does not have) and the scan are
ingested into one fresh SQLite database (a temporary file).
For each document: pages, OCR seconds per page, and the share of the text's
targets, figures and subsidies that the scan's document holds too (same
kind, value, unit and year; subsidies same amounts and ratio).  The issue's
goal is ≥ 95 % of facts.  Needs Tesseract (make install-ocr).
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "fixtures" / "sources").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "data" / "genre").glob("*.txt") if "gb18030" not in p.name
)


def facts(documents) -> Counter:
    """The facts of a file's documents: a notice and the measures it issues
    are ingested as two (the second ``part_of`` the first)."""
    rows = Counter()
    for document in documents:
        for kind, relation, fields in (
            ("target", document.targets, ("value", "unit", "year")),
            ("figure", document.figures, ("value", "unit", "year")),
            ("subsidy", document.subsidies, ("amount_min", "amount_max", "ratio_percent")),
        ):
            rows.update((kind, *row) for row in relation.values_list(*fields))
    return rows


def child(args):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    import django

    django.setup()
    import pypdfium2
    from django.core.management import CommandError, call_command

    from documents.models import Document
    from tests.readers import formats

    call_command("migrate", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="policybase-scans-"))
    print("| document | pages | OCR s/page | facts in text | found in scan | share |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total = found_total = 0
    for path in args.texts or TEXTS:
        if args.only and path.stem not in args.only:
            continue
        printed = formats.printed_pdf(formats.paragraphs(path))
        pages = len(pypdfium2.PdfDocument(printed))
        scan = folder / f"scan-{path.stem}.pdf"
        scan.write_bytes(formats.scanned_pdf(printed, pages=pages, dpi=args.dpi))
        # A copy: the bundled files themselves come with their curated
        # manifest (title, date, plan period), which a scan does not have.
        text = folder / f"text-{path.stem}.txt"
        text.write_bytes(path.read_bytes())
        call_command("ingest", str(text), verbosity=0, stdout=open(os.devnull, "w"))
        started = time.perf_counter()
        report = io.StringIO()
        try:
            call_command("ingest", str(scan), verbosity=1, stdout=report, stderr=report)
        except CommandError:
            print(f"| {path.stem} | {pages} | | | | failed: {report.getvalue().strip()[-300:]} |")
            continue
        seconds = time.perf_counter() - started
        expected = facts(Document.objects.filter(source_name=text.name))
        got = facts(Document.objects.filter(source_name=scan.name))
        found = sum((expected & got).values())
        count = sum(expected.values())
        total, found_total = total + count, found_total + found
        share = found / count if count else 1.0
        print(f"| {path.stem} | {pages} | {seconds / pages:.1f} | {count} | {found} | {share:.1%} |")
    print(f"| **all** | | | {total} | {found_total} | **{found_total / max(total, 1):.1%}** |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--only", nargs="*")
    parser.add_argument(
        "--texts", nargs="*", type=Path, help="other text files instead of the bundled and genre ones"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as db:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db.name}"}
        subprocess.run([sys.executable, __file__, "--child", *sys.argv[1:]], env=env, check=True)


if __name__ == "__main__":
    main()
