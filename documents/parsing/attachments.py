"""A notice and the policies it issues, as documents of their own.

Reads a ``ParsedDocument`` whose tree holds, after the notice's own text,
the policy (or policies) the notice issues as "attachment" roots (structure.py:
"…现印发给你们" / signature / the policy's title and outline, with or without
an 附件 label).  Writes one ``ParsedDocument`` for the notice and one per
issued policy, each with its own text: the notice's lines without the
policies', and each policy's lines alone, every offset moved to its new
text (``text == normalised.text[text_start:text_end]`` still holds).

Which attachments are policies the notice issues: one without a label (the
structure opens those only at a title the notice names or right under its
signature), and a labelled one whose title the notice names in 《》 in its
title or forwarding sentence, or whose title ends in a policy's genre
(办法, 方案, 措施 …), when the notice has no outline of its own.  A form, a
list or a template under 附件 stays a part of its document, and so does
any attachment of a document that has an outline of its own (an opinion
with its indicator table as 附件).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from documents.parsing import lines as line_grammar
from documents.parsing.metadata import detect_meta
from documents.parsing.types import (
    DocumentMeta,
    NormalisedText,
    ParsedDocument,
    ParsedProvision,
)

# Genres of a policy issued under a labelled 附件 (a 清单, 报告 or 通知 under
# 附件 is supporting material of the notice, not a policy of its own).
POLICY_TYPES = frozenset(
    {"意见", "方案", "计划", "规划", "办法", "条例", "规定", "细则", "决定", "纲要",
     "指南", "措施", "规则", "指引", "要点"}
)
# The notice's own parts: what may stand before the policies it issues.
COVER_KINDS = frozenset({"title", "preamble", "signature", "paragraph"})
NOTICE_TYPE = "通知"


@dataclass(frozen=True)
class IssuedPart:
    """One policy a notice issues: its place among them, its label as
    printed ("附件1", or "" where none is printed) and its own text."""

    number: int
    label: str
    parsed: ParsedDocument


def split_issued(parsed: ParsedDocument) -> tuple[ParsedDocument, list[IssuedPart]]:
    """The notice and the policies it issues; ``(parsed, [])`` when the text
    is not a notice over policies of their own."""
    roots = parsed.provisions
    chosen = _issued_roots(parsed)
    if not chosen:
        return parsed, []
    text = parsed.normalised.text
    spans = [(node.start, _end(node)) for node in chosen]
    removed = [(max(start - 1, 0), end) for start, end in spans]  # with the line break above
    notice_text = _excerpt(parsed.normalised, _complement(removed, len(text)))
    notice = ParsedDocument(
        normalised=notice_text.normalised,
        meta=_notice_meta(notice_text.normalised, [node.heading for node in chosen]),
        provisions=[notice_text.move(node) for node in roots if node not in chosen],
    )
    parts = []
    for number, (node, span) in enumerate(zip(chosen, spans, strict=True), 1):
        own = _excerpt(parsed.normalised, [span])
        parts.append(
            IssuedPart(
                number=number,
                label=node.label,
                parsed=ParsedDocument(
                    normalised=own.normalised,
                    meta=_policy_meta(own.normalised, node.heading, parsed.meta),
                    provisions=[own.move(node)],
                ),
            )
        )
    return notice, parts


def _issued_roots(parsed: ParsedDocument) -> list[ParsedProvision]:
    roots = parsed.provisions
    first = next((k for k, node in enumerate(roots) if node.kind == "attachment"), None)
    if not first:  # none, or nothing of a notice above it
        return []
    cover = roots[:first]
    if not any(node.kind in ("signature", "preamble") for node in cover):
        return []
    attachments = [node for node in roots[first:] if node.kind == "attachment"]
    unlabelled = [node for node in attachments if not node.label]
    if unlabelled:
        return unlabelled
    if not all(node.kind in COVER_KINDS for node in cover):
        return []  # the notice has an outline of its own: it is the policy
    named = set(line_grammar.issued_titles([node.heading or node.text for node in cover]))
    return [
        node
        for node in attachments
        if node.heading
        and node.children
        and (
            node.heading in named
            or line_grammar.doc_type_of(node.heading) in POLICY_TYPES
        )
    ]


def _end(node: ParsedProvision) -> int:
    return max(n.text_end for n in node.walk())


def _complement(removed: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    kept, at = [], 0
    for start, end in removed:
        if start > at:
            kept.append((at, start))
        at = max(at, end)
    if at < length:
        kept.append((at, length))
    return kept


@dataclass(frozen=True)
class _Excerpt:
    """Some spans of a text joined into a text of their own, and the map of
    their offsets."""

    normalised: NormalisedText
    starts: tuple[int, ...]  # of the spans, in the old text
    bases: tuple[int, ...]  # of the spans, in the new text

    def offset(self, old: int) -> int:
        k = max(bisect.bisect_right(self.starts, old) - 1, 0)
        return old - self.starts[k] + self.bases[k]

    def move(self, node: ParsedProvision) -> ParsedProvision:
        return replace(
            node,
            start=self.offset(node.start),
            text_start=self.offset(node.text_start),
            text_end=self.offset(node.text_end),
            children=[self.move(child) for child in node.children],
        )


def _excerpt(normalised: NormalisedText, spans: list[tuple[int, int]]) -> _Excerpt:
    text, raw, offsets = [], [], []
    bases, raw_length, length = [], 0, 0
    for start, end in spans:
        bases.append(length)
        raw_start = normalised.raw_offsets[start]
        raw_end = normalised.raw_offsets[end - 1] + 1 if end > start else raw_start
        text.append(normalised.text[start:end])
        raw.append(normalised.raw[raw_start:raw_end])
        offsets += [normalised.raw_offsets[i] - raw_start + raw_length for i in range(start, end)]
        raw_length += raw_end - raw_start
        length += end - start
    return _Excerpt(
        normalised=NormalisedText(
            raw="".join(raw), text="".join(text), raw_offsets=(*offsets, raw_length)
        ),
        starts=tuple(start for start, _ in spans),
        bases=tuple(bases),
    )


def _notice_meta(normalised: NormalisedText, issued: list[str]) -> DocumentMeta:
    """The notice's own title, issuer, date and 文号; a title read from its
    forwarding sentence is the policy's, not the notice's."""
    meta = detect_meta(normalised)
    if meta.title is not None and _bare(meta.title) in {_bare(title) for title in issued}:
        meta.title = None
        meta.fields.pop("title", None)
    if meta.title is None:
        meta.subject = "印发" + "".join(f"《{title}》" for title in issued) + "的通知"
    meta.doc_type = NOTICE_TYPE
    return meta


def _bare(title: str) -> str:
    """A title without its quotation marks (《》 inside 《》 print as 〈〉)."""
    return title.translate(QUOTES)


QUOTES = str.maketrans("", "", "《》〈〉")


def _policy_meta(normalised: NormalisedText, title: str, notice: DocumentMeta) -> DocumentMeta:
    """An issued policy's title is the line that opens it; it was issued on
    the notice's date, and by the notice's issuer where its own lines name
    none.  The notice's 文号 stays the notice's (the 版记 printed below the
    last policy, "…2022年9月13日印发", is the notice's too)."""
    meta = detect_meta(normalised)
    meta.title = title or meta.title
    meta.doc_type = line_grammar.doc_type_of(meta.title) if meta.title else None
    for name in ("issuer", "issued_on"):
        own = getattr(meta, name) is not None and name != "issued_on"
        if not own and getattr(notice, name) is not None:
            setattr(meta, name, getattr(notice, name))
            if name in notice.fields:
                meta.fields[name] = notice.fields[name]
    return meta
