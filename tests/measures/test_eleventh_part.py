"""The failure classes of the matcher's eleventh held-out part (held-out-11),
each with the real clause or profile line and one written in the same style
with other places, numbers and words."""

from datetime import date
from types import SimpleNamespace

import pytest

from measures.extraction.profiles import Unreadable, from_fields, from_text
from measures.matching import FAILED, MET, UNKNOWN, _Weigher
from tests.measures.test_eligibility import keys, read

# -- a sector or a project kind the clause states ------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "sectors"),
    [
        # jl-liuhe 第17条: the 500亩 tier continues the clause for 医药企业
        ("对医药企业投资新建GAP中药材种植基地和道地药材种植基地面积在100亩及以上至500亩的，"
         "给予企业100元/亩奖励；对新建面积在500亩以上的，给予企业200元/亩奖励", "200元", ["medicine"]),
        ("对医药企业投资新建GAP中药材种植基地和道地药材种植基地面积在100亩及以上至500亩的，"
         "给予企业100元/亩奖励；对新建面积在500亩以上的，给予企业200元/亩奖励", "100元", ["medicine"]),
        # style
        ("对中药企业新建道地药材种植基地面积在50亩以上至300亩的，给予企业80元/亩补助；"
         "对新建面积在300亩以上的，给予企业150元/亩补助", "150元", ["medicine"]),
        # jl-liuhe 第2条: the kind of project (类项目) is its sector
        ("对现代服务业类项目(不含房地产住宅类项目)固定资产投资3000万元及以上且亩均投资强度不低于200万元的，"
         "按固定资产投资的5%—20%给予企业奖励", "5%", ["modern_services"]),
        ("对特色农业类项目，固定资产投资1000万元及以上至5000万元的，参照其年度地方财政贡献的70%给予企业奖励",
         "70%", ["agriculture"]),
        # style
        ("对特色农业类项目，固定资产投资2000万元以上的，按投资额的3%给予企业奖励", "3%", ["agriculture"]),
    ],
)
def test_the_sector_a_clause_states_binds_its_rule(text, amount, sectors):
    assert keys(read(text, amount, others=[]), "sector") == sectors


@pytest.mark.parametrize(
    ("text", "sectors", "events", "area"),
    [
        # held-out-11
        ("柳河县一家做人参饮品的食品加工厂（生产加工型企业），今年头一回被认定为国家高新技术企业，"
         "还新建了600亩人参种植基地，县里能给哪些奖励？", ["food"], ["hte_recognised", "planting_base"], 600),
        # style
        ("通化一家做蓝莓饮料的企业，今年新建了300亩蓝莓种植基地", ["food"], ["planting_base"], 300),
    ],
)
def test_a_planting_base_is_no_new_investment_project_and_a_food_maker_no_drug_maker(
    text, sectors, events, area
):
    profile = from_text(text)
    assert profile.sectors == sectors
    assert profile.events == events
    assert profile.numbers["site_area"] == area


def test_a_planting_base_in_a_clause_is_its_own_event():
    text = ("对医药企业投资新建GAP中药材种植基地和道地药材种植基地面积在100亩及以上至500亩的，"
            "给予企业100元/亩奖励")
    assert keys(read(text, "100元"), "event") == ["planting_base"]
    # style; a new factory is still a new investment
    assert keys(read("对企业新建中药材种植基地的，给予每亩50元补助", "50元"), "event") == [
        "planting_base"
    ]
    assert keys(read("对企业新建智能工厂的，给予100万元奖励", "100万元"), "event") == [
        "new_investment"
    ]


# -- the body that approved a project ----------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # held-out-11
        ("长春一家高新技术企业，今年有个研发项目拿到了长春市科技局的立项，也有市级专项资金支持，"
         "能走科技厅跟银行合作的那个信用贷款吗？", "project_approved_municipal"),
        # style
        ("延吉一家科技型中小企业，项目刚拿到延吉市科技局立项", "project_approved_municipal"),
        ("四平一家高企，项目今年拿到省科技厅立项了", "project_approved_provincial"),
        ("四平一家高企，项目今年立项了", "project_approved"),
    ],
)
def test_the_level_of_the_approving_body_is_part_of_the_event(text, event):
    assert event in from_text(text).events


def _weigh(profile, terms, region="吉林省"):
    profile.as_of = date(2024, 6, 1)
    return _Weigher(profile).weigh(SimpleNamespace(terms=terms, region=region, area=""))


def test_a_municipal_approval_does_not_meet_a_provincial_one():
    rule = [{"kind": "event", "key": "project_approved_provincial", "label": "项目获省科技厅立项"}]
    city = from_text("长春一家高企，项目拿到了长春市科技局的立项")
    assert _weigh(city, rule) is None
    province = from_text("长春一家高企，项目拿到了省科技厅立项")
    assert _weigh(province, rule)[0].status == MET
    bare = from_text("长春一家高企，项目今年立项了")
    assert _weigh(bare, rule)[0].status == UNKNOWN


# -- a named competition -------------------------------------------------------


