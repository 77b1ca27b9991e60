"""The ingestion pipeline: the one place that knows every app.

``pipeline.PIPELINE`` lists the stages (stages.py) one source goes through,
in one transaction per document:

    read bytes ─► claim the key ─► skip if unchanged ─► parse
        ─► split a notice from the policies it issues ─► save Document
        ─► a confirmed upload's corrections ─► validity ─► keep the original
        ─► reference tables ─► provisions ─► extract facts ─► themes
        ─► cross-references ─► measures ─► subsidies ─► targets + figures
        ─► search index ─► curations ─► eligibility
        ─► the same from "save Document" for each policy the notice issues

Each app maps its own rows (``documents.ingest``, ``measures.ingest``,
``targets.ingest``); ``documents.fact_sync`` syncs facts and keeps curated
values; ``documents.curation`` re-applies curated decisions.
``ingest_source`` runs the pipeline for one document; ``tasks`` runs it
for an uploaded file on a background worker, after ``preview`` read it for
a curator to confirm; ``read_ahead`` reads the files of a run side by side.
"""

from .pipeline import PIPELINE, PIPELINE_VERSION, ingest_source
from .report import DocumentReport, RunReport
from .sources import SourceFile, bundled_sources, source_from_path, sources_from_paths

__all__ = [
    "PIPELINE",
    "PIPELINE_VERSION",
    "DocumentReport",
    "RunReport",
    "SourceFile",
    "bundled_sources",
    "ingest_source",
    "source_from_path",
    "sources_from_paths",
]
