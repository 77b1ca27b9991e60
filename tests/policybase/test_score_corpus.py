"""The corpus scorer (``manage.py score_corpus``) and the figures it must reach.

The development half of tests/data/corpus is scored on every run with the
figures it reaches today as floors (raised as the rules improve).  The
held-out half is scored against the goals of the issue: that test runs only
when SCORE_HELD_OUT=1 is set, so that its per-document results are not in
front of whoever writes rules.  It has been scored twice, the second time
after the classes its first scoring showed were fixed (tests/data/corpus/
README.md, "Scoring the held-out half").  The second held-out part
(held-out-2) was scored once and then used to find and fix classes, so it is
development material now: it is scored on every run with the figures it
reaches as floors ("A second held-out half (held-out-2)").
"""

import json
import os
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policybase import scoring

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"

# The one table of thresholds: (category, measure) -> floor, per half.
THRESHOLDS = {
    "dev": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 1.0,
        ("figure", "f1"): 0.9,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out": {
        ("headings", "recall"): 0.95,
        ("target", "f1"): 0.85,
        ("subsidy", "f1"): 0.85,
        ("metadata", "recall"): 0.90,
    },
    # Parts no longer held out keep the figures reached after their classes
    # were fixed (held-out-3 stays below the goals: docs/benchmarks.md).
    "held-out-3": {
        ("headings", "recall"): 0.99,
        ("target", "f1"): 0.84,
        ("subsidy", "f1"): 0.82,
        ("metadata", "recall"): 1.0,
    },
    "held-out-5": {
        ("headings", "recall"): 0.91,
        ("target", "f1"): 0.71,
        ("subsidy", "f1"): 0.98,
        ("metadata", "recall"): 0.97,
    },
    "held-out-6": {
        ("headings", "recall"): 0.94,
        ("target", "f1"): 0.70,
        ("subsidy", "f1"): 0.71,
        ("metadata", "recall"): 1.0,
    },
    "held-out-4": {
        ("headings", "recall"): 1.0,
        ("headings", "precision"): 1.0,
        ("target", "f1"): 0.88,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-7": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 0.78,
        ("subsidy", "f1"): 0.80,
        ("metadata", "recall"): 0.95,
    },
    "held-out-8": {
        ("headings", "recall"): 0.97,
        ("target", "f1"): 1.0,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-9": {
        ("headings", "recall"): 0.89,
        ("target", "f1"): 0.89,
        ("subsidy", "f1"): 0.95,
        ("metadata", "recall"): 0.93,
    },
    "held-out-10": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 0.93,
        ("subsidy", "f1"): 0.93,
        ("metadata", "recall"): 1.0,
    },
    "held-out-11": {
        ("headings", "recall"): 0.97,
        ("target", "f1"): 0.90,
        ("subsidy", "f1"): 0.91,
        ("metadata", "recall"): 0.91,
    },
    "held-out-12": {
        ("headings", "recall"): 0.96,
        ("target", "f1"): 0.98,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 0.93,
    },
    "held-out-13": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 1.0,
        ("figure", "f1"): 1.0,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-14": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 0.94,
        ("figure", "f1"): 0.94,
        ("metadata", "recall"): 1.0,
    },
    "held-out-15": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 1.0,
        ("figure", "f1"): 1.0,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-16": {
        ("headings", "recall"): 0.85,
        ("target", "f1"): 0.66,
        ("metadata", "recall"): 1.0,
    },
    "held-out-26": {
        ("headings", "recall"): 0.85,
        ("target", "f1"): 0.94,
        ("subsidy", "f1"): 0.89,
        ("metadata", "recall"): 0.95,
    },
    "held-out-25": {
        ("headings", "recall"): 0.77,
        ("target", "recall"): 1.0,
        ("target", "f1"): 0.7,
        ("subsidy", "f1"): 0.93,
        ("metadata", "recall"): 0.93,
    },
    "held-out-24": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 0.72,
        ("subsidy", "f1"): 0.93,
        ("metadata", "recall"): 0.95,
    },
    "held-out-23": {
        ("headings", "recall"): 0.82,
        ("target", "f1"): 0.86,
        ("subsidy", "f1"): 0.92,
        ("metadata", "recall"): 0.96,
    },
    "held-out-22": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 0.88,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 0.96,
    },
    "held-out-21": {
        ("headings", "recall"): 0.97,
        ("target", "recall"): 1.0,
        ("target", "f1"): 0.98,
        ("metadata", "recall"): 1.0,
    },
    "held-out-20": {
        ("headings", "recall"): 0.96,
        ("headings", "precision"): 1.0,
        ("target", "f1"): 0.95,
        ("figure", "recall"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-19": {
        ("headings", "recall"): 1.0,
        ("target", "precision"): 1.0,
        ("target", "f1"): 0.93,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 0.9,
    },
    "held-out-18": {
        ("headings", "recall"): 1.0,
        ("target", "f1"): 1.0,
        ("subsidy", "f1"): 1.0,
        ("metadata", "recall"): 1.0,
    },
    "held-out-17": {
        ("headings", "recall"): 0.88,
        ("target", "recall"): 1.0,
        ("target", "f1"): 0.55,
        ("subsidy", "f1"): 0.87,
        ("metadata", "recall"): 1.0,
    },
    "held-out-2": {
        ("headings", "recall"): 0.99,
        ("headings", "precision"): 0.97,
        ("target", "f1"): 1.0,
        ("figure", "f1"): 1.0,
        ("subsidy", "f1"): 0.97,
        ("metadata", "recall"): 1.0,
    },
}


