"""Targets and reported figures in the text of one provision.

Reads: one provision's normalised text, its offset in the document, and the
document's context (doc_year, plan_period, the " › "-joined headings of the
provision's ancestors).  Writes: ExtractedTarget and ExtractedFigure, with
offsets into the document (``offset`` added).

For each number of the provision (``passage``: the numbers, time phrases and
spans, read once):

1. skip what is not a target or a figure (``classification.usable``): subsidy amounts (money next to
   给予/资助/补助/…, unless reported as paid out: "共兑现补助资金3200万元"),
   award shares (70%奖给…), eligibility conditions
   (对…达到1%…的项目予以支持), technical specs (时速400公里), durations,
   structural counts (Chinese-numeral "三个公共技术平台", "5个重点突破");
2. decide target or figure, first rule that speaks wins
   (``classification.decide``):
   a clause marker before the number (现有/已有/依托/累计/确定的 -> figure);
   the time phrase governing the number (到2020年 or a year after the
   document -> target; a year or plan period before it -> figure);
   a sentence marker (目前 -> figure, 下一步/力争 -> target);
   the section heading (发展基础/发展成就 -> figure, 目标/任务/措施 -> target);
   the document (a plan -> target, a dated non-plan such as a reply -> figure);
3. year (``years``): the governing time phrase (same sentence, else carried from earlier
   sentences of the paragraph unless the sentence says 目前/累计/现有), else
   the plan's end year for targets, the year before the plan for figures in
   a 发展基础 section, the document year for other figures;
4. name the indicator (``names``) and look it up in ``targets.indicators``;
5. run ``targets.plausibility`` (flags, suggested_value).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from documents.extraction.quantities import Quantity
from documents.extraction.sentences import Span
from targets import plausibility
from targets.extraction import classification, markers, names, years
from targets.extraction.passage import Passage
from targets.extraction.types import ExtractedFigure, ExtractedTarget
from targets.indicators import match_indicator

# Units as stored: a rank is in 位 whatever the text says ("前15名"); "8部门"
# counts departments with the classifier 个 implied.
STORED_UNITS = {"部门": "个"}
RANK_UNIT = "位"


@dataclass
class _Candidate:
    """A target or figure found in the passage, before it becomes a fact."""

    q: Quantity
    is_target: bool
    name: str
    rule: str
    year: int | None
    year_start: int | None
    year_inferred: bool
    per_year: bool
    aspirational: bool
    unit: str
    comparator: str
    sentence: Span


def _candidates(passage: Passage) -> list[_Candidate]:
    """Every usable number of ``passage``, classified, dated and named."""
    out: list[_Candidate] = []
    usable = [q for q in passage.quantities if classification.usable(passage, q)]
    for i, q in enumerate(usable):
        time = years.governing_time(passage, q)
        is_target, why = classification.decide(passage, q, time)
        if not is_target and q.comparator == "<=" and q.kind not in names.RANK_KINDS:
            # a ceiling no statistic reports: the limit of a rule or a quota
            # ("推荐的…申报主体分别不超过30个和10个"); a rank's 前15名 is one
            continue
        ranked_ordinal = q.kind == "ordinal"
        year, year_start, inferred = years.year_of(
            passage, q, is_target, time, ranked_ordinal
        )
        sentence = passage.sentence_of(q.start)
        previous_name = next(
            (c.name for c in reversed(out) if c.sentence.start == sentence.start), ""
        )
        name, case = names.indicator_name(passage, q, usable, i, previous_name)
        unit = q.unit
        if q.kind in names.RANK_KINDS:
            unit = RANK_UNIT
        unit = STORED_UNITS.get(unit, unit)
        out.append(
            _Candidate(
                q=q,
                is_target=is_target,
                name=name,
                rule=f"{'target' if is_target else 'figure'}:{why}:{case}",
                year=year,
                year_start=year_start,
                year_inferred=inferred,
                per_year=is_target and classification.per_year(passage, q),
                aspirational=is_target
                and classification.aspirational(passage, q, time),
                unit=unit,
                comparator=q.comparator,
                sentence=sentence,
            )
        )
    return out


def _name_key(name: str, unit: str) -> str | None:
    row = match_indicator(name, unit)
    return row.key if row else None


def _neighbour_bounds(candidates: list[_Candidate]) -> dict[int, Decimal]:
    """ "累计投入达到6906亿元，比“十二五”期间增加了近100亿元": the total must
    exceed the increase.  Returns candidate index -> lower bound."""
    bounds: dict[int, Decimal] = {}
    for i, c in enumerate(candidates):
        if not c.rule.endswith(":delta") or c.unit == "倍" or i == 0:
            continue
        base = candidates[i - 1]
        if base.sentence.start == c.sentence.start and base.unit == c.unit:
            bounds[i - 1] = c.q.value
    return bounds


def extract_quantity_facts(
    text: str,
    *,
    offset: int = 0,
    doc_year: int | None = None,
    plan_period: tuple[int, int] | None = None,
    section_heading: str = "",
    doc_type: str = "",
    lead_in: str = "",
    sets_goals: bool = False,
) -> tuple[list[ExtractedTarget], list[ExtractedFigure]]:
    """Targets and reported figures in one provision's ``text``.

    ``offset``: where ``text`` starts in the document (added to all offsets).
    ``section_heading``: the provision's ancestor headings (" › "-joined);
    "发展基础"/"发展成就" make undated numbers figures, "目标"/"任务" targets.
    ``doc_type``: the document's genre; in a law or regulation undated
    numbers are requirements (targets), in a reply they are figures.
    ``lead_in``: the text introducing the provision as an item of a list;
    the items of "…须符合以下条件：" are conditions, not goals.
    ``sets_goals``: the document names no genre but sets goals for later
    years (``sets_goals_ahead``): its undated numbers are goals too.
    """
    candidates = _candidates(
        Passage(text, doc_year, plan_period, section_heading, doc_type, lead_in, sets_goals)
    )
    bounds = _neighbour_bounds(candidates)
    targets: list[ExtractedTarget] = []
    figures: list[ExtractedFigure] = []
    for i, c in enumerate(candidates):
        common = dict(
            indicator_name=c.name,
            indicator_key=_name_key(c.name, c.unit),
            value=c.q.value,
            value_max=c.q.value_max,
            unit=c.unit,
            comparator=c.comparator,
            year=c.year,
            start=offset + c.q.start,
            end=offset + c.q.end,
            sentence_start=offset + c.sentence.start,
            sentence_end=offset + c.sentence.end,
            rule=c.rule,
            raw_value_text=c.q.number_text if c.q.multiplier == 1 else "",
            year_inferred=c.year_inferred,
        )
        if c.is_target:
            fact = ExtractedTarget(
                **common, per_year=c.per_year, aspirational=c.aspirational
            )
            targets.append(fact)
        else:
            fact = ExtractedFigure(**common, year_start=c.year_start)
            figures.append(fact)
        plausibility.apply(fact, lower_bound=bounds.get(i))
    return targets, figures


def sets_goals_ahead(text: str, doc_year: int | None) -> bool:
    """Does a document set goals for a year after its own ("到2025年，…")?"""
    return any(
        doc_year is None or int(m["year"]) > doc_year for m in markers.GOAL_YEAR_RE.finditer(text)
    )


def extract_targets(
    text: str,
    *,
    offset: int = 0,
    doc_year: int | None = None,
    plan_period: tuple[int, int] | None = None,
    section_heading: str = "",
) -> list[ExtractedTarget]:
    """The targets of ``extract_quantity_facts``."""
    return extract_quantity_facts(
        text,
        offset=offset,
        doc_year=doc_year,
        plan_period=plan_period,
        section_heading=section_heading,
    )[0]


def extract_figures(
    text: str,
    *,
    offset: int = 0,
    doc_year: int | None = None,
    plan_period: tuple[int, int] | None = None,
    section_heading: str = "",
) -> list[ExtractedFigure]:
    """The reported figures of ``extract_quantity_facts``."""
    return extract_quantity_facts(
        text,
        offset=offset,
        doc_year=doc_year,
        plan_period=plan_period,
        section_heading=section_heading,
    )[1]
