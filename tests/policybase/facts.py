"""What the quantity extractor reads in a sentence, as the part tests check it."""

from targets.extraction import extract_quantity_facts


def facts(text, year=2020, **context):
    """[(kind, value, unit)] of the targets, then the figures, of ``text``."""
    targets, figures = extract_quantity_facts(text, doc_year=year, **context)
    return [("target", t.value, t.unit) for t in targets] + [
        ("figure", f.value, f.unit) for f in figures
    ]
