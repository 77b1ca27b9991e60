"""A corpus with its numbers changed: do the rules read the construction or the figures?

The house rule is to test every class with the real sentence and with one
written in the same style with other numbers.  ``renumbered`` does that to
a whole annotated text: every quantity printed in Arabic digits is doubled
("500万元" → "1000万元", "30%" → "60%", "3-5个" → "6-10个"), and what is no
quantity stays as printed: years (1900–2100 without a decimal point), dates
and 文号 (a number before 月 日 号 期 …), labels (第…条, a list number at the
start of a line or in brackets, a table row's number, an 附件's number), a
ratio written with a colon ("1:1"), and digits touching Latin letters ("5G",
"H2").

``renumbered_annotation`` moves the annotation alike: each quote is the
renumbered text at the quote's place, heading titles are renumbered.  What
a fact's fields should then read cannot be told field by field (a cap from
"500万元" doubles, a ratio from "1:1" or "百分之二十" does not), so
``same_terms_renumbered`` takes each field as printed or doubled.  A rule
that holds only for the figures it was written from shows as a miss or an
extra here and not in the plain score.  Used by ``manage.py score_corpus
--renumbered``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from decimal import Decimal

from policybase import scoring

NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A number before these is a date, an issue, a label or a round: no quantity.
LABEL_AFTER = frozenset("月日号条章节款期版届")
LABEL_BEFORE = frozenset("第:：∶〔[")
CLOSING_LABEL = frozenset(".．、)）")
OPENING_LABEL = frozenset("\n（(")
# An attachment's label before a number: "附件", "附件 ", "附件4-".
ATTACHMENT_BEFORE = re.compile(r"附\s*件\s*(?:\d+[-－‐])?$")
FIELDS = ("value", "value_max", "amount_min_yuan", "amount_max_yuan", "cap_yuan", "ratio_percent")
FACTOR = 2


class Renumbered:
    """The text with its quantities doubled, and where each offset moved."""

    def __init__(self, text: str):
        pieces, ends, shifts = [], [], []
        last = shift = 0
        for m in NUMBER_RE.finditer(text):
            start, end = m.span()
            if _is_label(text, start, end):
                continue
            written = m.group()
            places = len(written.partition(".")[2])
            new = f"{Decimal(written) * FACTOR:.{places}f}"
            pieces += [text[last:start], new]
            last = end
            shift += len(new) - len(written)
            ends.append(end)
            shifts.append(shift)
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self._ends, self._shifts = ends, shifts

    def at(self, offset: int) -> int:
        """Where an offset of the original text (outside a number) now is."""
        i = bisect.bisect_right(self._ends, offset) - 1
        return offset + (self._shifts[i] if i >= 0 else 0)


def _is_label(text: str, start: int, end: int) -> bool:
    written = text[start:end]
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    # a PDF's space between a number and its 月 or 日: "2023 年5 月30 日"
    next_word = text[end : end + 3].lstrip(" \u3000")[:1]
    return (
        ("." not in written and 1900 <= int(written) <= 2100)
        or before in LABEL_BEFORE
        or after in LABEL_AFTER
        or next_word in LABEL_AFTER
        or after in ":：∶〕]"
        or (before.isascii() and before.isalpha())
        or (after.isascii() and after.isalpha())
        or (before in OPENING_LABEL and after in CLOSING_LABEL)
        or (before == "\n" and after in "\t ")
        # digits spaced out inside a label: "第1 0条"
        or (before == " " and start >= 2 and text[start - 2].isdigit())
        # an attachment's number: "附件1", "附件 2", "附件4-1"
        or ATTACHMENT_BEFORE.search(text, max(0, start - 8), start) is not None
    )


def renumbered_annotation(annotation: dict, text: str, renumbered: Renumbered) -> dict:
    """The annotation of ``text`` moved to ``renumbered.text``."""
    locator = scoring.Locator(text)
    out = dict(annotation)
    for part in ("facts", "excluded"):
        moved = []
        for item in annotation.get(part, []):
            span = locator.span(item["quote"])
            if span is not None:
                quote = renumbered.text[renumbered.at(span[0]) : renumbered.at(span[1])]
                item = {**item, "quote": quote}
            moved.append(item)
        out[part] = moved
    out["headings"] = _headings(annotation.get("headings", []))
    return out


def _headings(headings: list[dict]) -> list[dict]:
    return [
        {
            **h,
            "title": Renumbered(h["title"]).text,
            "children": _headings(h.get("children", [])),
        }
        for h in headings
    ]


def same_terms_renumbered(gold: dict, fact) -> bool:
    """``scoring.same_terms`` with each of the fact's numbers as printed or doubled."""
    present = [k for k in FIELDS if scoring.number(gold.get(k)) is not None]
    for size in range(len(present) + 1):
        for doubled in itertools.combinations(present, size):
            moved = {**gold, **{k: str(scoring.number(gold[k]) * FACTOR) for k in doubled}}
            if scoring.same_terms(moved, fact):
                return True
    return False
