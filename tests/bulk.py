"""A bulk of mixed files ingested two ways, and the two knowledge bases
compared.

``bench/ingest.py --bulk`` makes 200 and more files of the bundled, genre and
development-corpus texts in every format (``make_files``), queues them all
as upload jobs and runs two database-backend workers at once until the queue
is empty (``run_queued``), ingests the same files one by one with
``manage.py ingest`` into a second fresh database (``run_one_by_one``), and
compares what the two hold (``snapshot`` of each, then ``compare``):
documents and their originals, provisions, themes, cross-references,
measures, subsidies, eligibility, targets, figures, the reference tables,
the search index and the answers to the query sets.  Rows are compared by
their natural keys (a document's key, a provision's key in its document, a
fact's fingerprint), never by id: ids follow the order in which the workers
happened to save.  The search, though, orders equal scores by id, so the
one-by-one run takes the files in the order the workers saved their
documents (``saved_order``), and the rankings must then agree hit for hit
but where the order of rows decides, which such a difference says at its
end (``explained``): on PostgreSQL the provision ids of two documents saved
at the same time interleave, and a gram query is cut in storage order.

Each step that uses a database runs in a process of its own with
``DATABASE_URL`` set (``python -m tests.bulk enqueue|snapshot …``), so the
caller needs no Django set-up; ``tests/policybase/test_bulk.py`` runs the
whole comparison on a handful of files.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    *sorted((ROOT / "fixtures" / "sources").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "genre").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "corpus" / "dev").glob("*.txt")),
]
KINDS = ("txt", "pdf", "docx", "html", "ofd", "doc")
QUERY_SETS = (
    ROOT / "tests" / "search" / "queries.json",
    ROOT / "tests" / "search" / "asked" / "dev.json",
)
# Strings longer than this are compared by their digest (a document's text).
LONG = 400


# The files ------------------------------------------------------------------


def closing_line(number: int) -> str:
    """The paragraph that makes file ``number`` unlike every other: it adds
    a provision of its own and leaves the header and the other provisions
    as they were."""
    return f"（汇编第{number}件）"


def make_files(
    folder: Path, count: int, *, texts=TEXTS, kinds=KINDS, scans: int = 0, seed: int = 14
) -> list[Path]:
    """``count`` files in ``folder``: each text in each kind in turn (a
    GB18030 copy only as text, old Word files only where LibreOffice can
    write them), and ``scans`` scanned PDFs of the shortest texts; each ends
    with a closing paragraph of its own number, so that no two files share
    their bytes (SHA-256).  Shuffled (seeded): the queue mixes kinds and
    sizes as uploads do."""
    from tests.readers import formats

    kinds = [k for k in kinds if k != "doc" or shutil.which("soffice")]
    pairs = [
        (text, kind)
        for text in texts
        for kind in kinds
        if kind == "txt" or "gb18030" not in text.name
    ]
    shortest = sorted((t for t in texts if "gb18030" not in t.name), key=lambda t: t.stat().st_size)
    wanted = [(text, "scan") for text in shortest[:scans]]
    wanted += [pairs[i % len(pairs)] for i in range(count - len(wanted))]
    paragraphs: dict[Path, list[str]] = {}
    made: dict[str, bytes] = {}
    docx_for_doc: dict[str, bytes] = {}
    names = []
    for number, (text, kind) in enumerate(wanted, 1):
        stem = f"{text.stem}-{number:03d}"
        extension = {"scan": "pdf"}.get(kind, kind)
        names.append(f"{stem}.{extension}")
        closing = closing_line(number)
        if kind == "txt":
            encoding = "gb18030" if "gb18030" in text.name else "utf-8"
            raw = text.read_bytes().decode(encoding).rstrip("\n")
            made[names[-1]] = f"{raw}\n\n{closing}\n".encode(encoding)
            continue
        if text not in paragraphs:
            paragraphs[text] = formats.paragraphs(text)
        paras = [*paragraphs[text], closing]
        if kind == "pdf":
            made[names[-1]] = formats.printed_pdf(paras)
        elif kind == "scan":
            made[names[-1]] = formats.scanned_pdf(formats.printed_pdf(paras), pages=99, dpi=300)
        elif kind == "ofd":
            made[names[-1]] = formats.ofd_document(paras)
        elif kind == "docx":
            made[names[-1]] = formats.word_docx(paras)
        elif kind == "html":
            made[names[-1]] = formats.government_page(paras, title=None, meta={})
        else:
            docx_for_doc[stem] = formats.word_docx(paras)
    if docx_for_doc:  # one LibreOffice run for them all (each start costs seconds)
        for stem, data in formats.old_words(docx_for_doc).items():
            made[f"{stem}.doc"] = data
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        paths.append(folder / name)
        paths[-1].write_bytes(made[name])
    random.Random(seed).shuffle(paths)
    return paths


def kind_of_name(path: Path) -> str:
    """The kind a file of ``make_files`` was made as (scans are PDFs)."""
    return path.suffix.lstrip(".")


# Databases ----------------------------------------------------------------


@contextmanager
def fresh_databases(count: int, server: str | None = None, keep: Path | None = None):
    """``count`` migrated, empty databases (their URLs): SQLite files, or
    with ``server`` (``postgres://user@host:port``) databases on that
    server, dropped afterwards unless ``keep`` (SQLite files are then copied
    into that folder).  Migrated once, then copied (a PostgreSQL database
    made from the first as its template)."""
    with tempfile.TemporaryDirectory(prefix="bulk-") as folder:
        if server is None:
            first = Path(folder) / "template.sqlite3"
            manage(f"sqlite:///{first}", "migrate", "--noinput", check=True)
            copies = [Path(folder) / f"db{k}.sqlite3" for k in range(count)]
            for copy in copies:
                shutil.copyfile(first, copy)
            yield [f"sqlite:///{copy}" for copy in copies]
            for copy in copies if keep else ():
                shutil.copyfile(copy, keep / copy.name)
            return
        base = server.rstrip("/")
        stem = f"bulk_{uuid.uuid4().hex[:8]}"
        names = [f"{stem}_{k}" for k in range(count)]
        postgres(server, f'CREATE DATABASE "{stem}"')
        try:
            manage(f"{base}/{stem}", "migrate", "--noinput", check=True)
            postgres(server, *(f'CREATE DATABASE "{n}" TEMPLATE "{stem}"' for n in names))
            yield [f"{base}/{n}" for n in names]
        finally:
            dropped = [stem] if keep else [stem, *names]
            postgres(server, *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in dropped))


def postgres(server: str, *statements: str) -> None:
    """Statements on the maintenance database of the server at the URL
    ``server``, outside any transaction (``tests.processes.server``)."""
    from tests.processes import server as on_server

    parts = urlparse(server)
    on_server({"USER": parts.username, "PASSWORD": parts.password, "HOST": parts.hostname,
               "PORT": parts.port}, *statements)


def environment(url: str, media: Path | None = None) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "policybase.settings"}
    if media is not None:
        env["MEDIA_ROOT"] = str(media)
    return env


def manage(url: str, *args: str, media: Path | None = None, check: bool = False):
    """``manage.py`` on the database at ``url``, run to its end."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=environment(url, media), capture_output=True, text=True, check=check,
    )


