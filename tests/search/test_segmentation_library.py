"""The fast normal form and rjieba's segmentation give exactly what jieba gives.

segmentation_reference.py holds the old code (a loop over characters for the
normal form, jieba's own cut and cut_for_search for the words); every test
here compares against it, byte for byte: the real provisions and source
files, awkward strings, every Unicode character, words added to the
dictionary at run time, and generated text.
"""

import random
import string
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.models import Provision
from documents.search import normalise as normalise_module
from documents.search import segmentation
from documents.search.normalise import _converter, normalise, normalise_with_offsets
from tests.fuzz.strategies import policy_text

from . import segmentation_reference as reference

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
SOURCE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt"))]


def assert_same(text: str) -> None:
    """Every public function gives what the old code (jieba) gives for ``text``."""
    assert normalise_with_offsets(text) == reference.normalise_with_offsets(text)
    normal = reference.normalise(text)
    assert normalise(text) == normal
    assert segmentation.segment(text) == reference.segment_uncached(text)
    assert segmentation.tokens(text) == reference.tokens(text)
    assert segmentation.query_words(normal) == reference.query_words(normal)
    jieba = segmentation.tokenizer()
    for sentence in (normal, text):  # raw text too: capitals, "\r\n", tabs
        assert segmentation.cut(sentence) == list(jieba.cut(sentence, HMM=False))
        assert segmentation.cut_for_search(sentence) == list(
            jieba.cut_for_search(sentence, HMM=False)
        )


def assert_same_index_text(text: str) -> None:
    assert segmentation.segment(text) == reference.segment_uncached(text)
    assert segmentation.tokens(text) == reference.tokens(text)


# --- real text ------------------------------------------------------------------------


def test_every_provision(corpus):
    texts = [
        " ".join(filter(None, (p.heading, p.text))) for p in Provision.objects.order_by("pk")
    ]
    assert len(texts) > 300
    for text in texts:
        assert_same(text)


@pytest.mark.parametrize("text", SOURCE_TEXTS, ids=[p.name[:3] for p in sorted(SOURCES.glob("*.txt"))])
def test_every_source_file_whole_and_line_by_line(text):
    assert_same(text)
    for line in text.splitlines():
        assert_same_index_text(line)


# --- awkward strings ---------------------------------------------------------------

TRICKY = [
    "",
    " ",
    "\x00",
    "科技\x00成果",
    "R&D2025年",
    "研究与试验发展（R&D）经费投入强度达到2.5%",
    "5G",
    "5G基站和4K超高清",
    "ａｂｃ１２３",
    "ＡＢＣ",
    "Ｒ＆Ｄ经费",
    "ABC def GHI",
    "abc123def456",
    "a1b2c3",
    "x",
    "c++和c#",
    "3d打印",
    "科技成果轉化與產業化",
    "推進ＡＢＣ",
    "發展規劃綱要",
    "臺灣",
    "科技\r\n成果\n\n转化\t\t\r\r\n",
    "\u3000\u3000吉林省促进科技成果转移转化实施方案",
    "全省研发经费投入强度达到2.5%。",
    "1.2.3版本_v2-beta",
    "__init__",
    "a_b_c",
    "email@example.com",
    "http://www.jl.gov.cn/zw/index.html?a=1&b=2",
    "吉科发〔2022〕109号",
    "二○二五年",
    "①加强基础研究；②推动成果转化。",
    "㎡㎏℃™ﬁﬂ",
    "Ⅻ Ⅳ ⅷ",
    "İstanbul ǅ ẞ",
    "ΑΒΓ αβγ Ωμέγα",
    "μＬＥＤ显示器",
    "😀科技🚀成果👍🏽",
    "𠀀𠀁𪚥",  # CJK extension B
    "\u200b\u200d\ufeff",
    "e\u0301\u0301",
    "가나다 ㄱㄴ",
    "ｶﾀｶﾅ",
    "- + # & . _ %",
    "----",
    "%%%科技",
    "科技" * 200,
    "的" * 50,
    "高企高企双创",
    "提高企业",
    "科技成果转化科技成果转化",
    "中华人民共和国",
    "2025年12月31日",
    "１９９８年",
    "第一章　总则",
    "９０％以上的技术创新活动",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings(text):
    assert_same(text)


def test_every_unicode_character_folds_as_before():
    # In chunks, so that a chunk's phrase-free run through OpenCC and each
    # character's fold (one, two or more characters) are all exercised.
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(chars), 4096):
        chunk = "".join(chars[start : start + 4096])
        assert normalise_with_offsets(chunk) == reference.normalise_with_offsets(chunk)
        assert normalise(chunk) == reference.normalise(chunk)


def test_every_bmp_character_segments_as_before():
    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    for start in range(0, len(chars), 500):
        assert_same_index_text(chars[start : start + 500])


def test_a_lone_surrogate_fails_as_before():
    with pytest.raises(UnicodeEncodeError):
        reference.segment_uncached("科技\ud800")
    with pytest.raises(UnicodeEncodeError):
        segmentation.segment("科技\ud800")


def test_offsets_point_into_the_simplified_text_when_opencc_changes_length(monkeypatch):
    # No t2s table entry changes the length today; a converter that does
    # takes the other branch of normalise_with_offsets.
    class Converter:
        def convert(self, text):
            return text.replace("發展", "发").replace("臺", "台台")

    monkeypatch.setattr(normalise_module, "_converter", Converter)
    for text in ["科技發展規劃", "臺灣ＡＢＣ", "ﬁ臺㎡", "發展"]:
        assert normalise_with_offsets(text) == reference.normalise_with_offsets(text)
        assert normalise_with_offsets(text)[2] != text
        assert normalise(text) == reference.normalise(text)