def corpus_total(half: str) -> dict:
    out = StringIO()
    call_command("score_corpus", str(CORPUS / half), "--json", stdout=out)
    return json.loads(out.getvalue())["total"]


def below(half: str, total: dict) -> list[str]:
    return [
        f"{category} {measure} {total[category][measure]:.3f} < {floor}"
        for (category, measure), floor in THRESHOLDS[half].items()
        if total[category][measure] < floor
    ]


def test_the_development_half_reaches_its_figures():
    total = corpus_total("dev")
    assert total["subsidy"]["annotated"] == 79
    assert not below("dev", total), total


def test_the_second_held_out_part_keeps_the_figures_reached_on_it():
    # no longer held out: its classes were fixed after its first scoring
    total = corpus_total("held-out-2")
    assert (total["subsidy"]["annotated"], total["target"]["annotated"]) == (137, 33)
    assert not below("held-out-2", total), total


@pytest.mark.parametrize(
    "part",
    [
        "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8",
        "held-out-9", "held-out-10", "held-out-11", "held-out-12", "held-out-13",
        "held-out-14", "held-out-15", "held-out-16", "held-out-17", "held-out-18",
        "held-out-19", "held-out-20", "held-out-21", "held-out-22", "held-out-23", "held-out-24",
        "held-out-25", "held-out-26",
    ],
)
def test_the_later_held_out_parts_keep_the_figures_reached_on_them(part):
    # no longer held out either: scored once, then their classes were fixed
    assert not below(part, corpus_total(part))


@pytest.mark.skipif(
    os.environ.get("SCORE_HELD_OUT") != "1",
    reason="the held-out half is scored on request only (SCORE_HELD_OUT=1)",
)
@pytest.mark.parametrize("half", ["held-out"])
def test_the_held_out_half_reaches_the_goals(half):
    total = corpus_total(half)
    assert not below(half, total), total


