"""Targets and reported figures, extracted from provision text (no Django).

Public API:

    extract_quantity_facts(text, *, offset=0, doc_year=None, plan_period=None,
                           section_heading="")
        -> (list[ExtractedTarget], list[ExtractedFigure])
    extract_targets(text, **same) -> list[ExtractedTarget]
    extract_figures(text, **same) -> list[ExtractedFigure]
    extract_table_row(heading, cells, *, offset=0, text="", doc_year=None,
                      plan_period=None)
        -> (list[ExtractedTarget], list[ExtractedFigure])
"""

from targets.extraction.facts import (
    extract_figures,
    extract_quantity_facts,
    extract_targets,
)
from targets.extraction.table import extract_table_row

__all__ = [
    "extract_figures",
    "extract_quantity_facts",
    "extract_table_row",
    "extract_targets",
]
