"""Rule tables of the subsidy extractor (data): the words and patterns it reads.

Pure Python (no Django).  The kinds of subsidy and their trigger words are in
``measures.subsidy_kinds``; the words that tell support from money paid out
or a statistic are in ``documents.extraction.money_words`` (shared with the
targets extractor).  Tables are grouped by the step that reads them: anchors (which
numbers are rules), clauses (where a rule starts, whom it is for), roles
(beneficiary, funding source, basis, per), mentions (schemes without an
amount).
"""

from __future__ import annotations

import re

from measures.extraction.actors import UNIT_PATTERNS

# -- anchors: which numbers are rules, and their kind --------------------------

# A ceiling word before an amount across a verb ("最高给予200万元补助") is
# ``money_words.CEILING_BEFORE_RE``, shared with the targets extractor.

# Statistic words (``money_words.NOT_SUPPORT_WORDS``) inside the terms of a
# rule say nothing about the clause: the base of a share ("按照一年内产品实际
# 销售总额的20%", "不超过合同金额20%", "不低于奖励总额的百分之七十"), a
# cumulative ceiling ("累计最高可给予200万元"), the sum of the support itself
# ("一次性支持金额最高1000万元").  They are blanked before the clause is read.
_SHARE = r"(?:\d+(?:\.\d+)?\s?[%‰]|[百千]分之)"
RULE_TERM_RES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"(?:按照?|根据|依据|不超过|不高于|不低于|不少于|给予)[^，。；]{{0,50}}?(?={_SHARE})"
    ),
    # what a share of equity set aside for rewards is of: "其用于奖励的股权应当
    # 占该科技成果所占股份的百分之二十以上"
    re.compile(rf"用于(?:奖励|补助|资助)的[^，。；]{{0,30}}?(?={_SHARE})"),
    # the base of a share written without 按: "…实际发生的场地租金总额的50%予以
    # 租金补贴"
    re.compile(rf"(?:总额|金额|总量|额度|规模)的?(?={_SHARE})"),
    # a total over stages or over the term of the support: "累计最高可给予",
    # "分期合计投入最高1亿元的建设运行费", "分阶段合计给予500万元奖励"
    re.compile(r"(?:累计|合计)(?=可?(?:给予|投入)?(?:最高|最多|不超过|不高于)|给予)"),
    re.compile(r"(?:支持|补贴|资助|奖励|补助|奖补|贴息|配套)(?:资金)?(?:金额|总额|额度)"),
    # an increment of the support itself: "每增加30件，增加资助3万元"
    re.compile(r"增加(?=资助|补助|补贴|奖励|支持)"),
    # what the support is graded by, before its verb: "根据其等级规模给予最高
    # 500万元的落户奖励", "按照企业营业收入规模给予…"
    re.compile(r"(?:根据|按照?|依据)[^，。；\d]{1,12}?(?=(?:分档|分级|分别)?(?:给予|予以))"),
    # the term over which the support runs: "予以累计5年的奖励", "连续3年给予"
    re.compile(r"(?<=给予|予以)累计(?=[\d一二三四五六七八九十]+个?年)"),
)
# The stages in which one award is paid, not rules of their own: a ratio of
# the amount due under the rule ("分别按应奖励额的30%、30%和40%对企业进行
# 奖励", "按核定补助金额的50%预拨") — read in the clause before the ratio, over
# the list it may stand in.  A share of another body's award ("按国家奖励金额
# 的50%给予配套") is a rule: it has no 应/核定.
SCHEDULE_BASE_RE = re.compile(
    r"(?:应|核定的?)(?:奖励|补助|补贴|资助|扶持|奖补)(?:资金)?(?:额|金额|额度)的"
    r"[\d.%、和及]*$"
)
# A parenthesis that follows a rule's amount and opens on a stage in time
# breaks the amount down into instalments ("给予企业10万元奖励（第一年奖励5万
# 元，第二年奖励3万元，第三年奖励2万元）"): they are not rules of their own.
# One that opens on a condition holds variants that are ("每件资助3000元（获
# 国家知识产权局费用减缓的，职务发明每件资助1000元，…）").
BREAKDOWN_OPEN = "（("
BREAKDOWN_CLOSE = "）)"
BREAKDOWN_STAGE_RE = re.compile(
    r"(?:第[一二三四五六七八九十\d]+(?:[、，和至][一二三四五六七八九十\d]+)*|首|次|末)"
    r"(?:年|期|批|阶段)"
)

