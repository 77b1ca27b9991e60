"""What stands around a number: the comparator word before it, and after it
its multiplier (万, 亿), 余/多, unit and suffix comparator (以上, 左右).

Reads normalised text and a position; writes a ``Tail`` (where the
quantity ends, its unit, multiplier and comparators) or a prefix comparator;
``scaled`` applies the tail's 万/亿 to a number or a range.
All words are tables in ``documents.extraction.units``.  Used by
``documents.extraction.quantities`` for every number it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.extraction import units as unit_table
from documents.extraction.numerals import without_trailing_zeros


def prefix_comparator(text: str, start: int) -> tuple[str, int]:
    """(comparator, new start) for a comparator word ending at ``start``."""
    for word in unit_table.PREFIX_COMPARATOR_WORDS:
        begin = start - len(word)
        if begin >= 0 and text.startswith(word, begin):
            not_after = unit_table.PREFIX_NOT_AFTER.get(word, "")
            if begin > 0 and text[begin - 1] in not_after:
                continue
            return unit_table.PREFIX_COMPARATORS[word], begin
    return "", start


@dataclass
class Tail:
    end: int
    unit: str = ""
    multiplier: int = 1
    infix: str = ""
    suffix: str = ""


def read_tail(text: str, pos: int, *, allow_multiplier: bool, before: str = "") -> Tail:
    """Multiplier, 余/多, unit and suffix comparator after a number
    (``before``: the text just before the number)."""
    tail = Tail(pos)
    found = unit_table.unit_at(text, pos)
    mult_char = ""
    if found is None and allow_multiplier and pos < len(text):
        ch = text[pos]
        if ch in unit_table.ARABIC_MULTIPLIERS:
            mult_char = ch
            tail.multiplier = unit_table.ARABIC_MULTIPLIERS[ch]
            pos += 1
    if pos < len(text) and text[pos] in unit_table.INFIX_COMPARATORS:
        # "余"/"多" only count when a unit follows ("400余个", "2.6万余项").
        after = unit_table.unit_at(text, pos + 1)
        if after is not None:
            tail.infix = unit_table.INFIX_COMPARATORS[text[pos]]
            pos += 1
    found = unit_table.unit_at(text, pos)
    if found is not None:
        tail.unit = found.symbol
        pos += len(found.symbol)
    elif (
        allow_multiplier
        and pos < len(text)
        and (after_re := unit_table.DIGIT_COUNT_UNITS.get(text[pos])) is not None
        and after_re.search(before)
    ):
        # digits only (allow_multiplier) after a verb: "突破50种以上", never "两种方式"
        tail.unit = text[pos]
        pos += 1
    elif mult_char in unit_table.BARE_MONEY_MULTIPLIERS:
        if unit_table.BARE_COUNT_BEFORE.search(before):
            # "注册总量突破5亿": a count, scaled like "2.6万余项".
            tail.unit = unit_table.BARE_COUNT_UNIT
        else:
            # "注册资本1.4亿博大…": 元 implied, value unscaled.
            tail.unit = unit_table.BARE_MONEY_MULTIPLIERS[mult_char]
            tail.multiplier = 1
    elif mult_char:
        # "5千" with nothing after it: scale, no unit.
        pass
    for word in unit_table.SUFFIX_COMPARATOR_WORDS:
        if tail.unit and text.startswith(word, pos):
            tail.suffix = unit_table.SUFFIX_COMPARATORS[word]
            pos += len(word)
            break
    tail.end = pos
    return tail


def scaled(value, value_max, tail: Tail) -> tuple:
    """The ends of a number (a range) with the 万/亿 written after them; in
    "2000-1万平方米" and "2000-1万元" a low end above the high end is in the
    plain unit, the 万 is the high end's alone (0.2 to 1 万…)."""
    plain_low = value_max is not None and value > value_max
    if tail.multiplier != 1:
        value = value if plain_low else without_trailing_zeros(value * tail.multiplier)
        if value_max is not None:
            value_max = without_trailing_zeros(value_max * tail.multiplier)
    elif plain_low and tail.unit[:1] in unit_table.ARABIC_MULTIPLIERS:
        value = without_trailing_zeros(value / unit_table.ARABIC_MULTIPLIERS[tail.unit[:1]])
    return value, value_max
