from decimal import Decimal

import pytest

from documents.extraction.numerals import (
    parse_arabic,
    parse_chinese,
    percent_of_fraction,
    without_trailing_zeros,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("十五", 15),
        ("二十", 20),
        ("三", 3),
        ("两", 2),
        ("一百", 100),
        ("三万", 30000),
        ("二〇一一", 2011),  # 003's date, after the normaliser's ○ -> 〇
        ("二〇二二", 2022),
    ],
)
def test_chinese_numerals_go_through_cn2an(text, value):
    assert parse_chinese(text) == Decimal(value)


def test_a_bare_power_is_a_word_unless_asked_for():
    # "万米", "百年", "每万人口" are words; "百余所" is a number.
    with pytest.raises(ValueError):
        parse_chinese("百")
    assert parse_chinese("百", allow_bare_power=True) == 100


def test_arabic_keeps_its_printed_precision():
    assert str(parse_arabic("1.30")) == "1.30"
    assert parse_arabic("96.87") == Decimal("96.87")


def test_fractions_are_percentages_with_two_decimals():
    assert percent_of_fraction(Decimal(1), Decimal(3)) == Decimal("33.33")


def test_tidy_drops_the_exponent_that_scaling_adds():
    assert str(without_trailing_zeros(Decimal("2.6") * 10000)) == "26000"
    assert str(without_trailing_zeros(Decimal("1.5") * 10)) == "15"