# The terms of a rule whose support word comes in the next clause: a share
# with its base ("可按不超过研发投入30%，给予单个经营主体最高5000万元支持"),
# or the verb of the support before its amount ("可给予不超过实际投入费用的
# 50%，最高3000万元支持").
# ...and a share taken out for the support of the next clause: "从技术转让所得
# 的净收入中提取不低于百分之三十，用于奖励…", "将科技成果形成股权的不低于百分之
# 三十，奖励给科技成果完成人".
TERMS_BEFORE_SUPPORT_RE = re.compile(r"按(?!期|时)|给予|予以|提取|将")
# A budget under a ceiling, allocated for the support of the next clause, is
# a rule too ("每年安排最高100万元活动经费，支持在天河区举办…"); a budget line
# of a fixed sum is not ("每年安排专项资金5000万元，支持关键核心技术攻关").
ALLOCATED_BEFORE_SUPPORT = "安排"
# A ratio that is no support rate: the share an equity investment may hold
# ("占股比例不超过20%"), the shares of several funders added up ("已获市级
# 资助的，市、区资助比例合计最高不超过100%"), the threshold above which a
# difference is paid ("按照超过15%部分税负差额给予奖励") — read right before
# or after the ratio.
# Nor is the range within which the standards may be revised ("可对…奖励标准进
# 行适当调整，调整幅度不超过15%", "上下浮动10%").
NOT_A_RATE_BEFORE_RE = re.compile(
    r"(?:(?:占股|持股|股权)比例|(?:调整|浮动|变动)幅度|上下浮动|比例合计)[^，。；]{0,4}$"
)
NOT_A_RATE_AFTER = ("部分",)
# At least so much of what the applicant earns or pays is a condition of the
# support, not its amount: "申请资助应符合按建筑面积计算上年度税收贡献不低于
# 2000元/m2", "工业产值贡献不低于30000元/m2" (read right before the amount).
APPLICANT_MEASURE_RE = re.compile(
    r"(?:贡献|产值|营业收入|主营业务收入|销售收入|销售额|营收|纳税额?|税收|利润)[^，。；\d]{0,4}$"
)
# ...nor is the share two levels of government bear of a cost: "所需补助资金由市、
# 区两级按照1：1比例负担" (read right after the ratio).
COST_SHARE_AFTER_RE = re.compile(r"\s*(?:的)?比例(?:负担|分担|承担|配资|出资)")
# Tax the applicant pays is a measure of it, not a tax incentive: "凡当年上缴
# 地方所得税超过二十万元的，由同级财政按…一定比例返还企业" (the threshold is no
# amount of the refund).  Read out of a clause before its support words.
PAID_TAX_RE = re.compile(r"(?:上缴|缴纳|实缴|已缴|纳税)[^，。；]{0,8}?(?:所得税|税收|税金|税款)")
# The amounts after 其中 that break down a support the clause before names
# without an amount ("…人才发放住房补贴，其中本科生2万元，硕士研究生4万元，
# 博士研究生6万元"): a short noun and the amount, clause after clause.
BREAKDOWN_OPENER = "其中"
BREAKDOWN_ITEM_RE = re.compile(r"^(?:其中)?[^\d，。；：]{1,12}\d[\d.]*(?:万元|元|千元)[，。；]?$")

