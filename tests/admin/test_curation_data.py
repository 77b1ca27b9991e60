"""Curated edits are data: exported to fixtures, replayed on a fresh
database; the whole knowledge base backs up and restores identically."""

import json
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from documents.curation import curate, curate_edit
from documents.models import Curation, Document, ReviewStatus
from policybase.ingest.sources import CURATION_DIR
from targets.models import Figure, Target

pytestmark = pytest.mark.usefixtures("corpus")


@pytest.fixture
def curation_dir(tmp_path, monkeypatch):
    """A copy of fixtures/curation that ingest reads instead of the real one."""
    directory = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, directory)
    monkeypatch.setattr("policybase.management.commands.ingest.CURATION_DIR", directory)
    return directory


def make_edits(user=None):
    target = Target.objects.filter(review_status=ReviewStatus.UNREVIEWED).order_by("pk").first()
    target.value = Decimal("42.5")
    curate_edit(target, reason="第一次 / first", author=user)
    target.refresh_from_db()
    curate(target, "confirm", reason="复核 / checked again")
    figure = Figure.objects.filter(review_status=ReviewStatus.UNREVIEWED).order_by("pk").first()
    curate(figure, "reject", reason="不是统计数据 / not a figure")
    return target, figure


def test_exported_curations_replay_on_a_fresh_database(curation_dir):
    target, figure = make_edits()
    out = StringIO()
    call_command("export_curations", directory=str(curation_dir), stdout=out)
    exported = json.loads((curation_dir / "curated-edits.json").read_text(encoding="utf-8"))
    entries = exported["corrections"]
    # corrections.json's entries stay in their file; two facts, one entry each.
    assert len(entries) == 2
    merged = next(e for e in entries if e["model"] == "targets.target")
    assert merged["action"] == "confirm" and merged["changes"] == {"value": "42.5"}
    assert set(merged["locator"]) == {"quote", "raw_value"}

    # A fresh database: nothing but what ingest rebuilds from the sources
    # and the curation fixtures.
    Document.objects.all().delete()
    assert not Curation.objects.exists()
    call_command("ingest", stdout=StringIO())
    replayed = Target.objects.get(document__key=target.document.key, fingerprint=target.fingerprint)
    assert replayed.value == Decimal("42.5")
    assert replayed.review_status == ReviewStatus.CONFIRMED
    rejected = Figure.objects.get(document__key=figure.document.key, fingerprint=figure.fingerprint)
    assert rejected.review_status == ReviewStatus.REJECTED
    # The shipped corrections still apply (the lost decimal of 004).
    assert Figure.objects.get(raw_value=Decimal("6906")).value == Decimal("690.6")

    # Exporting again after the replay gives the same file.
    before = (curation_dir / "curated-edits.json").read_text(encoding="utf-8")
    call_command("export_curations", directory=str(curation_dir), stdout=StringIO())
    assert (curation_dir / "curated-edits.json").read_text(encoding="utf-8") == before


def test_export_keeps_the_corrections_format(curation_dir):
    make_edits()
    call_command("export_curations", directory=str(curation_dir), stdout=StringIO())
    shipped = json.loads((curation_dir / "corrections.json").read_text(encoding="utf-8"))
    exported = json.loads((curation_dir / "curated-edits.json").read_text(encoding="utf-8"))
    shipped_keys = set().union(*(e.keys() for e in shipped["corrections"]))
    for entry in exported["corrections"]:
        assert shipped_keys <= set(entry) <= shipped_keys | {"fingerprint"}


def dump(path):
    call_command("backup_kb", str(path), stdout=StringIO())
    return Path(path).read_bytes()


def test_backup_flush_restore_backup_is_identical(tmp_path, django_user_model):
    user = django_user_model.objects.create_user("curator-b")
    make_edits(user)
    first = dump(tmp_path / "one.json")
    data = json.loads(first)
    models = {row["model"] for row in data}
    assert {"documents.document", "documents.provision", "documents.curation",
            "documents.historicalcuration", "targets.target", "targets.historicaltarget",
            "measures.subsidy", "auth.user"} <= models

    if connection.vendor == "postgresql":
        # Inside the test's transaction PostgreSQL refuses to TRUNCATE tables
        # with deferred foreign-key checks pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not Document.objects.exists()
    call_command("restore_kb", str(tmp_path / "one.json"), stdout=StringIO())
    assert dump(tmp_path / "two.json") == first
    assert Curation.objects.filter(author__username="curator-b").exists()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    dump(tmp_path / "kb.json")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_kb", str(tmp_path / "kb.json"), stdout=StringIO())
