"""The events that trigger a support rule (data): 认定, 上市, 授权, 转让 …

Pure Python (no Django).  One row per event: its key, the words a profile
uses for it (``label``), the pattern of its words in a clause, and where it
sits among the others:

* ``parent``: the broader event it is a case of.  An applicant with an event
  has every event above it (listed on 科创板 is listed; a 职务科技成果 licence
  is a conversion of it), so a rule of the broader event reaches it;
* ``family``: events of one family exclude each other in a clause, the
  first row that matches winning (a 国外 grant is not also a 国内 one);
* ``needs``: words that must stand in the rule's clause or its lead-in for
  the pattern to mean this event (转让 is the 职务科技成果 event only where
  the text speaks of 职务/科技成果);
* ``levels``: the event at each level of government, for recognitions
  ("认定为国家级和省级企业技术中心，分别给予100万元和30万元").

The same table reads a rule's clause and an applicant's line of free text.
Events no row names but that a condition clause still requires (获得…奖,
入选, 突破) are ``OTHER_EVENT_RE``: no profile holds them, so the rule goes
to nobody rather than to everybody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# Characters of one clause.
_C = r"[^，。；：]"
# Being put on a list or into a plan, as the texts and as people say it
# (列入, 纳入; 进了目录, 列进计划, 入选).
_LISTED = "列入|列进|纳入|进入|进了|入选|上了"


@dataclass(frozen=True)
class EventType:
    key: str
    label: str
    pattern: re.Pattern[str]
    parent: str = ""
    family: str = ""
    needs: re.Pattern[str] | None = None
    levels: dict[str, str] = field(default_factory=dict)
    grants: str = ""  # the target group an applicant belongs to after it


def _e(key, label, pattern, parent="", family="", needs=None, levels=None, grants=""):
    return EventType(
        key,
        label,
        re.compile(pattern),
        parent,
        family,
        re.compile(needs) if needs else None,
        levels or {},
        grants,
    )


# Levels of government a recognition is made at, as the texts write them.
# A municipality's 市 (上海市“专精特新”) is the provincial level.  A standard
# has its levels too (国际、国家、行业标准), and a foreign patent the office
# that granted it; an event reads only the levels it has ("欧盟国家" is no
# national level), and a level written before 除外 is not the event's.
LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("国际", "international"),
    ("行业标准", "industry"),
    # Where a foreign patent was granted: the major offices, Hong Kong,
    # Macao and Taiwan, any other country.
    ("美国", "major_offices"),
    ("日本", "major_offices"),
    ("欧盟", "major_offices"),
    ("欧洲", "major_offices"),
    # the states of the 欧盟 grant its patents too ("一件德国授权的发明专利")
    *((state, "major_offices") for state in (
        "德国", "法国", "意大利", "荷兰", "瑞典", "西班牙", "比利时", "奥地利", "丹麦", "芬兰",
        "爱尔兰", "波兰", "葡萄牙", "捷克")),
    ("港澳台", "hmt"),
    ("香港", "hmt"),
    ("澳门", "hmt"),
    ("台湾", "hmt"),
    ("其他国家", "other_countries"),
    *((state, "other_countries") for state in (
        "韩国", "英国", "俄罗斯", "加拿大", "澳大利亚", "新加坡", "印度", "瑞士", "以色列")),
    ("国家级", "national"),
    ("国家", "national"),
    ("小巨人", "national"),
    ("省级", "provincial"),
    ("省", "provincial"),
    ("上海市", "provincial"),
    ("北京市", "provincial"),
    ("天津市", "provincial"),
    ("重庆市", "provincial"),
    ("市级", "municipal"),
    ("区级", "district"),
    ("县级", "district"),
    # The body that approves a project says its level ("长春市科技局的立项"):
    # the 省 of 省科技厅 is read above.
    ("科技部", "national"),
    ("科技厅", "provincial"),
    ("市科技局", "municipal"),
    ("市科学技术局", "municipal"),
    ("区科技局", "district"),
    ("县科技局", "district"),
)
# The countries a foreign grant may name.
_FOREIGN_OFFICES = "|".join(
    word for word, level in LEVEL_WORDS
    if level in ("major_offices", "other_countries") and word not in ("欧盟", "欧洲", "其他国家")
)
LEVEL_RE = re.compile(
    "(?:" + "|".join(word for word, _ in LEVEL_WORDS) + r")(?![^，。；（）()]{0,3}除外)"
)
LEVELS = dict(LEVEL_WORDS)

# A prize won, as the texts and people say it ("大赛中获奖", "拿了金奖").
_AWARD = rf"(?:{_C}{{0,12}}获{_C}{{0,4}}奖|{_C}{{0,12}}拿{_C}{{0,5}}奖)"

# (a researcher says "把一项发明专利转让给…", "学校把专利许可给了一家船厂" of
# the same thing)
_INVENTION = r"职务|成果|专利"

# fmt: off
EVENTS: tuple[EventType, ...] = (
    # -- recognitions --------------------------------------------------------
    _e("hte_recognised", "新认定高新技术企业",
       rf"(?:认定|评为|通过|列入|获批){_C}{{0,6}}高新技术企业|高新技术企业{_C}{{0,2}}认定"
       rf"|新认定{_C}{{0,4}}高企", grants="hightech_enterprises"),
    _e("srdi_recognised", "新认定专精特新中小企业",
       rf"(?:认定|列入|评为|获评|入选){_C}{{0,12}}专精特新|专精特新{_C}{{0,8}}(?:认定|称号)",
       levels={"national": "little_giant_recognised", "provincial": "srdi_provincial",
               "municipal": "srdi_municipal"}, grants="specialised_smes"),
    _e("little_giant_recognised", "新认定国家级专精特新“小巨人”企业", r"(?!)",
       parent="srdi_recognised", grants="little_giants"),
    _e("srdi_provincial", "新认定省级专精特新中小企业", r"(?!)", parent="srdi_recognised",
       grants="specialised_smes"),
    _e("srdi_municipal", "新认定市级专精特新中小企业", r"(?!)", parent="srdi_recognised",
       grants="specialised_smes"),
    _e("tech_giant_recognised", "新认定科技小巨人企业",
       rf"(?:认定|列入|评为|入选){_C}{{0,8}}科技(?:创新)?小巨人", grants="tech_giants"),
    _e("tech_centre_recognised", "新认定企业技术中心",
       rf"(?:认定|评为|列入|获批){_C}{{0,12}}(?:企业技术|工程技术研究|技术创新)"
       rf"(?:（研发）)?中心",
       levels={"national": "tech_centre_national", "provincial": "tech_centre_provincial",
               "municipal": "tech_centre_municipal"}),
    _e("tech_centre_national", "新认定国家级企业技术中心", r"(?!)",
       parent="tech_centre_recognised"),
    _e("tech_centre_provincial", "新认定省级企业技术中心", r"(?!)",
       parent="tech_centre_recognised"),
    _e("tech_centre_municipal", "新认定市级企业技术中心", r"(?!)",
       parent="tech_centre_recognised"),
    _e("incubator_recognised", "新认定科技企业孵化器",
       rf"(?:认定|评为|获批){_C}{{0,12}}(?:孵化器|众创空间|孵化载体)",
       levels={"national": "incubator_national", "provincial": "incubator_provincial",
               "municipal": "incubator_municipal"}),
    _e("incubator_national", "新认定国家级科技企业孵化器", r"(?!)",
       parent="incubator_recognised"),
    _e("incubator_provincial", "新认定省级科技企业孵化器", r"(?!)",
       parent="incubator_recognised"),
    _e("incubator_municipal", "新认定市级科技企业孵化器", r"(?!)",
       parent="incubator_recognised"),
    _e("scale_up", "新增纳入统计的规上企业（小升规）",
       rf"升规|达规纳统|纳[入进]{_C}{{0,12}}统计|新增{_C}{{0,4}}规模以上|新进规",
       grants="above_scale"),
    # -- listing -------------------------------------------------------------
    # "在上交所主板敲钟了": 敲钟 is how a listing is said
    _e("listing_main", "主板上市", rf"主板{_C}{{0,4}}(?:上市|敲钟)|在{_C}{{0,6}}主板",
       parent="listing", family="listing"),
    _e("listing_growth", "科创板、创业板或中小板上市",
       rf"(?:科创板|创业板|中小板|北交所|北京证券交易所){_C}{{0,10}}上市",
       parent="listing", family="listing"),
    _e("listing_neeq", "新三板挂牌", r"新三板|全国中小企业股份转让系统", family="listing"),
    _e("listing", "境内外上市", r"(?<!申报)上市(?!培育)|公开发行股票|敲钟", family="listing"),
    # -- research results ----------------------------------------------------
    _e("achievement_purchase", "购买科技成果",
       rf"(?:购买|买了?|买下|收购|承接|受让|引进){_C}{{0,24}}(?:科技成果|技术成果|专利技术|专利)"),
    _e("invention_transfer", "职务科技成果转让", r"转让|卖给|卖了|出售",
       parent="invention_conversion", needs=_INVENTION),
    _e("invention_license", "职务科技成果许可", r"许可",
       parent="invention_conversion", needs=_INVENTION),
    _e("invention_equity", "职务科技成果作价投资",
       r"作价投资|作价入股|形成股权|形成的股份|成果形成股权|出资比例",
       parent="invention_conversion", needs=_INVENTION),
    _e("invention_self", "职务科技成果自行实施",
       r"自(?:行|己|主)(?:投资)?实施|合作实施|自(?:己|行)(?:转化|投产)",
       parent="invention_conversion", needs=_INVENTION),
    # A share of the reward ("主要贡献人员获得奖励的份额不低于奖励总额的百分之
    # 七十") divides what a conversion paid out: the conversion triggers it.
    _e("invention_conversion", "职务科技成果转化",
       rf"转化{_C}{{0,4}}(?:所获|收益|净收)|获得奖励的份额|奖励总额", needs=_INVENTION),
    _e("unit_equity_stake", "单位以结余经费出资或增资入股", r"出资入股|增资入股"),
    _e("programme_project", "承担基金、专项或试点项目",
       rf"(?:基金|专项|试点|示范){_C}{{0,2}}项目(?:成果)?的"),
    # a share of the ownership agreed with the inventor ("约定按份共有的",
    # "把职务发明专利按份共有给我") is the ownership given to them
    _e("invention_ownership", "职务科技成果赋权",
       r"赋权|赋予[^，。；]{0,8}所有权|按份共有|共同共有", needs=_INVENTION),
    # -- patents (a 国外 grant first: the bare 发明…授权 is the domestic one) ----
    _e("patent_exam", "发明专利申请进入实质审查", r"进入实质审查|实质审查", family="patent"),
    _e("patent_invention_foreign", "获得国外发明专利授权",
       rf"(?:国外|境外|外国|{_FOREIGN_OFFICES}|欧盟|欧洲|其他国家|港澳台|香港|澳门|台湾|国际){_C}{{0,12}}"
       rf"(?:发明)?{_C}{{0,4}}授权|(?:国外|境外)发明(?:专利)?{_C}{{0,6}}授权",
       family="patent",
       levels={"major_offices": "patent_foreign_major", "hmt": "patent_foreign_hmt",
               "other_countries": "patent_foreign_other"}),
    _e("patent_foreign_major", "获得美国、日本或欧洲发明专利授权", r"(?!)",
       parent="patent_invention_foreign"),
    _e("patent_foreign_hmt", "获得港澳台发明专利授权", r"(?!)",
       parent="patent_invention_foreign"),
    _e("patent_foreign_other", "获得其他国家或地区发明专利授权", r"(?!)",
       parent="patent_invention_foreign"),
    _e("patent_invention", "获得国内发明专利授权",
       # an aside between the patent and its grant ("发明专利（填的东莞住址，没办费用
       # 减缓）今年5月授权公告了") is part of the clause
       rf"发明(?:{_C}|（[^（）]{{0,30}}）){{0,14}}授权|授权{_C}{{0,4}}发明专利"
       # as it is said: "今年我们自己也下来3个发明专利", "发明专利批下来了"
       rf"|(?:下来|批下来|拿到|拿下)了?{_C}{{0,4}}发明专利|发明专利{_C}{{0,4}}(?:下来了|批下来|批了)",
       family="patent"),
    # ...and as people say it: "批下来3个实用新型、2个外观"
    _e("patent_utility", "获得实用新型专利授权",
       rf"实用新型{_C}{{0,14}}授权|(?:批下来|下来|拿到|获批)了?{_C}{{0,4}}实用新型", family="patent"),
    _e("patent_design", "获得外观设计专利授权",
       rf"外观设计(?:专利)?{_C}{{0,14}}授权|(?:批下来|下来|拿到|获批)了?{_C}{{0,4}}外观"
       r"|(?<=[、和及与])\d*[个件项]?外观",
       family="patent"),
    _e("patent_pct", "通过PCT途径申请境外发明专利", r"PCT", family="patent"),
    _e("patent_gold", "获得中国专利金奖", r"中国专利(?:、中国外观设计)?金奖"),
    _e("design_gold", "获得中国外观设计金奖", r"中国外观设计金奖"),
    _e("patent_excellence", "获得中国专利优秀奖", r"中国专利(?:、中国外观设计)?优秀奖"),
    _e("design_excellence", "获得中国外观设计优秀奖", r"中国外观设计优秀奖"),
    _e("provincial_patent_award", "获得省专利奖", rf"省{_C}{{0,2}}专利奖"),
    # -- projects, teams, products -------------------------------------------
    # A competition the clause names is part of its event ("对在中国创新创业（吉林
    # 赛区）大赛中获奖的"): a prize of another ("“互联网+”大学生创新创业大赛拿了金奖")
    # is not it; a prize of no named one may be any of them.
    _e("contest_internet_plus", "“互联网+”大学生创新创业大赛获奖",
       rf"互联网\+{_C}{{0,16}}(?:大赛|竞赛){_AWARD}", parent="contest_award", family="contest"),
    _e("contest_cicc", "中国创新创业大赛获奖",
       rf"中国创新创业{_C}{{0,10}}(?:大赛|竞赛){_AWARD}", parent="contest_award",
       family="contest"),
    _e("contest_workers", "全国科技工作者创新创业大赛获奖",
       rf"科技工作者创新创业{_C}{{0,10}}(?:大赛|竞赛){_AWARD}", parent="contest_award",
       family="contest"),
    _e("contest_challenge_cup", "“挑战杯”竞赛获奖",
       rf"挑战杯{_C}{{0,16}}(?:大赛|竞赛)?{_AWARD}", parent="contest_award", family="contest"),
    _e("contest_award", "创新创业大赛获奖",
       rf"(?:大赛|竞赛){_AWARD}|获奖{_C}{{0,6}}大赛", family="contest"),
    # The body that approved a project is part of the event: the 省科技厅's
    # approval is not the 长春市科技局's.
    _e("project_approved", "项目获立项", r"立项",
       levels={"national": "project_approved_national",
               "provincial": "project_approved_provincial",
               "municipal": "project_approved_municipal",
               "district": "project_approved_district"}),
    _e("project_approved_national", "项目获国家级立项", r"(?!)", parent="project_approved"),
    _e("project_approved_provincial", "项目获省科技厅立项", r"(?!)",
       parent="project_approved"),
    _e("project_approved_municipal", "项目获市级立项", r"(?!)", parent="project_approved"),
    _e("project_approved_district", "项目获区县级立项", r"(?!)", parent="project_approved"),
    _e("project_funded", "项目获市级以上专项资金支持",
       rf"(?:专项资金|资金){_C}{{0,2}}支持的项目"
       rf"|获{_C}{{0,12}}(?:专项资金|专项|资金)(?:支持|资助)"),
    _e("plan_listed", "项目列入年度科技计划", rf"(?:{_LISTED}){_C}{{0,10}}计划"),
    _e("talent_team_selected", "入选省级重大科技项目研发人才团队",
       rf"(?:评选产生|入选|遴选){_C}{{0,24}}(?:团队|人才)"),
    _e("product_catalogue", "产品列入国家战略性创新产品或重点新产品目录",
       rf"(?:产品){_C}{{0,12}}(?:{_LISTED}){_C}{{0,20}}目录"),
    # a medicine's second development is its own event, whatever follows it
    # ("中药大品种二次开发项目在县域内投产后": not a patented product's production)
    _e("drug_redevelopment", "中药大品种二次开发", r"二次开发"),
    _e("product_production", "专利产品在县域内投产",
       r"(?<!二次开发)(?:产品|品种|项目)(?:(?!二次开发)[^，。；：]){0,12}投产"),
    _e("achievement_converted", "完成科技成果转化", rf"完成{_C}{{0,4}}(?:成果)?转化"),
    _e("new_product", "新药或新产品上市销售", rf"(?:开发|引进){_C}{{0,6}}(?:新药|新品种)"),
    _e("generic_drug_evaluation", "完成仿制药一致性评价", r"一致性评价"),
    _e("pilot_base", "建设中试基地或中试平台",
       rf"(?:建设|建成|新建|牵头建设|打造|认定){_C}{{0,10}}中试(?:基地|平台|中心|线)"),
    _e("product_sales", "产品取得商业成果（销售）",
       rf"产品{_C}{{0,8}}(?:取得|实现){_C}{{0,4}}(?:商业成果|销售收入|商业化)"),
    _e("standard_setting", "牵头制定标准获批",
       rf"(?:制定|创制|主导){_C}{{0,20}}标准|标准{_C}{{0,4}}(?:获批|发布)",
       levels={"international": "standard_international", "national": "standard_national",
               "industry": "standard_industry"}),
    _e("standard_international", "牵头制定国际标准获批", r"(?!)", parent="standard_setting"),
    _e("standard_national", "牵头制定国家标准获批", r"(?!)", parent="standard_setting"),
    _e("standard_industry", "牵头制定行业标准获批", r"(?!)", parent="standard_setting"),
    # -- AI and other activities ---------------------------------------------
    _e("compute_purchase", "购买或租用算力", rf"(?:购买|租用|采购|使用){_C}{{0,4}}算力"),
    _e("model_filing", "大模型备案", r"备案", needs=r"大模型|生成式|算法|人工智能"),
    _e("llm_procurement", "采购人工智能大模型产品和服务",
       rf"采购{_C}{{0,12}}(?:大模型|人工智能){_C}{{0,4}}产品"
       # as people say it: "买了一家没关联关系的公司的大模型服务"
       rf"|(?:买了?|购买了?|采购了?){_C}{{0,16}}(?:大模型|人工智能){_C}{{0,4}}(?:产品|服务)"),
    _e("joint_lab_plaque", "共建新型研发机构或联合实验室获国家或市级授牌",
       rf"(?:共建|设立){_C}{{0,12}}(?:新型研发机构|实验室)|授牌"),
    _e("data_supply", "提供高质量数据集或语料",
       rf"(?:提供|开放|共享|建成|建设|打造){_C}{{0,12}}(?:数据集|语料)"),
    _e("ip_eda_purchase", "购买集成电路IP或EDA工具",
       rf"购买{_C}{{0,6}}(?:IP|EDA)|(?:自主)?开发IP"),
    _e("chip_release", "发布重大突破芯片产品", rf"发布{_C}{{0,16}}芯片|流片"),
    _e("event_hosting", "举办产业论坛或学术会议等活动",
       rf"举办{_C}{{0,40}}(?:论坛|会议|展会|赛事|活动)|主题活动"),
    _e("route_approval", "取得航线审批并常态化运营", r"航线"),
    _e("incubator_fitout", "孵化器建设装修",
       rf"(?:建设|改造|装修){_C}{{0,10}}孵化|孵化{_C}{{0,10}}(?:建设|装修|改造)"),
    _e("premises", "建造或购买自用办公用房、产业载体",
       rf"(?:建造|购买|租赁|改建){_C}{{0,10}}(?:办公用房|产业载体|载体|厂房)"),
    _e("new_registration", "新注册或迁入",
       rf"新注册|新设立|迁入|新落户|落户我县|创办|开办|新引进{_C}{{0,6}}(?:企业|项目|总部)"),
    _e("talent_introduced", "新引进", rf"新引进{_C}{{0,6}}人才|引进{_C}{{0,10}}人才"),
    # A planting base is its own event, not a new investment project ("投资新建
    # GAP中药材种植基地", "新建了600亩人参种植基地"): the row before it wins.
    _e("planting_base", "新建种植基地",
       rf"(?:新建|建设|建成|建了|投资){_C}{{0,16}}种植基地", family="investment"),
    _e("new_investment", "新增重大投资项目或业务板块",
       rf"新增{_C}{{0,6}}(?:投资项目|业务板块)|新上{_C}{{0,8}}项目|新建项目"
       rf"|固定资产投资|新建{_C}{{0,16}}(?:基地|工厂|生产线|项目)", family="investment"),
    _e("merger", "兼并重组", r"兼并重组"),
)
# fmt: on

EVENTS_BY_KEY: dict[str, EventType] = {event.key: event for event in EVENTS}

# A condition clause that still requires something to have happened (an
# award, a selection, a breakthrough) when no row above names it.
OTHER_EVENT_RE = re.compile(
    rf"获{_C}{{0,14}}(?:奖|称号|认定|批复)|荣获|评为|入选|入库|突破|攻关|获批|授予|挂牌"
    rf"|引领{_C}{{0,12}}发展|取得{_C}{{0,12}}(?:成果|成效|批件)|首次|当年新|年度新"
    rf"|完成{_C}{{0,12}}(?:评价|验收|认证)|{_C}项目$"
)


# An applicant's event the table does not name ("新认定省级版权示范单位") is
# read by its words: it is the event of a rule the table reads as "other"
# when the two share a run of this many characters beyond the words any
# event or applicant may use ("对年度新获认定为国家级、省级版权示范单位的" shares
# 版权示范单位; "人工智能大模型" alone is the applicant's sector, no event).
FREE_EVENT_MIN_CHARS = 4
# A line of free text is matched on a longer run ("中国驰名商标", "中国质量奖"):
# what it says beyond the words read from it holds more than the event.
TEXT_EVENT_MIN_CHARS = 5
GENERIC_EVENT_WORDS = re.compile(
    r"人工智能|大模型|具身智能|低空经济|新认定|新获|获得|认定为|认定|获批|评为|年度|当年"
    r"|国家级|省级|市级|区级|县级|企业|单位|机构|主体|项目|建设|开展|搭建|新建"
)


# A form's event the table does not name is kept in its words only when it
# says that something was done or granted ("新认定省级版权示范单位", "开展海内外高
# 价值专利布局"); "今天天气很好" is no event and the form is refused.
FREE_EVENT_VERB_RE = re.compile(
    r"认定|获|入选|评为|授牌|挂牌|立项|备案|建设|建成|新建|搭建|开展|部署|布局|设立|引进"
    r"|购买|采购|投产|上市|举办|取得|承担|转让|许可|投资|研发|发布|申请|参加"
    r"|参与|运营|提供|完成|实施|组织|开发|销售|改建|改造"
)


def is_free_event(words: str) -> bool:
    """Can ``words``, which no row of the table names, be an applicant's event?"""
    return bool(FREE_EVENT_VERB_RE.search(words))


