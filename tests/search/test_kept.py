"""What searches keep for a data version (documents/search/shared.py): the
documents, the ancestors of the provisions shown, the badges and the facet
table (documents/search/facet_table.py) give what reading afresh gives,
and a write, committed or pending, is never answered from what was kept
before it."""

import random
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, Provision
from documents.search import facet_table, facets, rows, shared
from documents.search.engine import search

from .relevance import QUERIES

pytestmark = pytest.mark.usefixtures("corpus")

RAWS = [q["query"] for q in QUERIES][:25] + ["技术经纪人 培训 经费", "科技", "高企"]


@pytest.fixture
def settled(monkeypatch):
    """A data version counts as settled at once: the facet table is made."""
    monkeypatch.setattr(facet_table, "SETTLE_SECONDS", 0.0)


def normalised(counts):
    per_document, held, related = counts
    return (
        dict(per_document),
        list(held),
        {name: sorted(map(tuple, rows)) for name, rows in related.items()},
    )


def test_the_table_counts_what_the_sql_counts():
    table = facet_table.read(connection)
    ids = list(Provision.objects.values_list("pk", flat=True))
    rng = random.Random(17)
    sets = [ids, [], ids[:1], ids[::3], ids[5:40], [*ids[:10], *ids[:10]]]
    sets += [rng.sample(ids, k) for k in (2, 7, 30, 120, 300)]
    for chosen in sets:
        assert normalised(table.counts(chosen)) == normalised(facets.sql_counts(chosen))


def test_an_id_the_table_does_not_hold_goes_to_the_sql():
    table = facet_table.read(connection)
    last = Provision.objects.order_by("-pk").values_list("pk", flat=True)[0]
    assert table.counts([last, last + 1000]) is None
    assert table.counts([-1]) is None


def test_a_deleted_provision_is_not_counted():
    """A provision gone since it was indexed: left out both ways."""
    ids = list(Provision.objects.values_list("pk", flat=True))
    Provision.objects.filter(children__isnull=True).order_by("pk").first().delete()
    left = normalised(facets.sql_counts(ids))
    assert sum(left[0].values()) == len(ids) - 1
    assert normalised(facet_table.read(connection).counts(ids)) == left


@pytest.mark.parametrize("raw", RAWS)
def test_search_with_what_is_kept_is_search_afresh(raw, settled, monkeypatch):
    kept = [search(raw, page_size=20), search(raw, page_size=20, page=2)]
    assert shared.kept(connection).get(facet_table.KEY)  # the table was used
    monkeypatch.setattr(shared, "kept", lambda connection: None)
    afresh = [search(raw, page_size=20), search(raw, page_size=20, page=2)]
    for a, b in zip(kept, afresh, strict=True):
        assert a.facets == b.facets
        assert [h.as_dict() for h in a.hits] == [h.as_dict() for h in b.hits]


def test_the_table_waits_for_the_version_to_settle(monkeypatch):
    monkeypatch.setattr(facet_table, "SETTLE_SECONDS", 3600.0)
    search("科技")
    assert facet_table.KEY not in shared.kept(connection)


def test_the_table_is_not_made_beyond_its_size(settled, monkeypatch):
    monkeypatch.setattr(facet_table, "MAX_PROVISIONS", 10)
    with_sql = search("科技").facets
    assert shared.kept(connection)[facet_table.KEY] is False
    shared.forget()
    monkeypatch.setattr(facet_table, "MAX_PROVISIONS", 10**9)
    assert search("科技").facets == with_sql


def test_a_second_search_reads_no_document_ancestor_or_facet_again(settled):
    search("科技创新", page_size=30)
    with CaptureQueriesContext(connection) as queries:
        search("科技创新", page_size=30)
    statements = [q["sql"] for q in queries]
    assert not any(s.startswith("WITH RECURSIVE up(") for s in statements)  # ancestors
    documents = rows.DOCUMENTS.select(connection).split(" WHERE ")[0]
    assert not any(s.startswith(documents) for s in statements)
    counted = [s.split(" WHERE ")[0] for s in facets._statements(connection.vendor).values()]
    assert not any(s.startswith(c) for s in statements for c in counted)


