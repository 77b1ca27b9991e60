"""The extractors accept any text: every offset they return lies inside it."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from documents.crossrefs import find_crossrefs
from documents.parsing.normalise import normalise
from documents.themes import THEMES_BY_SLUG, classify
from measures.extraction.measures import extract_measures
from measures.extraction.subsidies import extract_subsidies

SOURCES = sorted((Path(__file__).parents[2] / "fixtures" / "sources").glob("*.txt"))
# Characters and words of the genre, so that random text hits the rules.
PIECES = [
    "对",
    "的",
    "企业",
    "，",
    "。",
    "；",
    "：",
    "给予",
    "最高不超过",
    "不低于",
    "万元",
    "亿元",
    "元",
    "%",
    "10",
    "50-100",
    "每项",
    "一次性",
    "奖励",
    "补助",
    "后补助",
    "贴息",
    "贷款",
    "支持",
    "通过",
    "资金",
    "基金",
    "从",
    "中列支",
    "将",
    "以",
    "比例",
    "奖给",
    "达到",
    "累计",
    "《",
    "》",
    "（",
    "）",
    "吉发",
    "〔2016〕",
    "26号",
    "\n",
    "省科技厅",
    "各地",
    "要",
    "鼓励",
    "技术转移",
    "孵化器",
    "高校",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, 10_000))
def test_random_text(pieces, offset):
    text = "".join(pieces)
    for rule in extract_subsidies(text, offset=offset):
        assert offset <= rule.sentence_start <= rule.start < rule.end
        assert rule.end <= rule.sentence_end <= offset + len(text)
    for measure in extract_measures(text, offset=offset, heading="支持"):
        assert offset <= measure.start < measure.end <= offset + len(text)
    for ref in find_crossrefs(text, offset=offset):
        assert offset <= ref.start < ref.end <= offset + len(text)
    assert all(slug in THEMES_BY_SLUG for slug in classify(text, "高校"))


def test_whole_documents_in_one_call():
    # The pipeline calls per provision; a whole document must work as well.
    for path in SOURCES:
        text = normalise(path.read_text(encoding="utf-8")).text
        for rule in extract_subsidies(text):
            assert 0 <= rule.start < rule.end <= len(text)
        for measure in extract_measures(text):
            assert text[measure.start : measure.end] == measure.summary
