"""Query parsing and normalisation, as data: what is typed → what is sought."""

import pytest

from documents.search.normalise import normalise, normalise_with_offsets
from documents.search.query import parse


@pytest.mark.parametrize(
    "text, normal",
    [
        ("科技成果轉化", "科技成果转化"),
        ("２０２５年", "2025年"),
        ("Ｒ＆Ｄ经费", "r&d经费"),
        ("ＡＢＣ", "abc"),
    ],
)
def test_normal_form(text, normal):
    assert normalise(text) == normal


def test_offsets_point_back_into_the_original():
    normal, offsets, display = normalise_with_offsets("推進ＡＢＣ")
    assert normal == "推进abc" and display == "推進ＡＢＣ"
    assert [display[i] for i in offsets] == list("推進ＡＢＣ")


def shape(raw):
    q = parse(raw)
    return (
        [[t.forms[0].text for t in group] for group in q.groups],
        [t.forms[0].text for t in q.excluded],
    )


@pytest.mark.parametrize(
    "raw, groups, excluded",
    [
        ("科技 人才", [["科技"], ["人才"]], []),
        ("省院合作 OR 省校合作", [["省院合作", "省校合作"]], []),
        ("技术转移 -人才", [["技术转移"]], ["人才"]),
        ('"科技成果转化" 企业', [["科技成果转化"], ["企业"]], []),
        ("r&d经费", [["r&d"], ["经费"]], []),
        ("NEAR(科技", [["near"], ["科技"]], []),
        ("科技* AND 创新", [["科技"], ["创新"]], []),
    ],
)
def test_clauses(raw, groups, excluded):
    assert shape(raw) == (groups, excluded)


def test_forms_carry_synonyms_and_word_level_variants():
    # Typed alone, 高企认定 is two concepts, each with its own synonyms.
    concept, other = parse("高企认定").groups
    forms = {f.text: f for f in concept[0].forms}
    assert forms["高新技术企业"].synonym and not forms["高企"].synonym
    assert [t.typed for t in other] == ["认定"]
    # An alternative of an OR stays whole, with word-level variants.
    forms = {f.text: f for f in parse("高企认定 OR 双创").terms[0].forms}
    assert "高新技术企业认定" in forms and forms["高新技术企业认定"].synonym
    assert not forms["高企认定"].synonym


def test_unknown_words_and_single_characters_need_the_substring():
    assert parse("碳").terms[0].forms[0].substring
    phrase = parse('"科技成果转移转化示范区"').terms[0]
    assert phrase.phrase and phrase.forms[0].substring and phrase.forms[0].words
