"""Targets and reported figures, rule by rule, on the real paragraphs.

Each paragraph is normalised with the test helper and fed with the context
the pipeline gives it (document year, plan period, ancestor headings).
Expected rows: (kind, number as printed, value, unit, comparator, year).
"""

from decimal import Decimal

import pytest

from targets.extraction import extract_figures, extract_quantity_facts, extract_targets
from tests.targets.corpus import normalise

DOC_000 = {"doc_year": None, "plan_period": None}
DOC_001 = {"doc_year": 2016, "plan_period": (2016, 2020)}
DOC_002 = {"doc_year": 2022, "plan_period": None}
DOC_003 = {"doc_year": 2011, "plan_period": (2011, 2015)}
DOC_004 = {"doc_year": 2021, "plan_period": (2021, 2025)}


def facts(text, heading="", **context):
    text = normalise(text)
    targets, figures = extract_quantity_facts(text, section_heading=heading, **context)
    rows = [("target", f) for f in targets] + [("figure", f) for f in figures]
    rows.sort(key=lambda r: r[1].start)
    return [
        (kind, text[f.start : f.end], str(f.value), f.unit, f.comparator, f.year)
        for kind, f in rows
    ]


def names(text, heading="", **context):
    text = normalise(text)
    targets, figures = extract_quantity_facts(text, section_heading=heading, **context)
    return {text[f.start : f.end]: f.indicator_name for f in [*targets, *figures]}


# -- 000: targets with explicit years, no document date ---------------------

P000_GOALS = (
    "（二）发展目标。到２０１７年，建立起完善的技术创新市场导向机制，确立企业在技术创新和"
    "科技成果产业化中的主体地位，全省Ｒ＆Ｄ（创新与开发）经费投入占ＧＤＰ的比重达到２％左右，"
    "企业研发投入占全社会研发投入的比重达到７０％以上；建设省级以上企业技术中心４００个、"
    "省级重点实验室６０个、省级产业技术创新联盟３０个、省级中试中心２０个。"
)
P000_2020 = (
    "到２０２０年，８０％以上的技术创新活动和９０％以上的科技成果转化活动由企业主导，"
    "多方参与，科技管理方式和科技服务方式更加适应市场导向机制的需要，建立起效益显著提升、"
    "周期明显缩短、渠道显著畅通、制度更加健全、本地成果转化更为便捷的技术创新体系和科技成果"
    "产业化服务体系。建设省级重点实验室７０个、省级产业技术创新联盟３５个、省级中试中心３０个。"
)


def test_000_goals_to_2017():
    assert facts(P000_GOALS, "一、指导思想和发展目标 › （二）发展目标", **DOC_000) == [
        ("target", "2%左右", "2", "%", "~", 2017),
        ("target", "70%以上", "70", "%", ">=", 2017),
        ("target", "400个", "400", "个", "=", 2017),
        ("target", "60个", "60", "个", "=", 2017),
        ("target", "30个", "30", "个", "=", 2017),
        ("target", "20个", "20", "个", "=", 2017),
    ]


def test_000_goal_names_noun_before_the_number():
    assert names(P000_GOALS, **DOC_000) == {
        "2%左右": "R&D（创新与开发）经费投入占GDP的比重",
        "70%以上": "企业研发投入占全社会研发投入的比重",
        "400个": "省级以上企业技术中心",
        "60个": "省级重点实验室",
        "30个": "省级产业技术创新联盟",
        "20个": "省级中试中心",
    }


def test_000_the_2020_paragraph_keeps_its_year_for_the_next_sentence():
    assert facts(P000_2020, **DOC_000) == [
        ("target", "80%以上", "80", "%", ">=", 2020),
        ("target", "90%以上", "90", "%", ">=", 2020),
        ("target", "70个", "70", "个", "=", 2020),
        ("target", "35个", "35", "个", "=", 2020),
        ("target", "30个", "30", "个", "=", 2020),
    ]
    assert names(P000_2020, **DOC_000)["80%以上"] == "由企业主导的技术创新活动占比"


