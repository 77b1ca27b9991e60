"""Words that decide what a number is, as data for ``targets.extraction``.

Whether money is support, paid out or a statistic is decided with the
vocabulary both extractors share, ``documents.extraction.money_words``.

Each table names the scope it is read in: the clause before the number
("现有的20个"), the sentence ("目前，…"), the section heading ("发展成就").
"""

from __future__ import annotations

import re

# -- target or reported figure ---------------------------------------------

# In the clause before the number: the count exists already.
# ("组织现有的20个行业中试中心", "在已有的…等6个国家级科技合作基地",
#  "依托…等31个产业技术创新联盟", "省科技企业孵化器计123家")
FIGURE_CLAUSE_MARKERS = (
    "现有",
    "已有",
    "已经",
    "已",
    "累计",
    "共有",
    "先后",
    "建有",
    "依托",
    "其中",
    "确定的",
    "设立了",
    "建设了",
    "建成了",
    "形成了",
    "获批",
    "入选",
    "位列",
    "依次居",
)
# Verbs that make the number their object: a clause marker before one of
# them does not apply ("依托各市（州）、高新区建设6个…分市场" is a target).
BUILD_VERBS = (
    "制修订",
    "制定",
    "建设",
    "建立",
    "建成",
    "培育",
    "培养",
    "新增",
    "打造",
    "搭建",
    "实施",
    "评选",
    "设立",
)
# In the sentence before the number: the sentence reports the present.
FIGURE_SENTENCE_MARKERS = ("目前", "当前", "截至目前", "至今", "现阶段")
# A forecast: what a project will yield once finished ("预计…满负荷运行后，
# 每年可实现经济效益4200多万元").  The year of earlier sentences does not
# carry into it.
FORECAST_SENTENCE_MARKERS = ("预计", "预期", "建成后", "投产后", "运行后")
# A share by which something is reckoned, the verb right after it: "按照…年度
# 药品总用量的60%—70%估算采购总量".
RECKONING_AFTER = ("估算", "测算", "核算")
# A level a text says is to be held or reached, whatever its genre: "将…蓝绿
# 空间占比稳定在70%", "远景开发强度控制在30%" (the verb right before the number).
# (Not 提高到/降至: reports say what rose "近5年来…重复利用率提高到70.7%".)
GOAL_VERB_BEFORE_RE = re.compile(r"(?:稳定在|控制在|保持在)$")
# Words that start a passage about the future in a report ("下一步，…").
TARGET_SENTENCE_MARKERS = ("下一步", "今后", "力争", "确保", "计划到", "年底前", "年内") + FORECAST_SENTENCE_MARKERS
# A recurring commitment of a plan or a policy, whatever the genre of the
# notice that issues it: what is to be done every year or across the whole
# jurisdiction, the number the object of a verb of doing ("每年遴选20家网络改造
# 应用良好的企业", "每年培育“皖企登云”企业6000家以上", "全省培育3家左右…双跨平台").
# 每年 holds for its sentence ("每年遴选20个…解决方案，培育100个优秀工业APP"),
# 全省/全市… for its clause; the verb stands in the number's clause.  A report
# says what was done: a past marker (COMMITMENT_PAST_RE) in the sentence before
# the number keeps it a figure ("全省已培育…", "每年培训了…").
COMMITMENT_SENTENCE_OPENERS = ("每年",)
COMMITMENT_CLAUSE_OPENERS = ("全省", "全市", "全区", "全县")
COMMITMENT_VERBS = (
    "安排",
    "遴选",
    "培育",
    "发布",
    "实施",
    "推广",
    "组织",
    "开展",
    "面向",
    "培训",
    "建设",
    "打造",
    "认定",
    "评选",
    "引进",
    "培养",
    "新增",
    "应用",
    "举办",
)
COMMITMENT_PAST_RE = re.compile(r"已|累计|共计|共有|先后|截[至止]|(?<![为除])了(?![解])")
# A standing requirement of a law or regulation is a target (without a year),
# whatever the document's date: "专业技术岗位不得低于机构岗位总量的百分之八十",
# "用于基础研究的比例原则上不低于三分之一".  Read in the clause before the number.
REQUIREMENT_WORDS = (
    "不得低于",
    "不得少于",
    "原则上不低于",
    "原则上不少于",
    "应当不低于",
    "应当不少于",
    "应不低于",
    "应当达到",
)
# Section headings (any ancestor) whose paragraphs report the past (not 基础 alone: "第二章 基础研究").
FIGURE_SECTION_WORDS = (
    "发展基础",
    "工作基础",
    "现实基础", "现有基础", "已有基础",
    "基础与",
    "基础和",
    "成就",
    "成效",
    "现状",
    "回顾",
    "进展",
    "情况",
)
TARGET_SECTION_WORDS = ("目标", "任务", "措施", "重点", "部署")
BUILT_BEFORE_RE = re.compile(r"(?:夯实|筑牢|打牢|巩固|厚植|筑实)[^，、›]{0,12}$")  # a task
# Genres (the title's last word, documents.parsing.lines.DOC_TYPES) whose
# numbers are rules and goals, whatever their date: a law's "不得低于百分之
# 八十" is a requirement, not a statistic.  Replies, reports, decisions and
# notices report what is.
RULE_MAKING_DOC_TYPES = frozenset(
    {"法", "条例", "办法", "规定", "细则", "规则", "措施", "意见", "方案", "计划", "规划", "纲要"}
)