# A ceiling that restates the sum of the rules before it caps them, it is no
# rule of its own: "按每平方米每月最高40元给予补贴，…，每年最高不超过200万元",
# "按博士学位人员每人8万元、硕士学位人员每人5万元的标准，给予…补贴，每个研发
# 机构每年补贴最高不超过500万元", "…分别给予70%、50%配套。原则上单个项目最高
# 配套额度为500万元" (over the rules of its paragraph since the last rule
# with a ceiling of its own; a rate per unit, "每平方米每月最高40元", is
# capped again).  It gives nothing itself: no verb of giving before its
# amount in its clause ("最高奖励20万元", "给予最高50万元" are rules), nothing
# after the amount in its clause ("最高3000万元科研条件建设补助" names the
# support).  Ending in "：" it caps the list it introduces ("每个单位或个人
# 年资助总额不超过300万元：其中，…申请费资助1000元/件；…").
# ("每家企业年度奖励最高200万元", "单品种最高奖励不超过300万元" are rules of
# their own; "每年补贴最高不超过500万元", "奖励额度每年最高不超过10万元" restate).
GIVING_RE = re.compile(
    r"给予(?!的)|予以|提供|安排|发放|可获得|获得"
    r"|(?:资助|奖励|补助|补贴|支持)(?=\d|最高(?!不超过)|不超过)"
)

# ...but what a beneficiary may obtain in all is a total, whatever the verb:
# "每项奖励5万元。同一企业每年度获得资助总额最高100万元" caps the rules before it.
TOTAL_OBTAINED_RE = re.compile(
    r"(?:获得|享受|领取)的?(?:资助|奖励|补助|补贴|扶持|支持|奖补)(?:资金)?总额"
)

# A lead-in that ends on its support word (within a few characters: "给予以下
# 支持", "给予奖励") introduces items that are rules.
LEAD_SUPPORT_END_RE = re.compile(
    r"(?:给予|予以|奖励|奖给|资助|补助|补贴|支持|贴息|奖补)[^，。；：]{0,8}$"
)
# A lead-in whose last clause defers to the standards listed after it
# ("…给予奖励时，按照下列标准执行：") lends the support its sentence names.
LEAD_STANDARDS_END_RE = re.compile(r"按照?(?:下列|以下|如下)(?:标准|比例)(?:执行|实施|确定)?$")

# A percentage reward to people out of what a 科技成果 earns is the inventors'
# share, whatever the verb (奖励, 提取…的比例): the kind is refined when the
# beneficiary is people and the rule or its lead-in speaks of such income.
PEOPLE_RE = re.compile(r"(?:人员|人才|团队|完成人|发明人|个人|科研人员)$")
RESEARCH_INCOME_RE = re.compile(
    r"科技成果|职务成果|净收入|转化收益|转让收入|许可收入|作价投资|增值收益"
)

# -- clauses: where a rule starts, whom it is for ------------------------------

# Words that show a comma-bounded 对 clause already holds the rule itself
# (then it ends at the first CLAUSE_END_WORDS verb instead).
RULE_IN_CLAUSE_RE = re.compile(
    r"给予|予以|奖励|补助|补贴|资助|按照|按(?!期)|根据|一次性|每项|每件|每户|每家"
)
# Verbs that end a 对…的X clause written without a comma ("对…孵化器给予后补助").
CLAUSE_END_WORDS = (
    r"给予|予以|实行|实施|落实|加大|通过|由|按照|按(?!期)|根据|一次性|每项|每件|可|将"
)
OBJECT_CLAUSE_RE = re.compile(
    rf"对(?P<clause>[^，。；：]+?)(?=，|；|{CLAUSE_END_WORDS}|$)"
)
# The same clause up to its comma, taken when the verb that ended the short
# one sits inside a 的-clause: "对首次通过高新技术企业认定的企业，…", "对在本市
# 实施转化的，…" (not "对…人才落实和完善相关税收优惠政策").
OBJECT_CLAUSE_TO_COMMA_RE = re.compile(r"对(?P<clause>[^，。；：]+?)(?=，|；|：|$)")

# A clause that names who holds a share of a reward opens a rule of its own:
# "…主要贡献人员获得奖励的份额不低于奖励总额的百分之七十，承担科技成果转化的
# 技术转移机构工作人员和管理人员获得奖励的份额不低于奖励总额的百分之五" are two
# rules for two groups.  The holder is what comes before the verb.
SHARE_HOLDER_RE = re.compile(r"(?:获得|持有|享有)[^，。；]{0,6}份额")
SHARE_HOLDER_CLAUSE_RE = re.compile(rf"^[^，。；]{{2,}}?{SHARE_HOLDER_RE.pattern}")

# -- roles: beneficiary --------------------------------------------------------

