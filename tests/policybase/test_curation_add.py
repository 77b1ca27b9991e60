"""Facts the rules missed, added by a curator: an ``add`` curation is data
like the others, so the fact survives re-ingest, follows its quote when the
source changes, is reported when the quote is gone, and replays from the
exported fixtures on a fresh database.

The example is real: 000 prints "增值收益部分５０％用于奖励科研团队，５⏎⏎０％用于
基金公司新增投资" (full-width digits, hard-wrapped inside the number).  The
rules read the team's 50 %, not the fund company's.
"""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import Client

from documents.curation import CurationError, curate_add, curate_edit
from documents.models import Curation, Document, ReviewStatus
from measures.models import Subsidy
from targets.models import Figure, Indicator, Target
from tests.admin.test_admin import admin_url
from tests.policybase.test_ingest import ingest

SOURCE = "000_bdafd33da79e8432.txt"
KEY = "market-oriented-innovation-opinions"
# As printed in the source file: full-width digits and percent sign.
QUOTE = "５０％用于基金公司新增投资"
PRINTED = "５０％"
SUBSIDY = {
    "kind": "other",
    "ratio_percent": "50",
    "basis": "增值收益",
    "beneficiary": "基金公司",
    "funding_source": "科技成果转化基金",
}


@pytest.fixture
def source(db, tmp_path, monkeypatch, editable_sources):
    """Document 000 ingested alone, from a copy a test may edit, with a
    curation directory of its own (empty: no shipped entry is about 000)."""
    Document.objects.all().delete()
    curation_dir = tmp_path / "curation"
    curation_dir.mkdir()
    monkeypatch.setattr("policybase.management.commands.ingest.CURATION_DIR", curation_dir)
    path = editable_sources / SOURCE
    ingest(path)
    return path


def document():
    return Document.objects.get(key=KEY)


def add_subsidy(author=None, quote=QUOTE, printed=PRINTED, **values):
    return curate_add(Subsidy, document(), quote, printed, {**SUBSIDY, **values},
                      reason="规则漏抽 / missed by the rules", author=author)


