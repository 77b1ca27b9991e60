"""What an upload will become, read before anything is written: the
metadata of each document of the file, for a curator to confirm.

Reads: an uploaded source (``sources.uploaded_source``).
Writes nothing: ``preview_source`` runs the pipeline's reading stages
(``ReadBytes``, ``Parse``, ``SplitIssued``) and returns, as JSON values, the
text the reader gave (so that writing the document later does not read a
scan twice) and, for the file's document and each policy a notice issues,
its key and the fields a curator confirms: each value with the line it was
read from and how sure the rule that read it is.
"""

from __future__ import annotations

from documents.parsing.types import DocumentMeta
from documents.readers.types import Reading

from .context import IngestContext, part_key
from .pipeline import PIPELINE_VERSION
from .sources import SourceFile
from .stages import Parse, ReadBytes, SplitIssued

# The fields a curator confirms, in the order the form shows them.
CONFIRMED_FIELDS = ("title", "doc_number", "issuer", "issued_on", "doc_type")


def preview_source(source: SourceFile) -> dict:
    """The reading and the documents ``source`` gives.  Raises SourceError
    for a file the pipeline cannot read, as an ingest would."""
    context = IngestContext(source=source, version=PIPELINE_VERSION)
    for stage in (ReadBytes(), Parse(), SplitIssued()):
        stage(context)
    documents = [_document(source.key, None, "", context.parsed.meta, context.parsed)]
    documents += [
        _document(part_key(source.key, part.number), part.number, part.label, part.parsed.meta,
                  part.parsed)
        for part in context.parts
    ]
    return {"reading": reading_as_json(context.reading), "documents": documents}


def _document(key, number, label, meta: DocumentMeta, parsed) -> dict:
    fields = {}
    for name in CONFIRMED_FIELDS:
        value = getattr(meta, name)
        read = meta.fields.get(name)
        fields[name] = {
            "value": "" if value is None else str(value),
            "line": read.line if read else "",
            "confidence": read.confidence if read else None,
        }
    if not fields["doc_type"]["line"] and meta.doc_type:
        fields["doc_type"]["line"] = meta.title or ""  # the genre its title ends in
    return {
        "key": key,
        "part_number": number,
        "part_label": label,
        "subject": meta.subject or "",
        "provisions": sum(1 for _ in parsed.walk()),
        "fields": fields,
    }


def reading_as_json(reading: Reading) -> dict:
    return {
        "kind": reading.kind,
        "text": reading.text,
        "lines_are_paragraphs": reading.lines_are_paragraphs,
        "meta": reading.meta,
        "pages": reading.pages,
        "warnings": reading.warnings,
    }


def reading_from_json(data: dict) -> Reading:
    return Reading(
        kind=data["kind"],
        text=data["text"],
        lines_are_paragraphs=data["lines_are_paragraphs"],
        meta=data["meta"],
        pages=data["pages"],
        warnings=data["warnings"],
    )
