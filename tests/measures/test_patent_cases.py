"""A patent call's conditions on the patent itself — the days it was filed,
granted or examined, a fee reduction, a service invention — read from the
call's sections and weighed against the applicant's patents as a form's
details or a line state them; and the profile classes found with them (two
patents in one line, the office of a grant is no place of the applicant's, a
factory is a firm, a medicine's second development is no product's
production); then the classes of the twelfth part (held-out-12), scored
once before any of them was written.  Each with the real text and one in
the same style with other days, amounts and words."""

from datetime import date

import pytest

from measures.extraction.eligibility.cases import (
    UNIT_KIND_KEY,
    read_own_rule,
    read_unit_cases,
)
from measures.extraction.eligibility.patents import (
    FAILED,
    MET,
    UNKNOWN,
    case_terms,
    dated_terms,
    read_patents,
    weigh_case,
    weigh_dated,
)
from measures.extraction.profiles import Unreadable, from_fields, from_text
from tests.measures.test_eligibility import keys, read

# gd-dongguan-notice-patent-application-funding-2017, 一（一） and 一（二）
OLD_SCHEME = (
    "（一）按照《东莞市专利促进项目资助办法》（东府办〔2013〕100号）相关规定执行的专利申请资助项目：\n"
    "1、受理范围：\n专利申请日在2016年2月23日及之前的如下国内专利：\n"
    "（1）授权公告日在2017年1月1日至6月30日期间的国内发明专利、实用新型专利、外观设计专利；\n"
    "（2）实质审查生效日在2017年1月1日至6月30日期间的国内发明专利申请。\n"
    "3、资助额度：\n国内外观设计专利授权后每件资助500元；国内发明专利申请进入实质审查后每件资助3000元"
    "（获国家知识产权局费用减缓的，职务发明每件资助1000元，非职务发明每件资助500元），获得授权后每件再资助12000元。"
)
NEW_SCHEME = (
    "（二）按照《东莞市专利促进项目资助办法（修订）》相关规定执行的专利申请资助项目：\n"
    "1、受理范围：\n（1）专利申请日在2016年2月24日及之后的如下国内发明专利：\n"
    "授权公告日在2017年1月1日至6月30日期间的国内发明专利；\n"
    "（2）在2017年1月1日至6月30日期间获得授权的境外发明专利。\n"
    "3、资助额度：\n（1）国内发明专利申请进入实质审查后每件资助3000元（获国家知识产权局费用减缓的，不再给予资助），"
    "获得授权后每件再资助12000元。\n（2）获美国、日本、欧盟国家授权的发明专利每件资助50000元。"
)
# style: another city's call, other days and amounts
STYLE_SCHEME = (
    "二、资助范围\n专利申请日在2019年6月30日及以后的如下国内专利：\n"
    "授权公告日在2021年7月1日至12月31日期间的国内发明专利、实用新型专利。\n"
    "三、资助标准\n国内发明专利授权后每件资助8000元（获国家知识产权局费用减缓的，不再给予资助）；"
    "国内实用新型专利授权后每件资助600元。"
)


def _dated(text, amount, events):
    at = text.index(amount)
    return [(t.key, t.comparator, t.value, t.unit) for t in dated_terms(text, at, [0], events)]


