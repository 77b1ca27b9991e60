"""find_crossrefs / normalise_title on the real citations of the five documents."""

import pytest

from documents.crossrefs import CrossRef, find_crossrefs, normalise_title
from tests.text import norm


def refs(text: str, **kwargs) -> list[tuple[str, str, str]]:
    return [(r.kind, r.title, r.doc_number) for r in find_crossrefs(text, **kwargs)]


CASES = [
    # 001, preamble of the plan: two titles, each with its 文号 in parentheses.
    (
        "按照《国务院办公厅关于印发促进科技成果转移转化行动方案的通知》（国办发〔2016〕28号）"
        "和《中共吉林省委吉林省人民政府关于深入实施创新驱动发展战略推动老工业基地全面振兴的"
        "若干意见》（吉发〔2016〕26号）要求",
        [
            (
                "both",
                "国务院办公厅关于印发促进科技成果转移转化行动方案的通知",
                "国办发〔2016〕28号",
            ),
            (
                "both",
                "中共吉林省委吉林省人民政府关于深入实施创新驱动发展战略推动老工业基地全面振兴的若干意见",
                "吉发〔2016〕26号",
            ),
        ],
    ),
    # 003: titles separated by 、 and a title with a 文号 after a space.
    (
        "根据《国家技术创新工程总体实施方案》、"
        "《国家中长期科学技术发展纲要2006-2020》以及 "
        "《中共吉林省委吉林省人民政府关于加快经济发展方式转变的若干意见》 "
        "（吉发 〔2010〕19号），"
        "特提出以下行动计划。",
        [
            ("title", "国家技术创新工程总体实施方案", ""),
            ("title", "国家中长期科学技术发展纲要2006-2020", ""),
            (
                "both",
                "中共吉林省委吉林省人民政府关于加快经济发展方式转变的若干意见",
                "吉发〔2010〕19号",
            ),
        ],
    ),
    # 004: full-width digits (folded by the normaliser) and a spaced 文号.
    (
        norm(
            "《吉林省技术市场条例》、《吉林省加快新型研发机构发展实施办法》 （吉政发 "
            "〔２０１８〕３１号）、 "
            "《关于深化项目评审、人才评价、机构评估改革的实施方案》"
            "（吉办发 〔２０１９〕１３号）、"
            "《吉林省人民政府关于优化科研管理提升科研绩效的实施意"
            "见》（吉政发 〔２０１８〕２５号）等系列重要政策相继出台。"
        ),
        [
            ("title", "吉林省技术市场条例", ""),
            ("both", "吉林省加快新型研发机构发展实施办法", "吉政发〔2018〕31号"),
            (
                "both",
                "关于深化项目评审、人才评价、机构评估改革的实施方案",
                "吉办发〔2019〕13号",
            ),
            (
                "both",
                "吉林省人民政府关于优化科研管理提升科研绩效的实施意见",
                "吉政发〔2018〕25号",
            ),
        ],
    ),
    # 002: the reply's own 文号 stands alone on its line.
    ("吉科发办〔2022〕109号", [("doc_number", "", "吉科发办〔2022〕109号")]),
    # 002: a title that is a proposal, not a document with a number.
    (
        "您在省政协十二届五次会议上提出的《关于加快科技成果转化优化创新生态的建议》收悉。",
        [("title", "关于加快科技成果转化优化创新生态的建议", "")],
    ),
    # 000 and 001 both cite the same standard.
    (
        "推动大中型企业、创新型企业、高新技术企业贯彻执行《企业知识产权管理规范》。",
        [("title", "企业知识产权管理规范", "")],
    ),
    # Titles with inner quotes (002) keep them; normalise_title drops them.
    (
        "按照省科技领导小组审议通过的《吉林省科技成果转化“双千工程”实施方案》，",
        [("title", "吉林省科技成果转化“双千工程”实施方案", "")],
    ),
    # Not written in the five texts: a bare 文号 in running text.
    (
        "按照吉政发〔2018〕31号文件要求，",
        [("doc_number", "", "吉政发〔2018〕31号")],
    ),
    # No citation at all.
    ("发挥科技社团促进科技成果转移转化的纽带作用。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_crossrefs(text, expected):
    assert refs(text) == expected


def test_offsets_point_at_the_citation():
    text = "按照《企业知识产权管理规范》（国办发〔2016〕28号）要求"
    (ref,) = find_crossrefs(text, offset=100)
    assert ref == CrossRef(
        102,
        102 + len("《企业知识产权管理规范》（国办发〔2016〕28号）"),
        "企业知识产权管理规范",
        "国办发〔2016〕28号",
        "both",
    )
    assert text[ref.start - 100 : ref.end - 100].endswith("28号）")


def test_bare_number_offsets_skip_lead_word():
    text = "按照吉政发〔2018〕31号文件"
    (ref,) = find_crossrefs(text)
    assert text[ref.start : ref.end] == "吉政发〔2018〕31号"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "《国家中长期科学和技术发展规划 （２０２１－２０３５年）》",
            "国家中长期科学和技术发展规划(2021-2035年)",
        ),
        ("“十四五”国家科技创新规划", '《"十四五"国家科技创新规划》'),
        ("吉林省科技成果转化“双千工程”实施方案", "吉林省科技成果转化双千工程实施方案"),
        (
            "中华人民共和国国民经济和社会发展第十\n四个五年规划",
            "中华人民共和国国民经济和社会发展第十四个五年规划",
        ),
    ],
)
def test_normalise_title_matches_variants(a, b):
    assert normalise_title(a) == normalise_title(b)