# A beneficiary head that says nothing by itself: keep the whole 对…的 clause
# instead ("获得当年国内发明授权的专利", not "专利").
GENERIC_HEADS = frozenset(
    {"企业", "项目", "机构", "单位", "团队", "人员", "个人", "专利"}
)
# The object of a reward to people: "奖给成果完成人或团队", "用于奖励科研团队".
# The party a reward is agreed with: "与科技人员约定奖励和报酬".
REWARD_OBJECT_RE = re.compile(
    r"(?:奖给|奖励给|用于奖励)(?P<who>[^，。；]+)"
    r"|与(?P<party>[^，。；与]{2,12}?(?:人员|人才|团队|完成人))约定[^，。；]{0,4}奖励"
)
# A subject that enjoys a waiver: "小微企业免收…", "符合政策要求的企业享受…".
SUBJECT_RE = re.compile(r"(?P<who>[^，。；：]{2,20}?)(?:免收|享受)")
# A counted group selected for support: "评选产生100个省级重大科技项目研发人才团队".
COUNTED_GROUP_RE = re.compile(
    r"\d+[个家名项户](?P<who>[^，。；、的\d]{2,20}(?:团队|企业|项目|机构|人才))"
)
# Leading verbs of a sentence whose object is the beneficiary
# ("加快构建产业技术研究院，…给予支持", "发挥大型仪器设备协作共用网作用，采取…").
LEAD_OBJECT_RE = re.compile(
    r"^(?:加快|积极|大力|进一步)?(?:构建|建设|支持|鼓励|发挥)(?P<who>[^，。；]{2,20}?)(?:作用)?$"
)

# -- roles: funding source -----------------------------------------------------

# fmt: off
# Where the money comes from.  Searched in the rule segment, then the sentence.
FUNDING_SOURCE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "通过省级科技创新专项资金给予", "通过科技成果转化基金引导"
    re.compile(r"通过(?P<source>[^，。；]{2,20}?(?:资金|基金))"),
    # 001 措施9: "支持资金主要从吉林省人才开发基金中列支"
    re.compile(r"从(?P<source>[^，。；]{2,20}?)中?列支"),
    # 002: "依托省科技发展计划，对新认定…给予后补助支持"
    re.compile(r"依托(?P<source>[^，。；]{2,12}?计划)"),
    # 001 措施7: "给予30-40万元的科技项目资金支持"
    re.compile(r"的(?P<source>[^，。；的\d]{2,10}资金)支持"),
    # 000 （七）: "由省和当地政府根据收购额给予一定补贴"
    re.compile(r"由(?P<source>[^，。；]{1,10}?政府)"),
    # 002: "根据协议，银行对省科技厅立项支持的科技企业，给予…信用贷款"
    re.compile(r"(?P<source>银行)对"),
)
# fmt: on
# "银行对…" names the banks named before it in the text (002).
NAMED_BANKS = next(u.pattern for u in UNIT_PATTERNS if u.name == "named_banks")

# -- roles: basis and per ------------------------------------------------------

# What a share is taken out of: "从净收入中提取不低于百分之七十的比例"
# (the wording of the 促进科技成果转化法 and the regulations that follow it).
SHARE_SOURCE_RE = re.compile(r"从(?P<basis>[^，。；]+?)中(?:提取|提留|划出|拿出)")

# What the ratio is a share of: the text before "N%" back to one of these.
BASIS_BOUNDARY_RE = re.compile(
    r".*(?:给予其|给予|按照|根据|按|将|把|以|不超过|不高于|不低于|不少于|最高|，|、)"
)
BASIS_STRIP_END = ("的", "部分")
BASIS_STRIP_START = ("其",)
# "将X，以不低于70%的比例奖励给…": the share of X.
TRANSFER_OBJECT_RE = re.compile(r"将(?P<basis>[^，。；]+?)(?:，|$)")
# "根据收购额给予一定补贴", "按照研发投入给予补助".
BASIS_WITHOUT_RATIO_RE = re.compile(r"(?:根据|按照|按)(?P<basis>[^，。；]{1,10}?)给予")

