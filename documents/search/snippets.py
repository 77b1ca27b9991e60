"""Highlighted snippets and "why it matched", computed for the shown page only."""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

from .normalise import normalise_with_offsets
from .query import Query

WINDOW = 60  # characters of context either side of the first highlight


# The last query's forms, as ``_forms`` lists them: a page's hits all ask
# about the same query, each of them about every form.
_last: tuple = (None, None)


def _forms(query: Query):
    """(each form's reason and the parts that must occur for it, each form's
    text, whether it is a substring and its words), in the query's order;
    worked out once for the hits of a page."""
    global _last
    known, forms = _last
    if known is not query:
        reasons, texts = [], []
        for term in query.terms:
            for form in term.forms:
                parts = [form.text] if form.substring else list(form.words)
                reason = {
                    "term": term.typed,
                    "matched": form.text,
                    "synonym": form.synonym,
                    "phrase": term.phrase,
                }
                reasons.append((reason, parts))
                texts.append((form.text, form.substring, form.words))
        forms = (reasons, texts)
        _last = (query, forms)
    return forms


def explain(query: Query, plain: str) -> list[dict]:
    """The terms and synonyms that hit in one provision's normalised text."""
    reasons = []
    holds = plain.__contains__
    for reason, parts in _forms(query)[0]:
        # A long word's parts find the word itself: one reason, not two.
        if parts and all(map(holds, parts)) and reason not in reasons:
            reasons.append(reason)
    return [dict(reason) for reason in reasons]


def highlight_spans(query: Query, plain: str) -> list[tuple[int, int]]:
    """Spans of the normalised text to highlight: whole forms where they occur,
    else their words."""
    needles = set()
    holds = plain.__contains__
    for text, substring, words in _forms(query)[1]:
        if holds(text):
            needles.add(text)
        elif not substring and all(map(holds, words)):
            # The words of a form the text holds (not stray parts of a
            # synonym it lacks: 技术 of 技术经理人 beside 技术经纪人).
            needles.update(words)
    # The typed string, stop words and all, where it stands whole.
    needles.update(c for c in query.compounds if c in plain)
    spans = []
    for needle in needles:
        start = plain.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = plain.find(needle, start + len(needle))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def snippet(query: Query, text: str, normalised=None) -> tuple[str, list[tuple[int, int]]]:
    """(HTML snippet with <mark>, highlight spans as offsets into ``text``);
    ``normalised``: what ``normalise_with_offsets(text)`` gives, when the
    caller has it already."""
    plain, offsets, display = normalised or normalise_with_offsets(text)
    spans = [
        (offsets[s], offsets[e - 1] + 1)
        for s, e in highlight_spans(query, plain)
    ]
    if spans:
        lo = max(0, spans[0][0] - WINDOW)
        hi = min(len(display), max(spans[0][1] + WINDOW, lo + 2 * WINDOW))
    else:
        lo, hi = 0, min(len(display), 2 * WINDOW)
    # ``html.escape`` is what Django's ``escape`` calls, without the lazy
    # wrapper's check of every argument (a fifth of a snippet's time).
    pieces = ["…" if lo > 0 else ""]
    cursor = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        pieces.append(escape(display[cursor:start]))
        pieces.append(f"<mark>{escape(display[start:end])}</mark>")
        cursor = end
    pieces.append(escape(display[cursor:hi]))
    pieces.append("…" if hi < len(display) else "")
    return mark_safe("".join(pieces)), spans
