"""What a reader hands to the parser.

``Reading.text`` holds the document's text as printed, one paragraph per line
when ``lines_are_paragraphs`` (the layout readers: PDF, OFD, Word, web pages
re-join wrapped lines themselves from the positions and the markup), or the
decoded file as it is (plain text, whose hard wraps the normaliser re-joins).
Table rows are one line each, cells separated by an ideographic space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of layout hint, by the line (index into ``text.split("\n")``) they mark.
HINT_KINDS = ("heading", "bold", "centred", "page_break")
CELL_SEPARATOR = "\u3000"


@dataclass(frozen=True)
class Hint:
    line: int
    kind: str


@dataclass
class Reading:
    kind: str  # "text", "pdf", "docx", "doc", "html", "ofd", "image"
    text: str
    lines_are_paragraphs: bool = False
    hints: list[Hint] = field(default_factory=list)
    # What the file says about itself outside the text: an HTML page's
    # metadata table and <meta> tags, a PDF's document information.
    meta: dict[str, str] = field(default_factory=dict)
    pages: int = 1
    warnings: list[str] = field(default_factory=list)

    def hinted(self, kind: str) -> set[int]:
        return {hint.line for hint in self.hints if hint.kind == kind}
