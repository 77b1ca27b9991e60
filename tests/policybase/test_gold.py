"""The whole pipeline measured against the hand-annotated gold list.

tests/data/gold/*.json lists every target, reported figure and subsidy of
the five documents, found by reading them (see its README).  A gold fact is
found when a stored fact of the same kind overlaps its quote in the document
and has the same value and unit (for 004's lost decimals: the curated value).
The other fields (comparator, year, subsidy terms) are scored separately so a
wrong year shows up as a wrong year, not as a miss.
"""

import json
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from documents.models import Document
from measures.models import Subsidy
from targets.models import Figure, Target

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"
MODELS = {"target": Target, "figure": Figure, "subsidy": Subsidy}


def gold_facts():
    for path in sorted(GOLD_DIR.glob("0*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for fact in data["facts"]:
            yield data["document"], fact


def fold(text):
    # The gold quotes keep ＆ and ／ full-width; the normaliser folds them.
    return "".join(
        unicodedata.normalize("NFKC", c) if c in "＆／" else c for c in text if not c.isspace()
    )


def quote_span(text, quote):
    """Where ``quote`` (whitespace removed) stands in ``text``."""
    index = [i for i, c in enumerate(text) if not c.isspace()]
    stripped = "".join(text[i] for i in index)
    pos = stripped.find(fold(quote))
    if pos < 0:
        return None
    return index[pos], index[pos + len(fold(quote)) - 1] + 1


def same_number(a, b):
    return a is not None and b is not None and Decimal(str(a)) == Decimal(str(b))


def matches(fact, gold):
    if fact.__class__ is Subsidy:
        return all(
            [
                same_number(fact.amount_min, gold["amount_min_yuan"])
                or fact.amount_min == gold["amount_min_yuan"],
                same_number(fact.amount_max, gold["amount_max_yuan"])
                or fact.amount_max == gold["amount_max_yuan"],
                same_number(fact.ratio_percent, gold["ratio_percent"])
                or fact.ratio_percent == gold["ratio_percent"],
            ]
        )
    value = Decimal(gold["value"])
    if gold["unit"] == "fraction" and fact.unit == "%":
        return abs(fact.value - value * 100) < Decimal("0.01")
    return fact.value == value and fact.unit == gold["unit"]


def score():
    found, missing, wrong_fields = [], [], []
    documents = {d.source_name: d for d in Document.objects.all()}
    for source, gold in gold_facts():
        document = documents[source]
        span = quote_span(document.text, gold["quote"])
        assert span, f"gold quote not in normalised text: {gold['quote']}"
        model = MODELS[gold["kind"]]
        candidates = model.objects.filter(
            document=document, start__lt=span[1], end__gt=span[0]
        )
        hit = next((f for f in candidates if matches(f, gold)), None)
        label = f"{source[:3]} {gold['kind']} {gold['quote']} = {gold['value']}{gold['unit']}"
        if hit is None:
            missing.append(label)
            continue
        found.append(label)
        if gold["kind"] != "subsidy":
            if hit.year != gold["year"]:
                wrong_fields.append(f"{label}: year {hit.year} != {gold['year']}")
            if hit.comparator != gold["comparator"]:
                wrong_fields.append(
                    f"{label}: comparator {hit.comparator} != {gold['comparator']}"
                )
    return found, missing, wrong_fields


@pytest.mark.usefixtures("corpus")
def test_recall_against_the_gold_list():
    found, missing, wrong_fields = score()
    total = len(found) + len(missing)
    recall = len(found) / total
    print(f"\ngold recall {len(found)}/{total} = {recall:.3f}")
    print("missing:\n  " + "\n  ".join(missing))
    print(f"wrong fields ({len(wrong_fields)}):\n  " + "\n  ".join(wrong_fields))
    assert total >= 170
    assert recall >= 0.95, missing


@pytest.mark.usefixtures("corpus")
def test_every_lost_decimal_is_corrected_with_the_raw_value_kept():
    for source, gold in gold_facts():
        if "raw" not in gold:
            continue
        model = MODELS[gold["kind"]]
        document = Document.objects.get(source_name=source)
        span = quote_span(document.text, gold["quote"])
        fact = model.objects.get(
            document=document,
            start__lt=span[1],
            end__gt=span[0],
            raw_value=Decimal(gold["raw"]),
        )
        assert fact.value == Decimal(gold["value"]), gold["quote"]
        assert fact.review_status == "corrected"
        # The number as printed (full-width, without its lost point) stays beside it.
        assert gold["raw"] in unicodedata.normalize("NFKC", fact.raw_text)
