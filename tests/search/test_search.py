"""Search behaviour on the bundled corpus: what a result carries, every kind
of query, normalisation, synonyms, filters and facets, and the index
following the data."""

import sqlite3
from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection

from documents.models import Document, Provision
from documents.search import index, ranking, schema
from documents.search.backends import backend_for
from documents.search.backends.postgres import (
    PostgresSearchBackend,
    words_tsvector_text,
)
from documents.search.backends.sqlite import SQLiteSearchBackend
from documents.search.backends.standalone import StandaloneConnection
from documents.search.engine import search
from documents.search.filters import SearchFilter
from documents.search.normalise import normalise
from documents.search.plan import matches, plan_for
from documents.search.query import parse

from .relevance import QUERIES

pytestmark = pytest.mark.usefixtures("corpus")

backfill_grams = import_module("documents.migrations.0005_search_grams").backfill_grams


def texts(result):
    return [normalise(f"{h.provision.heading} {h.provision.text}") for h in result.hits]


def all_ids(raw):
    """The full matches (every concept): the strict semantics of the query."""
    return set(search(raw, facets=False, exact=True).ids)


def scan(substring):
    return {
        p.pk
        for p in Provision.objects.all()
        if substring in normalise(f"{p.heading} {p.text}")
    }


def test_a_result_carries_document_path_snippet_text_and_why():
    hit = search("高企").hits[0]
    data = hit.as_dict()
    assert data["document"] == hit.provision.document.key
    assert " › " in data["path"] or data["path"] == hit.provision.label
    assert "<mark>高新技术企业</mark>" in data["snippet"]
    assert data["text"] == hit.provision.text
    assert {"term": "高企", "matched": "高新技术企业", "synonym": True, "phrase": False} in data["why"]


def test_snippet_escapes_html_and_highlights_the_original_characters(
    db, django_capture_on_commit_callbacks
):
    provision = Provision.objects.get(document__key="cppcc-proposal-201-reply-2022", key="p2.i3")
    provision.heading = ""
    provision.text = "推進<b>科技成果轉化</b>，全角ＡＢＣ。"
    with django_capture_on_commit_callbacks(execute=True):
        provision.save()
    hit = next(h for h in search("科技成果转化 abc").hits if h.provision.pk == provision.pk)
    assert "<mark>科技成果轉化</mark>" in hit.snippet
    assert "<mark>ＡＢＣ</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet and "<b>" not in hit.snippet


def test_words_are_anded_by_default():
    both = all_ids("人才 引进")
    assert both and both == all_ids("人才") & all_ids("引进")


def test_or_and_exclusion():
    assert all_ids("省院合作 OR 省校合作") == all_ids("省院合作") | all_ids("省校合作")
    assert all_ids("技术转移 -人才") == all_ids("技术转移") - all_ids("人才")


def test_exact_phrase_is_a_substring_match():
    phrase = all_ids('"科技成果转移转化示范区"')
    assert phrase == scan("科技成果转移转化示范区")
    assert phrase < all_ids("科技成果转移转化 示范区")


@pytest.mark.parametrize("raw", ["碳", "省", "碳达峰"])
def test_single_characters_and_unknown_words_match_by_substring(raw):
    assert all_ids(raw) == scan(raw)


@pytest.mark.parametrize("raw", ["技术经", "新型研"])
def test_a_word_and_a_character_are_two_concepts_verbatim_first(raw):
    # Never forced into a phrase: the word and the character are each
    # required, and a provision holding the typed string ranks first.
    verbatim = scan(raw)
    ids = search(raw, facets=False, exact=True).ids
    assert set(ids) >= verbatim and set(ids) > verbatim
    assert ids[0] in verbatim


@pytest.mark.parametrize("raw", ["技术经纪人", "揭榜挂帅", "院士工作站", "科技型中小企业", "成果转移"])
def test_never_fewer_matches_than_a_substring_scan(raw):
    assert all_ids(raw) >= scan(raw)


