"""`manage.py ingest --jobs N` against `--jobs 1` on one folder of mixed files.

    nice -n 10 .venv/bin/python bench/read_ahead.py [--jobs 2] [--scans 4] [--runs 2]

Makes a folder of the genre texts and the development corpus as printed
PDFs and .docx files, with --scans of them also as two-page scans at 300
dpi (OCR; needs `make install-ocr`), then ingests it into a fresh SQLite
database with `--jobs 1` (each file read in turn) and with `--jobs N`
(files that are not plain text read by N processes ahead of the one being
written), alternately, --runs times each.  Prints the wall seconds, the CPU
seconds of the run and its children, and whether the two knowledge bases
hold the same documents, provisions and facts.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNT = (
    "from documents.models import Document, Provision\n"
    "from measures.models import Subsidy\n"
    "from targets.models import Target, Figure\n"
    "print(Document.objects.count(), Provision.objects.count(), Subsidy.objects.count(),"
    " Target.objects.count(), Figure.objects.count())"
)


def make_folder(folder: Path, scans: int) -> int:
    from tests.readers import formats

    texts = sorted((ROOT / "tests" / "data" / "genre").glob("*.txt"))
    texts = [p for p in texts if "gb18030" not in p.name]
    texts += sorted((ROOT / "tests" / "data" / "corpus" / "dev").glob("*.txt"))
    for n, path in enumerate(texts):
        paras = formats.paragraphs(path)
        printed = formats.printed_pdf(paras)
        # one key per file: a key is made from the name without its suffix
        (folder / f"{path.stem}-printed.pdf").write_bytes(printed)
        (folder / f"{path.stem}-word.docx").write_bytes(formats.word_docx(paras))
        if n < scans:
            scan = formats.scanned_pdf(printed, pages=2, dpi=300)
            (folder / f"{path.stem}-scan.pdf").write_bytes(scan)
    return len(list(folder.iterdir()))


def run(folder: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [*manage, "ingest", str(folder), f"--jobs={jobs}"],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        counts = subprocess.run(
            [*manage, "shell", "--no-imports", "-c", COUNT],
            env=env, check=True, capture_output=True, text=True,
        ).stdout.split()
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"wall": wall, "cpu": cpu, "counts": counts}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--scans", type=int, default=4)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        files = make_folder(folder, args.scans)
        print(f"{files} files ({args.scans} of them two-page scans); load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        results: dict[int, list[dict]] = {1: [], args.jobs: []}
        for _ in range(args.runs):
            for jobs in results:
                results[jobs].append(run(folder, jobs))
        print("| --jobs | wall s (each run) | CPU s (each run) | documents, provisions, subsidies, targets, figures |")
        print("| ---: | --- | --- | --- |")
        for jobs, runs in results.items():
            walls = " / ".join(f"{r['wall']:.1f}" for r in runs)
            cpus = " / ".join(f"{r['cpu']:.1f}" for r in runs)
            print(f"| {jobs} | {walls} | {cpus} | {' '.join(runs[0]['counts'])} |")
        same = len({tuple(r["counts"]) for runs in results.values() for r in runs}) == 1
        print("same knowledge base:", "yes" if same else "NO")


if __name__ == "__main__":
    main()
