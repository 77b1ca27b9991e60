"""Validity after ingest: the five bundled documents, the status on any day in
Python and in SQL, and the curations that link a replacing document or
correct a period (kept on re-ingest, replayed from the exported fixtures).

The bundled documents' periods were written by reading them: 000 lost its
title and date (inferred: it implements the 十八届三中全会 of November 2013
and its last goal is 到2020年), 001 is the province's 十三五 plan
(2016–2020, the manifest's plan period) issued on 2016-10-31, 002 a reply
dated 2022-07-06, 003 the 十二五 action plan forwarded on 二〇一一年六月七日,
004 the 十四五 plan (its title), undated.
"""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.curation import CurationError, curate_document
from documents.models import Curation, Document, Provision
from documents.validity import ValidityStatus
from measures.models import Measure, Subsidy
from targets.models import Target
from tests.admin.test_admin import admin_url

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
D = date.fromisoformat

BUNDLED = {
    # key: (valid_from, valid_until, basis, {rule: quote of its sentence})
    "market-oriented-innovation-opinions": (
        "2013-11-12", "2020-12-31", "inferred",
        {"cited_event": "为贯彻落实党的十八届三中全会", "deadline": "到2020年，80%以上的技术创新活动"},
    ),
    "achievement-transfer-plan-2016": (
        "2016-10-31", "2020-12-31", "plan_period",
        {"plan_period": "“十三五”期间，围绕汽车制造", "issued_date": "2016年10月31日"},
    ),
    "cppcc-proposal-201-reply-2022": (
        "2022-07-06", None, "issued_date", {"issued_date": "2022年7月6日"},
    ),
    "innovative-jilin-action-plan-2011": (
        "2011-06-07", "2015-12-31", "plan_period",
        {"plan_period": "“十二五”科技行动计划任务目标完成过半",
         "issued_date": "二〇一一年六月七日"},
    ),
    "st-development-plan-14th-fyp": (
        "2021-01-01", "2025-12-31", "plan_period",
        {"plan_period_title": "吉林省科学技术发展“十四五”规划"},
    ),
}


def _day(value):
    return D(value) if value else None


@pytest.mark.parametrize("key", sorted(BUNDLED))
def test_bundled_document(corpus, key):
    document = Document.objects.get(key=key)
    valid_from, valid_until, basis, quotes = BUNDLED[key]
    assert (document.valid_from, document.valid_until, document.validity_basis) == (
        _day(valid_from), _day(valid_until), basis
    )
    assert {e["rule"] for e in document.validity_evidence} == set(quotes)
    for evidence in document.validity_evidence:
        assert quotes[evidence["rule"]] in evidence["text"]
        assert document.text[evidence["start"] : evidence["end"]] == evidence["text"]
    if quotes:
        assert (
            document.text[document.validity_start : document.validity_end]
            == document.validity_source_text
        )
    else:
        assert document.validity_source_text == "" and document.validity_start is None


def test_bundled_statuses_on_three_days(corpus):
    def statuses(day):
        return {d.key: d.status_on(day) for d in Document.objects.all()}

    assert statuses(D("2018-01-01")) == {
        "market-oriented-innovation-opinions": "in_force",
        "achievement-transfer-plan-2016": "in_force",
        "cppcc-proposal-201-reply-2022": "not_yet_in_force",
        "innovative-jilin-action-plan-2011": "expired",
        "st-development-plan-14th-fyp": "not_yet_in_force",
    }
    assert statuses(D("2023-06-30"))["st-development-plan-14th-fyp"] == "in_force"
    assert statuses(D("2026-01-01"))["st-development-plan-14th-fyp"] == "expired"


# -- one meaning, in Python and in SQL ------------------------------------------------


def make(key, **validity):
    return Document.objects.create(
        key=key, source_name=f"{key}.txt", source_sha256="0" * 64,
        pipeline_version="test", raw_text="", text="", **validity,
    )