# A plan-period or year phrase right after these is a comparison base, not
# the time of the number: "比“十二五”期间增加了", "是“十二五”期间的1.29倍".
COMPARISON_BEFORE_PERIOD = ("比", "较", "是", "为", "与", "同")
# A year without a lead word sets the time only as an adverbial ("2021年，",
# "（2011年）：", "2011年和2013年，", "2022年共兑现…"); "入选2018年全国科技创新
# 百强县" names a list.
ADVERBIAL_AFTER_YEAR = "，：）、和至及共"

# -- numbers that are not targets or figures ---------------------------------

# A share with these words around it is an award/allocation rule
# ("70%一次性奖给成果完成人", "增值收益部分50%用于奖励科研团队",
#  "从净收入中提取不低于百分之七十的比例", "按1:1的比例予以配套",
#  "科技成果完成人持有的份额不低于百分之七十",
#  "根据项目年度地方财政贡献按50%比例进行分配").
# ...but a share of a public fund set aside every year for a purpose is a
# recurring commitment, a goal: "农业发展基金每年应安排百分之三十用于农业科技
# 成果的转化、推广" (read before the share; not when the purpose is a reward).
BUDGET_SHARE_BEFORE_RE = re.compile(r"每年[^，。；]{0,6}安排$")
BUDGET_SHARE_NOT_FOR = ("奖励", "奖给")
ALLOCATION_WORDS = (
    "奖给",
    "奖励",
    "用于",
    "给予",
    "予以",
    "配套",
    "分成",
    "让渡",
    "提取",
    "提留",
    "持有的份额",
    "分配",
    "减缴",
    "减免",
)
# ...but "用于X的比例" names the share that is the indicator: "市级财政科技创新
# 资金用于基础研究的比例原则上不低于三分之一" is a target; so does a rate
# named after the word ("设施装备配套率达到95%以上").
SHARE_NAME_RE = re.compile(r"用于[^，。；]{1,20}的比[例重]|(?:配套|分配|分成)率")
# The ratio of a support rule whose support word comes in the next clause:
# the share follows 按/按照 ("可按不超过研发投入30%，给予…支持").
RULE_RATIO_BEFORE_RE = re.compile(r"按(?!期|时)")
# Fines and penalties are sanctions, not indicators: "处二万元以上十万元以下
# 的罚款", "处以违法所得一倍以上五倍以下的罚款" (the words after the number
# in its clause).
PENALTY_WORDS = ("罚款", "罚金", "赔偿金", "违约金")
# ...and in a sentence that imposes one, every number is its terms: "违法经营额
# 五万元以上的，可以处违法经营额五倍以下的罚款", "按照…倍数的一倍以上五倍以下确定
# 赔偿数额".
PENALTY_SENTENCE_RE = re.compile(r"(?:处|并处|责令|没收)[^。]*罚款|罚金|赔偿数额|惩罚性赔偿")
# A prohibition's numbers say what is forbidden, not a goal: "专利代理师不得同时
# 在两个以上专利代理机构从事专利代理业务" (before the number in its clause; "不得
# 低于80%" is a floor, a standing requirement).
PROHIBITION_RE = re.compile(r"(?:不得|禁止|严禁|不准|不允许)(?!低于|少于|高于|超过|多于|小于|大于|超出)")
# A clause that ends in 的 right before its comma is a condition ("…的，" reads
# "if …"), and its numbers are thresholds when the rest of the sentence says
# what the qualifying party gets: a support word (money_words.SUPPORT_WORDS),
# CONDITION_CLOSERS or one of these ("年销售额在1亿元及以上的，单品种奖励企业
# 200万元", "研究开发费用占年销售收入比例达到百分之一…的，可以承担…计划项目，
# 享受市人民政府的支持政策").
CONDITIONAL_CLAUSE_END = "的"
ENTITLEMENT_WORDS = ("享受", "支持", "优先", "承担", "可申请", "返还")
# The "…的，" condition may close a run of clauses that the number opens
# ("…且有不少于1名员工按规定缴纳社会保险费，且申请时未被…列入“经营异常名录”的，
# 可申请1万元的一次性创业补贴"): read up to this many clauses on.
CONDITION_RUN_CLAUSES = 3
# A threshold that defines a category: "固定资产投资在1亿元及以上且亩均投资强度
# 不低于200万元的工业类、现代服务业类项目为重大产业项目" — the number sits in
# the 的-modifier of a noun that the clause then calls a kind of itself (the
# category ends with the same head: 项目 … 重大产业项目), so "建成100个以上的
# 平台为企业提供服务" is not one.  Read on the rest of the clause after the number.
CATEGORY_DEFINITION_RE = re.compile(
    r"的(?P<noun>[^，。；：]{1,30}?)(?:认定为|确定为|列为|视为|称为|为)"
    r"(?P<category>[^，。；：]{1,20}?)[。；，]?$"
)
# The head a category shares with the noun it defines ("项目", "企业").
CATEGORY_HEAD_CHARS = 2
# Counts of people in a step of a procedure a law or regulation lays down, not
# goals: the experts who review ("随机选择3名以上专家进行通讯评审"), the ones
# who recommend ("有2名…的科学技术人员推荐"), a list of names ("提供3名以内
# 不适宜评审其申请的评审专家名单").  Read in the rest of the clause after a
# count of persons, in the genres below (a plan's "培养100名评审专家" stays a
# goal).
PERSON_UNITS = ("名", "人")
PROCEDURE_ACT_RE = re.compile(
    r"(?:专家|人员|委员|评委)(?:进行|参加|参与)?[^，。；]{0,4}?"
    r"(?:评审|推荐|论证|鉴定|审议|评议|组成)|名单"
)
PROCEDURE_DOC_TYPES = frozenset({"法", "条例", "办法", "规定", "细则", "规则"})
# What a law or regulation permits is no goal: "股东依法以专利权等非货币出资所占
# 注册资本比例可以达到百分之七十" (right before the number, in those genres).
PERMITTED_BEFORE = ("可以达到", "可达到", "最高可达", "可以占")
# What a beneficiary may apply for, enjoy or nominate ("每年可自荐2个项目") is no goal:
# "…纳税达到300万元、500万元和1000万元，分别可以申请2套、5套和10套政策性住房".
ENTITLEMENT_BEFORE_RE = re.compile(r"(?:可以|可|只能)(?:联合)?(?:申请|享受|申领|推荐|自荐|提名)[^，。；]{0,20}$")
# Numbers in a section whose heading lists conditions are eligibility
# thresholds ("二、申报条件" … "科技人员占企业当年职工总数的比例不低于6%").
CONDITION_SECTION_RE = re.compile(
    r"(?:申报|申请|认定|入库|评审|资格|基本)(?:对象)?(?:及|和|与)?(?:条件|标准|要求)|申报资格"
    # ...and those of the standards of a support: its grades and weights
    # ("附件：深圳市坪山区创新型产业用房租金资助标准" … "B2=5%").
    r"|(?:资助|补贴|补助|奖励|扶持|奖补)(?:资金)?标准(?:$| ›)"
)
# ...and so are the numbers of the items of a list whose lead-in says that
# they are conditions ("申请奖励的科技服务机构须符合以下条件：", "专利申请人…
# 符合下列条件之一的，可以…请求减缴上述收费：").
CONDITION_LEAD_RE = re.compile(
    r"(?:符合|满足|具备|具有)(?:以下|下列|如下)[^，。；：]{0,4}(?:条件|要求|情形)"
    # the standards of a rule listed after it: "没有约定数额的，可以按照下列比例确定："
    r"|按照?(?:下列|以下|如下)(?:标准|比例)(?:执行|实施|确定)?[：:]?\s*$"
    # acts a regulation forbids: "禁止实施下列危害大气本底站探测环境的行为："
    r"|(?:禁止|不得|严禁)[^。；]{0,24}(?:下列|以下|如下)[^。；]{0,40}(?:行为|活动)"
)
# A threshold in the 的-phrase that names who gets a rule's support, the
# support opening the next clause: "服务我市企业500家以上，业务收入达1000万元，
# 且比上年度增加20%的科技服务机构，给予20万元的奖励" (every number before the
# beneficiary is a threshold of the tier).
BENEFICIARY_CLAUSE_END_RE = re.compile(r"的[^，。；：、的]{1,10}，$")
SUPPORT_CLAUSE_OPENERS = ("给予", "予以", "奖励", "资助", "补助", "一次性给予", "可给予", "按")
# A definition states what a term covers ("港澳青年创业团队是指港澳青年人数比例
# 达30%以上的团队"): its thresholds are no goals.  Read in the sentence before
# the number.
DEFINITION_WORDS = ("是指", "指的是", "系指")
# A threshold on what the applicant did in a past period is a condition of
# eligibility, not a goal: "上一年度纳入我区统计核算的营业收入5000万元以上",
# "近三年研发投入累计不低于300万元" (the period in the clause before a number
# with a comparator; "比上年增长10%以上" compares a goal with last year).
PAST_PERIOD_RE = re.compile(
    r"(?<![比较于同])(?:上一?个?年度|上年度|上一年|近[一二两三四五\d]{1,2}个?年度?|"
    r"前[一二两三\d]个?年度|最近[一二两三\d]{1,2}个?年度?)"
)
THRESHOLD_COMPARATORS = (">=", ">", "<=", "<")
# Two levels of government sharing a cost: "所需补助资金由市、区两级按照1：1比例
# 负担", "市、区两级引导基金按1：1比例配资" (read right after the ratio).
COST_SHARE_AFTER_RE = re.compile(r"\s*(?:的)?比例(?:负担|分担|承担|配资|出资)")
# The weights of a score's parts, each in brackets after its name, in a
# formula: "半年考评分值=日常监测（60%）+实地调研（20%）+民意调查（10%）".
FORMULA_CHARS = ("=", "＝", "+", "＋")
# The factor of a computation: "日间手术台次数/同期出院患者择期手术总台次数×100%".
FORMULA_FACTOR_BEFORE = ("×", "*", "✕")
# A tier of a rule named by its threshold, the rule right after its 的:
# "招用3人以下的按每人2000元给予补贴", "招用4人以上的每增加1人给予3000元补贴".
TIER_AFTER_RE = re.compile(r"^的(?:按|给予|予以|可给予|一次性给予|每|奖励|资助|补助|补贴)")
# A threshold of a support rule's condition, the support granted after its
# 的 or after the comma that closes the condition, in the same sentence:
# "营业面积在100平方米以上，经营满一年的一次性奖励1万元", "年上缴税金地方经济贡献额
# 达到30万元以上，一次性给予10万元奖励",
# "年组织游客…达到1万人次以上的旅行社、户外团队进行奖励" (a verb of granting
# before the support: a fund "用于…补助和奖励" grants nothing; not in a
# sentence that sets a goal for a year: GOAL_YEAR_RE).
CONDITION_THEN_SUPPORT_RE = re.compile(
    r"[的，,][^。；]*?(?:给予|给|予以|进行|一次性|申请|每年)[^。；]{0,12}?(?:奖励|补助|补贴|资助|奖补|支持)"
)
GOAL_YEAR_RE = re.compile(r"到\s*(?P<year>\d{4})\s*年")
# A money or share threshold in the 的-modifier of whom or what a rule is
# for: "单户担保金额500万元及以下的小微企业", "500万元以上的再担保业务",
# "固定资产投资3亿元以上重大项目", "年销售额5000万元以上大品种".
# ("不超过1000万元（含1000万元）的流动资金贷款": past the bound restated)
THRESHOLD_OF_NOUN_RE = re.compile(
    r"^(?:[（(]含[^）)]{1,12}[）)])?的?[^，。；、的]{0,6}?"
    r"(?:企业|主体|单位|机构|业务|项目|品种|贷款|供应商|服务商|制造商|集团|小区|建筑)"
)
THRESHOLD_OF_NOUN_CATEGORIES = ("money", "percent", "area")
# A threshold in brackets right after a noun defines it: "大型公共建筑（单体建筑
# 面积2万平方米以上）" (read before and after the quantity).
BRACKETED_DEFINITION_BEFORE_RE = re.compile(r"[（(][^（）()。，；]{0,10}$")
BRACKETED_DEFINITION_AFTER_RE = re.compile(r"(?:以上|以下|及以上)?[）)]")
# A rank that names a place in the text's own list: "列第一位者为牵头单位",
# "排在第一位的部门为牵头部门".
LIST_PLACE_AFTER_RE = re.compile(r"者|的[^，。；、]{1,8}?为")
# The count of the text's own indicators: "标记“▲”的26个指标为国家监测指标，其中
# 15个指标自动生成" (not "安排300名指标", a quota of posts).
OWN_INDICATORS_AFTER = "指标"
# The count of the conditions a list sets: "符合以下3个条件之一".
LISTED_CONDITIONS_BEFORE = ("以下", "下列", "如下")
LISTED_CONDITIONS_AFTER = ("条件", "要求", "情形")
# Physical measures of what a technique or an equipment can do are
# specifications, not goals: "掌握30公里以上长大隧道建造技术", "500米饱和潜水
# 施工作业技术", "具备10万吨深水救助打捞技术保障能力", "推出性能达到128TFLOPS
# （16位浮点）、能效比超过1TFLOPS/w的云端神经网络芯片" (the head of the noun
# phrase after the number, up to the next full stop of a clause).
CAPABILITY_SPEC_CATEGORIES = ("length", "weight", "speed", "power", "computing")
CAPABILITY_SPEC_RE = re.compile(r"^[^，。；：]{0,24}?(?:技术|装备|设备|系统|能力|装置|机组|芯片)")
# The step of a per-unit rule is no goal: "每成功推荐1个港澳青年企业…给予1万元
# 奖励", "每增加30件，增加资助3万元" (each, a verb, the count).
PER_STEP_BEFORE_RE = re.compile(r"每[^，。；\d]{0,6}$")
# The first N of a rule's quota: "前5件额外给予2000元/件的奖励".
QUOTA_FIRST_BEFORE = "前"
# Area granted under a rule is a ceiling of that rule, like money: "给予最高
# 1000万元安家补贴或最高200平方米人才公寓", "补贴面积不超过500平方米".
CAP_CATEGORIES = ("money", "percent", "count", "area")
# Words that make a ceiling the terms of a rule even without a support word:
# a budget allocated each year ("每年安排最高100万元经费支持…").
CAP_RULE_WORDS = ("安排", "每家", "单家", "单个", "每户")  # "每家每年最高不超过15万元"
# ...or a loan after the ceiling: "可为每家科技型企业提供最高2000万元信用贷款".
CAP_AFTER_WORDS = ("贷款", "授信")
# The amounts that break down a support the clause before names without one:
# "…人才发放住房补贴，其中本科生2万元，硕士研究生4万元，博士研究生6万元" (a
# short noun, then the amount).
BREAKDOWN_OPENER = "其中"
BREAKDOWN_NOUN_MAX = 12
BREAKDOWN_ITEM_RE = re.compile(r"^(?:其中)?[^\d，。；]{1,12}\d[\d.]*(?:万元|元|千元)$")
# Floor space granted per person or per enterprise ("杰出专家最高200平方米，
# 优秀专家约120平方米", "补贴面积不超过500平方米") is the terms of housing or
# rent support, in a paragraph that speaks of it; goals of space are printed
# in 万平方米.
ENTITLEMENT_AREA_UNITS = ("平方米",)
ENTITLEMENT_AREA_WORDS = ("公寓", "住房", "租金", "场租", "补贴", "入住")
# What a card or a status entitles one to ("持卡人可享受…等12项优质服务").
ENTITLEMENT_SCOPE_WORDS = ("享受",)
# People in a step of a procedure the rule lays down, named before the count:
# "参与谈话的调查人员不得少于2人".
PROCEDURE_BEFORE_RE = re.compile(
    r"(?:调查|评审|谈话|论证|鉴定|审议|评议|答辩|检查|验收)[^，。；]{0,8}(?:人员|专家|委员|评委)"
)
# Counts of participants, not of results: the departments of a joint act
# ("科技部等9部门联合印发") and the roles in a consortium ("由1家牵头单位和
# 不少于3家参与单位组成").  Read right after the number's unit.
PARTICIPANT_AFTER_RE = re.compile(
    r"^(?:个)?(?:部门|单位)?(?:联合|共同)(?:印发|发布|制定|出台|开展|申报|发文)"
    r"|^(?:印发|发布|发文)《"  # "浙江省知识产权局等7部门印发《…》"
    r"|^(?:个)?(?:牵头|参与|成员|合作|共建|承担|申报)单位"
)
# A quota of a procedure, not a goal: "国家最高科学技术奖…每次授予人数不超过2名",
# "每个单位限报1项" (read in the clause before a count).
QUOTA_WORDS = ("每次", "每届", "每批", "名额", "限报", "限额", "限推", "一式", "各派")
# A figure's or a table's number: "如图1所示", "图1人工智能标准体系结构图", "见表2".
CAPTION_BEFORE = ("如图", "见图", "如表", "见表")
CAPTION_LABELS = ("图", "表")
# Copies of papers to hand in: "…汇总表（附件5）各1份", "一式3份".
COPY_UNITS = ("份",)
COPIES_BEFORE = ("各", "一式")
# "京津冀、上海、…、辽宁沈阳等8个区域", "分为一等奖、二等奖2个等级": a count
# that closes a list of exactly as many items, with no verb after it in its
# clause, restates the list (its scope), it does not measure anything.  The
# list is closed by 等, or follows a verb that divides a scheme into classes.
# (A goal stated with its list stays a goal: "推进中国（吉林）和中国（长春）2个
# 知识产权保护中心建设".)
ENUMERATION_JOINERS = ("、", "和", "及", "以及")
CLOSED_LIST_END = "等"
# Without 等, a count restates a list of at least this many names right
# before it ("选择北京、天津、…、西安11个城市"); "中国（吉林）和中国（长春）2个
# 知识产权保护中心" stays a goal of 004.
OPEN_LIST_MIN_ITEMS = 3
CLASSIFYING_VERBS = ("分为", "分成", "划分为")
# A count of the items of the text's own list: "知识产权保护方面5项：…",
# "推广的改革举措（共23项）".
OWN_LIST_AFTER = ("：", ":")
OWN_LIST_BEFORE = ("（共", "(共")
# "军民深度融合方面6项": the items of one area of the text's own list.
OWN_LIST_AREA = ("方面",)
# "对…达到1%…的科技项目予以重点支持": the number is an eligibility condition
# (opened by money_words.TO_WHOM_RE, closed by one of these).
CONDITION_CLOSERS = ("予以", "给予", "可以申请", "可申请")
# A number reached, in the clause before it: "纳税达到300万元、500万元和1000万元".
REACHED_BEFORE_RE = re.compile(r"(?:达到|超过|突破|满)[^，。；]{0,20}$")
# What a "…的，" condition may lead to besides support: a duty or a reduction
# ("两个或者两个以上的个人或者单位为共同专利申请人…的，应当分别符合前款规定",
# "…的，减缴本办法第二条规定收费的70%").
CONDITION_CONSEQUENCES = ("应当", "减缴", "减免", "免收", "采取")
# A ceiling on money after a support word earlier in the sentence is the cap
# of that rule ("…给予补助，单个企业每年最高50万元").
CAP_COMPARATORS = ("<=", "<")
# Technical specifications of products, not indicators ("时速400公里"); a
# project's distance from shore is its kind ("离岸距离大于等于50公里近海海上风电
# 项目"), a unit with 级 after it the class of a product ("3万吨级重载列车",
# "时速250公里级").
SPEC_WORDS = ("时速", "口径", "直径", "长度", "速度", "精度", "波长", "距离")
SPEC_CLASS_AFTER = "级"
# A duration is a goal where a place is reached in it: "都市区1小时通勤",
# "国内1天送达", "全国主要城市3小时覆盖", "1小时交通圈".
REACH_TIME_UNITS = ("小时", "天", "分钟")
REACH_AFTER_RE = re.compile(r"内?(?:通勤|通达|覆盖|送达|到达|抵达|直达|可达|交通圈|生活圈|经济圈|物流圈)")
# A length that bounds a zone is its extent ("在观测场周边1000米范围内修建…").
ZONE_AFTER_RE = re.compile(r"[^，。；、]{0,8}范围(?:内|以内)")
# The extent of what a text sets up, stated ("规划面积为五平方公里") or marked
# out ("划出一百平方公里左右的区域"): a goal of space is reached (达到).
EXTENT_BEFORE_RE = re.compile(r"面积(?:为|是)$")
EXTENT_AFTER_RE = re.compile(r"^(?:左右)?的(?:区域|范围|地域|土地)")
# Shares of a sum handed on ("一半上交中央财政", "三分之一由国家科委用作…") and a
# bound that opens a condition ("纯收入不超过…百分之十的，全部留给本单位").
ALLOCATION_AFTER_RE = re.compile(r"^(?:上交|上缴|留给|留在|留归|留用|由[^，。；]{1,12}?用[作于])")
CONDITION_AFTER = ("的，", "的,")
# A floor a law or rule requires ("…应当…，其中…比例不低于百分之七十", "其中发展基金
# 不得少于百分之五十"; 不得… requires by itself), whatever the clause says before.
REQUIRED_FLOORS = ("不低于", "不少于", "不得低于", "不得少于")
MUST_WORDS = ("应当", "必须")
LEGAL_DOC_TYPES = frozenset({"法", "条例", "规定", "办法", "细则", "规则"})
# The people a reply answers ("刘庆峰等15位代表：") are no goal.
ADDRESSEES_AFTER_RE = re.compile(r"(?:人大)?(?:代表|委员|同志)[：:]")
# An instalment of an award ("分5年拨付，每年拨付20%") is no goal.
INSTALMENT_BEFORE_RE = re.compile(r"(?:拨付|兑付|支付|发放|预拨)$")
# Physical units (length, weight, area, power…) are indicators like any other
# ("处理回用水量1700多万吨", "新增装机容量100万千瓦"); specs are told apart by
# SPEC_WORDS, durations are never indicators.
SKIP_UNIT_CATEGORIES = ("time",)
# Head nouns that count the parts of a strategy or a text, not things
# ("着眼1个创新远景目标", "推进5个重点突破", "协同3个创新路径"), or the
# stages of a schedule ("…和正常运营满6个月后3个阶段，分别按应奖励额的…").
ABSTRACT_HEADS = (
    "目标",
    "蓝图",
    "突破",
    "路径",
    "工具",
    "功能",
    "原则",
    "方面",
    "环节",
    "理念",
    "导向",
    "任务",
    "举措",
    "战略",
    "阶段",
)

