"""A notice over the policies it issues: the notice and each policy as texts
of their own (documents.parsing.attachments), from real notices and from
notices written in their style about other policies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from documents.parsing import parse_document
from documents.parsing.attachments import split_issued

ROOT = Path(__file__).resolve().parents[2]
GENRE = ROOT / "tests" / "data" / "genre"
SOURCES = ROOT / "fixtures" / "sources"


def parsed(text: str):
    return parse_document(text.encode("utf-8"), max_bytes=10**7)


def check_offsets(document) -> None:
    """Every node's text is its span of the document's own text, and the
    raw map covers it."""
    text = document.normalised.text
    assert len(document.normalised.raw_offsets) == len(text) + 1
    for node in document.walk():
        assert node.text == text[node.text_start : node.text_end]
        assert node.start <= node.text_start <= node.text_end <= len(text)


def test_the_beihu_notice_and_the_measures_it_issues():
    notice, parts = split_issued(parsed((GENRE / "subsidy_songjiang_beihu.txt").read_text()))
    assert [p.parsed.meta.title for p in parts] == ["北湖区促进科技型企业高质量发展若干支持措施"]
    assert notice.meta.title == (
        "松江市北湖区人民政府办公室关于印发北湖区促进科技型企业高质量发展若干支持措施的通知"
    )
    assert notice.meta.doc_type == "通知"
    assert notice.meta.doc_number == "松北府办发〔2023〕12号"
    assert [node.kind for node in notice.provisions] == [
        "title", "preamble", "preamble", "preamble", "signature", "signature"
    ]
    policy = parts[0].parsed
    assert policy.meta.doc_type == "措施"
    # Who issued it and when are the notice's; its 文号 stays the notice's.
    assert policy.meta.issuer == "松江市北湖区人民政府办公室"
    assert policy.meta.issued_on == date(2023, 3, 15)
    assert policy.meta.doc_number is None
    assert policy.normalised.text.startswith("北湖区促进科技型企业高质量发展若干支持措施\n")
    assert "印发给你们" not in policy.normalised.text
    assert "一、支持企业加大研发投入" not in notice.normalised.text
    for document in (notice, policy):
        check_offsets(document)
    # The raw text behind a provision is the printed one.
    node = next(n for n in policy.walk() if n.label in ("（一）", "(一)"))
    raw = policy.normalised.raw_slice(node.text_start, node.text_end)
    assert "200万元" in raw and raw.startswith("研发费用后补助")


@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_the_bundled_texts_split_only_where_a_notice_issues_a_policy(name):
    notice, parts = split_issued(parsed((SOURCES / name).read_text()))
    # 001 and 003: a forwarding notice (no title of its own) over its plan.
    assert len(parts) == (1 if name.startswith(("001", "003")) else 0)
    for part in parts:
        assert part.label == ""
        assert part.parsed.meta.title in ("吉林省促进科技成果转移转化实施方案", "创新型吉林建设科技行动计划")
        assert notice.meta.title is None  # the 《》 of its sentence is the plan's title
        assert notice.meta.subject == f"印发《{part.parsed.meta.title}》的通知"
        assert notice.meta.doc_type == "通知"
        check_offsets(part.parsed)
        check_offsets(notice)


NOTICE_OVER_TWO = """云川市人民政府办公室关于印发《云川市首台套装备推广应用奖励办法》和《云川市科技企业孵化器认定管理细则》的通知

云府办发〔2024〕7号

各区县人民政府，市政府各部门：

　　《云川市首台套装备推广应用奖励办法》《云川市科技企业孵化器认定管理细则》已经市政府同意，现印发给你们，请认真贯彻执行。

云川市人民政府办公室

2024年5月20日

云川市首台套装备推广应用奖励办法

第一条　为鼓励首台套装备推广应用，制定本办法。

第二条　对首台套装备，按销售价格的20%给予奖励，最高300万元。

云川市科技企业孵化器认定管理细则

第一条　为规范科技企业孵化器认定，制定本细则。

