"""Eligibility of subsidy rules read from their clauses: who may apply, where,
on what event, under which conditions, per what.

Each class has a real sentence (the bundled documents, tests/data/corpus/dev,
or the corpus documents the matcher profiles cite) and one written in the
same style with other numbers, places and words.  Texts are given as the
normaliser hands them over.
"""

import pytest

from documents.extraction.quantities import find_quantities
from measures.extraction.eligibility import Scope, read_eligibility, read_scope
from measures.extraction.eligibility.events import same_event_words
from measures.extraction.places import Place


def read(text, amount, *, place="吉林省", lead_in="", beneficiary="", others=(), scope=None):
    """The eligibility of the rule at ``amount`` of ``text`` (one sentence),
    beside the rules at ``others`` in the same sentence."""
    quantities = find_quantities(text)
    money = [q for q in quantities if q.category in ("money", "percent")]

    def at(words):
        start = text.index(words)
        return next(q for q in money if q.start <= start < q.end)

    rule = at(amount)
    siblings = [(q.start, q.end) for q in (rule, *map(at, others))]
    return read_eligibility(
        text,
        start=rule.start,
        end=rule.end,
        sentence=(0, len(text)),
        scope=scope or Scope(Place(place)),
        quantities=quantities,
        siblings=siblings,
        lead_in=lead_in,
        beneficiary=beneficiary,
    )


def keys(eligibility, kind):
    return [t.key for t in eligibility.of_kind(kind)]


@pytest.mark.parametrize(
    ("text", "amount", "event"),
    [
        # jl-liuhe 第9条
        ("对初次认定为国家高新技术企业的，给予企业20万元奖励", "20万元", "hte_recognised"),
        ("对首次通过高新技术企业认定的企业，一次性给予15万元奖励", "15万元", "hte_recognised"),
        # jl-liuhe 第11条
        ("对在主板上市企业，给予企业300万元奖励", "300万元", "listing_main"),
        ("对在科创板、创业板上市的企业，给予500万元奖励", "500万元", "listing_growth"),
        ("对在新三板挂牌企业，给予企业100万元奖励", "100万元", "listing_neeq"),
        # 001 措施19
        ("对获得当年国外发明授权的专利，每件一次性给予5万元的补助", "5万元",
         "patent_invention_foreign"),
        ("对获得当年国内发明授权的专利，每件一次性给予不高于8000元的补助", "8000元",
         "patent_invention"),
        # jl-liuhe 第10条
        ("对新增并纳入统计口径的规模以上工业企业，给予企业20万元奖励", "20万元", "scale_up"),
        ("对当年小升规的工业企业，给予企业15万元奖励", "15万元", "scale_up"),
        # sh-xuhui-westbund
        ("相关创新主体购买或租用算力的，经认定，最高可按实际发生费用的30%，给予不超过1000万元的补贴支持",
         "1000万元", "compute_purchase"),
        ("对企业租用智能算力的，按实际费用的20%给予最高300万元补贴", "300万元", "compute_purchase"),
        # zj-zhoushan 第二十七条: a share of the conversion reward.
        ("在研究开发和科技成果转化中做出主要贡献的人员，获得奖励的份额不低于奖励总额的百分之七十",
         "百分之七十", "invention_conversion"),
        ("对完成、转化职务科技成果做出重要贡献的人员，获得奖励的份额不低于奖励总额的百分之六十",
         "百分之六十", "invention_conversion"),
    ],
)
def test_the_event_that_triggers_a_rule(text, amount, event):
    assert keys(read(text, amount), "event") == [event]


def test_a_recognition_at_levels_takes_the_level_of_its_place_after_respectively():
    # jl-liuhe 第9条
    text = "对初次认定为国家级和省级企业技术（研发）中心的，分别给予企业100万元和30万元奖励"
    assert keys(read(text, "100万元", others=["30万元"]), "event") == ["tech_centre_national"]
    assert keys(read(text, "30万元", others=["100万元"]), "event") == ["tech_centre_provincial"]
    # the same, written for 专精特新 with other amounts
    text = "新列入国家级和省级“专精特新”中小企业，分别给予企业50万元和20万元奖励"
    assert keys(read(text, "50万元", others=["20万元"]), "event") == ["little_giant_recognised"]
    assert keys(read(text, "20万元", others=["50万元"]), "event") == ["srdi_provincial"]


