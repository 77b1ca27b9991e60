"""Readers: a file's bytes in, its text and layout hints out (``Reading``).

No Django imports here.  ``read`` picks the reader by content (detect.py),
never by the file name; every failure is a ``SourceError`` with one line in
Chinese and English.  The parser (documents.parsing) takes it from there.
"""

from __future__ import annotations

from documents.parsing.encoding import SourceError, decode
from documents.readers.detect import detect
from documents.readers.types import Hint, Reading

__all__ = ["Hint", "Reading", "SourceError", "detect", "kind_of", "read", "read_path_or_none"]


def kind_of(data: bytes, *, max_bytes: int) -> str:
    """The kind of ``data`` (pdf, docx, doc, ofd, html, image, text) when a
    reader takes it; SourceError (one line in Chinese and English) for a
    kind no reader takes: an empty file, an unknown archive, binary data
    that is no text.  What is inside (an encrypted PDF,
    a page without provisions) only reading tells."""
    kind = detect(data)
    if kind == "text":
        decode(data, max_bytes=max_bytes)
    return kind


def read(data: bytes, name: str = "", *, max_bytes: int, max_file_bytes: int = 0) -> Reading:
    """The text of ``data``; ``name`` only labels messages.  A text file
    above ``max_bytes`` is refused, any other file above ``max_file_bytes``
    (when larger), and so is a text above ``max_bytes`` read from any file."""
    file_limit = max(max_bytes, max_file_bytes)
    if len(data) > file_limit:
        raise SourceError(
            f"文件过大（{len(data)} 字节，上限 {file_limit}） / "
            f"file too large ({len(data)} bytes, limit {file_limit})"
        )
    kind = detect(data) if data else "text"
    if kind == "text":
        return Reading(kind="text", text=decode(data, max_bytes=max_bytes))
    reading = _READERS[kind](data)
    size = len(reading.text.encode("utf-8"))
    if size > max_bytes:
        raise SourceError(
            f"读出的文本过大（{size} 字节，上限 {max_bytes}） / "
            f"the text read from the file is too large ({size} bytes, limit {max_bytes})"
        )
    return reading


def read_path_or_none(path: str, name: str, *, max_bytes: int, max_file_bytes: int = 0):
    """``read`` of the regular file at ``path`` (read no further than the
    larger limit + 1 byte), or None when it cannot be read: a process
    reading ahead of an ingest (``policybase.ingest.read_ahead``), whose
    run reads such a file again to say why."""
    limit = max(max_bytes, max_file_bytes)
    try:
        with open(path, "rb") as file:
            data = file.read(limit + 1)
        return read(data, name, max_bytes=max_bytes, max_file_bytes=max_file_bytes)
    except Exception:
        return None


def _pdf(data):
    from documents.readers.pdf import read_pdf

    return read_pdf(data)


def _docx(data):
    from documents.readers.word import read_docx

    return read_docx(data)


def _doc(data):
    from documents.readers.legacy import read_old_word

    return read_old_word(data)


def _ofd(data):
    from documents.readers.ofd import read_ofd

    return read_ofd(data)


def _html(data):
    from documents.readers.web import read_html

    return read_html(data)


def _image(data):
    from documents.readers.scan import read_scan

    return read_scan(data)


# Each reader imported when first needed: pypdfium2, python-docx and lxml
# cost start-up time a text-only ingest need not pay.
_READERS = {"pdf": _pdf, "docx": _docx, "doc": _doc, "ofd": _ofd, "html": _html, "image": _image}