def edit_source(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fact_values(fact):
    """Everything a fact says and where it is, relations by their stable
    keys rather than database ids (which differ on a fresh database)."""
    values = model_to_dict(fact, exclude=["id"])
    for name in ("document", "provision", "indicator"):
        if name in values:
            values[name] = getattr(fact, name).key
    if "measure" in values:
        values["measure"] = fact.measure.summary if fact.measure else None
    return values


# --------------------------------------------------------------------------
# Placing the fact


def test_an_added_fact_is_placed_by_its_quote_like_an_extracted_fact(source):
    doc = document()
    number = doc.text.index("50%用于基金公司")
    assert not Subsidy.objects.filter(document=doc, start__lte=number, end__gt=number).exists()
    curation, fact = add_subsidy()
    assert curation.action == Curation.Action.ADD
    assert curation.locator == {"quote": QUOTE, "raw_text": PRINTED}
    assert curation.changes["ratio_percent"] == "50"
    assert fact.fingerprint.startswith("curated:") and fact.fingerprint == curation.fingerprint
    assert fact.rule == "curated" and fact.review_status == ReviewStatus.CONFIRMED
    assert fact.ratio_percent == Decimal("50") and fact.beneficiary == "基金公司"
    # Offsets into the normalised text (where the quote was found once
    # folded); raw_text as printed in the file, like an extracted fact's.
    assert (fact.start, fact.end) == (number, number + 3)
    assert fact.raw_text == "５\n\n０％"
    # The sentence as the subsidy extractor cuts it (at 。, without the
    # final mark, like every rule-extracted subsidy), inside the provision.
    assert doc.text[fact.sentence_start : fact.sentence_end] == fact.source_text
    assert "增值收益部分50%用于奖励科研团队，50%用于基金公司新增投资" in fact.source_text
    assert fact.source_text.endswith("新增投资")
    extracted = Subsidy.objects.filter(document=doc).exclude(rule="curated").first()
    assert not extracted.source_text.endswith("。")
    provision = fact.provision
    assert provision.text_start <= fact.sentence_start < fact.sentence_end <= provision.text_end
    assert fact.measure is not None and fact.measure.provision == provision


def test_the_fingerprint_is_stable_not_a_database_id(source):
    _, fact = add_subsidy()
    Subsidy.objects.filter(pk=fact.pk).delete()
    Curation.objects.all().delete()
    _, again = add_subsidy()
    assert again.pk != fact.pk and again.fingerprint == fact.fingerprint


@pytest.mark.parametrize(
    "quote, printed, message",
    [
        ("６０％用于基金公司新增投资", "６０％", "未在文件中找到"),
        (QUOTE, "７０％", "未在引文中找到"),
    ],
)
def test_a_quote_or_number_not_in_the_document_records_nothing(source, quote, printed, message):
    before = Subsidy.objects.count(), Curation.objects.count()
    with pytest.raises(CurationError, match=message):
        add_subsidy(quote=quote, printed=printed)
    assert (Subsidy.objects.count(), Curation.objects.count()) == before


def test_the_same_fact_cannot_be_added_twice(source):
    add_subsidy()
    with pytest.raises(CurationError, match="already added"):
        add_subsidy()
    assert Curation.objects.filter(action="add").count() == 1


# --------------------------------------------------------------------------
# Re-ingest


def test_an_added_fact_survives_a_changed_source_that_still_has_its_quote(source):
    _, fact = add_subsidy()
    before = fact_values(fact)
    # Text inserted before the quote moves it; a number elsewhere changes.
    edit_source(source, "化工作提出如下实施意见：", "化工作，经研究，提出如下实施意见：")
    edit_source(source, "比重达到１％", "比重达到１.５％")
    output = ingest(source, "--force")
    fact.refresh_from_db()
    after = fact_values(fact)
    assert after["start"] == document().text.index("50%用于基金公司") > before["start"]
    offsets = {"start", "end", "sentence_start", "sentence_end"}
    assert {k: v for k, v in after.items() if k not in offsets} == {
        k: v for k, v in before.items() if k not in offsets}
    assert fact.review_status == ReviewStatus.CONFIRMED
    assert not Curation.objects.get(action="add").orphaned
    assert "curated" not in output.lower() and "conflict" not in output.lower()


def test_a_reingest_of_an_unchanged_source_writes_nothing_to_an_added_fact(source):
    _, fact = add_subsidy()
    history = fact.history.count()
    ingest(source, "--force")
    again = Subsidy.objects.get(pk=fact.pk)
    assert again.updated == fact.updated and again.history.count() == history


def test_a_later_correction_of_an_added_fact_is_kept_on_reingest(source):
    _, fact = add_subsidy()
    fact.cap = Decimal("1000000")
    curate_edit(fact, reason="上限 / cap")
    ingest(source, "--force")
    fact.refresh_from_db()
    assert fact.cap == Decimal("1000000") and fact.ratio_percent == Decimal("50")
    assert fact.review_status == ReviewStatus.CORRECTED


def test_a_changed_source_without_the_quote_orphans_the_curation_and_deletes_the_fact(source):
    curation, fact = add_subsidy()
    edit_source(source, "用于基金公司新增投资", "用于基金公司扩大投资")
    output = ingest(source)  # no exception
    curation.refresh_from_db()
    assert curation.orphaned
    assert not Subsidy.objects.filter(pk=fact.pk).exists()
    assert "找不到对应事实" in output and QUOTE in output
    assert f"deleted the fact added for it: #{fact.pk}" in output
    assert fact.history.filter(id=fact.pk).latest("history_date").history_type == "-"

    # The quote comes back: so does the fact, with the same fingerprint.
    edit_source(source, "用于基金公司扩大投资", "用于基金公司新增投资")
    ingest(source)
    curation.refresh_from_db()
    assert not curation.orphaned
    back = Subsidy.objects.get(fingerprint=curation.fingerprint)
    assert back.ratio_percent == Decimal("50")


def test_the_rules_never_overwrite_or_delete_an_added_fact(source):
    """An added fact that shares its number with an extracted one: the
    extracted fact is synced as before, the added one is left alone."""
    extracted = Target.objects.filter(document__key=KEY).order_by("pk").first()
    doc = document()
    quote = extracted.source_text
    printed = doc.text[extracted.start : extracted.end]
    _, added = curate_add(
        Target, doc, quote, printed,
        {"indicator": extracted.indicator.key, "indicator_phrase": "人工新增",
         "value": "7", "unit": extracted.unit, "comparator": ">="},
    )
    ingest(source, "--force")
    added.refresh_from_db()
    assert added.value == Decimal("7") and added.indicator_phrase == "人工新增"
    assert added.review_status == ReviewStatus.CONFIRMED
    assert Target.objects.filter(pk=extracted.pk).exists()


# --------------------------------------------------------------------------
# Export and replay


def test_added_facts_export_and_replay_on_a_fresh_database(source, tmp_path):
    _, subsidy = add_subsidy()
    indicator = Indicator.objects.get(key="enterprise_rd_share")
    _, target = curate_add(
        Target, document(), "规模以上企业R&D经费投入占主营业务收入比重达到1%", "1%",
        {"indicator": indicator, "indicator_phrase": "规模以上企业R&D经费投入占主营业务收入比重",
         "value": Decimal("1"), "unit": "%", "comparator": ">=", "year": 2017},
        reason="支持门槛 / threshold for support",
    )
    target.value_max = Decimal("2")
    curate_edit(target, reason="一般企业 / other enterprises")
    target.refresh_from_db()
    expected = {"subsidy": fact_values(subsidy), "target": fact_values(target)}

    curation_dir = tmp_path / "curation"
    call_command("export_curations", directory=str(curation_dir), stdout=StringIO())
    entries = json.loads((curation_dir / "curated-edits.json").read_text("utf-8"))["corrections"]
    # Two adds and the correction of one of them: the add is not merged away.
    assert sorted(e["action"] for e in entries) == ["add", "add", "correct"]
    added = next(e for e in entries if e["model"] == "measures.subsidy")
    assert added["locator"] == {"quote": QUOTE, "raw_text": PRINTED}
    assert added["changes"]["ratio_percent"] == "50"
    target_add = next(e for e in entries if e["model"] == "targets.target" and e["action"] == "add")
    assert target_add["changes"]["indicator"] == "enterprise_rd_share"

    # A fresh database: only the source and the fixtures.
    Document.objects.all().delete()
    assert not Curation.objects.exists() and not Subsidy.objects.exists()
    ingest(source)
    replayed = {
        "subsidy": fact_values(Subsidy.objects.get(fingerprint=subsidy.fingerprint)),
        "target": fact_values(Target.objects.get(fingerprint=target.fingerprint)),
    }
    assert replayed == expected
    assert replayed["target"]["value_max"] == Decimal("2")
    assert replayed["target"]["review_status"] == ReviewStatus.CORRECTED
    assert not Curation.objects.filter(orphaned=True).exists()

    # Exporting again after the replay gives the same file.
    before = (curation_dir / "curated-edits.json").read_text("utf-8")
    call_command("export_curations", directory=str(curation_dir), stdout=StringIO())
    assert (curation_dir / "curated-edits.json").read_text("utf-8") == before


# --------------------------------------------------------------------------
# The admin's add form


def subsidy_form(**overrides):
    return {
        "document": document().pk,
        "quote": QUOTE,
        "raw_text": PRINTED,
        **SUBSIDY,
        "curation_reason": "规则漏抽 / missed by the rules",
        **overrides,
    }


def test_a_curator_adds_a_fact_in_the_admin(source, curator_client, curator):
    page = curator_client.get(admin_url(Subsidy, "add"))
    assert page.status_code == 200
    assert {"document", "quote", "raw_text", "ratio_percent"} <= set(
        page.context["adminform"].form.fields)
    response = curator_client.post(admin_url(Subsidy, "add"), subsidy_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    fact = Subsidy.objects.get(document__key=KEY, rule="curated")
    assert fact.ratio_percent == Decimal("50") and fact.review_status == ReviewStatus.CONFIRMED
    curation = Curation.objects.get(action="add")
    assert curation.author == curator and curation.source == "admin"
    assert curation.fingerprint == fact.fingerprint and "missed" in curation.reason
    created = fact.history.earliest("history_date")
    assert created.history_type == "+" and created.history_user == curator
    assert created.ratio_percent == Decimal("50")
    # The new fact's own page shows its sentence with the number marked.
    html = curator_client.get(admin_url(Subsidy, "change", fact.pk)).content.decode()
    assert '<strong class="fact-value"><mark>50%</mark></strong>' in html


def test_a_curator_adds_a_target_with_an_indicator(source, curator_client):
    indicator = Indicator.objects.get(key="enterprise_rd_share")
    response = curator_client.post(admin_url(Target, "add"), {
        "document": document().pk,
        "quote": "规模以上企业R&D经费投入占主营业务收入比重达到1%",
        "raw_text": "1%",
        "indicator": indicator.pk,
        "indicator_phrase": "规模以上企业R&D经费投入占主营业务收入比重",
        "value": "1",
        "unit": "%",
        "comparator": ">=",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    fact = Target.objects.get(document__key=KEY, rule="curated")
    assert fact.indicator == indicator and fact.raw_value == Decimal("1")
    assert Curation.objects.get(action="add").changes["indicator"] == "enterprise_rd_share"


@pytest.mark.parametrize("model", [Target, Figure, Subsidy], ids=lambda m: m._meta.label)
def test_the_add_form_renders_for_every_fact_model(source, curator_client, model):
    assert curator_client.get(admin_url(model, "add")).status_code == 200


def test_a_quote_not_in_the_document_is_a_form_error(source, curator_client):
    response = curator_client.post(
        admin_url(Subsidy, "add"), subsidy_form(quote="６０％用于基金公司新增投资", raw_text="６０％")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "未在文件中找到" in errors["quote"][0]
    assert "not found in the document" in errors["quote"][0]
    assert not Curation.objects.exists()
    assert not Subsidy.objects.filter(rule="curated").exists()


def test_viewers_and_anonymous_users_cannot_add(source, viewer_client):
    url = admin_url(Subsidy, "add")
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, subsidy_form()).status_code == 403
    anonymous = Client().post(url, subsidy_form())
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert not Curation.objects.exists()
    assert not Subsidy.objects.filter(rule="curated").exists()


def test_curators_may_add_facts_and_viewers_may_not(groups):
    def codenames(group):
        return set(group.permissions.values_list("codename", flat=True))

    assert {"add_target", "add_figure", "add_subsidy"} <= codenames(groups["curator"])
    assert not any(c.startswith("add_") for c in codenames(groups["viewer"]))
    assert Permission.objects.filter(codename="add_subsidy").exists()
