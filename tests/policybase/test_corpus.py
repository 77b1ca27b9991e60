"""Facts about the bundled corpus as a whole, after the full pipeline."""

from decimal import Decimal

import pytest

from documents.models import CrossReference, Document, Provision
from measures.models import Measure, Subsidy
from targets.models import Figure, Target

pytestmark = pytest.mark.usefixtures("corpus")


def test_the_rd_intensity_goal_lines_up_across_2011_2014_and_2021():
    targets = Target.objects.filter(indicator__key="rd_gdp_ratio").order_by("year")
    assert [(t.document.key, t.year, t.value, t.comparator) for t in targets] == [
        ("innovative-jilin-action-plan-2011", 2015, Decimal("2"), "~"),
        ("market-oriented-innovation-opinions", 2017, Decimal("2"), "~"),
        ("st-development-plan-14th-fyp", 2025, Decimal("2"), ">"),
    ]
    reported = Figure.objects.get(indicator__key="rd_gdp_ratio")
    assert (reported.year, reported.value, reported.raw_value) == (
        2020,
        Decimal("1.30"),
        Decimal("130"),
    )
    latest = targets.last()
    assert (latest.baseline_value, latest.baseline_year) == (Decimal("1.30"), 2020)


def test_manifest_metadata_only_states_what_the_text_establishes():
    opinions = Document.objects.get(key="market-oriented-innovation-opinions")
    assert opinions.title == "" and opinions.issued_on is None and opinions.issuer == ""
    assert opinions.display_title.startswith("〔标题缺失〕")
    reply = Document.objects.get(key="cppcc-proposal-201-reply-2022")
    assert (reply.doc_number, str(reply.issued_on), reply.doc_type) == (
        "吉科发办〔2022〕109号",
        "2022-07-06",
        "答复",
    )


def test_every_fact_traces_back_to_its_sentence():
    document_text = {d.pk: d.text for d in Document.objects.all()}
    for model in (Target, Figure, Subsidy):
        for fact in model.objects.all():
            text = document_text[fact.document_id]
            assert text[fact.sentence_start : fact.sentence_end] == fact.source_text
            assert fact.sentence_start <= fact.start < fact.end <= fact.sentence_end
            provision = fact.provision
            assert provision.text_start <= fact.start and fact.end <= provision.text_end
            assert fact.raw_text, fact  # the number as printed


def test_provision_text_is_the_slice_of_the_normalised_document():
    for provision in Provision.objects.select_related("document"):
        assert provision.document.text[provision.text_start : provision.text_end] == provision.text


def test_cross_references_pair_titles_with_their_document_numbers():
    ref = CrossReference.objects.get(doc_number="国办发〔2016〕28号")
    assert ref.title == "国务院办公厅关于印发促进科技成果转移转化行动方案的通知"
    assert CrossReference.objects.filter(doc_number="吉政发〔2018〕31号").exists()
    # The forwarding notice of 001 names the plan itself: no link to itself.
    plan = Document.objects.get(key="achievement-transfer-plan-2016")
    assert CrossReference.objects.filter(document=plan, title=plan.title).exists()
    assert not CrossReference.objects.filter(document=plan, target=plan).exists()


def test_measures_carry_instruments_and_target_groups():
    measure = Measure.objects.get(
        document__key="achievement-transfer-plan-2016", summary__contains="15-30万元后补助"
    )
    assert "post_completion_subsidy" in {t.key for t in measure.instrument_types.all()}
    assert measure.subsidies.get().amount_min == Decimal("150000")
    assert Measure.objects.filter(responsible_units__contains="省科技厅").exists()