def test_a_later_clause_borrows_the_subject_of_its_segment():
    # gd-dongguan: 12000 is for the grant of the 发明专利 named at the start.
    text = "国内发明专利申请进入实质审查后每件资助3000元（获国家知识产权局费用减缓的，不再给予资助），获得授权后每件再资助12000元"
    assert keys(read(text, "3000元", others=["12000元"]), "event") == ["patent_exam"]
    assert keys(read(text, "12000元", others=["3000元"]), "event") == ["patent_invention"]
    text = "实用新型专利申请受理后每件资助200元，获得授权后每件再资助800元"
    assert keys(read(text, "800元", others=["200元"]), "event") == ["patent_utility"]


def test_the_object_of_an_event_is_not_a_condition_on_the_applicant():
    # 001 措施2: the 高校、科研院所 are where the result comes from.
    text = (
        "积极支持企业购买科技成果，对承接省内高校、科研院所重大科技成果并在省内成功转化或购买省外高校、"
        "科研院所科技成果并在省内成功转化的企业，通过省级应用技术研究与开发资金给予最高不超过50万元的支持"
    )
    found = read(text, "50万元")
    assert keys(found, "group") == ["enterprises"]
    assert keys(found, "event") == ["achievement_purchase"]
    assert [t.words for t in found.of_kind("local")] == ["在省内成功转化"]
    # the same, as another province writes it
    text = "对受让高等学校科技成果并在本省实施转化的企业，按技术合同成交额的5%给予最高20万元补助"
    found = read(text, "20万元")
    assert keys(found, "group") == ["enterprises"]
    assert keys(found, "event") == ["achievement_purchase"]


def test_a_reward_to_people_names_their_employer_as_a_unit():
    # 000 （十五）
    text = "允许高校、科研院所将职务科技成果转让净收入（或成果形成股权）的70%一次性奖给成果完成人或团队"
    found = read(text, "70%")
    assert keys(found, "group") == ["researchers"]
    assert sorted(keys(found, "unit")) == ["research_institutes", "universities"]
    assert set(keys(found, "event")) == {"invention_transfer", "invention_equity"}
    assert found.per == "once"
    text = "允许医疗卫生机构将职务科技成果许可净收入的80%奖励给成果完成人"
    found = read(text, "80%")
    assert keys(found, "group") == ["researchers"]
    assert keys(found, "unit") == ["medical_institutions"]
    assert keys(found, "event") == ["invention_license"]


def test_the_lead_in_of_a_list_names_the_people_and_their_units():
    # sh-regulation-st-achievement-transfer 第三十四条
    lead = "研发机构、高等院校转化科技成果所获得的收入全部留归本单位。允许研发机构、高等院校按照以下标准，规定或者与科技人员约定奖励和报酬："
    text = "将职务科技成果转让、许可给他人实施的，可以从该项科技成果转让净收入或者许可净收入中提取不低于百分之七十的比例"
    found = read(text, "百分之七十", place="上海市", lead_in=lead)
    assert keys(found, "group") == ["researchers"]
    assert set(keys(found, "unit")) == {"rd_institutions", "universities"}
    assert set(keys(found, "event")) == {"invention_transfer", "invention_license"}


def test_the_giver_before_to_whom_is_not_the_applicant():
    # 002
    text = "根据协议，银行对省科技厅立项支持的科技企业，给予额度最高1000万元的信用贷款"
    found = read(text, "1000万元")
    assert keys(found, "group") == ["tech_enterprises"]
    assert keys(found, "event") == ["project_approved_provincial"]


def test_thresholds_are_kept_with_their_numbers():
    # jl-liuhe 第10条
    text = "对规上工业企业年产值同比增长超过1000万元的，给予企业超出额0.5%的奖励，奖励最高不超过20万元"
    found = read(text, "0.5%")
    assert keys(found, "group") == ["above_scale_industrial"]
    [threshold] = found.of_kind("threshold")
    assert (threshold.key, threshold.comparator, threshold.value, threshold.unit) == (
        "output_growth", ">", "1E+7", "元")
    text = "对年度纳税额超过800万元的生产加工型企业，按其地方财政贡献额同比超出部分的10%给予企业奖励"
    found = read(text, "10%")
    assert keys(found, "group") == ["manufacturers"]
    assert [(t.key, t.comparator, t.value) for t in found.of_kind("threshold")] == [
        ("tax_paid", ">", "8E+6")]