def test_opencc_leaves_ascii_alone():
    # normalise skips OpenCC for ASCII text on this ground.
    assert _converter().convert("".join(map(chr, range(128)))) == "".join(map(chr, range(128)))
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choices(string.printable + "\x00\x01\x7f", k=rng.randint(0, 80)))
        assert _converter().convert(text) == text


def test_index_words_splits_as_before():
    rng = random.Random(11)
    pool = "科技ab12_-+.&#% \t\n，。"
    for _ in range(500):
        pieces = ["".join(rng.choices(pool, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]
        assert segmentation.index_words(pieces) == reference.index_words(pieces)


# --- the dictionary changing at run time ---------------------------------------------


@pytest.fixture
def dictionary():
    """The shared tokenizer, with its dictionary put back after the test."""
    jieba = segmentation.tokenizer()
    freq, total = jieba.FREQ, jieba.total
    jieba.FREQ = dict(freq)
    yield jieba
    jieba.FREQ, jieba.total = freq, total


def test_an_added_word_is_cut_at_once(dictionary):
    text = "申请吉科贷支持，推动科创走廊建设"
    before = segmentation.tokens(text)
    dictionary.add_word("吉科贷", freq=1000)
    dictionary.add_word("科创走廊")  # jieba suggests the frequency
    assert_same(text)
    assert segmentation.tokens(text) != before
    assert "吉科贷" in segmentation.tokens(text) and "科创走廊" in segmentation.tokens(text)


def test_a_deleted_word_is_no_longer_cut(dictionary):
    # del_word sets the frequency to 0 and leaves total and len(FREQ) as
    # they were: only the tokenizer's edit count shows the change.
    text = "加快科技成果产业化"
    before = segmentation.tokens(text)
    dictionary.del_word("科技")
    dictionary.del_word("产业化")
    assert_same(text)
    assert segmentation.tokens(text) != before


def test_changed_frequencies_and_words_with_letters_and_digits(dictionary):
    dictionary.add_word("成果转化", freq=5)
    dictionary.add_word("5g基站", freq=5000)
    dictionary.add_word("r&d", freq=5000)
    dictionary.add_word("3d打印", freq=5000)
    dictionary.suggest_freq(("科技", "成果"), tune=True)
    for text in ["5G基站建设", "R&D2025年", "３Ｄ打印技术", "科技成果转化", *TRICKY[:20]]:
        assert_same(text)


def test_ties_go_to_the_longer_word(dictionary):
    # 甲乙|丙 and 甲|乙丙 score the same two values: jieba's max over
    # (prob, end) tuples takes the later end, so 甲乙 wins.
    for word in ("甲", "乙", "丙", "甲乙", "乙丙"):
        dictionary.add_word(word, freq=100)
    assert_same("甲乙丙")
    assert segmentation.cut("甲乙丙") == ["甲乙", "丙"]


def test_a_word_without_its_prefixes(dictionary):
    # Written into FREQ directly, so its prefixes are no keys: jieba never
    # reaches it from its first character, but cut_for_search finds it as a
    # 2- or 3-gram.
    dictionary.add_word("科靐齉龘", freq=5000)  # 靐 starts no key
    dictionary.FREQ["靐齉"] = 500
    dictionary.FREQ["齉龘靐"] = 500
    dictionary.total += 1000
    for text in ["靐齉齉龘靐", "科技靐齉", "齉龘靐科技成果转化", "推动科靐齉龘建设"]:
        assert_same(text)
    assert segmentation.tokens("推动科靐齉龘建设") == ["推动", "靐齉", "科靐齉龘", "建设"]


def test_a_negative_frequency_fails_as_before(dictionary):
    dictionary.add_word("负数词", freq=-5)
    assert_same("加快科技成果产业化")
    with pytest.raises(ValueError):
        reference.segment_uncached("一个负数词")
    with pytest.raises(ValueError):
        segmentation.segment("一个负数词")


# --- generated text --------------------------------------------------------------------

PROVISION_CHARS = sorted({c for text in SOURCE_TEXTS for c in text if not c.isspace()})
POOL = (
    PROVISION_CHARS
    + list("發展規劃綱要臺灣轉化與產業體製機構條例")
    + list(string.ascii_letters + string.digits + string.punctuation)
    + list("ＡＢＣａｂｃ０１２３％＆（）　，。；：、！？“”《》〔〕①②㎡ﬁ")
    + [" ", "\t", "\n", "\r\n", "\x00", "😀", "𠀀", "e\u0301", "_", "-"]
)


def test_seeded_random_text():
    rng = random.Random(2025)
    for _ in range(3000):
        text = "".join(rng.choices(POOL, k=rng.randint(0, 60)))
        assert normalise_with_offsets(text) == reference.normalise_with_offsets(text)
        assert_same_index_text(text)


def test_runs_of_dictionary_words():
    # Where the dictionary offers the most routes: words and their tails,
    # short and long, back to back, some in capitals or between symbols.
    freq = segmentation.tokenizer().FREQ
    words = sorted(w for w, f in freq.items() if f)
    long_words = [w for w in words if len(w) > 3]
    rng = random.Random(42)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 8)):
            word = rng.choice(long_words if rng.random() < 0.3 else words)
            kind = rng.random()
            if kind < 0.15:
                word = word[rng.randrange(len(word)) :]
            elif kind < 0.25:
                word = rng.choice(["，", " ", "a", "B2", "%", "-", "_", "\r\n", "ⅱ", "２"])
            elif kind < 0.3:
                word = word.upper()
            parts.append(word)
        assert_same_index_text("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.one_of(policy_text, st.lists(st.sampled_from(POOL), max_size=80).map("".join)))
def test_generated_text(text):
    assert_same(text)
