"""Four documents of the same genre that the rules were not written for.

tests/data/genre/ holds a regulation (第X章/第X节/第X条), a plan (第X章/第X节 with
a table and a 专栏 box, hard-wrapped with page marks and full-width digits),
a reply to a CPPCC proposal (一、/1./一是, hard-wrapped, blank lines between
paragraphs only) and a district subsidy scheme forwarded by a notice (一、/
（一）/1., half-width punctuation), the last one also encoded in GB18030.
No rule was added for them: their structure and metadata must come out of
the same grammar that handles the five sources.
"""

from datetime import date
from pathlib import Path

import pytest

from documents.parsing.outline import outline
from documents.parsing.pipeline import parse_document
from documents.parsing.types import DocumentMeta

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
LIMIT = 1_000_000


def parsed(name: str):
    return parse_document((GENRE / name).read_bytes(), max_bytes=LIMIT)


REGULATION = """\
title 松江市科技成果转化促进条例
preamble
chapter 第一章 总则
  article 第一条
  article 第二条
    paragraph ×1
  article 第三条
    paragraph ×1
chapter 第二章 组织实施
  article 第四条
  article 第五条
    numbered_section （一）
    numbered_section （二）
    numbered_section （三）
    numbered_section （四）
    numbered_section （五）
  article 第六条
  article 第七条
chapter 第三章 保障措施
  section 第一节 资金支持
    article 第八条
    article 第九条
  section 第二节 人才支持
    article 第十条
    article 第十一条
      numbered_section （一）
      numbered_section （二）
chapter 第四章 法律责任
  article 第十二条
  article 第十三条
chapter 第五章 附则
  article 第十四条"""

PLAN = """\
title 松江市“十四五”科技创新发展规划
preamble
chapter 第一章 发展基础与面临形势
  section 第一节 发展基础
    paragraph ×4
  section 第二节 面临形势
    paragraph ×1
chapter 第二章 总体要求
  section 第一节 指导思想
    paragraph ×1
  section 第二节 发展目标
    paragraph ×1
    table 表1“十四五”科技创新主要指标
      table_row １ 全社会研发经费投入强度（%） | 2020年=1.3 2025年=2.0
      table_row ２ 高新技术企业数量（家） | 2020年=320 2025年=600
      table_row ３ 技术合同成交额（亿元） | 2020年=15 2025年=30
      table_row ４ 每万人口发明专利拥有量（件） | 2020年=4.2 2025年=7.5
    paragraph ×1
chapter 第三章 重点任务
  section 第一节 建设高能级创新平台
    item １． 完善重点实验室体系
    item ２． 建设产业技术创新中心
    item ３． 发展新型研发机构
    box 专栏１ 重点创新平台建设工程
      box_item １ 国家级创新平台
      box_item ２ 省级创新平台
      box_item ３ 新型研发机构
  section 第二节 培育壮大创新主体
    item １． 实施高新技术企业倍增计划
    item ２． 支持企业加大研发投入
chapter 第四章 保障措施
  section 第一节 加强组织领导
    paragraph ×1
  section 第二节 加强资金保障
    paragraph ×1"""

REPLY = """\
title 对市政协十四届二次会议第86号提案的答复
preamble
preamble
preamble
part 一、 关于加大财政资金支持力度
  item １． 完善科技专项资金体系
  item ２． 落实研发费用后补助政策
part 二、 关于拓宽企业融资渠道
  item １． 推动科技金融产品创新
  item ２． 发挥政府引导基金作用
part 三、 关于强化创新人才支撑
  paragraph ×1
paragraph ×2
signature
signature"""