第二条　对新认定的市级孵化器，一次性给予50万元奖励。
"""


def test_a_notice_issuing_two_policies_gives_two_documents():
    notice, parts = split_issued(parsed(NOTICE_OVER_TWO))
    assert [p.number for p in parts] == [1, 2]
    assert [p.parsed.meta.title for p in parts] == [
        "云川市首台套装备推广应用奖励办法",
        "云川市科技企业孵化器认定管理细则",
    ]
    assert [p.parsed.meta.doc_type for p in parts] == ["办法", "细则"]
    assert notice.meta.doc_number == "云府办发〔2024〕7号"
    first, second = (p.parsed for p in parts)
    assert "300万元" in first.normalised.text and "50万元" not in first.normalised.text
    assert "50万元" in second.normalised.text and "首台套" not in second.normalised.text
    assert all(p.parsed.meta.issued_on == date(2024, 5, 20) for p in parts)
    for document in (notice, first, second):
        check_offsets(document)


LABELLED = """西岭市科学技术局关于印发《西岭市技术转移机构绩效评价办法》的通知

西科发〔2023〕15号

各有关单位：

　　现将《西岭市技术转移机构绩效评价办法》印发给你们，请遵照执行。

附件：西岭市技术转移机构绩效评价办法

西岭市科学技术局

2023年9月1日

附件

西岭市技术转移机构绩效评价办法

第一条　为提升技术转移机构服务能力，制定本办法。

第二条　评价结果为优秀的，给予20万元奖励。
"""


def test_a_policy_under_a_labelled_attachment_keeps_its_label():
    notice, parts = split_issued(parsed(LABELLED))
    assert len(parts) == 1
    assert parts[0].label == "附件"
    policy = parts[0].parsed
    assert policy.meta.title == "西岭市技术转移机构绩效评价办法"
    assert policy.meta.issuer == "西岭市科学技术局"
    assert "20万元" in policy.normalised.text
    assert "20万元" not in notice.normalised.text
    check_offsets(policy)
    check_offsets(notice)


FORMS = """东港市科学技术局关于组织申报2024年度科技创新券的通知

各有关企业：

　　为做好2024年度科技创新券申报工作，现将有关事项通知如下。

　　一、申报条件

　　在本市注册的科技型中小企业。

　　二、支持标准

　　每家企业最高给予10万元创新券。

东港市科学技术局

2024年3月1日

附件1

科技创新券申请表

一、企业基本情况

附件2

承诺书

本单位承诺所报材料真实。
"""


def test_forms_under_a_call_stay_part_of_it():
    whole = parsed(FORMS)
    notice, parts = split_issued(whole)
    assert parts == []
    assert notice is whole


COVER_WITH_FORM = """北川县科学技术局关于报送科技特派员名单的通知

各乡镇：

　　请于5月30日前报送科技特派员名单。

北川县科学技术局

2024年5月6日

附件

科技特派员推荐表

姓名、单位、专业。
"""


def test_a_form_under_a_cover_notice_stays_part_of_it():
    _, parts = split_issued(parsed(COVER_WITH_FORM))
    assert parts == []


# sd-jinan-measures-kunpeng-ascend-service-vouchers-2021 (held-out-9): a
# notice with no title line issues a policy whose title is printed over four
# lines, without an 附件 label and without the 、 of the notice's 《…》.
JINAN = (ROOT / "tests" / "data" / "corpus" / "held-out-9"
         / "sd-jinan-measures-kunpeng-ascend-service-vouchers-2021.txt")
# style: another city's notice, a title over three lines
OVER_THREE_LINES = """各区科技部门，各有关单位：

　　《东川市智能制造示范工厂、数字化车间认定管理办法（试行）》已经市政府同意，现印发给你们，请认真贯彻执行。

东川市科学技术局

2024年4月2日

东川市智能制造示范工厂
数字化车间
认定管理办法（试行）

第一章　总则

第一条　为推进智能制造，制定本办法。

第二章　支持标准

第二条　认定为示范工厂的，给予50万元奖励。
"""


@pytest.mark.parametrize(
    ("text", "title", "chapters"),
    [
        (JINAN.read_text(encoding="utf-8"),
         "济南“鲲鹏+昇腾”生态创新中心华为（济南）软件开发云创新中心华为（济南）人工智能创新中心"
         "服务资源供给办法（V1.0）", 5),
        (OVER_THREE_LINES, "东川市智能制造示范工厂数字化车间认定管理办法（试行）", 2),
    ],
)
def test_a_policy_title_printed_over_several_lines_opens_the_issued_policy(text, title, chapters):
    notice, parts = split_issued(parsed(text))
    assert [p.parsed.meta.title for p in parts] == [title]
    assert len([n for n in parts[0].parsed.walk() if n.kind == "chapter"]) == chapters
    assert not any(n.kind == "chapter" for n in notice.walk())
    check_offsets(parts[0].parsed)
