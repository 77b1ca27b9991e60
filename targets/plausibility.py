"""Plausibility rules for extracted values, and the repair they suggest.

Reads one value with its unit, indicator and context; returns flags and,
when a repair makes the value plausible, ``suggested_value``.  The value
itself is never changed: curated corrections are applied later as data.

The repair exists for one real artefact: in document 004 the decimal points
inside full-width numbers were lost in extraction ("６９０６亿元" for 690.6,
the target table's "１３０ ＞２００" for 1.30 and >2.00).  A value that breaks
a rule and was printed as an integer of two or more digits is retried with a
decimal point put back — 2 decimals first, then 1 (or only the precision the
caller knows from the table column) — and the first candidate that passes
every rule is suggested.

Rules (``RULES``) are data: a flag name and a predicate over the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from documents.extraction.units import category_of, to_yuan
from targets.indicators import IndicatorDef, indicator_by_key

# For one province's S&T figures: 1万亿元 (10000亿元) is far above any of
# them (Jilin's whole GDP is about 1.3万亿元).
MONEY_CEILING_YUAN = Decimal(10) ** 12
# Period-on-period multiples ("是“十二五”期间的1.29倍") above this are typos.
MULTIPLE_CEILING = Decimal(20)
PERCENT_CEILING = Decimal(100)
REPAIR_DECIMALS = (2, 1)


@dataclass(frozen=True)
class Context:
    unit: str
    indicator: IndicatorDef | None = None
    years: int = 1  # years a period total covers ("十三五"期间累计 -> 5)
    lower_bound: Decimal | None = None  # from a neighbour: "比…增加了近100亿元"


def _over_indicator_range(ctx: Context, value: Decimal) -> bool:
    row = ctx.indicator
    if row is None or row.high is None:
        return False
    high = row.high * (ctx.years if row.flow else 1)
    low = row.low if row.low is not None else Decimal("-Infinity")
    return not low <= value <= high


def _money_over_ceiling(ctx: Context, value: Decimal) -> bool:
    if category_of(ctx.unit) != "money":
        return False
    return to_yuan(value, ctx.unit) > MONEY_CEILING_YUAN


RULES: tuple[tuple[str, Callable[[Context, Decimal], bool]], ...] = (
    ("percent_over_100", lambda ctx, v: ctx.unit == "%" and v > PERCENT_CEILING),
    ("multiple_over_20", lambda ctx, v: ctx.unit == "倍" and v > MULTIPLE_CEILING),
    ("money_over_ceiling", _money_over_ceiling),
    ("outside_indicator_range", _over_indicator_range),
    (
        "below_neighbour_bound",
        lambda ctx, v: ctx.lower_bound is not None and v <= ctx.lower_bound,
    ),
)
REPAIR_FLAG = "decimal_point_lost"
MAX_REPAIR_DIGITS = 18


def broken_rules(ctx: Context, value: Decimal) -> list[str]:
    return [flag for flag, broken in RULES if broken(ctx, value)]


def repair_candidates(raw_digits: str, decimals: tuple[int, ...] = REPAIR_DECIMALS):
    """ "6906" -> 69.06, 690.6: the value with a decimal point put back.

    A number longer than ``MAX_REPAIR_DIGITS`` is no lost decimal point (and
    would not fit a column anyway): it gets no suggestion."""
    if not raw_digits.isdigit() or not 2 <= len(raw_digits) <= MAX_REPAIR_DIGITS:
        return
    for places in decimals:
        if places < len(raw_digits):
            yield (
                Decimal(raw_digits).scaleb(-places).quantize(Decimal(1).scaleb(-places))
            )


def check(
    value: Decimal,
    unit: str,
    *,
    indicator_key: str | None = None,
    raw_digits: str = "",
    years: int = 1,
    lower_bound: Decimal | None = None,
    decimals: tuple[int, ...] | None = None,
) -> tuple[list[str], Decimal | None]:
    """(flags, suggested_value) for ``value``.

    ``raw_digits``: the number as printed (ASCII), needed for the repair; a
    value with a multiplier ("13万件") has none.  ``decimals``: the precision
    the table column uses, when known.
    """
    ctx = Context(
        unit=unit,
        indicator=indicator_by_key(indicator_key) if indicator_key else None,
        years=max(years, 1),
        lower_bound=lower_bound,
    )
    flags = broken_rules(ctx, value)
    if not flags:
        return [], None
    for candidate in repair_candidates(raw_digits, decimals or REPAIR_DECIMALS):
        if not broken_rules(ctx, candidate):
            return [*flags, REPAIR_FLAG], candidate
    return flags, None


def apply(fact, *, lower_bound: Decimal | None = None, decimals=None) -> None:
    """Check an ExtractedTarget/ExtractedFigure in place (flags, suggested_value)."""
    years = 1
    year_start = getattr(fact, "year_start", None)
    if year_start is not None and fact.year is not None:
        years = fact.year - year_start + 1
    raw = fact.raw_value_text.lstrip("><=~") if fact.raw_value_text else ""
    checks = [("", fact.value)]
    if fact.value_max is not None:
        checks.append(("max_", fact.value_max))
    for prefix, value in checks:
        flags, suggestion = check(
            value,
            fact.unit,
            indicator_key=fact.indicator_key,
            raw_digits=raw if not prefix and value == _as_number(raw) else "",
            years=years,
            lower_bound=lower_bound,
            decimals=decimals,
        )
        for flag in flags:
            name = prefix + flag
            if name not in fact.flags:
                fact.flags.append(name)
        if suggestion is not None and not prefix:
            fact.suggested_value = suggestion


def _as_number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None
