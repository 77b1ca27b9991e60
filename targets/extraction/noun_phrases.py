"""The noun phrase a number measures ("建设50个省级技术转移示范机构" ->
"省级技术转移示范机构"), read from the words around it.

Two word orders occur: the counted noun after the number ("建设50个省级技术
转移示范机构", "2000户成长性好、…的科技创新小巨人企业" -> the head after
the last 的) and the measured noun before it ("省级重点实验室60个",
"全省R&D经费投入占GDP的比重达到2%左右").  Money, shares and multiples
name what they measure before the number; counts name it after the number
when a noun follows.
"""

from __future__ import annotations

import re

from documents.extraction.periods import find_periods
from documents.extraction.quantities import Quantity
from targets.extraction import markers

_CONNECTORS = "、和及与，；："
_PERIOD_NOISE_RE = re.compile(r"^(?:到|至|在|于)")


def strip_parentheticals(text: str) -> str:
    while True:
        m = markers.PARENTHETICAL_RE.search(text)
        if not m or m.start() == 0:
            return text
        text = text[: m.start()]


def _strip_words(text: str, words: tuple[str, ...], *, leading: bool) -> str:
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for word in ordered:
            if leading and text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :], True
                break
            if not leading and text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
                break
    return text


def _remove_periods(text: str) -> str:
    """Drop time phrases ("到“十四五”末", "2021年度") from a name."""
    for period in reversed(find_periods(text)):
        if period.kind in ("plan", "plan_end", "plan_start") and not any(
            w in period.text for w in ("期间", "时期", "末", "初")
        ):
            continue  # "“十二五”科技行动计划": the plan name is part of the noun
        text = text[: period.start] + text[period.end :]
    return _PERIOD_NOISE_RE.sub("", text)


def _drop_open_bracket(text: str) -> str:
    """ "（含吉林省野外观测研究站" -> "吉林省野外观测研究站" (an unclosed bracket
    left by the clause split)."""
    if "（" in text and "）" not in text[text.rfind("（") :]:
        text = text[text.rfind("（") + 1 :]
    return text


def clean(text: str, *, keep_periods: bool = False) -> str:
    text = text.strip(_CONNECTORS + " ")
    text = _drop_open_bracket(text)
    if not keep_periods:
        text = _remove_periods(text)
    text = text.strip(_CONNECTORS + " ")
    text = _strip_words(text, markers.LEADING_WORDS, leading=True)
    text = _strip_words(text, markers.TRAILING_WORDS, leading=False)
    text = strip_parentheticals(text)
    text = _strip_words(text, markers.TRAILING_WORDS, leading=False)
    return text.strip(_CONNECTORS + " ")


def _after_marker(before: str) -> str:
    """ "吉林银行、中国银行吉林分行累计支持科技企业" -> "支持科技企业": a
    marker word (累计, 共有, 现有 …) separates the subject from the measure."""
    best = -1
    best_word = ""
    for word in markers.FIGURE_CLAUSE_MARKERS + markers.FIGURE_SENTENCE_MARKERS:
        i = before.rfind(word)
        if i > best:
            best, best_word = i, word
    if best < 0:
        return before
    remainder = clean(before[best + len(best_word) :])
    if len(remainder) <= 2:
        return before
    return before[best + len(best_word) :]


def split_predicate(noun_phrase: str) -> tuple[str, str]:
    """(noun, predicate) at the first predicate verb ("企业达到《…》标准")."""
    first = len(noun_phrase)
    for verb in markers.PREDICATE_VERBS + ("由",):
        i = noun_phrase.find(verb)
        if 0 <= i < first:
            first = i
    return noun_phrase[:first], noun_phrase[first:]


def _head_noun(noun: str) -> str:
    """The head after the last 的 ("成长性好、…方向的科技创新小巨人企业")."""
    if "的" in noun:
        head = noun.rsplit("的", 1)[1]
        if head:
            return head
    return noun


def _cut_before_measure(noun: str) -> str:
    """ "国家级高新区企业营业收入" -> "国家级高新区" when a measured noun
    follows the institution the count is about."""
    positions = [noun.find(m) for m in markers.MEASURE_NOUNS if noun.find(m) > 0]
    if not positions:
        return noun
    limit = min(positions)
    for end in range(1, limit + 1):
        if any(noun[:end].endswith(h) for h in markers.INSTITUTION_HEADS):
            return noun[:end]
    return noun


