"""Policy-instrument typology (data): OECD STIP Compass, adapted to Chinese practice.

Pure Python (no Django).  Each row names one instrument type: a stable English
snake_case key, Chinese and English labels, the STIP Compass category and the
STIP instrument it corresponds to, and the trigger keywords that reveal it in a
provision.  Rows whose ``stip_instrument`` ends in "(adapted)" are Chinese
practices that STIP files under a broader instrument (后补助 is a grant paid
after completion; 揭榜挂帅 is a challenge prize run as open competition for a
project; 职务科技成果赋权 is an IP-regulation reform; 容错免责 a regulatory
reform of audit rules).

Source of the STIP categories and instrument names: EC-OECD STIP Compass
taxonomies (edition 2019), policy-instrument facet.  Keywords come from the
wording of the five Jilin documents (2011–2022).
"""

from __future__ import annotations

from dataclasses import dataclass

# STIP Compass top-level instrument categories.
STIP_CATEGORIES: dict[str, str] = {
    "governance": "Governance",
    "direct_financial": "Direct financial support",
    "indirect_financial": "Indirect financial support",
    "collaborative_infrastructure": "Collaborative infrastructures (soft)",
    "guidance_regulation": "Guidance, regulation and incentives",
}


@dataclass(frozen=True)
class InstrumentType:
    key: str
    name: str  # Chinese label
    name_en: str
    stip_category: str  # key of STIP_CATEGORIES
    stip_instrument: str  # the STIP Compass instrument this row maps to
    keywords: tuple[str, ...]


def _i(key, name, name_en, category, stip, keywords: str) -> InstrumentType:
    return InstrumentType(key, name, name_en, category, stip, tuple(keywords.split()))


