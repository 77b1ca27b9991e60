"""What a form's fields cannot hold: ``detail=名称:值`` lines, and what they
settle beyond the rules that read them (``eligibility.patents``,
``eligibility.cases``): the office of a foreign grant ("授权国家: 美国"),
where a result is carried out ("作价投资企业所在地: 辽宁省沈阳市"), the kind
of a project ("项目类型: 医药冷链物流配送中心（现代服务业）").  Pure Python
(no Django); works on a ``profiles.Profile``.
"""

from __future__ import annotations

import re

from measures.extraction.eligibility.events import EVENTS_BY_KEY
from measures.extraction.eligibility.patents import office_of
from measures.extraction.places import Contradiction, applicant_place

# Details that say where the result is carried out, and what a project is.
CARRIED_OUT_KEY_RE = re.compile(r"所在地|投产地|实施地|转化地|落地")
KIND_KEY_RE = re.compile(r"项目类型|项目类别|行业|领域|产业")


def read_details(profile, lines: list[str], unknown: list[str]) -> list[str]:
    """Read ``lines`` ("名称:值", one a line, several to a value) into
    ``profile.details`` and what they settle; a line with no name or no value
    goes to ``unknown``.  Returns the words that may name the applicant's
    sector (a project's kind)."""
    for value in (line for given in lines for line in given.splitlines()):
        name, _, said = re.sub("：", ":", value, count=1).partition(":")
        if name.strip() and said.strip():
            profile.details[name.strip()] = said.strip()
        elif value.strip():
            unknown.append(f"detail={value}")
    _narrow_office(profile)
    for key, value in profile.details.items():
        if CARRIED_OUT_KEY_RE.search(key) and not profile.carried_out:
            try:
                place = applicant_place(value)  # the narrowest place it names
            except Contradiction:
                place = None
            profile.carried_out = place.path if place else ""
    return [value for key, value in profile.details.items() if KIND_KEY_RE.search(key)]


def _narrow_office(profile) -> None:
    """A foreign grant whose office the details name ("授权国家": "美国") is
    that office's grant."""
    generic = "patent_invention_foreign"
    level = office_of(profile.details) if generic in profile.events else ""
    key = EVENTS_BY_KEY[generic].levels.get(level)
    if key:
        profile.events[profile.events.index(generic)] = key
