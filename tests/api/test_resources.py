"""The resources, their filters and their errors, as a researcher meets them."""

import pytest

from documents.models import CrossReference, Provision
from measures.models import Subsidy
from targets.models import Target

RESOURCES = [
    "documents",
    "provisions",
    "themes",
    "measures",
    "subsidies",
    "indicators",
    "targets",
    "figures",
    "cross-references",
]


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_pages_and_bounds_page_size(client, corpus, resource):
    body = client.get(f"/api/v1/{resource}/?page_size=2").json()
    assert len(body["results"]) <= 2
    assert body["count"] > 0
    response = client.get(f"/api/v1/{resource}/?page_size=201")
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/v1/targets/?year=abc", "year"),
        ("/api/v1/targets/?year__gte=99999", "year__gte"),
        ("/api/v1/targets/?value__lte=1e999", "value__lte"),
        ("/api/v1/subsidies/?amount_max__gte=fifty", "amount_max__gte"),
        ("/api/v1/subsidies/?kind=bribe", "kind"),
        ("/api/v1/targets/?comparator__in=%3E%3D,%21", "comparator__in"),
        ("/api/v1/documents/?issued_on__gte=2011-13-01", "issued_on__gte"),
        ("/api/v1/provisions/?document=no-such-document", "document"),
        ("/api/v1/measures/?instrument_type=no-such-type", "instrument_type"),
        ("/api/v1/targets/?indicator=no-such-indicator", "indicator"),
        ("/api/v1/provisions/?page=0", "page"),
        ("/api/v1/provisions/?page=x", "page"),
    ],
)
def test_bad_parameter_is_a_400_naming_it(client, corpus, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert "Invalid request parameters" in body["detail"]
    assert "请求参数无效" in body["detail"]
    assert list(body["errors"]) == [parameter]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents/no-such-document/",
        "/api/v1/documents/no-such-document/tree/",
        "/api/v1/provisions/999999999/",
        "/api/v1/provisions/not-a-number/",
        "/api/v1/indicators/no-such-indicator/series/",
        "/api/v1/themes/no.such.theme/",
        "/api/v1/no-such-resource/",
        "/api/v1/provisions/?page=9999",
    ],
)
def test_unknown_id_is_a_json_404(client, corpus, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Not found" in response.json()["detail"]


def test_subsidies_of_at_least_half_a_million_yuan(client, corpus):
    rows = results(client, "/api/v1/subsidies/?amount_max__gte=500000&page_size=200")
    expected = Subsidy.objects.visible().filter(amount_max__gte=500000).count()
    assert len(rows) == expected > 0
    assert all(row["amount_max"] >= 500000 for row in rows)


def test_subsidies_by_beneficiary_text_and_kind_in(client, corpus):
    rows = results(client, "/api/v1/subsidies/?beneficiary=企业&kind__in=grant,award")
    assert rows
    assert all("企业" in row["beneficiary"] for row in rows)
    assert {row["kind"] for row in rows} <= {"grant", "award"}


def test_every_target_for_2020_across_documents(client, corpus):
    rows = results(client, "/api/v1/targets/?year=2020&page_size=200")
    assert len(rows) == Target.objects.visible().filter(year=2020).count()
    assert len({row["document"] for row in rows}) >= 2


def test_numeric_ranges_and_in_lookups(client, corpus):
    rows = results(
        client, "/api/v1/targets/?year__gte=2015&year__lte=2017&page_size=200"
    )
    assert rows and all(2015 <= row["year"] <= 2017 for row in rows)
    rows = results(client, "/api/v1/targets/?year__in=2015,2025&comparator__in=%3E,~")
    assert rows
    assert all(
        row["year"] in (2015, 2025) and row["comparator"] in (">", "~") for row in rows
    )
    rows = results(
        client, "/api/v1/figures/?value__gte=1&value__lte=2&indicator=rd_gdp_ratio"
    )
    assert [row["value"] for row in rows] == [1.3]


def test_documents_by_date_range_and_year(client, corpus):
    rows = results(
        client, "/api/v1/documents/?issued_on__gte=2016-01-01&issued_on__lte=2022-12-31"
    )
    assert {row["key"] for row in rows} == {
        "achievement-transfer-plan-2016",
        "cppcc-proposal-201-reply-2022",
    }
    assert [r["key"] for r in results(client, "/api/v1/documents/?year=2011")] == [
        "innovative-jilin-action-plan-2011"
    ]


def test_provisions_by_document_theme_and_text(client, corpus):
    document = "st-development-plan-14th-fyp"
    rows = results(client, f"/api/v1/provisions/?document={document}&page_size=200")
    assert len(rows) == Provision.objects.filter(document__key=document).count()
    theme = Provision.objects.filter(themes__isnull=False).values_list(
        "themes__slug", flat=True
    )[0]
    rows = results(client, f"/api/v1/provisions/?theme={theme}&page_size=200")
    assert rows and all(theme in row["themes"] for row in rows)
    assert len({row["id"] for row in rows}) == len(rows)  # no duplicates from the join
    rows = results(
        client, "/api/v1/provisions/?text=研发&kind__in=article,item,numbered_section"
    )
    assert rows and all("研发" in row["text"] for row in rows)


def test_measures_by_instrument_type(client, corpus):
    rows = results(client, "/api/v1/measures/")
    instrument = next(r["instrument_types"][0] for r in rows if r["instrument_types"])
    rows = results(
        client, f"/api/v1/measures/?instrument_type={instrument}&page_size=200"
    )
    assert rows and all(instrument in row["instrument_types"] for row in rows)


def test_ordering(client, corpus):
    rows = results(client, "/api/v1/targets/?ordering=-value&page_size=200")
    values = [row["value"] for row in rows]
    assert values == sorted(values, reverse=True)


def test_cross_references_resolved_within_the_knowledge_base(client, corpus):
    rows = results(
        client, "/api/v1/cross-references/?target__isnull=false&page_size=200"
    )
    assert len(rows) == CrossReference.objects.filter(target__isnull=False).count()
    assert all(row["target"] for row in rows)


def test_document_tree_nests_every_provision(client, corpus):
    key = "st-development-plan-14th-fyp"
    body = client.get(f"/api/v1/documents/{key}/tree/").json()
    assert body["document"]["key"] == key

    def walk(nodes, depth):
        for node in nodes:
            assert node["level"] == depth
            yield node
            yield from walk(node["children"], depth + 1)

    nodes = list(walk(body["provisions"], 0))
    assert len(nodes) == Provision.objects.filter(document__key=key).count()
    positions = [node["position"] for node in nodes]
    assert positions == sorted(positions)  # depth-first = document order


def test_schema_describes_every_field_and_parameter(client, corpus):
    schema = client.get("/api/v1/schema/?format=json").json()
    undescribed = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    undescribed.append(f"{method} {path} ?{parameter['name']}")
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if not (spec.get("description") or "$ref" in spec or "allOf" in spec):
                undescribed.append(f"{name}.{field}")
    assert undescribed == []


def test_docs_pages_load_nothing_from_a_cdn(client, corpus):
    for url in ("/api/v1/docs/", "/api/v1/redoc/"):
        page = client.get(url).content.decode()
        assert "/static/drf_spectacular_sidecar/" in page
        assert "https://" not in page and "http://" not in page, url
