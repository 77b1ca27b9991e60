"""Numbers with their unit and comparator, found in normalised policy text.

Public API (stable; ``targets.extraction`` and ``measures.extraction`` use it):

    find_quantities(text: str) -> list[Quantity]
    Quantity            frozen dataclass, fields below
    to_yuan(value, unit) -> Decimal      ("15", "万元" -> 150000)
    KINDS               the values of Quantity.kind

Reads normalised text (full-width ASCII folded, Chinese punctuation （）：；，！？
kept, no spaces next to CJK or digits, one paragraph per line).  Writes one
``Quantity`` per number expression, with offsets into that text, in order.

Every numeric expression is returned and *typed*, so callers skip what they
do not want instead of re-detecting it.  ``kind`` is one of:

    amount       a value with a unit: "8.8亿元", "126个", "70%", "2.6万余项",
                 "近三分之一", "1/3", "15-30万元", "1.29倍"
    bare         a number with no unit (table cells "130", ">200"; "世界500强")
    rank         "第37位", "前15名" (comparator "<="), "世界第一" (1 位)
    rank_change  "排名上升9位"
    ordinal      "第7个国家级示范区"
    year         "2017年", "2016-2020年", a bare 1900–2100 ("报告2021")
    date         "2016年10月31日", "二〇一一年六月七日" (value = the year)
    duration     "3年内", "利用3年时间", "五年规划"
    doc_number   "〔2016〕28号" (value = the serial), "第201号"
    label        "1." / "1、" at a line start, "专栏1", line-initial item numbers
    name         numbers inside programme names: "“111”基地", "11+1个创新工程",
                 "100户企业上市培育工程", "“五位一体”", "3D", "V2X"
    article      Chinese 一 + classifier ("一项长期工作"): "a", not a count of one

Rules (all words and units are tables in ``documents.extraction.units``):

- value: ``Decimal``; Chinese numerals through ``cn2an``; a Chinese power after
  Arabic digits multiplies ("2.6万余项" -> 26000 项, ``multiplier`` 10000,
  "近5千名" -> ~5000 名) — except in currency units, which are kept as written
  ("8.8亿元" -> 8.8 亿元; use ``to_yuan``).  A 亿 with nothing after it
  ("注册资本1.4亿…") is money with 元 implied: 1.4 "亿元".
- ranges: "15-30万元" -> value 15, value_max 30, unit 万元.
- fractions are percentages: "三分之一", "1/3" -> 33.33 "%" (2 decimals,
  ``text`` keeps the fraction as printed).  One unit for all shares lets a
  fraction target line up with percentage figures of the same indicator.
  A power as denominator is a percentage as written, kept exact: "百分之七十"
  -> 70 "%" (the 第X条 style of laws and regulations), "千分之五" -> 0.5 "%".
- comparators: prefix (约/近 "~", 不少于/不低于/至少 ">=", 超过 ">",
  不超过/不高于/最高 "<=", ">" "<"), infix 余/多 (">"), suffix (左右 "~",
  以上 ">=", 以下/以内 "<="); default "=".
- ratios of two amounts before 比例/配套: "按照1:1的比例" -> 100 "%", the
  second term as a share of the first ("1:0.5" -> 50 "%").
- 十 alone is ten ("百分之十", "十万元"); other bare powers are words.
- shared qualifiers (``documents.extraction.qualifiers``): "3万元至20万元"
  and "二万元以上十万元以下" are one range; "最高300万元、50万元" both
  ceilings; "不低于奖励总额的百分之七十" ">=".
- physical units keep a written 万/亿 ("1700多万吨" -> 1700 "万吨").
- word quantities: "过半" -> 50 "%" ">" (``units.WORD_QUANTITIES``).
- ``aspirational``: "力争"/"争取" earlier in the same clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from documents.extraction import qualifiers
from documents.extraction import units as unit_table
from documents.extraction.numerals import (
    ARABIC,
    CHINESE_DIGITS,
    CHINESE_NUMERAL,
    is_bare_power,
    parse_arabic,
    parse_chinese,
    percent_of_fraction,
    without_trailing_zeros,
)
from documents.extraction.overlaps import Occupied
from documents.extraction.periods import find_periods
from documents.extraction.sentences import MAX_SPAN_CHARS
from documents.extraction.tails import prefix_comparator as _prefix_comparator
from documents.extraction.tails import read_tail as _read_tail
from documents.extraction.tails import scaled as _scaled
from documents.extraction.units import to_yuan

__all__ = ["KINDS", "Quantity", "find_quantities", "to_yuan"]

KINDS = (
    "amount",
    "bare",
    "rank",
    "rank_change",
    "ordinal",
    "year",
    "date",
    "duration",
    "doc_number",
    "label",
    "name",
    "article",
)


@dataclass(frozen=True)
class Quantity:
    start: int  # the whole expression, comparator words included
    end: int
    value: Decimal  # multiplier applied ("2.6万余项" -> 26000)
    value_max: Decimal | None  # upper end of a range ("15-30万元" -> 30)
    unit: str  # as written: "万元", "%", "个", "人次"; "" when none
    comparator: str  # ">=", ">", "~", "=", "<=", "<"
    text: str  # text[start:end]
    kind: str = "amount"  # one of KINDS
    multiplier: int = 1  # Chinese power folded into value ("万" -> 10000)
    number_start: int = 0  # the digits as printed, for raw_value_text
    number_end: int = 0
    aspirational: bool = False  # 力争 earlier in the same clause

    @property
    def number_text(self) -> str:
        return self.text[self.number_start - self.start : self.number_end - self.start]

    @property
    def category(self) -> str:
        """The unit's category: count, money, percent, multiple, time, … or ""."""
        return unit_table.category_of(self.unit)

    @property
    def is_measure(self) -> bool:
        """True for the values targets and figures are made of."""
        return self.kind == "amount"


