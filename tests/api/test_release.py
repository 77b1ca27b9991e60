"""Open-data releases: export → load into an empty database → export again
gives the same bytes, on SQLite and PostgreSQL."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import CrossReference, Curation, Document, Provision, Theme
from measures.models import InstrumentType, Measure, Subsidy, TargetGroup
from policybase import release
from targets.models import Figure, Indicator, Target


def empty_the_database():
    # Children before parents: facts PROTECT their indicator.
    for model in (
        Curation,
        Subsidy,
        Target,
        Figure,
        Measure,
        CrossReference,
        Provision,
        Document,
        Indicator,
        InstrumentType,
        TargetGroup,
        Theme,
    ):
        model._base_manager.all().delete()


def test_round_trip_is_byte_identical(corpus, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_release", str(first), stdout=io.StringIO())
    empty_the_database()
    assert release.is_empty()

    call_command("load_release", str(first), stdout=io.StringIO())
    assert Document.objects.count() == 5
    release.export(second)

    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_release_holds_every_table_in_both_formats(corpus, tmp_path):
    manifest = release.export(tmp_path)
    for resource in release.RESOURCES:
        assert f"{resource.name}.jsonl" in manifest["files"]
        assert f"{resource.name}.csv" in manifest["files"]
    assert manifest["counts"]["documents"] == 5
    assert manifest["counts"]["targets"] == Target.objects.count()
    csv_text = (tmp_path / "targets.csv").read_bytes()
    assert csv_text.startswith("\ufeff".encode())
    first_target = json.loads((tmp_path / "targets.jsonl").read_text().splitlines()[0])
    assert "created" not in first_target and "updated" not in first_target
    readme = (tmp_path / "README.md").read_text()
    assert "CC BY 4.0" in readme
    assert "| value | decimal string | 数值 |" in readme
    assert "openapi: 3" in (tmp_path / "openapi.yaml").read_text()


def test_loaded_release_keeps_provision_tree_and_links(corpus, tmp_path):
    release.export(tmp_path)
    before = sorted(Provision.objects.values_list("id", "parent_id", "document__key"))
    links_before = Measure.instrument_types.through.objects.count()
    empty_the_database()
    release.load(tmp_path)
    assert (
        sorted(Provision.objects.values_list("id", "parent_id", "document__key"))
        == before
    )
    assert Measure.instrument_types.through.objects.count() == links_before
    # New rows get fresh ids after the explicit ones (PostgreSQL sequences reset).
    theme = Theme.objects.create(slug="new-theme-after-load", name="新")
    assert theme.pk > max(
        Theme.objects.exclude(pk=theme.pk).values_list("pk", flat=True)
    )


def test_load_refuses_a_database_that_is_not_empty(corpus, tmp_path):
    release.export(tmp_path)
    with pytest.raises(CommandError, match="not empty"):
        call_command("load_release", str(tmp_path))


def test_load_refuses_a_tampered_release(corpus, tmp_path):
    release.export(tmp_path)
    path = tmp_path / "targets.jsonl"
    path.write_bytes(
        path.read_bytes().replace(b'"value":"2.0000"', b'"value":"9.0000"', 1)
    )
    empty_the_database()
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("load_release", str(tmp_path))
    assert release.is_empty()


def test_validity_and_a_replacing_document_round_trip(corpus, tmp_path):
    from documents.curation import curate_document

    old = Document.objects.get(key="achievement-transfer-plan-2016")
    new = Document.objects.get(key="st-development-plan-14th-fyp")
    assert new.pk > old.pk  # a link to a row later in the same file
    curate_document(old, {"replaced_by": new.key})
    first, second = tmp_path / "first", tmp_path / "second"
    release.export(first)
    rows = {
        row["key"]: row
        for row in map(json.loads, (first / "documents.jsonl").read_text("utf-8").splitlines())
    }
    assert (rows[old.key]["valid_from"], rows[old.key]["valid_until"]) == (
        "2016-10-31", "2020-12-31"
    )
    assert (rows[old.key]["replaced_by"], rows[old.key]["replaced_on"]) == (
        new.pk, "2021-01-01"
    )
    readme = (first / "README.md").read_text("utf-8")
    assert "| valid_until | date YYYY-MM-DD | 有效期至 | Last day the document applies" in readme
    assert "| validity_basis | text | 有效期依据 |" in readme

    empty_the_database()
    release.load(first)
    assert Document.objects.get(key=old.key).replaced_by.key == new.key
    release.export(second)
    assert (first / "documents.jsonl").read_bytes() == (second / "documents.jsonl").read_bytes()