def test_000_six_restates_a_goal_noun_after_the_number():
    text = (
        "到２０１７年，全省大中型工业企业拥有研发机构的比例达到４５％以上，"
        "推动建设４００个省级企业技术中心。"
    )
    assert facts(text, **DOC_000) == [
        ("target", "45%以上", "45", "%", ">=", 2017),
        ("target", "400个", "400", "个", "=", 2017),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # (四) an eligibility condition
        "对全省规模以上企业Ｒ＆Ｄ经费投入占主营业务收入比重达到１％、一般企业Ｒ＆Ｄ经费投入"
        "占主营业务收入比重达到２％的科技项目予以重点支持。",
        # (五) a subsidy: ratio and cap
        "通过省级科技创新专项资金给予其技术交易额１０％、最高不超过５０万元的支持。",
        # (八) an allocation of income
        "科技成果转化基金项目成果的增值收益部分５０％用于奖励科研团队，５０％用于基金公司新增投资。",
        # (十五) an award share
        "允许高校、科研院所将职务科技成果转让净收入（或成果形成股权）的７０％一次性奖给成果完成人或团队。",
        # (十) structural Chinese-numeral counts
        "包括：北湖科技园、长春工业大学科技园、吉林省光电子科技创新基地和吉林省化工新材料科技"
        "创新基地四个园区。重点建设“生物技术、光电子技术、新材料技术”三个公共技术平台",
        # (二十六) a duration that is a condition
        "收储政府投资项目取得有产业化前景、授权后３年未转化实施的发明专利",
    ],
)
def test_000_numbers_that_are_not_targets(text):
    assert facts(text, **DOC_000) == []


# -- 001: a plan dated 2016 for 十三五 --------------------------------------

P001_GOALS = (
    "到2020年，建设50个省级技术转移示范机构，建成1个省级技术转移人才培养基地，培养500名"
    "专业化技术转移人才，全省技术合同交易额力争达到50亿元，高技术产业增加值占工业增加值比重"
    "达到25％以上。"
)


def test_001_main_goals():
    text = normalise(P001_GOALS)
    targets = extract_targets(
        text, section_heading="一、总体思路 › （二）主要目标", **DOC_001
    )
    assert [(t.value, t.unit, t.year, t.aspirational) for t in targets] == [
        (50, "个", 2020, False),
        (1, "个", 2020, False),
        (500, "名", 2020, False),
        (50, "亿元", 2020, True),  # 力争
        (25, "%", 2020, False),
    ]
    assert [t.indicator_key for t in targets] == [
        "tech_transfer_demo_institutions",
        None,
        None,
        "tech_contract_value",
        "hightech_value_added_share",
    ]


def test_001_undated_tasks_take_the_plan_end_and_existing_counts_the_document_year():
    heading = "二、重点任务 › （二）产学研协同开展科技成果转移转化"
    text = (
        "在全省高校和科研院所建立20个省级技术转移示范机构，承担所在单位科技成果转移转化与知识"
        "产权管理的职责。在全省重点培育2000户成长性好、代表未来产业发展方向的科技创新小巨人企业。"
        "依托汽车、动漫、碳纤维、生物制药等31个产业技术创新联盟，充分发挥联盟内骨干企业的主导作用"
    )
    assert facts(text, heading, **DOC_001) == [
        ("target", "20个", "20", "个", "=", 2020),
        ("target", "2000户", "2000", "户", "=", 2020),
        ("figure", "31个", "31", "个", "=", 2016),
    ]
    assert names(text, heading, **DOC_001)["2000户"] == "科技创新小巨人企业"


def test_001_existing_and_new_pilot_centres():
    text = (
        "组织现有的20个行业中试中心，面向相关企业发展需求，开展中试熟化与产业化开发。继续围绕"
        "我省传统优势产业和战略性新兴产业发展需求，新增认定10个左右省级中试中心。"
    )
    assert facts(text, "二、重点任务", **DOC_001) == [
        ("figure", "20个", "20", "个", "=", 2016),
        ("target", "10个左右", "10", "个", "~", 2020),
    ]