# -- indicator names ---------------------------------------------------------

# Stripped from the front of a noun phrase before the number.
LEADING_WORDS = (
    "目前",
    "全省",
    "我省",
    "全市",
    "我市",
    "全区",
    "我区",
    "全县",
    "我县",
    "其中",
    "共有",
    "现有",
    "已有",
    "建有",
    "建成",
    "建设",
    "建立",
    "重点建设",
    "推动建设",
    "加快建设",
    "重点",
    "培育",
    "打造",
    "形成",
    "认定",
    "已认定",
    "评聘",
    "拥有",
    "含",
    "包括",
    "在",
    "推动",
    "组织",
    "继续",
    "实现",
    "已",
    "累计",
    "先后",
    "批准建设",
    "依托",
    "首批认定",
    "首批",
    "选择",
    "实施",
    "搭建",
    "重点搭建",
    "评选产生",
    "全部",
)
# Stripped from the end of a noun phrase before the number.
TRAILING_WORDS = (
    "分别达到",
    "累计达到",
    "力争达到",
    "达到",
    "达",
    "为",
    "是",
    "计",
    "约",
    "分别",
    "保持在",
    "力争",
    "有",
    "等",
)
# Verbs kept in the name: they change what is counted ("培训技术经纪人" is a
# yearly flow, "技术经纪人" the stock).
KEPT_VERBS = {
    "新增认定": "新增",
    "新增": "新增",
    "培训": "培训",
    "培养和引进": "培养和引进",
    "培养": "培养",
    "引进": "引进",
}
# When no noun follows a count ("21人、3个团队…入选…"), the unit names it.
UNIT_NOUNS = {"人": "人员", "名": "人员"}
# Verbs after the counted noun; the name becomes "<verb phrase>的<noun>"
# ("100家企业达到《…》标准" -> "达到《…》标准的企业").
PREDICATE_VERBS = (
    "构筑",
    "设立",
    "实施",
    "分别实施",
    "达到",
    "参投",
    "入选",
    "实现",
    "落地转化",
    "通过",
    "承担",
    "作为",
    "获得",
    "全部位于",
    "位于",
    "出台",
    "参与",
)
# Nouns too general to name an indicator on their own.
GENERIC_NOUNS = (
    "企业",
    "科技企业",
    "科技成果",
    "科研成果",
    "项目",
    "单位",
    "机构",
    "人",
    "人才",
)
# Words that open a relative clause after a count ("10个左右具有…的市（州）").
RELATIVE_CLAUSE_OPENERS = ("具有", "拥有", "处于")
# Verbs before a measured noun that end the subject: "创立注册资本1.4亿" ->
# "注册资本".
SUBJECT_VERBS = ("创立", "成立", "组建")
# Words after the counted noun that are not part of it ("…基地基础上").
TRAILING_NOUN_WORDS = ("基础上", "建设", "等")
# Measured nouns after a count: "4个国家级高新区企业营业收入达到…亿元" — the
# count stops at the institution, the rest names the next number.
MEASURE_NOUNS = ("营业收入", "收入", "产值", "规模", "投入", "经费", "支出", "金额")
INSTITUTION_HEADS = (
    "区",
    "中心",
    "基地",
    "实验室",
    "企业",
    "机构",
    "平台",
    "园区",
    "联盟",
)
# Rank phrases: "<subject>(依次)居<category>第N位".
RANK_VERBS = ("依次居", "位列", "位居", "保持在", "排名", "成为", "居")
RANK_CHANGE_VERBS = ("上升", "提升", "前进", "下降")

PARENTHETICAL_RE = re.compile(r"（[^（）]*）$")
QUOTE_CHARS = "“”"
