"""Ingest throughput: the bundled five, each format, and a bulk of uploads.

The five bundled documents into a fresh database; each reader per format;
and a bulk of uploads run by two workers against the same files ingested
one by one.

    .venv/bin/python bench/ingest.py [--runs 5] [--postgres]
    .venv/bin/python bench/ingest.py --formats [--runs 3]
    .venv/bin/python bench/ingest.py --bulk [--files 200] [--scans 4] [--postgres]

Each run is a separate process (so jieba's dictionary load — its start-up —
is inside the timed part, as a user running `manage.py ingest` pays it), on a
freshly migrated database: a temporary SQLite file, or with --postgres a new
database on 127.0.0.1:5432 that is dropped afterwards. Prints per-run
figures and the median: seconds for the five documents, characters per
second (raw characters of the source texts), peak resident memory of the
process and peak Python allocation during the ingest (tracemalloc, measured
in a separate run because tracing slows the code down).

--formats measures each reader (documents.readers.read, no database): the
five texts as they are, made into a printed PDF, an OFD, a .docx, a
government-site page and an old Word file (tests/readers/formats.py; the
.doc read by antiword and, again, by LibreOffice), the real GB/T 9704 PDF
and OFD of ../shared/formats when that folder is there, and a two-page scan
at 300 dpi; each read --runs times (a scan once): pages per second (A4
pages of the printed PDF for the made formats, so the figures compare),
characters per second of text read, OCR seconds per page, peak Python
allocation of one read (tracemalloc).  Beside them, peers reading the same
files where installed (pdftotext, antiword alone, LibreOffice's text
export, readability-lxml, Tesseract alone).  Then one file of each format
(the largest text's) read and ingested in a child process of its own on a
fresh SQLite database: seconds, and the child's peak resident memory
(getrusage RUSAGE_SELF ru_maxrss in the child, so Python's heap and
everything else the process holds) against a three-line text's, and the
peak of the programs it ran (antiword, LibreOffice, Tesseract: their
VmHWM, polled; their getrusage figure starts from the forking parent's).

--bulk makes --files files of the bundled, genre and development-corpus
texts in every format (--scans of them scanned PDFs), each with a line of
its own; queues them all as upload jobs and runs --workers database-backend
workers side by side until the queue is empty; ingests the same files one
by one into a second fresh database; and compares the two knowledge bases
row by row and query by query (tests/bulk.py).  Prints files per second
for both and EQUAL or the first differences.  Run it niced on a shared
machine: `nice -n 10 .venv/bin/python bench/ingest.py --bulk`.
"""


import argparse
import io
import json
import os
import shutil
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


SHARED = ROOT.parent / "shared" / "formats"  # real-layout files, when present
MAX = 10**9


