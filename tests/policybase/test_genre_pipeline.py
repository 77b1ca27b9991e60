"""Documents of the same genre the rules were never tuned on, through the
whole pipeline (tests/data/genre, written for these tests).  The expected
facts below were read off the texts by hand."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.models import Document
from measures.models import Subsidy
from targets.models import Figure, Target

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"


@pytest.fixture
def ingest_genre(db):
    Document.objects.all().delete()  # whatever the session corpus holds

    def run(name):
        """The document of the file, or where the file is a notice over a
        policy, the policy (the notice's number and date are its too)."""
        call_command("ingest", str(GENRE / name), stdout=StringIO())
        document = Document.objects.get(source_name=name, part_of=None)
        return document.parts.first() or document

    return run


def amounts(document):
    return sorted(
        (s.amount_max or Decimal(0), s.ratio_percent or Decimal(0))
        for s in Subsidy.objects.filter(document=document)
    )


def test_district_subsidy_scheme(ingest_genre):
    document = ingest_genre("subsidy_songjiang_beihu.txt")
    assert document.part_of.doc_number == "松北府办发〔2023〕12号"
    assert str(document.issued_on) == "2023-03-15"
    yuan = {s.amount_max for s in Subsidy.objects.filter(document=document)}
    # Every amount of the eleven rules, read off the text.
    assert {
        Decimal(v) for v in ("500000", "1000000", "300000", "100000", "200000",
                             "50000", "10000", "2000000")
    } <= yuan
    ratios = sorted(
        s.ratio_percent for s in Subsidy.objects.filter(document=document, ratio_percent__isnull=False)
    )
    assert ratios == [Decimal(10), Decimal(15), Decimal(20)]
    capped = Subsidy.objects.get(document=document, ratio_percent=20)
    assert capped.cap == Decimal("500000") and "技术合同" in capped.basis
    assert Subsidy.objects.filter(document=document).count() == 11


def test_district_subsidy_scheme_in_gb18030_gives_the_same_facts(ingest_genre):
    utf8 = amounts(ingest_genre("subsidy_songjiang_beihu.txt"))
    gb = amounts(ingest_genre("subsidy_songjiang_beihu.gb18030.txt"))
    assert gb == utf8


def test_municipal_plan_targets_table_and_figures(ingest_genre):
    document = ingest_genre("plan_songjiang_14th.txt")
    assert document.plan_period == (2021, 2025)
    rd = Target.objects.get(document=document, indicator__key="rd_gdp_ratio")
    assert (rd.value, rd.year, rd.baseline_value, rd.baseline_year) == (
        Decimal("2.0"), 2025, Decimal("1.3"), 2020
    )
    assert Figure.objects.filter(
        document=document, indicator__key="rd_gdp_ratio", year=2020, value=Decimal("1.3")
    ).exists()
    assert Target.objects.filter(
        document=document, value=600, unit="家", year=2025
    ).count() >= 2  # the table row and 力争到2025年…达到600家
    assert Target.objects.filter(
        document=document, value=10, unit="个", year=2025,
        indicator_phrase__contains="重点实验室",
    ).exists()
    assert Figure.objects.filter(document=document, value=320, unit="家", year=2020).exists()
    assert Figure.objects.filter(
        document=document, value=Decimal("28.6"), unit="亿元", year=2020
    ).exists()


def test_reply_to_a_proposal(ingest_genre):
    document = ingest_genre("reply_songjiang_cppcc86.txt")
    assert document.doc_type == "答复"
    assert document.doc_number == "松科函〔2023〕45号"
    assert document.issuer == "松江市科学技术局"
    figures = {(f.value, f.unit) for f in Figure.objects.filter(document=document)}
    for value, unit in [("1.5", "亿元"), ("216", "个"), ("3200", "万元"), ("418", "户"),
                        ("15.8", "亿元"), ("2.3", "亿元"), ("6", "亿元"), ("260", "名"),
                        ("530", "家")]:
        assert (Decimal(value), unit) in figures, (value, unit)
    caps = {s.cap for s in Subsidy.objects.filter(document=document)}
    assert {Decimal("300000"), Decimal("1000000")} <= caps


def test_regulation_with_articles_and_chinese_numerals(ingest_genre):
    document = ingest_genre("regulation_songjiang_transfer.txt")
    assert document.doc_type == "条例"
    articles = document.provisions.filter(kind="article")
    assert articles.count() == 14
    assert articles.get(number=9).parent.heading == "资金支持"
    interest = Subsidy.objects.get(document=document, kind="interest_subsidy")
    assert interest.cap == Decimal("1000000")  # 最高不超过一百万元
    shares = Subsidy.objects.filter(document=document, kind="inventor_share")
    assert [s.ratio_percent for s in shares] == [Decimal(70), Decimal(70)]  # 百分之七十
