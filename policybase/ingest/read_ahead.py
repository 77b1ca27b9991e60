"""Files read side by side while the documents are written one at a time
(``manage.py ingest --jobs N``).

Reading a file — a PDF's text layer, LibreOffice for an old Word file, OCR
for a scan — is the part of its ingest that needs no database, and for a
scan the longest.  ``readings`` hands each source's reading to
``ingest_source`` in the order given, read ahead by a pool of processes, so
that the cores read the next files while the run writes this one (writes
take turns anyway: SQLite has one writer, and every ingest waits for the
search index).  A file whose stored document was made from the same bytes
is not read (its ingest writes nothing), and a file a process cannot read
is read again by the run itself, which fails it with the reader's reason.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.conf import settings

from documents.models import Document
from documents.readers import detect, read_path_or_none
from documents.readers.types import Reading

from .pipeline import PIPELINE_VERSION
from .sources import SourceFile
from .stages import read_limited

# Files read ahead of the one being written, per process.
AHEAD_PER_JOB = 2


def readings(sources: list[SourceFile], jobs: int, *, force: bool = False) -> Iterator[Reading | None]:
    """For each source in order, its reading, or None where the run reads
    it itself: a plain text (read in milliseconds), an unchanged file, one a
    process could not read, or every file when ``jobs`` is 1 or the run has
    one file (nothing to read beside it)."""
    if jobs <= 1 or len(sources) < 2:
        yield from (None for _ in sources)
        return
    pool: ProcessPoolExecutor | None = None

    def submit(source: SourceFile) -> Future | None:
        nonlocal pool
        if not _worth_reading_ahead(source, force):
            return None
        if pool is None:
            # "spawn": fresh interpreters, holding no copy of this process's
            # database connections; started only when a file is worth it.
            pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
            )
        return pool.submit(
            read_path_or_none,
            str(source.path),
            source.name,
            max_bytes=settings.INGEST_MAX_BYTES,
            max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
        )

    try:
        pending: deque[Future | None] = deque()
        queue = iter(sources)
        for source in queue:
            pending.append(submit(source))
            if len(pending) >= jobs * AHEAD_PER_JOB:
                break
        while pending:
            future = pending.popleft()
            source = next(queue, None)
            if source is not None:
                pending.append(submit(source))
            yield _result(future)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _worth_reading_ahead(source: SourceFile, force: bool) -> bool:
    """A file that is not plain text, and not the bytes its stored
    document was made from (unless the run is forced)."""
    try:
        data = read_limited(
            source.path, max(settings.INGEST_MAX_FILE_BYTES, settings.INGEST_MAX_BYTES)
        )
        if not data or detect(data) == "text":
            return False
    except Exception:
        return False  # the run itself says why
    if force:
        return True
    return not Document.objects.filter(
        key=source.key,
        source_sha256=hashlib.sha256(data).hexdigest(),
        pipeline_version=PIPELINE_VERSION,
    ).exists()


def _result(future: Future | None) -> Reading | None:
    if future is None:
        return None
    try:
        return future.result()
    except Exception:
        return None  # a process that died: the run reads the file itself
