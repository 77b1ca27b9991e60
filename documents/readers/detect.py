"""The kind of a file, from its bytes (never from its name).

%PDF → pdf; a zip → docx (word/document.xml) or ofd (OFD.xml); an OLE2
compound file → doc (an old Word/WPS file); PNG/JPEG/TIFF → a scanned image;
markup that opens like HTML → html; anything else → text (the decoder then
refuses binary data).
"""

from __future__ import annotations

import re

from documents.parsing.encoding import SourceError
from documents.readers.archive import Archive

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.IGNORECASE | re.DOTALL)
UNKNOWN_ZIP = "无法识别的压缩包（不是 .docx 或 .ofd） / unrecognised zip archive (neither .docx nor .ofd)"


def detect(data: bytes) -> str:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        archive = Archive(data)
        if archive.has("word/document.xml"):
            return "docx"
        if archive.has("OFD.xml"):
            return "ofd"
        raise SourceError(UNKNOWN_ZIP)
    if head.startswith(OLE2):
        return "doc"
    if head.startswith(IMAGES):
        return "image"
    if head.startswith(b"{\\rtf"):
        raise SourceError("暂不支持 RTF 文件 / RTF files are not supported yet")
    if HTML_START.match(head):
        return "html"
    return "text"
