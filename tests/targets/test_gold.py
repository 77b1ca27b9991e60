"""The targets extractor measured against the hand-annotated gold list.

tests/data/gold/*.json lists every target and reported figure of the five
documents (and the subsidies, which ``measures`` extracts).  Each document is
normalised and split into paragraphs by ``tests.targets.corpus``; every
paragraph goes through ``extract_quantity_facts`` (004's target-table rows
through ``extract_table_row``) with the context the pipeline gives it.

A gold fact is found when an extracted fact of the same kind overlaps its
quote and has the same value and unit.  For 004's lost decimal points the
gold value is the corrected one: it must equal the fact's ``suggested_value``
(the raw value stays in ``value``).  Fractions: the gold writes 0.3333
"fraction", the extractor 33.33 "%".  Year and comparator are scored apart so
a wrong year shows as a wrong year, not as a miss.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from targets.extraction import extract_quantity_facts, extract_table_row
from tests.targets.corpus import gold, load, normalise

DOCUMENTS = ("000", "001", "002", "003", "004")


def extract(document):
    facts = []
    for p in document.paragraphs:
        if p.table_row:
            heading, cells = p.table_row
            targets, figures = extract_table_row(
                heading, cells, offset=p.start, text=p.text
            )
        else:
            targets, figures = extract_quantity_facts(
                p.text,
                offset=p.start,
                doc_year=document.doc_year,
                plan_period=document.plan_period,
                section_heading=p.section_heading,
            )
        facts += [("target", f) for f in targets] + [("figure", f) for f in figures]
    return facts


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    index = [i for i, c in enumerate(text) if not c.isspace()]
    stripped = "".join(text[i] for i in index)
    needle = normalise(quote)
    pos = stripped.find(needle)
    if pos < 0:
        return None
    return index[pos], index[pos + len(needle) - 1] + 1


def same_value(fact, entry) -> bool:
    value = Decimal(entry["value"])
    unit = entry["unit"]
    shown = fact.suggested_value if fact.suggested_value is not None else fact.value
    if unit == "fraction":
        return fact.unit == "%" and abs(shown - value * 100) < Decimal("0.01")
    return fact.unit == unit and shown == value


def score(prefix: str):
    document = load(prefix)
    facts = extract(document)
    data = gold(prefix)
    found, missed, wrong = [], [], []
    used = set()
    for entry in data["facts"]:
        if entry["kind"] == "subsidy":
            continue
        span = quote_span(document.text, entry["quote"])
        assert span, f"gold quote not found: {entry['quote']}"
        label = f"{prefix} {entry['kind']} {entry['quote']} = "
        label += f"{entry['value']}{entry['unit']}"
        hit = next(
            (
                (i, f)
                for i, (kind, f) in enumerate(facts)
                if kind == entry["kind"]
                and f.start < span[1]
                and f.end > span[0]
                and same_value(f, entry)
            ),
            None,
        )
        if hit is None:
            missed.append(label)
            continue
        used.add(hit[0])
        found.append(label)
        fact = hit[1]
        if fact.year != entry["year"]:
            wrong.append(f"{label}: year {fact.year} != {entry['year']}")
        if fact.comparator != entry["comparator"]:
            wrong.append(
                f"{label}: comparator {fact.comparator} != {entry['comparator']}"
            )
        if entry.get("per_year") and not getattr(fact, "per_year", False):
            wrong.append(f"{label}: per_year missing")
        if entry.get("aspirational") != getattr(fact, "aspirational", False):
            wrong.append(
                f"{label}: aspirational {getattr(fact, 'aspirational', False)}"
            )
    extra = [
        f"{prefix} {kind} {document.text[f.start : f.end]} = {f.value}{f.unit}"
        f" ({f.indicator_name})"
        for i, (kind, f) in enumerate(facts)
        if i not in used
    ]
    return found, missed, wrong, extra


@pytest.fixture(scope="module")
def scores():
    return {prefix: score(prefix) for prefix in DOCUMENTS}


def test_recall_and_precision_against_the_gold_list(scores):
    found = sum(len(s[0]) for s in scores.values())
    missed = [m for s in scores.values() for m in s[1]]
    wrong = [w for s in scores.values() for w in s[2]]
    extra = [e for s in scores.values() for e in s[3]]
    recall = found / (found + len(missed))
    precision = found / (found + len(extra))
    print(f"\ngold recall {found}/{found + len(missed)} = {recall:.3f}")
    print(f"precision {found}/{found + len(extra)} = {precision:.3f}")
    print("missed:\n  " + "\n  ".join(missed))
    print("not in gold:\n  " + "\n  ".join(extra))
    print(f"wrong fields ({len(wrong)}):\n  " + "\n  ".join(wrong))
    assert recall >= 0.95, missed
    assert precision >= 0.95, extra


def test_year_and_comparator_agree_with_the_gold(scores):
    wrong = [w for s in scores.values() for w in s[2]]
    assert len(wrong) <= 5, wrong