@pytest.mark.parametrize(
    "variant, plain",
    [
        ("科技成果轉化", "科技成果转化"),
        ("２０２５年", "2025年"),
        ("Ｒ＆Ｄ", "R&D"),
        ("r&d", "R&D"),
        ("技術經紀人", "技术经纪人"),
    ],
)
def test_normalisation_of_the_query(variant, plain):
    assert all_ids(variant) == all_ids(plain) != set()


def test_the_index_normalises_the_text(db, django_capture_on_commit_callbacks):
    provision = Provision.objects.get(document__key="cppcc-proposal-201-reply-2022", key="p2.i3")
    provision.text = "試點推進職務科技成果賦權改革，ＡＢＣ２０２５。"
    with django_capture_on_commit_callbacks(execute=True):
        provision.save()
    assert provision.pk in all_ids("职务科技成果赋权")
    assert provision.pk in all_ids("abc2025")


@pytest.mark.parametrize(
    "abbreviation, full",
    [("高企", "高新技术企业"), ("双创", "创新创业"), ("R&D", "研究与试验发展"), ("成果转化", "科技成果转移转化")],
)
def test_synonyms(abbreviation, full):
    assert all_ids(abbreviation) >= all_ids(full)
    reasons = [r for h in search(abbreviation).hits for r in h.reasons]
    assert any(r["synonym"] for r in reasons)


def test_facet_counts_match_the_database():
    result = search("科技成果转化")
    matched = Provision.objects.filter(pk__in=result.ids)
    for value in result.facets["document"]["values"]:
        assert value["count"] == matched.filter(document__key=value["value"]).count()
    for value in result.facets["theme"]["values"]:
        assert value["count"] == matched.filter(themes__slug=value["value"]).count()
    for name, path in (("doc_type", "document__doc_type"), ("year", "document__issued_on__year"),
                       ("instrument", "measures__instrument_types__key")):
        for value in result.facets[name]["values"]:
            assert value["count"] == matched.filter(**{path: value["value"]}).distinct().count()
    with_target = matched.filter(targets__isnull=False).distinct().count()
    assert result.facets["has_target"]["values"][0]["count"] == with_target
    with_subsidy = matched.filter(subsidies__isnull=False).distinct().count()
    assert result.facets["has_subsidy"]["values"][0]["count"] == with_subsidy
    assert result.facets["has_subsidy"]["values"][1]["count"] == len(result.ids) - with_subsidy
    assert {f for f in result.facets} == {
        "document", "doc_type", "theme", "year", "instrument", "has_subsidy", "has_target"
    }


@pytest.mark.parametrize(
    "params, check",
    [
        ({"document": "achievement-transfer-plan-2016"}, lambda p: p.document.key == "achievement-transfer-plan-2016"),
        ({"doc_type": "规划"}, lambda p: p.document.doc_type == "规划"),
        ({"year": "2016"}, lambda p: p.document.year == 2016),
        ({"has_subsidy": "true"}, lambda p: p.subsidies.exists()),
        ({"has_target": "true"}, lambda p: p.targets.exists()),
        ({"has_target": "false"}, lambda p: not p.targets.exists()),
    ],
)
def test_filters_narrow_to_matching_provisions(params, check):
    unfiltered = all_ids("科技")
    filterset = SearchFilter(params, queryset=Provision.objects.all())
    assert filterset.is_valid()
    result = search("科技", filterset=filterset, page_size=100)
    assert result.ids and set(result.ids) < unfiltered
    expected = {pk for pk in unfiltered if check(Provision.objects.get(pk=pk))}
    assert set(result.ids) == expected


def test_theme_and_instrument_filters_follow_the_facets():
    result = search("科技成果转化")
    for name in ("theme", "instrument"):
        top = result.facets[name]["values"][0]
        filterset = SearchFilter({name: top["value"]}, queryset=Provision.objects.all())
        assert filterset.is_valid(), filterset.errors
        assert len(search("科技成果转化", filterset=filterset, facets=False).ids) == top["count"]


