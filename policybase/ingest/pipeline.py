"""Run every stage for one document, in one transaction.

Reads: a SourceFile (bytes + optional curated manifest).
Writes: the Document row and everything derived from it, then re-applies the
document's curations.  A file whose bytes (and the pipeline version) are
unchanged is skipped without a single write; a changed file updates only the
rows that changed (see sync.py).  Any error rolls the whole document back.
"""

from __future__ import annotations

import hashlib
from time import perf_counter

from django.conf import settings
from django.db import transaction

from documents.curation import apply_curations
from documents.models import Document
from documents.parsing.encoding import SourceError
from documents.parsing.pipeline import parse_document

from . import stages
from .report import DocumentReport
from .sources import SourceFile

# Bump when a rule change should make `ingest` re-process unchanged files.
PIPELINE_VERSION = "1"


def read_bytes(source: SourceFile, max_bytes: int) -> bytes:
    try:
        size = source.path.stat().st_size
    except FileNotFoundError:
        raise SourceError(f"文件不存在 / file not found: {source.path}") from None
    except OSError as exc:
        raise SourceError(f"无法读取文件 / cannot read file: {exc.strerror}") from None
    if size > max_bytes:
        raise SourceError(
            f"文件过大（{size} 字节，上限 {max_bytes}） / "
            f"file too large ({size} bytes, limit {max_bytes})"
        )
    if source.path.is_dir():
        raise SourceError(f"这是一个目录 / is a directory: {source.path}")
    return source.path.read_bytes()


def ingest_source(source: SourceFile, *, force: bool = False) -> DocumentReport:
    report = DocumentReport(source=source.path.name, key=source.key)
    started = perf_counter()
    max_bytes = settings.INGEST_MAX_BYTES
    try:
        data = read_bytes(source, max_bytes)
        sha = hashlib.sha256(data).hexdigest()
        existing = Document.objects.filter(key=source.key).first()
        if (
            existing is not None
            and not force
            and existing.source_sha256 == sha
            and existing.pipeline_version == PIPELINE_VERSION
        ):
            report.status = "unchanged"
            report.counts = stages.counts(existing)
            return report
        parsed = parse_document(data, max_bytes=max_bytes)
        if not any(True for _ in parsed.walk()):
            raise SourceError("未识别出任何条款 / no provisions recognised in the text")
        with transaction.atomic():
            document, created = stages.save_document(source, parsed, sha, PIPELINE_VERSION)
            changes = stages.sync_document(document, parsed)
            curation = apply_curations(document)
        report.status = "created" if created else "updated"
        report.changes = changes.counts
        report.conflicts = changes.conflicts
        report.orphaned_curations = curation.orphaned
        report.counts = stages.counts(document)
    except SourceError as exc:
        report.status = "failed"
        report.error = str(exc)
    finally:
        report.seconds = perf_counter() - started
    return report
