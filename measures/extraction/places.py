"""Places in text: which part of China a document governs, or an applicant is in.

Pure Python (no Django); the names are the tables of ``gazetteer``.  A place
is a path ("吉林省/通化市/柳河县", "" for the whole country) and an optional
named *area* inside it (a zone a clause names: "生成式人工智能创新生态先导区").

``find_places`` reads every place name in a text ("吉林省通化市柳河县" is three
names, one place); ``place_of`` makes one place of them, or says that the
names contradict each other (长春市 and 上海市徐汇区 in one profile); and
``jurisdiction`` reads a document's from its issuer, title and first lines.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from measures.extraction.gazetteer import (
    AMBIGUOUS_SHORT_NAMES,
    CITIES,
    INSTITUTIONS,
    LANDMARKS,
    PROVINCE_SHORT_NAMES,
    PROVINCES,
    SUFFIXES,
)

# Issuers and title words of national documents (the place "", everywhere).
NATIONAL_RE = re.compile(
    r"中华人民共和国|全国人民代表大会|全国人大|国务院|中共中央|^国家|科学技术部|科技部|"
    r"财政部|国家税务总局|国家知识产权局|国家发展和改革委员会|国家发展改革委|教育部|"
    r"工业和信息化部|人力资源和社会保障部"
)
# How far into a text its issuer or subject is looked for when the header
# lost them (the crawled 徐汇区 texts are one line: "徐汇区关于…的意见为…").
HEAD_CHARS = 120


@dataclass(frozen=True)
class PlaceHit:
    path: str
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class Place:
    """A place read from text: its path, a named area inside it, and the
    words (with offsets into the text read) it came from."""

    path: str
    area: str = ""
    words: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def name(self) -> str:
        """How pages name it: "吉林省通化市柳河县", "全国" for the country."""
        name = self.path.replace("/", "") or "全国"
        return f"{name}（{self.area}）" if self.area else name


class Contradiction(ValueError):
    """Place names of a text that no one place holds (two provinces)."""


def _short(name: str) -> str:
    if name in PROVINCE_SHORT_NAMES:
        return PROVINCE_SHORT_NAMES[name]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@functools.cache
def _paths() -> dict[str, int]:
    """Every path of the gazetteer with its depth."""
    paths: dict[str, int] = {}
    for province, children in PROVINCES.items():
        paths[province] = 1
        for child in children.split():
            paths[f"{province}/{child}"] = 2
    for city, children in CITIES.items():
        paths[city] = 2
        for child in children.split():
            paths[f"{city}/{child}"] = 3
    return paths


@functools.cache
def _names() -> tuple[dict[str, tuple[str, ...]], re.Pattern[str]]:
    """Name -> the paths it may mean, and one pattern of every name (longest
    first, so "吉林省" wins over "吉林", "浦东新区" over "浦东")."""
    meanings: dict[str, set[str]] = {}
    for path in _paths():
        full = path.rsplit("/", 1)[-1]
        meanings.setdefault(full, set()).add(path)
        short = _short(full)
        if short != full and short not in AMBIGUOUS_SHORT_NAMES:
            meanings.setdefault(short, set()).add(path)
    for landmark, path in LANDMARKS.items():
        meanings.setdefault(landmark, set()).add(path)
    ordered = sorted(meanings, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(name) for name in ordered))
    return {name: tuple(sorted(paths)) for name, paths in meanings.items()}, pattern


def _depth(path: str) -> int:
    return path.count("/") + 1 if path else 0


def _within(path: str, ancestor: str) -> bool:
    return not ancestor or path == ancestor or path.startswith(ancestor + "/")


def find_places(text: str) -> list[PlaceHit]:
    """The place names in ``text``, each read as one path: a name of several
    places is read under a place named before it, else as the highest of
    them when only one is highest, else dropped."""
    meanings, pattern = _names()
    hits: list[PlaceHit] = []
    for match in pattern.finditer(text):
        options = meanings[match.group()]
        under = [p for p in options if any(_within(p, h.path) for h in hits)]
        if under:
            options = tuple(under)
        if len(options) > 1:
            top = min(_depth(p) for p in options)
            options = tuple(p for p in options if _depth(p) == top)
        if len(options) == 1:
            hits.append(PlaceHit(options[0], match.start(), match.end(), match.group()))
    return hits


def place_of(text: str, *, offset: int = 0) -> Place | None:
    """The one place the names of ``text`` describe (the deepest; the others
    must lie on its way up), None when it names none.  A landmark that is
    not a district of its own ("生成式人工智能创新生态先导区") is kept as the area.
    Raises Contradiction for names of places apart (长春市 … 上海市徐汇区)."""
    hits = find_places(text)
    if not hits:
        return None
    deepest, area = _deepest(hits)
    return Place(
        deepest.path, area, deepest.words, deepest.start + offset, deepest.end + offset
    )


def _deepest(hits):
    """The deepest of ``hits`` and the first landmark among them (the area);
    Contradiction when one of them does not lie on the deepest's way up."""
    deepest = max(hits, key=lambda h: _depth(h.path))
    for hit in hits:
        if not _within(deepest.path, hit.path):
            raise Contradiction(f"{hit.words} / {deepest.words}")
    area = next((h.words for h in hits if h.words in LANDMARKS and len(h.words) > 6), "")
    return deepest, area


