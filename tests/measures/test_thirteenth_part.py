"""The failure classes of the matcher's thirteenth and fourteenth held-out
parts (held-out-13, held-out-14), each scored once before any of them was
written; each with the real clause or profile and one written in the same
style with other places, numbers and words."""

from datetime import date

import pytest

from documents.ingest import lead_ins_of
from measures.extraction.eligibility import read_scope
from measures.extraction.eligibility.patents import (
    dated_terms,
    read_patents,
    weigh_dated,
)
from measures.extraction.profiles import from_fields
from tests.measures.test_eligibility import keys, read

# bj-regulation-st-achievement-transfer-2019 第十二条: the list is introduced by
# the article's third paragraph, not by its first
BJ_ARTICLE = [
    ("a12", None, "article",
     "科技成果完成单位持有的职务科技成果转化后，应当由单位对完成、转化该项科技成果做出重要贡献的人员给予奖励和报酬。"),
    ("a12.p1", "a12", "paragraph",
     "单位可以依法规定或者与科技人员约定奖励和报酬的方式、数额和时限。"),
    ("a12.p2", "a12", "paragraph",
     "政府设立的研发机构、高等院校可以按照下列标准对完成、转化该项科技成果做出重要贡献的人员给予奖励和报酬："),
    ("a12.n1", "a12", "item", "（一）将职务科技成果转让、许可给他人实施的，从该项科技成果转让净收入或者许可净收入中提取不低于百分之七十的比例；"),
    ("a12.n2", "a12", "item", "（二）利用职务科技成果作价投资的，从该项科技成果形成的股份或者出资比例中提取不低于百分之七十的比例；"),
]


def test_the_lead_in_of_a_list_is_the_paragraph_before_it():
    leads = lead_ins_of(BJ_ARTICLE)
    assert leads["a12.n1"] == leads["a12.n2"] == BJ_ARTICLE[2][3]


@pytest.mark.parametrize(
    ("lead_in", "units"),
    [
        # Beijing: a 研发机构 that rewards its people is a 研究开发机构
        (BJ_ARTICLE[2][3], ["research_institutes", "universities"]),
        # style
        ("市属高校、科研院所可以按照下列标准对完成、转化职务科技成果做出重要贡献的人员给予奖励：",
         ["universities", "research_institutes"]),
    ],
)
def test_the_units_that_reward_their_people(lead_in, units):
    found = read(BJ_ARTICLE[3][3], "百分之七十", lead_in=lead_in, others=[])
    assert sorted(keys(found, "unit")) == sorted(units)


@pytest.mark.parametrize(
    ("text", "units", "also"),
    [
        # Beijing 第四十四条
        ("第四十四条 本条例有关研发机构、高等院校的规定，适用于政府设立的医疗卫生机构。",
         ["rd_institutions", "universities"], ["medical_institutions"]),
        # style
        ("第三十条 本办法关于高等院校的规定，同样适用于新型研发机构。", ["universities"], ["new_rd_institutions"]),
    ],
)
def test_a_text_that_extends_its_rules_to_other_units(text, units, also):
    scope = read_scope("某条例", "", text)
    for unit in units:
        assert [t.key for t in scope.extended[unit]] == also


def test_an_extended_unit_is_a_unit_of_the_rule():
    scope = read_scope("北京市促进科技成果转化条例", "北京市人民代表大会常务委员会",
                       "第四十四条 本条例有关研发机构、高等院校的规定，适用于政府设立的医疗卫生机构。")
    found = read(BJ_ARTICLE[3][3], "百分之七十", lead_in=BJ_ARTICLE[2][3], others=[], scope=scope)
    assert "medical_institutions" in keys(found, "unit")


@pytest.mark.parametrize(
    ("fields", "sectors", "carried_out"),
    [
        # held-out-13: a project's kind in the form's event, and in its details
        ({"group": ["企业"], "region": ["吉林省通化市柳河县"], "event": ["重点产业新上现代服务业类项目"],
          "detail": ["项目类型:医药冷链物流配送中心（现代服务业，非房地产）"]}, ["modern_services"], ""),
        # held-out-13: where a result is put into a firm
        ({"group": ["科研团队"], "region": ["吉林省四平市"], "event": ["职务科技成果作价投资"],
          "detail": ["作价投资企业所在地:辽宁省沈阳市（省外）"]}, [], "辽宁省/沈阳市"),
        # style
        ({"group": ["企业"], "region": ["吉林省通化市柳河县"], "event": ["新上工业类项目"]}, ["industrial"], ""),
        # what an event is about is no sector of the applicant's (held-out-7)
        ({"group": ["企业"], "region": ["上海市徐汇区"], "event": ["采购人工智能大模型产品和服务"]}, [], ""),
    ],
)
def test_what_a_forms_event_and_details_say(fields, sectors, carried_out):
    profile = from_fields(fields)
    assert profile.sectors == sectors
    assert profile.carried_out == carried_out


