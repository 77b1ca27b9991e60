"""The ingest command end to end: bundled corpus, re-ingest, bad input."""

import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.apikit.data_version import writes_knowledge_base
from documents.curation import curate
from documents.models import Curation, Document, Provision, ReviewStatus
from measures.models import Measure, Subsidy
from targets.models import Figure, Target

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"


def snapshot():
    """Every row that ingest writes, with its id and last-modified time."""
    return {
        "documents": sorted(Document.objects.values_list("pk", "updated")),
        "provisions": sorted(Provision.objects.values_list("pk", "text", "search_text")),
        "targets": sorted(Target.objects.values_list("pk", "updated", "value")),
        "figures": sorted(Figure.objects.values_list("pk", "updated", "value")),
        "subsidies": sorted(Subsidy.objects.values_list("pk", "updated")),
        "measures": sorted(Measure.objects.values_list("pk", "summary")),
        "themes": sorted(Provision.themes.through.objects.values_list("pk")),
    }


@pytest.fixture(autouse=True)
def empty_database(db):
    """Start from no documents, whatever the session-wide corpus fixture loaded
    (the deletion is rolled back with the test's transaction)."""
    Document.objects.all().delete()


def ingest(*args):
    out = StringIO()
    call_command("ingest", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_bundled_corpus_summary_counts_every_kind_of_row():
    output = ingest()
    assert Document.objects.count() == 5
    assert "Summary / 汇总: documents 5 ok, 0 failed" in output
    for word in ("provisions", "targets", "figures", "subsidies", "measures", "flagged"):
        assert word in output.splitlines()[-1] or word in output


@pytest.mark.django_db
@pytest.mark.parametrize("force", [False, True])
def test_ingesting_the_same_files_again_changes_nothing(force):
    ingest()
    before = snapshot()
    if force:
        ingest("--force")
    else:
        ingest()
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("failing", [False, True], ids=["unchanged", "with-a-failure"])
def test_a_run_that_changes_nothing_writes_nothing(failing, tmp_path):
    """Not even the shipped curations: recorded again unchanged, they
    added a history row each and moved the data version (the API's cache)."""
    ingest()
    history = Curation.history.count()
    paths = sorted(SOURCES.glob("*.txt"))
    if failing:
        paths.append(tmp_path / "empty.txt")
        paths[-1].write_bytes(b"")
    with CaptureQueriesContext(connection) as queries:
        try:
            ingest(*paths)
        except CommandError:
            assert failing
    writes = [q["sql"][:120] for q in queries if writes_knowledge_base(q["sql"])]
    assert writes == []
    assert Curation.history.count() == history


@pytest.mark.django_db
def test_a_changed_file_updates_only_what_changed(editable_sources):
    path = editable_sources / "001_cfe322f93ce14a7f.txt"
    ingest(path)
    before = snapshot()
    text = path.read_text(encoding="utf-8")
    assert "培养500名专业化技术转移人才" in text
    path.write_text(text.replace("培养500名专业化技术转移人才", "培养600名专业化技术转移人才"), encoding="utf-8")
    output = ingest(path)
    after = snapshot()
    changed = Target.objects.get(indicator_phrase__contains="技术转移人才", value=600)
    assert changed.raw_value == Decimal("600")
    # Everything but the one paragraph and the facts in it is untouched.
    assert after["documents"][0][0] == before["documents"][0][0]
    assert len(after["provisions"]) == len(before["provisions"])
    changed_provisions = set(after["provisions"]) - set(before["provisions"])
    assert len(changed_provisions) == 1
    # Same rows (same ids) for every fact; only the facts of the edited
    # sentence were touched (their value or their quoted sentence changed).
    assert [t[0] for t in after["targets"]] == [t[0] for t in before["targets"]]
    touched = {t[0] for t in set(after["targets"]) - set(before["targets"])}
    in_sentence = set(
        Target.objects.filter(source_text__contains="培养600名").values_list("pk", flat=True)
    )
    assert changed.pk in touched and touched == in_sentence
    assert after["figures"] == before["figures"]
    assert after["subsidies"] == before["subsidies"]
    assert "updated" in output


@pytest.mark.django_db
def test_a_curated_value_survives_a_changed_source_and_is_reported(editable_sources):
    path = editable_sources / "001_cfe322f93ce14a7f.txt"
    ingest(path)
    fact = Target.objects.get(indicator_phrase__contains="技术转移人才", value=500)
    curate(fact, "correct", changes={"value": "520"}, reason="curator test")
    path.write_text(
        path.read_text(encoding="utf-8").replace("培养500名", "培养600名"), encoding="utf-8"
    )
    output = ingest(path)
    fact.refresh_from_db()
    assert fact.value == Decimal("520")  # the curator's value, not the new source
    assert fact.review_status == ReviewStatus.CONFLICT
    assert "conflict" in output.lower() and "600" in output


@pytest.mark.django_db
def test_a_confirmed_fact_stays_confirmed_after_forced_reingest():
    ingest()
    fact = Target.objects.filter(review_status=ReviewStatus.UNREVIEWED).first()
    curate(fact, "confirm")
    ingest("--force")
    fact.refresh_from_db()
    assert fact.review_status == ReviewStatus.CONFIRMED


BAD_INPUTS = {
    "empty.txt": (b"", "file is empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "undecodable.txt": (b"\xff\x80" * 60, "undecodable"),
    "bom_then_noise.txt": (b"\xff\xfe" + bytes(range(32, 256)) * 4, "no recognisable"),
    "no_text.txt": (b"1234 5678 .... ---- \n" * 20, "no recognisable"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_a_bad_file_fails_with_one_line_and_leaves_the_database_as_it_was(tmp_path, name):
    ingest(SOURCES / "002_15082945984c2784.txt")
    before = snapshot()
    data, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=out)
    failed = [line for line in out.getvalue().splitlines() if line.startswith("[1/1] ✗")]
    assert len(failed) == 1 and message in failed[0]
    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 1000
    path = tmp_path / "big.txt"
    shutil.copy(SOURCES / "002_15082945984c2784.txt", path)
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO())
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "nope.txt"), stdout=out)
    assert "file not found" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_document(tmp_path, encoding):
    text = (SOURCES / "002_15082945984c2784.txt").read_text(encoding="utf-8")
    path = tmp_path / f"reply-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    ingest(path)
    document = Document.objects.get()
    assert document.raw_text == text
    assert document.doc_number == "吉科发办〔2022〕109号"


