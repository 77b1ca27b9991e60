"""extract_measures on real sentences: which are measures, and what they name."""

import pytest

from documents.extraction.sentences import split_clauses, split_sentences, trim
from measures.extraction.actors import find_units
from measures.extraction.measures import extract_measures
from tests.text import norm

# (sentence, instrument types ⊇, beneficiaries ⊇, responsible units ==)
MEASURES = [
    # 000 （十一）
    (
        "鼓励企业设立人才发展专项资金，该资金可计入企业研发费用。",
        {"business_rd_grants"},
        {"企业"},
        [],
    ),
    # 000 （八）
    (
        "支持高校院所设立技术转移中心，完善技术转移服务激励机制，加大向全省各地区技术转移"
        "和成果转化力度。",
        {"tech_transfer_markets"},
        {"高校", "科研院所", "技术转移机构"},
        [],
    ),
    # 000 （九）
    (
        "进一步完善科技特派员制度，引导科技特派员真正深入企业和行业开展工作，解决产业发展的"
        "实际问题。",
        {"sci_tech_commissioners"},
        {"企业"},
        [],
    ),
    # 000 （十六）
    (
        "引导金融机构综合运用买方信贷、卖方信贷、融资租赁等方式加大对科技型中小企业的信贷"
        "支持。",
        {"loans_credit"},
        {"金融机构", "科技型中小企业"},
        [],
    ),
    # 000 （二十七）
    (
        "各地、各有关部门要进一步加强对技术创新和科技成果产业化工作的领导，实行领导干部联系"
        "重点科技项目和科技人才制度，发挥专家咨询作用，共同推进科技成果产业化工作。",
        {"coordination_bodies"},
        set(),
        ["各地", "各有关部门"],
    ),
    # 000 （二十八）
    (
        "省直各相关部门、各市（州）政府、重点高校和科研院所要加快研究制定贯彻本意见的具体"
        "政策措施。",
        set(),
        {"高校", "科研院所"},
        ["省直各相关部门", "各市（州）政府"],
    ),
    # 001 措施3
    (
        "3.对自主研发产品被国家列入战略性创新产品和重点新产品目录的科技小巨人企业，通过省级"
        "应用技术研究与开发资金给予15－30万元后补助支持。",
        {"post_completion_subsidy", "enterprise_cultivation"},
        {"科技小巨人企业"},
        [],
    ),
    # 001 措施8
    (
        "对科技人员领办创办科技型企业或自愿到企业、农村工作的，经批准，允许3年内保留原职务"
        "级别、编制、人事关系及工资福利待遇。",
        {"labour_mobility"},
        {"科研人员", "科技企业"},
        [],
    ),
    # 001 措施19
    (
        "对获得当年中国专利、中国外观设计金奖的项目，一次性给予不高于30万元的奖励；",
        {"awards_prizes", "ip_incentives"},
        set(),
        [],
    ),
    # 002 一、3.
    (
        "根据协议，银行对省科技厅立项支持的科技企业，给予额度最高1000万元的信用贷款；对省科技"
        "厅推荐的企业客户，实行“四免三贴”政策",
        {"loans_credit"},
        {"科技企业", "金融机构"},
        ["省科技厅"],
    ),
    # 002 二、3.
    (
        "联合省发改委、省教育厅、省工信厅、省财政厅、省人社厅、省商务厅、省市场监督管理厅"
        "（省知识产权局）、省国资委8部门出台《吉林省赋予科研人员职务科技成果所有权或长期使用权"
        "试点实施方案》，首批认定10家试点单位，进一步激发科研人员创新创造热情。",
        {"ownership_reform"},
        {"科研人员"},
        [
            "省发改委",
            "省教育厅",
            "省工信厅",
            "省财政厅",
            "省人社厅",
            "省商务厅",
            "省市场监督管理厅",
            "省知识产权局",
            "省国资委",
        ],
    ),
    # 002 四、1.
    (
        "依托省科技发展计划，对新认定及运营中的科技企业孵化器（众创空间）给予后补助支持，每年度"
        "组织开展考核评价工作，不断加强孵化器建设，提升服务能力。",
        {"post_completion_subsidy", "incubators", "evaluation_monitoring"},
        {"孵化器"},
        [],
    ),
    # 003 五、（六）
    (
        "鼓励商业银行积极开展股权质押和专利权质押贷款。",
        {"guarantees_risk_sharing", "loans_credit"},
        {"金融机构"},
        [],
    ),
    # 004 第六章第一节
    (
        "支持企业牵头以“军令状”“揭榜挂帅”等新机制实施关键技术研发项目。",
        {"open_competition"},
        {"企业"},
        [],
    ),
    (
        "探索建立技术创新容错机制，开展国有资本创新投入失败免责试点，制定国有资本创新投入失败"
        "免责规定。",
        {"error_tolerance"},
        set(),
        [],
    ),
    # 004 第七章第一节
    (
        "支持和鼓励事业单位科研人员兼职创新、在职创办企业和离岗创办企业。",
        {"labour_mobility"},
        {"科研人员", "科研院所"},
        [],
    ),
    # Not written in the five texts: a district scheme of the same genre.
    (
        "对新认定的国家级高新技术企业，一次性给予20万元奖励。",
        {"awards_prizes"},
        {"高新技术企业"},
        [],
    ),
    (
        "给予贷款贴息，贴息比例不超过贷款利息的50%。",
        {"loans_credit"},
        set(),
        [],
    ),
]


@pytest.mark.parametrize(("text", "instruments", "groups", "units"), MEASURES)
def test_measure(text, instruments, groups, units):
    text = norm(text)
    (measure,) = extract_measures(text)
    assert instruments <= set(measure.instrument_types)
    assert groups <= set(measure.beneficiaries)
    assert measure.responsible_units == units
    assert measure.rule.startswith(("policy_verb:", "modal:"))


