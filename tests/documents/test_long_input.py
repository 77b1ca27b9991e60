"""Input that is one very long line (issue 17): a 984 KB single-line file
took 545 s and 23 GB, because each fact re-read and quoted its whole
sentence.  Sentences and clauses are now read in bounded windows; every fact
still points at the sentence (window) it came from."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from documents.extraction.overlaps import Occupied, inside_longer
from documents.extraction.sentences import (
    CLAUSE_ENDS,
    MAX_SPAN_CHARS,
    span_at,
    split_clauses,
    split_sentences,
    trimmed_sentences,
)
from measures.extraction.measures import extract_measures
from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts

RULES = (
    "对新认定的高新技术企业给予最高100万元奖励，"
    "到2025年全省研发经费投入达到120亿元，技术合同成交额增长15%，"
)


def one_sentence(chars: int) -> str:
    """Clauses of policy text, no sentence end: one sentence of ``chars``."""
    return (RULES * (chars // len(RULES) + 1))[:chars]


def test_a_long_sentence_is_read_in_windows_cut_after_a_clause_mark():
    text = one_sentence(5_000)
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(span.end - span.start <= MAX_SPAN_CHARS for span in spans)
    # Windows follow each other without a gap and end after a clause mark.
    assert spans[0].start == 0 and spans[-1].end == len(text)
    for before, after in zip(spans, spans[1:], strict=False):
        assert before.end == after.start
        assert text[before.end - 1] in CLAUSE_ENDS
    assert all(s.end - s.start <= MAX_SPAN_CHARS for s in trimmed_sentences(text))


def test_text_without_punctuation_is_cut_outside_numbers():
    text = ("企业研发投入" + "1234567" + "技术合同") * 400
    for spans in (split_sentences(text), split_clauses(text)):
        assert all(span.end - span.start <= MAX_SPAN_CHARS for span in spans)
        assert "".join(text[s.start : s.end] for s in spans) == text
        for span in spans[:-1]:
            assert not (text[span.end - 1].isdigit() and text[span.end].isdigit())


def test_short_sentences_are_not_changed():
    text = "到2020年，全省研发投入达到100亿元。目前，全省有高新技术企业500家！"
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "到2020年，全省研发投入达到100亿元。",
        "目前，全省有高新技术企业500家！",
    ]


def test_every_fact_of_a_long_sentence_points_at_its_bounded_sentence():
    text = one_sentence(30_000)
    targets, figures = extract_quantity_facts(text, doc_year=2021)
    subsidies = extract_subsidies(text)
    measures = extract_measures(text)
    assert len(targets) > 100 and len(subsidies) > 100 and measures
    for fact in [*targets, *figures, *subsidies]:
        assert fact.sentence_end - fact.sentence_start <= MAX_SPAN_CHARS
        assert fact.sentence_start <= fact.start < fact.sentence_end
        assert text[fact.start : fact.end] in text[fact.sentence_start : fact.sentence_end]
    for measure in measures:
        assert measure.end - measure.start <= MAX_SPAN_CHARS
        assert len(measure.summary) <= MAX_SPAN_CHARS


def test_span_at_finds_the_span_holding_a_position():
    text = one_sentence(3_000)
    spans = split_clauses(text)
    for pos in range(0, len(text), 37):
        expected = next((s for s in spans if s.start <= pos < s.end), None)
        assert span_at(spans, pos) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8), st.integers(0, 2)), max_size=40))
def test_inside_longer_agrees_with_the_pairwise_comparison(raw):
    spans = [(start, start + length) for start, length, _ in raw]
    groups = [group for _, _, group in raw]
    pairwise = [
        any(s <= start and end <= e and (e - s) > (end - start) for s, e in spans)
        for start, end in spans
    ]
    pairwise_groups = [
        any(
            s <= start and end <= e and (e - s) > (end - start) and g != group
            for (s, e), g in zip(spans, groups, strict=True)
        )
        for (start, end), group in zip(spans, groups, strict=True)
    ]
    assert inside_longer(spans) == pairwise
    assert inside_longer(spans, groups) == pairwise_groups


def test_occupied_agrees_with_the_pairwise_comparison():
    rng = random.Random(17)
    occupied, taken = Occupied(500), []
    for _ in range(400):
        start = rng.randrange(0, 495)
        end = start + rng.randrange(1, 6)
        free = all(end <= s or start >= e for s, e in taken)
        assert occupied.free(start, end) == free
        if free and rng.random() < 0.5:
            occupied.take(start, end)
            taken.append((start, end))
