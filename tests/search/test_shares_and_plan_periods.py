"""Search classes of the forty-sixth to forty-eighth query sets (tests/
search/asked/held-out-46.json … -48.json), read after their first scoring:
a share typed in digits where a regulation writes it in Chinese numerals
("70%" for "不低于百分之七十") and a share in tenths ("七成", "两成"); the
end of a five-year plan named for its last year ("十四五末"); and
colloquial and English forms (每三个月 for 每季度, 上班族 for 从业人员,
abuse of power, non-profit); each with the set's query and queries written
in the same style."""

import pytest

from documents.search.query import chinese_numeral, parse, percent_spelling
from tests.search.relevance import top_keys as keys

# The fourteenth five-year plan, the Songjiang regulation, Beihu's measures
PLAN, REGULATION, BEIHU = "st-development-plan-14th-fyp", "regulation_songjiang_transfer", "subsidy_songjiang_beihu-fj1"

pytestmark = pytest.mark.usefixtures("corpus")


@pytest.mark.parametrize(
    "value, written", [(5, "五"), (10, "十"), (15, "十五"), (20, "二十"), (35, "三十五"), (70, "七十"), (100, "一百")]
)
def test_shares_are_spelt_as_the_regulations_write_them(value, written):
    assert chinese_numeral(value) == written
    assert percent_spelling(str(value)) == "百分之" + written


@pytest.mark.parametrize("digits", ["0", "101", "2.5", "2025"])
def test_what_is_no_share_has_no_spelling(digits):
    assert percent_spelling(digits) is None


def test_a_number_typed_without_a_percent_sign_is_not_sought_as_a_share():
    forms = [f.text for group in parse("70 家").groups for term in group for f in term.forms]
    assert "百分之七十" not in forms
    forms = [f.text for group in parse("70%").groups for term in group for f in term.forms]
    assert "百分之七十" in forms


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-48
        ("70%", f"{REGULATION}/c3.s2.a11.n1"),
        # style
        ("作价投资 70%", f"{REGULATION}/c3.s2.a11.n2"),
        ("七成 净收入 提取", f"{REGULATION}/c3.s2.a11.n1"),
        ("两成 技术合同", f"{BEIHU}/p3.n1"),
    ],
)
def test_a_share_is_found_however_it_is_written(raw, answer, genre):
    genre(REGULATION)
    genre("subsidy_songjiang_beihu")
    assert answer in keys(raw)[:5]


@pytest.mark.parametrize(
    "raw, answer",
    [
        # held-out-46, -48
        ("政府出钱形成的成果 每三个月公开一次", "achievement-transfer-plan-2016/p2.n1.para1"),
        ("每一万个上班族里搞研发的 吉林 2020年基数", f"{PLAN}/c2.s3.t1.r2"),
        # held-out-47
        ("Songjiang tech transfer officials abuse of power penalty", f"{REGULATION}/c4.a13"),
        ("for-profit vs non-profit tech commercialization pathways Jilin", f"{PLAN}/c2.s4.b5"),
        ("不辞职 边上班边开科技公司", f"{PLAN}/c7.s1.para3"),
        # style
        ("科技成果 每三个月 公布", "achievement-transfer-plan-2016/p2.n1.para1"),
        ("每万个上班族 研发人员 目标", f"{PLAN}/c2.s3.t1.r2"),
        ("non-profit 成果转化", f"{PLAN}/c2.s4.b5"),
        ("十四五末 高新技术企业 目标", f"{PLAN}/c2.s3.t1.r4"),
    ],
)
def test_forms_of_the_forty_sixth_to_forty_eighth_sets(raw, answer, genre):
    genre(REGULATION)
    assert answer in keys(raw)[:5]