@pytest.mark.parametrize(
    ("text", "amount", "events", "expected"),
    [
        (OLD_SCHEME, "500元；", {"patent_design"}, [
            ("filed", "<=", "2016-02-23", "design,invention,utility"),
            ("granted", "between", "2017-01-01/2017-06-30", "design,invention,utility")]),
        (OLD_SCHEME, "3000元", {"patent_exam"}, [
            ("filed", "<=", "2016-02-23", "design,invention,utility"),
            ("examined", "between", "2017-01-01/2017-06-30", "invention")]),
        (NEW_SCHEME, "12000元", {"patent_invention"}, [
            ("filed", ">=", "2016-02-24", "invention"),
            ("granted", "between", "2017-01-01/2017-06-30", "invention")]),
        # a foreign grant: the filing day of domestic patents does not bind it
        (NEW_SCHEME, "50000元", {"patent_foreign_major"}, [
            ("granted", "between", "2017-01-01/2017-06-30", "foreign")]),
        (STYLE_SCHEME, "8000元", {"patent_invention"}, [
            ("filed", ">=", "2019-06-30", "design,invention,utility"),
            ("granted", "between", "2021-07-01/2021-12-31", "invention,utility")]),
        # style: a design patent is a domestic patent, but not of the grant window
        # for inventions and utility models
        (STYLE_SCHEME, "600元", {"patent_design"}, [
            ("filed", ">=", "2019-06-30", "design,invention,utility")]),
    ],
)
def test_the_days_a_call_accepts_bind_the_rules_of_their_patents(text, amount, events, expected):
    assert _dated(text, amount, events) == expected


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        (OLD_SCHEME, "3000元", [("fee_reduced", "no")]),
        (OLD_SCHEME, "1000元", [("fee_reduced", "yes"), ("service_invention", "yes")]),
        (OLD_SCHEME, "500元）", [("fee_reduced", "yes"), ("service_invention", "no")]),
        (NEW_SCHEME, "3000元", [("fee_reduced", "no")]),
        (NEW_SCHEME, "12000元", []),
        (STYLE_SCHEME, "8000元", [("fee_reduced", "no")]),
        (STYLE_SCHEME, "600元", []),
    ],
)
def test_a_fee_reduction_aside_and_service_inventions(text, amount, expected):
    at = text.index(amount)
    end = at + len(amount.rstrip("，；）"))
    sentence = (text.rfind("\n", 0, at) + 1, len(text))
    assert [(t.key, t.value) for t in case_terms(text, at, end, sentence)] == expected


def test_a_rule_read_in_its_document_carries_its_conditions():
    found = read(NEW_SCHEME, "3000元")
    assert keys(found, "event") == ["patent_exam"]
    assert keys(found, "case") == ["fee_reduced"]


AS_OF = date(2017, 8, 20)


@pytest.mark.parametrize(
    ("details", "text", "dates", "fee", "service"),
    [
        # held-out-11 (a form's details)
        ({"专利申请日": "2016-06-15", "实质审查生效日": "2017-03-10", "获得费用减缓": "否",
          "以东莞地址申请": "是", "在东莞工作并连续缴纳社保": "1年"}, "",
         {"filed": [(None, "2016-06-15", "2016-06-15")],
          "examined": [(None, "2017-03-10", "2017-03-10")]}, False, None),
        # held-out-5
        ({"专利申请日": "2015年12月", "费用减缓": "获国家知识产权局费用减缓", "发明类型": "非职务发明"}, "",
         {"filed": [(None, "2015-12-01", "2015-12-31")]}, True, False),
        # held-out-2: a foreign grant told apart by the key
        ({"国外发明专利": "日本授权，授权日2017-03-15，申请日2016-04-20", "国内发明专利申请日": "2015-11-03",
          "职务发明": "是"}, "",
         {"granted": [("foreign", "2017-03-15", "2017-03-15")],
          "filed": [("foreign", "2016-04-20", "2016-04-20"), ("invention", "2015-11-03", "2015-11-03")]},
         None, True),
        # held-out-7 (a line)
        ({}, "东莞长安镇的电子厂，今年4月拿到了美国的发明专利授权；还有一件国内发明是2016年5月电子申请的，"
             "没办费用减缓，今年3月授权公告了。",
         {"filed": [("invention", "2016-05-01", "2016-05-31")],
          "granted": [(None, "2017-03-01", "2017-03-31")]}, False, None),
        # style
        ({}, "我是佛山的个人发明人，15年11月申请的实用新型专利今年上半年授权了，当时办了费用减缓",
         {"filed": [("utility", "2015-11-01", "2015-11-30")],
          "granted": [("utility", "2017-01-01", "2017-06-30")]}, True, None),
    ],
)
def test_the_applicants_patents_from_details_and_lines(details, text, dates, fee, service):
    patents = read_patents(details, text, AS_OF)
    assert {
        name: [(kind, a.isoformat(), b.isoformat()) for kind, a, b in spans]
        for name, spans in patents.dates.items()
    } == dates
    assert patents.fee_reduced is fee
    assert patents.service_invention is service


