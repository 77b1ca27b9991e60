"""Paragraph, sentence and clause spans of normalised text, with offsets.

The one splitter every extractor uses.  The normalised text keeps Chinese
punctuation full-width, one paragraph per line.  A sentence ends after 。！？
or at a line break; a clause ends at ；，： as well.  "；" is a clause boundary,
not a sentence boundary: the Jilin texts chain whole rules with it (000 （七）
"…给予一定补贴；对引进…的企业，有关部门将予以资金支持").

Quantities, periods and markers are scoped by these spans: a time phrase like
"到2020年，" governs the rest of its paragraph, "目前" its sentence, "现有" only
its clause.

Two readings differ, and each caller states which it wants:

* ``ascii_marks``: the measures extractors also end sentences at ASCII ``!?``
  and clauses at ``,;!?`` (left by sources typed with half-width
  punctuation); the targets extractor does not, so that "1,000" stays in one
  clause.
* ``trimmed_sentences`` drops a sentence's final mark (the measures
  extractors quote a rule without its 。), ``split_sentences`` keeps it (the
  targets extractor quotes the whole sentence).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

SENTENCE_ENDS = "。！？"
CLAUSE_ENDS = "。！？；，："
ASCII_SENTENCE_ENDS = "!?"
ASCII_CLAUSE_ENDS = ",;!?"
# What ``trim`` removes from the end of a span: any closing mark.
_CLOSING_MARKS = frozenset(CLAUSE_ENDS + ASCII_CLAUSE_ENDS)

# No sentence or clause is longer than this.  A longer one (a file that is
# one 1 MB line, text without punctuation) is read in windows of at most
# this many characters, each cut after its last clause mark (else where the
# limit falls, outside a number), so that what an extractor does per fact
# and the sentence a fact quotes stay bounded however long the input.  The
# longest sentence in the bundled, genre and corpus texts has 410 characters.
MAX_SPAN_CHARS = 1000
# A hard cut moves back at most this far to keep a number whole.
_NUMBER_CHARS = frozenset("0123456789.,%零〇一二三四五六七八九十百千万亿两")
_MAX_NUMBER_BACKOFF = 40


class Span(NamedTuple):
    """A stretch ``text[start:end]`` of the text that was split."""

    start: int
    end: int  # exclusive; includes the closing mark, not a line break


# A colon between two digits is a ratio or a time ("按市级资助额度1：1比例"),
# no clause end.
_COLONS = "：:"


def _ends_re(ends: str) -> re.Pattern[str]:
    plain = re.escape("".join(c for c in ends if c not in _COLONS))
    colons = re.escape("".join(c for c in ends if c in _COLONS))
    pattern = f"[\n{plain}]"
    if colons:
        pattern += f"|(?<![0-9])[{colons}]|[{colons}](?![0-9])"
    return re.compile(pattern)


_ENDS_RE = functools.lru_cache(maxsize=16)(_ends_re)


def _split(
    text: str, ends: str, start: int = 0, end: int | None = None, cuts: str = ""
) -> list[Span]:
    """Spans of ``text[start:end]`` closed by a line break or a mark in ``ends``,
    none longer than MAX_SPAN_CHARS (a longer one is windowed, cut after a
    mark in ``cuts`` where there is one).

    A span holds something besides its closing mark: a stray mark ("，，")
    or a blank line makes no span.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for m in _ENDS_RE(ends).finditer(text, start, end):
        i = m.start()
        if text[begin:i].strip():
            _add(spans, text, begin, i if text[i] == "\n" else i + 1, cuts)
        begin = i + 1
    if text[begin:end].strip():
        _add(spans, text, begin, end, cuts)
    return spans


def _add(spans: list[Span], text: str, begin: int, end: int, cuts: str) -> None:
    """Append ``text[begin:end]`` in windows of at most MAX_SPAN_CHARS."""
    while end - begin > MAX_SPAN_CHARS:
        cut = _window_end(text, begin, cuts)
        if not text[begin:cut].isspace():
            spans.append(Span(begin, cut))
        begin = cut
    spans.append(Span(begin, end))


def _window_end(text: str, begin: int, cuts: str) -> int:
    """Where a window starting at ``begin`` ends: after the last mark of
    ``cuts`` in it, else at the limit moved back to keep a number whole."""
    limit = begin + MAX_SPAN_CHARS
    mark = max((text.rfind(ch, begin, limit) for ch in cuts), default=-1)
    if mark > begin:
        return mark + 1
    cut = limit
    while (
        cut > limit - _MAX_NUMBER_BACKOFF
        and text[cut - 1] in _NUMBER_CHARS
        and text[cut] in _NUMBER_CHARS
    ):
        cut -= 1
    return cut if cut > limit - _MAX_NUMBER_BACKOFF else limit


def split_paragraphs(text: str) -> list[Span]:
    """The lines of ``text`` that are not blank."""
    return _split(text, "")


def split_sentences(
    text: str, within: Span | None = None, *, ascii_marks: bool = False
) -> list[Span]:
    """Sentences of ``text`` (of its stretch ``within``), each with its final mark."""
    ends = SENTENCE_ENDS + (ASCII_SENTENCE_ENDS if ascii_marks else "")
    cuts = CLAUSE_ENDS + (ASCII_CLAUSE_ENDS if ascii_marks else "")
    return _split(text, ends, *(within or ()), cuts=cuts)


def split_clauses(
    text: str, within: Span | None = None, *, ascii_marks: bool = False
) -> list[Span]:
    """Clauses of ``text`` (of its stretch ``within``), each with its final mark."""
    ends = CLAUSE_ENDS + (ASCII_CLAUSE_ENDS if ascii_marks else "")
    return _split(text, ends, *(within or ()))


def trim(text: str, span: Span) -> Span:
    """``span`` without surrounding whitespace and its final punctuation marks."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLOSING_MARKS):
        end -= 1
    return Span(start, end)


def trimmed_sentences(text: str) -> list[Span]:
    """Sentences as the measures extractors read them: split at ASCII marks
    too, trimmed (no final mark), empty ones dropped.  A subsidy's
    ``sentence_start``/``sentence_end`` are one of these."""
    spans = (trim(text, span) for span in split_sentences(text, ascii_marks=True))
    return [span for span in spans if span.start < span.end]


def span_at(spans: list[Span], pos: int) -> Span | None:
    """The span containing ``pos`` (spans sorted, non-overlapping)."""
    i = bisect_right(spans, pos, key=_start) - 1
    if i >= 0 and pos < spans[i].end:
        return spans[i]
    return None


def spans_within(items: list, start: int, end: int) -> list:
    """The items (sorted by ``.start``) that start in ``[start, end)``."""
    return items[bisect_left(items, start, key=_start) : bisect_left(items, end, key=_start)]


def _start(item) -> int:
    return item.start