_NUMBER_RE = re.compile(
    rf"(?P<cnfrac>(?P<den>{CHINESE_NUMERAL})分之"
    rf"(?P<num>{CHINESE_NUMERAL}(?:点[{CHINESE_DIGITS}]+)?))"
    rf"|(?P<frac>(?P<fnum>\d+)/(?P<fden>\d+))"
    rf"|(?P<ratio>(?P<rfirst>{ARABIC})[:∶：](?P<rsecond>{ARABIC}))(?={unit_table.RATIO_FOLLOWERS})"
    rf"|(?P<arabic>{ARABIC})"
    rf"|(?P<cn>{CHINESE_NUMERAL})"
)
_ARABIC_RE = re.compile(ARABIC)
_RANGE_SEPARATORS = "-~～—–至"
# "3到5个百分点" is a range too, but not "2021到2025年" (a period, read as years)
_SOFT_RANGE_SEPARATOR = "到"
_DATE_UNIT_AFTER = re.compile(r"\s*[年月日号]")
_DOC_NUMBER_RES = (
    re.compile(r"〔(?P<year>\d{4})〕(?P<serial>\d+)号"),
    re.compile(r"第(?P<serial>\d+)号"),
)
# 力争 governs its clause: in "交易额力争达到50亿元，…比重达到25%以上" only
# the 50亿元 is aspirational.
_CLAUSE_END_RE = re.compile("[。！？；，\n]")
# Short quoted spans are names ("“双千工程”", "“111”基地", "“五位一体”").
_QUOTE_RE = re.compile(r"“[^”。\n]{1,25}”")
# A count that names a programme: "100户企业上市培育工程", "11项创新工程".
# 工程 must end the word: "省级工程研究中心" is not a programme.
_PROGRAMME_RE = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:工程|战略)(?=[，。；、：和与及的”）]|基础|$)"
)
_RANK_UNITS = ("位", "名")
# A place written without a unit after the scope it is held in: "新能源汽车市场
# 规模世界第一", "全国第三" -- a rank, in 位 as "第37位" is.
_SCOPED_RANK_BEFORE_RE = re.compile(r"(?:世界|全球|全国|全省|全市|亚洲)第$")
_SCOPED_RANK_UNIT = "位"
# The numbers after the first of a list opened by 第 ("第2、3条").
_ORDINAL_LIST_RE = re.compile(
    rf"第(?:(?:\d+|{CHINESE_NUMERAL})[{unit_table.ORDINAL_LIST_JOINERS}])+$"
)
_RANK_CHANGE_WORDS = (
    "上升了",
    "上升",
    "提升了",
    "提升",
    "前进了",
    "前进",
    "下降了",
    "下降",
)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _after_ordinal(text: str, pos: int) -> bool:
    """Is the number at ``pos`` an ordinal: right after 第, or a later item
    of a list 第 opens ("按第2、3条执行")?"""
    if pos and text[pos - 1] == "第":
        return True
    return _ORDINAL_LIST_RE.search(text, max(0, pos - 24), pos) is not None


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.out: list[Quantity] = []
        self.taken = Occupied(len(text))
        # Quotes do not overlap: only the last one opening before a number
        # can hold it.
        self.quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
        self.quote_starts = [s for s, _ in self.quotes]
        # Clause marks, for the clause a number is in (``aspirational``).
        self.clause_marks = [m.start() for m in _CLAUSE_END_RE.finditer(text)]

    def free(self, start: int, end: int) -> bool:
        return self.taken.free(start, end)

    def in_quote(self, start: int, end: int) -> bool:
        i = bisect_left(self.quote_starts, start) - 1
        return i >= 0 and end < self.quotes[i][1]

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts, at most MAX_SPAN_CHARS back."""
        i = bisect_left(self.clause_marks, pos) - 1
        begin = self.clause_marks[i] + 1 if i >= 0 else 0
        return max(begin, pos - MAX_SPAN_CHARS)

    def emit(self, start, end, value, unit, *, kind, number=None, **extra) -> None:
        number_start, number_end = number or (start, end)
        if unit == unit_table.PER_MILLE:  # "2‰" is 0.2 %, as 千分之二 is
            value, unit = value / 10, "%"
            if extra.get("value_max") is not None:
                extra["value_max"] /= 10
        self.out.append(
            Quantity(
                start=start,
                end=end,
                value=value,
                value_max=extra.pop("value_max", None),
                unit=unit,
                comparator=extra.pop("comparator", "="),
                text=self.text[start:end],
                kind=kind,
                number_start=number_start,
                number_end=number_end,
                **extra,
            )
        )
        self.taken.take(start, end)

    # -- protected spans: typed, never amounts --------------------------------

    def scan_protected(self) -> None:
        text = self.text
        for pattern in _DOC_NUMBER_RES:
            for m in pattern.finditer(text):
                if self.free(m.start(), m.end()):
                    serial = m.span("serial")
                    self.emit(
                        m.start(),
                        m.end(),
                        Decimal(m.group("serial")),
                        "号",
                        kind="doc_number",
                        number=serial,
                    )
        for period in find_periods(text):
            if not self.free(period.start, period.end):
                continue
            if period.kind == "date":
                self.emit(
                    period.start,
                    period.end,
                    Decimal(period.year_start),
                    "",
                    kind="date",
                )
            elif period.kind in ("year", "year_range"):
                digits = re.search(r"\d{4}|[〇零一二三四五六七八九]{4}", period.text)
                offset = period.start + (digits.start() if digits else 0)
                self.emit(
                    offset,
                    period.end,
                    Decimal(period.year_start),
                    "年" if "年" in period.text else "",
                    kind="year",
                    value_max=(
                        Decimal(period.year_end)
                        if period.year_end != period.year_start
                        else None
                    ),
                    number=(offset, offset + 4),
                )
            elif period.plan_number is not None:
                # Plan names are periods, not numbers: reserve the span only.
                self.taken.take(period.start, period.end)

    # -- numbers ------------------------------------------------------------

    def scan_words(self) -> None:
        text = self.text
        for word, (value, unit, comparator) in unit_table.WORD_QUANTITIES.items():
            for m in re.finditer(re.escape(word), text):
                before = text[m.start() - 1] if m.start() else ""
                if before in unit_table.WORD_QUANTITY_NOT_AFTER:
                    continue
                needed = unit_table.WORD_QUANTITY_ONLY_BEFORE.get(word)
                if needed and not text.startswith(needed, m.end()):
                    continue
                if self.free(m.start(), m.end()):
                    self.emit(
                        m.start(),
                        m.end(),
                        value,
                        unit,
                        kind="amount",
                        comparator=comparator,
                        aspirational=self.aspirational(m.start()),
                    )

    def scan_bare_powers(self) -> None:
        """A bare 百/千/万 after a verb of doing and before a count classifier
        is the number ("完成万项技改", "支持千家企业"; not 千家万户); before 亿级,
        a scale ("达到万亿级": 10000 亿元 or more)."""
        scales = ((unit_table.BARE_POWER_COUNT_RE, "", "="), (unit_table.BARE_SCALE_RE, unit_table.BARE_SCALE_UNIT, ">="))
        for pattern, unit, plain in scales:
            for m in pattern.finditer(self.text):
                if self.free(m.start(), m.end()):
                    end, comparator = self.suffix_comparator(m.end())
                    self.emit(
                        m.start(),
                        end,
                        Decimal(unit_table.ARABIC_MULTIPLIERS[m.group("power")]),
                        unit or m.group("unit"),
                        kind="amount",
                        comparator=comparator or plain,
                        aspirational=self.aspirational(m.start()),
                    )

    def scan_numbers(self) -> None:
        text = self.text
        pos = 0
        while True:
            m = _NUMBER_RE.search(text, pos)
            if m is None:
                return
            pos = m.end()
            if not self.free(m.start(), m.end()):
                continue
            if m.group("ratio"):
                pos = self.ratio(m)
            elif m.group("cnfrac") or m.group("frac"):
                pos = self.fraction(m)
            elif m.group("arabic"):
                pos = self.arabic(m)
            else:
                pos = self.chinese(m)

    def fraction(self, m: re.Match) -> int:
        per_power = False
        if m.group("cnfrac"):
            # "百分之七十" (a bare power as denominator) is a percentage as
            # written: 70 %, "千分之五" 0.5 %; "三分之一" a fraction.
            per_power = is_bare_power(m.group("den"))
            try:
                # "百分之十": a lone power is a number in a numerator
                num = parse_chinese(m.group("num"), allow_bare_power=True)
                den = parse_chinese(m.group("den"), allow_bare_power=per_power)
            except ValueError:
                return m.end()
        else:
            before = self.text[m.start() - 1 : m.start()]
            if (before.isascii() and before.isalpha()) or len(m.group("fnum")) > 3:
                return m.end()  # a code's numbers ("ISO56005/56002"), not a fraction
            num, den = Decimal(m.group("fnum")), Decimal(m.group("fden"))
        try:
            if per_power:
                value = without_trailing_zeros(num * 100 / den)
            else:
                value = percent_of_fraction(num, den)
        except (ValueError, ArithmeticError):
            return m.end()
        comparator, start = _prefix_comparator(self.text, m.start())
        end, suffix = self.suffix_comparator(m.end())
        self.emit(
            start,
            end,
            value,
            "%",
            kind="amount",
            comparator=comparator or suffix or "=",
            number=(m.start(), m.end()),
            aspirational=self.aspirational(start),
        )
        return end

    def ratio(self, m: re.Match) -> int:
        """ "按照1:1的比例予以配套": the second term as a percentage of the first
        (matching funds: 1:0.5 is half of the first party's amount)."""
        first, second = parse_arabic(m.group("rfirst")), parse_arabic(m.group("rsecond"))
        if first == 0:
            return m.end()
        comparator, start = _prefix_comparator(self.text, m.start())
        self.emit(
            start,
            m.end(),
            without_trailing_zeros(second * 100 / first),
            "%",
            kind="amount",
            comparator=comparator or "=",
            number=(m.start(), m.end()),
            aspirational=self.aspirational(start),
        )
        return m.end()

    def suffix_comparator(self, end: int) -> tuple[int, str]:
        """(the end past it, its comparator) of a comparator word written
        after a quantity ending at ``end`` ("万家以上"); (end, "") if none."""
        for word in unit_table.SUFFIX_COMPARATOR_WORDS:
            if self.text.startswith(word, end):
                return end + len(word), unit_table.SUFFIX_COMPARATORS[word]
        return end, ""

    def aspirational(self, pos: int) -> bool:
        begin = self.clause_start(pos)
        segment = self.text[begin:pos]
        return any(word in segment for word in unit_table.ASPIRATIONAL_WORDS)

    def arabic(self, m: re.Match) -> int:
        text = self.text
        number_start, number_end = m.start(), m.end()
        value = parse_arabic(m.group("arabic"))
        value_max = None
        end = number_end
        # Range "15-30万元": a second Arabic number after a separator.
        separator = text[end] if end < len(text) else ""
        if separator in _RANGE_SEPARATORS or separator == _SOFT_RANGE_SEPARATOR:
            second = _ARABIC_RE.match(text, end + 1)
            if second is not None and (
                separator != _SOFT_RANGE_SEPARATOR
                or not _DATE_UNIT_AFTER.match(text, second.end())
            ):
                value_max = parse_arabic(second.group(0))
                end = second.end()
                number_end = end
        tail = _read_tail(
            text, end, allow_multiplier=True, before=text[max(0, number_start - 8) : number_start]
        )
        value, value_max = _scaled(value, value_max, tail)
        comparator, start = _prefix_comparator(text, number_start)
        kind = self.classify_arabic(m, number_start, tail, value, value_max)
        if kind in ("rank", "ordinal"):
            # the span takes 第/前: "第37位", "前15名" (<=), "第7个"
            start, comparator = self.rank_prefix(number_start)
        elif kind not in ("amount", "bare"):
            comparator, start = "", number_start
        if kind in ("amount", "bare"):
            comparator = comparator or tail.infix or tail.suffix or "="
        self.emit(
            start,
            tail.end,
            value,
            tail.unit,
            kind=kind,
            value_max=value_max,
            comparator=comparator or "=",
            multiplier=tail.multiplier,
            number=(number_start, number_end),
            aspirational=self.aspirational(start),
        )
        return tail.end

    def rank_prefix(self, number_start: int) -> tuple[int, str]:
        before = self.text[number_start - 1] if number_start else ""
        if before == "前":
            return number_start - 1, "<="
        if before != "第":
            return number_start, "="  # a later item of a 第 list
        return number_start - 1, "="

    def classify_arabic(self, m, number_start, tail, value, value_max) -> str:
        text = self.text
        before = text[number_start - 1] if number_start else ""
        after_number = text[m.end()] if m.end() < len(text) else ""
        if (before.isascii() and before.isalpha()) or (
            after_number.isascii() and after_number.isalpha() and not unit_table.is_latin_unit(tail.unit)
        ):
            return "name"  # "3D", "V2X", "5G"; not "12EFLOPS", "10EB"
        if before == "+" or after_number == "+":
            return "name"  # "11+1个创新工程"
        ordinal = _after_ordinal(text, number_start)
        if (ordinal or before == "前") and tail.unit in _RANK_UNITS:
            return "rank"
        if ordinal:
            return "ordinal"
        if any(text.endswith(w, 0, number_start) for w in _RANK_CHANGE_WORDS) and (
            tail.unit == "位"
        ):
            return "rank_change"
        if text.endswith("专栏", 0, number_start):
            return "label"
        if _at_line_start(text, number_start) and not tail.unit:
            if after_number in ".、．" or value < 100:
                return "label"
        if tail.unit == "年" or (
            not tail.unit and value_max is None and 1900 <= value <= 2100
        ):
            if 1900 <= value <= 2100 and value == value.to_integral_value():
                return "year"
            return "duration"
        if tail.unit and unit_table.category_of(tail.unit) == "time":
            return "duration"
        if value_max is not None and not tail.unit and 1900 <= value <= 2100:
            return "year"
        if self.in_quote(number_start, tail.end):
            return "name"
        if (
            tail.unit
            and _PROGRAMME_RE.match(text, tail.end)
            and _programme_name(text, tail.end)
        ):
            return "name"
        return "amount" if tail.unit else "bare"

    def chinese(self, m: re.Match) -> int:
        text = self.text
        digits = m.group("cn")
        number_start, number_end = m.start(), m.end()
        tail = _read_tail(text, number_end, allow_multiplier=False)
        if is_bare_power(digits):
            # "百余所" is a number; "万米", "百年", "每万人口" are words.
            if not (tail.infix and tail.unit):
                return number_end
        if (
            not tail.unit
            and _SCOPED_RANK_BEFORE_RE.search(text, max(0, number_start - 4), number_start)
            # "全国第一方阵", "第一梯队" name a group, not a place
            and not (number_end < len(text) and _is_cjk(text[number_end]))
        ):
            try:
                value = parse_chinese(digits)
            except ValueError:
                return number_end
            self.emit(
                number_start - 1,
                number_end,
                value,
                _SCOPED_RANK_UNIT,
                kind="rank",
                comparator="=",
                number=(number_start, number_end),
                aspirational=self.aspirational(number_start - 1),
            )
            return number_end
        if not tail.unit:
            return number_end  # "一是", "十大功能", "四新设施": not quantities
        try:
            value = parse_chinese(digits, allow_bare_power=True)
        except ValueError:
            return number_end
        comparator, start = _prefix_comparator(text, number_start)
        if _after_ordinal(text, number_start):
            kind = "rank" if tail.unit in _RANK_UNITS else "ordinal"
            start, comparator = self.rank_prefix(number_start)[0], "="
        elif unit_table.category_of(tail.unit) == "time":
            kind = "duration"
        elif self.in_quote(number_start, number_end) or _programme_name(text, tail.end):
            kind = "name"
        elif digits == "一" and unit_table.category_of(tail.unit) == "count":
            kind = "article"
        else:
            kind = "amount"
        if kind == "amount":
            comparator = comparator or tail.infix or tail.suffix or "="
        elif kind not in ("rank", "ordinal"):
            comparator, start = "=", number_start
        self.emit(
            start,
            tail.end,
            value,
            tail.unit,
            kind=kind,
            comparator=comparator or "=",
            number=(number_start, number_end),
            aspirational=self.aspirational(start),
        )
        return tail.end


def _programme_name(text: str, unit_end: int) -> bool:
    """True when the unit is followed, within a few characters and without
    punctuation, by 工程/战略: "100户企业上市培育工程", "百名创新人才培育工程"."""
    m = _PROGRAMME_RE.match(text, unit_end)
    return m is not None and m.start() == unit_end


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text``, typed by ``kind``, in text order."""
    scanner = _Scanner(text)
    scanner.scan_protected()
    scanner.scan_words()
    scanner.scan_bare_powers()
    scanner.scan_numbers()
    return qualifiers.apply(text, sorted(scanner.out, key=lambda q: q.start))
