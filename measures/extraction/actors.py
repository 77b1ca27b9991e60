"""Responsible units: the government bodies, banks and groups named as doers.

Patterns (data) + one finder (engine).  Pure Python, no Django.

Document patterns relied on:
* provincial departments are written 省 + short name + 厅/委/局: 省科技厅,
  省发改委, 省教育厅, 省工信厅, 省财政厅, 省人社厅, 省商务厅, 省市场监督管理厅
  (省知识产权局), 省国资委 (002, 二、3.);
* collective addressees: 各地, 各有关部门, 各市（州）政府, 省直各相关部门,
  各级科技管理部门, 财政部门、物价部门 (000 （二十八）, （十七）, 001 四、);
* the banks of 002's credit scheme are named: 吉林银行, 中国银行吉林分行.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from documents.extraction.overlaps import inside_longer


class UnitPattern(NamedTuple):
    name: str
    pattern: re.Pattern[str]


# Characters that cannot occur inside a 省X厅 name (they belong to the phrase
# around it: "省级各部门", "省政府各厅委办", "省内…").
_NOT_IN_NAME = r"\W\d_省级各的和与及在对将把为内外属直"

# fmt: off
UNIT_PATTERNS: tuple[UnitPattern, ...] = (
    UnitPattern("provincial_department",
                re.compile(rf"省[^{_NOT_IN_NAME}]{{1,7}}?(?:厅|委|局)(?![员会])")),
    UnitPattern("provincial_leadership",
                re.compile(r"(?:吉林省人民政府办公厅|吉林省人民政府|省人民政府|省政府办公厅"
                           r"|省政府|省委|省科技(?:工作)?领导小组)")),
    UnitPattern("local_governments",
                re.compile(r"(?:各市（州）(?:人民)?政府|各市（州）|市（州）政府|各县（市）(?:人民)?政府"
                           r"|省和当地政府|当地政府|地方政府|各级政府|各地区|各地)")),
    UnitPattern("departments",
                re.compile(r"(?:省直各相关部门|省级各部门|各有关部门|各部门|有关部门|相关部门"
                           r"|各级科技管理部门|科技管理部门|行政主管部门|财政部门|物价部门"
                           r"|科技部门|行业部门)")),
    UnitPattern("national_bodies",
                re.compile(r"(?:国务院|科技部|国家知识产权局)")),
    UnitPattern("named_banks",
                re.compile(r"(?:中国银行吉林分行|吉林银行|国家开发银行|中国人民银行"
                           r"|农业发展银行)")),
)
# fmt: on


# A unit right after these is the object of a preposition, not a doer
# (000 （八）: "加大向全省各地区技术转移和成果转化力度").
NOT_AFTER: tuple[str, ...] = ("向", "到", "往", "全省", "全国")


def find_units(text: str) -> list[str]:
    """Responsible units named in ``text``, in order, without duplicates.

    A match nested in a longer match is dropped ("各市（州）" inside
    "各市（州）政府"; "有关部门" inside "各有关部门").
    """
    spans: list[tuple[int, int, str]] = []
    for unit in UNIT_PATTERNS:
        for match in unit.pattern.finditer(text):
            if text.endswith(NOT_AFTER, 0, match.start()):
                continue
            spans.append((match.start(), match.end(), match.group()))
    nested = inside_longer([(s, e) for s, e, _ in spans])
    spans = [span for span, inside in zip(spans, nested, strict=True) if not inside]
    out: list[str] = []
    for _, _, name in sorted(spans):
        if name not in out:
            out.append(name)
    return out
