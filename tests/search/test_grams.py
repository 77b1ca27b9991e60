"""The character grams that narrow single characters and unknown words."""

from documents.search.grams import index_grams, query_grams


def test_index_grams_are_the_distinct_characters_and_pairs_of_han_runs():
    # Each once, in the order first seen: the same list in every process.
    assert index_grams("碳达峰，碳中和") == ["碳", "达", "峰", "碳达", "达峰", "中", "和", "碳中", "中和"]
    # Latin letters and digits are words of the word index, not grams.
    assert index_grams("5g基站r&d") == ["基", "站", "基站"]
    assert index_grams("") == []


def test_query_grams_need_every_pair_or_the_single_character():
    assert query_grams("碳达峰") == ("碳达", "达峰")
    assert query_grams("碳") == ("碳",)
    assert query_grams("5g基站") == ("基站",)
    assert query_grams("r&d") == ()


def test_a_text_containing_the_query_holds_its_grams():
    for text, query in [("实现碳达峰目标", "碳达峰"), ("〇一二", "〇一"), ("支持𠀀研究", "𠀀研")]:
        assert set(query_grams(query)) <= set(index_grams(text)), query
