"""Stage 1, decoding: reads the uploaded bytes, writes one ``str``.

Policy texts reach us as UTF-8 (with or without a BOM), as UTF-16 saved by
Windows tools (always with a BOM) or as GB18030/GBK from older government
sites.  Anything else -- an empty upload, a PDF/Word/ZIP file, bytes no
supported encoding can read, or a "text" with no Chinese in it -- is rejected
with a ``SourceError`` whose message is one line, Chinese first, English
second, so it can be shown to the curator as is.
"""

from __future__ import annotations

import codecs
import re

# A policy document has hundreds of Han characters; fewer than this means we
# decoded the wrong thing (or the file is not a policy text at all).
MIN_CJK_CHARS = 20
# Noise read as UTF-16 or GB18030 gives Han code points too, but mostly rare
# ones; in real policy texts nearly every Han character is a common one (in
# GB2312, the 6,763 characters of everyday Chinese).
MIN_COMMON_HAN_SHARE = 0.8
# Share of control characters (or of U+FFFD for bytes a BOM-declared encoding
# could not read) above which decoded "text" is really binary or noise.
MAX_CONTROL_SHARE = 0.05
MAX_REPLACEMENT_SHARE = 0.01

# A BOM declares the encoding; what follows is read with it, bad bytes
# replaced, and then judged like any other text.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Fallback chain for files without a BOM: UTF-8 is strict enough that a GB
# file practically never decodes as UTF-8; GB18030 is a superset of GBK/GB2312.
_FALLBACKS = ("utf-8", "gb18030")
# Controls other than the whitespace that plain text legitimately contains.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


class SourceError(ValueError):
    """The upload is not a usable text; the message is bilingual, one line."""


def decode(data: bytes, *, max_bytes: int) -> str:
    """Decode an uploaded policy text, or raise ``SourceError`` saying why not."""
    if not data:
        raise SourceError("文件为空 / file is empty")
    if len(data) > max_bytes:
        raise SourceError(
            f"文件过大：{len(data)} 字节，上限 {max_bytes} 字节 / "
            f"file too large: {len(data)} bytes, limit {max_bytes} bytes"
        )
    text = _decode_bytes(data)
    _check_is_text(text)
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    # NUL bytes never occur in UTF-8 or GB18030 text; without a UTF-16 BOM
    # they mean a PDF, Word/ZIP container or BOM-less UTF-16 we refuse to guess.
    if b"\x00" in data:
        raise SourceError("文件是二进制格式，不是文本 / file is binary, not text")
    for codec in _FALLBACKS:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise SourceError(
        "无法解码：不是 UTF-8、UTF-16 或 GB18030 文本 / "
        "undecodable: not UTF-8, UTF-16 or GB18030 text"
    )


def _check_is_text(text: str) -> None:
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise SourceError("文件是二进制格式，不是文本 / file is binary, not text")
    han = "".join(_HAN.findall(text))
    # Every Han character GB2312 lacks becomes one "?" (Han text has none).
    common = len(han) - han.encode("gb2312", errors="replace").count(b"?")
    noise = text.count("\ufffd") > MAX_REPLACEMENT_SHARE * len(text)
    if noise or len(han) < MIN_CJK_CHARS or common < MIN_COMMON_HAN_SHARE * len(han):
        raise SourceError(
            f"未找到可识别的中文文本（{common} 个常用汉字） / "
            f"no recognisable Chinese text ({common} common CJK characters)"
        )
