"""find_quantities on the real sentences (normalised as the normaliser will)."""

from decimal import Decimal

import pytest

from documents.extraction.quantities import find_quantities, to_yuan
from tests.targets.corpus import normalise


def amounts(text):
    return [
        (q.text, str(q.value), q.value_max and str(q.value_max), q.unit, q.comparator)
        for q in find_quantities(normalise(text))
        if q.kind == "amount"
    ]


def kinds(text):
    return [(q.text, q.kind) for q in find_quantities(normalise(text))]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # 002 一.1: stray spaces inside numbers
            "两支基金规模分别达到 8.8 亿元和 8 亿元，已累计投资省内项目 126 个，"
            "累计投入资金 13亿元。",
            [
                ("8.8亿元", "8.8", None, "亿元", "="),
                ("8亿元", "8", None, "亿元", "="),
                ("126个", "126", None, "个", "="),
                ("13亿元", "13", None, "亿元", "="),
            ],
        ),
        (  # 002 四.2: 万/千 multipliers on counts, 余 and 近
            "平台资源信息库吸纳专家近 5 千名，入库各类科技成果 2.6 万余项，企业需求 1.5 万余项。",
            [
                ("近5千名", "5000", None, "名", "~"),
                ("2.6万余项", "26000", None, "项", ">"),
                ("1.5万余项", "15000", None, "项", ">"),
            ],
        ),
        (  # 004 第一章第一节
            "专利申请累计达到１３万件以上，专利授权达到７万件以上。",
            [
                ("13万件以上", "130000", None, "件", ">="),
                ("7万件以上", "70000", None, "件", ">="),
            ],
        ),
        (  # 001 措施3 and 4: ranges, currency kept as written
            "给予１５－３０万元后补助支持。对列入年度科技计划的联盟项目每项支持50－100万元。",
            [
                ("15-30万元", "15", "30", "万元", "="),
                ("50-100万元", "50", "100", "万元", "="),
            ],
        ),
        (  # 001 措施9
            "资助额度为50-500万元",
            [("50-500万元", "50", "500", "万元", "=")],
        ),
        (  # 002 四.2: a Chinese fraction with 近
            "高校、科研院所设立技术转移示范机构占比近三分之一。",
            [("近三分之一", "33.33", None, "%", "~")],
        ),
        (  # 003 四(三): the full-width slash
            "推动全省有创新活动的企业达到企业总数的1／3；",
            [("1/3", "33.33", None, "%", "=")],
        ),
        (  # 003 四(二): a word quantity
            "实现 “十二五”科技行动计划任务目标完成过半；",
            [("过半", "50", None, "%", ">")],
        ),
        (  # 000 (二)
            "全省Ｒ＆Ｄ（创新与开发）经费投入占ＧＤＰ的比重达到２％左右，"
            "企业研发投入占全社会研发投入的比重达到７０％以上；",
            [("2%左右", "2", None, "%", "~"), ("70%以上", "70", None, "%", ">=")],
        ),
        (  # 004 第一章第一节: Chinese 百 with 余
            "中直机构和百余所省属高校院所、近２５００户高新技术企业构筑了",
            [("百余所", "100", None, "所", ">"), ("近2500户", "2500", None, "户", "~")],
        ),
        (  # 001 一(二): 10个左右, 100名左右
            "新增认定10个左右省级中试中心。每年培训100名左右技术经纪人。",
            [
                ("10个左右", "10", None, "个", "~"),
                ("100名左右", "100", None, "名", "~"),
            ],
        ),
        (  # 002 一.3 and 001 措施19: 最高 / 不高于 / 不低于
            "给予额度最高 1000 万元的信用贷款；每件一次性给予不高于5000元的补助；"
            "以不低于70％的比例奖励给成果完成人",
            [
                ("最高1000万元", "1000", None, "万元", "<="),
                ("不高于5000元", "5000", None, "元", "<="),
                ("不低于70%", "70", None, "%", ">="),
            ],
        ),
        (  # 002 四: 不少于
            "推动不少于 1000 项科技成果落地转化",
            [("不少于1000项", "1000", None, "项", ">=")],
        ),
        (  # 004 table cell
            "＞２００",
            [],  # a bare number: kind "bare", not "amount"
        ),
        (  # 002 三: 亿 without 元 is money
            "创立注册资本 1.4 亿博大东方集团吉林万泰环保科技有限公司",
            [("1.4亿", "1.4", None, "亿元", "=")],
        ),
        (  # 004: a multiple
            "是 “十二五”期间的１２９倍。",
            [("129倍", "129", None, "倍", "=")],
        ),
        (  # 002 二.3: 部门 counts departments
            "省国资委 8 部门出台",
            [("8部门", "8", None, "部门", "=")],
        ),
    ],
)
def test_amounts(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # 001: document numbers
            "（国办发〔2016〕28号）和《…》（吉发〔2016〕26号）要求",
            [("〔2016〕28号", "doc_number"), ("〔2016〕26号", "doc_number")],
        ),
        (  # 002 title and number
            "对省政协十二届五次会议第 201号委员提案的答复 吉科发办〔2022〕109号",
            [("第201号", "doc_number"), ("〔2022〕109号", "doc_number")],
        ),
        (  # 001 and 003: dates
            "2016年10月31日 二○一一年六月七日",
            [("2016年10月31日", "date"), ("二〇一一年六月七日", "date")],
        ),
        (  # 004: ranks and a rank change
            "在全国排名上升９位。《自然指数－科研城市 ２０２１》中长春市位列全球科研城市第３７位",
            [("9位", "rank_change"), ("2021", "year"), ("第37位", "rank")],
        ),
        (  # 004: an ordinal
            "成为全国第７个国家级示范区",
            [("第7个", "ordinal")],
        ),
        (  # 001 措施8, 003: durations that are conditions or time frames
            "允许3年内保留原职务级别。利用3年时间，培养和引进100名",
            [("3年", "duration"), ("3年", "duration"), ("100名", "amount")],
        ),
        (  # 004 第一章第四节: the 51533 strategy
            "重点实施５１５３ ３战略：实施１１＋１个创新工程。在１１项创新工程基础上",
            [("51533", "bare"), ("11", "name"), ("1个", "name"), ("11项", "name")],
        ),
        (  # 004: a programme name in quotes, its count outside
            "国家高等学校学科创新引智基地 （“１１１”基地）１８家",
            [("111", "name"), ("18家", "amount")],
        ),
        (  # 003 五(六): programme names
            "列入吉林省100户企业上市培育工程和300户中小企业融资服务工程",
            [("100户", "name"), ("300户", "name")],
        ),
        (  # 004: product names
            "智景－车路协同 （Ｖ２Ｘ）３Ｄ场景数字孪生",
            [("2", "name"), ("3", "name")],
        ),
        (  # years, in titles too
            "入选２０１８年全国科技创新百强县。《国家中长期科学技术发展纲要2006-2020》",
            [("2018年", "year"), ("2006-2020", "year")],
        ),
        (  # labels
            "1.为促进吉林省科技创新发展",
            [("1", "label")],
        ),
        (  # 004 专栏1: an item number before its title
            "１汽车产业技术。重点突破智能网联",
            [("1", "label")],
        ),
        (  # 000 (十): Chinese "一" + classifier is the article
            "要把培训作为促进科技中介机构发展的一项基础性工作",
            [("一项", "article")],
        ),
    ],
)
def test_numbers_that_are_not_amounts_are_typed(sentence, expected):
    assert kinds(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "“地壳一号”万米大陆科学钻探装备",  # a bare power is a word
        "每万人口高价值发明专利拥有量",
        "万名从业人员中的研发人员数",
        "实施百名创新人才培育工程",
        "集成创新综合体要实现十大功能，具体包括：一是产业技术发展研究功能。",
        "党的十八届三中全会和省委十届三次全会精神",
        "千万头肉牛工程",
        "启动科技成果转化“双千工程”",
        "我省 “一主六双”高质量发展战略",
        "实行“四免三贴”政策",
        "科技服务走进千家万户",  # no verb of doing before the bare power
    ],
)
def test_words_with_numerals_are_not_quantities(sentence):
    assert find_quantities(normalise(sentence)) == []


