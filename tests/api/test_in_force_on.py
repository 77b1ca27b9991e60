"""``in_force_on=YYYY-MM-DD`` on every list, the API and the site alike, and on
search; the validity fields the API serves.

On 2018-01-01 only 001 (the 十三五 plan, 2016-10-31 to 2020-12-31) of the
five bundled documents is in force: 002 and 004 were not yet in force, 003
(to 2015) had expired, and 000 — whose period is only inferred (2013-11 to
2020) — is set here to what a text without any date or deadline would get,
unknown, which no ``in_force_on`` includes.
"""

import re

import pytest
from django.utils import timezone

from documents.models import CrossReference, Document, Provision
from measures.models import Measure, Subsidy
from targets.models import Figure, Target

pytestmark = pytest.mark.usefixtures("corpus", "undated")


@pytest.fixture
def undated(corpus):
    Document.objects.filter(key="market-oriented-innovation-opinions").update(
        valid_from=None, valid_until=None, validity_basis="unknown")

DAY = "2018-01-01"
IN_FORCE = "achievement-transfer-plan-2016"
PARTS = {
    "provisions": Provision.objects,
    "measures": Measure.objects,
    "subsidies": Subsidy.objects.visible(),
    "targets": Target.objects.visible(),
    "figures": Figure.objects.visible(),
    "cross-references": CrossReference.objects,
}


def text_of(page):
    return re.sub(r"<[^>]+>", "", page)


def rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_documents_in_force_on_a_day(client):
    keys = [r["key"] for r in rows(client, f"/api/v1/documents/?in_force_on={DAY}")]
    assert keys == [IN_FORCE]
    keys = {r["key"] for r in rows(client, "/api/v1/documents/?in_force_on=2023-06-30")}
    assert keys == {"cppcc-proposal-201-reply-2022", "st-development-plan-14th-fyp"}


@pytest.mark.parametrize("resource", sorted(PARTS))
def test_every_list_of_document_parts_filters_by_its_documents_validity(client, resource):
    found = rows(client, f"/api/v1/{resource}/?in_force_on={DAY}&page_size=200")
    expected = PARTS[resource].filter(document__key=IN_FORCE).count()
    assert len(found) == min(expected, 200) > 0
    assert {r["document"] for r in found} == {IN_FORCE}
    if resource != "cross-references":
        assert {(r["document_valid_from"], r["document_valid_until"]) for r in found} == {
            ("2016-10-31", "2020-12-31")
        }


def test_a_day_that_is_not_a_date_is_a_400_naming_it(client):
    response = client.get("/api/v1/subsidies/?in_force_on=2018-13-01")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["in_force_on"]


def test_a_document_carries_its_validity(client):
    body = client.get(f"/api/v1/documents/{IN_FORCE}/").json()
    document = Document.objects.get(key=IN_FORCE)
    assert {
        k: body[k] for k in ("valid_from", "valid_until", "validity_basis", "replaced_by")
    } == {
        "valid_from": "2016-10-31", "valid_until": "2020-12-31",
        "validity_basis": "plan_period", "replaced_by": None,
    }
    assert body["validity_status"] == document.status_on(timezone.localdate())
    assert body["validity_source_text"] == document.text[
        body["validity_start"] : body["validity_end"]
    ]
    assert [e["rule"] for e in body["validity_evidence"]] == ["plan_period", "issued_date"]
    by_basis = rows(client, "/api/v1/documents/?validity_basis=plan_period")
    assert len(by_basis) == 3


def test_the_schema_documents_the_filter_and_the_fields(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in ("/api/v1/documents/", "/api/v1/subsidies/", "/api/v1/search/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert "in_force_on" in names, path
    document = schema["components"]["schemas"]["Document"]["properties"]
    assert "in_force" in str(document["validity_status"])
    assert "document_valid_until" in schema["components"]["schemas"]["Subsidy"]["properties"]


def test_search_api_keeps_to_documents_in_force(client):
    everything = client.get("/api/v1/search/?q=科技成果转化&page_size=100").json()
    assert len({hit["document"] for hit in everything["results"]}) > 1
    body = client.get(f"/api/v1/search/?q=科技成果转化&in_force_on={DAY}&page_size=100").json()
    assert body["count"] > 0 and not body["filter_errors"]
    assert {hit["document"] for hit in body["results"]} == {IN_FORCE}
    hit = body["results"][0]
    assert hit["document_status"] == Document.objects.get(key=IN_FORCE).validity_status
    assert (hit["document_valid_from"], hit["document_valid_until"]) == (
        "2016-10-31", "2020-12-31"
    )
    wrong = client.get("/api/v1/search/?q=科技&in_force_on=someday").json()
    assert list(wrong["filter_errors"]) == ["in_force_on"]


def test_search_page_keeps_to_documents_in_force(client):
    page = client.get(f"/search/?q=科技成果转化&in_force_on={DAY}").content.decode()
    assert f'name="in_force_on" value="{DAY}"' in page
    titles = set(Document.objects.exclude(key=IN_FORCE).values_list("title", flat=True))
    shown = [t for t in titles if t and f">{t}</a>" in page]
    assert shown == []
    assert ">吉林省促进科技成果转移转化实施方案</a>" in page
    assert 'class="validity validity-' in page


@pytest.mark.parametrize("path", ["/subsidies/", "/measures/", "/targets/", "/figures/"])
def test_site_lists_filter_and_show_the_badge(client, path):
    page = client.get(f"{path}?in_force_on={DAY}").content.decode()
    assert 'type="date" name="in_force_on"' in page
    others = Document.objects.exclude(key=IN_FORCE).values_list("key", flat=True)
    assert not any(f'href="/documents/{key}/"' in page for key in others)
    assert f'href="/documents/{IN_FORCE}/"' in page
    assert 'class="validity validity-' in page


def test_document_page_shows_the_period_and_where_it_is_printed(client):
    page = client.get(f"/documents/{IN_FORCE}/").content.decode()
    assert "2016年10月31日至2020年12月31日" in text_of(page)
    assert '<time datetime="2020-12-31">2020年12月31日</time>' in page
    assert "规划期" in page and "“十三五”期间" in page
    document = Document.objects.get(key=IN_FORCE)
    at = (
        Provision.objects.in_document(document)
        .holding(document.validity_start, document.validity_end)
        .first()
    )
    assert f"?at={at.key}#{at.key}" in page


def test_provision_page_shows_the_badge(client):
    provision = Provision.objects.filter(document__key="st-development-plan-14th-fyp").last()
    page = client.get(provision.get_absolute_url()).content.decode()
    assert "2021年1月1日至2025年12月31日" in text_of(page)
    assert 'class="validity validity-' in page