FILED_AFTER = {"kind": "dated", "key": "filed", "comparator": ">=", "value": "2016-02-24",
               "unit": "invention"}
WINDOW = {"kind": "dated", "key": "granted", "comparator": "between",
          "value": "2017-01-01/2017-06-30", "unit": "invention"}


@pytest.mark.parametrize(
    ("term", "line", "verdict"),
    [
        (FILED_AFTER, "2016年5月申请的发明专利今年3月授权了", MET),
        (FILED_AFTER, "2015年申请的发明专利今年3月授权了", FAILED),
        (FILED_AFTER, "2016年提交的发明专利申请今年授权了", UNKNOWN),  # either scheme
        (FILED_AFTER, "一件发明专利今年授权了", UNKNOWN),
        (WINDOW, "2016年5月申请的发明专利今年7月授权了", FAILED),
        (WINDOW, "2016年5月申请的发明专利今年上半年授权了", MET),
        # a date of another kind of patent says nothing of this one
        (WINDOW, "一件外观设计专利今年8月授权了", UNKNOWN),
    ],
)
def test_a_date_condition_weighed(term, line, verdict):
    assert weigh_dated(term, {"patent_invention"}, read_patents({}, line, AS_OF)) == verdict


@pytest.mark.parametrize(
    ("value", "line", "verdict"),
    [("no", "当时办了费用减缓", FAILED), ("yes", "当时办了费用减缓", MET),
     ("no", "没有办理费用减缓", MET), ("no", "一件发明专利", UNKNOWN)],
)
def test_a_fee_reduction_weighed(value, line, verdict):
    term = {"kind": "case", "key": "fee_reduced", "value": value}
    patents = read_patents({}, line, AS_OF)
    flags = {"fee_reduced": patents.fee_reduced, "service_invention": patents.service_invention}
    assert weigh_case(term, flags) == verdict


# -- the profile classes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "events"),
    [
        # held-out-11
        ("东莞长安镇一家五金企业，今年3月拿到一件台湾地区授权的发明专利，另外有一件2015年申请的国内实用新型专利"
         "今年2月授权了，都是用公司东莞地址申请的，这批专利资助能报吗？",
         "广东省/东莞市", ["patent_foreign_hmt", "patent_utility"]),
        # style
        ("佛山一家灯具企业，去年拿到一件香港授权的发明专利，还有两件外观设计专利今年授权了",
         "广东省/佛山市", ["patent_foreign_hmt", "patent_design"]),
        # one grant named once is one event
        ("东莞一家企业，今年拿到了美国的发明专利授权", "广东省/东莞市", ["patent_foreign_major"]),
    ],
)
def test_two_patents_in_a_line_and_the_office_that_granted_one(text, region, events):
    profile = from_text(text)
    assert profile.region == region
    assert profile.events == events


def test_the_office_a_forms_details_name():
    profile = from_fields({"group": ["企业"], "region": ["广东省东莞市"],
                           "event": ["获得国外发明专利授权"], "detail": ["授权国家:韩国"]})
    assert profile.events == ["patent_foreign_other"]
    assert profile.details == {"授权国家": "韩国"}
    profile = from_fields({"group": ["企业"], "region": ["广东省东莞市"],
                           "event": ["获得国外发明专利授权"], "detail": ["授权国家：美国"]})
    assert profile.events == ["patent_foreign_major"]


@pytest.mark.parametrize(
    ("text", "groups"),
    [("东莞长安镇的电子厂，今年4月拿到了美国的发明专利授权", ["enterprises"]),
     ("我们是通化的一家药厂", ["enterprises"]),
     ("长春一家企业的厂房扩建", ["enterprises"])],
)
def test_a_factory_is_a_firm(text, groups):
    assert from_text(text).groups == groups


