"""Numerals as printed in the texts -> Decimal.

Arabic numbers are parsed with ``Decimal`` so "1.30" keeps its printed
precision (the plausibility rules need it).  Chinese numerals go through
``cn2an.cn2an(s, "smart")``; this module never converts whole sentences
(``cn2an.transform`` would turn "一是" into "1是").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, getcontext

import cn2an

# Character classes as regex fragments (data for the engines that use them).
ARABIC = r"\d+(?:\.\d+)?"
CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_POWERS = "十百千万亿"
CHINESE_NUMERAL = f"[{CHINESE_DIGITS}{CHINESE_POWERS}]+"

# A run of powers without a coefficient ("万米", "百年", "千万头", "每万人口",
# "万名从业人员") is part of a word or an indicator name, never a count in
# these texts; only "百余所" (a power followed by 余/多) reads as a number.
# 十 is the exception: written alone it means ten ("处十万元以下的罚款",
# "百分之十"), as in 十五 or 十年.
BARE_POWERS = frozenset(CHINESE_POWERS)
TEN = "十"


def parse_arabic(text: str) -> Decimal:
    """ "1.30" -> Decimal("1.30") (precision as printed)."""
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not an Arabic number: {text!r}") from exc


def is_bare_power(text: str) -> bool:
    return (
        bool(text) and not text.startswith(TEN) and all(ch in BARE_POWERS for ch in text)
    )


def parse_chinese(text: str, *, allow_bare_power: bool = False) -> Decimal:
    """Chinese numeral -> Decimal ("十五" -> 15, "二〇一一" -> 2011, "三万" -> 30000).

    A bare power ("百") is refused unless ``allow_bare_power`` (then it is 1×
    the power, for "百余所").
    """
    if is_bare_power(text):
        if not allow_bare_power or len(text) != 1:
            raise ValueError(f"bare power without coefficient: {text!r}")
        text = "一" + text
    try:
        result = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc
    return Decimal(str(result))


def parse_number(text: str) -> Decimal:
    """Arabic or Chinese numeral (or Arabic with a Chinese power, "5千")."""
    if text and text[0].isdigit() and text.isascii():
        return parse_arabic(text)
    return Decimal(str(cn2an.cn2an(text, "smart")))


def percent_of_fraction(numerator: Decimal, denominator: Decimal) -> Decimal:
    """1/3 -> 33.33: fractions are reported as percentages with 2 decimals."""
    if denominator == 0:
        raise ValueError("zero denominator")
    return (numerator * 100 / denominator).quantize(Decimal("0.01"))


def without_trailing_zeros(value: Decimal) -> Decimal:
    """Drop the spurious exponent/decimals that scaling introduces
    (Decimal("2.6") * 10000 == Decimal("26000.0") -> Decimal("26000")).
    A value with more integer digits than the decimal context holds (a
    hostile "最高999…9万元") is only normalised: quantizing it would raise."""
    if value == value.to_integral_value() and value.adjusted() < getcontext().prec:
        return value.quantize(Decimal(1))
    return value.normalize()
