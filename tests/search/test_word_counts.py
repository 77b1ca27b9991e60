"""Every word's document frequency, kept by ingest (the counts table): a word
that becomes frequent gets its impact list and its term-table row as the
ingest that makes it frequent commits, not only at a rebuild.

Before, a knowledge base filled by ingests had an empty term table: every
word passed for a rare one, and the matches of a common word were read
unscored up to a limit, in the order the index gave them — on PostgreSQL
where the rows lay on disk, so two workers ingesting side by side gave other
answers than one ingest after another (bench/ingest.py --bulk)."""

import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from documents.models import Document, Provision
from documents.search import index, ranking, schema
from documents.search.backends import backend_for
from documents.search.backends.postgres import PostgresSearchBackend
from documents.search.backends.standalone import StandaloneConnection
from documents.search.backends.terms import VERSION_KEY
from documents.search.plan import plan_for
from documents.search.query import parse

ROOT = Path(__file__).resolve().parents[2]
GENRE = sorted(p for p in (ROOT / "tests" / "data" / "genre").glob("*.txt") if "gb18030" not in p.name)


def tables():
    """The counts table, the frequent words' term-table rows (the version
    stamp aside) and the ids each frequent word's impact list holds."""
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term, n FROM {backend.tables.counts}")
        counts = dict(cursor.fetchall())
        cursor.execute(f"SELECT term, df FROM {backend.tables.terms} WHERE term NOT LIKE ' %%'")
        frequent = {term: int(df) for term, df in cursor.fetchall()}
        cursor.execute(f"SELECT term, provision_id FROM {backend.tables.impact}")
        listed: dict[str, set[int]] = {}
        for term, pk in cursor.fetchall():
            listed.setdefault(term, set()).add(pk)
    return counts, frequent, listed


def ingest_genre_into_an_empty_index():
    """The genre texts alone, FREQUENT_DF (patched) in force from the first
    word counted: the bundled documents other tests share go first (the
    test's transaction brings them back)."""
    Document.objects.all().delete()
    index.rebuild()
    call_command("ingest", *map(str, GENRE), verbosity=0)


def holding(word):
    return {p.pk for p in Provision.objects.all() if word in p.search_text.split()}


def test_ingest_makes_a_word_frequent_as_a_rebuild_would(db, monkeypatch):
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    ingest_genre_into_an_empty_index()
    counts, frequent, listed = tables()
    truth = {}
    for p in Provision.objects.all():
        for word in set(p.search_text.split()):
            truth[word] = truth.get(word, 0) + 1
    assert counts == truth
    assert frequent == {w: n for w, n in truth.items() if n >= 20}
    assert "科技" in frequent
    # Every provision holding a frequent word is on its list, whether the
    # word was frequent before the provision came or became so with it.
    assert all(listed[w] == holding(w) for w in frequent)
    # Answered from its impact list (a query reads the term table again).
    backend = backend_for(connection)
    assert backend.candidates(plan_for(parse("科技"))).ids
    assert backend.route(plan_for(parse("科技"))).kind == "impacts"
    # A rebuild comes to the same counts and the same frequent words.
    index.rebuild()
    rebuilt_counts, rebuilt_frequent, _listed = tables()
    assert (rebuilt_counts, rebuilt_frequent) == (counts, frequent)


def test_counts_follow_deleted_and_reworded_provisions(db, monkeypatch):
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    ingest_genre_into_an_empty_index()
    Document.objects.get(key="plan_songjiang_14th").delete()
    provision = Provision.objects.filter(text__contains="科技").first()
    provision.text = "本条不再提及那个词。"
    provision.save()
    index.flush()  # the receiver indexes at commit; the test's transaction does not commit
    counts, frequent, listed = tables()
    index.rebuild()
    assert tables()[:2] == (counts, frequent)
    assert all(listed[w] >= holding(w) for w in frequent)
    # Gone with its last provision: a frequent word leaves every table.
    Document.objects.all().delete()
    assert tables() == ({}, {}, {})


def test_a_new_frequent_word_is_a_new_version_of_the_term_table(db, monkeypatch):
    """Other processes read the term table again at their next query."""
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)

    def version():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT df FROM {backend_for(connection).tables.terms} WHERE term = %s",
                [VERSION_KEY],
            )
            return cursor.fetchall()

    Document.objects.all().delete()
    index.rebuild()
    before = version()
    call_command("ingest", *map(str, GENRE), verbosity=0)
    assert version() != before and len(version()) == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_writers_at_once_count_as_one_after_the_other(db, monkeypatch):
    """Two transactions indexing at once (two upload workers): the second
    waits for the first to commit, then counts on top of it and makes the
    word frequent with every provision holding it on its list, the first's
    included — as one after the other would."""
    import psycopg2

    monkeypatch.setattr(ranking, "FREQUENT_DF", 3)
    db = connection.settings_dict

    def connect():
        return psycopg2.connect(
            dbname=db["NAME"], user=db["USER"], password=db.get("PASSWORD") or None,
            host=db["HOST"], port=db["PORT"] or 5432,
        )

    table = "probe_word_counts"
    setup = connect()
    setup.autocommit = True
    scratch = StandaloneConnection(setup, "postgresql")
    schema.drop(scratch, table)
    schema.create(scratch, table)
    first, second = connect(), connect()
    try:
        one = PostgresSearchBackend(StandaloneConnection(first, "postgresql"), table)
        two = PostgresSearchBackend(StandaloneConnection(second, "postgresql"), table)
        one.index.replace([(1, "科技 创新", "科技创新"), (2, "科技", "科技")])
        done = threading.Event()

        def index_and_commit():
            two.index.replace([(3, "科技 政策", "科技政策"), (4, "科技", "科技")])
            second.commit()
            done.set()

        thread = threading.Thread(target=index_and_commit)
        thread.start()
        assert not done.wait(0.5)  # waiting for the first to commit
        first.commit()
        thread.join(30)
        assert done.is_set()
        with scratch.cursor() as cursor:
            cursor.execute(f"SELECT term, n FROM {table}_df")
            assert dict(cursor.fetchall()) == {"科技": 4, "创新": 1, "政策": 1}
            cursor.execute(f"SELECT term, df FROM {table}_term WHERE term NOT LIKE ' %%'")
            assert cursor.fetchall() == [("科技", 4.0)]
            cursor.execute(f"SELECT provision_id FROM {table}_impact WHERE term = '科技'")
            assert sorted(r[0] for r in cursor.fetchall()) == [1, 2, 3, 4]
    finally:
        first.close()
        second.close()
        schema.drop(scratch, table)
        setup.close()
