"""Measures: the actionable commitments of a provision.

Pure Python (no Django).  ``extract_measures(text, offset=, heading=)`` returns
one ``ExtractedMeasure`` per actionable sentence, with the instrument types
(measures/instruments.py), target groups (measures/beneficiaries.py) and
responsible units (actors.py) named in it.

A sentence is actionable when one of its clauses is led by a policy verb
(POLICY_VERBS) or carries a modal of obligation (要/应当/必须), and the
sentence is not a statement of fact, background or a quantified goal
(NON_MEASURE_MARKERS).  Document patterns relied on:

* the plans and opinions (000, 001, 003, 004) state measures as verb-led
  sentences: "鼓励企业设立人才发展专项资金", "支持高校院所设立技术转移中心",
  "各地要加大财政科技专项资金投入";
* the achievements chapter of 004 and the reply 002 report facts with
  目前 / 已 / 累计 / 共有 / "2021年，…" and rankings (显示, 位列, 居…第N位);
* goals open with 到20XX年 or say 力争…达到 and are the targets extractor's
  business, not measures;
* provision headings ("（五）发挥企业科技成果应用的主体作用。") are titles
  repeated at the start of the text: they are skipped, and used only to type a
  sentence that names no instrument itself.
"""

from __future__ import annotations

import re

from documents.extraction.sentences import split_clauses, trimmed_sentences
from measures.beneficiaries import TARGET_GROUPS
from measures.extraction.actors import find_units
from measures.extraction.keywords import matched_rows
from measures.extraction.types import ExtractedMeasure
from measures.instruments import INSTRUMENT_TYPES

# Verbs that open a commitment in Chinese policy documents.  Two-character
# words only: single characters (建, 抓) are too ambiguous.
# fmt: off
POLICY_VERBS: tuple[str, ...] = (
    "支持", "鼓励", "推动", "推进", "建立", "建设", "实施", "设立", "给予", "予以",
    "加大", "完善", "培育", "引导", "允许", "开展", "加强", "加快", "构建", "打造",
    "组织", "落实", "探索", "强化", "提升", "促进", "发挥", "深化", "优化", "制定",
    "扶持", "实行", "组建", "引进", "搭建", "举办", "赋予", "整合", "健全", "统筹",
    "突破", "攻克", "开发", "推广", "培养", "吸引", "拓展", "拓宽", "争取", "集聚",
    "聚焦", "成立", "启动", "评选", "新增", "谋划", "筹建", "扩大", "激发", "营造",
    "弘扬", "贯彻", "规范", "严格", "采取", "采用", "依托", "征集", "发布", "选聘",
    "激励", "吸纳", "创办", "领办", "承担", "布局", "重组", "清理", "修订", "制修订",
    "选派", "兴办", "联办", "共建", "创建", "落地", "招引", "壮大", "大力发展",
    "积极发展", "加快发展", "培育发展", "开放", "提供", "选定", "选择", "解决",
    "增加", "留住", "创造", "提出", "确定", "明确", "集中力量",
)

# A sentence matching any of these is a fact, background, boilerplate or a goal.
NON_MEASURE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # reported facts (002 reply, 004 第一章): 目前…, 已认定…, 累计…, 共有…
    ("fact", re.compile(r"目前|(?:^|全省|省内)现有|累计|共有|"
                        r"已(?:经)?(?:认定|建成|形成|"
                        r"发展|批准|获批|吸纳|相继|完成|入选|成为)|相继(?:出台|获批|在)|"
                        r"获批|入选|》(?:显示|中)|位列|居全国|排名|得到.{0,12}肯定|签订")),
    # a year-led report: "2021年，共同体组织…", "2021年度，吉林银行…"
    ("fact", re.compile(r"^\d{4}年度?，")),
    # achievements narrative of 004: "…正快速优化", "…正提质扩能", "…不断增强"
    ("fact", re.compile(r"[正在](?:快速|加速|显著|提质|不断|逐步)|"
                        r"日益(?:深化|强化|增强|凸显|扩大|提升)|正在|仍然|仍待|尚未|面临")),
    # definitions and background: "…是…的重要任务", "这是最直接最有效的…模式";
    # 002 describes models ("三是“产学研合作”模式，即企业…") and gives examples
    # ("如四平新型工业化经济开发区引进…")
    ("statement", re.compile(r"^[^，]{0,30}是[^，。]{0,40}"
                             r"(?:重要|关键|核心|战略|根本|基础)|"
                             r"这是|模式，即|^如|^“[^”]{1,8}”，即")),
    # completed actions reported with 了 (002: "建成了…", "指导成立了…")
    ("fact", re.compile(r"(?:建成|成立|设立|组建|形成|完善|吸纳|推动)了")),
    # forwarding boilerplate: "现印发给你们，请认真组织贯彻实施"
    ("boilerplate", re.compile(r"印发给你们|转发给你们|请认真|现答复如下|收悉")),
    # goals: "到2017年，…", "力争…达到" (the targets extractor's business)
    ("target", re.compile(r"^到\d{4}年|力争.{0,30}达到")),
)
# fmt: on

