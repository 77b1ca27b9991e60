"""The failure classes of the corpus's seventeenth held-out part (held-out-17),
each with the real sentence and, marked "style", one written in the same
style with other numbers.

Two of its texts (深圳 坪山's 实施细则) are copies converted from PDFs: their
lines break where the page did, and their dashes may print as 一.
"""

from datetime import date
from decimal import Decimal

import pytest

from documents.extraction.quantities import find_quantities
from documents.parsing import lines
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_text
from measures.extraction.subsidies import extract_subsidies
from targets.extraction.facts import sets_goals_ahead

from .facts import facts


def D(value):
    return None if value is None else Decimal(value)


def rules(text):
    """(amount_min, amount_max, ratio_percent, cap) of each rule, in yuan."""
    return [(s.amount_min, s.amount_max, s.ratio_percent, s.cap) for s in extract_subsidies(text)]


# -- lines that stop at a comma go on ---------------------------------------------


@pytest.mark.parametrize(
    "raw, paragraph",
    [
        (  # 坪山 产业发展实施细则 第十一条 (a line per printed line of the PDF)
            "第十一条【产值增长奖励】\n1.年产值2000万元以上，1亿元以下，上年度增长30%以上，\n"
            "按增长部分的0.5%，给予最高50万元奖励。\n2.年产值1亿元以上。",
            "1.年产值2000万元以上，1亿元以下，上年度增长30%以上，按增长部分的0.5%，"
            "给予最高50万元奖励。",
        ),
        (  # style
            "第五条【奖励】\n对年纳税额500万元以上、\n增长20%以上的企业，给予10万元奖励。\n第六条 附则。",
            "对年纳税额500万元以上、增长20%以上的企业，给予10万元奖励。",
        ),
    ],
)
def test_a_line_that_stops_at_a_comma_goes_on(raw, paragraph):
    assert paragraph in normalise(raw).text.split("\n")


# -- sums -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # 坪山 第五条（二）: the unit written once, at the end of the list
            "按实际经营面积（500-2000平方米、2000-1万平方米、1万-2万平方米、2万平方米以上）"
            "分别给予10万、20万、30万、50万元资助。",
            [(D(v), D(v), None, None) for v in (100000, 200000, 300000, 500000)],
        ),
        (  # 坪山 第二十三条（六）
            "按照1、2、3级证书级别，分别给予5万、3万、1万元奖励。",
            [(D(v), D(v), None, None) for v in (50000, 30000, 10000)],
        ),
        (  # style
            "按认定等级分别给予8、6、4万元奖励。",
            [(D(v), D(v), None, None) for v in (80000, 60000, 40000)],
        ),
        (  # 坪山 第十七条: 万 without 元 before the support
            "对成功在证券交易所上市的，给予一次性300万资助。",
            [(D(3000000), D(3000000), None, None)],
        ),
        ("对新获批的国家级孵化器，给予一次性80万奖励。", [(D(800000), D(800000), None, None)]),
    ],
)
def test_a_sum_takes_the_unit_written_once(sentence, expected):
    assert rules(sentence) == expected


@pytest.mark.parametrize(
    "text, read",
    [
        ("2000-1万平方米", (Decimal("0.2"), Decimal(1), "万平方米")),
        ("1万-2万平方米", (Decimal(1), Decimal(2), "万平方米")),
        ("投资500-3万元", (Decimal("0.05"), Decimal(3), "万元")),  # style
    ],
)
def test_a_range_whose_low_end_is_written_plain(text, read):
    (q,) = [q for q in find_quantities(text) if q.unit]
    assert (q.value, q.value_max, q.unit) == read


# -- rates and their ceilings -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # 坪山 第二十条（二）: a ratio written with a colon is no clause end
            "对经认定的国家级、省级、市级工业设计中心，按市级资助额度1：1比例，给予最高500万元配套资助。",
            [(None, D(5000000), D(100), D(5000000))],
        ),
        (  # style
            "对获批的省级创新平台，按省级资助额度1:0.5比例，给予最高200万元配套支持。",
            [(None, D(2000000), D(50), D(2000000))],
        ),
        (  # 坪山 第二十八条（三）: losses borne for a lender
            "按实际发生损失额的20%，给予单个基金或风险投资机构最高50万元风险代偿。",
            [(None, D(500000), D(20), D(500000))],
        ),
        (  # style
            "按贷款本金损失的40%，给予合作银行最高300万元风险补偿。",
            [(None, D(3000000), D(40), D(3000000))],
        ),
        (  # 坪山 第八条（三）: a rate per square metre, its ceiling, its instalments
            "总部企业在坪山区新购置办公用房的，按3000元/平方米的标准，分三年给予最高1000万元资助"
            "（第一、二年各拨付30%，第三年拨付40%）。",
            [(D(3000), D(3000), None, D(10000000))],
        ),
        (  # style
            "新购置研发用房的，按800元/平方米的标准，分两年给予最高200万元补贴（第一年拨付60%，第二年拨付40%）。",
            [(D(800), D(800), None, D(2000000))],
        ),
    ],
)
def test_a_rate_keeps_its_ceiling(sentence, expected):
    assert rules(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # 坪山 第十九条（四）: what a firm obtains in all caps each rule before it
            "对坪山区企业原创设计作品获IF金奖、\"红点之星\"奖和\"红点至尊\"奖，每项奖励25万元；"
            "获国家级工业设计奖、省长杯工业设计奖，每项奖励10万元；获红点奖和IF奖的其它奖项、IDEA奖、"
            "GMark奖，每项奖励5万元。同一企业每年度获得资助总额最高100万元。",
            [(D(v), D(v), None, D(1000000)) for v in (250000, 100000, 50000)],
        ),
        (  # style
            "获得省级金奖的，每项奖励8万元；获得银奖的，每项奖励4万元。同一企业每年度获得奖励总额最高20万元。",
            [(D(v), D(v), None, D(200000)) for v in (80000, 40000)],
        ),
    ],
)
def test_a_yearly_total_obtained_caps_the_rules_before_it(sentence, expected):
    assert rules(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # 坪山 用房细则 第十条: what the applicant must contribute
        "【服务业企业】租赁创新型产业用房的服务业企业，申请资助应符合按建筑面积计算上年度税收贡献不低于2000元/m2。",
        "申请补贴的企业应符合按建筑面积计算上年度营业收入贡献不低于5000元/m2。",  # style
        # 坪山 第二十条: the shares of two funders added up
        "已获市级资助的，市、区资助比例合计最高不超过100%。",
        "已获省级支持的，省、市支持比例合计最高不超过80%。",  # style
    ],
)
def test_conditions_and_combined_shares_are_no_rules(sentence):
    assert rules(sentence) == []