# What an amount is counted per.
PER_WORDS: tuple[tuple[str, str], ...] = (
    ("每项", "item"),
    ("每件", "item"),
    ("每个", "item"),
    ("每家", "item"),
    ("每户", "item"),
    ("一次性", "once"),
    ("每年度", "year"),
    ("每年", "year"),
    # an annual ceiling or an annual payment: "给予…年度最高500万元支持",
    # "年度不超过500万元", "不超过300万元的年度补贴"
    ("年度最高", "year"),
    ("年度不超过", "year"),
    ("年度累计", "year"),
    ("年度补贴", "year"),
    ("年度奖励", "year"),
    ("年度资助", "year"),
    # "每人每月2000元": per person and per month
    ("每人", "person"),
    ("每名", "person"),
    ("每月", "month"),
    # the same written as a unit after the amount: "5万元/年", "2000元/人·月"
    ("/项", "item"),
    ("/年", "year"),
    ("/人", "person"),
    ("/月", "month"),
    ("·月", "month"),
)
# Two of them together ("每件一次性给予", "每人每月").
PER_COMBINATIONS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"item", "once"}), "item_once"),
    (frozenset({"person", "month"}), "person_month"),
    (frozenset({"person", "year"}), "person_year"),
)
# Otherwise the first found of these: a yearly payment stays yearly even when
# each is paid at once ("每年可给予不超过50万元的一次性奖励").
PER_PRECEDENCE = ("item", "year", "once", "person", "month")

# -- mentions: schemes stated without an amount --------------------------------

# fmt: off
# Schemes stated without an amount.  (name, pattern, kind); an optional group
# "basis" names what is waived or subsidised.
MENTION_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # 002: "对新认定及运营中的科技企业孵化器（众创空间）给予后补助支持"
    # 000 （二十二）: "政府采用“后补助”及间接投入等方式给予支持"
    ("post_subsidy", re.compile(r"给予后补助|后补助”?[^，。；]{0,10}方式给予支持"),
     "post_subsidy"),
    # 000 （七）: "由省和当地政府根据收购额给予一定补贴"
    ("grant_unquantified",
     re.compile(r"给予(?:一定|适当)?的?(?:补贴|补助)(?!经费)"), "grant"),
    # 000 （七）: "有关部门将予以资金支持"
    ("funding_support", re.compile(r"(?:予以|给予)资金支持"), "grant"),
    # 000 （六）: "以资本金投入、资金补助和“交任务、给项目”的方式给予支持"
    ("equity_mode",
     re.compile(r"以[^，。；]{0,10}资本金投入[^，。；]{0,20}方式给予支持"),
     "equity_investment"),
    ("grant_mode", re.compile(r"以[^，。；]{0,10}资金补助[^，。；]{0,20}方式给予支持"),
     "grant"),
    # 000 （十七）: "采取政府补助的方式，使其面向社会开放服务"
    ("grant_mode", re.compile(r"(?:采取|采用)(?:政府)?补助的?方式"), "grant"),
    # 000 （二十三）: "可部分或全部采用债权、股权等投入方式"
    ("debt_mode", re.compile(r"采用[^，。；]{0,6}债权[^，。；]{0,8}投入方式"), "loan"),
    ("equity_mode", re.compile(r"采用[^，。；]{0,6}股权[^，。；]{0,8}投入方式"),
     "equity_investment"),
    # 002: "考核合格且…达到一定数额的机构，可依条件申请补助经费"
    ("grant_application", re.compile(r"申请补助经费"), "grant"),
    # 002 四免三贴: "小微企业免收评估、抵押登记、保险、公证费用"
    ("fee_waiver", re.compile(r"免收(?P<basis>[^，。；]{1,30}?)费用"), "fee_waiver"),
    # 002 四免三贴: "符合政策要求的企业享受创业担保贷款贴息、工会双创贷款贴息、…"
    ("interest_subsidy", re.compile(r"享受(?P<basis>[^，。；]{0,60}贴息)"),
     "interest_subsidy"),
    # 001 措施10: "相关人员可在5年内分期缴纳个人所得税"
    ("tax_deferral", re.compile(r"分期缴纳个人所得税"), "tax_incentive"),
    # 000 （十一）: "对…高层次人才落实和完善相关税收优惠政策"
    ("tax_incentive", re.compile(r"落实[^，。；]{0,8}税收优惠政策"), "tax_incentive"),
)
# fmt: on
