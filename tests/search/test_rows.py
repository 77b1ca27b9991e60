"""The search page's rows read by plain SQL (documents/search/rows.py) are
the rows the ORM reads: every column, converted alike, the path up to the
root whatever the depth, the documents without their texts; and a page of
hits reads no row lazily."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, Provision
from documents.querysets import DOCUMENT_TEXT_FIELDS
from documents.search import rows, shared
from documents.search.engine import search

pytestmark = pytest.mark.usefixtures("corpus")


def concrete_values(instance, exclude=()):
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in exclude
    }


def test_provisions_hold_every_column_the_orm_reads():
    ids = list(Provision.objects.values_list("pk", flat=True))
    read = rows.provisions(connection, ids)
    orm = Provision.objects.defer("search_text").in_bulk(ids)
    assert read.keys() == orm.keys()
    for pk, provision in read.items():
        assert concrete_values(provision, ("search_text",)) == concrete_values(
            orm[pk], ("search_text",)
        )
        assert provision.get_deferred_fields() == {"search_text"}


def test_paths_come_whole_without_another_query():
    ids = list(Provision.objects.values_list("pk", flat=True))
    expected = {p.pk: p.path_display for p in Provision.objects.all()}
    read = rows.provisions(connection, ids[:50] + ids[-50:])
    with CaptureQueriesContext(connection) as queries:
        paths = {pk: p.path_display for pk, p in read.items()}
    assert len(queries) == 0
    assert paths == {pk: expected[pk] for pk in paths}


def test_a_path_deeper_than_select_related_reached(django_assert_num_queries):
    """The ORM's page joined five levels of parents; the recursive statement
    has no such bound."""
    document = Document.objects.first()
    parent = None
    for level in range(8):
        parent = Provision.objects.create(
            document=document, parent=parent, key=f"deep-{level}", kind="item",
            label=f"（{level}）", position=100000 + level, depth=level, start=0,
            text_start=0, text_end=0,
        )
    read = rows.provisions(connection, [parent.pk])
    with django_assert_num_queries(0):
        path = read[parent.pk].path_display
    assert path == " › ".join(f"（{level}）" for level in range(8))


def test_documents_as_the_orm_reads_them_without_texts():
    ids = list(Document.objects.values_list("pk", flat=True))
    read = rows.documents(connection, ids)
    orm = Document.objects.without_texts().in_bulk(ids)
    assert read.keys() == orm.keys()
    for pk, document in read.items():
        assert concrete_values(document, DOCUMENT_TEXT_FIELDS) == concrete_values(
            orm[pk], DOCUMENT_TEXT_FIELDS
        )
        assert document.get_deferred_fields() == set(DOCUMENT_TEXT_FIELDS)


def test_missing_ids_are_left_out():
    last = Provision.objects.order_by("-pk").values_list("pk", flat=True)[0]
    assert list(rows.provisions(connection, [last, last + 1000])) == [last]
    assert rows.provisions(connection, []) == {} and rows.documents(connection, []) == {}


@pytest.mark.parametrize("url", ["/api/v1/search/?q=", "/search/?q="])
def test_a_page_of_hits_reads_nothing_lazily(client, settings, throttles_off, url):
    """The statements of a search do not grow with the hits shown: none per
    hit (its document, its path, its badge), whether what a data version
    keeps (documents, ancestors) is read now or was read before."""
    settings.API_CACHE_SECONDS = 0
    client.get(url + quote("科技"))  # this process's first search reads the term table
    for kept_before in (False, True):
        counts = {}
        for size in (1, 20):
            if not kept_before:
                shared.forget()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url + quote("科技") + f"&page_size={size}")
            assert response.status_code == 200
            counts[size] = len(queries)
        assert counts[1] == counts[20], kept_before
    assert len(search("科技", page_size=20).hits) == 20
