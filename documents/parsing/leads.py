"""Titles read from lead sentences, once the provision tree is built.

Reads: the body paragraphs and the articles of a provision tree
(structure.py).  Writes: their ``heading``, where the document prints titles
as the first sentence of a paragraph or an article rather than on a line of
their own.  A document does so for most of its paragraphs or articles, or
for a run of articles, never for one here and there: 004 opens most body
paragraphs with a bold lead sentence ("汽车产业技术。围绕…"); a district's
measures title their support articles inline ("第三条 载体建设。…"); a law's
sporadic short first sentences ("第十九条　科普是全社会的共同责任。") are text.
"""

from __future__ import annotations

from collections.abc import Iterable

from documents.parsing.headings import lead_sentence
from documents.parsing.types import ParsedProvision

# Bold lead sentences in body paragraphs are short noun/verb phrases without
# commas: "汽车产业技术", "科技创新环境正快速优化", "坚持“四个面向”" (004).
PARAGRAPH_LEAD_MAX_CHARS = 24
PARAGRAPH_LEAD_FORBIDDEN = "，；："
# A document "prints lead sentences" when at least this share of its body
# paragraphs open with one (004: most; 000: 1 in 3; 001-003: none).
PARAGRAPH_LEAD_SHARE = 0.5
# Inline article titles are short noun phrases ("平台建设", "人才引进与培养"),
# used by a document for most of its articles or not at all...
ARTICLE_TITLE_MAX_CHARS = 12
ARTICLE_TITLE_SHARE = 0.5
# ...or for a run of at least this many articles in a row (a law's sporadic
# short first sentences, "第十九条　科普是全社会的共同责任。", never run so).
ARTICLE_TITLE_RUN = 3


def apply_paragraph_leads(paragraphs: list[ParsedProvision]) -> None:
    """Give the body paragraphs their lead sentences as headings, if the
    document prints them (PARAGRAPH_LEAD_SHARE)."""
    leads = [(node, paragraph_lead(node.text)) for node in paragraphs]
    with_lead = sum(1 for _, lead in leads if lead)
    if leads and with_lead >= PARAGRAPH_LEAD_SHARE * len(leads):
        for node, lead in leads:
            node.heading = lead


def apply_article_titles(roots: Iterable[ParsedProvision]) -> None:
    """A regulation that titles its articles inline ("第五条　平台建设。本市…")
    does so for most of them, or for a run of them: the support articles of
    a district's measures ("第三条 载体建设。…" to "第八条 专项支持。…")
    between untitled general and closing articles.  A lead sentence is a
    title only then."""
    articles = [node for root in roots for node in root.walk() if node.kind == "article"]
    leads = [(node, article_title(node.text)) for node in articles if not node.heading]
    titled = sum(1 for _, lead in leads if lead)
    if leads and titled >= ARTICLE_TITLE_SHARE * len(leads):
        for node, lead in leads:
            node.heading = lead
        return
    run: list[tuple[ParsedProvision, str]] = []
    for node, lead in [*leads, (None, "")]:
        if lead:
            run.append((node, lead))
            continue
        if len(run) >= ARTICLE_TITLE_RUN:
            for titled_node, title in run:
                titled_node.heading = title
        run = []


def paragraph_lead(text: str) -> str:
    lead, more = lead_sentence(text, "。")
    if (
        more
        and 0 < len(lead) <= PARAGRAPH_LEAD_MAX_CHARS
        and not any(ch in lead for ch in PARAGRAPH_LEAD_FORBIDDEN)
    ):
        return lead
    return ""


def article_title(text: str) -> str:
    lead, more = lead_sentence(text, "。")
    if (
        more
        and 0 < len(lead) <= ARTICLE_TITLE_MAX_CHARS
        and not any(ch in lead for ch in PARAGRAPH_LEAD_FORBIDDEN + "、")
    ):
        return lead
    return ""