def test_vague_conditions_are_kept_as_written_never_given_a_number():
    # 002: "达到一定数额"
    text = "考核合格且年度促成技术合同成交额达到一定数额的机构，可依条件申请补助经费，最高给予30万元"
    found = read(text, "30万元")
    assert [t.words for t in found.of_kind("vague")] == ["达到一定数额"]
    assert found.of_kind("threshold") == []


def test_a_sector_is_the_applicants_only_before_an_applicant_noun():
    # sh-xuhui-westbund: 大模型 firms get the 500万; a buyer of 大模型 products
    # may be of any sector.
    text = "支持国内顶尖人工智能科学家和创新团队汇聚，符合本区产业发展导向、具有一定技术实力和创新能力的人工智能大模型企业，经认定，可给予最高500万元的资金支持"
    found = read(text, "500万元", place="上海市/徐汇区")
    assert keys(found, "group") == ["enterprises"]
    assert keys(found, "sector") == ["ai_llm"]
    assert found.of_kind("event") == []
    text = "支持企业采购无关联企业人工智能大模型产品和服务，经综合评价，最高可按实际采购发票额的10%，给予采购方不超过300万元的年度补贴支持"
    found = read(text, "300万元", place="上海市/徐汇区")
    assert keys(found, "sector") == []
    assert keys(found, "event") == ["llm_procurement"]
    assert found.per == "year"


def test_an_achievement_no_row_names_still_gates_the_rule():
    text = "对年度新获认定中国驰名商标的，当年给予企业50万元奖励"
    assert keys(read(text, "50万元"), "event") == ["other"]
    text = "对引领人工智能大模型发展或取得颠覆性突破的项目，经综合评价，最高可给予1000万元的补贴支持"
    assert keys(read(text, "1000万元"), "event") == ["other"]


def test_a_segment_opened_by_a_colon_continues_the_one_before():
    # jl-liuhe 第4条
    text = "对重点产业新建项目，自实现税收年度起且亩均税收达到10万元的，参照其年度地方财政贡献给予企业连续5年奖励，即：前2年给予企业地方财政贡献80%的奖励，后3年给予企业地方财政贡献50%的奖励"
    assert keys(read(text, "80%", others=["50%"]), "event") == ["new_investment"]


@pytest.mark.parametrize(
    ("text", "amount", "per"),
    [
        ("对新引进的博士，每人每月给予3000元生活补贴", "3000元", "person_month"),
        ("对列入年度科技计划的联盟项目每项支持50-100万元", "50-100万元", "item"),
        ("对新建面积在500亩以上的，给予企业200元/亩奖励", "200元", "mu"),
    ],
)
def test_what_an_amount_is_paid_per(text, amount, per):
    assert read(text, amount).per == per


def test_every_term_carries_its_words_and_offsets():
    text = "对初次认定为国家高新技术企业的，给予企业20万元奖励"
    for term in read(text, "20万元").terms:
        if term.start is not None:
            assert text[term.start : term.end] == term.words


@pytest.mark.parametrize(
    ("title", "issuer", "head", "path", "area"),
    [
        ("吉林省促进科技成果转移转化实施方案", "吉林省人民政府办公厅", "", "吉林省", ""),
        ("关于受理2017年东莞市第二批专利申请资助项目申报的通知", "东莞市知识产权局", "",
         "广东省/东莞市", ""),
        ("", "", "中华人民共和国促进科技成果转化法\n1996年5月15日", "", ""),
        ("", "", "徐汇区关于推动人工智能产业高质量发展的若干意见（征求意见稿）为推动", "上海市/徐汇区", ""),
        ("关于支持上海市生成式人工智能创新生态先导区的若干措施", "", "", "上海市/徐汇区",
         "生成式人工智能创新生态先导区"),
        ("", "", "中共柳河县委 柳河县人民政府\n关于支持重点产业加快发展的实施意见", "吉林省/通化市/柳河县", ""),
        ("汕头经济特区科技创新条例", "", "", "广东省/汕头市", ""),
        ("关于加快发展的若干措施", "", "为贯彻落实省委精神……吉林大学……全省……吉林", "吉林省", ""),
    ],
)
def test_the_jurisdiction_of_a_document(title, issuer, head, path, area):
    scope = read_scope(title, issuer, head)
    assert (scope.place.path, scope.place.area) == (path, area)


