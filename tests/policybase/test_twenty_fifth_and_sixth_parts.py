"""The failure classes of the corpus's twenty-fifth and twenty-sixth held-out
parts (held-out-25, held-out-26), found after their first scoring, each
with the real text and, marked "style", text written in the same style with
other words and numbers."""

from decimal import Decimal

import pytest

from documents.parsing.headings import heading_of
from documents.parsing.normalise import normalise
from documents.parsing.pipeline import parse_text
from measures.extraction.subsidies import extract_subsidies
from targets.extraction import extract_quantity_facts

from .facts import facts

# --- structure and metadata -----------------------------------------------------


@pytest.mark.parametrize(
    "raw, title",
    [
        (  # 苏州 若干措施: a title over two lines, a blank line between, and its edition
            "苏州市进一步加快建设“人工智能+”城市的\n\n若干措施（2026年版）\n\n为进一步贯彻落实国家战略部署，制定本措施。\n"
            "一、支持高质量数据集建设\n给予奖励。\n",
            "苏州市进一步加快建设“人工智能+”城市的若干措施（2026年版）",
        ),
        (  # 国知局 工信部 通知 (a PDF): the date in brackets after the title, wrapped inside
            "国家知识产权局办公室工业和信息化部办公厅关于组织开\n展创新管理知识产权国际标准实施试点的通知（2023 年4 月28\n日）\n"
            "国知办发运字〔2023〕23 号\n各省知识产权管理部门：\n为贯彻规划，现就有关事项通知如下。\n",
            "国家知识产权局办公室工业和信息化部办公厅关于组织开展创新管理知识产权国际标准实施试点的通知",
        ),
        (  # 文成 若干意见 (a crawl): a mark before the title, the addressees run into it
            "文委发〔2018〕8号\n★中共文成县委文成县人民政府关于深化人才发展体制机制改革促进人才创新创业的若干意见"
            "各乡镇党委、政府，县机关各单位：\n为认真贯彻落实党的十九大精神，现提出如下意见。\n",
            "中共文成县委文成县人民政府关于深化人才发展体制机制改革促进人才创新创业的若干意见",
        ),
        # style: the same three, other titles
        ("某市加快建设数字经济创新高地\n\n实施方案（2025年版）\n\n为抢占发展制高点，制定本方案。\n一、总体目标\n加快发展。\n",
         "某市加快建设数字经济创新高地实施方案（2025年版）"),
        ("某省科学技术厅关于开展科技成果评价改革试点工作的通\n知（2024 年3 月5\n日）\n各市科技局：\n现就有关事项通知如下。\n",
         "某省科学技术厅关于开展科技成果评价改革试点工作的通知"),
        ("某政发〔2020〕3号\n☆某县人民政府关于加快科技创新的若干意见各乡镇人民政府，县政府各部门：\n为加快创新，现提出如下意见。\n",
         "某县人民政府关于加快科技创新的若干意见"),
    ],
)
def test_titles_wrapped_dated_marked_or_run_into_their_addressees(raw, title):
    assert parse_text(raw).meta.title == title


@pytest.mark.parametrize(
    "raw, joined",
    [
        # 海南 专利奖评奖办法 (a PDF): the amounts, then the support they are of
        ("第二十条对获得专利金奖、专利优秀奖的专利权人，分别给予15 万元、10 万元\n的奖励。获奖专利项目涉及多个权利人的，自行协商。\n",
         "分别给予15万元、10万元的奖励"),
        # style
        ("对新认定的省级孵化器，一次性给予50 万元\n的补助。\n", "给予50万元的补助"),
    ],
)
def test_a_break_between_an_amount_and_the_support_it_is_of_goes_on(raw, joined):
    assert joined in normalise(raw).text


@pytest.mark.parametrize(
    "body",
    [
        # 临海 若干意见's 附件: an item of a list sentence
        "地方经济发展贡献企业部分仅指增值税、企业所得税、契税地方所得部分；",
        # style
        "本意见所称规上企业，是指年主营业务收入2000万元以上的工业企业；",
    ],
)
def test_an_item_of_a_list_sentence_has_no_title(body):
    assert heading_of(body, "line") == ("", False)


# --- targets and figures ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, goals",
    [
        # 苏州 行动方案: a total under a future year is a goal
        ("到2026年底，新增关键核心技术攻关50项，累计人工智能领域高价值专利超过13000项。",
         [("target", 50, "项"), ("target", 13000, "项")]),
        ("到2026年底，实现生成式人工智能服务、深度合成服务算法国家备案数累计突破120个。", [("target", 120, "个")]),
        # 安徽 行动方案: a doubling and a bare ten thousand
        ("到2030年，全省十大重点方向全面突破，应用主体数量翻一番，应用落地超万个。", [("target", 2, "倍"), ("target", 10000, "个")]),
        # style
        ("到2027年，累计培育专精特新企业800家。", [("target", 800, "家")]),
        ("到2028年，全市数字经济核心产业增加值翻两番，数字化车间超千个。", [("target", 4, "倍"), ("target", 1000, "个")]),
    ],
)
def test_totals_doublings_and_bare_powers_under_a_future_year_are_goals(sentence, goals):
    assert [(k, int(v), u) for k, v, u in facts(sentence, year=2025)] == goals


