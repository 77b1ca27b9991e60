"""Edit history: admin edits, imports and re-ingests are all recorded, and
an old version can be restored (through a curation, like any edit)."""

from decimal import Decimal

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.curation import curate_edit
from documents.models import Curation, Document, Provision, ReviewStatus
from targets.admin import TargetResource
from targets.models import Target
from tests.policybase.test_ingest import ingest

from .test_admin import admin_url, change_form_data

SOURCE = "001_cfe322f93ce14a7f.txt"


@pytest.fixture
def one_document(db, editable_sources):
    """Document 001 ingested alone from a copy that a test may edit."""
    Document.objects.all().delete()
    path = editable_sources / SOURCE
    ingest(path)
    return path


def fact_500():
    return Target.objects.get(indicator_phrase__contains="技术转移人才", raw_value=500)


def test_ingest_records_the_creation_of_every_fact_and_provision(one_document):
    fact = fact_500()
    first = fact.history.earliest("history_date")
    assert first.history_type == "+" and first.history_change_reason == "ingest"
    assert first.history_user is None
    for model in (Target, Provision):
        rows = model.objects.filter(document__key=fact.document.key)
        assert rows.count() == model.history.filter(
            document_id=fact.document_id, history_type="+").values("id").distinct().count()


def test_a_reingest_of_a_changed_source_is_recorded(one_document):
    fact = fact_500()
    provision = fact.provision
    before = fact.history.count(), provision.history.count()
    text = one_document.read_text(encoding="utf-8")
    one_document.write_text(text.replace("培养500名", "培养600名"), encoding="utf-8")
    ingest(one_document)
    latest = fact.history.latest("history_date")
    assert fact.history.count() == before[0] + 1
    assert latest.history_type == "~" and latest.value == Decimal("600")
    assert provision.history.count() == before[1] + 1
    assert "培养600名" in provision.history.latest("history_date").text


def test_an_admin_edit_is_recorded_with_its_author_and_can_be_reverted(
    one_document, curator_client, curator
):
    fact = fact_500()
    data = change_form_data(curator_client, Target, fact)
    curator_client.post(admin_url(Target, "change", fact.pk), {**data, "value": "520"})
    latest = fact.history.latest("history_date")
    assert latest.value == Decimal("520") and latest.history_user == curator
    assert Curation.history.latest("history_date").history_user == curator

    # Revert: open the version before the edit and save it.
    previous = latest.prev_record
    url = reverse("admin:targets_target_simple_history", args=[fact.pk, previous.history_id])
    form = curator_client.get(url)
    assert form.status_code == 200
    revert_data = {**data, "value": str(previous.value)}
    response = curator_client.post(url, revert_data)
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.value == Decimal("500")
    # The revert is a curation too, so it survives re-ingest.
    assert Curation.objects.latest("pk").changes == {"value": "500"}


def test_history_pages_render(one_document, curator_client):
    fact = fact_500()
    response = curator_client.get(reverse("admin:targets_target_history", args=[fact.pk]))
    assert response.status_code == 200


def export_rows(ids):
    return TargetResource().export(queryset=Target.objects.filter(pk__in=ids))


def test_an_import_previews_then_curates_and_is_recorded(one_document, curator):
    fact = fact_500()
    dataset = export_rows([fact.pk])
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(value="510", reason="表格核对 / checked against the table")
    edited = tablib.Dataset(headers=dataset.headers)
    edited.append([row[h] for h in dataset.headers])
    history_before = fact.history.count()

    preview = TargetResource().import_data(edited, dry_run=True, user=curator)
    assert not preview.has_errors()
    assert [r.import_type for r in preview.rows] == ["update"]
    fact.refresh_from_db()
    assert fact.value == Decimal("500") and fact.history.count() == history_before

    result = TargetResource().import_data(edited, dry_run=False, user=curator)
    assert not result.has_errors()
    fact.refresh_from_db()
    assert fact.value == Decimal("510") and fact.review_status == ReviewStatus.CORRECTED
    curation = Curation.objects.latest("pk")
    assert curation.source == "import" and curation.author == curator
    assert "checked against the table" in curation.reason
    assert fact.history.count() == history_before + 1
    assert fact.history.latest("history_date").value == Decimal("510")


def test_an_import_cannot_create_facts_or_change_their_source(one_document, curator):
    fact = fact_500()
    dataset = export_rows([fact.pk])
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(source_text="<b>伪造</b>", id="")
    edited = tablib.Dataset(headers=dataset.headers)
    edited.append([row[h] for h in dataset.headers])
    count = Target.objects.count()
    result = TargetResource().import_data(edited, dry_run=False, user=curator)
    assert result.has_errors() or result.has_validation_errors()
    assert Target.objects.count() == count
    assert not Target.objects.filter(source_text__contains="伪造").exists()


def test_the_import_page_and_export_are_available_to_curators(one_document, curator_client):
    assert curator_client.get(reverse("admin:targets_target_import")).status_code == 200
    response = curator_client.post(
        reverse("admin:targets_target_export"),
        {"format": "0", "resource": "0", **{f"targetresource_{f}": "on" for f in ("id", "value")}},
    )
    assert response.status_code == 200


def test_a_viewer_cannot_import(one_document, viewer_client):
    assert viewer_client.get(reverse("admin:targets_target_import")).status_code == 403


def test_admin_edit_survives_a_changed_source(one_document, curator):
    """The ingest test's curated-value case, for an edit made in the admin."""
    fact = fact_500()
    fact.value = Decimal("520")
    curate_edit(fact, reason="admin edit", author=curator)
    text = one_document.read_text(encoding="utf-8")
    one_document.write_text(text.replace("培养500名", "培养600名"), encoding="utf-8")
    output = ingest(one_document)
    fact.refresh_from_db()
    assert fact.value == Decimal("520")
    assert fact.review_status == ReviewStatus.CONFLICT
    assert "600" in output


def test_an_import_through_the_admin_previews_then_records_the_curator(
    one_document, curator_client, curator
):
    fact = fact_500()
    dataset = export_rows([fact.pk])
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(value="505")
    edited = tablib.Dataset(headers=dataset.headers)
    edited.append([row[h] for h in dataset.headers])
    upload = SimpleUploadedFile("targets.csv", edited.export("csv").encode("utf-8"),
                                content_type="text/csv")
    formats = [f().get_title() for f in
               admin.site._registry[Target].get_import_formats()]
    preview = curator_client.post(
        reverse("admin:targets_target_import"),
        {"format": formats.index("csv"), "resource": "0", "import_file": upload},
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    # The preview shows the row as an update with the value's diff …
    assert "confirm_form" in preview.context and "<ins" in html
    assert [r.import_type for r in preview.context["result"].rows] == ["update"]
    fact.refresh_from_db()
    assert fact.value == Decimal("500")  # … and changes nothing yet
    confirm = preview.context["confirm_form"]
    done = curator_client.post(reverse("admin:targets_target_process_import"),
                               {name: confirm.initial[name] for name in confirm.fields})
    assert done.status_code == 302
    fact.refresh_from_db()
    assert fact.value == Decimal("505")
    latest = fact.history.latest("history_date")
    assert latest.history_user == curator and latest.value == Decimal("505")
    assert Curation.objects.latest("pk").source == "import"