@pytest.mark.django_db
def test_a_provision_holding_more_facts_than_any_policy_keeps_the_first_flagged(
    tmp_path, settings, monkeypatch
):
    """A file that is one line of rules (a hostile upload) is ingested with
    its text, its first facts of each kind flagged for review and the rest not
    written, so that every later step stays bounded; a real document is far
    below the cap."""
    from policybase.ingest import extract

    monkeypatch.setattr(extract, "MAX_FACTS_PER_PROVISION", 20)
    path = tmp_path / "one-line.txt"
    path.write_text(
        "关于支持科技创新的若干措施\n"
        + "对高新技术企业给予最高10万元奖励，研发投入强度达到2.5%，" * 60
        + "\n",
        encoding="utf-8",
    )
    ingest(path)
    document = Document.objects.get()
    assert document.provisions.filter(text__contains="最高10万元奖励").exists()
    for model in (Subsidy, Target):
        rows = model.objects.filter(document=document)
        assert rows.count() == 20
        assert all(extract.CAPPED_FLAG in r.flags for r in rows)
        assert all(r.review_status == ReviewStatus.FLAGGED for r in rows)
    ingest(SOURCES / "002_15082945984c2784.txt")
    others = Subsidy.objects.exclude(document=document)
    assert others.exists()
    assert not any(extract.CAPPED_FLAG in s.flags for s in others)
