"""Questions about a policy itself: when it was issued, its 文号, who issued
it, how long it is in force, why it was made, whom it is sent to, who
carries it out.

"北湖的科技支持措施是哪天印发的", "北湖那份支持措施的文号是多少", "创新型吉林
行动计划是谁制定的": the answer is a line of the policy's own layout — the
date under its signature, the 文号 under its title, the issuer's name or the
sentence of the notice that says who drew it up — which shares no word with
the question, so no tier finds it; "北湖的支持措施还有效吗" is answered by
"…自印发之日起施行，有效期三年", "北湖区为什么要出台这些措施" by "为深入实施…，
制定以下支持措施", "那份实施方案印发给了谁" by the line of addressees above
the notice's body ("各市（州）人民政府，…：").  When a query asks in one of
these question forms (questions.txt: issued, number, issuer, validity,
purpose, addressees, responsible: "由哪个机构统筹推进" by "…领导小组统筹协调
作用"; parts: "北湖的措施主要分哪几块" by its top-level headings; name: "北湖鼓励
科技公司做大做强的政策叫什么名字" by its title), the answering lines of the
policy it names are put first: the document whose title (or year of issue:
"2011年那份计划") holds most of the query's concepts, the first among the
results on a tie.  So are the article, chapter, section or part of that
policy a query cites by its number ("松江成果转化条例第十一条讲的啥": 第十一条
and its items).  A bare heading found with little else ("附则": two chapters
and nothing more) is followed by what it holds (``heading_contents_after``).
"""

from __future__ import annotations

import re

from documents.parsing.lines import (
    bracketed_doc_number,
    is_doc_number,
    is_org_name,
    is_title_line,
    parse_date_line,
)

from .backends.context import DOCUMENT_TABLE, PROVISION_TABLE
from .backends.sql import placeholders
from .normalise import normalise
from .query import chinese_value

# The results whose rank breaks a tie between documents named as well.
NAMING_RESULTS = 20
# "省科技厅制定的《创新型吉林建设科技行动计划》": who drew up the policy.
DRAWN_UP_RE = re.compile(r"(?:制定|起草|编制|印发|发布|出台)的《")
LAYOUT_KINDS = ("signature", "preamble", "title")
# The divisions a policy is made of, highest rank first.
PART_KINDS = ("volume", "chapter", "part", "numbered_section")
# ...and short lines of any kind ("（省科技厅）" under a plan's title).
SHORT_LINE_CHARS = 24
FORMS = (
    "issued", "number", "issuer", "validity", "purpose", "addressees", "responsible", "parts",
    "name",
)
# "本措施…自印发之日起施行，有效期三年", "本条例自2022年1月1日起施行": how long a
# policy is in force, wherever its text says it (not a layout line).
VALIDITY_RE = re.compile(r"有效期|起(?:施行|实施|试行|执行|生效)|(?:同时|予以)?废止|失效|有效至")
VALIDITY_LIKE = ("%有效期%", "%起施行%", "%起实施%", "%起试行%", "%起执行%", "%起生效%", "%废止%", "%失效%")
# "为深入实施…，结合我区实际，制定以下支持措施", "第一条 为了促进…，制定本条例",
# "为贯彻落实…，现就…提出如下实施意见": why a policy was made.
PURPOSE_RE = re.compile(r"^为了?[^。]{2,}?(?:制定|特制定|提出|出台)|现就[^。]*提出")
PURPOSE_LIKE = ("为%", "%现就%")
# "各市（州）人民政府，…各直属机构：", "丛艳辉委员：": whom it is sent to.
ADDRESSEES_RE = re.compile(r"^各[^。]*[:：]$|^[^。,，]{2,12}(?:委员|代表|同志)[:：]$")
# "充分发挥市科技创新工作领导小组统筹协调作用": who carries it out.
RESPONSIBLE_RE = re.compile(r"领导小组|统筹协调|组织领导|组织实施")
RESPONSIBLE_LIKE = ("%领导小组%", "%统筹协调%", "%组织领导%", "%组织实施%")


def _answers(form: str, kind: str, text: str) -> bool:
    """Does a layout line (``kind``, ``text``) answer the question ``form``?"""
    if form == "issued":
        return kind == "signature" and parse_date_line(text) is not None
    if form == "name":
        # a notice's title, or the title of the policy it issues (its root)
        return kind == "title" or (kind == "attachment" and is_title_line(text))
    if form == "number":
        return is_doc_number(text) or bracketed_doc_number(text) is not None
    if form == "validity":
        return bool(VALIDITY_RE.search(text))
    if form == "purpose":
        return bool(PURPOSE_RE.search(text))
    if form == "responsible":
        return bool(RESPONSIBLE_RE.search(text))
    if form == "addressees":
        return kind in ("preamble", "title") and bool(ADDRESSEES_RE.search(text))
    if form == "issuer":
        return (
            (kind == "signature" and is_org_name(text))
            or bool(DRAWN_UP_RE.search(text))
            # "（省科技厅）" under a forwarded plan's title: who drew it up
            or (text[:1] in "（(" and text[-1:] in "）)" and is_org_name(text[1:-1]))
        )
    return False