@pytest.fixture
def every_kind(db):
    later = make("later", valid_from=D("2021-01-01"), validity_basis="effective_date")
    undated_later = make("undated-later", validity_basis="unknown")
    make("open", valid_from=D("2020-03-01"), validity_basis="effective_date")
    make("term", valid_from=D("2020-03-01"), valid_until=D("2022-02-28"),
         validity_basis="term")
    make("only-end", valid_until=D("2020-12-31"), validity_basis="term")
    make("unknown", validity_basis="unknown")
    make("draft", valid_from=D("2020-03-01"), validity_basis="draft")
    make("replaced", valid_from=D("2019-01-01"), validity_basis="effective_date",
         replaced_by=later, replaced_on=D("2021-01-01"))
    make("replaced-undated", valid_from=D("2019-01-01"), valid_until=D("2030-01-01"),
         validity_basis="term", replaced_by=undated_later)
    return Document.objects.filter(key__in=[
        "open", "term", "only-end", "unknown", "draft", "replaced", "replaced-undated",
        "later", "undated-later",
    ])


DAYS = [D(d) for d in ("2018-06-01", "2019-01-01", "2020-02-29", "2020-03-01",
                       "2020-12-31", "2021-01-01", "2022-02-28", "2022-03-01", "2031-01-01")]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_status_in_python_and_in_sql_agree(every_kind, day):
    in_python = {d.key: d.status_on(day) for d in every_kind}
    in_sql = dict(every_kind.with_status_on(day).values_list("key", "status"))
    assert in_sql == in_python
    in_force = {k for k, s in in_python.items() if s == ValidityStatus.IN_FORCE}
    assert set(every_kind.in_force_on(day).values_list("key", flat=True)) == in_force


def test_every_status_on_its_day(every_kind):
    on = {d.key: d for d in every_kind}
    assert on["open"].status_on(D("2020-02-29")) == "not_yet_in_force"
    assert on["open"].status_on(D("2020-03-01")) == "in_force"
    assert on["term"].status_on(D("2022-02-28")) == "in_force"
    assert on["term"].status_on(D("2022-03-01")) == "expired"
    assert on["only-end"].status_on(D("2018-06-01")) == "in_force"
    assert on["unknown"].status_on(D("2020-03-01")) == "unknown"
    assert on["draft"].status_on(D("2031-01-01")) == "not_yet_in_force"
    assert on["replaced"].status_on(D("2020-12-31")) == "in_force"
    assert on["replaced"].status_on(D("2021-01-01")) == "replaced"
    # The replacing document's day unknown: replaced on every day.
    assert on["replaced-undated"].status_on(D("2019-01-01")) == "replaced"


def test_parts_of_a_document_follow_its_status(corpus):
    day = D("2018-01-01")
    in_force = set(Document.objects.in_force_on(day).values_list("pk", flat=True))
    assert in_force == set(Document.objects.filter(
        key__in=["achievement-transfer-plan-2016", "market-oriented-innovation-opinions"]
    ).values_list("pk", flat=True))
    for model in (Provision, Measure, Subsidy, Target):
        rows = model.objects.in_force_on(day)
        assert set(rows.values_list("document_id", flat=True)) <= in_force
        assert rows.count() == model.objects.filter(document_id__in=in_force).count()


# -- curations: a replacing document, a corrected period --------------------------------

PLAN_2016 = "achievement-transfer-plan-2016"
PLAN_2021 = "st-development-plan-14th-fyp"


@pytest.fixture
def two_plans(db, tmp_path, monkeypatch):
    """001 and 004 ingested alone, with a curation directory of their own."""
    Document.objects.all().delete()
    curation_dir = tmp_path / "curation"
    curation_dir.mkdir()
    monkeypatch.setattr("policybase.management.commands.ingest.CURATION_DIR", curation_dir)
    ingest("001", "004")
    return curation_dir


def ingest(*prefixes, force=False):
    paths = [str(next(SOURCES.glob(f"{p}_*.txt"))) for p in prefixes]
    out = StringIO()
    call_command("ingest", *paths, *(["--force"] if force else []), stdout=out)
    return out.getvalue()