def test_paths_from_kept_ancestors_are_the_orms():
    expected = {p.pk: p.path_display for p in Provision.objects.all()}
    for raw in ("科技", "创新", "企业", "人才"):
        for hit in search(raw, page_size=100).hits:
            assert hit.provision.path_display == expected[hit.provision.pk]


def test_a_pending_write_is_read_afresh(client, settings, throttles_off):
    """Inside a transaction that has written, nothing kept is used."""
    settings.API_CACHE_SECONDS = 0
    url = "/api/v1/search/?q=" + quote("科技")
    before = client.get(url).json()["results"][0]
    document = Document.objects.get(key=before["document"])
    document.title = "改过的标题"
    document.save()  # not committed: the test's transaction is open
    assert shared.kept(connection) is None
    after = client.get(url).json()
    assert after["results"][0]["document_title"] == "改过的标题"
    assert {"value": document.key, "label": "改过的标题"}.items() <= next(
        v for v in after["facets"]["document"]["values"] if v["value"] == document.key
    ).items()


def test_a_committed_write_drops_what_was_kept(
    client, settings, throttles_off, settled, monkeypatch, django_capture_on_commit_callbacks
):
    settings.API_CACHE_SECONDS = 0
    url = "/search/?q=" + quote("科技")
    client.get(url)
    client.get(url)  # the facet table made
    provision = Provision.objects.filter(themes__isnull=False).first()
    document = provision.document
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "又改过的标题"
        document.save()
        provision.themes.remove(provision.themes.first())
    assert "又改过的标题" in client.get(url).content.decode()
    kept = search("科技").facets
    monkeypatch.setattr(shared, "kept", lambda connection: None)
    assert kept == search("科技").facets


def test_the_contexts_kept_are_those_read_afresh():
    """The partial tier's contexts (its provisions' titles and headings,
    backends/context.py), kept for the data version: what reading them
    afresh gives, and the same ranking with them as without."""
    from documents.search.backends import backend_for
    from documents.search.backends.context import inherited
    from documents.search.query import parse
    from documents.search.tiers import tiered_candidates

    ids = list(Provision.objects.values_list("pk", flat=True))
    values = shared.kept(connection)
    assert inherited(connection, ids, values) == inherited(connection, ids)
    assert set(values["inherited"]) == set(ids)  # those inheriting nothing too
    assert inherited(connection, ids[:7], values) == inherited(connection, ids[:7])
    backend = backend_for(connection)
    relaxed = 0
    for raw in RAWS:
        query = parse(raw)
        for _ in range(2):  # the second time from what was kept
            with_kept = tiered_candidates(backend, query, kept=shared.Once(connection))
            afresh = tiered_candidates(backend, query)
            assert (with_kept.ids, with_kept.scores, with_kept.matched) == (
                afresh.ids, afresh.scores, afresh.matched), raw
        relaxed += len(afresh.ids) > afresh.full
    assert relaxed  # the partial tier was reached


def test_a_committed_write_to_a_heading_drops_the_contexts_kept(
    django_capture_on_commit_callbacks,
):
    from documents.search.backends.context import analysed, inherited

    provision = Provision.objects.filter(
        document__key="st-development-plan-14th-fyp", key__contains=".s").first()
    chapter = Provision.objects.get(document=provision.document, key=provision.key.split(".")[0])
    before = inherited(connection, [provision.pk], shared.kept(connection))[provision.pk]
    with django_capture_on_commit_callbacks(execute=True):
        chapter.heading = "第九章 改过的章标题"
        chapter.save()
    after = inherited(connection, [provision.pk], shared.kept(connection))[provision.pk]
    assert after != before and "改过的章标题" in after[1]
    assert after == inherited(connection, [provision.pk])[provision.pk]
    assert after[1].startswith(analysed(provision.document.title)[1])


def test_a_pending_write_reads_the_contexts_afresh():
    from documents.search.backends.context import inherited

    provision = Provision.objects.filter(
        document__key="st-development-plan-14th-fyp", key__contains=".s").first()
    chapter = Provision.objects.get(document=provision.document, key=provision.key.split(".")[0])
    inherited(connection, [provision.pk], shared.kept(connection))
    chapter.heading = "第九章 未提交的章标题"
    chapter.save()  # not committed: the test's transaction is open
    once = shared.Once(connection)
    assert once() is None and once() is None
    assert "未提交的章标题" in inherited(connection, [provision.pk], once())[provision.pk][1]
