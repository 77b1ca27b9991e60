"""Pure-Python parsing of policy texts: bytes in, a provision tree out.

No Django imports here: the pipeline in ``policybase.ingest`` turns these
dataclasses into model rows.

Stages (each module's docstring says what it reads and writes):
encoding.decode -> normalise.normalise -> structure.parse + metadata.detect_meta,
chained by pipeline.parse_document.  The heading grammar is the table in
headings.py; whole-line patterns (dates, 文号, titles) are in lines.py.
"""

from documents.parsing.encoding import SourceError, decode
from documents.parsing.metadata import detect_meta
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_document
from documents.parsing.structure import parse

__all__ = [
    "SourceError",
    "decode",
    "detect_meta",
    "normalise",
    "parse",
    "parse_document",
]
