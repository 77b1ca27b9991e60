"""The corpus with its numbers changed (``policybase.renumber``): the rules
read the construction, not the figures they were written from."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from policybase import renumber
from policybase.management.commands.score_corpus import score_folder
from policybase.scoring import Fact, total

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.mark.parametrize(
    "text, changed",
    [
        ("给予最高500万元奖励", "给予最高1000万元奖励"),
        ("占比达到30%，增长2.5倍", "占比达到60%，增长5.0倍"),
        ("建设3-5个示范区", "建设6-10个示范区"),
        # what is no quantity stays as printed
        ("到2025年，第3条，2021年6月7日", "到2025年，第3条，2021年6月7日"),
        ("鲁政发〔2019〕4号，按1:1比例，5G基站", "鲁政发〔2019〕4号，按1:1比例，5G基站"),
        ("1.加强领导\n（2）完善机制\n3\t黄浦区\t0.3", "1.加强领导\n（2）完善机制\n3\t黄浦区\t0.6"),
        ("附件1\n申请表\n附件 2 每年最高100万元\n附件4-1", "附件1\n申请表\n附件 2 每年最高200万元\n附件4-1"),
        ("2023 年5 月30 日，资助5 万元", "2023 年5 月30 日，资助10 万元"),
    ],
)
def test_quantities_double_and_labels_stay(text, changed):
    assert renumber.Renumbered(text).text == changed


def test_the_annotation_moves_with_the_text():
    text = "一、目标\n到2025年，企业达到50家，投入300万元。"
    annotation = {
        "headings": [{"label": "一、", "title": "目标", "text": "一、目标"}],
        "facts": [{"kind": "target", "quote": "投入300万元", "value": "300", "unit": "万元"}],
        "excluded": [{"quote": "到2025年", "why": "year"}],
    }
    changed = renumber.Renumbered(text)
    moved = renumber.renumbered_annotation(annotation, text, changed)
    assert changed.text.endswith("企业达到100家，投入600万元。")
    assert moved["facts"][0]["quote"] == "投入600万元"
    assert moved["excluded"][0]["quote"] == "到2025年"


def test_each_term_may_read_as_printed_or_doubled():
    gold = {"kind": "subsidy", "amount_max_yuan": "5000000", "ratio_percent": "100",
            "cap_yuan": "5000000", "amount_min_yuan": None}
    # "按1:1比例，给予最高500万元" doubled: the ratio stays, the cap doubles
    read = Fact("subsidy", 0, 1, 0, 1, amount_max=Decimal(10000000), ratio_percent=Decimal(100),
                cap=Decimal(10000000))
    assert renumber.same_terms_renumbered(gold, read)
    assert not renumber.same_terms_renumbered(gold, replace(read, cap=Decimal(7000000)))


@pytest.mark.parametrize("part", ["held-out-12", "held-out-15"])
def test_the_scores_hold_with_every_number_doubled(part):
    # Parts with no enumeration counts: a rule that compares a count with the
    # items listed ("京津冀、上海…等8个区域") rightly reads the doubled count
    # as another number.
    plain = total(score_folder(CORPUS / part))
    doubled = total(score_folder(CORPUS / part, renumbered=True))
    for kind in ("target", "subsidy"):
        assert (doubled[kind].matched, doubled[kind].extracted) == (
            plain[kind].matched,
            plain[kind].extracted,
        )
