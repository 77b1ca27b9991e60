"""Which events a rule's clauses name: the rows of the event table
(``events.EVENTS``) matched in the clauses of a rule, with the level of a
recognition (国家级, 省级 …) where the row has levels.

``rule`` is the reading's view of one rule (``reading._RuleText``): its text,
its span, its segment.  Everything here is bounded by the rule's sentence, so
that reading the rules of a document costs the same per rule however many
rules it has (a file that is one line of rules).
"""

from __future__ import annotations

import functools
import re

from documents.extraction.sentences import Span
from measures.extraction.eligibility.events import (
    EVENTS,
    EVENTS_BY_KEY,
    LEVEL_RE,
    LEVELS,
)


def level_of(text: str, rule, match: re.Match, quantities, allowed) -> str:
    """The level of a recognition (of those in ``allowed``): the one its
    words name, or with several and 分别, the one at the rule's place in the
    list."""
    window_start = max(rule.segment.start, match.start() - 8)
    levels = [
        LEVELS[m.group()]
        for m in LEVEL_RE.finditer(text, window_start, match.end())
        if LEVELS[m.group()] in allowed
    ]
    ordered = list(dict.fromkeys(levels))
    if len(ordered) == 1:
        return ordered[0]
    respectively = text.find("分别", match.end(), rule.end)
    if len(ordered) > 1 and respectively >= 0:
        amounts = [
            q for q in quantities
            if q.category == "money" and respectively <= q.start < rule.segment.end
        ]
        for i, q in enumerate(amounts):
            if q.start <= rule.start < q.end or rule.start <= q.start < rule.end:
                return ordered[i] if i < len(ordered) else ""
    return ""


def events_in(text: str, spans: list[Span], context: str, rule, quantities) -> list[tuple]:
    """(row, match) of the events the last clause of ``spans`` naming any
    names; ``context`` decides the rows that need words around them."""
    rows = _rows_for(context)
    for span in reversed(spans):
        found, families = [], set()
        for row in rows:
            if row.family and row.family in families:
                continue
            # A search first: most rows match nowhere in most clauses.
            match = row.pattern.search(text, span.start, span.end)
            if match and _in_note(text, rule, match.start()):
                match = next(
                    (m for m in row.pattern.finditer(text, match.end(), span.end)
                     if not _in_note(text, rule, m.start())),
                    None,
                )
            if match:
                found.append((row, match))
                if row.family:
                    families.add(row.family)
        if found:
            return [(_leveled(row, text, rule, match, quantities), match) for row, match in found]
    return []


@functools.lru_cache(maxsize=256)
def _rows_for(context: str) -> tuple:
    """The event rows whose ``needs`` the context holds (all rows without
    one): the rules of one sentence share their context, and a long one
    (a file that is one line of rules) would be searched once per row and
    rule."""
    return tuple(row for row in EVENTS if not row.needs or row.needs.search(context))


def _in_note(text: str, rule, at: int) -> bool:
    """Is ``at`` inside a bracketed note opened after the rule's amount
    ("…20%给予企业奖励(新建项目在享受完…后执行此条款)"): a note on how the
    rule is applied, not a condition of who gets it."""
    if rule is None or text is not rule.text or at < rule.end:
        return False
    opened = max(text.rfind("(", rule.end, at), text.rfind("（", rule.end, at))
    if opened < 0:
        return False
    return max(text.rfind(")", opened, at), text.rfind("）", opened, at)) < 0


def spans_of(found, text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """Every stretch the rows of ``found`` match in ``spans`` (the second
    "购买省外高校…科技成果" of a clause too)."""
    out = []
    for row, _ in found:
        for span in spans:
            out += [(m.start(), m.end()) for m in row.pattern.finditer(text, span.start, span.end)]
    return out


def _leveled(row, text, rule, match, quantities):
    if not row.levels:
        return row
    level = level_of(text, rule, match, quantities, row.levels)
    key = row.levels.get(level)
    return EVENTS_BY_KEY[key] if key else row