def asked_about(query) -> list[str]:
    return [form.name for form in query.questions if form.name in FORMS]


# The provisions of a document and of the policies it issues (parameters: the
# document's id, twice).
IN_DOCUMENT = (
    f"(document_id = %s OR document_id IN (SELECT id FROM {DOCUMENT_TABLE} WHERE part_of_id = %s))"
)


def named_document(connection, query, ids) -> int | None:
    """The document the query names: the one whose title (or year of issue)
    holds most of the query's concepts (at least one), the one ranked first
    among ``ids`` on a tie, a document without a result last."""
    concepts = [[f.text for f in term.forms] for term in query.terms]
    cited_number = CITED_NUMBER_RE.search(normalise(query.raw))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title, issued_on, doc_number FROM {DOCUMENT_TABLE}")
        scores = {
            document: sum(
                any(text in title or text.removesuffix("年") == year for text in forms)
                for forms in concepts
            )
            # "松北12号文": its 文号 names it more surely than any word
            + NAMED_BY_NUMBER * _numbered(cited_number, number)
            for document, title, year, number in (
                # "2011年那份计划": the year a policy was issued names it too
                (d, normalise(t or ""), str(issued)[:4] if issued else None, n or "")
                for d, t, issued, n in cursor.fetchall()
            )
        }
        ranked = list(ids)[:NAMING_RESULTS]
        rank = {}
        if ranked:
            cursor.execute(
                f"SELECT id, document_id FROM {PROVISION_TABLE} WHERE id IN ({placeholders(ranked)})",
                ranked,
            )
            order = {pk: i for i, pk in enumerate(ranked)}
            for pk, document in cursor.fetchall():
                rank[document] = min(rank.get(document, len(ranked)), order[pk])
    if not scores or max(scores.values()) == 0:
        return None
    return min(scores, key=lambda d: (-scores[d], rank.get(d, len(ranked) + 1), d))


# "松北12号文", "45号文件", "吉科发办109号": a document cited by its 文号's
# number, with the characters of its prefix typed before it (or none).
CITED_NUMBER_RE = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{0,6}?)(?P<number>\d{1,4})号(?:文|文件)?")
NAMED_BY_NUMBER = 3


def _numbered(cited, doc_number: str) -> bool:
    """Does the 文号 ``doc_number`` ("松北府办发〔2023〕12号") have the number
    ``cited`` gives, and every character typed before it in its prefix?"""
    if cited is None or not doc_number.endswith(f"〕{cited.group('number')}号"):
        return False
    prefix = doc_number.split("〔", 1)[0]
    return all(ch in prefix for ch in cited.group("prefix"))