# fmt: off
INSTRUMENT_TYPES: tuple[InstrumentType, ...] = (
    # --- direct financial support -------------------------------------------
    _i("institutional_funding", "科研机构稳定支持",
       "Institutional funding for public research",
       "direct_financial", "Institutional funding for public research",
       "稳定支持 稳定增长机制 财政科技研发经费 财政科技投入 财政科技专项资金"),
    _i("research_project_grants", "科研项目资助", "Project grants for public research",
       "direct_financial", "Project grants for public research",
       "科技计划项目 科研项目 面上项目 主题引导项目 自由探索项目 自然科学基金 "
       "重大科技专项 重大科技创新专项 重点研发计划 科技发展计划 重大科技项目"),
    _i("business_rd_grants", "企业研发与创新资助",
       "Grants for business R&D and innovation",
       "direct_financial", "Grants for business R&D and innovation",
       "资金支持 资金补助 补助 补贴 资助 专项资金 财政补助 项目资金 给予支持"),
    _i("post_completion_subsidy", "后补助", "Post-completion subsidies",
       "direct_financial", "Grants for business R&D and innovation (adapted)",
       "后补助"),
    _i("open_competition", "揭榜挂帅与研发众包",
       "Open competition for R&D tasks (challenges)",
       "direct_financial",
       "Science and innovation challenges, prizes and awards (adapted)",
       "揭榜挂帅 军令状 赛马 竞标 难题招标 研发众包 众包"),
    _i("loans_credit", "贷款与信贷", "Loans and credits for innovation in firms",
       "direct_financial", "Loans and credits for innovation in firms",
       "贷款 信贷 贴息 融资租赁 债权 投贷结合 四免三贴 免收"),
    _i("equity_financing", "股权投资与创投基金", "Equity financing",
       "direct_financial", "Equity financing",
       "创业投资 风险投资 天使投资 引导基金 种子基金 股权投资 创投 投资基金 "
       "资本金投入 成果转化基金 科创投 上市 挂牌 股份转让 股权基金"),
    _i("innovation_vouchers", "创新券", "Innovation vouchers",
       "direct_financial", "Innovation vouchers",
       "创新券 科技券"),
    _i("procurement", "政府采购与购买服务",
       "Procurement programmes for R&D and innovation",
       "direct_financial", "Procurement programmes for R&D and innovation",
       "政府采购 购买服务 首台套"),
    _i("talent_programmes", "人才计划与资助", "Fellowships and talent programmes",
       "direct_financial", "Fellowships and postgraduate loans and scholarships",
       "人才工程 人才计划 领军人才 人才团队 人才开发基金 高层次人才 引进人才 人才培养 "
       "博士后 人才引进 创新人才 引智 培训"),
    # --- indirect financial support -----------------------------------------
    _i("tax_incentives", "税收优惠", "Tax relief for R&D and innovation",
       "indirect_financial", "Corporate tax relief for R&D and innovation",
       "税收 加计扣除 所得税 税收抵扣 加速折旧 减免税 财税政策"),
    _i("guarantees_risk_sharing", "担保、质押与保险",
       "Debt guarantees and risk-sharing schemes",
       "indirect_financial", "Debt guarantees and risk sharing schemes",
       "担保 质押 保险 风险补偿 增信"),
    # --- collaborative infrastructures --------------------------------------
    _i("collaboration_platforms", "产学研合作与对接平台",
       "Science-industry networks and platforms",
       "collaborative_infrastructure", "Networking and collaborative platforms",
       "产学研 协同创新 对接 合作平台 共建 联合攻关 合作研发 联合设立 协同机制 "
       "共同体 省校合作 省院合作"),
    _i("innovation_alliances", "产业技术创新联盟",
       "Industrial technology innovation alliances",
       "collaborative_infrastructure",
       "Networking and collaborative platforms (adapted)",
       "联盟 创新联合体"),
    _i("tech_transfer_markets", "技术转移与技术市场",
       "Technology transfer and technology markets",
       "collaborative_infrastructure",
       "Networking and collaborative platforms (adapted)",
       "技术转移 技术市场 科技大市场 技术交易 技术合同 技术产权交易 转移转化机构 "
       "成果转化基地"),
    _i("tech_brokers", "技术经纪人", "Technology brokers",
       "collaborative_infrastructure",
       "Technology extension and business advisory services (adapted)",
       "技术经纪人 技术经纪 技术转移人才"),
    _i("research_infrastructure", "实验室与科研基础设施",
       "Labs and research infrastructure",
       "collaborative_infrastructure", "Dedicated support to research infrastructures",
       "重点实验室 实验室 工程实验室 科学装置 科技基础设施 科技基础条件 仪器设备 "
       "大型仪器 "
       "观测研究站 科研设备 应用数学中心"),
    _i("innovation_centres", "技术创新中心与工程中心",
       "Technology innovation and engineering centres",
       "collaborative_infrastructure", "Centres of excellence grants",
       "技术创新中心 科技创新中心 工程技术研究中心 工程研究中心 企业技术中心 "
       "协同创新中心 制造业创新中心 产业创新中心 临床医学研究中心 研发中心"),
    _i("new_rd_institutions", "新型研发机构", "New-type R&D institutes",
       "collaborative_infrastructure",
       "Creation or reform of governance structure or public body (adapted)",
       "新型研发机构 产业技术研究院 应用技术研究院 研究开发机构 研发机构"),
    _i("pilot_scaleup", "中试与产业化基地", "Pilot plants and scale-up bases",
       "collaborative_infrastructure",
       "Dedicated support to research infrastructures (adapted)",
       "中试 熟化 产业化基地 特色产业基地 产业化示范"),
    _i("information_services", "科技信息与数据服务",
       "Information services and access to data",
       "collaborative_infrastructure", "Information services and access to datasets",
       "信息系统 信息平台 数据服务 成果库 项目库 信息服务 报告系统 信息共享 "
       "信息网络 信息发布 共享平台 一张网"),
    # --- guidance, regulation and incentives --------------------------------
    _i("sci_tech_commissioners", "科技特派员",
       "S&T commissioners (technology extension)",
       "guidance_regulation",
       "Technology extension and business advisory services (adapted)",
       "科技特派员 服务千户企业 科技人员服务企业 院士专家企业行"),
    _i("business_advisory", "科技服务与中介", "S&T services and business advisory",
       "guidance_regulation", "Technology extension and business advisory services",
       "科技中介 中介服务 科技服务 服务机构 咨询 创业导师 公共服务平台 公共检测 "
       "综合服务体系"),
    _i("incubators", "孵化器与众创空间", "Incubators and maker spaces",
       "guidance_regulation",
       "Technology extension and business advisory services (adapted)",
       "孵化器 众创空间 星创天地 大学科技园 加速器 双创平台 创业苗圃 孵化"),
    _i("enterprise_cultivation", "科技企业培育与认定",
       "Certification and cultivation of tech firms",
       "guidance_regulation",
       "Technology extension and business advisory services (adapted)",
       "培育库 高新技术企业认定 小巨人 瞪羚 独角兽 科技型中小企业评价 梯队"),
    _i("labour_mobility", "人才流动", "Labour mobility regulation and incentives",
       "guidance_regulation", "Labour mobility regulation and incentives",
       "兼职 离岗 领办创办 双向流动 保留原职务 任职 产业教授 双导师 在职创办"),
    _i("academician_workstations", "院士工作站与博士后工作站",
       "Academician and postdoc workstations",
       "guidance_regulation", "Labour mobility regulation and incentives (adapted)",
       "院士工作站 院士专家工作站 博士后科研工作站 博士后工作站 研究生工作站 "
       "科学家工作室"),
    _i("ip_incentives", "知识产权激励与服务",
       "Intellectual property regulation and incentives",
       "guidance_regulation", "Intellectual property regulation and incentives",
       "知识产权 专利"),
    _i("ownership_reform", "职务科技成果赋权与收益分配",
       "Ownership reform and inventor rewards",
       "guidance_regulation",
       "Intellectual property regulation and incentives (adapted)",
       "赋权 赋予科研人员 所有权 长期使用权 职务科技成果 职务发明 处置权 自主权 "
       "奖给成果完成人 奖励给成果完成人 奖励科研团队 收益分成 收益分配 混合所有制 "
       "股权和分红 股权、期权 分红 让渡"),
    _i("awards_prizes", "奖励与竞赛", "Prizes, awards and competitions",
       "guidance_regulation", "Science and innovation challenges, prizes and awards",
       "大赛 奖励 专利奖 科技奖励 金奖 优秀奖 表彰"),
    _i("researcher_evaluation", "人才评价与职称", "Researcher evaluation and careers",
       "guidance_regulation", "Labour mobility regulation and incentives (adapted)",
       "人才评价 职称 评聘 破格 晋升 评价标准 薪酬"),
    _i("error_tolerance", "容错免责", "Error tolerance and liability exemption",
       "guidance_regulation", "Regulatory reform (adapted)",
       "容错 免责 宽容失败"),
    _i("funding_rules_reform", "科研经费与项目管理改革",
       "Reform of research funding rules",
       "guidance_regulation", "Regulatory reform (adapted)",
       "经费管理 预算调整 间接费用 直接费用 国库集中支付 公务卡 负面清单 放管服 "
       "项目管理 分类管理 项目专员 监理制 首席科学家 结余经费"),
    _i("regulation_legislation", "法规与规章", "Laws and regulations",
       "guidance_regulation", "Regulatory reform",
       "法规 条例 立法 规章 管理办法 法律"),
    _i("standards", "标准与认证", "Standards and certification",
       "governance",
       "Standards and certification for technology development and adoption",
       "技术标准 国际标准 国家标准 行业标准 地方标准 团体标准 标准制定 标准化 "
       "先进标准"),
    # --- governance ----------------------------------------------------------
    _i("strategies_plans", "战略、规划与行动计划", "Strategies, agendas and plans",
       "governance", "Strategies, agendas and plans",
       "规划 行动计划 实施方案 路线图 发展战略 战略部署 战略布局"),
    _i("coordination_bodies", "领导小组与协调机制",
       "Coordination bodies and mechanisms",
       "governance", "Horizontal STI coordination bodies",
       "领导小组 协调机制 联席会议 会商 集体决策 协同推进机制 工作协调 组织领导 "
       "领导干部联系 工作的领导"),
    _i("evaluation_monitoring", "评价考核与监测",
       "Evaluation, assessment and monitoring",
       "governance", "Policy intelligence (evaluations, benchmarking and forecasts)",
       "考核 评价 绩效 评估 统计监测 年度报告 督查 督导 监管"),
    _i("zones_pilots", "高新区、示范区与改革试点",
       "High-tech zones, demonstration zones and pilots",
       "governance",
       "Creation or reform of governance structure or public body (adapted)",
       "高新区 自创区 自主创新示范区 农高区 创新型城市 创新型县 创新型省份 科技园 "
       "示范区 先导区 试点 先行先试"),
    _i("international_cooperation", "国际科技合作", "International S&T cooperation",
       "collaborative_infrastructure",
       "Networking and collaborative platforms (international)",
       "国际科技合作 国际合作 大科学计划 大科学工程 跨国公司 海外 境外 一带一路 "
       "中俄 国际学术 国际技术转移"),
    _i("public_awareness", "科学普及与创新文化",
       "Public awareness and science popularisation",
       "governance", "Public awareness campaigns and other outreach activities",
       "科普 科学普及 科学素养 宣传 科技活动周 科学家精神 工匠精神 创新文化 "
       "创新氛围 诚信"),
)
# fmt: on

INSTRUMENTS_BY_KEY: dict[str, InstrumentType] = {
    row.key: row for row in INSTRUMENT_TYPES
}
