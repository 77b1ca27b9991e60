"""An applicant's profile, read from a form or from one line of free text.

Pure Python (no Django).  The vocabulary is the one the rules are read
with: target groups (``measures.beneficiaries``), places (``places``),
events and sectors (``eligibility``), and the measured quantities of
thresholds.  ``from_fields`` reads the structured form (keys or their
Chinese names), ``from_text`` a line such as "长春市的高新技术企业，今年新认
定为专精特新"; both say how they read each part (``readings``), and raise
``Unreadable`` with a bilingual message for a profile they cannot read: an
empty one, one naming nothing they know, or one that contradicts itself
(two places apart; a person and a firm; a firm and a university).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from measures.beneficiaries import TARGET_GROUPS, TARGET_GROUPS_BY_KEY
from measures.extraction.details import read_details
from measures.extraction.eligibility.cases import UNIT_KIND_KEY
from measures.extraction.eligibility.events import (
    EVENTS,
    EVENTS_BY_KEY,
    is_free_event,
    level_of,
)
from measures.extraction.eligibility.patents import OFFICE_WORDS
from measures.extraction.eligibility.reading import is_person_group
from measures.extraction.eligibility.terms import (
    MEASURED,
    MEASURED_BY_KEY,
    SECTORS,
    SECTORS_BY_KEY,
)
from measures.extraction.keywords import Hit, find_hits
from measures.extraction.places import (
    SECOND_ROLE_RE,
    Contradiction,
    applicant_place,
    covers,
    find_places,
    institution_place,
    institutions_in,
)
from measures.extraction.sectors import PROJECT_KIND_RE, PROJECT_KINDS, read_sectors

# Quantities a profile may state besides the measured ones of thresholds:
# the count of invention patents granted (each a 每件 rule's multiplier).
COUNTS = {
    "patents": "发明专利数（件）",
    "domestic_invention_patents": "国内发明专利授权数（件）",
    "foreign_invention_patents": "国外发明专利授权数（件）",
}
NUMBER_FIELDS = {**{m.key: f"{m.label}（{m.unit}）" for m in MEASURED}, **COUNTS}

# Organisations an applicant cannot be two of at once (a firm is not a
# university); people are never organisations.
EXCLUSIVE_ROOTS = (
    "enterprises", "universities", "research_institutes", "medical_institutions",
    "financial_institutions", "incubators",
)

# "今年" and "刚" say an event is of the year asked about; a year written
# out ("2016年提交") says when it happened.
YEAR_RE = re.compile(r"(?:19|20)\d{2}年")
# Free-text numbers: "研发投入500万元", "20件国内发明专利", "一年销售额800万左右"
# (万 and 亿 alone are money as people say it), "600亩人参种植基地".
AMOUNT_RE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)(?:来|多|余)?"  # "3000来万", "3000多万": about that much
    r"(?P<unit>亿元|万元|元|件|%|亩|亿(?![件亩人个项])|万(?![件亩人个项]))"
)


# A factory named as people do ("电子厂", "五金厂"; not 厂房, 厂区, 厂长).
FACTORY_RE = re.compile(r"(?:(?![给的了个家在和与跟从向把被])[\u4e00-\u9fff]){0,3}厂(?![房区址商长家])")
# ...but not another one ("许可给别的厂用了").
OTHER_FACTORY_RE = re.compile(r"(?:别的|其他的?|另一?家的?|人家的?)$")

# Events whose words may name a place that is not the applicant's.
GRANT_OFFICE_EVENTS = {
    "patent_invention_foreign", "patent_foreign_major", "patent_foreign_hmt",
    "patent_foreign_other",
}

OFFICE_RE = re.compile(OFFICE_WORDS)

# Families of events a line may name several of, each in words of its own
# (two patents granted); of the others, a line's first event is its event.
SEVERAL_PER_LINE = {"patent"}

# Where a result is carried out, as a line says it: "在江苏那边投产", "在省外转化".
CARRIED_OUT_AFTER_RE = re.compile(r"^[^，。；]{0,4}?(?:转化|实施|投产|产业化)")

# A line that starts by speaking of oneself ("我在东莞上班", "本人是…").
FIRST_PERSON_RE = re.compile(r"^(?:我|本人)(?:是|在)")

# "政府设立的高校": the kind of unit is what follows.
UNIT_PREFIX_RE = re.compile(r"^(?:政府设立的|国家设立的|公立|市属|省属|部属|民办|私立|民营)")
PRIVATE_PREFIXES = ("民办", "私立", "民营")


# Words before an organisation that make it the other party of a deal ("转让给了企业",
# "与…合作", "买了浙工大的一项专利", "跟吉林银行贷信用贷", "专门孵化大模型企业").
COUNTERPARTY_RE = re.compile(
    r"(?:(?:给了?|和|买了?|购买了?|购入|受让了?|承接了?|引进了?|入股了?|参股了?|投资了?|注资了?)"
    r"[^，。；]{0,6}|(?:向|与|从|跟)[^，。；]{0,8}|孵化[^，。；的]{0,6})$"
)
# ...and words after it that make it where something of the applicant's is
# used ("两台服务机器人在医院首次试用"): a place of use, not the applicant.
USED_AT_AFTER_RE = re.compile(r"^[^，。；]{0,4}?(?:试用|使用|应用|示范应用|投用|落地)")
# How far before an organisation those words are looked for ("从上海一家民营科技
# 公司": 从 seven characters before it).
COUNTERPARTY_WINDOW = 10
# A group the line says the applicant is not ("不是发明人", "并非企业").
NEGATED_BEFORE_RE = re.compile(r"(?:不是|并非|不属于)$")
# A person who works at a technology-transfer office is its staff.
TRANSFER_OFFICE_WORK_RE = re.compile(
    r"(?:我|本人)在[^，。；]{0,20}?(?P<office>技术转移(?:中心|机构|办公室|部门))(?:上班|工作|任职|做事)"
    # "浙大技术转移中心的工作人员": its staff, named as such
    r"|(?P<office_staff>技术转移(?:中心|机构|办公室|部门))的?(?:工作人员|员工|职工)"
)
# Zones and local governments: the applicant's place when an applicant follows.
ZONES_GROUP = "regions_zones"
# A person addressed at the start of a line ("老师好", "老师您好，…").
ADDRESSED_AFTER_RE = re.compile(r"^(?:您好|你好|好[，,！!]|好$)")
# A person who registered or runs a firm speaks of their own firm: "注册了个
# 做智能硬件的小公司", "开了一家公司" (a modifier of up to a few words between)
# -- unless the line gives the person a second role ("我在四平市开了一家企业，
# 也是延吉的一名大学生": two applicants; places.SECOND_ROLE_RE).
OWN_FIRM_BEFORE_RE = re.compile(r"(?:注册|开|创办|成立|办)了?(?:个|一家|家|一个)[^，。；]{0,10}$")
# ...and words after it that make it the one who gives: "听说合作银行能给信用贷",
# "银行可以提供贷款" (the applicant is the one who gets).
GIVER_AFTER_RE = re.compile(r"^[^，。；]{0,2}(?:能给|可以给|会给|给予|提供|放贷|贷给)")
RESEARCH_WORK_RE = re.compile(
    r"(?:我|本人)(?:是|在)[^，。；]{0,16}(?P<work>(?:做|搞|从事)(?:研发|科研|研究)(?:工作)?)"
)
# "我在…一家国有企业做研发", "在长春某高校工作的": where a person works.
WORKS_AT_RE = re.compile(r"(?:我|本人|他|她)?在[^，。；在]{0,14}$")


class Unreadable(ValueError):
    """A profile the matcher cannot read; ``str()`` is a bilingual line."""


@dataclass
class Profile:
    groups: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    region: str = ""
    area: str = ""
    events: list[str] = field(default_factory=list)
    # Events in words no row of the table names, matched by their words
    # (eligibility.events.same_event_words) to the rules the table cannot read.
    free_events: list[str] = field(default_factory=list)
    # What a line of text says beyond the words read from it: an award or a
    # title the table does not name ("今年新获认定了中国驰名商标") is matched
    # by its words, more strictly than a form's event.
    said: str = ""
    sectors: list[str] = field(default_factory=list)
    # Where the line says the result is carried out ("在江苏那边投产"), when
    # that is said: it settles a rule's 在本省转化.
    carried_out: str = ""
    numbers: dict[str, Decimal] = field(default_factory=dict)
    # What a form's fields cannot hold, as "name: value" (专利申请日:
    # 2016-05-10, 获得费用减缓: 否): read by the rules that ask (patents).
    details: dict[str, str] = field(default_factory=dict)
    as_of: date | None = None
    text: str = ""
    # How each part was read: {"field", "key", "label", "words"}.
    readings: list[dict] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.groups or self.region or self.events or self.free_events or self.sectors
            or self.units
        )

    def structured(self) -> dict:
        """The profile as the structured form names it (the echo of a parse)."""
        return {
            "group": self.groups,
            "unit": self.units,
            "region": self.region.replace("/", ""),
            "area": self.area,
            "event": self.events,
            "event_words": self.free_events,
            "sector": self.sectors,
            **{name: str(value) for name, value in self.numbers.items()},
            **({"detail": [f"{k}:{v}" for k, v in self.details.items()]} if self.details else {}),
        }


def _label(table, key):
    row = table.get(key)
    return getattr(row, "name", None) or getattr(row, "label", key) if row else key


def _root(key: str) -> str:
    """The group right under 单位 that ``key`` belongs to (企业, 高校 …)."""
    while key and TARGET_GROUPS_BY_KEY[key].parent not in ("", "entities"):
        key = TARGET_GROUPS_BY_KEY[key].parent
    return key


def check(profile: Profile, form: bool = False) -> Profile:
    """Raise Unreadable for a profile that names nothing (a ``form`` that
    names no applicant and no event), or that is two applicants in one."""
    if profile.is_empty():
        raise Unreadable(
            "无法识别申请人：请说明申请人类型、所在地区或发生的事项 / "
            "Cannot read the applicant: say what it is, where it is, or what happened"
        )
    if not (profile.groups or profile.units or profile.region):
        # an event or a sector alone ("获得国内发明专利授权") says neither who
        # nor where: every rule of the country would be a guess
        raise Unreadable(
            "无法识别申请人：请说明申请人类型或所在地区 / "
            "Cannot read the applicant: say what it is or where it is"
        )
    if not (profile.groups or profile.units or profile.events or profile.free_events) and (
        form or not profile.sectors
    ):
        # a form with a place alone, or with a number or a sector (吉林省长春市,
        # 技术交易额 500万元), names nobody to match: every rule of the place
        # would be a guess; so does a line that names a place and nothing else
        # ("明天长春下雪吗").  (A line says who in words the table need not
        # hold: "我司是做大模型的" names its trade.)
        raise Unreadable(
            "无法识别申请人：请说明申请人类型或发生的事项 / "
            "Cannot read the applicant: say what it is or what happened"
        )
    people = [g for g in profile.groups if is_person_group(g)]
    organisations = [g for g in profile.groups if not is_person_group(g) and g != "entities"]
    roots = {_root(g) for g in organisations} & set(EXCLUSIVE_ROOTS)
    if (people and organisations) or len(roots) > 1:
        names = "、".join(_label(TARGET_GROUPS_BY_KEY, g) for g in profile.groups)
        raise Unreadable(
            f"申请人类型相互矛盾（{names}）：一次只能描述一个申请人 / "
            f"Contradictory applicant ({names}): describe one applicant at a time"
        )
    return profile


def _resolve(value: str, table: dict, names: dict) -> str | None:
    value = value.strip().removeprefix("行业:").removeprefix("行业：")
    if value in table:
        return value
    return names.get(value)


def _names(rows, attr: str) -> dict[str, str]:
    return {getattr(row, attr): row.key for row in rows}


def from_fields(fields: dict[str, list[str]]) -> Profile:
    """The profile of a form: ``group``, ``unit``, ``event``, ``sector``
    (repeatable; keys or Chinese names), ``region`` (a place, as a path or
    as written: 吉林省长春市), numbers by ``NUMBER_FIELDS``.  Raises
    Unreadable naming any value it does not know."""
    profile = Profile()
    unknown: list[str] = []
    group_names = {**_names(TARGET_GROUPS, "name"),
                   **{w: g.key for g in TARGET_GROUPS for w in g.keywords}}
    event_names = _names(EVENTS, "label")
    sector_names = _names(SECTORS, "label")
    fields = dict(fields)
    sector_tags = [v for v in fields.get("group", []) if v.startswith(("行业:", "行业："))]
    if sector_tags:
        fields["group"] = [v for v in fields["group"] if v not in sector_tags]
        fields["sector"] = [*fields.get("sector", []), *sector_tags]
    for name, table, names, target in (
        ("group", TARGET_GROUPS_BY_KEY, group_names, profile.groups),
        ("unit", TARGET_GROUPS_BY_KEY, group_names, profile.units),
        ("event", EVENTS_BY_KEY, event_names, profile.events),
        ("sector", SECTORS_BY_KEY, sector_names, profile.sectors),
    ):
        for value in fields.get(name, []):
            if not value.strip():
                continue
            key = _resolve(value, table, names)
            if key is None and name == "event":
                # A name the table does not hold is read as a line is
                # ("牵头制定的国家标准获批准发布"): every event it names.
                read = Profile()
                _read_events(read, value)
                target.extend(k for k in read.events if k not in target)
                if read.events:
                    continue
                if is_free_event(value):
                    # "新认定省级版权示范单位": kept in its words
                    profile.free_events.append(value.strip())
                    continue
            if key is None and name == "unit":
                key = _resolve(UNIT_PREFIX_RE.sub("", value), table, names)
                kind = UNIT_PREFIX_RE.match(value)
                if key and kind:  # "民办高校": a private one, "市属高校": a public one
                    private = kind.group() in PRIVATE_PREFIXES
                    profile.details.setdefault(UNIT_KIND_KEY, "民办" if private else "公立")
            if key is None:
                unknown.append(f"{name}={value}")
            elif key not in target:
                target.append(key)
    for value in fields.get("region", [])[:1]:
        if value.strip():
            _read_region(profile, value.replace("/", ""), unknown)
    # a project's kind, in a form's event ("新上现代服务业类项目"; not what the
    # event is about: "采购人工智能大模型产品") or details
    kinds = read_details(profile, fields.get("detail", []), unknown)
    kinds += [m.group() for e in fields.get("event", []) for m in PROJECT_KIND_RE.finditer(e)]
    read_sectors(profile, "；".join(kinds), [], PROJECT_KINDS)
    for name in NUMBER_FIELDS:
        for value in fields.get(name, [])[:1]:
            try:
                profile.numbers[name] = Decimal(value)
            except InvalidOperation:
                unknown.append(f"{name}={value}")
    if unknown:
        raise Unreadable(
            f"无法识别：{'；'.join(unknown)} / Not understood: {'; '.join(unknown)}"
        )
    _grant_groups(profile)
    profile.readings = [
        {"field": kind, "key": key, "label": _label(table, key), "words": ""}
        for kind, keys, table in (
            ("group", profile.groups, TARGET_GROUPS_BY_KEY),
            ("unit", profile.units, TARGET_GROUPS_BY_KEY),
            ("event", profile.events, EVENTS_BY_KEY),
            ("sector", profile.sectors, SECTORS_BY_KEY),
        )
        for key in keys
    ] + [
        {"field": "event", "key": "", "label": words, "words": words}
        for words in profile.free_events
    ]
    return check(profile, form=True)


def _read_region(profile: Profile, text: str, unknown: list[str]) -> None:
    try:
        place = applicant_place(text)
    except Contradiction as exc:
        raise Unreadable(
            f"地区相互矛盾（{exc}）/ Contradictory places ({exc})"
        ) from None
    # "东北师大的一个课题组": the institution says where, when the text does
    # not ("吉林大学的教授" names the province; the university, its city).
    institution = institution_place(text)
    if institution and (place is None or covers(place.path, institution.path)):
        place = institution
    if place is None:
        unknown.append(f"region={text}")
        return
    profile.region, profile.area = place.path, place.area
    profile.readings.append(
        {"field": "region", "key": place.path, "label": place.name, "words": place.words}
    )


def from_text(text: str) -> Profile:
    """The profile one line of free text describes (see module docstring)."""
    text = text.strip()
    profile = Profile(text=text)
    if not text:
        check(profile)
    unknown: list[str] = []
    event_spans = _read_events(profile, text)
    # A place inside a patent grant's words is the office that granted it, not
    # the applicant's ("一件台湾地区授权的发明专利").
    granted = []
    for reading in profile.readings:
        at = text.find(reading["words"]) if reading["key"] in GRANT_OFFICE_EVENTS else -1
        offices = list(OFFICE_RE.finditer(text, at, at + len(reading["words"]))) if at >= 0 else []
        if offices:
            granted.append(offices[-1].span())  # "香港的公司获得美国…授权": 美国
    placed = "".join(
        "，" if any(s <= i < e for s, e in granted) else ch for i, ch in enumerate(text)
    )
    if find_places(placed) or institution_place(placed):
        read = len(profile.readings)
        _read_region(profile, placed, unknown)
        if len(profile.readings) > read:  # the place first in the echo, as it was read first
            profile.readings.insert(0, profile.readings.pop())
    hits = [
        h for h in find_hits(text, TARGET_GROUPS)
        if not any(s <= h.start and h.end <= e for s, e in event_spans)
    ]
    # Whom the applicant gives to is no applicant ("院里得拿出多少给课题组"),
    # and a person's own firm ("在广州南沙注册了个做智能硬件的小公司") is theirs.
    hits = [
        h for h in hits
        if not (is_person_group(h.row.key) and COUNTERPARTY_RE.search(text, max(0, h.start - COUNTERPARTY_WINDOW), h.start))
    ]
    if any(is_person_group(h.row.key) for h in hits) and not SECOND_ROLE_RE.search(text):
        hits = [h for h in hits if not OWN_FIRM_BEFORE_RE.search(text, max(0, h.start - 16), h.start)]
    # "老师好，想问下…": the officer addressed, not the applicant; "不是发明人":
    # what the applicant is not
    hits = [
        h for h in hits
        if not ADDRESSED_AFTER_RE.match(text[h.end :])
        and not NEGATED_BEFORE_RE.search(text, max(0, h.start - 3), h.start)
    ]
    # "深大的老师": a university or institute the keywords do not name.
    for name, start, end in institutions_in(text):
        if not any(h.start < end and start < h.end for h in hits):
            kind = "research_institutes" if name.endswith("所") else "universities"
            hits.append(Hit(TARGET_GROUPS_BY_KEY[kind], name, start, end))
    # "东莞长安镇的电子厂", "一家药厂": a factory is a firm.
    for m in FACTORY_RE.finditer(text):
        if OTHER_FACTORY_RE.search(text, max(0, m.start() - 4), m.start()):
            continue
        if not any(h.start < m.end() and m.start() < h.end for h in hits):
            hits.append(Hit(TARGET_GROUPS_BY_KEY["enterprises"], m.group(), m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -h.end))
    # "长春高新区搞汽车电子的民企": a zone named before the applicant is
    # where it is, not the applicant.
    hits = [
        h for h in hits
        if h.row.key != ZONES_GROUP
        or not any(o.row.key != ZONES_GROUP and o.start > h.start for o in hits)
    ]
    people = [h for h in hits if is_person_group(h.row.key)]
    # "我在上海一家国有企业做研发": a person who says what they do, not what
    # they are.
    # ...and who says so first is that person, whoever the line names later
    # ("我在烟台一家国有企业搞研发，…规定…奖励发明人").
    doing = RESEARCH_WORK_RE.search(text)
    if doing and (not people or doing.start("work") < people[0].start):
        people = [Hit(TARGET_GROUPS_BY_KEY["researchers"], doing.group("work"),
                      doing.start("work"), doing.end("work"))]
        hits = [h for h in hits if not is_person_group(h.row.key)] + people
    staff = TRANSFER_OFFICE_WORK_RE.search(text) if not people else None
    if staff:
        # "我在浙江工业大学的技术转移中心上班": the office's staff, at its unit
        office = "office" if staff.group("office") else "office_staff"
        start, end = staff.start(office), staff.end(office)
        hits = [h for h in hits if not (start <= h.start < end)]
        people = [Hit(TARGET_GROUPS_BY_KEY["tech_transfer_staff"], staff.group(office), start, end)]
        hits.append(people[0])
    for hit in hits:
        # An organisation the applicant deals with ("转让给了企业", "与…合作")
        # is not the applicant.
        if COUNTERPARTY_RE.search(text, max(0, hit.start - COUNTERPARTY_WINDOW), hit.start) or (
            hits.index(hit) and GIVER_AFTER_RE.match(text[hit.end :])
        ) or (hits.index(hit) and text[max(0, hit.start - 1) : hit.start] == "在"
              and USED_AT_AFTER_RE.match(text[hit.end :])):
            continue
        # "上海交通大学的科研团队": the unit is named just before the person,
        # joined by 的; an organisation after it is the other party.
        if people and not is_person_group(hit.row.key) and hit.start < people[0].start:
            between = text[hit.end : people[0].start]
            # "我在上海一家国有企业做研发": the person works at the unit.
            works_at = WORKS_AT_RE.search(text, max(0, hit.start - 16), hit.start)
            # "浙大技术转移中心的工作人员": written right before it, the unit too.
            if not works_at and (("的" not in between and between) or len(between) > 8):
                target, kind = profile.groups, "group"
            else:
                target, kind = profile.units, "unit"
        elif people and not is_person_group(hit.row.key):
            continue
        else:
            target, kind = profile.groups, "group"
        if hit.row.key not in target:
            target.append(hit.row.key)
            profile.readings.append(
                {"field": kind, "key": hit.row.key, "label": hit.row.name, "words": hit.keyword}
            )
    if not (profile.groups or profile.units) and FIRST_PERSON_RE.match(text):
        # "我在东莞上班，…": a person who names no kind of person is one
        profile.groups.append("individuals")
        profile.readings.append({"field": "group", "key": "individuals", "label": "个人",
                                 "words": FIRST_PERSON_RE.match(text).group()})
    _grant_groups(profile, text)
    read_sectors(profile, text, event_spans)
    _read_numbers(profile, text)
    profile.carried_out = next(
        (h.path for h in find_places(text)
         if text[max(0, h.start - 1) : h.start] == "在" and CARRIED_OUT_AFTER_RE.match(text[h.end :])),
        "",
    )
    profile.said = text
    for reading in profile.readings:
        if reading["words"]:
            profile.said = profile.said.replace(reading["words"], "，")
    return check(profile)


# A firm that 升规 is a 规上 firm of its trade ("柳河县一家工业企业，今年刚升规").
SCALE_TRADES = (("工业", "above_scale_industrial"), ("服务业", "above_scale_services"),
                ("商贸", "above_limit_trade"))


def _grant_groups(profile: Profile, text: str = "") -> None:
    """An applicant newly recognised holds the status from then on (a firm
    新认定为高新技术企业 is a 高新技术企业)."""
    for key in profile.events:
        granted = EVENTS_BY_KEY[key].grants
        if granted == "above_scale":
            granted = next((g for word, g in SCALE_TRADES if word in text), granted)
        if granted and granted not in profile.groups:
            profile.groups.append(granted)


def _read_events(profile: Profile, text: str) -> list[tuple[int, int]]:
    """The events of ``text`` (a recognition at the level it names); of one
    family, only events in words no other of the family was read from ("一件
    台湾地区授权的发明专利，另有一件实用新型专利今年2月授权": two patents, but
    "美国发明专利授权" is one); returns their spans (words inside them are not
    the applicant's groups: "被认定为国家高新技术企业")."""
    spans: list[tuple[int, int]] = []
    families: dict[str, list[tuple[int, int]]] = {}
    for row in EVENTS:
        if row.needs and not row.needs.search(text):
            continue
        # (a row of no family is never in ``families``)
        if row.family in families and row.family not in SEVERAL_PER_LINE:
            continue
        taken = families.get(row.family, [])
        match = next(
            (m for m in row.pattern.finditer(text)
             if not any(s < m.end() and m.start() < e for s, e in taken)),
            None,
        )
        if not match:
            continue
        key = row.levels.get(
            level_of(text, match.start(), match.end(), allowed=row.levels), row.key
        )
        if row.family:
            families.setdefault(row.family, []).append((match.start(), match.end()))
        spans.append((match.start(), match.end()))
        if key not in profile.events:
            profile.events.append(key)
            profile.readings.append(
                {"field": "event", "key": key, "label": EVENTS_BY_KEY[key].label,
                 "words": match.group()}
            )
    return spans


def _read_numbers(profile: Profile, text: str) -> None:
    """Amounts written beside the name of what they measure."""
    for match in AMOUNT_RE.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 12]
        value = Decimal(match.group("value"))
        unit = match.group("unit")
        if unit in ("万", "亿"):
            unit += "元"
        if unit in ("万元", "亿元"):
            value *= 10_000 if unit == "万元" else 100_000_000
        if unit == "件" and "发明" in after:
            key = "foreign_invention_patents" if "国外" in after else "domestic_invention_patents"
            profile.numbers.setdefault(key, value)
            continue
        # an area in 亩 is the area of the site the applicant builds ("新建了600亩
        # 人参种植基地"): no other quantity is measured in 亩
        measured = next(
            (m for m in MEASURED
             if m.unit[-1] == unit[-1] and (unit == "亩" or m.words.search(before))),
            None,
        )
        if measured:
            profile.numbers.setdefault(measured.key, value)


def number_label(key: str) -> str:
    return NUMBER_FIELDS.get(key, key)


def measured_label(key: str) -> str:
    return MEASURED_BY_KEY[key].label if key in MEASURED_BY_KEY else key