def bench_formats(runs: int) -> None:
    """Each reader on its files (--runs reads, the median), beside a peer
    where one is installed; then, each in a child process on a fresh
    database, the reading and ingest of one file of each format with its
    peak resident memory."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    from documents.readers import ocr
    from tests.readers import formats

    texts = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))
    paras = [formats.paragraphs(path) for path in texts]
    printed = [formats.printed_pdf(p) for p in paras]
    made = {
        "txt": [path.read_bytes() for path in texts],
        "pdf": printed,
        "ofd": [formats.ofd_document(p) for p in paras],
        "docx": [formats.word_docx(p) for p in paras],
        "html": [formats.government_page(p, title=None, meta={}) for p in paras],
    }
    if shutil.which("soffice"):
        made["doc"] = list(
            formats.old_words({path.stem: d for path, d in zip(texts, made["docx"], strict=True)}).values()
        )
    pages = [pdf_pages(data) for data in printed]  # A4 pages of the printed copy, for every format
    rows = [("format", "files", "pages", "chars", "pages/s", "chars/s", "read heap peak")]
    for kind, files in made.items():
        rows.append(read_row(kind, files, sum(pages), runs))
    if "doc" in made:
        rows.append(read_row("doc", made["doc"], sum(pages), runs, via="LibreOffice"))
    real = {}
    if SHARED.is_dir():
        real = {
            "pdf GB/T 9704": (SHARED / "govdoccn_397.pdf").read_bytes(),
            "ofd (ofdrw mock)": (SHARED / "ofdrw_n_gongwen_mock.ofd").read_bytes(),
        }
        for label, data in real.items():
            rows.append(read_row(label, [data], pdf_pages(data) if data[:4] == b"%PDF" else 2, runs))
    scan = None
    if ocr.available():
        scan = formats.scanned_pdf(printed[2], pages=2, dpi=300)
        rows.append(read_row("scan", [scan], 2, 1))
    print_table(rows)
    print()
    print("Peers, on the same files in the same run:")
    peers(made, real, scan)
    print()
    one_file_children(texts, made, real, scan)


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def read_row(label, files, pages, runs, via=None):
    """Read every file ``runs`` times: pages and characters per second (the
    median run) and the peak Python allocation of one read (tracemalloc, a
    separate pass)."""
    import tracemalloc
    from unittest import mock

    from documents.readers import legacy, read

    patch = mock.patch.object(legacy, "_antiword", lambda *a: None) if via else mock.MagicMock()
    times = []
    with patch:
        for _ in range(runs):
            started = time.perf_counter()
            chars = sum(len(read(data, "", max_bytes=MAX).text) for data in files)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        for data in files:
            read(data, "", max_bytes=MAX)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    seconds = statistics.median(times)
    name = f"{label} via {via}" if via else label
    if label == "scan":
        name += f" ({seconds / pages:.1f} s/page OCR)"
    return (
        name, len(files), pages, chars, f"{pages / seconds:,.1f}", f"{chars / seconds:,.0f}",
        f"{peak / 2**20:.1f} MiB",
    )


def print_table(rows):
    widths = [max(len(str(r[k])) for r in rows) for k in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(v).rjust(w) if k else str(v).ljust(w) for k, (v, w) in enumerate(zip(row, widths, strict=True))))


def timed(function, runs=1):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def timed_command(files: list[bytes], suffix: str, command: list[str]) -> tuple[float, int]:
    """(seconds, characters printed) of ``command`` run on each of ``files``
    written to a scratch folder ("{}" in the command is the file), timed as
    ``timed`` times a reader."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for k, data in enumerate(files):
            paths.append(Path(folder) / f"{k}{suffix}")
            paths[-1].write_bytes(data)
        return timed(lambda: sum(len(subprocess.run(
            [str(p) if part == "{}" else part for part in command],
            capture_output=True, check=True,
        ).stdout.decode()) for p in paths), 3)