def test_site_and_api_show_the_same_results(client):
    page = client.get("/search/", {"q": "技术经纪人"}).content.decode()
    api = client.get("/api/v1/search/", {"q": "技术经纪人"}).json()
    assert api["count"] == 5
    for result in api["results"]:
        assert result["url"] in page
    assert "<mark>技术经纪人</mark>" in page
    assert "匹配：" in page


def test_pages_do_not_overlap(client):
    first = client.get("/api/v1/search/", {"q": "科技", "page_size": 20}).json()
    second = client.get("/api/v1/search/", {"q": "科技", "page_size": 20, "page": 2}).json()
    assert first["count"] == second["count"] > 40
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


# --------------------------------------------------------------------------
# The index follows the data


def test_admin_style_edit_updates_the_index(db, django_capture_on_commit_callbacks):
    """A save outside ingest is indexed when its transaction commits."""
    provision = Provision.objects.get(document__key="market-oriented-innovation-opinions", key="p6.n20")
    assert provision.pk in all_ids("技术经纪人")
    provision.text = "培育一支活跃、稳定的量子计算服务队伍。"
    provision.heading = ""
    with django_capture_on_commit_callbacks(execute=True):
        provision.save()
    assert provision.pk not in all_ids("技术经纪人")
    assert provision.pk in all_ids("量子计算")
    provision.refresh_from_db()
    assert "量子" in provision.search_text


def test_deleting_removes_from_the_index(db):
    provision = Provision.objects.get(document__key="market-oriented-innovation-opinions", key="p6.n20")
    provision.delete()
    assert provision.pk not in all_ids("技术经纪人")
    document = Document.objects.get(key="achievement-transfer-plan-2016")
    in_document = set(document.provisions.values_list("pk", flat=True))
    assert all_ids("舟桥机制") & in_document
    document.delete()
    assert all_ids("舟桥机制") and not all_ids("舟桥机制") & in_document


def test_rebuild_command_restores_the_same_results(db):
    before = {item["query"]: all_ids(item["query"]) for item in QUERIES}
    backend_for(connection).rebuilder.clear()
    assert not all_ids("技术经纪人")
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert {item["query"]: all_ids(item["query"]) for item in QUERIES} == before


def test_reingest_keeps_the_index_current(db, tmp_path):
    source = tmp_path / "notice.txt"
    source.write_text("关于开展量子信息试点的通知\n一、支持建设量子信息创新平台。\n", encoding="utf-8")
    call_command("ingest", str(source), verbosity=0)
    assert len(all_ids("量子信息")) >= 1
    source.write_text("关于开展量子信息试点的通知\n一、支持建设光子芯片创新平台。\n", encoding="utf-8")
    call_command("ingest", str(source), verbosity=0)
    found = {Provision.objects.get(pk=pk).text for pk in all_ids("光子芯片")}
    assert any("光子芯片" in t for t in found)
    assert not any("量子信息创新平台" in t for t in found)


# --------------------------------------------------------------------------
# The two backends


def _sqlite_copy():
    """The same provisions indexed in an in-memory SQLite FTS5."""
    sqlite = SQLiteSearchBackend(StandaloneConnection(sqlite3.connect(":memory:"), "sqlite"))
    schema.create(sqlite.connection)
    rows = [index.row_for(p) for p in Provision.objects.order_by("pk")]
    sqlite.rebuilder.bulk_load(lambda _pass: [rows])
    return sqlite


CROSS_QUERIES = [item["query"] for item in QUERIES] + [
    "科技", "人才 OR 院士 -引进", "R&D", '"专精特新"', "2025", "科技 创新 -人才", "企业 OR 高校",
]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.parametrize("frequent_df", [ranking.FREQUENT_DF, 20])
def test_postgresql_and_sqlite_return_the_same_result_sets(monkeypatch, frequent_df):
    """Index the same provisions in an in-memory SQLite FTS5 and compare every
    query's full match set with PostgreSQL's — with the shipped thresholds
    (exact) and with thresholds low enough that the impact lists answer."""
    monkeypatch.setattr(ranking, "FREQUENT_DF", frequent_df)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", min(ranking.IMPACT_DEPTH, frequent_df))
    index.rebuild()
    sqlite = _sqlite_copy()
    postgres = backend_for(connection)
    for raw in CROSS_QUERIES:
        plan = plan_for(parse(raw))
        pg = postgres.candidates(plan, limit=100_000)
        lite = sqlite.candidates(plan, limit=100_000)
        if plan.grams and lite.bounded:
            # A wide gram group is cut at the first matches found, in no
            # defined order; the sets it is cut from are the same.
            assert pg.bounded and len(pg.ids) == len(lite.ids), raw
            pg = postgres.candidates(plan, limit=100_000, exhaustive=True)
            lite = sqlite.candidates(plan, limit=100_000, exhaustive=True)
        assert set(pg.ids) == set(lite.ids), raw
        assert pg.ids, raw


