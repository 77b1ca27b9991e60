"""The ingestion pipeline: the one place that knows every app.

    source bytes ─► decode ─► normalise ─► parse structure ─► Document + Provision tree
                                                             │
                    themes, cross-references, search text ◄──┤
                    measures + subsidies (measures app)   ◄──┤
                    targets + figures (targets app)       ◄──┘
                                 │
                                 ▼
                    re-apply curated corrections (documents.curation)

``ingest_source`` runs all stages for one document inside one transaction.
"""

from .pipeline import PIPELINE_VERSION, ingest_source
from .report import DocumentReport, RunReport
from .sources import SourceFile, bundled_sources, source_from_path

__all__ = [
    "PIPELINE_VERSION",
    "DocumentReport",
    "RunReport",
    "SourceFile",
    "bundled_sources",
    "ingest_source",
    "source_from_path",
]
