"""The steps of an ingest, one class each, in the order ``PIPELINE`` runs them.

Every stage is called with the document's ``IngestContext`` (context.py);
its docstring says what it reads from the context or the database and what
it writes.  The field mappings are the apps' own (``documents.ingest``,
``measures.ingest``, ``targets.ingest``); syncing facts and protecting
curated values is ``documents.fact_sync``; curations are
``documents.curation``.  A stage only calls them in order.
"""

from __future__ import annotations

import hashlib
import os
import stat

from django.conf import settings
from django.db import transaction

from documents import ingest as documents_ingest
from documents.curation import apply_curations, curate_document
from documents.curation.document import apply_document_curations
from documents.fact_sync import sync_facts
from documents.models import Document
from documents.parsing.attachments import split_issued
from documents.parsing.encoding import SourceError
from documents.parsing.metadata import fill_from_file
from documents.parsing.pipeline import parse_text
from documents.readers import read
from documents.search import index as search_index
from measures import eligibility_sync
from measures import ingest as measures_ingest
from measures.models import Subsidy
from targets import ingest as targets_ingest
from targets.extraction.facts import sets_goals_ahead
from targets.models import Figure, Target

from .context import IngestContext, part_key
from .extract import ProvisionContext, extract
from .sources import check_claim


class Stage:
    """One step of the pipeline."""

    # A source whose bytes (and the pipeline version) are unchanged skips
    # every stage that rebuilds rows from the text.
    runs_when_unchanged = False
    # What a job on the jobs page is doing while this stage runs.
    label = ""

    def __call__(self, context: IngestContext) -> None:
        raise NotImplementedError


def run_stages(stages: list[Stage], context: IngestContext, on_stage=None) -> None:
    """Run ``stages`` in order; ``on_stage(stage, number, total)`` is told of
    each before it runs (an upload job shows it)."""
    for number, stage in enumerate(stages, 1):
        if stage.runs_when_unchanged or not context.unchanged:
            if on_stage is not None:
                on_stage(stage, number, len(stages))
            stage(context)


class ReadBytes(Stage):
    """Reads: the source file, the size limits (settings.INGEST_MAX_FILE_BYTES,
    or INGEST_MAX_BYTES where that is larger).
    Writes: context.data and its SHA-256, context.sha.
    Raises SourceError for a missing, oversized or unreadable file, and for
    anything that is not a regular file (a directory, a FIFO, a device such
    as /dev/zero): those are refused before a byte is read, and no file is
    read past the limit + 1 byte, whatever its size said."""

    label = "读取文件 / reading the file"

    def __call__(self, context):
        limit = max(settings.INGEST_MAX_FILE_BYTES, settings.INGEST_MAX_BYTES)
        context.data = read_limited(context.source.path, limit)
        context.sha = hashlib.sha256(context.data).hexdigest()


class ClaimKey(Stage):
    """Reads: the source's key and file name, the bundled sources, the stored
    Document with that key.
    Raises SourceError when the key belongs to another document (another
    file name mapped to the same key, or a bundled source's name or key on
    a file that is not the bundled one): a collision never replaces a
    document (``sources.check_claim``)."""

    label = "核对文件名 / checking the name"

    def __call__(self, context):
        check_claim(context.source)