def test_impact_lists_answer_frequent_words(db, monkeypatch):
    """With a low threshold, 科技 (in most provisions) is answered from its
    impact list: bounded, every hit holds the word, the best-weighted first."""
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", 15)
    index.rebuild()
    result = search("科技", facets=False, page_size=15)
    assert result.total_is_lower_bound
    assert 0 < result.total <= 15
    everything = {
        p.pk: p.search_text.split() for p in Provision.objects.all() if "科技" in p.search_text.split()
    }
    assert set(result.ids) <= set(everything)
    both = search("科技 创新", facets=False, page_size=100, exact=True)
    assert both.ids and all(
        {"科技", "创新"} <= set(everything.get(pk, [])) for pk in both.ids
    )
    # A rare word still finds every match exactly.
    assert not search("技术经纪人", facets=False).total_is_lower_bound
    assert len(search("技术经纪人", facets=False).ids) == 5


def test_the_term_table_copy_follows_a_rebuild_elsewhere(db, monkeypatch):
    """Each process keeps a copy of the term table; a rebuild by another
    process (here: one this copy is not told about) is seen at the next
    query, whichever way the frequencies moved."""
    backend = backend_for(connection)
    plan = plan_for(parse("科技"))
    everything = {p.pk for p in Provision.objects.all() if "科技" in p.search_text.split()}
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", 15)
    index.rebuild()
    listed = backend.candidates(plan)
    assert listed.bounded and len(listed.ids) == 15
    assert "科技" in backend.frequencies()
    monkeypatch.setattr(ranking, "FREQUENT_DF", 300)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", 300)
    index.rebuild()  # the copy above still says 科技 has an impact list
    exact = backend.candidates(plan)
    assert not exact.bounded and set(exact.ids) == everything
    assert "科技" not in backend.frequencies()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_rebuild_outside_a_transaction_vacuums_the_postgresql_index(corpus):
    """After the load, VACUUM marks the pages all-visible (what lets impact
    lists be read by index-only scans).  VACUUM cannot run in the test's
    transaction, so this loads a scratch index over a connection of its own."""
    import psycopg2

    settings = connection.settings_dict
    raw = psycopg2.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"],
        port=settings["PORT"] or 5432, password=settings["PASSWORD"] or None,
    )
    raw.autocommit = True
    scratch = PostgresSearchBackend(StandaloneConnection(raw, "postgresql"), "vacuum_probe")
    try:
        schema.create(scratch.connection, "vacuum_probe")
        rows = [index.row_for(p) for p in Provision.objects.order_by("pk")]
        scratch.rebuilder.bulk_load(lambda _pass: [rows])

        def all_visible():
            with raw.cursor() as cursor:
                cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = 'vacuum_probe'")
                return cursor.fetchone()[0]

        assert all_visible() == 0
        scratch.rebuilder.vacuum()
        assert all_visible() > 0
    finally:
        schema.drop(scratch.connection, "vacuum_probe")
        raw.close()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_query_can_use_the_gin_index():
    plan = plan_for(parse("技术经纪人"))
    where, params, _score, _ = backend_for(connection).compiler.match_sql(plan)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT provision_id FROM documents_search_index WHERE {where}", params)
        plan_text = "\n".join(row[0] for row in cursor.fetchall())
    assert "documents_search_index_words" in plan_text


