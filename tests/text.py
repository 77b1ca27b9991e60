"""Text as the normaliser's contract promises it, for tests that write it by hand.

NFKC per character except the Chinese punctuation （）：；，！？ (kept
full-width), and "○" -> "〇".  The real normaliser is not imported: tests state
the contract they rely on, not the current implementation.
"""

from __future__ import annotations

import unicodedata

KEEP = set("（）：；，！？")


def fold(text: str) -> str:
    """``text`` folded as the normaliser folds it; whitespace untouched."""
    folded = "".join(
        ch if ch in KEEP else unicodedata.normalize("NFKC", ch) for ch in text
    )
    return folded.replace("○", "〇")


def norm(text: str) -> str:
    """A sentence as the normaliser gives it: folded, no whitespace."""
    return "".join(fold(text).split())