def test_001_a_means_then_a_build_verb_is_a_target():
    # 依托 usually marks what exists, but here the number is the object of 建设.
    text = (
        "依托各市（州）、高新区建设6个具有区域特色、行业特点的吉林省科技大市场分市场。"
        "依托县域综合科技服务平台，在全省30个县（市）设立科技成果转移转化节点。"
    )
    assert facts(text, "二、重点任务", **DOC_001) == [
        ("target", "6个", "6", "个", "=", 2020),
        ("target", "30个", "30", "个", "=", 2020),
    ]
    assert names(text, "二、重点任务", **DOC_001) == {
        "6个": "吉林省科技大市场分市场",
        "30个": "设立科技成果转移转化节点的县（市）",
    }


def test_001_per_year_training():
    text = "推动建设专业化技术经纪人队伍，每年培训100名左右技术经纪人。"
    (target,) = extract_targets(normalise(text), **DOC_001)
    assert (target.value, target.comparator, target.per_year, target.year) == (
        100,
        "~",
        True,
        2020,
    )
    assert target.indicator_key == "tech_broker_training"


def test_001_measure_5_list():
    text = (
        "5.推动高校、科研机构、企业等建设各类开放性科技创新平台，加快建设30个院士工作站、"
        "50个省级协同创新中心、90个省级重点实验室、100个省级科技创新中心、300个省级工程研究中心"
        "（工程实验室）、500个省级企业技术中心。"
    )
    assert list(names(text, "三、主要措施", **DOC_001).values()) == [
        "院士工作站",
        "省级协同创新中心",
        "省级重点实验室",
        "省级科技创新中心",
        "省级工程研究中心",
        "省级企业技术中心",
    ]


def test_001_measure_19_targets_without_its_subsidies():
    text = (
        "培育100家以上省级知识产权优势示范企业，培育100家企业达到《企业知识产权管理规范》标准，"
        "在3个以上专利密集型产业、50家企业分别实施规划类专利导航工程和运营类专利导航工程，"
        "实现知识产权质押融资额达到50亿元以上，500家以上企业参投专利保险。对获得当年国内发明"
        "授权的专利，每件一次性给予不高于5000元的补助，对获得当年国外发明授权的专利，每件一次性"
        "给予5万元的补助。"
    )
    assert facts(text, "三、主要措施", **DOC_001) == [
        ("target", "100家以上", "100", "家", ">=", 2020),
        ("target", "100家", "100", "家", "=", 2020),
        ("target", "3个以上", "3", "个", ">=", 2020),
        ("target", "50家", "50", "家", "=", 2020),
        ("target", "50亿元以上", "50", "亿元", ">=", 2020),
        ("target", "500家以上", "500", "家", ">=", 2020),
    ]
    assert names(text, **DOC_001)["100家"] == "达到《企业知识产权管理规范》标准的企业"
    assert names(text, **DOC_001)["500家以上"] == "参投专利保险的企业"


@pytest.mark.parametrize(
    "text",
    [
        "给予15－30万元后补助支持。",
        "对列入年度科技计划的联盟项目每项支持50－100万元。",
        "经批准，允许3年内保留原职务级别、编制、人事关系及工资福利待遇。",
        "资助额度为50-500万元，支持资金主要从吉林省人才开发基金中列支。",
        "以不低于70％的比例奖励给成果完成人（团队）和为科技成果转化作出重要贡献人员，"
        "奖励比例上不封顶，相关人员可在5年内分期缴纳个人所得税。",
    ],
)
def test_001_subsidies_and_conditions_are_not_targets(text):
    assert facts(text, **DOC_001) == []


# -- 002: a reply of 2022 reporting figures ----------------------------------


