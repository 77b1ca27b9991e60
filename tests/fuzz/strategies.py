"""Hypothesis strategies for policy-text fuzzing.

Inputs mix what breaks Chinese policy parsers: full-width forms, Chinese
numerals (大写 included), 〔〕 and ○ of 文号 and years, heading markers,
units and comparators, mixed punctuation and line breaks, and real
sentences from the bundled sources cut at random points and spliced
together.
"""

import re
from pathlib import Path

from hypothesis import strategies as st

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"

FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
CHINESE_NUMERALS = "〇○零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億"
PUNCTUATION = "，。；：、！？（）《》【】〔〕“”‘’—…·％%.,;:()[]-+/~～ \n\t\r"
ASCII = "0123456789.%-+eE "
ALPHABET = FULL_WIDTH + CHINESE_NUMERALS + PUNCTUATION + ASCII + "年月日号第章节条款项元个家项人倍"

TOKENS = [
    "第一章", "第二节", "第三条", "一、", "（一）", "(二)", "1.", "（1）", "专栏", "附件",
    "吉科发〔2022〕109号", "吉政办发〔二○二一〕5号", "二○二五年", "〇", "○", "〔", "〕",
    "《吉林省科技创新“十四五”规划》", "十四五", "十三五", "2025年", "2020年末",
    "达到", "不低于", "超过", "力争", "增长", "年均增长", "左右", "以上", "以内", "至",
    "万元", "亿元", "元", "%", "％", "个百分点", "倍", "家", "项", "人次", "万人",
    "给予", "补助", "奖励", "最高不超过", "按照", "比例", "贴息", "后补助", "一次性",
    "研究与试验发展（R&D）经费投入强度", "高新技术企业数量", "技术合同成交额",
    "省科技厅", "牵头单位：", "责任单位：", "|", "｜", "\n", "\n\n", "。", "；",
]


def _sentences() -> list[str]:
    out = []
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out.extend(s for s in re.split(r"(?<=[。；\n])", text) if s.strip())
    return out or ["全省研发经费投入强度达到2.5%。"]


SENTENCES = _sentences()

sentence_slice = st.tuples(
    st.sampled_from(SENTENCES), st.integers(0, 200), st.integers(0, 200)
).map(lambda t: t[0][min(t[1], t[2]) : max(t[1], t[2]) or None])

fragment = st.one_of(
    st.text(alphabet=ALPHABET, max_size=24),
    st.sampled_from(TOKENS),
    st.sampled_from(SENTENCES),
    sentence_slice,
    st.text(max_size=8),  # anything at all, surrogates excluded by Hypothesis
)

policy_text = st.lists(fragment, max_size=14).map("".join)
short_text = st.lists(fragment, max_size=4).map("".join)
cells = st.dictionaries(short_text, short_text, max_size=6)