@lru_cache(maxsize=4096)
def same_event_words(stated: str, clause: str, min_chars: int = FREE_EVENT_MIN_CHARS) -> bool:
    """Does the applicant's event ``stated``, in words no row of the table
    names, name the event of ``clause`` (see FREE_EVENT_MIN_CHARS)?"""
    if not stated or not clause:
        return False
    shared = _longest_common_run(stated, clause)
    return len(shared) >= min_chars and (
        len(GENERIC_EVENT_WORDS.sub("", shared)) >= min_chars - 1
    )


def _longest_common_run(a: str, b: str) -> str:
    best, end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, ca in enumerate(a, 1):
        current = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    return a[end - best : end]


def narrower(key: str) -> set[str]:
    """The events below ``key`` (the provincial and national 专精特新 below
    the bare 认定为专精特新)."""
    out = {e.key for e in EVENTS if e.parent == key}
    for child in list(out):
        out |= narrower(child)
    return out


def level_of(text: str, start: int, end: int, before: int = 8, allowed=None) -> str:
    """The one level named in ``text[start-before:end]`` within the clause
    (of ``allowed`` levels only, when given), or ""."""
    begin = max(0, start - before)
    begin = max([begin, *(text.rfind(mark, begin, start) + 1 for mark in "，。；")])
    levels = {LEVELS[m.group()] for m in LEVEL_RE.finditer(text, begin, end)}
    if allowed is not None:
        levels &= set(allowed)
    return levels.pop() if len(levels) == 1 else ""


def with_broader(keys) -> set[str]:
    """``keys`` and every event above them (``EventType.parent``)."""
    out: set[str] = set()
    for key in keys:
        while key and key not in out:
            out.add(key)
            key = EVENTS_BY_KEY[key].parent if key in EVENTS_BY_KEY else ""
    return out