@pytest.mark.parametrize(
    ("text", "amount", "events"),
    [
        # jl-liuhe 第8条
        ("对中药大品种二次开发项目在县域内投产后，年销售额达到1000万元及以上的，按其研发实际发生额的20%给予企业奖励",
         "20%", ["drug_redevelopment"]),
        # style
        ("对中药经典名方二次开发项目投产后年销售额达到500万元的，按研发投入的10%给予企业奖励",
         "10%", ["drug_redevelopment"]),
        # 第7条 still a patented product's production
        ("对生产加工型企业取得国家专利的产品，产品在县域内投产后，给予企业30万元奖励", "30万元",
         ["product_production"]),
    ],
)
def test_a_medicines_second_development_is_no_products_production(text, amount, events):
    assert keys(read(text, amount, others=[]), "event") == events


def test_the_request_and_the_pages_field_take_details(settings):
    from django.http import QueryDict

    from measures.matching import read_request

    params = QueryDict(mutable=True)
    params.setlist("group", ["企业"])
    params.setlist("region", ["广东省东莞市"])
    params.setlist("event", ["发明专利申请进入实质审查"])
    # the page's field: one "名称：值" a line
    params.setlist("detail", ["专利申请日：2016-05-10\r\n获得费用减缓:否"])
    profile = read_request(params, date(2017, 8, 20))
    assert profile.details == {"专利申请日": "2016-05-10", "获得费用减缓": "否"}
    assert profile.structured()["detail"] == ["专利申请日:2016-05-10", "获得费用减缓:否"]


# -- the twelfth part's classes ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "groups", "units", "events"),
    [
        # held-out-12: a grant by a state of the 欧盟 is of the major offices
        ("东莞寮步一家机械公司，今年4月拿到一件德国授权的发明专利；另外2015年9月申请的一件实用新型今年2月授权公告了",
         ["enterprises"], [], ["patent_foreign_major", "patent_utility"]),
        # style
        ("中山一家灯饰企业，今年拿到一件法国授权的发明专利", ["enterprises"], [], ["patent_foreign_major"]),
        ("中山一家灯饰企业，今年拿到一件韩国授权的发明专利", ["enterprises"], [], ["patent_foreign_other"]),
        # held-out-4: grants as people say them, and a factory named by its place
        ("东莞的厂，去年上半年批下来3个实用新型、2个外观，当时忘了申请资助，现在还能补申请吗？",
         ["enterprises"], [], ["patent_utility", "patent_design"]),
        # held-out-12: the person who says first that they do research is the applicant,
        # and "别的厂" is the other party
        ("我在烟台一家国有化工企业搞研发，公司今年把我的职务发明许可给别的厂用了。公司有自己的成果转化奖励办法，"
         "规定按许可净收入的20%奖励发明人。", ["researchers"], ["enterprises"], ["invention_license"]),
        # held-out-12: where a product is tried is no applicant
        ("徐汇漕河泾的一家具身智能机器人公司，已经是规上企业，今年有两台新研发的服务机器人在医院首次试用",
         ["enterprises", "above_scale"], [], []),
        # style
        ("长春一家医疗器械企业，新产品今年在学校试用了", ["enterprises"], [], []),
        # held-out-12: a unit the applicant puts its result into is the other party
        ("舟山一家市属海洋科研院所（单位本身），今年用一项职务成果作价入股了一家企业",
         ["research_institutes"], [], ["invention_equity"]),
    ],
)
def test_who_the_line_is_about_in_the_twelfth_part(text, groups, units, events):
    profile = from_text(text)
    assert (profile.groups, profile.units, profile.events) == (groups, units, events)


def test_a_private_university_is_a_university_and_a_place_alone_names_nobody():
    profile = from_fields({"group": ["科研人员"], "unit": ["民办高校"], "region": ["山东省潍坊市"],
                           "event": ["职务科技成果转让"]})
    assert profile.units == ["universities"]
    with pytest.raises(Unreadable):
        from_text("明天长春下雪吗？要不要带伞")
    # a form's event in words of its own, an act the table does not name
    profile = from_fields({"group": ["企业"], "region": ["上海市徐汇区"],
                           "event": ["参与低空基础设施运营管理服务保障"]})
    assert profile.free_events == ["参与低空基础设施运营管理服务保障"]


