"""Stage 1, decoding: reads the uploaded bytes, writes one ``str``.

Policy texts reach us as UTF-8 (with or without a BOM), as UTF-16 saved by
Windows tools (always with a BOM) or as GB18030/GBK from older government
sites.  Anything else -- an empty upload, a PDF/Word/ZIP file, random bytes,
or a text with no Chinese in it -- is rejected with a ``SourceError`` whose
message is one line, Chinese first, English second, so it can be shown to the
curator as is.
"""

from __future__ import annotations

import codecs
import unicodedata

# A policy document has hundreds of Han characters; fewer than this means we
# decoded the wrong thing (or the file is not a policy text at all).
MIN_CJK_CHARS = 20
# Share of control characters above which decoded "text" is really binary.
MAX_CONTROL_SHARE = 0.05

# (BOM, codec) in the order they must be tested: the UTF-32 LE BOM starts with
# the UTF-16 LE one, but we do not accept UTF-32, so UTF-16 is tested first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Fallback chain for files without a BOM: UTF-8 is strict enough that a GB
# file practically never decodes as UTF-8; GB18030 is a superset of GBK/GB2312.
_FALLBACKS = ("utf-8", "gb18030")
# Whitespace controls that plain text legitimately contains.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


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
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise SourceError(
                    f"无法按 {codec} 解码 / cannot decode as {codec}"
                ) from None
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
        "无法识别文件编码（支持 UTF-8、UTF-16、GB18030） / "
        "cannot decode file (UTF-8, UTF-16 or GB18030 expected)"
    )


def _check_is_text(text: str) -> None:
    controls = sum(
        1
        for ch in text
        if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs")
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SourceError("文件是二进制格式，不是文本 / file is binary, not text")
    cjk = sum(1 for ch in text if _is_han(ch))
    if cjk < MIN_CJK_CHARS:
        raise SourceError(
            f"未找到可识别的中文文本（仅 {cjk} 个汉字） / "
            f"no recognisable Chinese text (only {cjk} CJK characters)"
        )


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )
