"""The other words of eligibility (data): sectors, thresholds, units of
payment, vague conditions, and the generic heads that name any applicant.

Pure Python (no Django).  The target groups are ``measures.beneficiaries``,
the triggering events ``events``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_C = r"[^，。；：]"


@dataclass(frozen=True)
class Sector:
    key: str
    label: str
    words: tuple[str, ...]
    parent: str = ""


def _s(key, label, words, parent=""):
    return Sector(key, label, tuple(words.split()), parent)


# fmt: off
# Sectors a rule may be confined to; they nest only as written (人工智能 ⊃
# 大模型, 具身智能, 人工智能芯片), longest word first where they overlap.
SECTORS: tuple[Sector, ...] = (
    _s("ai", "人工智能", "人工智能 AI 智能产业"),
    _s("ai_llm", "人工智能大模型", "人工智能大模型 大模型 生成式人工智能 通用人工智能 基础模型",
       "ai"),
    _s("embodied_ai", "具身智能", "具身智能 人形机器人 智能机器人", "ai"),
    _s("ai_chips", "人工智能芯片", "人工智能芯片 AI芯片 智能芯片 集成电路 芯片", "ai"),
    _s("low_altitude", "低空经济", "低空经济 低空 无人机 通用航空 eVTOL"),
    _s("medicine", "医药", "医药 中药 中药材 新药 药品 医药健康"),
    _s("biomedicine", "生物医药", "生物医药 创新药 医疗器械 生物技术", "medicine"),
    _s("agriculture", "农业", "特色农业 农业 种植 养殖"),
    _s("modern_services", "现代服务业", "现代服务业 服务业"),
    # a project's kind as a clause or a form names it ("对重点产业新上的工业类项目"):
    # not 工业企业, which says nothing of a trade
    _s("industrial", "工业", "工业类项目 工业类"),
    # A food or drinks maker is no 医药 firm ("做人参饮品的食品加工厂"): its
    # sector keeps it from rules for 医药企业.
    _s("food", "食品", "食品 饮品 饮料 食品加工"),
)
# fmt: on
SECTORS_BY_KEY = {sector.key: sector for sector in SECTORS}

# A sector word names the applicant's sector when a head noun of an
# applicant or its activity follows it ("人工智能大模型企业", "具身智能创新
# 主体", "低空经济经营实体", "人工智能大模型主题活动", "现代服务业类项目"), not when it names
# what is bought ("采购…大模型产品和服务") or built.
SECTOR_HEAD_RE = re.compile(
    r"(?:相关|领域|产业|行业|的|类){0,2}(?:企业|主体|机构|单位|团队|人才|项目|活动|领域|产业|"
    r"实体|公司|经营|法人|组织|科学家|创新主体|主题活动)"
)

# Scope sentences: who and what a whole document applies to ("本意见的适用
# 对象为…", "本政策适用于依法经营的人工智能产业法人…", "支持领域").
SCOPE_RE = re.compile(r"适用对象|适用于|支持对象|支持领域|适用范围|扶持对象")
# How far into a document its scope sentence is looked for.
SCOPE_CHARS = 1500


@dataclass(frozen=True)
class Measured:
    """A quantity conditions compare with a threshold, and how profiles name it."""

    key: str
    label: str
    words: re.Pattern[str]
    unit: str  # "元", "%", "件", "亩", …: what a profile states it in


def _m(key, label, words, unit):
    return Measured(key, label, re.compile(words), unit)


# fmt: off
# Quantities of a condition ("年产值同比增长超过1000万元的"), each with the
# words before the number that name it; the key is the profile's field.
MEASURED: tuple[Measured, ...] = (
    # ...and as people say it: "今年产值比去年多了800万左右"
    _m("output_growth", "年产值同比增长额", rf"产值{_C}{{0,6}}(?:增长|多了?|增加)", "元"),
    _m("tax_paid", "年度纳税额", r"纳税额|缴纳税收|税收", "元"),
    _m("rd_intensity", "研发投入占营业收入比例", rf"研发投入{_C}{{0,6}}占{_C}{{0,6}}收入", "%"),
    _m("rd_expense", "研发投入", r"研发投入|研发费用|研究开发费用", "元"),
    _m("tech_transaction", "技术交易额", rf"技术交易额|技术合同{_C}{{0,4}}成交额|成交额", "元"),
    # ...and as people say it: "一年也就卖3000来万", "一年营收8000万"
    _m("sales", "年销售额", r"销售额|销售收入|营业收入|主营业务收入|营收|卖了?", "元"),
    _m("fixed_investment", "固定资产投资", r"固定资产投资", "元"),
    _m("investment_per_mu", "亩均投资强度", r"亩均投资", "元"),
    _m("tax_per_mu", "亩均税收", r"亩均税收", "元"),
    _m("local_revenue", "地方财政贡献", r"地方财政贡献", "元"),
    _m("site_area", "基地面积", r"面积", "亩"),
    _m("patents", "有效发明专利数", r"专利", "件"),
)
# fmt: on
MEASURED_BY_KEY = {m.key: m for m in MEASURED}

# What an amount is paid per, with the words that say so (most specific
# first: 每人每月 before 每人).
PER_WORDS: tuple[tuple[str, str], ...] = (
    ("每人每月", "person_month"),
    ("每月每人", "person_month"),
    ("每人", "person"),
    ("每名", "person"),
    ("每项", "item"),
    ("每件", "item"),
    ("每个", "item"),
    ("单品种", "item"),
    ("单个项目", "item"),
    ("每家", "item"),
    ("每户", "item"),
    ("/亩", "mu"),
    ("每亩", "mu"),
    ("一次性", "once"),
    ("每年度", "year"),
    ("每年", "year"),
    ("年度最高", "year"),
    ("年度补贴", "year"),
    ("连续5年", "year"),
)
PER_LABELS = {
    "once": "一次性",
    "item": "每项/每件",
    "item_once": "每项/每件一次性",
    "year": "每年",
    "person": "每人",
    "person_month": "每人每月",
    "mu": "每亩",
}

# Conditions a clause leaves vague: kept as written, never given a number.
VAGUE_RE = re.compile(
    rf"达到一定(?:数额|规模|比例|数量|标准|水平)|一定数额|一定比例|一定规模|符合条件的?|符合{_C}{{0,8}}条件|"
    rf"未规定{_C}{{0,16}}约定|有良好市场前景|对{_C}{{0,8}}有带动作用|成效显著|"
    rf"具有一定{_C}{{0,10}}能力|符合{_C}{{0,12}}导向"
)
# Where the supported activity must happen, as a condition the profile's
# place cannot settle ("在省内成功转化", "在本省转化").
LOCAL_RE = re.compile(
    rf"在(?:本省|省内|本市|市内|本区|区内|县域内?|本县)(?:成功)?{_C}{{0,4}}(?:转化|实施|产业化)"
)

# Heads that name any applicant of their kind when no target group does
# ("对…的单位", "…的主体", "企业或团队").
GENERIC_HEADS: tuple[tuple[str, str], ...] = (
    ("单位", "entities"),
    ("主体", "entities"),
    ("机构", "entities"),
    ("平台", "entities"),
    ("法人", "entities"),
    ("团队", "individuals"),
    ("人员", "individuals"),
    ("人才", "individuals"),
    ("个人", "individuals"),
)

# A reward to people out of a unit's income: the people named are the
# applicants, the units only their employers ("允许高校、科研院所将…奖给成果
# 完成人或团队", "允许研发机构、高等院校…与科技人员约定奖励和报酬").
REWARD_TO_RE = re.compile(r"奖给|奖励|报酬")
# Groups that employ the people such a reward goes to.
EMPLOYERS = frozenset(
    {"universities", "research_institutes", "rd_institutions", "medical_institutions",
     "state_owned_enterprises", "enterprises", "new_rd_institutions"}
)
# Partners of the applicant ("与高校、科研院所共建新型研发机构"): not applicants.
PARTNER_RE = re.compile(r"与[^，。；]{1,20}?(?:共建|合作|联合|共同|协同)")

# Support in kind a measure promises (priority, a green channel, preference
# in evaluation): such measures are matched like rules and listed after the
# money.
IN_KIND_RE = re.compile(
    r"优先(?:支持|推荐|考虑|安排|保障|使用|采购|立项|给予|申报|列入|纳入)|绿色通道|予以倾斜|"
    r"政策倾斜|适当倾斜|放宽|单列|直通车|容缺受理|一事一议|给予优先|享受同等待遇"
)