# -- what a reward clause says of the unit and the result --------------------------

LAW_LEAD_IN = ("科技成果完成单位未规定、也未与科技人员约定奖励和报酬的方式和数额的，"
               "按照下列标准对完成、转化职务科技成果做出重要贡献的人员给予奖励和报酬：")
SD_LEAD_IN = ("政府设立的科学技术研究开发机构、高等学校按照下列标准对完成、转化职务科技成果"
              "做出重要贡献的人员给予奖励和报酬：")
ITEM = "（一）将职务科技成果转让、许可给他人实施的，从该项科技成果转让净收入或者许可净收入中提取不低于百分之七十的比例；"
ST_SHARES = ("全部或者主要利用财政性资金完成的职务科技成果，高等院校、科研机构可以与科技成果完成人约定以共同共有"
             "或者按份共有的方式赋予完成人科技成果所有权。约定按份共有的，科技成果完成人持有的份额不低于百分之七十。")


@pytest.mark.parametrize(
    ("text", "amount", "lead_in", "cases", "units"),
    [
        # cn-law 第四十五条: the statutory share is a default
        (ITEM.replace("七十", "五十"), "百分之五十", LAW_LEAD_IN, [("own_reward_rule", "no")], []),
        # sd 第三十四条: the units that reward, named before 对, and that they are the government's
        (ITEM, "百分之七十", SD_LEAD_IN, [("public_unit", "yes")],
         ["research_institutes", "universities"]),
        # gd-shantou 第二十五条: public funds in the sentence before, shares agreed in its own
        # (its units, from the sentence before, are read in its paragraph: test_eleventh_part)
        (ST_SHARES, "百分之七十", "", [("public_funds", "yes"), ("shares_agreed", "yes")], None),
        # style
        ("国家设立的研究开发机构、高等院校对完成、转化科技成果做出重要贡献的人员，按照不低于百分之六十的比例给予奖励。",
         "百分之六十", "", [("public_unit", "yes")], None),
    ],
)
def test_what_a_reward_clause_says_of_the_unit_and_the_result(text, amount, lead_in, cases, units):
    found = read(text, amount, others=[], lead_in=lead_in)
    assert [(t.key, t.value) for t in found.of_kind("case")] == cases
    if units is not None:
        assert sorted(keys(found, "unit")) == sorted(units)


@pytest.mark.parametrize(
    ("details", "text", "expected"),
    [
        # held-out-12
        ({}, "我在烟台一家国有化工企业搞研发，公司有自己的成果转化奖励办法，规定按许可净收入的20%奖励发明人",
         {"own_reward_rule": True}),
        ({}, "汕头一所市属高校的老师，我们团队这项成果是用企业委托的横向课题经费做的，没用财政经费，"
             "学校说可以按份共有赋权给我们",
         {"public_unit": True, "public_funds": False, "shares_agreed": True}),
        # held-out-5
        ({"赋权方式": "与单位约定共同共有", "资金来源": "主要利用财政性资金完成"}, "",
         {"public_funds": True, "shares_agreed": False}),
        # style
        ({}, "我是一所民办大学的老师，单位没有规定奖励办法", {"own_reward_rule": False, "public_unit": False}),
        ({UNIT_KIND_KEY: "民办"}, "", {"public_unit": False}),
    ],
)
def test_what_a_profile_says_of_its_unit_and_result(details, text, expected):
    said = {"own_reward_rule": read_own_rule(details, text), **read_unit_cases(details, text)}
    assert {k: v for k, v in said.items() if v is not None} == expected


def test_a_forms_private_unit_is_kept_as_a_detail():
    profile = from_fields({"group": ["科研人员"], "unit": ["民办高校"], "region": ["山东省潍坊市"],
                           "event": ["职务科技成果转让"]})
    assert profile.units == ["universities"]
    assert profile.details == {UNIT_KIND_KEY: "民办"}
