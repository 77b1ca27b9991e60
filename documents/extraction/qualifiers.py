"""Qualifiers shared by several numbers, read once the numbers are found.

Reads the text and the quantities ``quantities.find_quantities`` typed (its
``Quantity``, not imported: that module imports this one);
returns them with what a neighbour's words say about them (engine only: the
words are tables in ``documents.extraction.units``):

* a range written with its unit twice is one quantity: "3万元至20万元"
  (30000–200000 yuan, not two exact amounts), "二万元以上十万元以下";
* 万 or 亿 written without 元 before the support it sizes is a sum
  ("给予一次性300万资助");
* a list of sums that writes its unit once, at its end, has it for each
  item ("分别给予10万、20万、30万、50万元资助");
* a prefix comparator opening a list of amounts of one unit applies to each
  ("分别最高给予300万元、50万元、30万元" — every tier is a ceiling; "不低于12
  家、30家");
* a comparator before the base of a share applies to the share ("不低于奖励
  总额的百分之七十", "最高可按实际发生费用的30%", "不超过研发投入30%").
"""

from __future__ import annotations

import re
from dataclasses import replace

from documents.extraction import units as unit_table

_BASIS_COMPARATOR_RE = re.compile(
    "(?P<word>"
    + "|".join(re.escape(w) for w in unit_table.BASIS_COMPARATOR_WORDS)
    + r")[^\d，。；、：！？\n]{1,20}$"
)


def _is_amount(q) -> bool:
    return q.kind == "amount" and bool(q.unit)


def _has_prefix(q) -> bool:
    """The comparator is written before the number ("最高300万元")."""
    return q.comparator != "=" and q.number_start > q.start


def _joined(text: str, first, second, joiners) -> bool:
    return text[first.end : second.start] in joiners


def join_ranges(text: str, quantities: list) -> list:
    """ "3万元至20万元", "五千元以上二万元以下": one quantity with value_max."""
    out: list = []
    for q in quantities:
        previous = out[-1] if out else None
        if (
            previous is not None
            and _is_amount(previous)
            and _is_amount(q)
            and previous.unit == q.unit
            and previous.value_max is None
            and q.value_max is None
            and previous.value < q.value
            and (
                (
                    _joined(text, previous, q, unit_table.RANGE_JOINERS)
                    and previous.comparator == "="
                    and not _has_prefix(q)
                )
                or (
                    _joined(text, previous, q, ("",))
                    and previous.text.endswith(unit_table.RANGE_LOW_WORDS)
                    and q.text.endswith(unit_table.RANGE_HIGH_WORDS)
                )
            )
        ):
            out[-1] = replace(
                previous,
                end=q.end,
                text=text[previous.start : q.end],
                value_max=q.value,
                comparator="=",
                number_end=q.number_end,
            )
            continue
        out.append(q)
    return out


def distribute_over_lists(text: str, quantities: list) -> list:
    """A prefix comparator before the first amount of a list holds for the
    amounts after it ("最高300万元、50万元、30万元": all three ceilings)."""
    out: list = []
    shared = ""  # the comparator carried along the current list
    for q in quantities:
        previous = out[-1] if out else None
        continues = (
            previous is not None
            and _is_amount(previous)
            and _is_amount(q)
            and previous.unit == q.unit
            and _joined(text, previous, q, unit_table.LIST_JOINERS)
        )
        if continues and shared and q.comparator == "=":
            q = replace(q, comparator=shared)
        else:
            shared = q.comparator if _is_amount(q) and _has_prefix(q) else ""
        out.append(q)
    return out


def comparator_over_basis(text: str, quantities: list) -> list:
    """ "不低于奖励总额的百分之七十": the comparator before a share's base."""
    out: list = []
    for q in quantities:
        if _is_amount(q) and q.unit == "%" and q.comparator == "=":
            begin = max(0, q.start - 30)
            found = _BASIS_COMPARATOR_RE.search(text, begin, q.start)
            if found:
                q = replace(q, comparator=unit_table.PREFIX_COMPARATORS[found["word"]])
        out.append(q)
    return out


def unit_back_over_lists(text: str, quantities: list) -> list:
    """A list of sums that writes its unit once, at the end, has it for each
    item: "分别给予10万、20万、30万、50万元资助", "分别给予5万、3万、1万元奖励"
    (each 万元), "分别奖励10、20、30万元".  Only sums and shares: "1、2、3级"
    numbers grades.  So has the low end of a range of any unit that writes
    the 万 twice: "1万-2万平方米"."""
    out = list(quantities)
    for i in range(len(out) - 2, -1, -1):
        q, after = out[i], out[i + 1]
        if not (q.kind == "bare" and not q.unit and q.comparator == "=" and _is_amount(after)):
            continue
        power = text[q.number_end : q.end]  # the 万 or 亿 written after the digits
        listed = (after.category == "money" or after.unit == "%") and _joined(
            text, q, after, unit_table.LIST_JOINERS
        )
        ranged = bool(power) and _joined(text, q, after, unit_table.RANGE_JOINERS)
        if not (listed or ranged) or (power and not after.unit.startswith(power)):
            continue
        out[i] = _as_amount(q, after.unit)
    return out


def sum_before_support(text: str, quantities: list) -> list:
    """万 or 亿 without 元 right before the support it sizes is a sum:
    "给予一次性300万资助" (300 万元)."""
    out = []
    for q in quantities:
        power = text[q.number_end : q.end]
        if (
            q.kind == "bare"
            and power in ("万", "亿")
            and text.startswith(unit_table.SUPPORT_AFTER_SUM, q.end)
        ):
            q = _as_amount(q, power + "元")
        out.append(q)
    return out


def _as_amount(q, unit: str):
    """A bare number read in ``unit``, which holds the 万 or 亿 written after
    its digits ("10万" in 万元: 10, not 100000)."""
    return replace(q, kind="amount", value=q.value / q.multiplier, unit=unit, multiplier=1)


def apply(text: str, quantities: list) -> list:
    """The quantities with the qualifiers their neighbours share."""
    quantities = sum_before_support(text, quantities)
    quantities = unit_back_over_lists(text, quantities)
    quantities = join_ranges(text, quantities)
    quantities = comparator_over_basis(text, quantities)
    return distribute_over_lists(text, quantities)