def peers(made, real, scan):
    """Other programs reading the same files, where installed."""
    import pypdfium2 as pdfium

    def pdfium_text(data):
        document = pdfium.PdfDocument(data)
        text = "".join(document[k].get_textpage().get_text_range() for k in range(len(document)))
        document.close()
        return text

    pdfs = made["pdf"] + ([real["pdf GB/T 9704"]] if real else [])
    seconds, chars = timed(lambda: sum(len(pdfium_text(d)) for d in pdfs), 3)
    pages = sum(pdf_pages(d) for d in pdfs)
    print(
        f"  pdf: pypdfium2's text alone (no lines, margins or paragraphs: the floor the reader "
        f"builds on), {len(pdfs)} files: {pages / seconds:,.1f} pages/s, {chars / seconds:,.0f} chars/s"
    )
    if shutil.which("pdftotext"):
        seconds, chars = timed_command(pdfs, ".pdf", ["pdftotext", "-enc", "UTF-8", "{}", "-"])
        print(f"  pdf: pdftotext: {pages / seconds:,.1f} pages/s, {chars / seconds:,.0f} chars/s")
    else:
        print("  pdf: pdftotext (poppler-utils) is not installed: no peer")
    if "doc" in made and shutil.which("antiword"):
        seconds, chars = timed_command(
            made["doc"], ".doc", ["antiword", "-m", "UTF-8.txt", "-w", "0", "{}"]
        )
        print(
            f"  doc: antiword alone (what the reader runs, without its table rows): "
            f"{chars / seconds:,.0f} chars/s, {seconds / len(made['doc']) * 1000:.0f} ms a file"
        )
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for k, data in enumerate(made["docx"]):
                paths.append(Path(folder) / f"{k}.docx")
                paths[-1].write_bytes(data)
            profile = (Path(folder) / "profile").as_uri()
            seconds, _ = timed(lambda: subprocess.run(
                ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                 "--convert-to", "txt:Text", "--outdir", folder, *map(str, paths)],
                capture_output=True, check=True,
            ))
            chars = sum(len(p.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")) for p in paths)
        print(
            f"  docx: LibreOffice --convert-to txt, the five in one start: "
            f"{chars / seconds:,.0f} chars/s, {seconds / len(paths):.1f} s a file"
        )
    from readability import Document as Readable

    def readable(data):
        import lxml.html

        return lxml.html.fromstring(Readable(data.decode("utf-8")).summary()).text_content()

    seconds, chars = timed(lambda: sum(len(readable(d)) for d in made["html"]), 3)
    print(f"  html: readability-lxml's article (the reader's fallback): {chars / seconds:,.0f} chars/s")
    print("  ofd, docx (Python), txt: no other reader installed")
    if scan is not None:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(scan)
        images = []
        for k in range(len(document)):
            buffer = io.BytesIO()
            document[k].render(scale=300 / 72, grayscale=True).to_pil().save(buffer, format="PNG")
            images.append(buffer.getvalue())
        document.close()
        seconds, chars = timed(lambda: sum(len(subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"],
            input=png, capture_output=True, check=True,
        ).stdout.decode()) for png in images))
        print(
            f"  scan: tesseract alone, plain text of the same {len(images)} pages: "
            f"{seconds / len(images):.1f} s/page"
        )


def one_file_children(texts, made, real, scan):
    """Read and ingest one file per format, each in a child process on a
    fresh database: the seconds (jieba's dictionary loaded before the clock
    starts) and the child's peak resident memory (getrusage RUSAGE_SELF
    ru_maxrss, in the child), beside the peak of the programs it ran
    (antiword, LibreOffice, Tesseract: their VmHWM, ``DescendantPeak``)."""
    biggest = max(range(len(texts)), key=lambda k: len(made["txt"][k]))
    files = {kind: (files[biggest], pdf_pages(made["pdf"][biggest])) for kind, files in made.items()}
    files.update({label: (data, pdf_pages(data) if data[:4] == b"%PDF" else 2) for label, data in real.items()})
    if scan is not None:
        files["scan"] = (scan, 2)
    print(f"Reading + ingest of one file ({texts[biggest].stem} in each made format), a child process each:")
    rows = [("format", "pages", "seconds", "pages/s", "chars/s", "peak RSS", "above baseline", "converters' peak")]
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}"}
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("关于测试的通知\n一、总则\n本通知自印发之日起施行。\n", encoding="utf-8")
        baseline = ingest_child(tiny, template, folder)
        rows.append(("(baseline: a three-line text)", 1, f"{baseline['seconds']:.2f}", "", "", f"{baseline['rss']:.0f} MiB", "", ""))
        jobs = [(label, data, pages, None) for label, (data, pages) in files.items()]
        if "doc" in files:
            jobs.append(("doc via LibreOffice", files["doc"][0], files["doc"][1], "LibreOffice"))
        for label, data, pages, via in jobs:
            path = Path(folder) / f"one-{label.split()[0]}.bin"
            path.write_bytes(data)
            r = ingest_child(path, template, folder, via)
            rows.append((
                label, pages, f"{r['seconds']:.2f}", f"{pages / r['seconds']:,.1f}",
                f"{r['chars'] / r['seconds']:,.0f}", f"{r['rss']:.0f} MiB",
                f"{r['rss'] - baseline['rss']:+.0f} MiB",
                f"{r['children_rss']:.0f} MiB" if r["children_rss"] else "-",
            ))
    print_table(rows)