def test_offsets_point_into_the_text():
    text = normalise("２０２０年，全省技术转移示范机构促成技术转移项目 3631 项。")
    q = [q for q in find_quantities(text) if q.kind == "amount"][0]
    assert text[q.start : q.end] == "3631项"
    assert text[q.number_start : q.number_end] == q.number_text == "3631"


def test_aspiration_is_read_in_the_clause():
    # 001 一(二): only the 50亿元 is 力争.
    text = normalise(
        "全省技术合同交易额力争达到50亿元，高技术产业增加值占工业增加值比重达到25％以上。"
    )
    assert [q.aspirational for q in find_quantities(text)] == [True, False]


def test_multiplier_is_reported():
    (q,) = find_quantities(normalise("入库各类科技成果 2.6 万余项"))
    assert (q.multiplier, q.number_text) == (10000, "2.6")


@pytest.mark.parametrize(
    "value, unit, yuan",
    [("15", "万元", "150000"), ("8.8", "亿元", "880000000"), ("5000", "元", "5000")],
)
def test_to_yuan(value, unit, yuan):
    assert to_yuan(Decimal(value), unit) == Decimal(yuan)


def test_to_yuan_refuses_other_units():
    with pytest.raises(ValueError):
        to_yuan(Decimal(1), "个")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # held-out jl-liuhe 第19条: 第 holds for every article of its list
        ("项目固定资产投资奖励按第2、3条执行；", [("第2", "ordinal"), ("3条", "ordinal")]),
        # style
        ("有关奖励按第5、6和8条规定执行", [("第5", "ordinal"), ("6", "ordinal"), ("8条", "ordinal")]),
        ("依照第十二至十四条的规定", [("十四条", "ordinal")]),
    ],
)
def test_the_numbers_of_a_list_opened_by_di_are_ordinals(sentence, expected):
    assert kinds(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # held-out jl-liuhe 第8条: 及以上 includes the bound, as 以上 does
        ("年销售额在1亿元及以上的", [("1亿元及以上", "1", None, "亿元", ">=")]),
        # style
        ("单台设备价格在50万元及以下的", [("50万元及以下", "50", None, "万元", "<=")]),
    ],
)
def test_ji_yishang_is_a_comparator(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # held-out-2 ah 行动计划: a bare 亿 after a count noun counts
        ("实现标识注册总量突破5亿。", [("5亿", "500000000", None, "个", "=")]),
        # style
        ("工业APP下载数量达到2亿", [("2亿", "200000000", None, "个", "=")]),
        # bundled 002: after anything else a bare 亿 is money
        ("创立注册资本1.4亿博大生物", [("1.4亿", "1.4", None, "亿元", "=")]),
    ],
)
def test_a_bare_yi_after_a_count_noun_is_a_count(sentence, expected):
    assert amounts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # held-out-2 transport plan: a place written without a unit
        ("新能源汽车市场规模世界第一，最大直径盾构机顺利始发", [("第一", "rank")]),
        # style
        ("技术合同成交额居全国第三。", [("第三", "rank")]),
        # an echelon is no place
        ("5G基站建设水平处于全国第一方阵。", []),
    ],
)
def test_a_place_in_its_scope_is_a_rank(sentence, expected):
    assert [k for k in kinds(sentence) if k[1] == "rank"] == expected
