"""Readers: a file's bytes in, its text and layout hints out (``Reading``).

No Django imports here.  ``read`` picks the reader by content (detect.py),
never by the file name; every failure is a ``SourceError`` with one line in
Chinese and English.  The parser (documents.parsing) takes it from there.
"""

from __future__ import annotations

from documents.parsing.encoding import SourceError, decode
from documents.readers.detect import detect
from documents.readers.types import Hint, Reading

__all__ = ["Hint", "Reading", "SourceError", "detect", "kind_of", "read"]


def kind_of(data: bytes, *, max_bytes: int) -> str:
    """The kind of ``data`` (pdf, docx, ofd, html, image, text) when a
    reader takes it; SourceError (one line in Chinese and English) for a
    kind no reader takes: an empty file, an unknown archive, an old Word
    file, binary data that is no text.  What is inside (an encrypted PDF,
    a page without provisions) only reading tells."""
    kind = detect(data)
    if kind == "text":
        decode(data, max_bytes=max_bytes)
    return kind


def read(data: bytes, name: str = "", *, max_bytes: int) -> Reading:
    """The text of ``data``; ``name`` only labels messages."""
    if len(data) > max_bytes:
        raise SourceError(
            f"文件过大（{len(data)} 字节，上限 {max_bytes}） / "
            f"file too large ({len(data)} bytes, limit {max_bytes})"
        )
    kind = detect(data) if data else "text"
    if kind == "pdf":
        from documents.readers.pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from documents.readers.word import read_docx

        return read_docx(data)
    if kind == "ofd":
        from documents.readers.ofd import read_ofd

        return read_ofd(data)
    if kind == "html":
        from documents.readers.web import read_html

        return read_html(data)
    if kind == "image":
        from documents.readers.scan import read_scan

        return read_scan(data)
    return Reading(kind="text", text=decode(data, max_bytes=max_bytes))