# A verb this far into a clause still "leads" it: room for a subject and
# adverbs ("省科技厅每年", "各地要进一步", "有条件的高校和科研院所可").
LEAD_MAX = 16


# Verb strings that are part of a noun here: 开发区 (002 "地方政府、开发区或企业").
NOT_VERB_BEFORE: dict[str, str] = {
    "开发": "区",
    "发布": "会",
    "规范": "化",
    "开放": "式",
}

_VERB_RE = re.compile(
    "|".join(
        re.escape(verb)
        + (f"(?![{NOT_VERB_BEFORE[verb]}])" if verb in NOT_VERB_BEFORE else "")
        for verb in sorted(POLICY_VERBS, key=len, reverse=True)
    )
)


# Modal verbs of obligation: "各地要加大…", "省直各相关部门、…要加快研究制定…"
# (the subject before them can be long).  要 inside 需要/重要/主要/要求/要素 is
# not one.
MODAL_RE = re.compile(r"(?<![需重主首纪概必])要(?![素求点件闻])|应当|必须")
AFTER_MODAL_MAX = 6


def _lead_verb(text: str, start: int, end: int) -> str:
    """The word that makes the clause text[start:end] a commitment, or "".

    A policy verb within LEAD_MAX characters of the clause start or within
    AFTER_MODAL_MAX after a modal; failing that, the modal itself.
    """
    match = _VERB_RE.search(text, start, min(end, start + LEAD_MAX + 4))
    if match and match.start() - start <= LEAD_MAX:
        return match.group()
    modal = MODAL_RE.search(text, start, end)
    if not modal:
        return ""
    match = _VERB_RE.search(
        text, modal.end(), min(end, modal.end() + AFTER_MODAL_MAX + 4)
    )
    if match and match.start() - modal.end() <= AFTER_MODAL_MAX:
        return match.group()
    return modal.group()


def _non_measure(sentence: str) -> str:
    for name, pattern in NON_MEASURE_MARKERS:
        if pattern.search(sentence):
            return name
    return ""


def _is_heading(sentence: str, heading: str) -> bool:
    return bool(heading) and sentence.strip() == heading.strip()


def extract_measures(
    text: str, *, offset: int = 0, heading: str = ""
) -> list[ExtractedMeasure]:
    """One measure per actionable sentence of ``text`` (see module docstring)."""
    measures: list[ExtractedMeasure] = []
    for span in trimmed_sentences(text):
        sentence = text[span.start : span.end]
        if not sentence or _is_heading(sentence, heading) or _non_measure(sentence):
            continue
        verb = ""
        for clause in split_clauses(text, span, ascii_marks=True):
            verb = _lead_verb(text, clause.start, clause.end)
            if verb:
                break
        if not verb:
            continue
        kind = "modal" if MODAL_RE.fullmatch(verb) else "policy_verb"
        rule = f"{kind}:{verb}"
        instruments = matched_rows(sentence, INSTRUMENT_TYPES)
        if not instruments and heading:
            instruments = matched_rows(heading, INSTRUMENT_TYPES)
            rule += "+heading"
        measures.append(
            ExtractedMeasure(
                instrument_types=[row.key for row in instruments],
                beneficiaries=[
                    row.name for row in matched_rows(sentence, TARGET_GROUPS)
                ],
                responsible_units=find_units(sentence),
                summary=sentence,
                start=span.start + offset,
                end=span.end + offset,
                rule=rule,
            )
        )
    return measures
