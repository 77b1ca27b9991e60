"""The ingest pipeline: the stages one source goes through, in order.

Reads: a SourceFile (bytes + optional curated manifest), and the shipped
curations of the run.
Writes: the Document row and everything derived from it, then re-applies
the document's curations, all in one transaction.  A file whose bytes (and
the pipeline version) are unchanged skips every stage that rebuilds rows
from the text; a changed file updates only the rows that changed (each
app's ``ingest`` module compares what it wants with what is stored).  Any
error rolls the whole document back.
"""

from __future__ import annotations

import logging
from time import perf_counter

from documents.curation import ShippedCurations
from documents.parsing.encoding import SourceError
from documents.readers.types import Reading

from .context import IngestContext
from .report import DocumentReport
from .sources import SourceFile
from .stages import (
    ApplyCurations,
    ClaimKey,
    CountRows,
    EachIssuedPolicy,
    ExtractFacts,
    IndexForSearch,
    InOneTransaction,
    KeepOriginal,
    Parse,
    ReadBytes,
    ReadEligibility,
    ReadValidity,
    RecordConfirmation,
    SaveDocument,
    SkipIfUnchanged,
    SplitIssued,
    SyncCrossReferences,
    SyncMeasures,
    SyncProvisions,
    SyncSubsidies,
    SyncTargetsAndFigures,
    SyncThemes,
    UpsertReferenceTables,
    run_stages,
)

logger = logging.getLogger(__name__)

# Bump when a rule change should make `ingest` re-process unchanged files.
PIPELINE_VERSION = "6"

# What makes one document of a file: the file's own, and each policy a
# notice issues (documents.parsing.attachments).
DOCUMENT_STAGES = [
    SaveDocument(),
    RecordConfirmation(),
    ReadValidity(),
    KeepOriginal(),
    UpsertReferenceTables(),
    SyncProvisions(),
    ExtractFacts(),
    SyncThemes(),
    SyncCrossReferences(),
    SyncMeasures(),
    SyncSubsidies(),
    SyncTargetsAndFigures(),
    IndexForSearch(),
    ApplyCurations(),
    ReadEligibility(),
]

PIPELINE = [
    ReadBytes(),
    ClaimKey(),
    SkipIfUnchanged(),
    Parse(),
    SplitIssued(),
    InOneTransaction([*DOCUMENT_STAGES, EachIssuedPolicy(DOCUMENT_STAGES)]),
    CountRows(),
]


def ingest_source(
    source: SourceFile,
    *,
    force: bool = False,
    shipped: ShippedCurations | None = None,
    on_stage=None,
    reading: Reading | None = None,
    corrections: dict[str, dict] | None = None,
    confirmed_by=None,
) -> DocumentReport:
    """Run ``PIPELINE`` for one source; a file that cannot be read or parsed
    is a failed report, not an exception.  ``on_stage(stage, number, total)``
    hears of each stage of ``PIPELINE`` before it runs.  ``reading``: the
    file as a reader gave it before (an upload's preview), not read again;
    ``corrections``: a curator's corrections of the metadata read, by
    document key, recorded as curations by ``confirmed_by``."""
    context = IngestContext(
        source=source,
        version=PIPELINE_VERSION,
        force=force,
        shipped=shipped or ShippedCurations(),
        reading=reading,
        corrections=corrections or {},
        confirmed_by=confirmed_by,
    )
    report = context.report
    started = perf_counter()
    try:
        run_stages(PIPELINE, context, on_stage)
    except SourceError as exc:
        report.status = "failed"
        report.error = str(exc)
    except Exception as exc:
        # A fault in one document (a rule, the database) fails that document
        # only: its transaction is rolled back, the run goes on and its
        # summary is printed.  The traceback goes to the log.
        logger.exception("ingest of %s failed", source.name)
        report.status = "failed"
        report.error = (
            f"内部错误，文件未导入 / internal error, file not ingested: "
            f"{type(exc).__name__}: {str(exc)[:200]}"
        )
    finally:
        report.seconds = perf_counter() - started
    return report