def test_a_scope_sentence_names_the_groups_and_sector_of_rules_that_name_none():
    text = "徐汇区关于推动人工智能产业高质量发展的若干意见为推动人工智能产业高质量发展，特制定本意见。一、支持领域本政策适用于依法经营的人工智能产业法人或非法人组织机构，以及其他依法经区政府批准的支持对象。"
    scope = read_scope("", "", text)
    assert {(t.kind, t.key) for t in scope.terms} == {("group", "entities"), ("sector", "ai")}


def test_a_bracketed_note_after_the_amount_is_no_condition():
    # jl-liuhe 第12条: the note says when a new project may take this reward.
    text = ("对年度纳税额超过500万元的生产加工型企业，按其地方财政贡献额同比超出部分的20%给予企业奖励"
            "(新建项目在享受完固定资产投资奖励、投产达效绩效奖励后执行此条款)")
    rule = read(text, "20%")
    assert keys(rule, "event") == []
    assert keys(rule, "group") == ["manufacturers"]
    text = ("对年度营业收入超过2亿元的软件企业，按其研发投入增量部分的10%给予企业奖励"
            "（新引进企业在享受完落户奖励后执行本条）")
    assert keys(read(text, "10%"), "event") == []
    # A condition in brackets before the amount still counts.
    text = "对企业（含在本县注册的分支机构）当年获得国内发明专利授权的，每件给予5000元奖励"
    assert keys(read(text, "5000元"), "event") == ["patent_invention"]


def test_a_status_that_certifies_technology_is_a_technology_firm():
    from measures.beneficiaries import with_broader

    for status in ("hightech_enterprises", "tech_smes", "tech_giants"):
        assert {"tech_enterprises", "enterprises"} <= with_broader([status])
    assert "tech_enterprises" not in with_broader(["above_scale_industrial"])


@pytest.mark.parametrize(
    ("amount", "event"),
    [("100万元", "standard_international"), ("50万元", "standard_national"),
     ("30万元", "standard_industry")],
)
def test_the_tiers_of_a_standard_take_its_level(amount, event):
    # jl-liuhe 第10条
    text = "对牵头制定并新获批国际标准、国家标准、行业标准的，当年分别给予企业100万元、50万元和30万元奖励"
    rule = read(text, amount, others=[a for a in ("100万元", "50万元", "30万元") if a != amount])
    assert keys(rule, "event") == [event]


def test_a_clause_that_names_its_own_event_does_not_borrow_the_one_before():
    # jl-liuhe 第10条, the rules after the standards.
    text = ("对牵头制定并新获批国家标准的，当年给予企业50万元奖励；"
            "对年度新获认定中国驰名商标的，当年给予企业50万元奖励")
    rule = read(text, "50万元奖励；对年度" [-10:] if False else "50万元奖励", others=())
    second = text.rindex("50万元")
    from documents.extraction.quantities import find_quantities
    from measures.extraction.eligibility import read_eligibility

    quantities = find_quantities(text)
    q = next(q for q in quantities if q.start == second)
    other = next(q for q in quantities if q.category == "money" and q.start != second)
    later = read_eligibility(
        text, start=q.start, end=q.end, sentence=(0, len(text)), scope=Scope(Place("吉林省")),
        quantities=quantities, siblings=[(q.start, q.end), (other.start, other.end)],
    )
    assert "standard_national" not in keys(later, "event")
    assert keys(rule, "event") == ["standard_national"]


