"""Document keys: the ASCII slug every URL of a document is built from.

A key is made from the source file's name.  An ASCII name keeps the key it
always had: lower case, each run of other characters a dash
("Plan 2024.txt" → "plan-2024").  Any other name is transliterated — Han
characters to pinyin (pypinyin), accented letters to their base letter,
full-width forms to ASCII — and, since that is lossy (homophones, tones,
dropped symbols), gets the first six hex digits of the name's SHA-1:
"科技政策文件.txt" → "ke-ji-zheng-ce-wen-jian-" + 6 hex digits.  The name itself
stays on the document (``source_name``) for display.

Pure Python: no Django.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80  # Document.key's max_length
SUFFIX_LENGTH = 6
FALLBACK = "document"

# What a key may hold: Django's ``<slug:>`` path converter, ASCII only.
VALID = re.compile(r"[-a-zA-Z0-9_]+")


def is_valid(key: str) -> bool:
    return bool(VALID.fullmatch(key))


def _ascii_slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "-", text, flags=re.ASCII).strip("-_").lower()


def transliterate(text: str) -> str:
    """``text`` in ASCII: Han characters as toneless pinyin syllables set
    apart by spaces, other letters folded (NFKD, marks dropped), anything
    without an ASCII form dropped."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries take 0.3 s to load

    text = unicodedata.normalize("NFKC", text)
    parts = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chunk: [chunk])
    spaced = " ".join(parts)
    folded = unicodedata.normalize("NFKD", spaced)
    return folded.encode("ascii", "ignore").decode("ascii")


def document_key(stem: str) -> str:
    """The key of a document read from a file whose name, less its
    extension, is ``stem`` (see the module docstring)."""
    stem = unicodedata.normalize("NFC", stem)
    if stem.isascii():
        return _ascii_slug(stem)[:MAX_LENGTH] or FALLBACK  # as before: keys stay put
    suffix = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:SUFFIX_LENGTH]
    slug = _ascii_slug(transliterate(stem)) or FALLBACK
    room = MAX_LENGTH - SUFFIX_LENGTH - 1
    if len(slug) > room:
        cut = slug[:room]
        # End on a whole syllable when a dash is near.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[room // 2:] else cut
    return f"{slug.strip('-_')}-{suffix}"