def test_002_funds_present_figures_and_a_dated_year():
    text = "两支基金规模分别达到 8.8 亿元和 8 亿元，已累计投资省内项目 126 个，累计投入资金 13亿元。"
    assert facts(text, **DOC_002) == [
        ("figure", "8.8亿元", "8.8", "亿元", "=", 2022),
        ("figure", "8亿元", "8", "亿元", "=", 2022),
        ("figure", "126个", "126", "个", "=", 2022),
        ("figure", "13亿元", "13", "亿元", "=", 2022),
    ]


def test_002_loans_a_subsidy_then_figures_of_2021():
    text = (
        "银行对省科技厅立项支持的科技企业，给予额度最高 1000 万元的信用贷款。2021 年度，吉林银行、"
        "中国银行吉林分行累计支持科技企业 160 户，投放贷款 96.87 亿元。"
    )
    assert facts(text, **DOC_002) == [
        ("figure", "160户", "160", "户", "=", 2021),
        ("figure", "96.87亿元", "96.87", "亿元", "=", 2021),
    ]


def test_002_platforms_today():
    text = (
        "目前，建成国家工程技术研究中心 5个、省级科技创新中心 223 个，已形成“部-省-市-跨区域”"
        "的科技创新基地协作网络；建有国家重点实验室 11个、吉林省重点实验室 148 个（含吉林省野外"
        "观测研究站 2个）；"
    )
    rows = facts(text, **DOC_002)
    assert [(r[0], r[2], r[5]) for r in rows] == [
        ("figure", "5", 2022),
        ("figure", "223", 2022),
        ("figure", "11", 2022),
        ("figure", "148", 2022),
        ("figure", "2", 2022),
    ]
    assert names(text, **DOC_002)["2个"] == "吉林省野外观测研究站"


def test_002_counts_with_multipliers():
    text = "平台资源信息库吸纳专家近 5 千名，入库各类科技成果 2.6 万余项，企业需求 1.5 万余项。"
    assert facts(text, **DOC_002) == [
        ("figure", "近5千名", "5000", "名", "~", 2022),
        ("figure", "2.6万余项", "26000", "项", ">", 2022),
        ("figure", "1.5万余项", "15000", "项", ">", 2022),
    ]


def test_002_a_share_and_a_part():
    text = (
        "全省现有技术转移示范机构 100 家，其中，国家级 10家，高校、科研院所设立技术转移示范机构"
        "占比近三分之一。2020 年，全省技术转移示范机构促成技术转移项目 3631 项。"
    )
    assert facts(text, **DOC_002) == [
        ("figure", "100家", "100", "家", "=", 2022),
        ("figure", "10家", "10", "家", "=", 2022),
        ("figure", "近三分之一", "33.33", "%", "~", 2022),
        ("figure", "3631项", "3631", "项", "=", 2020),
    ]
    assert names(text, **DOC_002)["10家"] == "国家级技术转移示范机构"


def test_002_a_year_carries_over_until_a_cumulative_sentence():
    text = (
        "2021 年，共同体组织“大咖讲堂”4 场，邀请中科院院士和国内知名专家授课分享，吸引 3万余人次"
        "线上学习。承办“2021 年技术合同认定登记线上培训”、“科技型小微企业融资培训会”等培训活动 "
        "20 余场，培训 5000 余人次。推动 68 项产学研合作项目，金额 1.52 亿元。共同体内投资机构累计"
        "投资吉林博大东方新材料有限公司、长春中科长光时空光电技术有限公司等 17 家企业，投资金额 "
        "3.33 亿元，为企业经营发展提供保障。"
    )
    assert [(r[1], r[5]) for r in facts(text, **DOC_002)] == [
        ("4场", 2021),
        ("3万余人次", 2021),
        ("20余场", 2021),
        ("5000余人次", 2021),
        ("68项", 2021),
        ("1.52亿元", 2021),
        ("17家", 2022),  # 累计: as of the reply
        ("3.33亿元", 2022),
    ]
    assert names(text, **DOC_002)["1.52亿元"] == "产学研合作项目金额"


