"""Names: the indicator a number measures, named from the words of its passage.

``indicator_name`` cuts the words around a number at its neighbours in a
list of numbers ("高新技术企业2000家、科技型中小企业1万家"), then names it
by the first case that applies:

* a rank or ordinal: the subject and category before it ("…依次居科研院所类
  第2位" -> "…科研院所类排名");
* a share with 的 after it ("80%的企业…"): the noun after it + 占比;
* a count with its noun after it ("建设50个省级技术转移示范机构");
* otherwise the words before it ("省级重点实验室60个"), or, when those name
  nothing themselves, the name of the fact before it in the sentence: a
  comparison ("比“十二五”期间增加了…"), a share of it ("占…比重为1.3%"), the
  next item of a list, a part of it ("其中，国家级10家").

The noun-phrase rules themselves (cleaning, word order, predicates) are in
``noun_phrases``.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.extraction.quantities import Quantity
from documents.extraction.sentences import Span, span_at
from targets.extraction import markers, noun_phrases
from targets.extraction.passage import Passage

RANK_KINDS = ("rank", "rank_change", "ordinal")
_LIST_CONNECTORS = "、和及与"


@dataclass(frozen=True)
class Surroundings:
    """The words around a number in its clause, cut at its neighbours."""

    clause: Span
    following: Quantity | None  # the next number of the clause, if any
    before: str  # from the previous number (or the clause start)
    after: str  # to the next number (or the clause end), final marks dropped
    in_list: bool  # another number precedes it in the clause


def surroundings(
    passage: Passage, q: Quantity, usable: list[Quantity], i: int
) -> Surroundings:
    """The words around ``q``, the ``i``-th of the ``usable`` numbers."""
    clause = passage.clause_of(q.start)
    previous = usable[i - 1] if i and usable[i - 1].end > clause.start else None
    following = (
        usable[i + 1]
        if i + 1 < len(usable) and usable[i + 1].start < clause.end
        else None
    )
    left = previous.end if previous is not None else clause.start
    right = following.start if following is not None else clause.end
    return Surroundings(
        clause=clause,
        following=following,
        before=passage.text[left : q.start].lstrip(_LIST_CONNECTORS),
        after=passage.text[q.end : right].rstrip(_LIST_CONNECTORS + "。！？；，："),
        in_list=previous is not None,
    )


def indicator_name(
    passage: Passage,
    q: Quantity,
    usable: list[Quantity],
    i: int,
    previous_name: str,
) -> tuple[str, str]:
    """(name, case) of the number ``q``, the ``i``-th of ``usable``.

    ``previous_name`` is the name of the fact before ``q`` in its sentence
    ("" if none); ``case`` says which rule named it (module docstring).
    """
    around = surroundings(passage, q, usable, i)
    if q.kind in RANK_KINDS:
        return rank_name(passage, q, usable, around.clause), "rank"
    order = noun_phrases.quantity_noun_order(q, around.after)
    if order == "share":
        return share_name(passage, usable, around), "share"
    if order == "after":
        return name_from_noun_after(passage, q, usable, around), "after"
    return name_from_words_before(passage, q, usable, around, previous_name)


def rank_name(
    passage: Passage, q: Quantity, usable: list[Quantity], clause: Span
) -> str:
    """A rank, rank change or ordinal, named from the words before the first
    rank of its clause; a list of subjects ("A、B依次居…") is shared out."""
    text = passage.text
    ranks = [
        u for u in usable if u.kind == q.kind and clause.start <= u.start < clause.end
    ]
    first = ranks[0] if ranks else q
    clause_before = text[clause.start : first.start]
    if q.kind == "rank_change":
        return noun_phrases.clean(clause_before) + "位次"
    clause_before = clause_before.removesuffix("第")
    noun_after = text[q.end : clause.end]
    return noun_phrases.rank_name(
        clause_before, ranks.index(q), noun_after, q.kind == "ordinal"
    )


def share_name(passage: Passage, usable: list[Quantity], around: Surroundings) -> str:
    """ "80%的企业建立研发机构" -> "建立研发机构的企业占比"."""
    list_predicate = _list_predicate(passage, usable, around.clause)
    noun, predicate = noun_phrases.split_predicate(around.after[1:])
    predicate = predicate or list_predicate
    noun = noun_phrases.strip_parentheticals(noun)
    return f"{predicate}的{noun}占比" if predicate else f"{noun}占比"


def name_from_noun_after(
    passage: Passage, q: Quantity, usable: list[Quantity], around: Surroundings
) -> str:
    """A count named by the noun after it ("建设50个省级技术转移示范机构")."""
    list_predicate = _list_predicate(passage, usable, around.clause)
    after = _relative_clause_head(passage, q, around.after, around.following)
    full_before = passage.text[around.clause.start : q.start]
    return noun_phrases.name_after(after, full_before, q.unit, list_predicate)


def name_from_words_before(
    passage: Passage,
    q: Quantity,
    usable: list[Quantity],
    around: Surroundings,
    previous_name: str,
) -> tuple[str, str]:
    """(name, case) of a number named by the words before it, or by the
    fact before it when those words only relate it to that fact."""
    text = passage.text
    sentence = passage.sentence_of(q.start)
    stripped = around.before.strip()
    if stripped.startswith(markers.COMPARISON_BEFORE_PERIOD) and previous_name:
        # "比“十二五”期间增加了近100亿元", "是“十二五”期间的1.29倍"
        base = noun_phrases.clean(stripped, keep_periods=True).rstrip("了的")
        if q.unit == "倍":
            return f"{previous_name}{base}的倍数", "delta"
        return f"{previous_name}{base}", "delta"
    name = noun_phrases.name_before(around.before)
    if name.startswith("占") and previous_name:
        # "研发经费支出达到28.6亿元，占地区生产总值比重为1.3%": the share
        # of the amount named just before.
        return previous_name + name, "share_of_previous"
    if not name and previous_name and around.in_list:
        return previous_name, "list"
    in_part = "其中" in text[sentence.start : q.start]
    if name and len(name) <= 3 and previous_name and in_part:
        # "技术转移示范机构100家，其中，国家级10家"
        return name + previous_name, "part"
    if not name and previous_name and in_part:
        return previous_name, "part"
    if not name:
        list_predicate = _list_predicate(passage, usable, around.clause)
        noun = markers.UNIT_NOUNS.get(q.unit, q.unit)
        return (f"{list_predicate}的{noun}" if list_predicate else noun), "list"
    if q.category == "money":
        previous_clause = span_at(passage.clauses, around.clause.start - 1)
        name = noun_phrases.short_money_name(
            name,
            previous_name,
            passage.words(previous_clause) if previous_clause else "",
        )
    return name, "before"


def _relative_clause_head(
    passage: Passage, q: Quantity, after: str, following: Quantity | None
) -> str:
    """ "10个左右具有一定经济与科技基础，特色产业突出，…的市（州）、县
    （市、区）": a relative clause running over commas ends at its 的."""
    if not after.startswith(markers.RELATIVE_CLAUSE_OPENERS) or "的" in after:
        return after
    sentence = passage.sentence_of(q.start)
    limit = following.start if following is not None else sentence.end
    de = passage.text.find("的", q.end, limit)
    if de < 0:
        return after
    head = passage.text[de + 1 : limit]
    for stop in "，；。":
        head = head.split(stop, 1)[0]
    return head


def _list_predicate(passage: Passage, usable: list[Quantity], clause: Span) -> str:
    """The predicate after the last item of a list of numbers
    ("…19个国家国际科技合作基地全部位于长吉图区域")."""
    last = max(
        (u for u in usable if clause.start <= u.start < clause.end),
        key=lambda u: u.start,
    )
    tail = passage.text[last.end : clause.end]
    if tail.startswith("的"):
        tail = tail[1:]
    _, predicate = noun_phrases.split_predicate(tail)
    return predicate.rstrip("。；，")