# --------------------------------------------------------------------------
# The gram index (single characters and unknown words)


@pytest.mark.parametrize(
    "raw", ["碳", "碳达峰", "碳 科技", "碳达峰 -人才", "绿色低碳 OR 碳达峰", "新型研 OR 碳达峰"]
)
def test_unknown_words_are_narrowed_by_the_gram_index(raw, monkeypatch):
    """Queries with a group the word index cannot answer take their
    candidates from the gram index — no full scan, and no impact list when a
    word is frequent (the low threshold makes 科技 frequent here) — and find
    exactly what the scan finds; a wide gram group is cut at IMPACT_DEPTH."""
    monkeypatch.setattr(ranking, "FREQUENT_DF", 20)
    monkeypatch.setattr(ranking, "IMPACT_DEPTH", 15)
    index.rebuild()
    plan = plan_for(parse(raw))
    assert plan.grams, raw
    backend = backend_for(connection)
    expected = {
        p.pk
        for p in Provision.objects.all()
        if matches(plan, p.search_text, normalise(f"{p.heading} {p.text}"))
    }
    everything = backend.candidates(plan, limit=100_000, exhaustive=True)
    assert set(everything.ids) == expected and expected, raw
    assert backend.route(plan).kind == "grams", f"{raw} does not use the gram index"
    shown = backend.candidates(plan)
    assert shown.bounded == (len(expected) >= 15)
    assert set(shown.ids) <= expected
    assert len(shown.ids) == min(len(expected), 15)


@pytest.mark.parametrize("raw", ['"技术经"', '"科技成果转化"', "科技"])
def test_groups_with_index_words_are_narrowed_by_their_words(raw):
    assert not plan_for(parse(raw)).grams


def test_gram_index_follows_edits_and_deletions(db, django_capture_on_commit_callbacks):
    provision = Provision.objects.get(document__key="market-oriented-innovation-opinions", key="p6.n20")
    assert provision.pk not in all_ids("氨燃料")
    provision.text = "支持氨燃料电池示范应用。"
    with django_capture_on_commit_callbacks(execute=True):
        provision.save()
    assert all_ids("氨燃料") == {provision.pk}
    provision.text = "支持储能示范应用。"
    with django_capture_on_commit_callbacks(execute=True):
        provision.save()
    assert not all_ids("氨燃料")
    assert provision.pk in all_ids("储能")
    carbon = all_ids("碳达峰")
    assert carbon
    Provision.objects.filter(pk__in=carbon).delete()
    assert not all_ids("碳达峰")


def test_backfill_gives_an_old_index_its_grams(db):
    """An index built before the gram index existed gets its grams from the
    migration's backfill, with the same results afterwards."""
    before = {raw: all_ids(raw) for raw in ("碳", "碳达峰", "新型研")}
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"INSERT INTO {backend.tables.grams} ({backend.tables.grams}) VALUES ('delete-all')"
            )
        else:
            cursor.execute(f"DELETE FROM {backend.tables.grams}")
    assert not all_ids("碳达峰")
    assert backfill_grams(connection) == Provision.objects.count()
    assert {raw: all_ids(raw) for raw in ("碳", "碳达峰", "新型研")} == before


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_copied_tsvectors_equal_to_tsvector():
    """The index is loaded with COPY and tsvectors written in Python; they
    must be exactly what PostgreSQL's to_tsvector('simple', …) makes of the
    same words, for every provision and for awkward words."""
    samples = [p.search_text for p in Provision.objects.all()] + [
        # (Characters PostgreSQL's parser skips, such as ①, never reach the
        # words: the normaliser folds them first, ① → 1.)
        "5g 2025 r d 科技 科技 1e5 0x1f abc123def 第一 一 ⅱ",
        " ".join(["科技"] * 300),
        "科技 " + "a " * 16390 + "创新",
    ]
    with connection.cursor() as cursor:
        for words in samples:
            cursor.execute(
                "SELECT to_tsvector('simple', %s) = %s::tsvector",
                [words, words_tsvector_text(words)],
            )
            assert cursor.fetchone()[0], words
