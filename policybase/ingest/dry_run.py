"""The pipeline's reading, parsing and extraction stages, without a database.

Reads: one source file.
Writes nothing: returns the ``IngestContext`` as ``ExtractFacts`` leaves it
(the parsed document, an unsaved Document with the metadata the text gives,
the provision rows and every fact the extractors found in each provision).
The stages are the ones ``PIPELINE`` runs, so what this returns is what an
ingest would store, short of the database's own limits (facts whose numbers
a column cannot hold are dropped by ``documents.fact_sync``) and of the
curations, which a new document has none of.  Scoring a corpus
(``manage.py score_corpus``) runs this on every file in a few seconds.

A notice over the policies it issues is read as one text, as its annotators
read it: an ingest saves the notice and each policy as documents of their
own (``SplitIssued``), with the facts the same lines give here.
"""

from __future__ import annotations

from documents import ingest as documents_ingest
from documents.models import Document

from .context import IngestContext
from .pipeline import PIPELINE_VERSION
from .sources import SourceFile
from .stages import ExtractFacts, Parse, ReadBytes


def extract_without_saving(source: SourceFile) -> IngestContext:
    """Read, parse and extract ``source`` as an ingest would, saving nothing.
    Raises SourceError for a file the pipeline cannot read."""
    context = IngestContext(source=source, version=PIPELINE_VERSION)
    ReadBytes()(context)
    Parse()(context)
    context.document = Document(
        key=source.key,
        **documents_ingest.document_values(
            context.parsed,
            curated=source.metadata(),
            source_name=source.path.name,
            sha="",
            version=PIPELINE_VERSION,
        ),
    )
    context.rows = documents_ingest.provision_rows(context.parsed)
    ExtractFacts()(context)
    return context