@pytest.mark.parametrize(
    ("amount", "event"),
    [("50000元", "patent_foreign_major"), ("25000元", "patent_foreign_other"),
     ("12000元", "patent_foreign_hmt")],
)
def test_a_foreign_grant_takes_the_office_that_granted_it(amount, event):
    # gd-dongguan 2017 (二) 3 (2): 港澳台 after 除外 is not the other countries' office.
    text = ("获美国、日本、欧盟国家授权的发明专利每件资助50000元；在设有专利审批机构的其他国家或地区"
            "（港澳台除外）获授权的发明专利每件资助25000元；获得港澳台授权的发明专利每件资助12000元")
    assert keys(read(text, amount), "event") == [event]


def test_the_industry_of_the_title_binds_rules_that_name_no_industry():
    title = "徐汇区关于支持西岸人工智能大模型科创街区建设的扶持意见"
    scope = read_scope(title, "", title + "为加快建设，特制定本意见。")
    assert [t.key for t in scope.title_sectors] == ["ai_llm"]
    text = "加强启动建设经费支持，给予孵化器建设装修、场地使用等费用补贴，原则上不高于建设总投入经费的50%，一般不超过3000万元"
    assert keys(read(text, "3000万元", scope=scope), "sector") == ["ai_llm"]
    # A rule that names an industry in another role (the product bought) is any buyer's.
    text = "支持企业采购无关联企业人工智能大模型产品和服务，最高可按实际采购发票额的10%，给予采购方不超过300万元的年度补贴支持"
    assert keys(read(text, "300万元", scope=scope), "sector") == []
    title = "某区促进低空经济产业发展的若干措施"
    assert [t.key for t in read_scope(title, "", title).title_sectors] == ["low_altitude"]


def test_the_groups_of_a_scope_sentence_are_alternatives():
    text = ("某区支持低空经济发展的若干意见一、支持对象本意见适用于注册在本区，且从事低空经济相关领域的"
            "企业及单位，以及区政府批准的其他支持对象。")
    groups = [t.key for t in read_scope("", "", text).terms if t.kind == "group"]
    assert groups == ["entities"]
    text = "本办法适用于在本市注册的高新技术企业和科技型中小企业。"
    groups = {t.key for t in read_scope("", "", text).terms if t.kind == "group"}
    assert groups == {"hightech_enterprises", "tech_smes"}



# -- held-out-3 classes (seen when the third held-out part was first scored) -----


@pytest.mark.parametrize(
    "stated, clause, same",
    [
        # held-out-3: the applicant's words and the rule's clause share the event
        ("新认定省级版权示范单位", "对年度新获认定为国家级、省级版权示范单位的", True),
        ("建设人工智能大模型技术应用与场景建设项目", "对具有行业引领和示范效应的技术应用与场景建设项目", True),
        # ...or only words any event or applicant uses
        ("搭建人工智能大模型开源开放服务平台", "对具有行业引领和示范效应的技术应用与场景建设项目", False),
        ("新认定省级版权示范单位", "对年度新获认定中国驰名商标的", False),
        # style
        ("获评省级服务型制造示范企业", "对新获评国家级、省级服务型制造示范企业的", True),
        ("新认定省级企业", "对新认定为省级工业设计中心的", False),
    ],
)
def test_an_event_no_row_names_is_matched_by_its_words(stated, clause, same):
    assert same_event_words(stated, clause) is same


def test_groups_named_by_a_short_form_the_text_defines():
    # held-out-3: the Shanghai regulation's 研发机构 are its 研究开发机构
    text = ("第八条 本市设立和国家在本市设立的研究开发机构、高等院校等事业单位（以下统称“研发机构、"
            "高等院校”）应当加强科技成果转化的专业化队伍建设。")
    scope = read_scope("上海市促进科技成果转化条例", "", text)
    assert scope.defined == {"研发机构": "research_institutes"}
    rule = "研发机构、高等院校的科研人员将职务科技成果转让的，从转让净收入中提取不低于百分之七十的比例"
    eligibility = read(rule, "百分之七十", place="上海市", scope=scope)
    named = keys(eligibility, "group") + keys(eligibility, "unit")
    assert "research_institutes" in named and "rd_institutions" not in named


def test_firms_and_institutions_together_are_any_organisation():
    text = "支持人工智能大模型企业和机构参照国家相关规定履行合规备案等手续，累计最高可给予200万元的奖励"
    assert keys(read(text, "200万元"), "group") == ["entities"]