def layout_answers(connection, document: int, forms: list[str]) -> list[int]:
    """The ids of the lines of ``document`` answering ``forms``, in document
    order: its layout lines, its short lines and, for the validity question,
    the provisions that say how long it is in force.  A policy a notice
    issues is dated, numbered and signed by the notice, and a notice's
    policy says how long it is in force: then the lines of the one follow
    those of the other (``Document.part_of``)."""
    likes = [
        *(VALIDITY_LIKE if "validity" in forms else ()),
        *(PURPOSE_LIKE if "purpose" in forms else ()),
        *(RESPONSIBLE_LIKE if "responsible" in forms else ()),
    ]
    sentences = " OR ".join(["text LIKE %s"] * len(likes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, kind, text FROM {PROVISION_TABLE} WHERE (document_id = %s"
            f" OR document_id IN (SELECT part_of_id FROM {DOCUMENT_TABLE} WHERE id = %s)"
            f" OR document_id IN (SELECT id FROM {DOCUMENT_TABLE} WHERE part_of_id = %s))"
            f" AND (kind IN ({placeholders(LAYOUT_KINDS)}) OR length(text) <= %s"
            f"{' OR ' + sentences if sentences else ''})"
            " ORDER BY CASE WHEN document_id = %s THEN 0 ELSE 1 END, document_id, position",
            [
                document, document, document, *LAYOUT_KINDS, SHORT_LINE_CHARS,
                *likes, document,
            ],
        )
        lines = [
            pk for pk, kind, text in cursor.fetchall()
            if any(_answers(form, kind, (text or "").strip()) for form in forms)
        ]
        return (_parts(cursor, document) if "parts" in forms else []) + lines


def _parts(cursor, document: int) -> list[int]:
    """The headed divisions of the highest rank ``document`` has two or more
    of (its 编, else its 章, its 一、…, its （一）…) — of the policies it issues
    first, when it is a notice that issues some: what it is made of."""
    cursor.execute(
        f"SELECT id, kind FROM {PROVISION_TABLE} WHERE {IN_DOCUMENT}"
        f" AND heading <> '' AND kind IN ({placeholders(PART_KINDS)})"
        " ORDER BY CASE WHEN document_id = %s THEN 1 ELSE 0 END, document_id, position",
        [document, document, *PART_KINDS, document],
    )
    rows = cursor.fetchall()
    for kind in PART_KINDS:
        found = [pk for pk, of in rows if of == kind]
        if len(found) > 1:
            return found
    return []


# "创新型吉林建设科技行动计划的指导思想是什么", "十四五规划有哪几条重要原则": a
# part of the named policy its own heading names (一、指导思想; 重要原则).
SECTION_RE = re.compile(
    r"指导思想|总体思路|总体要求|(?:基本|主要|重要|工作)原则|(?:发展|主要|总体|工作)目标"
    r"|(?:重点|主要)任务|(?:保障|主要)措施|实施步骤"
)
SECTION_HEADING_CHARS = 8


# The first halves of a part's name that say nothing of it on their own.
GENERIC_HALVES = frozenset(("基本", "主要", "重要", "工作", "发展", "总体", "重点"))


def asked_section(query) -> tuple[str, str]:
    """The last two characters of the part of a policy ``query`` asks for
    (原则 of 重要原则: 基本原则 and 工作原则 are the same part), and its first
    two when they name it (保障 of 保障措施: "强化规划实施各项保障"); ("", "")."""
    m = SECTION_RE.search(normalise(query.raw))
    if m is None:
        return "", ""
    stem = m.group()[:2]
    return m.group()[-2:], "" if stem in GENERIC_HALVES else stem


# "…引进外面的人才技术再消化吸收，属于哪条基本原则": which one of a part's
# items, not the part ("有哪几条重要原则").
WHICH_ITEM_RE = re.compile(r"属于哪|哪一?[条个项点]")


def section_lines(connection, document: int, key: str, ids=None, stem: str = "") -> list[int]:
    """The provisions of ``document`` (and of the policies it issues) under a
    short heading ending in ``key`` — else under a division's heading that
    holds ``stem`` ("第八章 强化规划实施各项保障" for 保障措施): the heading,
    then what it holds, in the document's order; with ``ids`` (the results),
    those among them first in their order, then the others."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, parent_id, heading, kind FROM {PROVISION_TABLE} WHERE {IN_DOCUMENT}"
            " ORDER BY document_id, position",
            [document, document],
        )
        rows = cursor.fetchall()
    heads = {
        pk for pk, _parent, heading, _kind in rows
        if heading and len(heading) <= SECTION_HEADING_CHARS and heading.endswith(key)
    }
    if not heads and stem:
        heads = {
            pk for pk, _parent, heading, kind in rows
            if heading and kind in PART_KINDS and stem in heading
        }
    lines = [pk for pk, parent, _heading, _kind in rows if pk in heads or parent in heads]
    rank = {pk: i for i, pk in enumerate(ids or ())}
    return sorted(lines, key=lambda pk: (pk not in heads, rank.get(pk, len(rank))))


# "松江成果转化条例第十一条讲的啥", "第三章说了什么": an article, chapter,
# section, volume or part of the named policy cited by its number.
# "第十二、十三条": each of the numbers listed before the unit.
NUMERAL = r"[零〇一二两三四五六七八九十百\d]{1,6}"
CITED_RE = re.compile(rf"第(?P<numbers>{NUMERAL}(?:[、和及]{NUMERAL})*)(?P<unit>[条章节编]|部分)")
# "市场导向意见第七部分": the part 七、 of an outline
CITED_KINDS = {"条": "article", "章": "chapter", "节": "section", "编": "volume", "部分": "part"}


def cited(query) -> list[tuple[str, int]]:
    """The (kind, number) of each division ``query`` cites by number."""
    found = []
    for m in CITED_RE.finditer(normalise(query.raw)):
        for number in re.split("[、和及]", m.group("numbers")):
            value = int(number) if number.isdigit() else chinese_value(number)
            if value:
                found.append((CITED_KINDS[m.group("unit")], value))
    return found


def cited_lines(connection, document: int, divisions: list[tuple[str, int]]) -> list[int]:
    """The provisions of ``document`` (and of the policies it issues) the
    citations name, each followed by what it holds directly (an article's
    items), in document order."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, parent_id, kind, number FROM {PROVISION_TABLE} WHERE {IN_DOCUMENT}"
            " ORDER BY CASE WHEN document_id = %s THEN 0 ELSE 1 END, document_id, position",
            [document, document, document],
        )
        rows = cursor.fetchall()
    named = {pk for pk, _parent, kind, number in rows if (kind, number) in divisions}
    return [pk for pk, parent, _kind, _number in rows if pk in named or parent in named]


# The rows a table found among the first results brings with it, at most.
TABLE_ROWS = 20
TABLE_AMONG_FIRST = 3


def table_rows_after(connection, ids: list[int]) -> tuple[list[int], list[int]]:
    """``ids`` with the rows of a table found among the first three right
    after it; and those rows.  "十四五 全省科技发展主要指标 2020基数 2025目标"
    finds the caption of the plan's indicator table, whose words its rows do
    not repeat: the answer is the rows."""
    head = ids[:TABLE_AMONG_FIRST]
    if not head:
        return ids, []
    # the rows of every table among them, in one query
    found = _held_by(connection, head, "h.kind = 'table' AND c.kind = 'table_row'")
    if not found:
        return ids, []
    table = next(pk for pk in head if any(parent == pk for parent, _ in found))
    rows = [pk for parent, pk in found if parent == table][:TABLE_ROWS]
    at = ids.index(table) + 1
    rest = [pk for pk in ids if pk not in rows]
    return [*rest[:at], *rows, *rest[at:]], rows


# "十四五科技规划里一共设了几个专栏？分别是什么主题": the boxes of the named
# policy, in order.
BOXES_ASKED_RE = re.compile(r"专栏[^，。？?]{0,6}(?:几|哪些|分别)|(?:几|哪些)个?专栏")


def box_lines(connection, document: int) -> list[int]:
    """The boxes (专栏) of ``document`` and of the policies it issues, in order."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {PROVISION_TABLE} WHERE {IN_DOCUMENT}"
            " AND kind = 'box' ORDER BY document_id, position",
            [document, document],
        )
        return [pk for (pk,) in cursor.fetchall()]


# A result shorter than a page: a query that found a bare heading ("附则",
# "保障措施") and little else also wants what the heading holds.
SHORT_RESULT = 10


def heading_contents_after(connection, ids: list[int]) -> tuple[list[int], list[int]]:
    """``ids`` with what each bare heading among them holds right after it,
    when they are fewer than a page; and those provisions."""
    if not ids or len(ids) >= SHORT_RESULT:
        return ids, []
    held = _held_by(connection, ids, "h.heading <> '' AND (h.text = h.heading OR h.text = '')")
    added = [pk for _parent, pk in held if pk not in ids]
    if not added:
        return ids, []
    out = []
    for pk in ids:
        out.append(pk)
        out += [child for parent, child in held if parent == pk and child not in ids and child not in out]
    return out, [pk for pk in out if pk not in ids]


def _held_by(connection, parents: list[int], condition: str) -> list[tuple[int, int]]:
    """(parent, child) for the children of ``parents`` (``h``) that meet
    ``condition`` (on ``h`` and the child ``c``), in document order."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.parent_id, c.id FROM {PROVISION_TABLE} c"
            f" JOIN {PROVISION_TABLE} h ON h.id = c.parent_id"
            f" WHERE h.id IN ({placeholders(parents)}) AND {condition} ORDER BY c.position",
            parents,
        )
        return cursor.fetchall()


def answers_first(connection, query, ids: list[int]) -> tuple[list[int], list[int]]:
    """``ids`` with the lines answering a question about the named policy
    first, when ``query`` asks one (or asks for a part of it its headings
    name); and those lines."""
    forms = asked_about(query)
    section, stem = asked_section(query)
    divisions = cited(query)
    boxes = BOXES_ASKED_RE.search(normalise(query.raw)) is not None
    if not ids or not (forms or section or divisions or boxes):
        return ids, []
    document = named_document(connection, query, ids)
    if document is None:
        return ids, []
    first = cited_lines(connection, document, divisions) if divisions else []
    if boxes:
        first += [pk for pk in box_lines(connection, document) if pk not in first]
    if section:
        which = ids if WHICH_ITEM_RE.search(normalise(query.raw)) else None
        first += [
            pk for pk in section_lines(connection, document, section, which, stem) if pk not in first
        ]
    if forms:
        first += [pk for pk in layout_answers(connection, document, forms) if pk not in first]
    return first + [pk for pk in ids if pk not in first], first