def kept_verb(before: str) -> str:
    for verb, kept in markers.KEPT_VERBS.items():
        if before.endswith(verb):
            return kept
    return ""


def name_after(after: str, before: str, unit: str, list_predicate: str) -> str:
    """Name from the noun after the number."""
    phrase = after
    if phrase.startswith("的"):
        phrase = phrase[1:]
    phrase = _cut_before_measure(phrase)
    noun, predicate = split_predicate(phrase)
    noun = _head_noun(noun) if noun else ""
    if len(strip_parentheticals(noun)) > 2:
        noun = strip_parentheticals(noun)
    noun = _strip_words(noun, markers.TRAILING_NOUN_WORDS, leading=False)
    if not predicate and list_predicate and len(noun) <= 3:
        predicate = list_predicate
    if not noun:
        noun = markers.UNIT_NOUNS.get(unit, unit)
    verb = kept_verb(before)
    short = len(strip_parentheticals(noun)) <= 3
    if predicate and (noun in markers.GENERIC_NOUNS or short):
        predicate = _strip_words(predicate, ("分别",), leading=True)
        return f"{predicate}的{noun}"
    if noun in markers.GENERIC_NOUNS and not verb:
        # "省集成创新综合体吸纳集聚426家企业": the subject says which firms.
        subject = clean(before)
        if subject and "、" not in subject and len(subject) <= 15:
            return subject + noun
    return verb + noun


_SHARE_OF_RE = re.compile(r"^(?P<part>.+?)达到(?P<whole>.+?)的$")


def name_before(before: str) -> str:
    phrase = before
    head, sep, tail = phrase.rpartition("等")
    # "承办“…”、“…”等培训活动": the category after an enumeration.  Only
    # after a 、-list: "国家高等学校…" contains 等 too.
    if sep and "、" in head and len(clean(tail)) >= 2:
        phrase = tail
    for verb in markers.SUBJECT_VERBS:
        if verb in phrase and len(clean(phrase.rsplit(verb, 1)[1])) >= 2:
            phrase = phrase.rsplit(verb, 1)[1]
    phrase = _after_marker(phrase)
    name = clean(phrase)
    share = _SHARE_OF_RE.match(name)
    if share:
        # "有创新活动的企业达到企业总数的1/3" -> a share of the whole.
        return f"{share.group('part')}占{share.group('whole')}比例"
    return name


def short_money_name(name: str, previous_name: str, previous_clause: str) -> str:
    """ "金额" after "推动68项产学研合作项目" -> "产学研合作项目金额"."""
    if len(name) > 2:
        return name
    if previous_name:
        return previous_name + name
    for verb in ("组建", "设立", "成立", "建设", "建立", "实施", "承办"):
        if verb in previous_clause:
            return clean(previous_clause.rsplit(verb, 1)[1]) + name
    return name


def rank_name(clause_before: str, index: int, after: str, ordinal: bool) -> str:
    """ "中科院长春光机所、中科院长春应化所依次居科研院所类" + index 1 ->
    "中科院长春应化所科研院所类排名"."""
    text = clause_before
    if "》" in text:
        text = text.rsplit("》", 1)[1]
        text = text[1:] if text.startswith("中") else text
    for verb in markers.RANK_VERBS:
        if verb in text:
            subject, category = text.split(verb, 1)
            break
    else:
        subject, category = "", text
    subject = clean(subject)
    if "、" in subject and verb == "依次居":
        parts = subject.split("、")
        subject = parts[min(index, len(parts) - 1)]
    category = category.strip()
    category = re.sub(r"^在", "", category)
    if ordinal:
        noun = clean(strip_parentheticals(after))
        return f"{subject}{category}{noun}次序"
    return f"{subject}{category}排名"


def quantity_noun_order(q: Quantity, after: str) -> str:
    """ "after" when the measured noun follows the number, else "before"."""
    if q.category in ("money", "percent", "multiple", "percentage_point"):
        if q.unit == "%" and after.startswith("的"):
            return "share"
        return "before"
    if after and (after[0] == "的" or "\u4e00" <= after[0] <= "\u9fff"):
        if after[0] not in "和及与等":
            return "after"
    return "before"