def test_002_next_steps_are_targets():
    text = (
        "下一步，省科技厅将按照省科技领导小组审议通过的《吉林省科技成果转化“双千工程”实施方案》，"
        "“十四五”期间，推动不少于 1000 项科技成果落地转化，支持不少于 1000 家科技企业通过实施技术"
        "攻关或成果转化实现高质量发展。"
    )
    assert facts(text, **DOC_002) == [
        ("target", "不少于1000项", "1000", "项", ">=", 2025),
        ("target", "不少于1000家", "1000", "家", ">=", 2025),
    ]


# -- 003: an action plan of 2011 for 2011–2015 -------------------------------

P003_GOALS = (
    "力争到2015年，基本建成适应吉林新型工业化发展要求，体制完善、机制灵活、政策完备、功能齐全的"
    "知识创新、技术创新、区域创新体系；产学研用良性互动，自主创新能力、产业核心竞争力明显增强，"
    "科技优势转化为经济实力取得突破性进展。企业成为技术创新的投入主体、研发主体和成果应用主体。"
    "全省Ｒ＆Ｄ经费占ＧＤＰ的比重达到2％左右，高技术产业增加值占规模以上工业增加值比重达到20％。"
    "部分重点突破领域的核心技术达到国内领先或国际一流水平。将吉林建成东北亚科技创新最活跃的"
    "地区、国家重要的技术研发与创新基地，创新综合能力保持在全国前15名。"
)


def test_003_goals_are_aspirational_for_the_whole_paragraph():
    targets = extract_targets(
        normalise(P003_GOALS), section_heading="三、目标任务", **DOC_003
    )
    assert [
        (t.value, t.unit, t.comparator, t.year, t.aspirational, t.indicator_key)
        for t in targets
    ] == [
        (2, "%", "~", 2015, True, "rd_gdp_ratio"),
        (20, "%", "=", 2015, True, "hightech_value_added_share"),
        (15, "位", "<=", 2015, True, None),  # 前15名: a rank, stored in 位
    ]
    assert targets[2].indicator_name == "创新综合能力全国排名"


def test_003_phases_give_the_year():
    heading = "四、进度安排"
    assert facts(
        "（二）重点推进期 （2012-2013年）：全面展开创新型吉林建设科技行动计划的各项工作任务；"
        "实现 “十二五”科技行动计划任务目标完成过半。",
        heading,
        **DOC_003,
    ) == [("target", "过半", "50", "%", ">", 2013)]
    assert facts(
        "（三）强化达标期 （2014-2015年）：建立吉林省科技创新的良性循环机制；推动全省有创新活动的"
        "企业达到企业总数的1／3；",
        heading,
        **DOC_003,
    ) == [("target", "1/3", "33.33", "%", "=", 2015)]


def test_003_two_batches():
    text = (
        "2、建设10个创新型市 （州）、县 （市、区）试点。2011年和2013年，分两批共选择10个左右具有"
        "一定经济与科技基础，特色产业突出，处于全省交通与物流节点，“三化统筹”进展迅速的市 （州）、"
        "县 （市、区），进行省级创新型市 （州）、县 （市、区）建设试点。"
    )
    assert facts(text, "三、目标任务 › （三）实施区域创新工程", **DOC_003) == [
        ("target", "10个", "10", "个", "=", 2015),
        ("target", "10个左右", "10", "个", "~", 2013),  # the later batch
    ]


def test_003_existing_bases_and_programme_names():
    text = (
        "在已有的吉林省中俄暨独联体国家国际科技合作产业孵化基地、吉林省中药国际化国际合作基地等"
        "6个国家级科技合作基地基础上，进一步加大国际合作力度。"
        "支持科技创新型企业列入吉林省100户企业上市培育工程和300户中小企业融资服务工程。"
    )
    assert facts(text, "三、目标任务", **DOC_003) == [
        ("figure", "6个", "6", "个", "=", 2011),
    ]


# -- 004: a 十四五 plan; its 发展成就 section reports 十三五 ------------------

