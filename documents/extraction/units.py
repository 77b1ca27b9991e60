"""Units of measure, classifiers and comparator words, as data.

Read by ``documents.extraction.quantities``; nothing here executes rules.
Each table is ordered longest first where one entry is a prefix of another
("人次" before "人", "个月" before "个", "万元" before "万") because the engine
takes the first entry that matches at a position.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Unit:
    symbol: str
    category: str  # see CATEGORIES
    yuan: Decimal | None = None  # money only: the value of one unit in yuan


CATEGORIES = (
    "count",  # classifiers: 个 家 项 名 …
    "money",  # 元 万元 亿元 …
    "percent",  # %
    "percentage_point",  # 个百分点
    "multiple",  # 倍
    "area",
    "length",
    "weight",
    "time",  # 年 个月 天: a duration, or a year when the number is 1900–2100
)

_UNITS = [
    # money: the currency unit is kept as written ("15-30万元" -> 15..30 万元)
    Unit("万亿元", "money", Decimal(10) ** 12),
    Unit("亿元", "money", Decimal(10) ** 8),
    Unit("万元", "money", Decimal(10) ** 4),
    Unit("千元", "money", Decimal(10) ** 3),
    Unit("元", "money", Decimal(1)),
    Unit("%", "percent"),
    Unit("个百分点", "percentage_point"),
    Unit("倍", "multiple"),
    # time before the bare classifier 个 ("3个月" is a duration, not 3 个)
    Unit("个月", "time"),
    Unit("小时", "time"),
    Unit("年", "time"),
    Unit("天", "time"),
    Unit("周", "time"),
    # counts
    Unit("人次", "count"),
    Unit("部门", "count"),  # "省国资委8部门出台"
    Unit("个", "count"),
    Unit("家", "count"),
    Unit("项", "count"),
    Unit("名", "count"),
    Unit("人", "count"),
    Unit("户", "count"),
    Unit("件", "count"),
    Unit("所", "count"),
    Unit("位", "count"),
    Unit("场", "count"),
    Unit("份", "count"),
    Unit("篇", "count"),
    Unit("台", "count"),
    Unit("套", "count"),
    Unit("条", "count"),
    Unit("座", "count"),
    Unit("株", "count"),
    Unit("头", "count"),
    # area / length / weight
    Unit("平方公里", "area"),
    Unit("平方米", "area"),
    Unit("公顷", "area"),
    Unit("亩", "area"),
    Unit("公里", "length"),
    Unit("千米", "length"),
    Unit("米", "length"),
    Unit("万吨", "weight"),
    Unit("吨", "weight"),
]
# Deliberately absent: 批 支 种 次 届 大 — "一批企业", "两支基金", "两种方式",
# "十届三次全会", "十大功能" are idioms, not counts.

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}
UNIT_SYMBOLS: tuple[str, ...] = tuple(sorted(UNITS, key=len, reverse=True))

# A bare 亿 after a number with no unit following ("注册资本1.4亿博大…")
# is money with 元 implied: value unscaled, unit "亿元".  (A bare 万 is not:
# "近5千" / "2.6万" without a unit just scale.)
BARE_MONEY_MULTIPLIERS = {"亿": "亿元"}

# Quantities written as words.  (value, unit, comparator); "过半" is "more
# than half".  NOT_AFTER keeps "超过半年" from reading as 过半.
WORD_QUANTITIES = {
    "过半": (Decimal(50), "%", ">"),
}
WORD_QUANTITY_NOT_AFTER = "超"

# Chinese multipliers written after Arabic digits: "2.6万余项", "近5千名".
ARABIC_MULTIPLIERS = {
    "百": 100,
    "千": 1000,
    "万": 10_000,
    "亿": 100_000_000,
}

# Comparator words.  Values are the comparators of targets.extraction.types.
PREFIX_COMPARATORS = {
    "最高不超过": "<=",
    "最多不超过": "<=",
    "不少于": ">=",
    "不低于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "最高": "<=",
    "最多": "<=",
    "超过": ">",
    "多于": ">",
    "高于": ">",
    "大于": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "不足": "<",
    "大约": "~",
    "将近": "~",
    "接近": "~",
    "约": "~",
    "近": "~",
    ">=": ">=",
    "<=": "<=",
    "≥": ">=",
    "≤": "<=",
    ">": ">",
    "<": "<",
}
PREFIX_COMPARATOR_WORDS = tuple(sorted(PREFIX_COMPARATORS, key=len, reverse=True))
# "近" only when it is not the end of another word: "最近", "附近", "邻近".
PREFIX_NOT_AFTER = {"近": "最附邻接将"}

# Between the number and its unit: "400余个", "2.6万余项", "100多家".
INFIX_COMPARATORS = {"余": ">", "多": ">"}

SUFFIX_COMPARATORS = {
    "左右": "~",
    "以上": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
}
SUFFIX_COMPARATOR_WORDS = tuple(sorted(SUFFIX_COMPARATORS, key=len, reverse=True))

# "力争" makes a target aspirational; it is not a comparator.
ASPIRATIONAL_WORDS = ("力争", "争取")


def unit_at(text: str, pos: int) -> Unit | None:
    """The longest unit that starts at ``pos``, or None."""
    for symbol in UNIT_SYMBOLS:
        if text.startswith(symbol, pos):
            return UNITS[symbol]
    return None


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """``value`` expressed in ``unit`` converted to yuan ("15", "万元" -> 150000)."""
    known = UNITS.get(unit)
    if known is not None and known.yuan is not None:
        return value * known.yuan
    raise ValueError(f"not a money unit: {unit!r}")


def category_of(unit: str) -> str:
    """The unit's category ("" for no unit)."""
    known = UNITS.get(unit)
    return known.category if known else ""