@pytest.mark.parametrize(
    ("clause", "line", "as_of", "verdict"),
    [
        # 001 措施: a grant of the year asked about
        ("对获得当年国内发明授权的专利，每件一次性给予不高于5000元的补助",
         "我是吉林市的一名退休工程师，以个人名义申请的一项发明专利（2014年授权的）今年获得了吉林省专利奖",
         date(2016, 11, 20), "failed"),
        ("对获得当年国内发明授权的专利，每件一次性给予不高于5000元的补助",
         "长春一家企业，今年3月一项发明专利获得授权", date(2017, 8, 1), "met"),
        # style
        ("对当年获得授权的发明专利，每件资助3000元", "一件发明专利去年获得授权", date(2021, 5, 1), "failed"),
        ("对当年获得授权的发明专利，每件资助3000元", "一件发明专利获得授权", date(2021, 5, 1), "unknown"),
    ],
)
def test_a_grant_of_the_year_asked_about(clause, line, as_of, verdict):
    amount = clause.index("每件")
    terms = dated_terms(clause, amount, [0], {"patent_invention"})
    assert [(t.key, t.comparator) for t in terms] == [("granted", "this_year")]
    patents = read_patents({}, line, as_of)
    assert weigh_dated(terms[0].as_dict(), {"patent_invention"}, patents) == verdict


# -- the fourteenth part's classes (held-out-14, scored once before them) ------------


@pytest.mark.parametrize(
    ("text", "groups", "events", "sectors", "numbers"),
    [
        # amounts as people say them, and selling as people say it
        ("柳河这边一家医药公司，今年在县里新建了600亩道地药材种植基地，另外引进的一个二类新药一年也就卖3000来万",
         ["enterprises"], ["new_product", "planting_base"], ["medicine"],
         {"site_area": 600, "sales": 30_000_000}),
        # style
        ("通化一家医药企业，去年营收8000多万", ["enterprises"], [], ["medicine"], {"sales": 80_000_000}),
        # buying a model's service is the buyer's event, and the model's sector is not the buyer's
        ("徐汇一家低空经济公司，主要给龙华那边的起降点做运营管理和保障；今年还买了一家没关联关系的公司的大模型服务",
         ["enterprises"], ["llm_procurement"], ["low_altitude"], {}),
        # a line in the first person that names no kind of person is a person's; an
        # aside between a patent and its grant is part of the clause
        ("我在东莞上班，社保连续交了两年多，户口不在东莞。16年8月网上提交的发明专利（填的东莞住址，没办费用减缓）"
         "今年5月授权公告了", ["individuals"], ["patent_invention"], [], {}),
        # style
        ("本人在佛山工作，一项发明专利（个人申请的）今年3月授权了", ["individuals"], ["patent_invention"], [], {}),
    ],
)
def test_lines_of_the_fourteenth_part(text, groups, events, sectors, numbers):
    from measures.extraction.profiles import from_text

    profile = from_text(text)
    assert (profile.groups, profile.events, profile.sectors) == (groups, events, sectors)
    assert {k: int(v) for k, v in profile.numbers.items()} == numbers


@pytest.mark.parametrize(
    ("text", "amount", "thresholds"),
    [
        # jl-liuhe 第17条: the end of a condition's one range is its ceiling
        ("对医药企业投资新建GAP中药材种植基地和道地药材种植基地面积在100亩及以上至500亩的，给予企业100元/亩奖励",
         "100元/亩", [(">=", "1E+2"), ("<=", "5E+2")]),
        # style
        ("对年销售额在2000万元及以上至5000万元的企业，给予10万元奖励", "10万元", [(">=", "2E+7"), ("<=", "5E+7")]),
        # a list of tiers keeps its ends as they were read
        ("对固定资产投资1000万元及以上至5000万元、5000万元以上的，分别给予20万元和50万元奖励", "20万元",
         [(">=", "1E+7"), ("=", "5E+7"), (">=", "5E+7")]),
    ],
)
def test_the_end_of_a_range_is_a_ceiling(text, amount, thresholds):
    found = read(text, amount, others=[])
    assert [(t.comparator, t.value) for t in found.of_kind("threshold")] == thresholds


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # held-out-15: the firms an incubator incubates are not the applicant
        ("徐汇区一家专门孵化大模型企业的孵化器，今年在做新场地的建设装修，区里能补多少？", ["incubators"]),
        # style
        ("长春一家孵化器，今年孵化了20家科技企业", ["incubators"]),
    ],
)
def test_the_firms_an_incubator_incubates(text, groups):
    from measures.extraction.profiles import from_text

    assert from_text(text).groups == groups


def test_the_sixteenth_parts_classes():
    from measures.extraction.eligibility.cases import read_own_rule
    from measures.extraction.profiles import from_text

    # a licence contract with a firm is the deal, not a reward agreement with the unit
    assert read_own_rule({}, "我是华东师大的研究员，一项职务发明今天刚签了许可合同给一家药企") is None
    assert read_own_rule({}, "我跟学校签了奖励协议") is True
    # growth as people say it
    profile = from_text("柳河县一家规上工业企业，今年刚被认定为省级专精特新中小企业，今年产值比去年多了800万左右")
    assert profile.numbers["output_growth"] == 8_000_000
    # a form's event in words of a sale is kept
    profile = from_fields({"group": ["企业"], "region": ["上海市徐汇区"], "event": ["首台（套）设备销售"]})
    assert profile.free_events == ["首台（套）设备销售"]