SUBSIDY = """\
title 松江市北湖区人民政府办公室关于印发北湖区促进科技型企业高质量发展若干支持措施的通知
preamble
preamble
preamble
signature
signature
attachment 北湖区促进科技型企业高质量发展若干支持措施
  paragraph ×1
  part 一、 支持企业加大研发投入
    numbered_section (一) 研发费用后补助
    numbered_section (二) 研发平台建设奖励
      item 1.
      item 2.
      item 3.
  part 二、 支持企业梯次培育
    numbered_section (一) 高新技术企业认定奖励
    numbered_section (二) 科技型中小企业评价入库奖励
    numbered_section (三) "专精特新"企业培育
      item 1.
      item 2.
  part 三、 支持科技成果转化
    numbered_section (一) 技术合同交易补助
    numbered_section (二) 中试熟化支持
  part 四、 附则
    numbered_section (一)
    numbered_section (二)"""

CASES = {
    "regulation_songjiang_transfer.txt": (
        REGULATION,
        # The adoption history under the title: passed by the city's
        # congress, approved by the province's (the date in force).
        DocumentMeta(
            title="松江市科技成果转化促进条例",
            doc_type="条例",
            issuer="松江市人民代表大会常务委员会、吉林省人民代表大会常务委员会",
            issued_on=date(2021, 11, 26),
        ),
    ),
    "plan_songjiang_14th.txt": (
        PLAN,
        DocumentMeta(title="松江市“十四五”科技创新发展规划", doc_type="规划"),
    ),
    "reply_songjiang_cppcc86.txt": (
        REPLY,
        DocumentMeta(
            title="对市政协十四届二次会议第86号提案的答复",
            doc_number="松科函〔2023〕45号",
            issuer="松江市科学技术局",
            issued_on=date(2023, 6, 28),
            doc_type="答复",
        ),
    ),
    "subsidy_songjiang_beihu.txt": (
        SUBSIDY,
        DocumentMeta(
            # The notice is printed above the one policy it issues: the text
            # is titled by the policy (tests/data/corpus/README.md).
            title="北湖区促进科技型企业高质量发展若干支持措施",
            doc_number="松北府办发〔2023〕12号",
            issuer="松江市北湖区人民政府办公室",
            issued_on=date(2023, 3, 15),
            doc_type="措施",
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_structure_is_recovered(name):
    assert outline(parsed(name).provisions) == CASES[name][0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_metadata_is_detected(name):
    assert parsed(name).meta == CASES[name][1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_node_keeps_its_text_slice(name):
    document = parsed(name)
    text = document.normalised.text
    for node in document.walk():
        assert node.text == text[node.text_start : node.text_end]


def test_gb18030_copy_parses_like_the_utf8_original():
    utf8 = parsed("subsidy_songjiang_beihu.txt")
    gb = parsed("subsidy_songjiang_beihu.gb18030.txt")
    assert gb.normalised.text == utf8.normalised.text
    assert outline(gb.provisions) == SUBSIDY
    assert gb.meta == utf8.meta


def test_the_genre_documents_are_real_text_files():
    files = sorted(GENRE.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        lines = path.read_bytes().count(b"\n")
        assert 40 <= lines <= 120, path.name


def test_hard_wraps_and_page_marks_are_undone_in_the_plan():
    text = parsed("plan_songjiang_14th.txt").normalised.text
    # a page mark between "…对" / "- 2 -" / "研发投入增长较快的企业…"
    assert "落实研发费用加计扣除等政策，对研发投入增长较快的企业给予后补助" in text
    assert "- 1 -" not in text and "- 2 -" not in text
    assert "规划期为2021—2025年。" in text


def test_a_wrapped_decimal_is_not_an_item_in_the_reply():
    # "…市本级安排科技专项资金" / "１．５亿元，同比增长１２％…"
    item = next(
        n for n in parsed("reply_songjiang_cppcc86.txt").walk() if n.label == "１．"
    )
    assert "市本级安排科技专项资金1.5亿元，同比增长12%" in item.text


def test_subsidy_amounts_survive_normalisation():
    document = parsed("subsidy_songjiang_beihu.txt")
    (item,) = [n for n in document.walk() if n.heading == "研发费用后补助"]
    assert item.text.endswith("按照增量部分的10%给予补助，单个企业每年最高50万元。")
