"""A rebuild's bulk load writes the same index as indexing every provision
one update at a time, row for row, on either database.

The bulk load reads the provisions as plain tuples, drops the indexes of
the tables it fills and makes them again from their own definitions, and
keeps each frequent word's best provisions by a floor instead of a heap;
none of that may change a row.  The words, plain texts, grams and word
counts are compared with what ``index.update`` writes (the path ingest
takes), the impact lists and the term table with a plain computation of
their definition: every frequent word's ``IMPACT_DEPTH`` best provisions by
BM25's term weight, ties to the lowest id.  The thresholds are lowered so
that many words are frequent and the lists are cut among ties.
"""

import random
from collections import Counter, defaultdict

import pytest
from django.db import connection

from documents.models import Provision
from documents.search import index, ranking
from documents.search.backends import backend_for
from documents.search.backends.terms import ROWS_KEY, VERSION_KEY, WORDS_KEY

pytestmark = pytest.mark.usefixtures("corpus")

FREQUENT_DF, DEPTH = 20, 10


def rows_of(table, sql=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql or f"SELECT * FROM {table}")
        return sorted(cursor.fetchall(), key=repr)


def fts_instances(table) -> list[tuple]:
    """Every (term, row, column, offset) an FTS5 table indexes (SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIRTUAL TABLE temp.probe_vocab USING fts5vocab(main, {table}, instance)")
        try:
            cursor.execute("SELECT term, doc, col, offset FROM temp.probe_vocab")
            return sorted(cursor.fetchall(), key=repr)
        finally:
            cursor.execute("DROP TABLE temp.probe_vocab")


def index_rows() -> dict[str, list]:
    """What the index holds for each provision, and every word's count."""
    tables = backend_for(connection).tables
    if connection.vendor == "sqlite":
        return {
            "rows": rows_of(None, f"SELECT id, c0, c1 FROM {tables.words}_content"),
            "words": fts_instances(tables.words),
            "grams": fts_instances(tables.grams),
            "counts": rows_of(tables.counts),
        }
    return {
        "rows": rows_of(None, f"SELECT provision_id, words::text, plain FROM {tables.words}"),
        "grams": rows_of(None, f"SELECT provision_id, grams::text FROM {tables.grams}"),
        "counts": rows_of(tables.counts),
    }


def lists_and_terms() -> tuple[set, dict]:
    tables = backend_for(connection).tables
    impacts = set(rows_of(tables.impact, f"SELECT term, score, provision_id FROM {tables.impact}"))
    terms = dict(rows_of(tables.terms))
    terms.pop(VERSION_KEY)
    return impacts, terms


def expected_lists_and_terms(depth, frequent_df) -> tuple[set, dict]:
    """The impact lists and term table by their definition, from the words
    every provision holds."""
    words = dict(Provision.objects.values_list("pk", "search_text"))
    tokens = {pk: w.split() for pk, w in words.items()}
    df = Counter(t for ts in tokens.values() for t in set(ts))
    average = sum(map(len, tokens.values())) / len(tokens)
    frequent = {t: n for t, n in df.items() if n >= frequent_df}
    entries = defaultdict(list)
    for pk, ts in tokens.items():
        for term, tf in Counter(ts).items():
            if term in frequent:
                entries[term].append((ranking.tf_weight(tf, len(ts), average), -pk))
    impacts = {
        (term, score, -negative)
        for term, found in entries.items()
        for score, negative in sorted(found, reverse=True)[:depth]
    }
    return impacts, {ROWS_KEY: len(tokens), WORDS_KEY: average, **frequent}


def schema_of_index() -> list[tuple]:
    """The index tables' own indexes and keys, as the database defines them."""
    tables = backend_for(connection).tables.all
    if connection.vendor == "sqlite":
        return rows_of(
            None,
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN ("
            + ", ".join(f"'{t}'" for t in tables) + ")",
        )
    names = ", ".join(f"'{t}'::regclass" for t in tables)
    return rows_of(
        None,
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisprimary "
        f"FROM pg_index WHERE indrelid IN ({names})",
    ) + rows_of(
        None,
        "SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) "
        f"FROM pg_constraint WHERE conrelid IN ({names})",
    )


@pytest.mark.parametrize("reuse_words", [False, True])
def test_a_rebuild_writes_what_updates_write(monkeypatch, reuse_words):
    monkeypatch.setattr(ranking, "FREQUENT_DF", FREQUENT_DF)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", DEPTH)
    ids = list(Provision.objects.values_list("pk", flat=True))
    schema = schema_of_index()
    # One update at a time, on an emptied index: what ingest writes.
    backend_for(connection).rebuilder.clear()
    for pk in sorted(ids):
        index.update([pk])
    updated = index_rows()

    assert index.rebuild(reuse_words=reuse_words) == len(ids)
    rebuilt = index_rows()
    assert len(rebuilt["rows"]) == len(ids)
    for part in updated:
        assert rebuilt[part] == updated[part], part
    impacts, terms = lists_and_terms()
    expected_impacts, expected_terms = expected_lists_and_terms(DEPTH, FREQUENT_DF)
    assert len(expected_impacts) > 10 * DEPTH  # many words, cut among ties
    assert impacts == expected_impacts
    assert terms == expected_terms
    # The indexes the load dropped are back, as they were.
    assert schema_of_index() == schema


def test_the_impact_lists_are_the_best_of_each_word_in_any_order():
    """``ImpactCounter.impacts`` against the plain definition, on rows with
    many ties (few words, few lengths), in id order and shuffled."""
    rng = random.Random(17)
    vocabulary = [f"w{i}" for i in range(12)]
    rows = [
        (pk, " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(1, 6))), "")
        for pk in rng.sample(range(1, 5000), 1500)
    ]

    def expected(depth):
        counter = ranking.ImpactCounter()
        counter.count(rows)
        found = defaultdict(list)
        for pk, words, _plain in rows:
            tokens = words.split()
            for term, tf in Counter(tokens).items():
                found[term].append((ranking.tf_weight(tf, len(tokens), counter.average), -pk))
        return {
            (term, score, -negative)
            for term, entries in found.items()
            for score, negative in sorted(entries, reverse=True)[:depth]
        }

    for depth in (1, 7, 300, 2000):
        for order in (sorted(rows), rows):
            counter = ranking.ImpactCounter()
            counter.count(order)
            frequent = dict.fromkeys(counter.df, 1)
            batches = [order[i : i + 100] for i in range(0, len(order), 100)]
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(ranking, "IMPACT_DEPTH", depth)
                got = counter.impacts(batches, frequent)
            assert len(got) == len(set(got))
            assert set(got) == expected(depth)
