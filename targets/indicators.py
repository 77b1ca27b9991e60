"""Known indicators: one row per quantity that several documents measure.

A row says how the quantity is named (``patterns``: regexes searched in the
cleaned indicator phrase an extractor produced), its unit, and the range a
value can plausibly take for one province.  Targets and figures from
different documents line up through ``key``: 003's "全省R&D经费占GDP的比重",
000's "全省R&D（创新与开发）经费投入占GDP的比重" and the 004 table's
"研究与试验发展（R&D）经费支出占地区生产总值（GDP）比重" are all
``rd_gdp_ratio``.

Ranges (``low``..``high``) are per year for a province the size of Jilin;
for a ``flow`` indicator reported as a period total ("十三五"期间累计) the
high end is multiplied by the number of years.  They are data for
``targets.plausibility``, chosen generously: a value outside is a printing
error far more often than a fact.  Order matters: the first matching row
wins, so ratios come before the amounts they are made of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class IndicatorDef:
    key: str
    name: str
    name_en: str
    unit: str
    patterns: tuple[str, ...]
    low: Decimal | None = None
    high: Decimal | None = None
    flow: bool = False  # a yearly amount that period totals add up
    note: str = ""


_R_AND_D = r"(?:R&D|研究与试验发展|研发)(?:（[^）]*）)?"
_GDP = r"(?:地区生产总值|国内生产总值|GDP)(?:（[^）]*）)?"

INDICATORS: tuple[IndicatorDef, ...] = (
    # -- ratios first: their names contain the names of amounts ------------
    IndicatorDef(
        "rd_gdp_ratio",
        "研究与试验发展（R&D）经费支出占地区生产总值比重",
        "R&D expenditure as a share of GDP",
        "%",
        (
            rf"{_R_AND_D}经费(?:投入|支出)?占{_GDP}",
            # "（全社会）研发经费投入强度", "R&D经费投入强度", "研发投入强度":
            # the usual name of the same ratio in plans.  An enterprise's
            # intensity (规上企业研发投入强度) divides by its revenue instead.
            rf"(?<!企业){_R_AND_D}(?:经费)?(?:投入|支出)?强度",
        ),
        Decimal(0),
        Decimal(10),  # no Chinese province has reached 7 %
        note="研发经费投入强度 is R&D expenditure / GDP by definition.",
    ),
    IndicatorDef(
        "enterprise_rd_share",
        "企业研发投入占全社会研发投入比重",
        "Enterprise share of total R&D expenditure",
        "%",
        (r"企业(?:研发|R&D)(?:经费)?(?:投入|支出)占全社会",),
        Decimal(0),
        Decimal(100),
    ),
    IndicatorDef(
        "hightech_value_added_share",
        "高技术产业增加值占工业增加值比重",
        "High-tech industry value added as a share of industrial value added",
        "%",
        (r"高技术产业增加值占(?:规模以上)?工业增加值",),
        Decimal(0),
        Decimal(100),
        note="003 divides by 规模以上工业增加值, 001 by 工业增加值: one series here.",
    ),
    IndicatorDef(
        "tech_contract_gdp_ratio",
        "技术合同成交额与地区生产总值之比",
        "Technology contract turnover relative to GDP",
        "%",
        (rf"技术合同(?:成交|交易)额(?:与|占){_GDP}",),
        Decimal(0),
        Decimal(20),  # Beijing, far ahead of all others, is about 15 %
    ),
    IndicatorDef(
        "enterprise_rd_institution_share",
        "大中型工业企业拥有研发机构的比例",
        "Share of large and medium industrial firms with an R&D institution",
        "%",
        (r"大中型工业企业拥有研发机构的?比例",),
        Decimal(0),
        Decimal(100),
    ),
    IndicatorDef(
        "researchers_per_10k_employed",
        "万名从业人员中的研发人员数",
        "R&D personnel per 10,000 employed",
        "人",
        (r"万名(?:从业|就业)人员中的?研发人员",),
        Decimal(0),
        Decimal(500),  # the national average is about 70, Beijing about 250
    ),
    IndicatorDef(
        "high_value_patents_per_10k",
        "每万人口高价值发明专利拥有量",
        "High-value invention patents per 10,000 people",
        "件",
        (r"每万人口高价值发明专利",),
        Decimal(0),
        Decimal(200),  # the national figure was 6.3 in 2020, Beijing about 100
    ),
    IndicatorDef(
        "invention_patents_per_10k",
        "每万人口发明专利拥有量",
        "Invention patents in force per 10,000 people",
        "件",
        (r"(?:每)?万人(?:口)?(?:有效)?发明专利(?:拥有量|拥有数|数)?$",),
        Decimal(0),
        Decimal(300),  # the national figure was 15.8 in 2020, Beijing about 156
    ),
    IndicatorDef(
        "science_literacy_share",
        "公民具备科学素养的比例",
        "Share of citizens with basic scientific literacy",
        "%",
        (r"具备(?:基本)?科学素(?:养|质)的?比例",),
        Decimal(0),
        Decimal(50),  # national 10.56 % in 2020, the highest province about 25 %
    ),
    # -- amounts --------------------------------------------------------------
    IndicatorDef(
        "tech_contract_value",
        "技术合同成交额",
        "Technology contract turnover",
        "亿元",
        (r"技术合同(?:成交|交易)(?:金)?额",),
        Decimal(0),
        Decimal(10000),
        flow=True,
    ),
    IndicatorDef(
        "rd_expenditure",
        "R&D经费投入",
        "R&D expenditure",
        "亿元",
        (rf"{_R_AND_D}经费(?:累计)?(?:投入|支出)?(?:累计)?$",),
        Decimal(0),
        Decimal(500),
        flow=True,
        note="Jilin's yearly R&D spending stayed under 200亿元 through 2020.",
    ),
    IndicatorDef(
        "fiscal_st_expenditure",
        "财政科技支出",
        "Government S&T expenditure",
        "亿元",
        (r"财政科技(?:支出|投入|经费)",),
        Decimal(0),
        Decimal(300),
        flow=True,
    ),
    IndicatorDef(
        "patent_applications",
        "专利申请量",
        "Patent applications",
        "件",
        (r"^专利申请(?:量|数)?(?:累计)?$",),
        flow=True,
    ),
    IndicatorDef(
        "patent_grants",
        "专利授权量",
        "Patents granted",
        "件",
        (r"^专利授权(?:量|数)?(?:累计)?$",),
        flow=True,
    ),
    # -- counts of institutions ---------------------------------------------
    IndicatorDef(
        "hightech_enterprises",
        "高新技术企业数量",
        "High-tech enterprises",
        "家",
        (r"^高新技术企业(?:数量|数)?$",),
        Decimal(0),
        Decimal(100000),
    ),
    IndicatorDef(
        "provincial_key_labs",
        "省级重点实验室",
        "Provincial key laboratories",
        "个",
        (r"^(?:吉林)?省(?:级)?重点实验室$",),
    ),
    IndicatorDef(
        "national_key_labs",
        "国家重点实验室",
        "State key laboratories",
        "个",
        (r"^国家(?:级)?重点实验室$",),
    ),
    IndicatorDef(
        "enterprise_tech_centers",
        "省级企业技术中心",
        "Provincial (and above) enterprise technology centres",
        "个",
        (r"^省级(?:以上)?企业技术中心$",),
    ),
    IndicatorDef(
        "industry_innovation_alliances",
        "产业技术创新联盟",
        "Industrial technology innovation alliances",
        "个",
        (r"^(?:省级)?产业技术创新(?:战略)?联盟$",),
    ),
    IndicatorDef(
        "pilot_test_centers",
        "省级中试中心",
        "Pilot-test centres",
        "个",
        (r"^(?:省级|行业)中试中心$",),
    ),
    IndicatorDef(
        "tech_transfer_demo_institutions",
        "技术转移示范机构",
        "Technology transfer demonstration institutions",
        "个",
        (r"^(?:省级)?技术转移示范机构$",),
    ),
    IndicatorDef(
        "tech_business_incubators",
        "科技企业孵化器",
        "Technology business incubators",
        "个",
        (r"^(?:省级(?:以上)?)?科技企业孵化器$",),
    ),
    IndicatorDef(
        "academician_workstations",
        "院士工作站",
        "Academician workstations",
        "个",
        (r"^(?:企业)?院士(?:专家)?工作站$",),
    ),
    IndicatorDef(
        "provincial_st_innovation_centers",
        "省级科技创新中心",
        "Provincial S&T innovation centres",
        "个",
        (r"^省级(?:企业)?科技创新中心$",),
    ),
    IndicatorDef(
        "national_engineering_research_centers",
        "国家工程技术研究中心",
        "National engineering technology research centres",
        "个",
        (r"^国家工程技术研究中心$",),
    ),
    IndicatorDef(
        "national_intl_coop_bases",
        "国家级国际科技合作基地",
        "National international S&T cooperation bases",
        "个",
        (r"^国家(?:级)?国际科技合作基地$",),
    ),
    IndicatorDef(
        "tech_brokers",
        "技术经纪人",
        "Technology brokers",
        "人",
        (r"^技术经纪人$",),
    ),
    IndicatorDef(
        "tech_broker_training",
        "技术经纪人培训人数",
        "Technology brokers trained",
        "人",
        (r"^培训技术经纪人$",),
        flow=True,
    ),
)

_BY_KEY = {row.key: row for row in INDICATORS}
_COMPILED = tuple(
    (row, tuple(re.compile(p) for p in row.patterns)) for row in INDICATORS
)

# Units that measure the same kind of thing: an indicator in 家 accepts 户/个.
_UNIT_FAMILIES = (
    frozenset({"个", "家", "户", "所", "项"}),
    frozenset({"人", "名", "位"}),
    frozenset({"%"}),
    frozenset({"亿元", "万元", "元", "万亿元"}),
    frozenset({"件"}),
)


def indicator_by_key(key: str) -> IndicatorDef:
    return _BY_KEY[key]


def _compatible(unit_a: str, unit_b: str) -> bool:
    if unit_a == unit_b:
        return True
    return any(unit_a in family and unit_b in family for family in _UNIT_FAMILIES)


def match_indicator(phrase: str, unit: str = "") -> IndicatorDef | None:
    """The known indicator ``phrase`` names, if its unit fits."""
    for row, patterns in _COMPILED:
        if any(p.search(phrase) for p in patterns):
            if not unit or _compatible(unit, row.unit):
                return row
    return None
