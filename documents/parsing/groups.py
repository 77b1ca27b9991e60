"""Unlabelled groups of an outline, found before the walk over the paragraphs.

A guide may list its support under short group titles, each over a 一、…
numbering of its own ("面向单位的扶持政策" / "一、小微企业社保补贴" … "面向毕业生
的扶持政策" / "一、灵活就业社保补贴").  structure.py opens a node without a label
at each such title; its 一、 are that node's children.
"""

from __future__ import annotations

from documents.parsing import lines as line_grammar
from documents.parsing.headings import HeadingMatcher

# Punctuation a short title never holds.
CLAUSE_PUNCTUATION = "。，；：、！？"
# Group titles are short lines, two of them at least.
GROUP_TITLE_MAX_CHARS = 20
GROUP_TITLES_MIN = 2


def unlabelled_group_titles(texts: list[str], contents: set[int]) -> set[int]:
    """The indexes of unlabelled group titles: short lines without
    punctuation, label, title genre or date, each right before a 一、 that
    (re)starts the numbering; none unless there are GROUP_TITLES_MIN."""
    found = set()
    for k in range(1, len(texts) - 1):
        text = texts[k]
        if (
            k in contents
            or len(text) > GROUP_TITLE_MAX_CHARS
            or any(ch in text for ch in CLAUSE_PUNCTUATION)
            or HeadingMatcher().match(text) is not None
            or line_grammar.is_title_line(text)
            or line_grammar.stands_alone(text)
            or line_grammar.is_org_name(text)
        ):
            continue
        match = HeadingMatcher().match(texts[k + 1])
        if match is not None and match.kind == "part" and match.number == 1:
            found.add(k)
    return found if len(found) >= GROUP_TITLES_MIN else set()