# Where an applicant is: a place after 在/位于/注册在 ("在东莞松山湖创办的"),
# or one that an applicant is said to be of ("长春的一家", "舟山一家").  A
# place inside another name ("中科院长春应化所", "香港青年") says nothing of it.
LOCATED_BEFORE_RE = re.compile(r"(?:在|于|落户|位于|注册在)$")
LOCATED_AFTER_RE = re.compile(r"^(?:的?一[家所个位名支]|的|市|地区|本地)")
# Where a person is from ("我是澳门的", "来自香港") yields to where the applicant
# is registered or works ("在广州南沙注册了个…公司"): the origin counts only
# when no place is introduced by LOCATED_BEFORE_RE.
ORIGIN_BEFORE_RE = re.compile(r"来自$")
# A second role ("…，也是延吉的一名大学生") keeps its place beside the first.
SECOND_ROLE_RE = re.compile(r"也是|同时是|又是")
# A name written right after the applicant's place without its own suffix
# that lies outside it is a smaller place the gazetteer does not hold ("徐汇
# 龙华": 龙华街道, not 深圳的龙华区): it is left out.
ADMINISTRATIVE_SUFFIXES = ("省", "市", "区", "县", "州", "盟", "旗")
# A place written right after the other party's marker is the other party's
# ("从上海一家民营科技公司买了一项专利", "卖给了北京的一家企业").
OTHER_PARTY_BEFORE_RE = re.compile(r"(?:从|向|与|同|给了?)$")


def applicant_place(text: str) -> Place | None:
    """Where the applicant described by ``text`` is (see ``LOCATED_*``), the
    names written side by side with it included ("吉林省通化市柳河县", "浦东
    张江").  Raises Contradiction when it is said to be in two places apart
    ("我是长春市的一家民营企业，也是上海市徐汇区的一所公办大学")."""
    found = find_places(text)
    # A place named as the other party's is theirs where it recurs after ("转让给了
    # 江苏的一家企业，在江苏那边投产": the applicant is not in 江苏).
    theirs = [h for h in found if OTHER_PARTY_BEFORE_RE.search(text, 0, h.start)]
    hits = [
        h for h in found
        if h not in theirs and not any(t.path == h.path and t.start < h.start for t in theirs)
    ]
    placed = [h for h in hits if LOCATED_BEFORE_RE.search(text, 0, h.start)]
    of = [
        h for h in hits
        if ORIGIN_BEFORE_RE.search(text, 0, h.start) or LOCATED_AFTER_RE.match(text[h.end :])
    ]
    if SECOND_ROLE_RE.search(text):
        placed = placed + of  # two roles, each with its place: both count
    chosen = set(placed or of or hits[:1])
    grown = True
    while grown:
        grown = False
        for hit in hits:
            if hit not in chosen and any(
                hit.end == c.start or c.end == hit.start for c in chosen
            ):
                inside = any(_within(hit.path, c.path) or _within(c.path, hit.path) for c in chosen)
                if not inside and not hit.words.endswith(ADMINISTRATIVE_SUFFIXES):
                    continue
                chosen.add(hit)
                grown = True
    if not chosen:
        return None
    ordered = sorted(chosen, key=lambda h: h.start)
    deepest, area = _deepest(ordered)
    words = "".join(h.words for h in ordered)
    return Place(deepest.path, area, words, ordered[0].start, ordered[-1].end)