def test_a_named_competition_is_part_of_the_event():
    # 001
    text = "对在中国创新创业（吉林赛区）大赛中获奖的企业或团队，给予30-40万元的科技项目资金支持"
    assert keys(read(text, "30-40万元"), "event") == ["contest_cicc"]
    # style
    assert keys(read("对在全国科技工作者创新创业大赛中获奖的团队，给予10万元奖励", "10万元"), "event") == [
        "contest_workers"
    ]
    rule = [{"kind": "event", "key": "contest_cicc", "label": "中国创新创业大赛获奖"}]
    # held-out-11
    other = from_text("我们是吉林大学的大学生创业团队，今年在“互联网+”大学生创新创业大赛吉林省赛拿了金奖")
    assert "contest_internet_plus" in other.events
    assert _weigh(other, rule) is None
    # style
    cup = from_text("我们是东北师大的创业团队，今年在挑战杯竞赛里拿了一等奖")
    assert "contest_challenge_cup" in cup.events
    assert _weigh(cup, rule) is None
    same = from_text("长春的创业团队，今年在中国创新创业大赛吉林赛区获得了一等奖")
    assert _weigh(same, rule)[0].status == MET
    unnamed = from_text("长春的创业团队，今年参加创新创业大赛拿了个二等奖")
    assert _weigh(unnamed, rule)[0].status == UNKNOWN


# -- the units of the people, named in the sentence before ---------------------


@pytest.mark.parametrize(
    ("text", "amount", "units"),
    [
        # gd-shantou 第二十五条
        ("全部或者主要利用财政性资金完成的职务科技成果，在不影响国家安全、国家利益和重大社会公共利益的前提下，"
         "高等院校、科研机构可以与科技成果完成人约定以共同共有或者按份共有的方式赋予完成人科技成果所有权，"
         "或者约定赋予不少于十年的科技成果使用权。约定按份共有的，科技成果完成人持有的份额不低于百分之七十。",
         "百分之七十", ["universities", "research_institutes"]),
        # style
        ("利用财政资金形成的职务科技成果，高校可以与成果完成人约定按份共有。"
         "约定按份共有的，成果完成人持有的份额不低于百分之六十。", "百分之六十", ["universities"]),
    ],
)
def test_the_units_of_a_reward_named_in_the_sentence_before(text, amount, units):
    start = text.rindex("约定按份共有的")
    found = read(text[start:], amount)
    assert keys(found, "event") == ["invention_ownership"]
    # read in its paragraph
    from documents.extraction.quantities import find_quantities
    from measures.extraction.eligibility import Scope, read_eligibility
    from measures.extraction.places import Place

    quantities = find_quantities(text)
    rule = next(q for q in quantities if q.start <= text.index(amount) < q.end)
    eligibility = read_eligibility(
        text, start=rule.start, end=rule.end, sentence=(start, len(text)),
        scope=Scope(Place("广东省/汕头市")), quantities=quantities, siblings=[(rule.start, rule.end)],
    )
    assert keys(eligibility, "unit") == units


def test_a_share_agreed_with_the_inventor_is_the_ownership_given():
    # held-out-11
    profile = from_text("我在汕头一家民营电子公司做研发，公司说可以把我参与完成的一项职务发明专利按份共有给我")
    assert profile.events == ["invention_ownership"]
    assert profile.units == ["enterprises"]


# -- where the result is carried out -----------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "carried_out"),
    [
        # held-out-11
        ("我是长春光机所的研究员，今年所里把我作为主要完成人的一项职务发明专利转让给了江苏的一家企业，"
         "在江苏那边投产，按规定我能拿多少奖励？", "吉林省/长春市", "江苏省"),
        # style
        ("我是吉大的老师，学校把我的一项专利许可给了浙江的一家企业，在浙江投产了", "吉林省/长春市", "浙江省"),
        ("长春一家企业，从吉大买了一项专利，在长春投产了", "吉林省/长春市", "吉林省/长春市"),
    ],
)
def test_the_other_partys_place_is_theirs_where_it_recurs(text, region, carried_out):
    profile = from_text(text)
    assert (profile.region, profile.carried_out) == (region, carried_out)


def test_a_result_carried_out_elsewhere_fails_an_in_province_condition():
    rule = [{"kind": "local", "key": "", "label": "在本省转化", "words": "在本省转化"}]
    away = from_text("我是长春光机所的研究员，所里把我的一项职务发明专利转让给了江苏的一家企业，在江苏那边投产")
    assert _weigh(away, rule) is None
    home = from_text("我是吉大的老师，学校把我的一项专利许可给了长春的一家企业，在长春投产了")
    assert _weigh(home, rule)[-1].status == MET
    unsaid = from_text("我是吉大的老师，学校把我的一项专利许可给了一家企业")
    assert _weigh(unsaid, rule)[-1].status == UNKNOWN
    assert FAILED != UNKNOWN


# -- amounts as people write them ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "sales"),
    [
        # held-out-11
        ("柳河一家中药企业，今年中药大品种二次开发的产品在县里投产了，一年销售额800万左右", 8_000_000),
        # style
        ("通化一家药企，新品种投产后年销售额1.2亿左右", 120_000_000),
    ],
)
def test_wan_and_yi_alone_are_money(text, sales):
    assert from_text(text).numbers["sales"] == sales


# -- a form that names nobody ----------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        # held-out-11
        {"region": ["吉林省长春市"], "tech_transaction": ["5000000"]},
        # style
        {"region": ["浙江省杭州市"], "sector": ["人工智能"]},
    ],
)
def test_a_form_with_a_place_and_no_applicant_is_refused(fields):
    with pytest.raises(Unreadable):
        from_fields(fields)


def test_a_line_naming_its_applicant_in_other_words_is_still_read():
    # held-out-3, held-out-4: "我司", "东莞的厂" are applicants the table does not name
    assert from_text("我司是做大模型的，8月1日刚在徐汇区租了一层楼自用办公").region
    assert from_fields({"region": ["吉林省长春市"], "event": ["获得国内发明专利授权"]}).events