def test_a_replacing_document_survives_reingest(two_plans):
    old = Document.objects.get(key=PLAN_2016)
    curation = curate_document(
        old, {"replaced_by": PLAN_2021}, reason="新规划接续 / the next plan follows on"
    )
    assert curation.changes == {"replaced_by": PLAN_2021}
    old.refresh_from_db()
    assert (old.replaced_by.key, old.replaced_on) == (PLAN_2021, D("2021-01-01"))
    assert old.status_on(D("2020-12-31")) == "in_force"
    assert old.status_on(D("2021-01-01")) == "replaced"
    assert not Document.objects.in_force_on(D("2021-06-01")).filter(key=PLAN_2016).exists()

    ingest("001", "004", force=True)
    old.refresh_from_db()
    assert (old.replaced_by.key, old.replaced_on) == (PLAN_2021, D("2021-01-01"))
    assert old.valid_until == D("2020-12-31")  # the text's own period is kept


def test_replacement_replays_on_a_fresh_database_in_any_order(two_plans):
    curate_document(Document.objects.get(key=PLAN_2016), {"replaced_by": PLAN_2021})
    call_command("export_curations", directory=str(two_plans), stdout=StringIO())
    entries = json.loads((two_plans / "curated-edits.json").read_text("utf-8"))["corrections"]
    assert entries == [{
        "model": "documents.document", "document": PLAN_2016, "locator": {},
        "fingerprint": "", "action": "correct",
        "changes": {"replaced_by": PLAN_2021}, "reason": "",
    }]

    Document.objects.all().delete()
    # The replaced document first: its replacement is not there yet.
    output = ingest("001")
    old = Document.objects.get(key=PLAN_2016)
    assert old.replaced_by is None
    assert Curation.objects.get(document=old).orphaned
    assert "替代文件尚未导入" in output
    ingest("004")
    old.refresh_from_db()
    assert (old.replaced_by.key, old.replaced_on) == (PLAN_2021, D("2021-01-01"))
    assert not Curation.objects.get(document=old).orphaned


def test_a_corrected_period_is_curated_and_survives_reingest(two_plans):
    plan = Document.objects.get(key=PLAN_2021)
    curate_document(plan, {"valid_until": D("2026-06-30")}, reason="延期 / extended")
    ingest("004", force=True)
    plan.refresh_from_db()
    assert (plan.valid_from, plan.valid_until, plan.validity_basis) == (
        D("2021-01-01"), D("2026-06-30"), "curated"
    )
    assert plan.status_on(D("2026-03-01")) == "in_force"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"replaced_by": PLAN_2016}, "cannot replace itself"),
        ({"replaced_by": "no-such-document"}, "no document with the key"),
        ({"valid_until": D("2015-12-31")}, "ends before it starts"),
        ({"source_name": "另一个文件.txt"}, "fields a curation cannot set"),
        ({"validity_basis": "forever"}, "validity_basis"),
    ],
)
def test_what_a_document_curation_refuses(two_plans, changes, message):
    document = Document.objects.get(key=PLAN_2016)
    with pytest.raises(CurationError, match=message):
        curate_document(document, changes)
    assert not Curation.objects.exists()


def test_the_admin_records_a_replacement_as_a_curation(two_plans, curator_client, viewer_client):
    old = Document.objects.get(key=PLAN_2016)
    new = Document.objects.get(key=PLAN_2021)
    url = admin_url(Document, "change", old.pk)
    assert viewer_client.post(url, {"replaced_by": new.pk}).status_code == 403
    page = curator_client.get(url)
    assert page.status_code == 200 and "被替代为" in page.content.decode()
    form = {
        # the metadata as shown, unchanged
        **{name: getattr(old, name) or "" for name in ("title", "doc_number", "issuer",
                                                        "issued_on", "doc_type")},
        "valid_from": "2016-10-31", "valid_until": "2020-12-31",
        "validity_basis": "plan_period", "replaced_by": new.pk,
        "curation_reason": "接续规划 / the next plan",
    }
    response = curator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    curation = Curation.objects.get(document=old)
    assert curation.changes == {"replaced_by": PLAN_2021}
    assert curation.author.username == "curator1"
    old.refresh_from_db()
    assert old.replaced_by == new
    refused = curator_client.post(url, {**form, "replaced_by": old.pk})
    assert "a document cannot replace itself" in refused.content.decode()
