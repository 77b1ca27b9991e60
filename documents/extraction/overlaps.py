"""Overlap tests between the spans an extractor finds, in linear time.

Extractors drop a keyword or number that lies inside a longer one, or that
overlaps one already taken.  Compared pair by pair, that costs the square of
the number of hits: a 1 MB single-line file has tens of thousands.  These
helpers give the same answers with a sorted list (keywords are short) or a
byte per character.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Sequence


def inside_longer(
    spans: Sequence[tuple[int, int]], groups: Sequence[Hashable] | None = None
) -> list[bool]:
    """For each (start, end) of ``spans``: does a longer span hold it
    (``start' <= start``, ``end <= end'``)?  With ``groups``, only a span of
    another group counts.

    Only the spans starting at most the longest span's length before a span
    can hold it, so with short spans (keywords, names) this is linear.
    """
    if not spans:
        return []
    longest = max(end - start for start, end in spans)
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    starts = [spans[k][0] for k in order]
    result = []
    for i, (start, end) in enumerate(spans):
        first = bisect_left(starts, end - longest)
        last = bisect_right(starts, start)
        result.append(
            any(
                spans[k][1] >= end
                and spans[k][1] - spans[k][0] > end - start
                and (groups is None or groups[k] != groups[i])
                for k in order[first:last]
            )
        )
    return result


class Occupied:
    """Character positions of a text already taken by a span: ``free`` and
    ``take`` cost the length of the span, not the number of spans taken."""

    def __init__(self, length: int):
        self.taken = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return end <= start or self.taken.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)
