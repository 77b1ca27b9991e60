"""What the stages of one document's ingest pass to each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.curation import ShippedCurations
from documents.fact_sync import ChangeSet
from documents.ingest import ProvisionRow
from documents.models import Document, Provision
from documents.parsing.attachments import IssuedPart
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
    # The policies a notice issues, each saved as a document of its own
    # (``IssuedPart``); for one of them, the part and the notice's document.
    parts: list[IssuedPart] = field(default_factory=list)
    part_number: int | None = None
    part_label: str = ""
    part_of: Document | None = None
    # What a curator corrected when confirming an upload, by document key
    # (``RecordConfirmation``), and who.
    corrections: dict[str, dict] = field(default_factory=dict)
    confirmed_by: object | None = None
    report: DocumentReport = field(init=False)

    def __post_init__(self):
        self.report = DocumentReport(source=self.source.name, key=self.source.key)

    @property
    def key(self) -> str:
        """The key of the document this context saves: the file's, or for
        an issued policy the file's with its part ("…-fj1")."""
        if self.part_number is None:
            return self.source.key
        return part_key(self.source.key, self.part_number)

    def for_part(
        self,
        number: int,
        label: str,
        parsed: ParsedDocument | None = None,
        document: Document | None = None,
    ) -> IngestContext:
        """A context for the ``number``th policy the notice issues, sharing
        the run's input, changes and report: its ``parsed`` text, or when
        the source is unchanged its stored ``document``."""
        context = IngestContext(
            source=self.source,
            version=self.version,
            force=self.force,
            shipped=self.shipped,
            data=self.data,
            sha=self.sha,
            unchanged=self.unchanged,
            parsed=parsed,
            document=document,
            changes=self.changes,
            part_number=number,
            part_label=label,
            part_of=self.document,
            corrections=self.corrections,
            confirmed_by=self.confirmed_by,
        )
        context.report = self.report
        return context

    def found_of(self, kind: str) -> dict[str, list]:
        """One kind of extracted fact ("subsidies" …), by provision key."""
        return {key: getattr(facts, kind) for key, facts in self.found.items()}


PART_SUFFIX = "-fj"  # 附件


def part_key(key: str, number: int) -> str:
    """The key of the ``number``th policy a notice keyed ``key`` issues."""
    suffix = f"{PART_SUFFIX}{number}"
    return key[: 80 - len(suffix)] + suffix
