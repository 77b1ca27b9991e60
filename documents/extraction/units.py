"""Units of measure, classifiers and comparator words, as data.

Read by ``documents.extraction.quantities``; nothing here executes rules.
Each table is ordered longest first where one entry is a prefix of another
("人次" before "人", "个月" before "个", "万元" before "万") because the engine
takes the first entry that matches at a position.
"""

from __future__ import annotations

import re
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
    "volume",
    "power",
    "energy",
    "speed",
    "time",  # 年 个月 天: a duration, or a year when the number is 1900–2100
    "computing",  # FLOPS, as the plans print it: 算力规模达到12EFLOPS
    "storage",  # bytes: 存储总量达到10EB
    "bandwidth",  # 5000M: megabits a second, as network plans print it
)
# Physical quantities: a 万/亿 written before the unit is kept as part of it,
# as the texts print it and as indicators are read ("1700多万吨", "35亿立方米",
# "100万千瓦"), the way money keeps 万元 and 亿元.
PHYSICAL_CATEGORIES = ("area", "length", "weight", "volume", "power", "energy", "speed")
_WRITTEN_POWERS = ("万", "亿")

_UNITS = [
    # money: the currency unit is kept as written ("15-30万元" -> 15..30 万元)
    Unit("万亿元", "money", Decimal(10) ** 12),
    Unit("亿元", "money", Decimal(10) ** 8),
    Unit("万元", "money", Decimal(10) ** 4),
    Unit("千元", "money", Decimal(10) ** 3),
    Unit("元", "money", Decimal(1)),
    Unit("%", "percent"),
    Unit("‰", "percent"),  # read as a tenth of a percent (PER_MILLE)
    Unit("个百分点", "percentage_point"),
    Unit("倍", "multiple"),
    # time before the bare classifier 个 ("3个月" is a duration, not 3 个;
    # "近2个会计年度" a period of account, "4个月份" months of records)
    Unit("个会计年度", "time"),
    Unit("会计年度", "time"),
    Unit("个年度", "time"),  # "提交近两个年度的…纳税申报表"
    Unit("个工作日", "time"),
    Unit("工作日", "time"),
    Unit("个月份", "time"),
    Unit("个月", "time"),
    Unit("小时", "time"),
    Unit("分钟", "time"),
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
    # physical quantities (PHYSICAL_CATEGORIES); the 万/亿 forms are added below
    Unit("公里/小时", "speed"),
    Unit("千米/小时", "speed"),
    Unit("平方公里", "area"),
    Unit("平方米", "area"),
    Unit("公顷", "area"),
    Unit("亩", "area"),
    Unit("立方米", "volume"),
    Unit("公里", "length"),
    Unit("千米", "length"),
    Unit("米", "length"),
    Unit("吨标准煤", "weight"),
    Unit("吨", "weight"),
    Unit("千瓦时", "energy"),
    Unit("千瓦", "power"),
    Unit("兆瓦", "power"),
    # power and bandwidth written in Latin letters: "新增光伏装机容量达到120MW",
    # "带宽可用性5000M以上" (M after digits, no letter after it: a name is "M2")
    Unit("GW", "power"),
    Unit("MW", "power"),
    Unit("kW", "power"),
    Unit("Gbps", "bandwidth"),
    Unit("Mbps", "bandwidth"),
    Unit("M", "bandwidth"),
    # computing power and storage, as printed (both spellings occur)
    *(Unit(prefix + flops, "computing") for prefix in "EPT" for flops in ("FLOPS", "Flops", "flops")),
    *(Unit(prefix + "B", "storage") for prefix in "EPTGM"),
]
_UNITS += [
    Unit(power + u.symbol, u.category)
    for u in list(_UNITS)
    if u.category in PHYSICAL_CATEGORIES and "/" not in u.symbol
    for power in _WRITTEN_POWERS
]
# Deliberately absent: 批 支 种 次 届 大 — "一批企业", "两支基金", "两种方式",
# "十届三次全会", "十大功能" are idioms, not counts.  After Arabic digits and
# a verb of making or reaching, 种 and 批 count what is made ("突破50种以上智能
# 检测装备", "认定3批示范企业"), as 次 does after what it counts ("下载量不少于
# 2万次"); elsewhere they stay out ("针对首年关税为零的
# 2034种出口商品" lists what an agreement covers, "由1-3种…模式", "分2批").
_MADE_COUNT_AFTER_RE = re.compile(
    r"(?:(?:突破|开发|研制|研发|推出|形成|达到|新增|培育|认定|制定|发布|推广|推介|攻克|掌握|建成|打造|编写)"
    r"(?:不少于|超过|近|约)?|(?:大约|约|近|超过|多达)有?)$"  # "传感器大约有2.6万种"
)
# a count of times only after what is counted ("APP下载量不少于2万次") or after
# a floor or a level to reach ("提供场景服务不少于100次", "开展重大试验达到40次"),
# not after a ceiling ("每年不得超过3次", a limit of a rule)
# and times a year an activity is held ("每年举办10~15次培训班", "每年至少举办1次")
_TIMES_AFTER_RE = re.compile(
    r"(?:量|次数)(?:不少于|超过|达到|达|突破)?$|(?:不少于|不低于|达到|突破|至少)$"
    r"|(?:每年|每季度|每半年)(?:至少)?(?:举办|开展|举行)$"
)
# 款 (models of a product) and 门 (courses) after a verb of making: "研制推出
# 100款以上…智能产品", "编写10门左右…教材"
DIGIT_COUNT_UNITS = {
    "种": _MADE_COUNT_AFTER_RE, "批": _MADE_COUNT_AFTER_RE, "款": _MADE_COUNT_AFTER_RE,
    "门": _MADE_COUNT_AFTER_RE, "次": _TIMES_AFTER_RE,
}

