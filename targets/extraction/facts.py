"""Targets and reported figures in the text of one provision.

Reads: one provision's normalised text, its offset in the document, and the
document's context (doc_year, plan_period, the " › "-joined headings of the
provision's ancestors).  Writes: ExtractedTarget and ExtractedFigure, with
offsets into the document (``offset`` added).

For each number that ``find_quantities`` types as an amount or a rank:

1. skip what is not a target or a figure: subsidy amounts (money next to
   给予/资助/补助/…, unless reported as paid out: "共兑现补助资金3200万元"),
   award shares (70%奖给…), eligibility conditions
   (对…达到1%…的项目予以支持), technical specs (时速400公里), durations,
   structural counts (Chinese-numeral "三个公共技术平台", "5个重点突破");
2. decide target or figure, first rule that speaks wins:
   a clause marker before the number (现有/已有/依托/累计/确定的 -> figure);
   the time phrase governing the number (到2020年 or a year after the
   document -> target; a year or plan period before it -> figure);
   a sentence marker (目前 -> figure, 下一步/力争 -> target);
   the section heading (发展基础/发展成就 -> figure, 目标/任务/措施 -> target);
   the document (a plan -> target, a dated non-plan such as a reply -> figure);
3. year: the governing time phrase (same sentence, else carried from earlier
   sentences of the paragraph unless the sentence says 目前/累计/现有), else
   the plan's end year for targets, the year before the plan for figures in
   a 发展基础 section, the document year for other figures;
4. name the indicator (``names``) and look it up in ``targets.indicators``;
5. run ``targets.plausibility`` (flags, suggested_value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from documents.extraction import money_words
from documents.extraction.periods import Period, find_periods
from documents.extraction.quantities import Quantity, find_quantities
from documents.extraction.sentences import (
    Span,
    span_at,
    split_clauses,
    split_paragraphs,
    split_sentences,
)
from targets import plausibility
from targets.extraction import markers, names
from targets.extraction.types import ExtractedFigure, ExtractedTarget
from targets.indicators import match_indicator

# Units as stored: a rank is in 位 whatever the text says ("前15名"); "8部门"
# counts departments with the classifier 个 implied.
STORED_UNITS = {"部门": "个"}
RANK_UNIT = "位"
_YEAR_IN_TITLE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class _Time:
    period: Period
    same_sentence: bool


@dataclass
class _Candidate:
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


class _Provision:
    def __init__(self, text, offset, doc_year, plan_period, section_heading):
        self.text = text
        self.offset = offset
        self.doc_year = doc_year
        self.plan_period = plan_period
        self.section_heading = section_heading or ""
        self.reference_year = doc_year or (plan_period[0] if plan_period else None)
        self.quantities = find_quantities(text)
        self.periods = find_periods(text)
        self.paragraphs = split_paragraphs(text)
        self.sentences = split_sentences(text)
        self.clauses = split_clauses(text)
        self.titles = _book_title_spans(text)

    # -- scopes ---------------------------------------------------------------

    def clause_of(self, pos: int) -> Span:
        return span_at(self.clauses, pos) or Span(pos, pos)

    def sentence_of(self, pos: int) -> Span:
        return span_at(self.sentences, pos) or Span(pos, pos)

    def paragraph_of(self, pos: int) -> Span:
        return span_at(self.paragraphs, pos) or Span(0, len(self.text))

    # -- what the number is ---------------------------------------------------

    def usable(self, q: Quantity) -> bool:
        if q.kind in ("rank", "rank_change"):
            return True
        if q.kind == "ordinal":
            return self.ordinal_rank(q)
        if q.kind != "amount" or not q.unit:
            return False
        if q.category in markers.SKIP_UNIT_CATEGORIES:
            return False
        clause = self.clause_of(q.start)
        clause_text = self.text[clause.start : clause.end]
        before = self.text[clause.start : q.start]
        after = self.text[q.end : clause.end]
        if any(w in before[-6:] for w in markers.SPEC_WORDS):
            return False
        if (
            q.category == "money"
            and any(w in clause_text for w in money_words.SUPPORT_WORDS)
            and not self.disbursed(before)
        ):
            return False
        if q.unit == "%" and any(w in clause_text for w in markers.ALLOCATION_WORDS):
            return False
        if money_words.TO_WHOM_RE.search(before) and self.condition_closed(
            q, after
        ):
            return False
        if q.category == "money" and self.cap_of_rule(q):
            return False
        if q.category == "count" and self.structural_count(q, after):
            return False
        return True

    def condition_closed(self, q: Quantity, after: str) -> bool:
        """对…<number>… closed by 给予/予以: in the clause, or later in the
        sentence when the number sits in a 的-clause ("对上年度研发费用支出超
        过200万元且较上一年度增长的企业，按照…给予补助")."""
        if any(w in after for w in markers.CONDITION_CLOSERS):
            return True
        if "的" not in after:
            return False
        sentence = self.sentence_of(q.start)
        rest = self.text[q.end : sentence.end]
        return any(w in rest for w in markers.CONDITION_CLOSERS)

    def cap_of_rule(self, q: Quantity) -> bool:
        """ "…给予补助，单个企业每年最高50万元": the ceiling of a rule."""
        if q.comparator not in markers.CAP_COMPARATORS:
            return False
        sentence = self.sentence_of(q.start)
        lead = self.text[sentence.start : q.start]
        return any(w in lead for w in money_words.SUPPORT_WORDS)

    @staticmethod
    def disbursed(before: str) -> bool:
        """Money reported as paid out ("共兑现补助资金3200万元"), not a rule."""
        paid_out = money_words.PAID_OUT_WORDS + money_words.HANDED_OUT_WORDS
        return any(w in before for w in paid_out) and not any(
            w in before for w in money_words.RULE_WORDS
        )

    def ordinal_rank(self, q: Quantity) -> bool:
        """ "成为全国第7个国家级示范区" is a rank; "第十四个五年规划" is not."""
        before = self.text[max(0, q.start - 4) : q.start]
        return q.number_text.isascii() and any(
            w in before for w in ("全国", "全省", "全球", "世界")
        )

    def structural_count(self, q: Quantity, after: str) -> bool:
        # Statistics and goals are printed in Arabic digits (GB/T 15835); a
        # Chinese-numeral count ("三个公共技术平台", "两个资源") counts the
        # parts of an enumeration.  "百余所" keeps its 余.
        if not q.number_text.isascii() and q.comparator == "=":
            return True
        noun, _ = names.split_predicate(after.rstrip("。！？；，："))
        noun = names.strip_parentheticals(noun)
        return any(noun.endswith(h) for h in markers.ABSTRACT_HEADS)

    # -- time -----------------------------------------------------------------

    def governing_time(self, q: Quantity) -> _Time | None:
        paragraph = self.paragraph_of(q.start)
        sentence = self.sentence_of(q.start)
        latest: Period | None = None
        for period in self.periods:
            if period.start < paragraph.start or period.end > q.start:
                continue
            if not self.strong(period):
                continue
            latest = period
        if latest is None:
            return self.heading_time()
        same = latest.start >= sentence.start
        if not same:
            lead = self.text[sentence.start : q.start]
            if any(
                w in lead for w in markers.FIGURE_SENTENCE_MARKERS + ("累计", "现有")
            ):
                return None
        return _Time(latest, same)

    def heading_time(self) -> _Time | None:
        for period in reversed(find_periods(self.section_heading)):
            if self.strong(period, self.section_heading):
                return _Time(period, False)
        return None

    def strong(self, period: Period, text: str | None = None) -> bool:
        """A period that sets the time of what follows (not a plan name used
        as an adjective, a comparison base, a per-year phrase or a title)."""
        text = self.text if text is None else text
        if period.kind in ("per_year", "date"):
            return False
        if period.plan_number is not None and not period.future:
            if not any(w in period.text for w in ("期间", "时期", "末", "初")):
                return False
        before = text[max(0, period.start - 1) : period.start]
        if before and before in markers.COMPARISON_BEFORE_PERIOD:
            return False
        if period.kind in ("year", "year_range") and not (
            period.future or period.cutoff
        ):
            following = text[period.end : period.end + 1]
            if following and following not in markers.ADVERBIAL_AFTER_YEAR:
                return False
        if text is self.text and any(s <= period.start < e for s, e in self.titles):
            return False
        return True

    def title_year(self, q: Quantity) -> int | None:
        """A report year in a title of the same sentence ("《…报告2021》")."""
        sentence = self.sentence_of(q.start)
        year = None
        for start, end in self.titles:
            if sentence.start <= start < q.start:
                for m in _YEAR_IN_TITLE.finditer(self.text, start, end):
                    year = int(m.group(0))
        return year

    def is_future(self, period: Period) -> bool:
        if period.future:
            return True
        if period.cutoff:
            return False
        return self.reference_year is not None and period.year_end > self.reference_year

    def is_past(self, period: Period) -> bool:
        if period.future:
            return False
        if period.cutoff:
            return True
        return self.reference_year is not None and period.year_end < self.reference_year

    # -- target or figure ------------------------------------------------------

    def clause_marker(self, q: Quantity) -> bool:
        """A figure marker in the clause, not followed by a verb whose object
        the number is ("依托…建设6个" builds; "依托…等31个联盟" relies on)."""
        clause = self.clause_of(q.start)
        before = self.text[clause.start : q.start]
        marker = max(
            (before.rfind(w) for w in markers.FIGURE_CLAUSE_MARKERS), default=-1
        )
        if marker < 0:
            return False
        verb = max((before.rfind(w) for w in markers.BUILD_VERBS), default=-1)
        return marker >= verb

    def decide(self, q: Quantity, time: _Time | None) -> tuple[bool, str]:
        if self.clause_marker(q):
            return False, "clause_marker"
        if time is not None:
            if self.is_future(time.period):
                return True, "future_time"
            if self.is_past(time.period):
                return False, "past_time"
        sentence = self.sentence_of(q.start)
        lead = self.text[sentence.start : q.start]
        if any(w in lead for w in markers.FIGURE_SENTENCE_MARKERS):
            return False, "present_marker"
        if any(w in lead for w in markers.TARGET_SENTENCE_MARKERS):
            return True, "future_marker"
        paragraph = self.paragraph_of(q.start)
        if self.text[paragraph.start : paragraph.start + 4].startswith("下一步"):
            return True, "future_marker"
        heading = self.section_heading
        if any(w in heading for w in markers.FIGURE_SECTION_WORDS):
            return False, "section"
        if any(w in heading for w in markers.TARGET_SECTION_WORDS):
            return True, "section"
        if self.plan_period is not None or self.doc_year is None:
            return True, "plan_document"
        return False, "report_document"

    def year_of(self, q, is_target, time, ranked_ordinal):
        """(year, year_start, inferred)."""
        if ranked_ordinal:
            return None, None, False  # "第7个国家级示范区": an order, not a date
        title_year = self.title_year(q)
        if is_target:
            if time is not None and not self.is_past(time.period):
                return time.period.year_end, None, not time.same_sentence
            if time is not None and time.same_sentence:
                return time.period.year_end, None, False
            if self.plan_period:
                return self.plan_period[1], None, True
            return None, None, False
        if time is not None and not self.is_future(time.period):
            start = time.period.year_start
            start = start if start != time.period.year_end else None
            return time.period.year_end, start, not time.same_sentence
        if title_year is not None:
            return title_year, None, False
        if self.plan_period and any(
            w in self.section_heading for w in markers.FIGURE_SECTION_WORDS
        ):
            return self.plan_period[0] - 1, None, True
        return self.doc_year, None, self.doc_year is not None

    # -- per fact ---------------------------------------------------------------

    def per_year(self, q: Quantity) -> bool:
        sentence = self.sentence_of(q.start)
        return any(
            p.kind == "per_year" and sentence.start <= p.start < q.start
            for p in self.periods
        )

    def aspirational(self, q: Quantity, time: _Time | None) -> bool:
        if q.aspirational:
            return True
        if time is not None and time.period.aspirational:
            return True
        clause = self.clause_of(q.start)
        return "力争" in self.text[clause.start : q.start]

    def candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        usable = [q for q in self.quantities if self.usable(q)]
        for i, q in enumerate(usable):
            time = self.governing_time(q)
            is_target, why = self.decide(q, time)
            ranked_ordinal = q.kind == "ordinal"
            year, year_start, inferred = self.year_of(
                q, is_target, time, ranked_ordinal
            )
            name, case = self.name(q, usable, i, out)
            unit = q.unit
            if q.kind in ("rank", "rank_change", "ordinal"):
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
                    per_year=is_target and self.per_year(q),
                    aspirational=is_target and self.aspirational(q, time),
                    unit=unit,
                    comparator=q.comparator,
                    sentence=self.sentence_of(q.start),
                )
            )
        return out

    # -- names ------------------------------------------------------------------

    def name(self, q, usable, i, done) -> tuple[str, str]:
        text = self.text
        clause = self.clause_of(q.start)
        previous = usable[i - 1] if i and usable[i - 1].end > clause.start else None
        following = (
            usable[i + 1]
            if i + 1 < len(usable) and usable[i + 1].start < clause.end
            else None
        )
        left = previous.end if previous is not None else clause.start
        right = following.start if following is not None else clause.end
        before = text[left : q.start].lstrip("、和及与")
        after = text[q.end : right].rstrip("、和及与。！？；，：")
        sentence = self.sentence_of(q.start)
        previous_name = next(
            (c.name for c in reversed(done) if c.sentence.start == sentence.start), ""
        )

        if q.kind in ("rank", "rank_change", "ordinal"):
            ranks = [
                u
                for u in usable
                if u.kind == q.kind and clause.start <= u.start < clause.end
            ]
            first = ranks[0] if ranks else q
            clause_before = text[clause.start : first.start]
            if q.kind == "rank_change":
                return names.clean(clause_before) + "位次", "rank"
            clause_before = clause_before.removesuffix("第")
            noun_after = text[q.end : clause.end]
            return (
                names.rank_name(
                    clause_before, ranks.index(q), noun_after, q.kind == "ordinal"
                ),
                "rank",
            )

        order = names.quantity_noun_order(q, after)
        if order == "share":
            list_predicate = self.list_predicate(usable, i, clause)
            noun, predicate = names.split_predicate(after[1:])
            predicate = predicate or list_predicate
            noun = names.strip_parentheticals(noun)
            return f"{predicate}的{noun}占比" if predicate else f"{noun}占比", "share"
        if order == "after":
            list_predicate = self.list_predicate(usable, i, clause)
            after = self.relative_clause_head(q, after, following)
            full_before = text[clause.start : q.start]
            return names.name_after(after, full_before, q.unit, list_predicate), "after"

        stripped = before.strip()
        if stripped.startswith(markers.COMPARISON_BEFORE_PERIOD) and previous_name:
            # "比“十二五”期间增加了近100亿元", "是“十二五”期间的1.29倍"
            base = names.clean(stripped, keep_periods=True).rstrip("了的")
            if q.unit == "倍":
                return f"{previous_name}{base}的倍数", "delta"
            return f"{previous_name}{base}", "delta"
        name = names.name_before(before)
        if name.startswith("占") and previous_name:
            # "研发经费支出达到28.6亿元，占地区生产总值比重为1.3%": the share
            # of the amount named just before.
            return previous_name + name, "share_of_previous"
        same_clause = previous is not None
        if not name and previous_name and same_clause:
            return previous_name, "list"
        if (
            name
            and len(name) <= 3
            and previous_name
            and "其中" in text[sentence.start : q.start]
        ):
            # "技术转移示范机构100家，其中，国家级10家"
            return name + previous_name, "part"
        if not name and previous_name and "其中" in text[sentence.start : q.start]:
            return previous_name, "part"
        if not name:
            list_predicate = self.list_predicate(usable, i, clause)
            noun = markers.UNIT_NOUNS.get(q.unit, q.unit)
            return (f"{list_predicate}的{noun}" if list_predicate else noun), "list"
        if q.category == "money":
            previous_clause = span_at(self.clauses, clause.start - 1)
            name = names.short_money_name(
                name,
                previous_name,
                text[previous_clause.start : previous_clause.end]
                if previous_clause
                else "",
            )
        return name, "before"

    def relative_clause_head(self, q, after: str, following) -> str:
        """ "10个左右具有一定经济与科技基础，特色产业突出，…的市（州）、县
        （市、区）": a relative clause running over commas ends at its 的."""
        if not after.startswith(markers.RELATIVE_CLAUSE_OPENERS) or "的" in after:
            return after
        sentence = self.sentence_of(q.start)
        limit = following.start if following is not None else sentence.end
        de = self.text.find("的", q.end, limit)
        if de < 0:
            return after
        head = self.text[de + 1 : limit]
        for stop in "，；。":
            head = head.split(stop, 1)[0]
        return head

    def list_predicate(self, usable, i, clause) -> str:
        """The predicate after the last item of a list of numbers
        ("…19个国家国际科技合作基地全部位于长吉图区域")."""
        last = max(
            (u for u in usable if clause.start <= u.start < clause.end),
            key=lambda u: u.start,
        )
        tail = self.text[last.end : clause.end]
        if tail.startswith("的"):
            tail = tail[1:]
        _, predicate = names.split_predicate(tail)
        return predicate.rstrip("。；，")


def _book_title_spans(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch == "《":
            stack.append(i)
        elif ch == "》" and stack:
            spans.append((stack.pop(), i + 1))
    return spans


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
) -> tuple[list[ExtractedTarget], list[ExtractedFigure]]:
    """Targets and reported figures in one provision's ``text``.

    ``offset``: where ``text`` starts in the document (added to all offsets).
    ``section_heading``: the provision's ancestor headings (" › "-joined);
    "发展基础"/"发展成就" make undated numbers figures, "目标"/"任务" targets.
    """
    provision = _Provision(text, offset, doc_year, plan_period, section_heading)
    candidates = provision.candidates()
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
