import pytest

from targets.indicators import INDICATORS, indicator_by_key, match_indicator


@pytest.mark.parametrize(
    "phrase, unit, key",
    [
        # R&D intensity, four ways, three documents
        ("R&D（创新与开发）经费投入占GDP的比重", "%", "rd_gdp_ratio"),  # 000 (二)
        ("R&D经费占GDP的比重", "%", "rd_gdp_ratio"),  # 003 三
        (
            "研究与试验发展（R&D）经费支出占地区生产总值（GDP）比重",
            "%",
            "rd_gdp_ratio",
        ),  # 004
        ("企业研发投入占全社会研发投入的比重", "%", "enterprise_rd_share"),
        ("高技术产业增加值占工业增加值比重", "%", "hightech_value_added_share"),  # 001
        (
            "高技术产业增加值占规模以上工业增加值比重",
            "%",
            "hightech_value_added_share",
        ),  # 003
        ("技术合同交易额", "亿元", "tech_contract_value"),
        ("技术合同成交额与地区生产总值之比", "%", "tech_contract_gdp_ratio"),
        ("高新技术企业", "户", "hightech_enterprises"),  # 近2500户
        ("高新技术企业数量", "家", "hightech_enterprises"),
        ("万名从业人员中的研发人员数", "人", "researchers_per_10k_employed"),
        ("每万人口高价值发明专利拥有量", "件", "high_value_patents_per_10k"),
        ("全省公民具备科学素养的比例", "%", "science_literacy_share"),
        ("省级重点实验室", "个", "provincial_key_labs"),
        ("吉林省重点实验室", "个", "provincial_key_labs"),  # 002
        ("省级以上企业技术中心", "个", "enterprise_tech_centers"),
        ("省级企业技术中心", "个", "enterprise_tech_centers"),
        ("省级产业技术创新联盟", "个", "industry_innovation_alliances"),
        ("省级中试中心", "个", "pilot_test_centers"),
        ("省级技术转移示范机构", "个", "tech_transfer_demo_institutions"),
        ("技术转移示范机构", "家", "tech_transfer_demo_institutions"),
        ("省级科技企业孵化器", "家", "tech_business_incubators"),
        ("企业院士工作站", "个", "academician_workstations"),
        ("技术经纪人", "人", "tech_brokers"),
        ("培训技术经纪人", "名", "tech_broker_training"),
        ("R&D经费累计投入", "亿元", "rd_expenditure"),
        ("财政科技支出", "亿元", "fiscal_st_expenditure"),
        ("专利申请", "件", "patent_applications"),
        ("专利授权", "件", "patent_grants"),
        ("国家级国际科技合作基地", "家", "national_intl_coop_bases"),  # 002
        ("国家国际科技合作基地", "个", "national_intl_coop_bases"),  # 004
    ],
)
def test_phrases_line_up_on_one_key(phrase, unit, key):
    assert match_indicator(phrase, unit).key == key


@pytest.mark.parametrize(
    "phrase, unit",
    [
        ("新增省级中试中心", "个"),  # an increment, not the stock
        ("高新技术企业培育库", "个"),
        ("R&D（创新与开发）经费投入占GDP的比重", "个"),  # the unit does not fit
        ("科技创新小巨人企业", "户"),
    ],
)
def test_unknown_phrases_keep_no_key(phrase, unit):
    assert match_indicator(phrase, unit) is None


def test_rows_have_what_the_pipeline_stores():
    for row in INDICATORS:
        assert row.key and row.name and row.name_en and row.unit
        assert indicator_by_key(row.key) is row
    assert len({row.key for row in INDICATORS}) == len(INDICATORS)
