"""Calls into each app's pure-Python extractors for one provision.

Reads: a parsed provision and its document context.
Writes nothing: returns the extractors' dataclasses, which each app's ingest
mapping (``documents.ingest``, ``measures.ingest``, ``targets.ingest``) turns
into rows.  This is the only module that knows every extractor's
signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.crossrefs import find_crossrefs
from documents.parsing.tables import holds_value
from documents.parsing.types import ParsedProvision
from documents.themes import classify
from measures.extraction.measures import extract_measures
from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts, extract_table_row

# No provision of a policy holds this many facts of one kind (the most in any
# text we have is fourteen figures in one paragraph).  One that does is not
# laid out as a policy (a file that is one line of clauses, a hostile upload):
# its first facts of the kind are kept, each flagged for review with
# CAPPED_FLAG, and the rest are not written.  Every later step (eligibility,
# rows, history) costs per fact, and such a file held a worker for minutes.
MAX_FACTS_PER_PROVISION = 500
CAPPED_FLAG = "too_many_in_provision"


@dataclass(frozen=True)
class ProvisionContext:
    """What an extractor needs to know about a provision's surroundings."""

    doc_year: int | None
    plan_period: tuple[int, int] | None
    section_heading: str  # headings of the ancestors, outermost first, " › "-joined
    lead_in: str = ""  # the parent's text when it introduces a list ("…给予奖励：")
    doc_type: str = ""  # the document's genre (条例, 答复 …)
    sets_goals: bool = False  # no genre named, but goals set for later years
    example: bool = False  # a line of a form's worked example: no facts


# Provisions that are a document's or an attachment's title.
TITLE_KINDS = ("title", "attachment")


@dataclass
class ProvisionFacts:
    """What the extractors found in one provision, by kind."""

    themes: list[str]
    crossrefs: list
    measures: list
    subsidies: list
    targets: list
    figures: list


def extract(provision: ParsedProvision, context: ProvisionContext) -> ProvisionFacts:
    """Every fact the extractors find in one provision."""
    text, offset = provision.text, provision.text_start
    # A row with values is read by its columns; a row of text (a task table's
    # "序号 事项 工作措施 责任单位") as the text it is.
    if provision.kind == "table_row" and any(map(holds_value, provision.cells.values())):
        targets, figures = extract_table_row(
            provision.heading,
            provision.cells,
            offset=offset,
            text=text,
            doc_year=context.doc_year,
            plan_period=context.plan_period,
        )
    else:
        targets, figures = extract_quantity_facts(
            text,
            offset=offset,
            doc_year=context.doc_year,
            plan_period=context.plan_period,
            section_heading=context.section_heading,
            doc_type=context.doc_type,
            lead_in=context.lead_in,
            sets_goals=context.sets_goals,
        )
    subsidies = extract_subsidies(text, offset=offset, lead_in=context.lead_in)
    if context.example:
        # the figures of a made-up applicant ("从5人减少至2人") are no facts
        targets = figures = subsidies = []
    if provision.kind in TITLE_KINDS and "。" not in text:
        # a title ("玉环市科技新政策35条", "附件2 2023年度…名单") names, it sets no goal
        targets = figures = []
    return ProvisionFacts(
        themes=classify(text, heading=provision.heading),
        crossrefs=find_crossrefs(text, offset=offset),
        measures=extract_measures(text, offset=offset, heading=provision.heading),
        subsidies=_capped(subsidies),
        targets=_capped(targets),
        figures=_capped(figures),
    )


def _capped(facts: list) -> list:
    """At most MAX_FACTS_PER_PROVISION of ``facts``, flagged when cut."""
    if len(facts) <= MAX_FACTS_PER_PROVISION:
        return facts
    kept = facts[:MAX_FACTS_PER_PROVISION]
    for fact in kept:
        fact.flags.append(CAPPED_FLAG)
    return kept
