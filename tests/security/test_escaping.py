"""Markup in a source text is data: every page shows it escaped, and the
exports are served as downloads or JSON, never as HTML."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from documents.models import Document, Provision
from targets.models import Target

PAYLOAD = "<script>alert('kb')</script>"
IMG = '<img src=x onerror="alert(1)">'

SOURCE = f"""吉林省科学技术厅关于印发《测试方案》的通知
吉科发〔2024〕1号
一、总体目标
到2025年，全省{PAYLOAD}高新技术企业数量达到5000家{IMG}，研发投入强度达到2.5%。
二、支持措施
对新认定的高新技术企业给予最高20万元奖励<b>加粗</b>。
"""


@pytest.fixture
def hostile(db, tmp_path):
    Document.objects.all().delete()
    path = tmp_path / "hostile-markup.txt"
    path.write_text(SOURCE, encoding="utf-8")
    call_command("ingest", str(path), stdout=StringIO())
    document = Document.objects.get()
    provision = Provision.objects.get(document=document, text__contains="<script>")
    return document, provision


def assert_escaped(response, expect_text=True):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert PAYLOAD not in html and "<img src=x" not in html and "<b>加粗" not in html
    if expect_text:
        assert "&lt;script&gt;alert(" in html


def test_site_pages_escape_source_markup(client, hostile):
    document, provision = hostile
    assert_escaped(client.get("/"), expect_text=False)
    assert_escaped(client.get(document.get_absolute_url()))
    assert_escaped(client.get(provision.get_absolute_url()))


def test_admin_pages_escape_source_markup(superuser_client, hostile):
    document, provision = hostile
    target = Target.objects.filter(document=document, source_text__contains="<script>").first()
    pages = [
        reverse("admin:documents_document_change", args=[document.pk]),
        reverse("admin:documents_provision_change", args=[provision.pk]),
        reverse("admin:documents_provision_changelist") + "?q=script",
        reverse("admin:targets_target_change", args=[target.pk]),
        reverse("admin:targets_target_changelist") + "?q=script",
        reverse("admin:targets_target_history", args=[target.pk]),
    ]
    for url in pages:
        assert_escaped(superuser_client.get(url), expect_text="changelist" not in url)
    # the source view marks the number inside the escaped sentence
    html = superuser_client.get(pages[3]).content.decode()
    assert '<mark class="fact-sentence">' in html and "&lt;img src=x" in html


def test_api_serves_markup_as_json_data(client, hostile):
    document, provision = hostile
    response = client.get("/api/v1/provisions/", {"document": document.key},
                          HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert any("<script>" in row["text"] for row in response.json()["results"])
    browsable = client.get("/api/v1/provisions/", {"document": document.key},
                           HTTP_ACCEPT="text/html")
    assert_escaped(browsable)


def test_csv_exports_are_downloads_not_pages(client, superuser_client, hostile):
    document, _ = hostile
    response = superuser_client.post(
        reverse("admin:targets_target_export"),
        {"format": "0", "resource": "0",
         **{f"targetresource_{f}": "on" for f in ("id", "source_text", "value")}},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    api_csv = client.get("/api/v1/provisions/", {"document": document.key, "format": "csv"})
    if api_csv.status_code == 404:
        pytest.skip("the API has no CSV renderer")
    assert not api_csv["Content-Type"].startswith("text/html")
    assert api_csv["X-Content-Type-Options"] == "nosniff"
