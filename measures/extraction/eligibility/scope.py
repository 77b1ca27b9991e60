"""What a whole document says of where and to whom its rules apply.

Its place is its jurisdiction (``places.jurisdiction``: issuer, title, first
lines).  Its scope sentence ("本政策适用于依法经营的人工智能产业法人或非法人
组织机构", "本意见的适用对象为登记注册在本区的企事业单位") names the groups
and sectors a rule that names none is read with; where it names no sector,
the title's industry is the sector of rules that name no industry at all.
"""

from __future__ import annotations

import re

from documents.extraction.sentences import trimmed_sentences
from measures.beneficiaries import TARGET_GROUPS, TARGET_GROUPS_BY_KEY
from measures.extraction.eligibility.reading import Scope, Term, broadest, narrowest
from measures.extraction.eligibility.terms import (
    SCOPE_CHARS,
    SCOPE_RE,
    SECTOR_HEAD_RE,
    SECTORS,
    SECTORS_BY_KEY,
)
from measures.extraction.keywords import find_hits
from measures.extraction.places import jurisdiction


def read_scope(title: str, issuer: str, text: str) -> Scope:
    place = jurisdiction(title, issuer, text)
    head = text[:SCOPE_CHARS]
    terms: list[Term] = []
    for sentence in trimmed_sentences(head):
        body = head[sentence.start : sentence.end]
        found = SCOPE_RE.search(body)
        if not found:
            continue
        clause_start = sentence.start + found.start()
        clause = head[clause_start : sentence.end]
        for hit in find_hits(clause, TARGET_GROUPS):
            terms.append(
                Term("group", hit.row.key, hit.row.name, hit.keyword,
                     clause_start + hit.start, clause_start + hit.end)
            )
        for sector in SECTORS:
            for word in sector.words:
                for m in re.finditer(re.escape(word), clause):
                    if SECTOR_HEAD_RE.match(clause, m.end()):
                        terms.append(
                            Term("sector", sector.key, sector.label, word,
                                 clause_start + m.start(), clause_start + m.end())
                        )
    # The groups of a scope sentence are alternatives: any of them applies.
    groups = broadest([t for t in terms if t.kind == "group"], TARGET_GROUPS_BY_KEY)
    sectors = narrowest([t for t in terms if t.kind == "sector"], SECTORS_BY_KEY)
    title_sectors = [] if sectors else narrowest(_title_sectors(title), SECTORS_BY_KEY)
    return Scope(place, groups + sectors, title_sectors, _defined_groups(text), _extended(text))


# "研究开发机构、高等院校等事业单位（以下统称“研发机构、高等院校”）": the short
# forms, item by item, of the list before the bracket.
DEFINED_RE = re.compile(
    r"(?P<full>[^，。；：（(“”]{2,40})[（(]以下(?:统称|简称|称)[“\"]?(?P<short>[^”\"）)]{2,30})[”\"]?[）)]"
)
LIST_SEPARATORS = re.compile(r"[、和及与]")


def _defined_groups(text: str) -> dict[str, str]:
    """Short form -> group key, for each group the text defines a short form of
    whose own reading differs from the full name's (研发机构 -> 科研院所)."""
    defined: dict[str, str] = {}
    for m in DEFINED_RE.finditer(text):
        full = re.sub(r"等[^、]*$", "", m.group("full"))
        fulls = LIST_SEPARATORS.split(full)[-len(LIST_SEPARATORS.split(m.group("short"))):]
        for long, short in zip(fulls, LIST_SEPARATORS.split(m.group("short")), strict=False):
            long_hits = find_hits(long, TARGET_GROUPS)
            short_hits = find_hits(short, TARGET_GROUPS)
            if len(long_hits) == 1 and short_hits and long_hits[0].row.key != short_hits[0].row.key:
                defined[short] = long_hits[0].row.key
    return defined


# "本条例有关研发机构、高等院校的规定，适用于政府设立的医疗卫生机构"
EXTENDS_RE = re.compile(
    r"本(?:条例|办法|规定|法|意见|措施)(?:有关|关于)(?P<units>[^，。；的]{2,30})的规定[，,]?"
    r"(?:同样|也)?适用于(?P<also>[^。；，]{2,30})"
)


def _extended(text: str) -> dict[str, tuple[Term, ...]]:
    """Unit key -> the units a sentence of the text extends its rules on that
    unit to, each with the words and offsets it was read from."""
    out: dict[str, tuple[Term, ...]] = {}
    for m in EXTENDS_RE.finditer(text):
        also = tuple(
            Term("unit", h.row.key, h.row.name, h.keyword,
                 m.start("also") + h.start, m.start("also") + h.end)
            for h in find_hits(m.group("also"), TARGET_GROUPS)
        )
        for hit in find_hits(m.group("units"), TARGET_GROUPS):
            out[hit.row.key] = out.get(hit.row.key, ()) + also
    return out


def _title_sectors(title: str) -> list[Term]:
    """The industry a title is about ("关于支持西岸人工智能大模型科创街区建设的扶持
    意见", "低空经济产业高质量发展若干措施"): its rules are that industry's."""
    return [
        Term("sector", sector.key, sector.label, word)
        for sector in SECTORS
        for word in sector.words
        if word in title
    ]