# An institution bought from or dealt with is the other party's
# ("买了哈工大的一项专利", "从吉大引进的成果").
INSTITUTION_OTHER_PARTY_RE = re.compile(
    OTHER_PARTY_BEFORE_RE.pattern.removesuffix("$") + r"|(?:买了?|购买了?|购入|受让了?|引进了?)$"
)


@functools.cache
def _institutions() -> tuple[dict[str, str], re.Pattern[str]]:
    places = {name: path for names, path in INSTITUTIONS.items() for name in names.split()}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(places, key=len, reverse=True)))
    return places, pattern


def institutions_in(text: str) -> list[tuple[str, int, int]]:
    """Every university or institute of INSTITUTIONS named in ``text``, with
    its offsets."""
    return [(m.group(), m.start(), m.end()) for m in _institutions()[1].finditer(text)]


def institution_place(text: str) -> Place | None:
    """Where the applicant is when ``text`` names no place of it but the
    university or institute it belongs to ("东北师大的一个课题组" -> 吉林省/长春市):
    the first institution named that is not the other party."""
    places, pattern = _institutions()
    for m in pattern.finditer(text):
        if not INSTITUTION_OTHER_PARTY_RE.search(text, 0, m.start()):
            return Place(places[m.group()], "", m.group(), m.start(), m.end())
    return None


def _national(text: str) -> re.Match[str] | None:
    return NATIONAL_RE.search(text)


def jurisdiction(title: str, issuer: str, text: str) -> Place:
    """The place a document governs, with the words it was read from: its
    issuer's place, else its title's, else a national issuer or title,
    else the place its first lines name, else the place its text names most
    (the bundled 000 lost its header but speaks of 全省 and 吉林 throughout).
    Offsets are given for words read from ``text`` only."""
    for source in (issuer, title):
        try:
            place = place_of(source)
        except Contradiction:
            place = None
        if place:
            return Place(place.path, place.area, place.words)
        national = _national(source)
        if national:
            return Place("", "", national.group())
    head = text[:HEAD_CHARS]
    try:
        place = place_of(head)
    except Contradiction:
        place = None
    if place:
        return place
    national = _national(head)
    if national:
        return Place("", "", national.group(), national.start(), national.end())
    return _most_named(text)


def _most_named(text: str) -> Place:
    """The province named most often in ``text`` (its short name too: "吉林"
    is read here as the province), or the country when none is named."""
    counts: Counter[str] = Counter()
    first: dict[str, re.Match[str]] = {}
    names = {name: province for province in PROVINCES for name in (province, _short(province))}
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    for match in pattern.finditer(text):
        province = names[match.group()]
        counts[province] += 1
        first.setdefault(province, match)
    if not counts:
        return Place("")
    province = counts.most_common(1)[0][0]
    match = first[province]
    return Place(province, "", match.group(), match.start(), match.end())


def covers(rule_path: str, applicant_path: str) -> bool:
    """Whether a rule of ``rule_path`` reaches an applicant in ``applicant_path``."""
    return _within(applicant_path, rule_path)


def ancestors(path: str) -> list[str]:
    """``path`` and every place above it, the country ("") first."""
    parts = path.split("/") if path else []
    return ["/".join(parts[:i]) for i in range(len(parts) + 1)]
