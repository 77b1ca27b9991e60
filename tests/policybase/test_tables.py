"""Tables a web page prints with TABs between the cells: allocation tables
(values by district or sector, ranges, a text column after the values, a
total row) and tables of text alone.

held-out-12: the 上海 transport photovoltaic plan's 附表2 and 附表3 (real
rows), and tables written in the same style with other numbers and names.
"""

from decimal import Decimal

import pytest

from documents.parsing.pipeline import parse_text
from policybase.ingest.extract import ProvisionContext, extract

CONTEXT = ProvisionContext(doc_year=2023, plan_period=(2021, 2025), section_heading="")

DISTRICTS = "\n".join(
    [
        "一、总体要求",
        "到2025年，全市交通领域新增光伏装机容量确保达到120MW。",
        "附表3",
        "各区“十四五”交通光伏任务分配表",
        "序号\t区域\t新增装机容量（MW）\t\t新增示范工程\t新增典型场景",
        "1\t黄浦区\t0.3-0.4\t1\t1",
        "2\t徐汇区\t2-2.6\t1\t1",
        "3\t浦东新区\t11-14.5\t3\t2",
        "合计\t38-50\t34\t25",
        "注：项目主要包括区管交通设施、停车场等区域。",
    ]
)

SECTORS = "\n".join(
    [
        "一、主要任务",
        "推进重点园区分布式储能建设。",
        "附表2",
        "重点园区“十五五”储能建设分配表",
        "序号\t园区\t建设场所\t十五五储能计划（MWh）\t\t责任单位",
        "1\t高新区\t厂房屋顶、停车场\t12-18\t高新区管委会",
        "2\t经开区\t仓库、办公楼\t6.5-9\t经开区管委会、市发展改革委",
        "汇总\t18.5-27",
    ]
)

TASKS = "\n".join(
    [
        "一、主要任务",
        "附表1",
        "任务分工表",
        "序号\t事项\t工作措施\t责任单位",
        "1\t光伏+地铁\t新建高架车站、地面车站、基地库房等要求屋顶光伏覆盖面积达到50%。\t申通地铁集团",
        "2\t光伏+公交\t到2025年，新建公交停保场屋顶光伏覆盖率超过60%。\t久事集团",
    ]
)


def rows_and_facts(text: str):
    parsed = parse_text(text)
    out = []

    def walk(nodes):
        for node in nodes:
            if node.kind == "table_row":
                out.append((node, extract(node, CONTEXT)))
            walk(node.children)

    walk(parsed.provisions)
    return out


def terms(facts):
    return [(t.indicator_name, t.value, t.value_max, t.unit) for t in facts.targets]


@pytest.mark.parametrize("text", [DISTRICTS, SECTORS])
def test_each_printed_row_is_one_row(text):
    rows = rows_and_facts(text)
    assert [r.heading for r, _ in rows][-1] in ("合计", "汇总")
    assert all("\n" not in r.text for r, _ in rows)


def test_ranges_and_counts_by_district_are_targets():
    rows = rows_and_facts(DISTRICTS)
    assert [r.heading for r, _ in rows] == ["黄浦区", "徐汇区", "浦东新区", "合计"]
    assert terms(rows[0][1]) == [
        ("新增装机容量（黄浦区）", Decimal("0.3"), Decimal("0.4"), "MW"),
        ("新增示范工程（黄浦区）", Decimal("1"), None, "个"),
        ("新增典型场景（黄浦区）", Decimal("1"), None, "个"),
    ]
    assert terms(rows[2][1])[0] == ("新增装机容量（浦东新区）", Decimal("11"), Decimal("14.5"), "MW")
    assert all(t.year == 2025 and t.year_inferred for _, f in rows for t in f.targets)


def test_a_total_row_gives_its_values_to_the_value_columns():
    rows = rows_and_facts(DISTRICTS)
    assert terms(rows[-1][1]) == [
        ("新增装机容量（合计）", Decimal("38"), Decimal("50"), "MW"),
        ("新增示范工程（合计）", Decimal("34"), None, "个"),
        ("新增典型场景（合计）", Decimal("25"), None, "个"),
    ]


def test_text_columns_around_the_values_are_no_targets():
    rows = rows_and_facts(SECTORS)
    assert [terms(f) for _, f in rows] == [
        [("十五五储能计划（高新区）", Decimal("12"), Decimal("18"), "MWh")],
        [("十五五储能计划（经开区）", Decimal("6.5"), Decimal("9"), "MWh")],
        [("十五五储能计划（汇总）", Decimal("18.5"), Decimal("27"), "MWh")],
    ]
    assert rows[0][0].cells["责任单位"] == "高新区管委会"


def test_each_target_points_at_its_cell():
    text = DISTRICTS
    parsed = parse_text(text)
    rows = rows_and_facts(text)
    target = rows[1][1].targets[0]
    assert parsed.normalised.text[target.start : target.end] == "2-2.6"


def test_a_table_of_text_is_read_as_text():
    rows = rows_and_facts(TASKS)
    assert [r.heading for r, _ in rows] == ["光伏+地铁", "光伏+公交"]
    assert [(t.value, t.unit) for _, f in rows for t in f.targets] == [
        (Decimal("50"), "%"),
        (Decimal("60"), "%"),
    ]


def test_support_columns_are_no_targets():
    text = "\n".join(
        [
            "一、支持标准",
            "序号\t事项\t奖励标准（万元）\t名额",
            "1\t新认定高新技术企业\t20\t30",
            "2\t重新认定高新技术企业\t10\t50",
        ]
    )
    rows = rows_and_facts(text)
    assert [terms(f) for _, f in rows] == [
        [("名额（新认定高新技术企业）", Decimal("30"), None, "个")],
        [("名额（重新认定高新技术企业）", Decimal("50"), None, "个")],
    ]


def test_a_unit_column_gives_the_row_its_unit():
    text = "\n".join(
        [
            "一、发展目标",
            "序号\t指标\t单位\t2020年\t2025年\t属性",
            "1\t规模以上工业企业研发投入强度\t%\t1.5\t2.2\t预期性",
            "2\t高新技术企业数量\t家\t800\t1500\t预期性",
        ]
    )
    rows = rows_and_facts(text)
    assert [(t.value, t.unit, t.year) for _, f in rows for t in f.targets] == [
        (Decimal("2.2"), "%", 2025),
        (Decimal("1500"), "家", 2025),
    ]
    assert [(f.value, f.unit, f.year) for _, facts in rows for f in facts.figures] == [
        (Decimal("1.5"), "%", 2020),
        (Decimal("800"), "家", 2020),
    ]
