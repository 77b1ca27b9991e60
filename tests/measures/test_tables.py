"""The declarative tables (instrument typology, target groups, subsidy kinds) are
well formed, and the extraction modules stay pure Python."""

import ast
import re
from pathlib import Path

import pytest

from measures.beneficiaries import TARGET_GROUPS
from measures.extraction.keywords import find_hits, matched_rows
from measures.instruments import INSTRUMENT_TYPES, INSTRUMENTS_BY_KEY, STIP_CATEGORIES
from measures.models import SubsidyKind
from measures.subsidy_kinds import KINDS_BY_PRECEDENCE, SUBSIDY_KINDS

ROOT = Path(__file__).parents[2]


def test_instrument_rows():
    keys = [row.key for row in INSTRUMENT_TYPES]
    assert len(keys) == len(set(keys)) >= 30
    for row in INSTRUMENT_TYPES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", row.key)
        assert row.name and row.name_en and row.stip_instrument
        assert row.stip_category in STIP_CATEGORIES
        assert row.keywords and all(row.keywords)


def test_every_stip_category_is_used():
    assert {row.stip_category for row in INSTRUMENT_TYPES} == set(STIP_CATEGORIES)


@pytest.mark.parametrize(
    "key",
    [
        # the Chinese practices the typology must cover
        "post_completion_subsidy",  # 后补助
        "open_competition",  # 揭榜挂帅
        "sci_tech_commissioners",  # 科技特派员
        "incubators",  # 孵化器/众创空间
        "tech_brokers",  # 技术经纪人
        "innovation_alliances",  # 产学研联盟
        "academician_workstations",  # 院士工作站
        "ownership_reform",  # 职务科技成果赋权
        "error_tolerance",  # 容错免责
    ],
)
def test_chinese_practices_are_rows(key):
    assert key in INSTRUMENTS_BY_KEY


def test_target_group_rows():
    keys = [row.key for row in TARGET_GROUPS]
    assert len(keys) == len(set(keys))
    assert all(row.name and row.name_en and row.keywords for row in TARGET_GROUPS)
    names = {row.name for row in TARGET_GROUPS}
    assert {
        "企业",
        "科技型中小企业",
        "高新技术企业",
        "高校",
        "科研院所",
        "科研人员",
        "技术转移机构",
        "孵化器",
        "创业者",
        "大学生/青年",
        "港澳青年",
        "专精特新中小企业",
        "规上企业",
        "新型研发机构",
        "重点实验室",
        "高层次人才",
        "金融机构",
    } <= names
    # every group nests under one that exists (or none)
    keys = {row.key for row in TARGET_GROUPS}
    assert all(row.parent in keys | {""} for row in TARGET_GROUPS)


def test_nested_keyword_gives_the_specific_group():
    # 001 （二）: "以高新技术企业、创新型企业、科技型中小企业为重点"
    text = (
        "以高新技术企业、创新型企业、科技型中小企业为重点，"
        "支持企业与高校、科研院所联合设立研发机构"
    )
    names = [row.name for row in matched_rows(text, TARGET_GROUPS)]
    assert names[:3] == ["高新技术企业", "科技企业", "科技型中小企业"]
    assert "企业" in names  # the bare 企业 of "支持企业与高校…"
    hits = find_hits("科技型中小企业", TARGET_GROUPS)
    assert [hit.keyword for hit in hits] == ["科技型中小企业"]


def test_subsidy_kinds_match_the_model_choices():
    assert {kind.key for kind in SUBSIDY_KINDS} == set(SubsidyKind.values)


def test_every_subsidy_kind_has_a_precedence():
    assert sorted(kind.key for kind in KINDS_BY_PRECEDENCE) == sorted(
        kind.key for kind in SUBSIDY_KINDS
    )


PURE_MODULES = [
    "measures/instruments.py",
    "measures/beneficiaries.py",
    "measures/subsidy_kinds.py",
    *sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "measures" / "extraction").rglob("*.py")
    ),
    "documents/themes.py",
    "documents/crossrefs.py",
]


@pytest.mark.parametrize("path", PURE_MODULES)
def test_no_django_imports(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    modules = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ]
    assert not [m for m in modules if m.split(".")[0] in ("django", "rest_framework")]