ACHIEVEMENTS = "第一章　发展基础 › 第一节　发展成就"


def test_004_rankings_from_reports_of_2021():
    text = (
        "《自然指数－科研城市 ２０２１》中长春市位列全球科研城市第３７位，在化学、物理等领域具有"
        "全球影响力。《全国科技创新百强指数报告２０２１》中，中科院长春光机所、中科院长春应化所依次"
        "居科研院所类第１０位和第２４位，吉林大学、东北电力大学依次居高校类第３７位和第４４位，"
        "一汽集团股份有限公司居企业类第７９位。"
    )
    figures = extract_figures(normalise(text), section_heading=ACHIEVEMENTS, **DOC_004)
    assert [(f.value, f.unit, f.year, f.indicator_name) for f in figures] == [
        (37, "位", 2021, "长春市全球科研城市排名"),
        (10, "位", 2021, "中科院长春光机所科研院所类排名"),
        (24, "位", 2021, "中科院长春应化所科研院所类排名"),
        (37, "位", 2021, "吉林大学高校类排名"),
        (44, "位", 2021, "东北电力大学高校类排名"),
        (79, "位", 2021, "一汽集团股份有限公司企业类排名"),
    ]


def test_004_totals_of_the_13th_plan_with_lost_decimal_points():
    text = (
        "科技创新环境正快速优化。“十三五”期间，全省Ｒ＆Ｄ经费累计投入达到６９０６亿元，比 “十二五”"
        "期间增加了近１００亿元；全省财政科技支出累计达到２０８０３亿元，是 “十二五”期间的１２９倍。"
    )
    figures = extract_figures(normalise(text), section_heading=ACHIEVEMENTS, **DOC_004)
    assert [
        (
            f.raw_value_text,
            f.unit,
            f.comparator,
            f.year_start,
            f.year,
            f.suggested_value,
        )
        for f in figures
    ] == [
        ("6906", "亿元", "=", 2016, 2020, Decimal("690.6")),
        ("100", "亿元", "~", 2016, 2020, None),  # plausible as printed
        ("20803", "亿元", "=", 2016, 2020, Decimal("208.03")),
        ("129", "倍", "=", 2016, 2020, Decimal("1.29")),
    ]
    assert figures[0].indicator_key == "rd_expenditure"
    assert figures[2].indicator_key == "fiscal_st_expenditure"
    assert figures[0].value == 6906  # never changed: the repair is a suggestion


def test_004_stocks_without_a_date_are_the_plan_base_year():
    text = (
        "省集成创新综合体吸纳集聚４２６家企业。行业创新平台能力提升。围绕重点产业领域，建成省级以上"
        "高端创新平台 （省级以上实验室、科技创新中心、国际科技合作基地、大学科技园等）４００余个。"
        "国家高等学校学科创新引智基地 （“１１１”基地）１８家，国家引才引智示范基地４家，２１人、"
        "３个团队、１个基地入选科技部创新人才推进计划。"
    )
    assert facts(text, ACHIEVEMENTS, **DOC_004) == [
        ("figure", "426家", "426", "家", "=", 2020),
        ("figure", "400余个", "400", "个", ">", 2020),
        ("figure", "18家", "18", "家", "=", 2020),
        ("figure", "4家", "4", "家", "=", 2020),
        ("figure", "21人", "21", "人", "=", 2020),
        ("figure", "3个", "3", "个", "=", 2020),
        ("figure", "1个", "1", "个", "=", 2020),
    ]
    assert (
        names(text, ACHIEVEMENTS, **DOC_004)["21人"]
        == "入选科技部创新人才推进计划的人员"
    )


def test_004_an_attributive_year_does_not_date_the_next_sentence():
    text = "延吉市、通化县入选２０１８年全国科技创新百强县。省集成创新综合体吸纳集聚４２６家企业。"
    assert facts(text, ACHIEVEMENTS, **DOC_004) == [
        ("figure", "426家", "426", "家", "=", 2020)
    ]


