"""Metadata read from the text of documents that come without a manifest.

Laws and regulations print their adoption history under the title instead of
a signature; 若干意见 and 办法 may print only the date they take effect;
joint issuers may sign side by side on one line; a ten-line 决定 has lines of
one short width that are no wrapped page.  Real sentences from
tests/data/corpus/dev, then the same constructions with other names, bodies
and dates.
"""

from datetime import date
from pathlib import Path

import pytest

from documents.parsing.lines import history_events
from documents.parsing.pipeline import parse_text

DEV = Path(__file__).resolve().parents[1] / "data" / "corpus" / "dev"


def meta_of(key: str):
    return parse_text((DEV / f"{key}.txt").read_text(encoding="utf-8")).meta


@pytest.mark.parametrize(
    "key, title, issuer, issued_on",
    [
        ("cn-law-science-popularization-2024", "中华人民共和国科学技术普及法",
         "全国人民代表大会常务委员会", date(2024, 12, 25)),
        ("cn-law-agricultural-technology-extension-2024", "中华人民共和国农业技术推广法",
         "全国人民代表大会常务委员会", date(2024, 4, 26)),
        ("bj-regulation-international-st-innovation-centre-2024", "北京国际科技创新中心建设条例",
         "北京市人民代表大会", date(2024, 1, 25)),
        ("cn-regulation-national-st-awards-2024", "国家科学技术奖励条例", "国务院", date(2024, 5, 26)),
        ("zj-regulation-technology-market-2021", "浙江省技术市场条例",
         "浙江省人民代表大会常务委员会", date(2021, 9, 29)),
        ("zj-zhoushan-regulation-st-innovation-2019", "舟山市科技创新促进条例",
         "舟山市人民代表大会常务委员会、浙江省人民代表大会常务委员会", date(2019, 11, 29)),
    ],
)
def test_a_law_or_regulation_is_dated_and_issued_by_its_adoption_history(
    key, title, issuer, issued_on
):
    meta = meta_of(key)
    assert (meta.title, meta.issuer, meta.issued_on) == (title, issuer, issued_on)


def test_each_kind_of_history_date_keeps_the_line_it_came_from():
    fields = meta_of("zj-zhoushan-regulation-st-innovation-2019").fields
    assert fields["adopted_on"].value == "2019-10-29"
    assert fields["adopted_on"].line.startswith("2019年10月29日舟山市第七届")
    assert fields["approved_on"].value == "2019-11-29"
    assert fields["approved_on"].line.endswith("第十五次会议批准")
    assert meta_of("cn-regulation-national-st-awards-2024").fields[
        "promulgated_on"
    ].line == "1999年5月23日中华人民共和国国务院令第265号发布"


@pytest.mark.parametrize(
    "line, events",
    [
        ("2023年3月13日 第十四届全国人民代表大会第一次会议通过",
         [(date(2023, 3, 13), "全国人民代表大会", "通过")]),
        ("2011年1月8日 中华人民共和国国务院令第588号公布",
         [(date(2011, 1, 8), "国务院", "公布")]),
        ("2019年3月2日 《国务院关于修改部分行政法规的决定》第二次修订",
         [(date(2019, 3, 2), "国务院", "修订")]),
        ("（2020年9月25日广州市第十五届人民代表大会常务委员会第四十一次会议通过　"
         "2020年11月27日广东省第十三届人民代表大会常务委员会第二十七次会议批准）",
         [(date(2020, 9, 25), "广州市人民代表大会常务委员会", "通过"),
          (date(2020, 11, 27), "广东省人民代表大会常务委员会", "批准")]),
        ("2016年3月1日 科学技术部令第17号发布", [(date(2016, 3, 1), "科学技术部", "发布")]),
    ],
)
def test_history_lines_in_the_same_style(line, events):
    assert history_events(line.replace(" ", "").replace("　", "")) == events


def test_a_law_in_the_same_style():
    raw = (
        "中华人民共和国数字经济促进法\n\n"
        "2023年3月13日 第十四届全国人民代表大会第一次会议通过\n\n"
        "第一章 总 则\n\n第一条 为了促进数字经济发展，制定本法。\n\n"
        "第二条 本法自2024年1月1日起施行。\n"
    )
    meta = parse_text(raw).meta
    assert (meta.title, meta.doc_type, meta.issuer, meta.issued_on) == (
        "中华人民共和国数字经济促进法", "法", "全国人民代表大会", date(2023, 3, 13),
    )
    # The date it takes effect is kept beside it, not instead of it.
    assert meta.fields["effective_on"].value == "2024-01-01"


def test_without_signature_or_history_the_effective_date_dates_the_text():
    meta = meta_of("sh-xuhui-westbund-ai-model-block-support-2024")
    assert meta.issued_on == date(2024, 8, 1)
    assert meta.fields["issued_on"].line == "4.本意见自2024年8月1日起施行，有效期至2025年12月31日"
    # A draft's placeholder date is no date.
    assert meta_of("sh-xuhui-ai-industry-opinions-draft-2025").issued_on is None


def test_the_effective_date_in_the_same_style_and_a_signature_before_it():
    body = "关于促进新型研发机构发展的若干措施\n一、支持对象\n在本区注册的新型研发机构。\n"
    meta = parse_text(body + "二、附则\n本措施自2025年3月1日起施行，有效期三年。\n").meta
    assert meta.issued_on == date(2025, 3, 1)
    signed = body + "二、附则\n本措施自2025年3月1日起施行。\n区科学技术委员会\n2025年2月10日\n"
    assert parse_text(signed).meta.issued_on == date(2025, 2, 10)


def test_joint_issuers_side_by_side_on_one_line_are_kept_whole():
    raw = (
        "关于加强科技成果转化工作的通知\n各有关单位：\n"
        "为加快推动科技成果转化，现就有关事项通知如下。\n"
        "一、加强组织领导\n各单位要高度重视。\n"
        "科学技术部　财政部　教育部\n2023年5月6日\n"
    )
    meta = parse_text(raw).meta
    assert meta.issuer == "科学技术部、财政部、教育部"
    assert meta.fields["issuer"].line == "科学技术部财政部教育部"


def test_a_short_decision_is_not_read_as_a_wrapped_page():
    # Its title, 文号, signature and date lines share one short width.
    meta = meta_of("cn-gov-decision-national-st-awards-2018")
    assert (meta.issuer, meta.issued_on, meta.doc_number) == (
        "国务院", date(2018, 12, 28), "国发〔2018〕44号",
    )