PER_MILLE = "‰"

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}


def is_latin_unit(unit: str | None) -> bool:
    """A unit of the table written in Latin letters (EFLOPS, PB, MW): a
    number before it is an amount, not part of a name ("5G", "M2")."""
    return bool(unit) and unit in UNITS and unit.isascii() and unit.isalpha()

UNIT_SYMBOLS: tuple[str, ...] = tuple(sorted(UNITS, key=len, reverse=True))

# A bare 亿 after a number with no unit following ("注册资本1.4亿博大…")
# is money with 元 implied: value unscaled, unit "亿元".  (A bare 万 is not:
# "近5千" / "2.6万" without a unit just scale.)
BARE_MONEY_MULTIPLIERS = {"亿": "亿元"}
# …unless the noun before the number names a count: "实现标识注册总量突破5亿"
# counts identifiers (5亿 -> 500000000 个), as "2.6万余项" counts items.
BARE_COUNT_BEFORE = re.compile(r"(?:总量|数量|个数|总数|量|数)(?:突破|达到|超过|达|为|逾|近|约)?$")
BARE_COUNT_UNIT = "个"

# "1:1" is a ratio of two amounts only before these ("按1:1的比例配套");
# elsewhere it is a time or a score.
RATIO_FOLLOWERS = r"的?比例|配套"

# 第 holds for every number of a list it opens: "按第2、3条执行", "第五至七条"
# name articles 2 and 3, not three articles.
ORDINAL_LIST_JOINERS = "、和及至到—-"

# Quantities written as words.  (value, unit, comparator); "过半" is "more
# than half".  NOT_AFTER keeps "超过半年" from reading as 过半.
WORD_QUANTITIES = {
    "过半": (Decimal(50), "%", ">"),
    # "占总课时一半以上", "超过一半": half, its comparator read around it
    "一半": (Decimal(50), "%", "="),
    # a match of the same amount: "再给予相同额度资金奖励" is 1:1, 100 %
    "相同额度": (Decimal(100), "%", "="),
    "同等额度": (Decimal(100), "%", "="),
    # the whole of a cost paid as support: "按实际发生的展位费…给予全额资助"
    "全额": (Decimal(100), "%", "="),
    # a doubling: "应用主体数量翻一番" is 2 times the base, "翻两番" 4 times
    "翻一番": (Decimal(2), "倍", "="),
    "翻两番": (Decimal(4), "倍", "="),
}
WORD_QUANTITY_NOT_AFTER = "超"
# A word quantity read only before one of these: 全额 of support, not
# 全额上网 or 全额纳入预算.
WORD_QUANTITY_ONLY_BEFORE = {"全额": ("资助", "补助", "补贴", "奖励", "给予")}

