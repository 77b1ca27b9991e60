"""The whole parsing pipeline: bytes in, ``ParsedDocument`` out.

decode (encoding.py) -> normalise (normalise.py) -> parse (structure.py) and
detect_meta (metadata.py).  Raises ``SourceError`` for unusable uploads.
"""

from __future__ import annotations

from documents.parsing.encoding import decode
from documents.parsing.metadata import detect_meta
from documents.parsing.normalise import normalise
from documents.parsing.structure import parse
from documents.parsing.types import ParsedDocument


def parse_document(data: bytes, *, max_bytes: int) -> ParsedDocument:
    return parse_text(decode(data, max_bytes=max_bytes))


def parse_text(raw: str, *, lines_are_paragraphs: bool = False) -> ParsedDocument:
    """Parse text a reader (documents.readers) produced."""
    normalised = normalise(raw, lines_are_paragraphs=lines_are_paragraphs)
    return ParsedDocument(
        normalised=normalised,
        meta=detect_meta(normalised),
        provisions=parse(normalised),
    )
