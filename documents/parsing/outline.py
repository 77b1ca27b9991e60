"""Inspection: reads a provision tree, writes a compact indented outline.

One line per node, "kind label heading", two spaces of indent per level;
a table row adds its cells after " | "; runs of paragraphs without a heading
collapse into "paragraph ×N".  Used by the tests as the expected skeleton of
each document, and handy when checking a newly loaded text by eye.
"""

from __future__ import annotations

from collections.abc import Iterable

from documents.parsing.types import ParsedProvision


def outline(provisions: Iterable[ParsedProvision]) -> str:
    return "\n".join(_lines(list(provisions), 0))


def _lines(nodes: list[ParsedProvision], depth: int) -> list[str]:
    out: list[str] = []
    run = 0
    indent = "  " * depth
    for node in nodes + [None]:  # type: ignore[list-item]
        if node is not None and _plain(node):
            run += 1
            continue
        if run:
            out.append(f"{indent}paragraph ×{run}")
            run = 0
        if node is None:
            break
        line = " ".join(part for part in (node.kind, node.label, node.heading) if part)
        if node.cells:
            line += " | " + " ".join(f"{k}={v}" for k, v in node.cells.items())
        out.append(indent + line)
        out.extend(_lines(node.children, depth + 1))
    return out


def _plain(node: ParsedProvision) -> bool:
    return node.kind == "paragraph" and not node.heading and not node.children