def ingest_child(path, template, folder, via=None) -> dict:
    database = Path(folder) / "one.sqlite3"
    shutil.copyfile(template, database)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(Path(folder) / "media")}
    child = subprocess.Popen(
        [sys.executable, __file__, "--child-one", str(path), *(["--via-soffice"] if via else [])],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    watch = DescendantPeak(child.pid)
    out, err = child.communicate()
    watch.stop()
    if child.returncode:
        raise RuntimeError(err)
    return {**json.loads(out.strip().splitlines()[-1]), "children_rss": watch.peak / 1024}


class DescendantPeak:
    """The largest VmHWM of any process below ``pid`` (the programs a child
    runs: antiword, LibreOffice, Tesseract), polled every 20 ms.  Their
    getrusage figure would not do: a program forked from a 200 MiB Python
    process starts its count from the parent's pages."""

    def __init__(self, pid: int):
        import threading

        self.pid, self.peak, self.done = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.done.set()
        self.thread.join()

    def run(self):
        while not self.done.wait(0.02):
            parents = {}
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        stat = (entry / "stat").read_text()
                    except OSError:
                        continue
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            for pid in parents:
                ancestor = parents.get(pid)
                while ancestor and ancestor != self.pid:
                    ancestor = parents.get(ancestor)
                if ancestor == self.pid:
                    try:
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue
                    for line in status.splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak = max(self.peak, int(line.split()[1]))


def one_file(path: str, via_soffice: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    import django

    django.setup()
    import resource
    from unittest import mock

    from django.core.management import call_command

    from documents.models import Document
    from documents.readers import legacy
    from documents.search.segmentation import segment

    segment("科技政策")  # jieba's dictionary, loaded before the clock starts
    patch = mock.patch.object(legacy, "_antiword", lambda *a: None) if via_soffice else mock.MagicMock()
    with patch:
        started = time.perf_counter()
        call_command("ingest", path, verbosity=0, stdout=open(os.devnull, "w"))
        seconds = time.perf_counter() - started
    document = Document.objects.get()
    return {
        "seconds": seconds,
        "chars": len(document.raw_text),
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_bulk(args) -> None:
    """--bulk: the same files queued for two workers and ingested one by one
    (tests/bulk.py), the two knowledge bases compared."""
    sys.path.insert(0, str(ROOT))
    from tests import bulk

    server = "postgres://postgres@127.0.0.1:5432" if args.postgres else None
    print(f"load average at the start: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="bulk-files-") as folder:
        started = time.perf_counter()
        files = bulk.make_files(Path(folder), args.files, scans=args.scans)
        made = time.perf_counter() - started
        counts: dict[str, int] = {}
        for path in files:
            counts[bulk.kind_of_name(path)] = counts.get(bulk.kind_of_name(path), 0) + 1
        size = sum(p.stat().st_size for p in files)
        print(
            f"{len(files)} files ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}; "
            f"{args.scans} of the pdf are scans), {size / 2**20:.1f} MiB, made in {made:.0f} s"
        )
        keep = Path(args.keep) if args.keep else None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        result = bulk.bulk_versus_one_by_one(
            files, server=server, workers=args.workers, keep=keep, keep_databases=bool(keep)
        )
    database = "PostgreSQL" if args.postgres else "SQLite"
    queued, single = result.queued, result.one_by_one
    print(f"{database}, jobs: {queued['jobs']['counts']}")
    for name, error in queued["jobs"]["failed"]:
        print(f"    failed job {name}: {error}")
    print(
        f"queued, {args.workers} workers: {queued['seconds']:.1f} s = "
        f"{len(files) / queued['seconds']:.2f} files/s, {queued['cpu_seconds']:.0f} CPU s "
        f"(queuing the uploads took {queued['enqueue_seconds']:.1f} s more)"
    )
    print(
        f"one by one (manage.py ingest, one process, in the order the workers saved them): "
        f"{single['seconds']:.1f} s = {len(files) / single['seconds']:.2f} files/s, "
        f"{single['cpu_seconds']:.0f} CPU s"
        + (f", {len(single['failed_lines'])} failed" if single["failed_lines"] else "")
    )
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    for line in single["failed_lines"]:
        print(f"    {line}")
    counts = result.counts
    print(
        "compared: "
        + ", ".join(f"{n} {label.split('.')[-1]}" for label, n in counts.items() if n)
        + ", the search index and every query of tests/search/queries.json and asked/dev.json"
    )
    if keep:
        print(f"kept: the snapshots in {keep}, the databases {result.urls[0]} and {result.urls[1]}")
    differences = result.differences
    if result.equal:
        print("EQUAL")
    elif not result.unexplained:
        answers = "answer" if len(differences) == 1 else "answers"
        print(
            f"EQUAL but for the order of {len(differences)} search {answers}, which comes from "
            "the order of rows alone:"
        )
    else:
        print(f"DIFFERENT: {len(result.unexplained)} differences ({len(differences)} in all):")
    for line in differences[: args.show]:
        print(f"  {line}")
    if len(differences) > args.show:
        print(f"  … and {len(differences) - args.show} more")
    for first, second in result.interleaved:
        print(f"provision ids interleaved in the bulk run (saved at the same time): {first}, {second}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--formats", action="store_true", help="the readers, per format")
    parser.add_argument(
        "--bulk", action="store_true",
        help="upload jobs run by two workers against a one-by-one ingest of the same files",
    )
    parser.add_argument("--files", type=int, default=200, help="--bulk: how many files")
    parser.add_argument("--scans", type=int, default=4, help="--bulk: how many of them scans")
    parser.add_argument("--workers", type=int, default=2, help="--bulk: workers side by side")
    parser.add_argument("--show", type=int, default=20, help="--bulk: differences shown")
    parser.add_argument(
        "--keep", help="--bulk: a folder for the two snapshots (JSON); the databases are kept too"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-one", help=argparse.SUPPRESS)
    parser.add_argument("--via-soffice", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.trace)))
        return
    if args.child_one:
        print(json.dumps(one_file(args.child_one, args.via_soffice)))
        return
    if args.formats:
        bench_formats(args.runs)
        return
    if args.bulk:
        bench_bulk(args)
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
