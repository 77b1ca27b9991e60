"""extract_subsidies on every subsidy rule of the five texts, and on non-rules.

Each case is a real sentence (normalised as the normaliser would) and the rules
expected in it, one row per rule:
(kind, amount_min, amount_max, ratio_percent, cap, per, basis, beneficiary,
 funding_source, rule).
"""

from decimal import Decimal

import pytest

from measures.extraction.subsidies import extract_subsidies
from measures.subsidy_kinds import KIND_LABELS, SUBSIDY_KINDS
from tests.text import norm


def D(value):
    return None if value is None else Decimal(value)


def rows(text: str) -> list[tuple]:
    return [
        (
            s.kind,
            s.amount_min,
            s.amount_max,
            s.ratio_percent,
            s.cap,
            s.per,
            s.basis,
            s.beneficiary,
            s.funding_source,
            s.rule,
        )
        for s in extract_subsidies(norm(text))
    ]


def R(kind, lo, hi, ratio, cap, per, basis, who, source, rule):
    return (kind, D(lo), D(hi), D(ratio), D(cap), per, basis, who, source, rule)


CASES = {
    # ---- 000 -------------------------------------------------------------------
    "000 （五） ratio with a cap, paid from a named fund": (
        "积极支持企业购买科技成果，对承接省内高校、科研院所重大科技成果并在省内成功转化或购买"
        "省外高校、科研院所科技成果并在省内成功转化的企业，通过省级科技创新专项资金给予其技术"
        "交易额１０％、最高不超过５０万元的支持。",
        [
            R(
                "grant",
                None,
                "500000",
                "10",
                "500000",
                "",
                "技术交易额",
                "承接省内高校、科研院所重大科技成果并在省内成功转化或购买省外高校、科研院所"
                "科技成果并在省内成功转化的企业",
                "省级科技创新专项资金",
                "ratio+cap",
            ),
        ],
    ),
    "000 （六） modes of support without an amount": (
        "加快构建产业技术研究院，由企业主导，高校和科研院所参与，实行政府举办、理事会治理，"
        "根据需要以资本金投入、资金补助和“交任务、给项目”的方式给予支持。",
        [
            R(
                "equity_investment",
                None,
                None,
                None,
                None,
                "",
                "",
                "产业技术研究院",
                "",
                "mention:equity_mode",
            ),
            R(
                "grant",
                None,
                None,
                None,
                None,
                "",
                "",
                "产业技术研究院",
                "",
                "mention:grant_mode",
            ),
        ],
    ),
    "000 （七） two rules chained by ；, neither quantified": (
        "对并购国外科技型企业的，由省和当地政府根据收购额给予一定补贴；对引进海外先进适用技术"
        "并在本省产业化的企业，有关部门将予以资金支持。",
        [
            R(
                "grant",
                None,
                None,
                None,
                None,
                "",
                "收购额",
                "并购国外科技型企业的",
                "省和当地政府",
                "mention:grant_unquantified",
            ),
            R(
                "grant",
                None,
                None,
                None,
                None,
                "",
                "",
                "引进海外先进适用技术并在本省产业化的企业",
                "",
                "mention:funding_support",
            ),
        ],
    ),
    "000 （八） inventor share; the other 50% is an allocation, not support": (
        "通过科技成果转化基金引导，在全省开展高校院所科技成果转化试点，科技成果转化基金项目"
        "成果的增值收益部分５０％用于奖励科研团队，５０％用于基金公司新增投资。",
        [
            R(
                "inventor_share",
                None,
                None,
                "50",
                None,
                "",
                "科技成果转化基金项目成果的增值收益",
                "科研团队",
                "科技成果转化基金",
                "ratio",
            ),
        ],
    ),
    "000 （十五） two inventor shares": (
        "允许高校、科研院所将职务科技成果转让净收入（或成果形成股权）的７０％一次性奖给成果"
        "完成人或团队。允许高校、科研院所用非政府科技项目结余经费出资入股或增资入股，其所获"
        "股权的７０％奖给成果完成人或团队。",
        [
            R(
                "inventor_share",
                None,
                None,
                "70",
                None,
                "once",
                "职务科技成果转让净收入（或成果形成股权）",
                "成果完成人或团队",
                "",
                "ratio",
            ),
            R(
                "inventor_share",
                None,
                None,
                "70",
                None,
                "",
                "所获股权",
                "成果完成人或团队",
                "",
                "ratio",
            ),
        ],
    ),
    "000 （十七） government subsidy as the mode": (
        "发挥大型仪器设备协作共用网作用，采取政府补助的方式，使其面向社会开放服务。",
        [
            R(
                "grant",
                None,
                None,
                None,
                None,
                "",
                "",
                "大型仪器设备协作共用网",
                "",
                "mention:grant_mode",
            ),
        ],
    ),
    "000 （二十二） post-completion subsidy as the mode": (
        "对政府引导企业开展的科研项目，主要由企业提出需求、先行投入和组织研发，"
        "政府采用 “后补助 ”"
        "及间接投入等方式给予支持",
        [
            R(
                "post_subsidy",
                None,
                None,
                None,
                None,
                "",
                "",
                "科研项目",
                "",
                "mention:post_subsidy",
            ),
        ],
    ),
    # ---- 001 -------------------------------------------------------------------
    "001 措施2 a ceiling only": (
        "2.积极支持企业购买科技成果，对承接省内高校、科研院所重大科技成果并在省内成功转化或"
        "购买省外高校、科研院所科技成果并在省内成功转化的企业，通过省级应用技术研究与开发资金"
        "给予最高不超过50万元的支持。",
        [
            R(
                "grant",
                None,
                "500000",
                None,
                "500000",
                "",
                "",
                "承接省内高校、科研院所重大科技成果并在省内成功转化或购买省外高校、科研院所"
                "科技成果并在省内成功转化的企业",
                "省级应用技术研究与开发资金",
                "amount",
            ),
        ],
    ),
    "001 措施3 post-completion subsidy, a range": (
        "3.对自主研发产品被国家列入战略性创新产品和重点新产品目录的科技小巨人企业，通过省级"
        "应用技术研究与开发资金给予15－30万元后补助支持。",
        [
            R(
                "post_subsidy",
                "150000",
                "300000",
                None,
                None,
                "",
                "",
                "科技小巨人企业",
                "省级应用技术研究与开发资金",
                "amount",
            ),
        ],
    ),
    "001 措施4 per item": (
        "4.加大对产业技术创新联盟申报项目支持力度，对列入年度科技计划的联盟项目每项支持"
        "50－100万元。",
        [
            R(
                "grant",
                "500000",
                "1000000",
                None,
                None,
                "item",
                "",
                "联盟项目",
                "",
                "amount",
            ),
        ],
    ),
    "001 措施7 prize-linked project funding": (
        "对在中国创新创业（吉林赛区）大赛中获奖的企业或团队，给予30－40万元的科技项目资金支持。",
        [
            R(
                "grant",
                "300000",
                "400000",
                None,
                None,
                "",
                "",
                "企业或团队",
                "科技项目资金",
                "amount",
            ),
        ],
    ),
    "001 措施9 funded from 人才开发基金": (
        "围绕支撑地方经济社会发展，评选产生100个省级重大科技项目研发人才团队，按照人才团队"
        "承担的科技项目规模、实施周期、项目投入预算等因素确定资助等级，资助额度为50-500万元，"
        "支持资金主要从吉林省人才开发基金中列支。",
        [
            R(
                "grant",
                "500000",
                "5000000",
                None,
                None,
                "",
                "",
                "省级重大科技项目研发人才团队",
                "吉林省人才开发基金",
                "amount",
            ),
        ],
    ),
    "001 措施10 at least 70%, plus the tax deferral": (
        "允许高校和科研院所将职务发明成果在本省转化所获净收益（或成果形成股权、股权收益），以"
        "不低于70％的比例奖励给成果完成人（团队）和为科技成果转化作出重要贡献人员，奖励比例上"
        "不封顶，相关人员可在5年内分期缴纳个人所得税。",
        [
            R(
                "inventor_share",
                None,
                None,
                "70",
                None,
                "",
                "职务发明成果在本省转化所获净收益（或成果形成股权、股权收益）",
                "成果完成人（团队）和为科技成果转化作出重要贡献人员",
                "",
                "ratio",
            ),
            R(
                "tax_incentive",
                None,
                None,
                None,
                None,
                "",
                "",
                "成果完成人（团队）和为科技成果转化作出重要贡献人员",
                "",
                "mention:tax_deferral",
            ),
        ],
    ),
    "001 措施19 five patent subsidies and awards in one sentence": (
        "对获得当年国内发明授权的专利，每件一次性给予不高于5000元的补助，对获得当年国外发明"
        "授权的专利，每件一次性给予5万元的补助；对获得当年中国专利、中国外观设计金奖的项目，"
        "一次性给予不高于30万元的奖励；对获得当年中国专利、中国外观设计优秀奖的项目，每件一次性"
        "给予不高于10万元的奖励；对获得当年吉林省专利奖的项目，每件一次性给予5万元的奖励。",
        [
            R(
                "grant",
                None,
                "5000",
                None,
                "5000",
                "item_once",
                "",
                "获得当年国内发明授权的专利",
                "",
                "amount",
            ),
            R(
                "grant",
                "50000",
                "50000",
                None,
                None,
                "item_once",
                "",
                "获得当年国外发明授权的专利",
                "",
                "amount",
            ),
            R(
                "award",
                None,
                "300000",
                None,
                "300000",
                "once",
                "",
                "获得当年中国专利、中国外观设计金奖的项目",
                "",
                "amount",
            ),
            R(
                "award",
                None,
                "100000",
                None,
                "100000",
                "item_once",
                "",
                "获得当年中国专利、中国外观设计优秀奖的项目",
                "",
                "amount",
            ),
            R(
                "award",
                "50000",
                "50000",
                None,
                None,
                "item_once",
                "",
                "获得当年吉林省专利奖的项目",
                "",
                "amount",
            ),
        ],
    ),
    # ---- 002 -------------------------------------------------------------------
    "002 一、3. a credit line, then 四免三贴 (waivers and interest subsidies)": (
        "根据协议，银行对省科技厅立项支持的科技企业，给予额度最高 1000 万元的信用贷款；"
        "对省科技厅"
        "推荐的企业客户，实行“四免三贴”政策：小微企业免收评估、抵押登记、保险、公证费用；符合"
        "政策要求的企业享受创业担保贷款贴息、工会双创贷款贴息、涉农担保贷款贴息，努力打破科技"
        "企业融资瓶颈。",
        [
            R(
                "loan",
                None,
                "10000000",
                None,
                "10000000",
                "",
                "",
                "科技企业",
                "银行",
                "amount",
            ),
            R(
                "fee_waiver",
                None,
                None,
                None,
                None,
                "",
                "评估、抵押登记、保险、公证",
                "小微企业",
                "银行",
                "mention:fee_waiver",
            ),
            R(
                "interest_subsidy",
                None,
                None,
                None,
                None,
                "",
                "创业担保贷款贴息、工会双创贷款贴息、涉农担保贷款贴息",
                "符合政策要求的企业",
                "银行",
                "mention:interest_subsidy",
            ),
        ],
    ),
    "002 四、1. post-completion subsidy for incubators": (
        "依托省科技发展计划，对新认定及运营中的科技企业孵化器（众创空间）给予后补助支持，每年度"
        "组织开展考核评价工作，不断加强孵化器建设，提升服务能力。",
        [
            R(
                "post_subsidy",
                None,
                None,
                None,
                None,
                "",
                "",
                "科技企业孵化器（众创空间）",
                "省科技发展计划",
                "mention:post_subsidy",
            ),
        ],
    ),
    # ---- the same genre, not from the five texts ---------------------------------
    "district: one-off award": (
        "对新认定的国家级高新技术企业，一次性给予20万元奖励。",
        [
            R(
                "award",
                "200000",
                "200000",
                None,
                None,
                "once",
                "",
                "国家级高新技术企业",
                "",
                "amount",
            ),
        ],
    ),
    "district: ratio with a yearly cap in the next clause": (
        "按照研发投入的10%给予补助，单个企业每年最高不超过100万元。",
        [
            R(
                "grant",
                None,
                "1000000",
                "10",
                "1000000",
                "year",
                "研发投入",
                "",
                "",
                "ratio+cap",
            ),
        ],
    ),
    "district: interest subsidy as a share of the interest": (
        "对符合条件的科技型中小企业，给予贷款贴息，贴息比例不超过贷款利息的50%。",
        [
            R(
                "interest_subsidy",
                None,
                None,
                "50",
                None,
                "",
                "贷款利息",
                "科技型中小企业",
                "",
                "ratio",
            ),
        ],
    ),
    "district: two rules, the second without 的": (
        "对首次认定的科技企业孵化器，给予不超过50万元的一次性补助；对入驻企业按实际缴纳房租的"
        "50%给予房租补贴。",
        [
            R(
                "grant",
                None,
                "500000",
                None,
                "500000",
                "once",
                "",
                "科技企业孵化器",
                "",
                "amount",
            ),
            R(
                "grant",
                None,
                None,
                "50",
                None,
                "",
                "实际缴纳房租",
                "入驻企业",
                "",
                "ratio",
            ),
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_subsidy_rules(text, expected):
    assert rows(text) == expected


NOT_SUBSIDIES = [
    # targets
    "实现知识产权质押融资额达到50亿元以上，500家以上企业参投专利保险。",
    "到2020年，建设50个省级技术转移示范机构，全省技术合同交易额力争达到50亿元。",
    "推动医药健康产业到“十四五”末总经营规模达到3000亿元。",
    # reported figures (002, 004)
    "两支基金规模分别达到 8.8 亿元和 8 亿元，已累计投资省内项目 126 个，"
    "累计投入资金 13亿元。",
    "2021 年度，吉林银行、中国银行吉林分行累计支持科技企业 160 户，"
    "投放贷款 96.87 亿元。",
    "五是“科技成果+金融资本”模式，如国科创新孵化投资有限公司牵头组建科技成果转化基金，"
    "先后投入 1.375 亿元，股权注入长春中科长光时空光电技术有限公司。",
    "推动 68 项产学研合作项目，金额1.52 亿元。",
    "以此技术创立注册资本 1.4 亿博大东方集团吉林万泰环保科技有限公司。",
    # an eligibility condition (000 （四）): the percentages are not ratios of support
    "对全省规模以上企业Ｒ＆Ｄ经费投入占主营业务收入比重达到１％、一般企业Ｒ＆Ｄ经费投入占"
    "主营业务收入比重达到２％的科技项目予以重点支持。",
    # support without a scheme: no amount, no subsidy word
    "省级科技计划、工业发展专项资金等优先支持研发投入占比高、产品市场前景好、研发能力强的企业。",
    "推进科研项目经费后补助工作，鼓励和引导企业按照全省规划和市场需求先行投入开展研发项目。",
    "综合运用财政补助、贴息、风险投资、税收优惠等多种方式，有效利用市场机制。",
]


@pytest.mark.parametrize("text", NOT_SUBSIDIES)
def test_not_a_subsidy(text):
    assert extract_subsidies(norm(text)) == []


def test_offsets_cover_the_rule_and_its_sentence():
    text = norm("前文。对列入年度科技计划的联盟项目每项支持50－100万元。")
    (rule,) = extract_subsidies(text, offset=1000)
    assert text[rule.start - 1000 : rule.end - 1000] == "50-100万元"
    sentence = text[rule.sentence_start - 1000 : rule.sentence_end - 1000]
    assert sentence == "对列入年度科技计划的联盟项目每项支持50-100万元"


def test_ratio_cap_span_and_flags():
    text = norm(
        "通过省级科技创新专项资金给予其技术交易额１０％、最高不超过５０万元的支持。"
    )
    (rule,) = extract_subsidies(text)
    assert text[rule.start : rule.end] == "10%、最高不超过50万元"
    (rule,) = extract_subsidies("以不低于70%的比例奖励给成果完成人（团队）。")
    assert rule.flags == ["ratio_at_least"]
    (rule,) = extract_subsidies("给予贷款贴息，贴息比例不超过贷款利息的50%。")
    assert rule.flags == ["ratio_at_most"]


def test_named_banks_resolve_the_bare_bank():
    # 002: the lender of "银行对…" is named in the sentence before.
    text = norm(
        "与吉林银行、中国银行吉林分行签订战略合作协议。根据协议，银行对省科技厅立项支持的"
        "科技企业，给予额度最高 1000 万元的信用贷款。"
    )
    (rule,) = extract_subsidies(text)
    assert rule.funding_source == "吉林银行、中国银行吉林分行"


def test_kind_table():
    keys = [kind.key for kind in SUBSIDY_KINDS]
    assert len(keys) == len(set(keys))
    assert {"grant", "post_subsidy", "award", "inventor_share", "loan"} <= set(keys)
    assert all(KIND_LABELS[key] for key in keys)