def test_verbose_lists_misses_and_extras_with_their_sentences(tmp_path):
    key = "cn-gov-reply-tech-water-saving-suggestion-2005"
    (tmp_path / f"{key}.txt").write_bytes((CORPUS / "dev" / f"{key}.txt").read_bytes())
    data = json.loads((CORPUS / "dev" / f"{key}.json").read_text(encoding="utf-8"))
    wrong = next(f for f in data["facts"] if f["kind"] == "figure")
    data["facts"].append({**wrong, "value": "1", "quote": wrong["quote"]})  # read as nothing
    data["facts"].remove(wrong)  # so the right reading becomes an extra
    (tmp_path / f"{key}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("score_corpus", str(tmp_path), "--verbose", stdout=out)
    text = out.getvalue()
    assert "total (found/annotated" in text
    assert "miss:" in text and "extra:" in text
    assert "「" in text  # a sentence


def test_a_folder_without_texts_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no .txt files"):
        call_command("score_corpus", str(tmp_path))


# --- the comparison on its own ---------------------------------------------------

TEXT = "一、支持对象\n对新引进企业，给予最高500万元支持，按投入的30%给予补贴。企业注册一年以上。\n"


def fact(kind, quote, **values):
    start = TEXT.index(quote)
    return scoring.Fact(kind, start, start + len(quote), 0, len(TEXT), **values)


def annotation(**changes):
    base = {
        "metadata": {"title": "某办法", "issuers": ["甲局", "乙局"], "doc_number": None, "date": None},
        "headings": [{"label": "一、", "title": "支持对象", "text": "一、支持对象"}],
        "facts": [
            {
                "kind": "subsidy",
                "quote": "给予最高500万元支持",
                "value": "500",
                "unit": "万元",
                "amount_min_yuan": None,
                "amount_max_yuan": "5000000",
                "ratio_percent": None,
                "cap_yuan": "5000000",
            }
        ],
        "excluded": [{"quote": "企业注册一年以上", "why": "eligibility condition"}],
    }
    return {**base, **changes}


def extracted(facts, headings=None, **metadata):
    return scoring.Extracted(
        key="doc",
        text=TEXT,
        headings=headings if headings is not None else [scoring.Heading("一、", "支持对象", 0)],
        metadata={"title": "某办法", "issuers": ["乙局", "甲局"], "doc_number": None,
                  "date": None, **metadata},
        facts=facts,
    )


def test_a_subsidy_is_found_only_with_all_its_terms_right():
    right = fact("subsidy", "最高500万元", amount_max=Decimal(5000000), cap=Decimal(5000000))
    no_cap = fact("subsidy", "最高500万元", amount_max=Decimal(5000000))
    score = scoring.score_document(annotation(), extracted([right]))
    assert score.counts["subsidy"].as_dict()["f1"] == 1.0
    score = scoring.score_document(annotation(), extracted([no_cap]))
    count = score.counts["subsidy"]
    assert (count.matched, count.extracted, count.annotated) == (0, 1, 1)


def test_every_extracted_fact_matching_nothing_is_an_extra():
    right = fact("subsidy", "最高500万元", amount_max=Decimal(5000000), cap=Decimal(5000000))
    ratio = fact("target", "30%", value=Decimal(30), unit="%")
    excluded = fact("figure", "一年", value=Decimal(1), unit="年")
    score = scoring.score_document(annotation(), extracted([right, ratio, excluded]))
    assert score.counts["target"].as_dict()["precision"] == 0.0
    extras = [f.detail for f in score.findings if f.what == "extra"]
    assert len(extras) == 2
    assert any("excluded in the annotation" in e for e in extras)


def test_headings_match_on_label_and_title_and_an_attachment_keeps_its_children():
    attachment = {
        "label": "附件",
        "title": "清单",
        "text": "附件",
        "children": [{"label": "一、", "title": "甲方面", "text": "一、甲方面"}],
    }
    gold = annotation(headings=[annotation()["headings"][0], attachment])
    flat = [scoring.Heading("一、", "支持对象", 0), scoring.Heading("一、", "甲方面", 0)]
    score = scoring.score_document(gold, extracted([], headings=flat))
    assert (score.counts["headings"].matched, score.counts["headings"].extracted) == (1, 2)
    nested = [
        scoring.Heading("一、", "支持对象。", 0),
        scoring.Heading("附件", "清单", 0, (scoring.Heading("一、", "甲方面", 0),)),
    ]
    score = scoring.score_document(gold, extracted([], headings=nested))
    assert score.counts["headings"].as_dict()["f1"] == 1.0


def test_the_articles_of_an_issued_policy_are_its_headings_beside_its_attachments():
    # held-out-10 广州 办法: articles without chapters, then "附件：1.…流程图"
    from documents.parsing.pipeline import parse_text

    parsed = parse_text(
        "广州市人民政府办公厅关于印发某某办法的通知\n各区人民政府：\n现将《某某办法》印发给你们。\n"
        "广州市人民政府办公厅\n2020年6月29日\n某某办法\n第一条 为了规范管理，制定本办法。\n"
        "第二条 本办法自印发之日起施行。\n附件：1.流程图\n"
    )
    (policy,) = scoring.top_headings(parsed.provisions)
    assert [h.label for h in policy.children] == ["第一条", "第二条", "附件"]


def test_metadata_counts_a_doc_number_only_where_one_is_printed():
    score = scoring.score_document(annotation(), extracted([], doc_number="某发〔2020〕1号"))
    count = score.counts["metadata"]
    assert (count.matched, count.annotated) == (3, 3)
    assert any(f.what == "unscored" for f in score.findings)
    score = scoring.score_document(annotation(), extracted([], issuers=["甲局"]))
    assert score.counts["metadata"].matched == 2


def test_a_fraction_in_the_annotation_reads_as_its_quotient():
    third = {"kind": "target", "value": "1/3", "unit": "fraction"}
    assert scoring.same_terms(third, fact("target", "30%", value=Decimal("33.33"), unit="%"))
    assert not scoring.same_terms(third, fact("target", "30%", value=Decimal("30"), unit="%"))
    assert scoring.number("1/0") is None and scoring.number("7") == 7


def test_a_scheme_named_without_an_amount_is_a_mention_not_a_rule():
    assert scoring.is_mention(fact("subsidy", "给予补贴"))
    assert not scoring.is_mention(fact("subsidy", "按投入的30%", ratio_percent=Decimal(30)))
    assert not scoring.is_mention(fact("target", "30%", value=Decimal(30), unit="%"))


def test_the_same_sum_in_another_money_unit_is_the_same_fact():
    # held-out-4 体育 意见: "2万亿元" annotated as 20000 亿元
    gold = {"kind": "target", "value": "20000", "unit": "亿元"}
    assert scoring.same_terms(gold, scoring.Fact("target", 0, 1, 0, 1, value=Decimal(2), unit="万亿元"))
    assert not scoring.same_terms(gold, scoring.Fact("target", 0, 1, 0, 1, value=Decimal(2), unit="亿元"))
    # units of other kinds are compared as written
    gold = {"kind": "target", "value": "1.2", "unit": "亿千瓦"}
    assert not scoring.same_terms(gold, scoring.Fact("target", 0, 1, 0, 1, value=Decimal(12000), unit="万千瓦"))