# A bare power as a count after a verb of doing or reaching: "完成万项技改",
# "力争…达到万家以上", "支持千家企业" (never 千家万户: no verb before it).
BARE_POWER_COUNT_RE = re.compile(
    r"(?:(?<=完成|实施|推动|达到|培育|建设|突破|超过|支持|引进|新增|服务|带动|培训|"
    r"开放|打造|推广|建成|遴选|培养|创建)|(?<=超))"
    r"(?P<power>[百千万])(?P<unit>[项家个名人户件所])(?![万千百])"
    # a programme's name: "实施百名创新人才培育工程"
    r"(?![^，。；、]{0,12}(?:工程|计划|行动))"
)

# A bare power before 亿级 after a verb of reaching is a scale in 亿元, a floor:
# "数字经济产业能级达到万亿级", "带动形成千亿级产业规模" (not "形成一批千亿级产业集群",
# the class of what is formed, nor "面向万亿级市场").
BARE_SCALE_RE = re.compile(
    r"(?<=达到|形成|突破|迈上|迈向)(?P<power>[百千万])亿级(?=(?:产业)?规模|[，。；、]|$)"
)
BARE_SCALE_UNIT = "亿元"

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
    # the wording of standards and indicator tables: "大于等于2.5%"
    "大于或等于": ">=",
    "小于或等于": "<=",
    "大于等于": ">=",
    "小于等于": "<=",
    "最多不超过": "<=",
    # the wording of laws: "不得低于百分之八十" (not 低于 "<")
    "不得低于": ">=",
    "不得少于": ">=",
    "不得超过": "<=",
    "不得高于": "<=",
    "不得多于": "<=",
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
    # "主营业务收入超10亿元的…供应商", "市场满足率超50%" (not 赶超, 高超)
    "超": ">",
    "多于": ">",
    "高于": ">",
    "大于": ">",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "不足": "<",
    "大约有": "~",  # "传感器大约有2.6万种"
    "约有": "~",
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
PREFIX_NOT_AFTER = {"近": "最附邻接将", "超": "赶高"}

# Between the number and its unit: "400余个", "2.6万余项", "100多家".
INFIX_COMPARATORS = {"余": ">", "多": ">"}

SUFFIX_COMPARATORS = {
    "左右": "~",
    # "年销售额在1亿元及以上的": the bound itself included, as 以上 reads
    "及以上": ">=",
    "及以下": "<=",
    "以上": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
}
SUFFIX_COMPARATOR_WORDS = tuple(sorted(SUFFIX_COMPARATORS, key=len, reverse=True))

# Qualifiers shared by neighbouring numbers (``documents.extraction.qualifiers``).
# A range written with its unit twice: "3万元至20万元", "5-10万元" is read
# by the number parser already.
# A copy converted from a PDF may print its dash as 一 ("市场评估价格的30%一70%");
# between two amounts of one unit it can be nothing else.
RANGE_JOINERS = ("至", "到", "-", "~", "～", "—", "–", "一")
# "二万元以上十万元以下": a floor then a ceiling, nothing between.
RANGE_LOW_WORDS = ("以上",)
RANGE_HIGH_WORDS = ("以下", "以内")
# The items of a list of amounts ("最高300万元、50万元、30万元").
LIST_JOINERS = ("、", "和", "或", "及", "或者")
# The support a sum written without 元 sizes: "给予一次性300万资助".
SUPPORT_AFTER_SUM = (
    "资助", "奖励", "补助", "补贴", "扶持", "奖补", "配套", "资金",
    "的资助", "的奖励", "的补助", "的补贴",
)  # fmt: skip
# A ceiling or floor before the base of a share ("不低于奖励总额的百分之七十",
# "最高可按实际发生费用的30%").  Not 近/约/超过: "近年来…增长30%".
BASIS_COMPARATOR_WORDS = (
    "最高不超过",
    "不得低于",
    "不得少于",
    "不得超过",
    "不得高于",
    "不超过",
    "不高于",
    "不低于",
    "不少于",
    "最高",
    "最多",
    "至少",
)

# "力争" makes a target aspirational; it is not a comparator.
ASPIRATIONAL_WORDS = ("力争", "争取")


# 元 that begins a word is no yuan: "人机物三元协同", "城乡二元结构", "元宇宙".
YUAN_IN_WORD_BEFORE = ("协同", "结构", "组", "化", "论", "体系", "宇宙", "素", "件", "融合")


def unit_at(text: str, pos: int) -> Unit | None:
    """The longest unit that starts at ``pos``, or None."""
    for symbol in UNIT_SYMBOLS:
        if text.startswith(symbol, pos):
            if symbol == "元" and text.startswith(YUAN_IN_WORD_BEFORE, pos + 1):
                return None
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
