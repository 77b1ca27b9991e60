"""No export lets a spreadsheet run a cell as a formula (OWASP "CSV
injection"): the API's and the site's ``?format=csv``, the admin's export and
the open-data release all write through ``documents.apikit.spreadsheets``.

Formulas reach the data three ways, each tried here: the text of an ingested
document, a curation through the API, and a row of the admin's import.
"""

import csv
import io
import json

import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from documents import admin_files
from documents.apikit.spreadsheets import neutralise, restore
from documents.models import Document
from measures.models import Subsidy
from policybase import release
from targets.admin import TargetResource
from targets.models import Target

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A document whose provisions begin with formulas; after normalisation the
# brackets are full-width, the leading characters stay.
HOSTILE_SOURCE = """吉林省科技创新若干措施

一、总体目标
=HYPERLINK("http://evil.example","点击")到2025年，全省研究与试验发展经费投入强度达到2.5%。
@SUM(1+1)对新认定的高新技术企业给予最高50万元奖励。
二、保障措施
-1+2 到2020年，培养500名专业化技术转移人才。
"""

CURATED_FORMULA = "=cmd|' /C calc'!A0"
IMPORTED_FORMULA = "+HYPERLINK(\"http://evil.example\")"


@pytest.mark.parametrize(
    "text, cell",
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("'plain", "''plain"),
        # Numbers as a whole are numbers in a spreadsheet, never formulas.
        ("-3.5", "-3.5"),
        ("+2", "+2"),
        ("-1e3", "-1e3"),
        ("-.5", "-.5"),
        ("研发投入=2.5%", "研发投入=2.5%"),
        ("", ""),
    ],
)
def test_a_cell_is_neutralised_and_restored(text, cell):
    assert neutralise(text) == cell
    assert restore(cell) == text


@pytest.mark.parametrize("file_format", [admin_files.CSV, admin_files.TSV])
def test_the_admin_text_formats_write_guarded_cells_and_read_them_back(file_format):
    cells = ["=1+1", "-3.5", "'x", "@A1", "普通，文本", "\t=2"]
    dataset = tablib.Dataset(cells, headers=["a", "b", "c", "d", "e", "f"])
    text = file_format().export_data(dataset)
    assert text.startswith("\ufeff") and "'=1+1" in text and "''x" in text
    back = file_format(encoding="utf-8-sig").create_dataset(text.encode("utf-8"))
    assert back.headers == ["a", "b", "c", "d", "e", "f"]
    assert list(back[0]) == cells


def rows_of(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def assert_no_formula(rows):
    """Every cell of every row is text, a number, or empty."""
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only a plain number may start so


@pytest.fixture
def hostile(db, tmp_path):
    """The hostile document ingested, with a formula curated through the API
    and another imported through the admin."""
    path = tmp_path / "formula-test.txt"
    path.write_text(HOSTILE_SOURCE, encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    document = Document.objects.get(key="formula-test")
    targets = Target.objects.filter(document=document).order_by("start")
    assert [t.source_text[0] for t in targets] == ["=", "-"]
    assert Subsidy.objects.get(document=document).source_text.startswith("@")

    call_command("setup_groups", stdout=io.StringIO())
    curator = User.objects.create_user("curator-x", is_staff=True)
    curator.groups.add(*User.groups.field.related_model.objects.filter(name="curator"))
    api = APIClient()
    api.force_authenticate(curator)
    first, second = targets
    response = api.post(
        f"/api/v1/targets/{first.pk}/curate/",
        {"action": "correct", "changes": {"indicator_phrase": CURATED_FORMULA}},
        format="json",
    )
    assert response.status_code == 200, response.content

    dataset = TargetResource().export(queryset=Target.objects.filter(pk=second.pk))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row["indicator_phrase"] = IMPORTED_FORMULA
    edited = tablib.Dataset(headers=dataset.headers)
    edited.append([row[h] for h in dataset.headers])
    result = TargetResource().import_data(edited, dry_run=False, user=curator)
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(Target.objects.filter(document=document).values_list(
        "indicator_phrase", flat=True)) == {CURATED_FORMULA, IMPORTED_FORMULA}
    return {"document": document, "curator": curator}


def test_api_csv_neutralises_formulas(client, hostile):
    for resource in ("targets", "subsidies", "provisions"):
        response = client.get(f"/api/v1/{resource}/?format=csv&document=formula-test")
        assert response.status_code == 200
        rows = rows_of(response.content)
        assert_no_formula(rows)
    targets = rows_of(
        client.get("/api/v1/targets/?format=csv&document=formula-test").content
    )
    cells = {cell for row in targets for cell in row}
    assert "'" + CURATED_FORMULA in cells and "'" + IMPORTED_FORMULA in cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    # JSON keeps the text as it is: only spreadsheets need the quote.
    data = client.get("/api/v1/targets/?document=formula-test").json()["results"]
    assert CURATED_FORMULA in {t["indicator_phrase"] for t in data}


def test_site_csv_neutralises_formulas(client, hostile):
    for page in ("targets", "subsidies", "measures"):
        response = client.get(f"/{page}/?format=csv&document=formula-test")
        assert response.status_code == 200
        assert_no_formula(rows_of(response.content))
    rows = rows_of(client.get("/targets/?format=csv&document=formula-test").content)
    cells = {cell for row in rows for cell in row}
    assert {"'" + CURATED_FORMULA, "'" + IMPORTED_FORMULA} <= cells


def admin_export(client, fields):
    formats = [f().get_title() for f in admin.site._registry[Target].get_export_formats()]
    assert "html" not in formats
    return client.post(
        reverse("admin:targets_target_export"),
        {
            "format": formats.index("csv"),
            "resource": "0",
            **{f"targetresource_{name}": "on" for name in fields},
        },
    )


def test_admin_export_neutralises_formulas_and_its_import_reads_them_back(hostile):
    client = APIClient()
    client.force_login(hostile["curator"])
    fields = ("id", "document", "source_text", "indicator_phrase", "value")
    response = admin_export(client, fields)
    assert response.status_code == 200
    rows = rows_of(response.content)
    assert_no_formula(rows)
    cells = {cell for row in rows for cell in row}
    assert {"'" + CURATED_FORMULA, "'" + IMPORTED_FORMULA} <= cells

    # The exported file imported unchanged changes nothing: the quote is
    # taken off again, so no cell differs from the stored value.
    formats = [f().get_title() for f in admin.site._registry[Target].get_import_formats()]
    document_rows = [rows[0]] + [r for r in rows[1:] if r[1] == "formula-test"]
    again = io.StringIO()
    csv.writer(again).writerows(document_rows)
    preview = client.post(
        reverse("admin:targets_target_import"),
        {
            "format": formats.index("csv"),
            "resource": "0",
            "import_file": SimpleUploadedFile(
                "targets.csv", ("\ufeff" + again.getvalue()).encode("utf-8")
            ),
        },
    )
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {r.import_type for r in result.rows} == {"skip"}


def test_release_csv_neutralises_formulas_and_jsonl_keeps_them(hostile, tmp_path):
    release.export(tmp_path)
    for name in ("targets", "subsidies", "provisions"):
        assert_no_formula(rows_of((tmp_path / f"{name}.csv").read_bytes()))
    cells = {c for row in rows_of((tmp_path / "targets.csv").read_bytes()) for c in row}
    assert "'" + CURATED_FORMULA in cells
    phrases = {
        json.loads(line)["indicator_phrase"]
        for line in (tmp_path / "targets.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert CURATED_FORMULA in phrases