@pytest.mark.parametrize(
    "sentence, ratio",
    [
        # 坪山 用房细则 第二十五条: a dash printed as 一
        ("创新型产业用房租赁企业资助额度应为同片区、同档次产业用房市场评估价格的30%一70%。", D(30)),
        ("租金补贴为市场指导价的20%一50%。", D(20)),  # style
    ],
)
def test_a_dash_printed_as_yi_joins_a_range(sentence, ratio):
    assert [r[2] for r in rules(sentence)] == [ratio]


# -- targets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # 坪山 第六条（三）: what a firm must reach, and what it may apply for
        "对新设立或新迁入的企业，第一个会计年度纳税（含国税、地税）达到300万元、500万元和1000万元，"
        "分别可以申请2套、5套和10套政策性住房。",
        # style
        "对新引进的研发机构，年度研发投入达到2000万元以上，可申请3套人才公寓。",
    ],
)
def test_what_a_party_must_reach_and_may_apply_for_is_no_goal(sentence):
    assert facts(sentence, year=2017) == []


def test_what_a_rule_is_about_stays_counted():
    # held-out-3: the projects a letter speaks of are counted, not reached
    sentence = "对你省近期上报的45个食品加工业项目，发展改革委正按程序抓紧组织研究，并将根据评审情况继续予以支持。"
    assert facts(sentence, year=2017) == [("figure", Decimal(45), "个")]


@pytest.mark.parametrize(
    "heading, row",
    [
        # 坪山 用房细则 附件: the weights of a support's standards
        (
            "深圳市坪山区创新型产业用房租金资助标准",
            "同片区同档次产业用房市场评估价格 B.年产值或营业收入（万元） 1000≤B<2000 B2=5%",
        ),
        ("某区人才住房租赁补贴标准", "市场租金 C.学历 博士 C1=20%"),  # style
    ],
)
def test_the_grades_of_a_support_standard_are_no_goals(heading, row):
    assert facts(row, year=2017, section_heading=heading) == []


@pytest.mark.parametrize(
    "text",
    [
        # 山东 "现代优势产业集群+人工智能" opinions, a copy without its title
        "争取到2022年，…。到2025年，…。\n重点打造1家以上产业互联网综合服务平台，培育10家以上跨行业跨领域产业互联网平台。",
        "到2024年，…。\n建设50个以上工业互联网示范工厂，推广20项以上典型应用场景。",  # style
    ],
)
def test_an_untitled_text_that_sets_goals_ahead_sets_them_everywhere(text):
    body = text.split("\n")[1]
    assert sets_goals_ahead(text, 2019)
    assert {kind for kind, _, _ in facts(body, year=2017, doc_type="", sets_goals=True)} == {"target"}
    assert {kind for kind, _, _ in facts(body, year=2017, doc_type="")} == {"figure"}


def test_goals_for_past_years_set_nothing_ahead():
    assert not sets_goals_ahead("到2015年，建成10个示范区。", 2019)


# -- structure and metadata ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, when",
    [
        ("第三十四条本实施细则自2017年9月1日实施，有效期至 2020年12月31日。", date(2017, 9, 1)),
        ("本办法自2021年3月15日施行。", date(2021, 3, 15)),  # style
    ],
)
def test_the_date_a_text_takes_effect_without_qi(sentence, when):
    assert lines.effective_date(sentence)[0] == when


@pytest.mark.parametrize(
    "raw",
    [
        # 坪山 用房细则: no signature; the 附件 after the last article
        "深圳市坪山区创新型产业用房管理实施细则\n第一章总则\n第一条 为规范管理，制定本细则。\n"
        "第八章附则\n第三十五条 本细则自2017年9月1日起施行。\n"
        "附件：深圳市坪山区创新型产业用房租金资助标准\n序号\t资助基准\t权重系数\n1\t市场评估价格\tA=30%",
        # style
        "某市科技企业孵化器管理办法\n第一条 为加强管理，制定本办法。\n第二十条 本办法自发布之日起施行。\n"
        "附件：孵化器绩效评价指标\n序号\t指标\t分值\n1\t在孵企业数量\t20",
    ],
)
def test_an_attachment_after_the_article_that_puts_a_text_in_force(raw):
    roots = parse_text(raw).provisions
    assert roots[-1].kind == "attachment"
    assert roots[-1].heading.endswith(("资助标准", "评价指标"))