def read_limited(path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``."""
    try:
        # Non-blocking, so that opening a FIFO does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise SourceError(f"文件不存在 / file not found: {path}") from None
    except IsADirectoryError:
        raise SourceError(f"这是一个目录 / is a directory: {path}") from None
    except OSError as exc:
        raise SourceError(f"无法读取文件 / cannot read file: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(f"这是一个目录 / is a directory: {path}")
        if not stat.S_ISREG(mode):
            raise SourceError(f"不是普通文件 / not a regular file: {path}")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SourceError(f"无法读取文件 / cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise SourceError(
            f"文件过大（超过上限 {max_bytes} 字节） / "
            f"file too large (more than the limit of {max_bytes} bytes)"
        )
    return b"".join(chunks)


class SkipIfUnchanged(Stage):
    """Reads: context.sha, the stored Document with the same key.
    Writes: context.unchanged and context.document when the stored document
    was made from the same bytes by the same pipeline version (and the run
    is not forced); report status "unchanged"."""

    label = "与已导入版本比较 / comparing with the stored version"

    def __call__(self, context):
        existing = Document.objects.filter(key=context.source.key).first()
        if (
            existing is not None
            and not context.force
            and existing.source_sha256 == context.sha
            and existing.pipeline_version == context.version
        ):
            context.unchanged = True
            context.document = existing
            context.report.status = "unchanged"


class Parse(Stage):
    """Reads: context.data (any format documents.readers knows, chosen by
    content), or the reading context.reading already holds.
    Writes: context.reading (text, layout hints, the file's own metadata),
    context.parsed (normalised, the provision tree, the header metadata;
    what the text leaves open, the file's metadata fills).
    Raises SourceError for an unknown, corrupt or undecodable file or text
    without provisions."""

    label = "读取正文与结构（扫描件需识别文字） / reading text and structure (OCR for scans)"

    def __call__(self, context):
        # An upload confirmed after a preview was read then (a scan's OCR).
        reading = context.reading or read(
            context.data,
            context.source.name,
            max_bytes=settings.INGEST_MAX_BYTES,
            max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
        )
        parsed = parse_text(reading.text, lines_are_paragraphs=reading.lines_are_paragraphs)
        parsed.meta = fill_from_file(parsed.meta, reading.meta)
        context.reading = reading
        context.report.kind = reading.kind
        context.report.warnings = reading.warnings
        if not any(True for _ in parsed.walk()):
            raise SourceError("未识别出任何条款 / no provisions recognised in the text")
        context.parsed = parsed


class SplitIssued(Stage):
    """Reads: context.parsed, the source's curated manifest entry.
    Writes: for a notice over the policies it issues, context.parsed the
    notice alone and context.parts the policies, each with its own text and
    tree (``documents.parsing.attachments``); nothing when a curated manifest
    describes the file as one document.  The facts of each part are those
    the whole text gives in its lines (the same tree, headings and dates)."""

    def __call__(self, context):
        if context.source.manifest is None:
            context.parsed, context.parts = split_issued(context.parsed)


class InOneTransaction(Stage):
    """Runs its stages in one database transaction: an error in any of them
    leaves the database as it was before the document."""

    runs_when_unchanged = True
    label = "保存文件、条款与事实 / saving the document, provisions and facts"

    def __init__(self, stages: list[Stage]):
        self.stages = stages

    def __call__(self, context):
        with transaction.atomic():
            run_stages(self.stages, context)


class SaveDocument(Stage):
    """Reads: context.parsed, the source's curated manifest entry, the
    curations of a stored document.
    Writes: the Document row (created, or only its changed fields, then the
    curations about the document itself applied again); context.document;
    report status "created" or "updated"."""

    def __call__(self, context):
        source = context.source
        context.document, created = documents_ingest.save_document(
            context.key,
            context.parsed,
            curated=source.metadata() if context.part_number is None else {},
            source_name=source.name,
            sha=context.sha,
            version=context.version,
            part=(context.part_of, context.part_number, context.part_label),
        )
        if context.part_number is None:
            context.report.status = "created" if created else "updated"
        if not created:
            # A curator's corrected title or date, before the period is read
            # from them (every curation is applied again after the facts).
            apply_document_curations(context.document)


class RecordConfirmation(Stage):
    """Reads: context.corrections, what a curator corrected of the metadata
    read from an upload before confirming it (``policybase.ingest.preview``).
    Writes: a curation of the document's corrected fields, applied at once
    (before its period is read from its date and title) and, like any
    other, again after every ingest."""

    def __call__(self, context):
        changes = context.corrections.get(context.key)
        if changes:
            curate_document(
                context.document,
                changes,
                reason="上传时核对元数据 / metadata corrected when the upload was confirmed",
                author=context.confirmed_by,
                source="upload",
            )


class ReadValidity(Stage):
    """Reads: the saved document (text, title, date of issue, plan period).
    Writes: its validity period, the rule that decided it and the sentences
    that say so (``documents.ingest.save_validity``)."""

    def __call__(self, context):
        documents_ingest.save_validity(context.document)


class KeepOriginal(Stage):
    """Reads: context.data, the source's file name.
    Writes: the original file, stored once per SHA-256 (``OriginalFile``),
    and the document's link to it.  Also for an unchanged source: a document
    ingested before originals were kept gets its link, once."""

    runs_when_unchanged = True

    def __call__(self, context):
        documents_ingest.keep_original(context.document, context.data, context.source.name)


class UpsertReferenceTables(Stage):
    """Reads: the apps' declarative tables (themes, instrument types,
    target groups, indicators).
    Writes: their rows, where they differ."""

    def __call__(self, context):
        documents_ingest.upsert_themes()
        measures_ingest.upsert_reference_tables()
        targets_ingest.upsert_reference_tables()


class SyncProvisions(Stage):
    """Reads: context.parsed, the document's stored provisions.
    Writes: Provision rows by stable key; context.rows (the flattened tree),
    context.provisions (by key), context.reworded (keys of new provisions
    and of those with a new heading or text)."""

    def __call__(self, context):
        context.rows = documents_ingest.provision_rows(context.parsed)
        context.provisions, context.reworded = documents_ingest.sync_provisions(
            context.document, context.rows, context.changes
        )


class ExtractFacts(Stage):
    """Reads: context.rows, the document's year and plan period.
    Writes: context.found, what the extractors found in each provision
    (themes, cross-references, measures, subsidies, targets, figures)."""

    def __call__(self, context):
        document = context.document
        lead_ins = documents_ingest.lead_ins(context.rows)
        examples = documents_ingest.examples(context.rows)
        year = document.year or document.plan_period_start
        sets_goals = not document.doc_type and sets_goals_ahead(document.text, year)
        context.found = {
            row.key: extract(
                row.parsed,
                ProvisionContext(
                    doc_year=year,
                    plan_period=document.plan_period,
                    section_heading=row.path_headings,
                    lead_in=lead_ins[row.key],
                    doc_type=document.doc_type,
                    sets_goals=sets_goals,
                    example=row.key in examples,
                ),
            )
            for row in context.rows
        }


class SyncThemes(Stage):
    """Reads: context.found (themes), context.provisions.
    Writes: provision–theme links."""

    def __call__(self, context):
        documents_ingest.sync_themes(
            context.provisions, context.found_of("themes"), context.changes
        )


class SyncCrossReferences(Stage):
    """Reads: context.found (cross-references), every document's number and
    title.
    Writes: the document's CrossReference rows, and the target document of
    every cross-reference in the knowledge base."""

    def __call__(self, context):
        documents_ingest.sync_crossrefs(
            context.document, context.provisions, context.found_of("crossrefs"), context.changes
        )
        documents_ingest.link_crossref_targets()


class SyncMeasures(Stage):
    """Reads: context.found (measures).
    Writes: Measure rows and their instrument-type and target-group links;
    context.measures (each provision's measures, by provision id)."""

    def __call__(self, context):
        context.measures = measures_ingest.sync_measures(
            context.document, context.provisions, context.found_of("measures"), context.changes
        )


class SyncSubsidies(Stage):
    """Reads: context.found (subsidies), context.measures, the stored subsidies.
    Writes: Subsidy rows by fingerprint (curated values kept, conflicts
    reported)."""

    def __call__(self, context):
        desired = measures_ingest.subsidy_rows(
            context.provisions, context.found_of("subsidies"), context.measures, context.parsed
        )
        sync_facts(Subsidy, context.document, desired, context.changes)


class SyncTargetsAndFigures(Stage):
    """Reads: context.found (targets, figures), the stored targets and figures.
    Writes: Indicator rows for phrases the indicator table does not know;
    Target and Figure rows by fingerprint (curated values kept, conflicts
    reported)."""

    def __call__(self, context):
        indicators = targets_ingest.IndicatorResolver()
        desired = targets_ingest.target_rows(
            context.provisions, context.found_of("targets"), indicators, context.parsed
        )
        sync_facts(Target, context.document, desired, context.changes)
        desired = targets_ingest.figure_rows(
            context.provisions, context.found_of("figures"), indicators, context.parsed
        )
        sync_facts(Figure, context.document, desired, context.changes)


class IndexForSearch(Stage):
    """Reads: context.reworded.
    Writes: the search index rows of those provisions and their segmented
    ``Provision.search_text`` (``documents.search.index.update``)."""

    def __call__(self, context):
        search_index.update(context.provisions[key].pk for key in context.reworded)


class ApplyCurations(Stage):
    """Reads: the shipped curation entries about the document
    (context.shipped), its Curation rows, its facts.
    Writes: those entries as Curation rows; the curated values of the facts,
    the facts curators added, ``Curation.orphaned``; a first history record
    for every row created in bulk; the report's orphaned curations.

    Also for an unchanged source: a curation added to a fixture file since
    the last run applies, and an orphaned one is reported on every run."""

    runs_when_unchanged = True

    def __call__(self, context):
        context.shipped.record(context.document)
        context.report.orphaned_curations = apply_curations(context.document).orphaned


class ReadEligibility(Stage):
    """Reads: the document's text, title and issuer, its subsidy rules and
    measures (after the curations: a rule a curator added is read too).
    Writes: an ``Eligibility`` row per rule and per measure of support in
    kind: who may apply, where, on what event, with the words of each
    (``measures.eligibility_sync``), only where the reading changed.

    For an unchanged source it runs only when a rule has no row yet (a
    curation added it, or the rows predate the reader)."""

    runs_when_unchanged = True

    def __call__(self, context):
        document = context.document
        if context.unchanged and not eligibility_sync.missing_eligibility(document):
            return
        eligibility_sync.sync_eligibility(document, context.changes)


class EachIssuedPolicy(Stage):
    """Runs its stages for each policy the notice issues (context.parts), as
    a document of its own keyed by the file's key and its number ("…-fj1"),
    linked to the notice; deletes the notice's documents of a previous run
    that the text no longer issues.
    For an unchanged source, runs the stages that run then for each stored one.
    Raises SourceError when such a key belongs to a document of another file."""

    runs_when_unchanged = True
    label = "保存通知印发的文件 / saving the policies the notice issues"

    def __init__(self, stages: list[Stage]):
        self.stages = stages

    def __call__(self, context):
        notice = context.document
        if context.unchanged:
            for document in notice.parts.order_by("part_number"):
                part = context.for_part(document.part_number, document.part_label, None, document)
                run_stages(self.stages, part)
            return
        keys = []
        for issued in context.parts:
            key = part_key(notice.key, issued.number)
            holder = Document.objects.filter(key=key).values_list("part_of", flat=True)
            if holder and holder[0] != notice.pk:
                raise SourceError(
                    f"标识 {key} 已属于另一文件的文档，未导入；请改名后重试 / key {key} already "
                    "belongs to a document of another file; nothing imported, rename the file"
                )
            part = context.for_part(issued.number, issued.label, issued.parsed)
            run_stages(self.stages, part)
            keys.append(part.document.key)
        notice.parts.exclude(key__in=keys).delete()
        documents_ingest.save_notice_validity(notice)
        context.report.parts = keys


class CountRows(Stage):
    """Reads: the document's rows, context.changes.
    Writes: the report's totals, changes and conflicts."""

    runs_when_unchanged = True
    label = "统计结果 / counting the results"

    def __call__(self, context):
        report = context.report
        report.count_rows(context.document)
        if not context.unchanged:
            report.changes = context.changes.counts
            report.conflicts = context.changes.conflicts
            report.warnings = context.changes.warnings
