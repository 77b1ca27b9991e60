"""Property tests: the normaliser, the structure parser and every extractor
take any text (1,000 generated inputs each) without raising.

Each test also checks the one promise every caller relies on (offsets inside
the text, the documented return types), so a silent corruption fails too.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.crossrefs import find_crossrefs
from documents.extraction.quantities import find_quantities
from documents.parsing.encoding import SourceError
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_document
from documents.parsing.structure import parse
from documents.themes import classify
from measures.extraction.measures import extract_measures
from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts, extract_table_row

from .strategies import cells, policy_text, short_text

FUZZ = settings(
    # 1,000 inputs each; FUZZ_EXAMPLES=20000 FUZZ_RANDOM=1 explores further.
    max_examples=max(1000, int(os.environ.get("FUZZ_EXAMPLES", 1000))),
    deadline=None,
    # The same inputs on every run, so CI cannot flake, unless FUZZ_RANDOM=1.
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def within(items, length):
    for item in items:
        assert 0 <= item.start <= item.end <= length, item


@FUZZ
@given(policy_text)
def test_normalise_never_raises(text):
    result = normalise(text)
    assert isinstance(result.text, str)


@FUZZ
@given(policy_text)
def test_structure_parser_never_raises(text):
    provisions = parse(normalise(text))
    assert isinstance(provisions, list)


@FUZZ
@given(policy_text, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_parse_document_rejects_or_parses(text, encoding):
    data = text.encode(encoding, errors="replace")
    try:
        parsed = parse_document(data, max_bytes=1 << 20)
    except SourceError:
        return  # the documented refusal of an empty or unreadable file
    assert isinstance(parsed.normalised.text, str)


@FUZZ
@given(policy_text)
def test_find_quantities_never_raises(text):
    within(find_quantities(text), len(text))


@FUZZ
@given(policy_text, st.sampled_from([None, 2020, 2025]), short_text)
def test_extract_quantity_facts_never_raises(text, year, heading):
    targets, figures = extract_quantity_facts(
        text,
        doc_year=year,
        plan_period=(2021, 2025) if year else None,
        section_heading=heading,
    )
    within([*targets, *figures], len(text))


@FUZZ
@given(short_text, cells, st.sampled_from([None, 2021]))
def test_extract_table_row_never_raises(heading, row, year):
    text = heading + "".join(f"{k}{v}" for k, v in row.items())
    targets, figures = extract_table_row(
        heading, row, text=text, doc_year=year, plan_period=(2021, 2025) if year else None
    )
    assert isinstance(targets, list) and isinstance(figures, list)


@FUZZ
@given(policy_text)
def test_extract_subsidies_never_raises(text):
    within(extract_subsidies(text), len(text))


@FUZZ
@given(policy_text, short_text)
def test_extract_measures_never_raises(text, heading):
    within(extract_measures(text, heading=heading), len(text))


@FUZZ
@given(policy_text, short_text)
def test_classify_never_raises(text, heading):
    assert all(isinstance(slug, str) for slug in classify(text, heading))


@FUZZ
@given(policy_text)
def test_find_crossrefs_never_raises(text):
    within(find_crossrefs(text), len(text))


def test_the_strategy_produces_the_characters_it_promises():
    """The inputs really contain full-width forms, 〔〕, ○ and numerals."""
    seen = set()

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(policy_text)
    def collect(text):
        seen.update(text)

    collect()
    for char in "〔〕○一十万，。％":
        assert char in seen, char
    assert any(0xFF01 <= ord(c) <= 0xFF5E for c in seen)


