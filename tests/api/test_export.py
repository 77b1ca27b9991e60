"""?format=csv / ?format=json: the whole filtered list as a download."""

import csv
import io

import pytest

from targets.models import Target


def test_csv_export_is_the_whole_filtered_list_with_bom(client, corpus):
    response = client.get("/api/v1/targets/?format=csv&year__gte=2015")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="policybase_target.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Not one page of 50: every matching row.
    assert len(rows) == Target.objects.visible().filter(year__gte=2015).count() > 50
    rd = [r for r in rows if r["indicator"] == "rd_gdp_ratio"]
    assert {r["year"] for r in rd} == {"2015", "2017", "2025"}
    assert any("研发" in r["source_text"] or "R&D" in r["source_text"] for r in rd)


def test_json_export_is_a_download_of_every_row(client, corpus):
    response = client.get(
        "/api/v1/provisions/?format=json&document=st-development-plan-14th-fyp"
    )
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="policybase_provision.json"'
    )
    rows = response.json()
    assert isinstance(rows, list) and len(rows) > 50


def test_csv_cells_hold_lists_as_json(client, corpus):
    response = client.get("/api/v1/measures/?format=csv&page_size=5")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any(r["instrument_types"].startswith('["') for r in rows)


@pytest.mark.parametrize("url", ["/api/v1/targets/?format=csv&year=abc"])
def test_export_with_a_bad_filter_is_still_a_400(client, corpus, url):
    assert client.get(url).status_code == 400


def test_plain_list_is_paginated_json_without_attachment(client, corpus):
    response = client.get("/api/v1/targets/")
    assert "Content-Disposition" not in response
    assert len(response.json()["results"]) == 50
