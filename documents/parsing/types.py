"""Dataclasses shared by the parsing and extraction stages.

Offsets are always character offsets into ``NormalisedText.text`` (the
normalised source).  ``NormalisedText.raw_offset(i)`` maps such an offset back
to the raw (decoded, un-normalised) text so that a fact can show the characters
exactly as printed, e.g. the "６９０６" whose decimal point was lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class NormalisedText:
    """The normalised text of one document and its map back to the raw text.

    ``text`` holds one paragraph per line ("\\n" between paragraphs): hard
    wraps are re-joined, page marks removed.  ``raw_offsets[i]`` is the index
    in ``raw`` of the raw character that produced ``text[i]``; it has one extra
    final entry equal to ``len(raw)`` so that end offsets map too.
    """

    raw: str
    text: str
    raw_offsets: tuple[int, ...]

    def raw_offset(self, offset: int) -> int:
        return self.raw_offsets[offset]

    def raw_slice(self, start: int, end: int) -> str:
        """The raw characters behind ``text[start:end]`` (as printed)."""
        if start >= end:
            return ""
        return self.raw[self.raw_offsets[start] : self.raw_offsets[end - 1] + 1]


@dataclass
class ParsedProvision:
    """One node of the provision tree.

    kind: one of PROVISION_KINDS (documents/parsing/headings.py decides which
    printed pattern gives which kind).
    label: the label as printed in the raw text ("（十五）", "第三章", "专栏２",
    "1.", "———"); empty for plain paragraphs.
    heading: the title of the provision ("发展目标", "汽车产业技术"); empty
    when it has none.
    text: exactly ``normalised.text[text_start:text_end]``: everything after
    the label up to the end of the provision's own paragraph(s), children
    excluded.  For a heading-only line (第一章　发展基础) text == heading.
    number: the ordinal the label encodes (（十五） -> 15), or None.
    cells: for table rows, column header -> cell text as normalised.
    """

    kind: str
    label: str
    heading: str
    text: str
    start: int  # offset of the label (or of the text when there is no label)
    text_start: int
    text_end: int
    number: int | None = None
    cells: dict[str, str] = field(default_factory=dict)
    children: list[ParsedProvision] = field(default_factory=list)

    def walk(self):
        """Yield this provision and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class MetaField:
    """Where one metadata value came from: the line as read, and how sure
    the rule that read it is (0–1)."""

    value: str
    line: str
    confidence: float


@dataclass
class DocumentMeta:
    """What the text itself says about the document; None where it is silent.

    ``fields`` holds every value read (the five above and the other parts of
    the GB/T 9704 layout: 发文机关标志, 主送机关, 署名, 印发机关, 印发日期,
    附件) with the line it came from and a confidence.
    """

    title: str | None = None
    doc_number: str | None = None  # 文号, e.g. 吉科发办〔2022〕109号
    issuer: str | None = None
    issued_on: date | None = None
    doc_type: str | None = None  # 意见, 方案, 计划, 规划, 答复, 办法, 条例, 通知 …
    # What the document is about where no title is printed (a forwarding
    # notice without one: "印发《X》的通知", after its sentence).
    subject: str | None = None
    fields: dict[str, MetaField] = field(default_factory=dict, compare=False)


@dataclass
class ParsedDocument:
    normalised: NormalisedText
    meta: DocumentMeta
    provisions: list[ParsedProvision]  # roots, in document order

    def walk(self):
        for root in self.provisions:
            yield from root.walk()