NOT_MEASURES = [
    # background (000 preamble, 001 plan)
    "科技创新是提高社会生产力和综合实力的战略支撑，建立健全以市场为导向的科技创新机制，"
    "是提高科学研究水平、加快科技成果产业化和建设创新型吉林的核心要求。",
    "促进科技成果转移转化是实施创新驱动发展战略的重要任务，是加强科技与经济紧密结合的关键环节。",
    # forwarding boilerplate (001)
    "《吉林省促进科技成果转移转化实施方案》已经省政府同意，现印发给你们，请认真组织贯彻实施。",
    # reported facts (002)
    "目前，共有省级科技企业孵化器计123家，评聘吉林省科技创业导师115位。",
    "2021年度，吉林银行、中国银行吉林分行累计支持科技企业160户，投放贷款96.87亿元。",
    "如华康药业与吉大合作建立研究院，开展创新药的研究开发工作。",
    "一是支持国家技术转移东北中心（吉林省科技大市场）建设，建成了以国家技术转移东北中心"
    "（吉林省科技大市场）为核心，各市（州）分市场为补充的统一开放的技术市场。",
    # achievements and outlook (004)
    norm(
        "《中国区域创新能力评价报告２０２１》显示吉林省是创新能力进步最为明显的地区，在全国排名上升９位。"
    ),
    "科技创新环境正快速优化。",
    "从全球看，国际创新格局正在重塑，东亚地区正在成长为具有世界影响力的创新中心。",
    # a goal: the targets extractor's business (000 （二）)
    "到2017年，全省大中型工业企业拥有研发机构的比例达到45%以上，推动建设400个省级企业技术中心。",
    # a heading line without a verb (004)
    "汽车产业技术。",
]


@pytest.mark.parametrize("text", NOT_MEASURES)
def test_not_a_measure(text):
    assert extract_measures(text) == []


def test_heading_sentence_skipped_and_offsets():
    # 000 （五）: the provision text starts with its heading.
    text = norm(
        "发挥企业科技成果应用的主体作用。进一步鼓励企业开发或引进具有自主知识产权的科技成果，"
        "开发新产品，通过商业模式创新占领市场。"
    )
    (measure,) = extract_measures(
        text, offset=500, heading="发挥企业科技成果应用的主体作用"
    )
    assert measure.summary.startswith("进一步鼓励企业")
    assert not measure.summary.endswith("。")
    assert text[measure.start - 500 : measure.end - 500] == measure.summary
    assert "ip_incentives" in measure.instrument_types


def test_heading_types_a_sentence_that_names_no_instrument():
    # 000 （十三）: the sentence names no instrument, its heading does.
    text = (
        "积极介入全省的技术创新活动，根据技术创新活动各个阶段的不同特点，搭建各具特色、"
        "功能各异的科技成果交流平台。"
    )
    (measure,) = extract_measures(text, heading="发挥科技中介服务团队的作用")
    assert measure.instrument_types == ["business_advisory"]
    assert measure.rule == "policy_verb:搭建+heading"
    assert extract_measures(text)[0].instrument_types == []


def test_each_actionable_sentence_is_a_measure():
    # 000 （二十）: four sentences, the last three are commitments.
    text = (
        "培育一支活跃、稳定的技术经纪人队伍。要把培训作为促进科技中介机构发展的一项基础性工作，"
        "开展从业人员培训，提高人员素质。要对从业人员必须掌握的基本知识和技能提出明确要求。"
        "各级科技管理部门要深入了解本地科技服务机构的培训需求，针对发展中的具体问题进行培训。"
    )
    measures = extract_measures(text, heading="培育一支活跃、稳定的技术经纪人队伍")
    assert [m.summary[:4] for m in measures] == ["要把培训", "要对从业", "各级科技"]
    assert measures[2].responsible_units == ["各级科技管理部门"]
    assert [m.rule for m in measures] == [
        "policy_verb:促进",
        "modal:要+heading",
        "modal:要",
    ]


# --- responsible units and sentence spans --------------------------------------


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "与吉林银行、中国银行吉林分行签订战略合作协议",
            ["吉林银行", "中国银行吉林分行"],
        ),
        (
            "由财政部门、物价部门依据科研设备属性和市场供需情况核定设备使用成本",
            ["财政部门", "物价部门"],
        ),
        ("经省委、省政府批准设立了省级科技专项资金和引导基金", ["省委", "省政府"]),
        ("依托省科技领导小组，形成部门间科技战略规划", ["省科技领导小组"]),
        ("省科技厅每年组织技术转移示范机构考核评价工作", ["省科技厅"]),
        ("各市（州）要将科技成果转移转化工作纳入重要议事日程", ["各市（州）"]),
        ("由省和当地政府根据收购额给予一定补贴", ["省和当地政府"]),
        # not doers: 省级…, 省内…, the object of 向
        ("省级科技创新专项资金重点支持省科技领域事关经济社会发展的科技研发", []),
        ("加大向全省各地区技术转移和成果转化力度", []),
    ],
)
def test_find_units(text, units):
    assert find_units(text) == units


def test_sentences_and_clauses():
    text = (
        "对并购国外科技型企业的，由省和当地政府根据收购额给予一定补贴；"
        "对引进海外先进适用技术并在本省产业化的企业，有关部门将予以资金支持。\n下一行"
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans][1] == "下一行"
    parts = [text[s:e] for s, e in split_clauses(text, spans[0])]
    assert parts[1] == "由省和当地政府根据收购额给予一定补贴；"
    assert text[slice(*trim(text, spans[0]))].endswith("资金支持")
