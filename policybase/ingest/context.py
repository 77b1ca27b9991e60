"""What the stages of one document's ingest pass to each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.curation import ShippedCurations
from documents.fact_sync import ChangeSet
from documents.ingest import ProvisionRow
from documents.models import Document, Provision
from documents.parsing.types import ParsedDocument
from documents.readers.types import Reading

from .extract import ProvisionFacts
from .report import DocumentReport
from .sources import SourceFile


@dataclass
class IngestContext:
    """One document on its way through ``PIPELINE``: the input, what each
    stage has made so far, and the report the run prints."""

    source: SourceFile
    version: str  # PIPELINE_VERSION, stored on the document
    force: bool = False  # re-run every stage even when the bytes are unchanged
    shipped: ShippedCurations = field(default_factory=ShippedCurations)
    data: bytes = b""
    sha: str = ""
    unchanged: bool = False
    reading: Reading | None = None
    parsed: ParsedDocument | None = None
    document: Document | None = None
    rows: list[ProvisionRow] = field(default_factory=list)
    provisions: dict[str, Provision] = field(default_factory=dict)  # by key
    reworded: set[str] = field(default_factory=set)  # keys the search index reads again
    found: dict[str, ProvisionFacts] = field(default_factory=dict)  # by provision key
    measures: dict[int, list] = field(default_factory=dict)  # by provision id
    changes: ChangeSet = field(default_factory=ChangeSet)
    report: DocumentReport = field(init=False)

    def __post_init__(self):
        self.report = DocumentReport(source=self.source.name, key=self.source.key)

    def found_of(self, kind: str) -> dict[str, list]:
        """One kind of extracted fact ("subsidies" …), by provision key."""
        return {key: getattr(facts, kind) for key, facts in self.found.items()}
