"""A long document's reader: what one page loads, and how it is paged.

The document is a regulation written for the test (chapters of articles,
every fifth one a subsidy rule, others targets, figures and citations), as
``bench/pages.py`` writes one of 10,000 articles to time.  Issue 17: the page
of a 6,001-provision document took 11.5 s and 5.5 GB, because the subsidies'
query joined every foreign key and so read the document's full texts twice
per subsidy.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import reader
from documents.models import Provision
from measures.models import Subsidy

from ..synthetic import regulation

pytestmark = pytest.mark.django_db

KEY = "long-regulation"
PER_CHAPTER = 20
TITLE = "吉林省科技创新促进条例（测试）"


@pytest.fixture
def long_document(db, tmp_path):
    def make(articles):
        path = tmp_path / f"{KEY}.txt"
        path.write_text(regulation(articles, PER_CHAPTER, TITLE), encoding="utf-8")
        call_command("ingest", str(path), verbosity=0, stdout=open("/dev/null", "w"))
        return f"/documents/{KEY}/"

    return make


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(reader, "PROVISIONS_PER_PAGE", 25)
    return 25


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def document_text_columns(sql):
    """The Document text columns a query reads, under any table alias
    (a second join of documents_document is aliased T3, T5 …)."""
    return re.findall(r'"(?:documents_document|T\d+)"\."(?:text|raw_text|metadata_notes)"', sql)


def test_page_reads_no_document_text_and_each_provision_text_once(long_document, client):
    url = long_document(60)
    assert Subsidy.objects.filter(document__key=KEY).count() >= 10
    response, sql = queries_of(client, url)
    assert [q for q in sql if document_text_columns(q)] == []
    # The provisions' texts are read by one query, the one that lists them.
    assert len([q for q in sql if '"documents_provision"."text"' in q]) == 1
    # The facts' sentences (source_text) are not shown in the reader.
    assert [q for q in sql if '"source_text"' in q] == []
    html = response.content.decode()
    assert "新认定的高新技术企业" in html and "fact fact-subsidy" in html


def test_query_count_does_not_grow_with_the_document(long_document, client, small_pages):
    url = long_document(120)
    counts = {page: len(queries_of(client, f"{url}?page={page}")[1]) for page in (1, 3, 5)}
    # document, outline, provisions, 3 kinds of fact, cross-references,
    # themes and their links, and the provision holding the sentence its
    # period was read from ("到2025年"): the same on every page.
    assert set(counts.values()) == {10}, counts


def test_a_long_document_is_read_a_page_at_a_time(long_document, client, small_pages):
    url = long_document(120)  # 120 articles + 6 chapters + the title
    total = Provision.objects.filter(document__key=KEY).count()
    pages = -(-total // small_pages)
    first = client.get(url).content.decode()
    assert first.count('<section id="') == small_pages
    assert f"第 1 / {pages} 页（共 {total} 个条款）" in first
    assert 'href="?page=2" rel="next"' in first
    # The contents name every chapter (each linked to its page) and the
    # articles of this page only.
    chapters = Provision.objects.filter(document__key=KEY, kind="chapter").order_by("position")
    for chapter in chapters:
        assert f'#{chapter.key}"' in first
    last = Provision.objects.filter(document__key=KEY).order_by("position").last()
    assert f'id="{last.key}"' not in first
    assert f'#{last.key}"' not in first

    page = client.get(f"{url}?page={pages}").content.decode()
    assert f'id="{last.key}"' in page
    assert 'rel="prev"' in page and 'rel="next"' not in page
    # A page that starts inside a chapter says which one.
    assert "接上页：第六章" in page

    # A bad page number reads as the nearest page, never an error.
    assert client.get(f"{url}?page=abc").status_code == 200
    assert f'id="{last.key}"' in client.get(f"{url}?page=999").content.decode()


def test_a_provision_links_to_the_page_that_holds_it(long_document, client, small_pages):
    url = long_document(120)
    provision = Provision.objects.filter(document__key=KEY, kind="article").order_by(
        "position"
    )[100]
    page = client.get(provision.get_absolute_url()).content.decode()
    link = f"{url}?at={provision.key}#{provision.key}"
    assert f'href="{link}"' in page
    reader_page = client.get(link).content.decode()
    assert f'id="{provision.key}"' in reader_page
    assert "第 1 /" not in reader_page