def run_module(url: str, *args: str, media: Path | None = None) -> str:
    """``python -m tests.bulk ARGS`` on the database at ``url``; its output."""
    return subprocess.run(
        [sys.executable, "-m", "tests.bulk", *args],
        cwd=ROOT, env=environment(url, media), capture_output=True, text=True, check=True,
    ).stdout


# The two runs -------------------------------------------------------------


def run_queued(files: list[Path], url: str, media: Path, workers: int = 2) -> dict:
    """Every file an upload job, queued at once; then ``workers`` workers
    (``manage.py db_worker --batch``) side by side until the queue is empty.
    Returns the seconds of both steps and the jobs by status."""
    started = time.perf_counter()
    run_module(url, "enqueue", *map(str, files), media=media)
    queued = time.perf_counter() - started
    queue = os.environ.get("INGEST_QUEUE", "default")
    command = [
        sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-reload",
        "--no-startup-delay", "--interval", "0.1", "--queue-name", queue,
    ]
    started, cpu = time.perf_counter(), children_cpu()
    running = [
        subprocess.Popen(
            command, cwd=ROOT, env=environment(url, media),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(workers)
    ]
    errors = [process.communicate()[1] for process in running]
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    jobs = json.loads(run_module(url, "jobs"))
    if any(p.returncode for p in running):
        raise RuntimeError("a worker failed:\n" + "\n".join(errors))
    return {"enqueue_seconds": queued, "seconds": seconds, "cpu_seconds": cpu, "jobs": jobs}


def run_one_by_one(files: list[Path], url: str, media: Path) -> dict:
    """The same files through ``manage.py ingest``, one after another in one
    process (a file that fails fails alone, as a job does)."""
    started, cpu = time.perf_counter(), children_cpu()
    result = manage(url, "ingest", *map(str, files), media=media)
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    failed = [line for line in result.stdout.splitlines() if line.lstrip().startswith("✗")]
    return {"seconds": seconds, "cpu_seconds": cpu, "exit": result.returncode, "failed_lines": failed}


def children_cpu() -> float:
    """CPU seconds (user and system) of the child processes run so far and
    the programs they ran (OCR, converters): the work, whatever else the
    machine was doing."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def saved_order(files: list[Path], url: str) -> list[Path]:
    """``files`` in the order their documents' provisions were saved at
    ``url`` (by the first provision id; files that made no document last):
    the serial order of a concurrent run.
    Rows of equal rank are ordered by id wherever the search must choose
    (ties, the verbatim re-ranking of the best candidates), so only a run
    in that order can be held to the same ids in the same order."""
    order = {name: k for k, name in enumerate(json.loads(run_module(url, "order")))}
    return sorted(files, key=lambda path: order.get(path.name, len(order)))


@dataclass
class Comparison:
    urls: tuple[str, str]  # the bulk run's database and the other's
    files: int
    queued: dict
    one_by_one: dict
    differences: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rows per table (bulk)
    interleaved: list[list[str]] = field(default_factory=list)  # in the bulk run

    @property
    def equal(self) -> bool:
        return not self.differences

    @property
    def unexplained(self) -> list[str]:
        """The differences that are not the order of rows alone."""
        return [line for line in self.differences if not explained(line)]


def bulk_versus_one_by_one(
    files: list[Path],
    *,
    server: str | None = None,
    workers: int = 2,
    keep: Path | None = None,
    keep_databases: bool = False,
    query_sets=QUERY_SETS,
) -> Comparison:
    """Both runs on fresh databases, then their snapshots compared.  With
    ``keep``, a folder, the snapshots are kept there as bulk.json and
    single.json; with ``keep_databases`` too the databases (db0 the bulk
    run's, db1 the other's: SQLite files there, PostgreSQL databases left on
    the server)."""
    kept = keep if keep_databases else None
    with fresh_databases(2, server, kept) as (bulk_url, single_url), tempfile.TemporaryDirectory(
        prefix="bulk-media-"
    ) as media:
        queued = run_queued(files, bulk_url, Path(media) / "bulk", workers)
        single = run_one_by_one(
            saved_order(files, bulk_url), single_url, Path(media) / "single"
        )
        snapshots = []
        for url, name in ((bulk_url, "bulk"), (single_url, "single")):
            out = (keep or Path(media)) / f"{name}.json"
            run_module(url, "snapshot", str(out), *map(str, query_sets))
            snapshots.append(json.loads(out.read_text(encoding="utf-8")))
    return Comparison(
        urls=(bulk_url, single_url),
        files=len(files),
        queued=queued,
        one_by_one=single,
        differences=compare(*snapshots),
        counts={label: len(rows) for label, rows in snapshots[0]["tables"].items()},
        interleaved=snapshots[0]["interleaved"],
    )


# What a knowledge base holds ------------------------------------------------

# (model, the fields of its natural key; None: the whole row is its identity).
MODELS = [
    ("documents.OriginalFile", ("sha256",)),
    ("documents.Theme", ("slug",)),
    ("documents.Document", ("key",)),
    ("documents.Provision", ("document", "key")),
    ("documents.CrossReference", ("provision", "start")),
    ("documents.Curation", None),
    ("measures.InstrumentType", ("key",)),
    ("measures.TargetGroup", ("key",)),
    ("measures.Measure", ("provision", "start")),
    ("measures.Subsidy", ("document", "fingerprint")),
    ("measures.Eligibility", ("subsidy", "measure")),
    ("measures.EligibilityKey", None),
    ("targets.Indicator", ("key",)),
    ("targets.Target", ("document", "fingerprint")),
    ("targets.Figure", ("document", "fingerprint")),
]


def _plain(value):
    """A value as JSON holds it; a long string as its start and digest."""
    from datetime import date
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > LONG:
        digest = hashlib.sha256(value.encode()).hexdigest()[:16]
        return f"{value[:60]}… ({len(value)} chars, sha256 {digest})"
    return value


def snapshot(query_sets=QUERY_SETS) -> dict:
    """Every row of the knowledge base under its natural key, the search
    index by provision, and each query's ranking (Django set up)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import models

    # (model label, id) -> natural key; content types and users by name.
    names: dict[tuple[str, object], str] = {
        ("contenttypes.ContentType", ct.pk): f"{ct.app_label}.{ct.model}"
        for ct in ContentType.objects.all()
    }
    user = get_user_model()
    names.update(
        ((user._meta.label, pk), name)
        for pk, name in user.objects.values_list("pk", user.USERNAME_FIELD)
    )
    tables: dict[str, dict[str, dict]] = {}
    for label, key_fields in MODELS:
        model = apps.get_model(label)
        fields = [
            f for f in model._meta.concrete_fields
            if not isinstance(f, models.AutoField | models.DateTimeField)
        ]
        rows = list(model.objects.order_by("pk").values_list("pk", *(f.attname for f in fields)))

        def value(f, raw):
            if f.is_relation and raw is not None:
                return names.get((f.related_model._meta.label, raw), f"?{raw}")
            return _plain(raw)

        if key_fields:
            by_name = {f.name: f for f in fields}
            for row in rows:
                values = dict(zip((f.name for f in fields), row[1:], strict=True))
                names[(label, row[0])] = "/".join(
                    str(value(by_name[k], values[k])) for k in key_fields
                )
        linked = {}
        for m2m in model._meta.many_to_many:
            related = m2m.related_model._meta.label
            through = m2m.remote_field.through.objects
            links: dict[object, list[str]] = {}
            for source, target in through.values_list(m2m.m2m_column_name(), m2m.m2m_reverse_name()):
                links.setdefault(source, []).append(names[(related, target)])
            linked[m2m.name] = links
        table: dict[str, dict] = {}
        for row in rows:
            record = {f.name: value(f, raw) for f, raw in zip(fields, row[1:], strict=True)}
            for name, links in linked.items():
                record[name] = sorted(links.get(row[0], []))
            whole = json.dumps(record, sort_keys=True, ensure_ascii=False)
            name = names.get((label, row[0]), whole)
            if name in table:  # a natural key twice: the whole row tells them apart
                name = f"{name} {whole}"
            while name in table:  # identical rows: one entry each
                name += "+"
            table[name] = record
        tables[label] = table
    provision = {pk: name for (label, pk), name in names.items() if label == "documents.Provision"}
    return {
        "tables": tables,
        "index": search_index(provision),
        "search": rankings(provision, query_sets),
        "interleaved": interleaved(),
    }


def interleaved() -> list[list[str]]:
    """Documents whose provision ids interleave (two saved at the same time
    on PostgreSQL, ids drawn from one sequence): no run of one ingest after
    another gives such ids, so where equal scores are ordered by id, hits
    of theirs may come in another order.  Not compared, only reported."""
    from django.db.models import Max, Min

    from documents.models import Provision

    ranges = (
        Provision.objects.values("document__key")
        .annotate(low=Min("pk"), high=Max("pk"))
        .order_by("low")
    )
    pairs, last = [], None
    for document in ranges:
        if last is not None and document["low"] < last["high"]:
            pairs.append([last["document__key"], document["document__key"]])
        if last is None or document["high"] > last["high"]:
            last = document
    return pairs


def search_index(provision: dict[int, str]) -> dict[str, dict]:
    """The search index's rows by provision (its words and plain text, its
    impact-list entries, the grams where the vendor stores them readably),
    the term table but for its random version stamp, and the words'
    document frequencies."""
    from django.db import connection

    from documents.search.backends.base import TABLE, IndexTables
    from documents.search.backends.terms import VERSION_KEY

    tables = IndexTables(TABLE)
    out: dict[str, dict] = {"words": {}, "impact": {}, "terms": {}, "grams": {}, "counts": {}}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT id, c0, c1 FROM {tables.words}_content")
        else:
            cursor.execute(f"SELECT provision_id, words::text, plain FROM {tables.words}")
        for pk, words, plain in cursor.fetchall():
            out["words"][provision.get(pk, f"?{pk}")] = [_plain(words), _plain(plain)]
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT provision_id, grams::text FROM {tables.grams}")
            out["grams"] = {provision.get(pk, f"?{pk}"): _plain(g) for pk, g in cursor.fetchall()}
        cursor.execute(f"SELECT term, score, provision_id FROM {tables.impact}")
        for term, score, pk in cursor.fetchall():
            out["impact"][f"{term}/{provision.get(pk, f'?{pk}')}"] = round(score, 9)
        cursor.execute(f"SELECT term, df FROM {tables.terms} WHERE term <> %s", [VERSION_KEY])
        out["terms"] = dict(cursor.fetchall())
        cursor.execute(f"SELECT term, n FROM {tables.counts}")
        out["counts"] = dict(cursor.fetchall())
    return out


def rankings(provision: dict[int, str], query_sets) -> dict[str, dict]:
    """Each query's every ranked match, as the site ranks them (full
    matches, then partial ones), by provision key with its score."""
    from django.db import connection

    from documents.search.backends import backend_for
    from documents.search.plan import plan_for
    from documents.search.query import parse
    from documents.search.tiers import tiered_candidates

    backend = backend_for(connection)
    out = {}
    for path in query_sets:
        for item in json.loads(Path(path).read_text(encoding="utf-8")):
            query = parse(item["query"])
            found = tiered_candidates(backend, query)
            plans = [plan_for(query)] + ([plan_for(query, relaxed=True)] if query.relaxable else [])
            out[item["query"]] = {
                "hits": [
                    [provision.get(pk, f"?{pk}"), round(float(found.scores[pk]), 9),
                     "partial" if pk in found.matched else "full"]
                    for pk in found.ids
                ],
                "full": found.full,
                "bounded": found.bounded,
                # PostgreSQL cuts a gram query's matches at the first the
                # index yields, in storage order (documents/search/backends).
                "storage_order": connection.vendor == "postgresql"
                and found.bounded
                and any(backend.route(plan).kind == "grams" for plan in plans),
            }
    return out


# Comparing two snapshots ----------------------------------------------------


def compare(a: dict, b: dict, names=("bulk", "one by one"), limit: int | None = None) -> list[str]:
    """The differences between two snapshots (with ``limit``, at most that
    many lines, the last saying how many more); empty when they are equal.
    A search difference that comes from the order of rows alone says so
    at its end (``explained``)."""
    lines: list[str] = []
    for label in sorted(set(a["tables"]) | set(b["tables"])):
        lines += _rows(label, a["tables"].get(label, {}), b["tables"].get(label, {}), names)
    for part in sorted(set(a["index"]) | set(b["index"])):
        lines += _rows(f"search index {part}", a["index"].get(part, {}), b["index"].get(part, {}), names)
    interleaved = {key for pair in a.get("interleaved", []) for key in pair}
    for query in sorted(set(a["search"]) | set(b["search"])):
        lines += _ranking(query, a["search"].get(query), b["search"].get(query), names, interleaved)
    if limit is not None and len(lines) > limit:
        lines = [*lines[: limit - 1], f"… and {len(lines) - limit + 1} more differences"]
    return lines


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 160 else text[:157] + "…"


def _rows(label: str, a: dict, b: dict, names) -> list[str]:
    lines = []
    for key in sorted(set(a) - set(b)):
        lines.append(f"{label}: only in {names[0]}: {_short(key)} {_short(a[key])}")
    for key in sorted(set(b) - set(a)):
        lines.append(f"{label}: only in {names[1]}: {_short(key)} {_short(b[key])}")
    for key in sorted(set(a) & set(b)):
        if a[key] == b[key]:
            continue
        if isinstance(a[key], dict) and isinstance(b[key], dict):
            for name in sorted(set(a[key]) | set(b[key])):
                if a[key].get(name) != b[key].get(name):
                    lines.append(
                        f"{label} {key}: {name}: {names[0]} {_short(a[key].get(name))}, "
                        f"{names[1]} {_short(b[key].get(name))}"
                    )
        else:
            lines.append(f"{label} {key}: {names[0]} {_short(a[key])}, {names[1]} {_short(b[key])}")
    return lines


# What a search difference comes from, when not from the data: said after it.
INTERLEAVED = "[ids interleaved: equal scores go by id]"
STORAGE_ORDER = "[gram query cut in storage order]"


def _ranking(query: str, a: dict | None, b: dict | None, names, interleaved=()) -> list[str]:
    if a is None or b is None:
        return [f"search {query!r}: only in {names[0] if b is None else names[1]}"]
    hits_a, hits_b = [h[0] for h in a["hits"]], [h[0] for h in b["hits"]]
    if (a["full"], a["bounded"], len(hits_a)) != (b["full"], b["bounded"], len(hits_b)):
        line = (
            f"search {query!r}: {names[0]} {len(hits_a)} hits ({a['full']} full), "
            f"{names[1]} {len(hits_b)} hits ({b['full']} full)"
        )
        involved = set(hits_a) ^ set(hits_b)
    else:
        pairs = enumerate(zip(a["hits"], b["hits"], strict=True))
        rank = next((k for k, (x, y) in pairs if x != y), None)
        if rank is None:
            return []
        line = f"search {query!r} at rank {rank + 1}: {names[0]} {a['hits'][rank]}, {names[1]} {b['hits'][rank]}"
        involved = set(hits_a[rank:]) ^ set(hits_b[rank:]) or {hits_a[rank], hits_b[rank]}
    causes = []
    if any(key.split("/")[0] in interleaved for key in involved):
        causes.append(INTERLEAVED)
    if a.get("storage_order") or b.get("storage_order"):
        causes.append(STORAGE_ORDER)
    return [" ".join([line, *causes])]


def explained(line: str) -> bool:
    """Whether a difference comes from the order of rows alone (ids that
    interleave, a cut in storage order), not from what the tables hold."""
    return line.endswith((INTERLEAVED, STORAGE_ORDER))


# Run as ``python -m tests.bulk`` on the database of DATABASE_URL -------------


def _enqueue(paths: list[str]) -> None:
    """Upload jobs for the files, handed to the task queue, as the upload
    page makes them."""
    from django.conf import settings
    from django.core.files import File

    from policybase.ingest import tasks
    from policybase.models import UploadJob

    handles = [open(p, "rb") for p in paths]
    try:
        jobs = UploadJob.objects.accept(
            [File(h, name=Path(p).name) for h, p in zip(handles, paths, strict=True)],
            None,
            max_bytes=settings.INGEST_MAX_BYTES,
            max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
            confirm=False,  # as ingested one by one: no curator in between
        )
    finally:
        for h in handles:
            h.close()
    tasks.enqueue(jobs)  # outside a transaction: handed over at once
    print(json.dumps({"jobs": len(jobs)}))


def _jobs() -> None:
    from django.db.models import Count

    from policybase.models import UploadJob

    counts = UploadJob.objects.values_list("status", "outcome").annotate(n=Count("pk"))
    failed = list(UploadJob.objects.filter(status="failed").values_list("name", "error"))
    print(json.dumps({"counts": {f"{s} {o}".strip(): n for s, o, n in counts}, "failed": failed}))


def _order() -> None:
    from django.db.models import F, Min

    from documents.models import Document

    # By the first provision each document saved, not by the document's own
    # id: equal scores go by provision id, and two workers may save document
    # rows in one order and their provisions in the other.
    names = (
        Document.objects.annotate(first=Min("provisions__pk"))
        .order_by(F("first").asc(nulls_last=True), "pk")
        .values_list("source_name", flat=True)
    )
    # A notice and the policies it issues are one file.
    print(json.dumps(list(dict.fromkeys(names)), ensure_ascii=False))


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policybase.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    command, *args = argv
    if command == "enqueue":
        _enqueue(args)
    elif command == "jobs":
        _jobs()
    elif command == "order":
        _order()
    elif command == "snapshot":
        out, *query_sets = args
        Path(out).write_text(
            json.dumps(snapshot(query_sets or QUERY_SETS), ensure_ascii=False), encoding="utf-8"
        )
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