def test_004_specs_and_idioms_are_skipped():
    text = (
        "最大口径达４米的碳化硅单体反射镜、“吉林一号”卫星星座、“地壳一号”万米大陆科学钻探装备、"
        "时速４００公里 “复兴号”动车组"
    )
    assert facts(text, ACHIEVEMENTS, **DOC_004) == []


def test_004_a_dated_sentence_of_2020():
    text = (
        "２０２０年，长春、吉林、延边三地４个国家级高新区企业营业收入达到６８６５３９亿元，１１个国家"
        "重点实验室、５个国家工程技术研究中心、６个国家临床医学研究中心吉林省分中心和１９个国家国际"
        "科技合作基地全部位于长吉图区域"
    )
    figures = extract_figures(normalise(text), section_heading=ACHIEVEMENTS, **DOC_004)
    assert [(f.value, f.year, f.indicator_name) for f in figures] == [
        (4, 2020, "国家级高新区"),
        (686539, 2020, "国家级高新区企业营业收入"),
        (11, 2020, "国家重点实验室"),
        (5, 2020, "国家工程技术研究中心"),
        (6, 2020, "国家临床医学研究中心吉林省分中心"),
        (19, 2020, "国家国际科技合作基地"),
    ]
    assert figures[1].suggested_value == Decimal("6865.39")


def test_004_the_ordinal_of_a_zone_has_no_year():
    text = "长吉图国家科技成果转移转化示范区成为全国第７个国家级示范区"
    (figure,) = extract_figures(
        normalise(text), section_heading=ACHIEVEMENTS, **DOC_004
    )
    assert (figure.value, figure.unit, figure.year) == (7, "位", None)


def test_004_plan_targets():
    heading = "第四章　推进关键核心技术攻关 › 第三节　发挥区域优势打造医药健康产业"
    assert facts(
        "提升产业链对创新链的吸引力，增强创新链对产业链的附着力，推动医药健康产业到 “十四五”末"
        "总经营规模达到３０００亿元。",
        heading,
        **DOC_004,
    ) == [("target", "3000亿元", "3000", "亿元", "=", 2025)]
    (target,) = extract_targets(
        normalise(
            "力争在 “十四五”期间每年筛选推出２００项优质科技成果，助力招商引资，加速落地转化。"
        ),
        **DOC_004,
    )
    assert (target.value, target.year, target.per_year, target.aspirational) == (
        200,
        2025,
        True,
        True,
    )


def test_004_what_the_13th_plan_decided_is_a_figure():
    text = "１继续实施好 “十三五”期间确定的１３个重大科技专项。智能制造重大科技专项"
    assert facts(text, "第七章 › 第二节", **DOC_004) == [
        ("figure", "13个", "13", "个", "=", 2020)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "———着眼１个创新远景目标。着眼２０３５，展望２０５０",
        "———打造１个区域创新蓝图。",
        "———推进５个重点突破。提升人才激励举措",
        "———协同３个创新路径。科技创新驱动。",
        "———统筹３个创新工具。资源要素工具。",
        "———实施１１＋１个创新工程。在１１项创新工程基础上，实施医药健康产业高质量发展工程",
        "体制机制工具。用好省内省外两个资源、计划市场两个体系",
    ],
)
def test_004_the_parts_of_the_51533_strategy_are_not_targets(text):
    assert facts(text, "第二章　发展思路 › 第四节　总体部署", **DOC_004) == []


def test_offsets_are_document_offsets():
    text = normalise("建设100个科技企业孵化器（“双创 ”平台），有效支撑实体经济发展。")
    (target,) = extract_targets(text, offset=1000, **DOC_001)
    assert (target.start, target.end) == (1000 + 2, 1000 + 6)
    assert (target.sentence_start, target.sentence_end) == (1000, 1000 + len(text))
    assert target.indicator_name == "科技企业孵化器"
    assert target.raw_value_text == "100"
    assert target.year_inferred