def test_a_total_reported_stays_a_figure():
    assert facts("截至2024年底，累计建成孵化器30家。", year=2025) == [("figure", Decimal("30"), "家")]


@pytest.mark.parametrize(
    "sentence",
    [
        # 海南 专利奖评奖办法: criteria and their weights, nomination quotas
        "专利质量（25%）。",
        "运用及保护措施和成效（35%）。",
        "国家知识产权示范高校每年可自荐2个项目参评。",
        "每位院士每年只能推荐1项。",
        # 临海 若干意见: bounds in brackets, a threshold before a support
        "属于非全资子公司的，母公司或其股东的全部持股比例达到子公司50%（不含）以上的，可纳入统计合并范围。",
        "资本关联企业，相同的股东在多家企业中均持有50%（不含）以上股份的，这些企业可合并统计税收；",
        "融资性担保公司为我市小微企业提供融资担保年月均余额达到8000万元及以上，每年补助5万元；",
        # 廊坊 创新券实施细则: what a voucher holder must pass
        "科技创新券首次申领额度不超过5万元，申领额度使用超过50%后可再次申领。",
        "有效期内创新券使用额度低于申领额度30%（不含30%）的企业或创新创业团队，次年将不能再次申领创新券。",
        # 文成 若干意见: tiers and yearly sums handed out under a rule
        "毕业五年内到我县企业就业的博士研究生、全日制硕士研究生、全日制本科大学生，分别发放6万元、3万元、1万元就业补贴，分3年发放。",
        "A类人才每年发放7万元存入个人账户，累计不超过140万元；",
        # style
        "创新能力（40%）。",
        "每个设区市每年可推荐3个项目。",
        "持股比例达到40%（含）以上的，视为关联企业。",
        "孵化面积达到5000平方米及以上，每年补助10万元；",
        "服务券使用超过60%后方可再次申领。",
        "对新引进的博士、硕士，分别发放5万元、2万元生活补贴。",
        "B类人才每月发放3000元生活津贴。",
    ],
)
def test_weights_quotas_bounds_and_rules_handed_out_are_no_goals(sentence):
    assert facts(sentence, year=2023) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # 集成电路布图设计行政执法办法: a panel formed in a step of a procedure
        "行政执法委员会应当及时立案，同时，应指定3名或3名以上单数承办人员组成合议组处理该侵权纠纷。",
        # style
        "受理后应当指定5名以上委员组成评审组进行审查。",
    ],
)
def test_a_panel_a_procedure_forms_is_no_goal(sentence):
    targets, figures = extract_quantity_facts(sentence, doc_year=2001, doc_type="办法")
    assert targets == figures == []


# --- subsidy rules -----------------------------------------------------------------


def rules(sentence):
    return [(r.kind, r.amount_max, r.ratio_percent, r.cap, r.per) for r in extract_subsidies(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 文成 若干意见: an allowance is an award
        ("对从事专业工作的正高级专业技术人才每年给予2万元津贴。", [("award", Decimal("20000"), None, None, "year")]),
        # 廊坊 创新券实施细则: a voucher is support
        ("科技创新券首次申领额度不超过5万元。", [("grant", Decimal("50000"), None, Decimal("50000"), "")]),
        # 临海 若干意见: the whole of a contribution given as support
        ("按企业对地方经济发展贡献全额给予补助。", [("grant", None, Decimal("100"), None, "")]),
        # style
        ("对首席技师每年给予1万元岗位津贴。", [("award", Decimal("10000"), None, None, "year")]),
        ("算力券每家企业申领额度不超过30万元。", [("grant", Decimal("300000"), None, Decimal("300000"), "item")]),
        ("对新认定的企业，按其当年地方贡献全额给予奖补。", [("grant", None, Decimal("100"), None, "")]),
    ],
)
def test_allowances_vouchers_and_the_whole_as_support(sentence, expected):
    assert rules(sentence) == expected


@pytest.mark.parametrize(
    "sentence, amounts",
    [
        # 临海 若干意见: amounts per item listed after the clause naming the award
        ("自专利授权之日起一年内可申报专利授权奖励，国内发明专利每件2.5万元、实用新型专利每件1000元、外观设计专利每件500元；",
         [Decimal("25000"), Decimal("1000"), Decimal("500")]),
        # style
        ("经认定后可申请标准制定补助，主导制定国际标准每项50万元、国家标准每项30万元；", [Decimal("500000"), Decimal("300000")]),
    ],
)
def test_amounts_per_item_after_the_support_they_are_of(sentence, amounts):
    found = extract_subsidies(sentence)
    assert [r.amount_max for r in found] == amounts
    assert {r.per for r in found} == {"item"}
