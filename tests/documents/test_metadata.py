"""detect_meta(): what each text says about itself, and nothing more."""

from datetime import date
from pathlib import Path

import pytest

from documents.parsing.lines import doc_type_of, is_org_name, parse_date_line
from documents.parsing.metadata import detect_meta
from documents.parsing.normalise import normalise
from documents.parsing.types import DocumentMeta

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
FILES = {path.name[:3]: path for path in sorted(SOURCES.glob("*.txt"))}

EXPECTED = {
    # The beginning of 000 is missing: no title, issuer or date in the text.
    "000": DocumentMeta(),
    "001": DocumentMeta(
        title="吉林省促进科技成果转移转化实施方案",
        doc_number=None,  # only cited numbers ("（国办发〔2016〕28号）") in the body
        issuer="吉林省人民政府办公厅",
        issued_on=date(2016, 10, 31),
        doc_type="方案",
    ),
    "002": DocumentMeta(
        title="对省政协十二届五次会议第201号委员提案的答复",
        doc_number="吉科发办〔2022〕109号",
        issuer="吉林省科学技术厅",
        issued_on=date(2022, 7, 6),
        doc_type="答复",
    ),
    "003": DocumentMeta(
        title="创新型吉林建设科技行动计划",
        doc_number=None,
        issuer=None,  # the line above "二○一一年六月七日" is the forwarding sentence
        issued_on=date(2011, 6, 7),
        doc_type="计划",
    ),
    "004": DocumentMeta(title="吉林省科学技术发展“十四五”规划", doc_type="规划"),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metadata_of_each_source(key):
    raw = FILES[key].read_text(encoding="utf-8")
    assert detect_meta(normalise(raw)) == EXPECTED[key]


def test_title_from_a_forwarding_sentence_when_no_title_line():
    raw = (
        "各市（州）人民政府，长白山管委会，各县（市）人民政府，省政府各厅委办、各直属机构：\n"
        "　　省科技厅制定的 《创新型吉林建设科技行动计划》已经省政府同意，现转发给你们，请认真按照执行。\n"
        "　　二○一一年六月七日\n"
        "　　一、指导思想\n"
    )
    meta = detect_meta(normalise(raw))
    assert (meta.title, meta.doc_type, meta.issued_on) == (
        "创新型吉林建设科技行动计划",
        "计划",
        date(2011, 6, 7),
    )


def test_a_doc_number_in_the_body_is_not_the_documents_own():
    raw = (
        "一、总体思路\n"
        "　　按照《国务院办公厅关于印发促进科技成果转移转化行动方案的通知》（国办发〔2016〕28号）"
        "和《中共吉林省委吉林省人民政府关于深入实施创新驱动发展战略推动老工业基地全面振兴的若干意见》"
        "（吉发〔2016〕26号）要求，制定本方案。\n"
        "国办发〔2016〕28号\n"
    )
    assert detect_meta(normalise(raw)).doc_number is None


def test_the_last_date_line_is_the_issue_date():
    raw = (
        "   对省政协十二届五次会议第 201号委员提案的答\n复\n   吉科发办〔2022〕109号\n"
        "丛艳辉委员：\n   您在省政协十二届五次会议上提出的建议收悉。\n"
        "   一、健全资金投入机制\n   1.省科技厅积极探索科技金融服务新模式。2021 年度，累计支持科技企业。\n"
        "      吉林省科学技术厅\n      2022 年 7月 6 日\n"
    )
    meta = detect_meta(normalise(raw))
    assert (meta.issuer, meta.issued_on) == ("吉林省科学技术厅", date(2022, 7, 6))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2016年10月31日", date(2016, 10, 31)),
        ("2022年7月6日", date(2022, 7, 6)),
        ("二〇一一年六月七日", date(2011, 6, 7)),
        ("二〇二三年十二月三十一日", date(2023, 12, 31)),
        ("2022年2月30日", None),  # no such day
        ("2016年10月31日印发", None),  # not a date alone on its line
    ],
)
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("吉林省促进科技成果转移转化实施方案", "方案"),
        ("创新型吉林建设科技行动计划", "计划"),
        ("吉林省科学技术发展“十四五”规划", "规划"),
        ("对省政协十二届五次会议第201号委员提案的答复", "答复"),
        ("吉林省人民政府关于优化科研管理提升科研绩效的实施意见", "意见"),
        ("吉林省加快新型研发机构发展实施办法", "办法"),
        ("吉林省技术市场条例", "条例"),
        ("国务院办公厅关于印发促进科技成果转移转化行动方案的通知", "通知"),
        ("北湖区科技企业研发投入后补助实施细则（试行）", "细则"),
        ("吉林省科学技术发展“十四五”规划编制说明", None),
    ],
)
def test_doc_type_is_the_genre_word_ending_the_title(title, doc_type):
    assert doc_type_of(title) == doc_type


@pytest.mark.parametrize(
    ("line", "is_org"),
    [
        ("吉林省人民政府办公厅", True),
        ("吉林省科学技术厅", True),
        ("省科技厅制定的《创新型吉林建设科技行动计划》已经省政府同意", False),
        ("丛艳辉委员：", False),
    ],
)
def test_organisation_names(line, is_org):
    assert is_org_name(line) is is_org
