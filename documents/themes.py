"""Theme taxonomy of S&T policy topics (data) and a keyword classifier (engine).

Pure Python (no Django).  ``THEMES`` is a two-level tree: 12 top-level themes,
each with 2–6 children.  ``classify(text, heading)`` returns theme slugs.

Choice on parents: ``classify`` returns the MOST SPECIFIC themes only.  A child
implies its parent, so a parent is returned only when its own keywords match and
none of its children does ("科技成果转化" alone -> "transfer"; "技术经纪人" ->
"transfer-market", not also "transfer").  ``with_ancestors(slugs)`` adds the
parents back for callers that index by top-level theme.

Keywords are plain substrings of the normalised text, chosen from the wording
of the five Jilin documents (2011–2022) and the usual vocabulary of the genre.
A keyword found in the provision heading counts double (headings such as
"（十三）发挥科技中介服务团队的作用" state the topic most directly).
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.extraction.overlaps import inside_longer


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str  # Chinese
    name_en: str
    parent: str  # slug of the parent; "" for a top-level theme
    keywords: tuple[str, ...]


def _t(slug: str, name: str, name_en: str, parent: str, keywords: str) -> Theme:
    return Theme(slug, name, name_en, parent, tuple(keywords.split()))


# fmt: off
THEMES: tuple[Theme, ...] = (
    _t("transfer", "科技成果转化", "Commercialisation of S&T achievements", "",
       "科技成果转化 成果转化 转移转化 成果产业化 科技成果产业化 落地转化 就地转化 "
       "舟桥 双千工程 转化应用 创新链"),
    _t("transfer-market", "技术市场与技术转移",
       "Technology markets and technology transfer",
       "transfer",
       "技术市场 科技大市场 技术转移 技术交易 技术合同 技术经纪 技术产权交易 "
       "供需对接 成果信息 科技成果库 成果目录 路演 研发众包 难题招标 技术难题竞标 "
       "购买科技成果 引进科技成果 成功转化"),
    _t("transfer-pilot", "中试熟化与产业化载体", "Pilot testing and scale-up",
       "transfer",
       "中试 熟化 产业化基地 产业化载体 产业化示范 特色产业基地 产业化开发"),
    _t("transfer-rights", "成果赋权与收益分配",
       "Ownership of results and sharing of proceeds",
       "transfer",
       "赋权 赋予科研人员 职务科技成果 职务发明 所有权 长期使用权 处置权 收益分配 "
       "收益分成 收益管理 净收入 净收益 成果完成人 股权和分红 股权、期权 分红 "
       "混合所有制 让渡 利益分配"),
    _t("transfer-services", "科技服务与中介", "S&T services and intermediaries",
       "transfer",
       "科技中介 中介服务 中介机构 科技服务 服务机构 咨询服务 科技咨询 科技服务业 "
       "一站式 信息网络 科技情报 公共检测 共享服务"),

    _t("enterprise", "企业创新主体", "Firms as the main innovators", "",
       "企业创新主体 创新主体 主体地位 主体作用 企业技术创新 企业创新 创新型企业 "
       "科技企业 龙头企业 骨干企业 企业主导 企业为主体 企业家"),
    _t("enterprise-hightech", "高新技术企业", "High-tech enterprises", "enterprise",
       "高新技术企业 高企 瞪羚 独角兽"),
    _t("enterprise-sme", "科技型中小企业", "Technology-based SMEs", "enterprise",
       "科技型中小企业 中小企业 小巨人 小微企业 专精特新 初创期"),
    _t("enterprise-rd", "企业研发投入与研发机构", "Business R&D spending and R&D units",
       "enterprise",
       "研发投入 研发费用 研发准备金 R&D 企业技术中心 研发机构 研发中心 技术中心 "
       "科学家工作室 创新联合体 加计扣除"),

    _t("talent", "科技人才", "S&T human resources", "",
       "人才 科技人员 科研人员 创新团队 科研团队 科技工作者 研发人员 工程师"),
    _t("talent-recruitment", "人才引进与培养", "Attracting and training talent",
       "talent",
       "人才引进 引进人才 引才 引智 领军人才 高层次人才 高端人才 人才培养 人才工程 "
       "人才计划 人才团队 人才队伍 博士后 研究生 工作站 培训 长白山人才 青年科技"),
    _t("talent-incentives", "人才评价与激励",
       "Evaluation and incentives for researchers",
       "talent",
       "人才评价 职称 评聘 职务评聘 破格 激励机制 分配激励 薪酬 奖励政策 "
       "晋升 考核、激励 科技奖励 表彰"),
    _t("talent-mobility", "人才流动与科技特派员",
       "Researcher mobility and S&T commissioners",
       "talent",
       "科技特派员 流动 兼职 离岗 任职 服务企业 服务千户企业 产业教授 双导师 "
       "保留原职务 领办创办 在职创办"),

    _t("finance", "科技金融", "Finance for innovation", "",
       "科技金融 金融 融资 投融资 资本市场 金融资本"),
    _t("finance-vc", "创业投资与引导基金", "Venture capital and guidance funds",
       "finance",
       "创业投资 风险投资 天使投资 引导基金 种子基金 创投 股权投资 投资基金 "
       "成果转化基金 基金"),
    _t("finance-credit", "信贷、担保与保险", "Credit, guarantees and insurance",
       "finance",
       "贷款 信贷 担保 质押 贴息 银行 保险 融资租赁 四免三贴"),
    _t("finance-capital-market", "上市与资本市场", "Listing and capital markets",
       "finance",
       "上市融资 上市培育 企业上市 资本市场 债券 挂牌融资 股份转让 证券 票据 证券化"),
    _t("finance-public", "财政科技投入", "Public funding of S&T", "finance",
       "财政科技 财政资金 专项资金 科技投入 经费投入 资金投入 后补助 政府引导 "
       "有偿投入 资金补助 多元化投入 投入体系 财政补助 开发资金 科技项目资金"),

    _t("platforms", "基础研究与创新平台", "Basic research and innovation platforms", "",
       "创新平台 研发平台 科研平台 创新基地 科技基础条件 平台建设 平台体系"),
    _t("platforms-basic", "基础研究", "Basic research", "platforms",
       "基础研究 原始创新 自然科学基金 面上项目 自由探索 前沿 知识创新 原创"),
    _t("platforms-labs", "重点实验室与科研基础设施",
       "Key laboratories and research infrastructure",
       "platforms",
       "重点实验室 实验室 科技基础设施 科学装置 观测研究站 大型仪器 仪器设备 "
       "科研设备 应用数学中心 临床医学研究中心"),
    _t("platforms-centres", "技术创新中心与工程中心",
       "Technology innovation and engineering centres",
       "platforms",
       "技术创新中心 科技创新中心 工程技术研究中心 工程研究中心 工程实验室 "
       "协同创新中心 制造业创新中心 产业创新中心 公共服务平台 公共技术平台"),
    _t("platforms-institutes", "新型研发机构与科研院所",
       "New-type R&D institutes and research institutes",
       "platforms",
       "新型研发机构 产业技术研究院 应用技术研究院 研究院 研究开发机构 研究所 "
       "科研院所创新能力"),

    _t("regional", "区域创新", "Regional innovation", "",
       "区域创新 区域科技 区域特色 县域 地方性创新"),
    _t("regional-zones", "高新区与创新示范区",
       "High-tech zones and demonstration zones",
       "regional",
       "高新区 自创区 自主创新示范区 农高区 科技园 开发区 示范区 园区 先导区 "
       "综合体 新区 创新高地"),
    _t("regional-cities", "创新型城市与县域", "Innovative cities and counties",
       "regional",
       "创新型城市 创新型县 创新型市 创新型省份 创新型城区 百强县 创新型园区"),
    _t("regional-layout", "区域创新布局", "Regional innovation layout", "regional",
       "长吉图 创新峰 创新脉 创新域 长吉一体化 一主六双 区域布局 区域协同 区域创新中心 "
       "科技创新中心区 长春国家区域创新中心"),

    _t("collaboration", "产学研协同", "Industry–science collaboration", "",
       "产学研 协同创新 校企 产教融合 协同机制"),
    _t("collaboration-alliances", "产业技术创新联盟",
       "Industrial technology innovation alliances",
       "collaboration",
       "联盟 创新联合体 共同体"),
    _t("collaboration-academies", "省院省校合作",
       "Cooperation with academies and universities",
       "collaboration",
       "省校合作 省院合作 大院名校 中国科学院 中国工程院 中科院 院地合作 高校院所 "
       "院士"),
    _t("collaboration-joint-rd", "联合研发与对接", "Joint R&D and matchmaking",
       "collaboration",
       "联合攻关 合作研发 联合研发 对接 联办 共建 联合培养 订单式研发"),

    _t("ip", "知识产权与标准", "Intellectual property and standards", "",
       "知识产权"),
    _t("ip-patents", "专利", "Patents", "ip",
       "专利 发明授权 专利导航 专利奖 高价值发明"),
    _t("ip-services", "知识产权运用与保护", "IP use, services and protection", "ip",
       "知识产权服务 知识产权保护 知识产权运用 知识产权管理 知识产权示范 知识产权试点 "
       "知识产权战略 知识产权入股 知识产权质押 托管 收储 无形资产"),
    _t("ip-standards", "技术标准", "Technical standards", "ip",
       "技术标准 国际标准 国家标准 行业标准 地方标准 团体标准 标准制定 标准化 标准研究 "
       "先进标准 标准创新"),

    _t("governance", "科技管理体制改革", "Governance and reform of the S&T system", "",
       "体制改革 体制机制 科技管理 管理体制 放管服 改革 科技治理 治理体系"),
    _t("governance-programmes", "科技计划与项目管理",
       "S&T programmes and project management",
       "governance",
       "科技计划 科技发展计划 项目管理 重大科技专项 科技专项 揭榜挂帅 军令状 赛马 "
       "立项 项目评审 首席科学家 项目专员 科研项目 科技项目 行动计划"),
    _t("governance-funds", "科研经费管理", "Management of research funds", "governance",
       "经费管理 科研经费 预算 间接费用 直接费用 国库集中支付 公务卡 财务制度 "
       "结余经费"),
    _t("governance-evaluation", "评价考核与容错",
       "Evaluation, assessment and error tolerance",
       "governance",
       "评价 考核 绩效 评估 统计监测 年度报告 容错 免责 督查 督导"),
    _t("governance-policy", "组织领导与政策法规",
       "Leadership, coordination and legislation",
       "governance",
       "组织领导 领导小组 协调机制 协调推进 协同推进 系统推进 会商 法规 条例 立法 "
       "政策体系 政策措施 "
       "规划 实施方案 党的领导 党的全面领导 党委"),
    _t("governance-culture", "科研诚信、创新文化与科普",
       "Research integrity, culture and popularisation",
       "governance",
       "诚信 学风 作风 创新文化 创新氛围 科学普及 科普 科学素养 科学家精神 工匠精神 "
       "宽容失败 宣传 科技活动周"),
    _t("governance-institutes", "科研院所与高校改革",
       "Reform of research institutes and universities",
       "governance",
       "院所改革 分类改革 转制 自主权 科研单位 事业单位 双一流 高校创新能力"),

    _t("key-tech", "关键核心技术攻关", "Key and core technology breakthroughs", "",
       "关键核心技术 卡脖子 关键技术 共性技术 技术攻关 科技攻关 重大技术 产业技术 "
       "技术难题 瓶颈 战略性新兴产业 高新技术产业 攀登工程 科技革命 产业变革"),
    _t("key-tech-auto", "汽车与高端装备", "Automotive and advanced equipment",
       "key-tech",
       "汽车 智能网联 轨道 动车组 装备制造 航空航天 高端装备 智能制造 农机装备"),
    _t("key-tech-photonics", "光电与信息技术", "Photonics and information technology",
       "key-tech",
       "光电 激光 芯片 半导体 卫星 显示器 显示材料 显示产品 LED OLED 传感 "
       "新一代信息技术 人工智能 大数据 区块链 "
       "量子 互联网 数字 云计算 电子信息 信息技术"),
    _t("key-tech-health", "医药健康与民生科技", "Medicine, health and public welfare",
       "key-tech",
       "医药 中药 疫苗 药物 医疗 生物药 化学药 生物制药 生物医药 人参 医药健康 "
       "人口健康 "
       "生命健康 老龄健康 健康产业 化妆品 日化品 疫病 "
       "疫情 民生 安全生产 应急 文化科技 现代服务业 保健食品"),
    _t("key-tech-agri", "农业与粮食安全", "Agriculture and food security", "key-tech",
       "农业 粮食 种业 良种 育种 黑土地 畜禽 玉米 大豆 水稻 稻谷 秸秆 乡村振兴 "
       "农作物 肉牛 梅花鹿 特产 星创天地 农村"),
    _t("key-tech-materials", "新材料", "Advanced materials", "key-tech",
       "新材料 先进材料 碳纤维 高分子 材料技术 稀土 化工新材料 石油化工 精细化工 "
       "化工制品 "
       "化工类"),
    _t("key-tech-lowcarbon", "减碳与绿色发展", "Decarbonisation and green development",
       "key-tech",
       "碳达峰 碳中和 减碳 低碳 吸碳 储碳 固碳 储能 氢能 新能源 清洁能源 生态环保 "
       "生态修复 生态系统 生态保护 生态环境 生态农业 生态科技 生态保障 生态强省 污染 "
       "节能 环保 绿色发展 绿色低碳 绿色制造 绿色清洁 绿色宜居 绿色城镇"),

    _t("entrepreneurship", "双创与孵化", "Entrepreneurship and incubation", "",
       "双创 创新创业 大众创业 万众创新 创业"),
    _t("entrepreneurship-incubators", "孵化器与众创空间", "Incubators and maker spaces",
       "entrepreneurship",
       "孵化器 众创空间 星创天地 大学科技园 加速器 孵化 创业苗圃 双创平台 双创基地"),
    _t("entrepreneurship-support", "创业服务与大赛",
       "Start-up services and competitions",
       "entrepreneurship",
       "创业大赛 创新创业大赛 大赛 创业导师 创业培训 创新创业培训 大学生 创业者 "
       "领办创办 离岗创办 创办企业"),

    _t("international", "国际科技合作", "International S&T cooperation", "",
       "国际合作 国际科技 国际化 对外开放 开放合作 对外科技 国际创新 全球创新"),
    _t("international-bases", "国际合作基地与平台", "International cooperation bases",
       "international",
       "国际科技合作基地 国际合作基地 国际技术转移中心 中俄科技园 中白科技园 "
       "中德产业园 "
       "国际合作示范区 联合实验室 国际联合研究中心 海外研发 境外研发 离岸创新"),
    _t("international-exchange", "国际科技交流与大科学计划",
       "International exchange and big-science",
       "international",
       "大科学计划 大科学工程 一带一路 科技交流 跨国公司 国际学术 东北亚 俄罗斯 "
       "白俄罗斯 日本 韩国 引智"),
)
# fmt: on

THEMES_BY_SLUG: dict[str, Theme] = {theme.slug: theme for theme in THEMES}
HEADING_WEIGHT = 2
# A long provision (000's numbered sections run to 1,500 characters) mentions
# many topics in passing: there a theme needs two hits (or one in the heading).
LONG_TEXT = 300
MIN_SCORE_LONG = 2


def children(slug: str) -> list[Theme]:
    return [theme for theme in THEMES if theme.parent == slug]


def with_ancestors(slugs: list[str]) -> list[str]:
    """``slugs`` plus their parents (parents first, no duplicates)."""
    out: list[str] = []
    for slug in slugs:
        parent = THEMES_BY_SLUG[slug].parent
        for item in (parent, slug):
            if item and item not in out:
                out.append(item)
    return out


def scores(text: str, heading: str = "") -> dict[str, int]:
    """Keyword hits per theme slug (heading hits weighted), zero scores omitted.

    A keyword that lies inside a longer matched keyword of another theme does not
    count again: "科技型中小企业" scores for enterprise-sme, not also "科技企业"…
    (only exact substrings are compared, so "科技企业" is not inside it anyway;
    "技术转移中心" inside "国际技术转移中心" is the real case).
    """
    result: dict[str, int] = {}
    for source, weight in ((text, 1), (heading, HEADING_WEIGHT)):
        if not source:
            continue
        spans: list[tuple[int, int, str]] = []
        for theme in THEMES:
            for keyword in theme.keywords:
                start = source.find(keyword)
                while start != -1:
                    spans.append((start, start + len(keyword), theme.slug))
                    start = source.find(keyword, start + 1)
        nested_in = inside_longer([(s, e) for s, e, _ in spans], [g for _, _, g in spans])
        for (_, _, slug), nested in zip(spans, nested_in, strict=True):
            if not nested:
                result[slug] = result.get(slug, 0) + weight
    return result


def classify(text: str, heading: str = "") -> list[str]:
    """Theme slugs for a provision, most specific only, best first.

    Children win over their parent (see module docstring); order is by score,
    then taxonomy order.  In a text longer than LONG_TEXT a theme needs
    MIN_SCORE_LONG hits, unless no theme has that many.
    """
    found = scores(text, heading)
    if len(text) > LONG_TEXT:
        strong = {slug: n for slug, n in found.items() if n >= MIN_SCORE_LONG}
        found = strong or found
    matched_parents = {THEMES_BY_SLUG[slug].parent for slug in found}
    kept = [slug for slug in found if slug not in matched_parents]
    order = {theme.slug: i for i, theme in enumerate(THEMES)}
    return sorted(kept, key=lambda slug: (-found[slug], order[slug]))
