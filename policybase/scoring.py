"""Scoring what the pipeline read from a document against its annotation.

Reads: an annotation in the format of tests/data/corpus/README.md (metadata,
top-level headings, facts in the format of tests/data/gold/README.md,
excluded quotes), and an ``Extracted`` view of what the pipeline read from
the same text (``extracted_from`` builds it from the pipeline's own objects).
Writes: a ``DocumentScore`` per document (counts and the findings behind
them) and their total; ``format_table`` and ``as_json`` print them.

Pure Python: no Django, so the comparison can be read and tested alone.

How things are counted:

- headings: an annotated top-level heading (a notice's 附件 included, with
  the attachment's own headings as its children) is found when the pipeline
  put a heading of the same label and title at the same place in the tree;
  every top-level heading the pipeline made that is not annotated is an
  extra.
- facts, per kind (target, figure, subsidy): an annotated fact is found by
  an extracted fact of the same kind whose span overlaps the quote and that
  reads the same value and unit (for subsidies: the same minimum, maximum,
  ratio and cap in yuan).  Each extracted fact finds at most one annotated
  fact; every extracted fact that finds none is an extra, whether or not
  its span overlaps an excluded quote.  Precision, recall and F1 follow.
  A subsidy scheme named without an amount, ratio or cap ("按照规定给予补助",
  flagged ``no_amount``) is not a subsidy rule in the annotation's sense
  (tests/data/gold/README.md: a support rule with an amount or ratio): such
  mentions are counted apart and printed, not scored.
- metadata: title, issuers, 文号 (only where the text prints one) and date,
  each right or wrong; a 文号 read where none is printed is listed, not
  counted.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from documents.extraction.units import category_of, to_yuan

FACT_KINDS = ("target", "figure", "subsidy")
CATEGORIES = ("headings", *FACT_KINDS, "metadata")

# Provision kinds that are headings of the document's own outline when they
# stand at the top of the tree (items and paragraphs are not).  An article
# stands there only in a regulation without chapters, whose outline its
# articles are.
HEADING_KINDS = frozenset(
    {"volume", "chapter", "section", "article", "part", "numbered_section", "box", "attachment"}
)
ATTACHMENT_KIND = "attachment"

# A subsidy's terms, as (annotation field, extracted attribute).
SUBSIDY_TERMS = (
    ("amount_min_yuan", "amount_min"),
    ("amount_max_yuan", "amount_max"),
    ("ratio_percent", "ratio_percent"),
    ("cap_yuan", "cap"),
)

# Punctuation closing a heading line that is not part of its title.
TITLE_TRAILING = "。；：，、;:,."
SENTENCE_ENDS = "。；！？\n"


# --- what the pipeline read ---------------------------------------------------


@dataclass(frozen=True)
class Heading:
    label: str
    title: str
    start: int
    children: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class Fact:
    kind: str  # one of FACT_KINDS
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    value: Decimal | None = None
    unit: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    ratio_percent: Decimal | None = None
    cap: Decimal | None = None

    def terms(self) -> str:
        if self.kind != "subsidy":
            return f"{self.value}{self.unit}"
        return " ".join(f"{attr}={getattr(self, attr)}" for _, attr in SUBSIDY_TERMS)


@dataclass
class Extracted:
    """What the pipeline read from one document; offsets are into ``text``."""

    key: str
    text: str
    headings: list[Heading]
    metadata: dict  # title, issuers (list), doc_number, date (ISO) – None if not read
    facts: list[Fact]
    mentions: int = 0  # subsidy schemes named without an amount (not scored)


def extracted_from(key: str, parsed, document, found: dict) -> Extracted:
    """An ``Extracted`` from the pipeline's objects: the ParsedDocument, the
    (unsaved) Document and the facts found in each provision."""
    facts = []
    for provision_facts in found.values():
        for kind, items in (
            ("target", provision_facts.targets),
            ("figure", provision_facts.figures),
            ("subsidy", provision_facts.subsidies),
        ):
            facts += [fact_view(kind, item) for item in items]
    scored = [f for f in facts if not is_mention(f)]
    return Extracted(
        key=key,
        text=parsed.normalised.text,
        headings=top_headings(parsed.provisions),
        metadata={
            "title": document.title or None,
            "issuers": split_issuers(document.issuer),
            "doc_number": document.doc_number or None,
            "date": document.issued_on.isoformat() if document.issued_on else None,
        },
        facts=sorted(scored, key=lambda f: (f.start, f.end)),
        mentions=len(facts) - len(scored),
    )


def is_mention(fact: Fact) -> bool:
    return fact.kind == "subsidy" and all(
        getattr(fact, attr) is None for _, attr in SUBSIDY_TERMS
    )


def fact_view(kind: str, item) -> Fact:
    shared = {
        "kind": kind,
        "start": item.start,
        "end": item.end,
        "sentence_start": item.sentence_start,
        "sentence_end": item.sentence_end,
    }
    if kind == "subsidy":
        return Fact(**shared, **{attr: getattr(item, attr) for _, attr in SUBSIDY_TERMS})
    return Fact(**shared, value=item.value, unit=item.unit)


def top_headings(provisions) -> list[Heading]:
    """The headings at the top of the tree; an attachment or an unlabelled
    group brings its own.
    Articles count only where nothing above an article stands there (a
    regulation without chapters, its attachments aside): beside chapters,
    top-level articles are ones whose chapter heading the text lost."""
    chaptered = any(n.kind in HEADING_KINDS - {"article", ATTACHMENT_KIND} for n in provisions)
    out = []
    for node in provisions:
        if node.kind not in HEADING_KINDS or (chaptered and node.kind == "article"):
            continue
        # an attachment, and an unlabelled group of the outline ("面向单位的扶持
        # 政策" over its own 一、…), hold the headings under them
        holds = node.kind == ATTACHMENT_KIND or (node.kind == "volume" and not node.label)
        children = top_headings(node.children) if holds else []
        out.append(Heading(node.label, node.heading, node.start, tuple(children)))
    return out


def split_issuers(issuer: str) -> list[str]:
    """The issuers of a stored ``Document.issuer`` ("A、B" for joint ones)."""
    return [part for part in issuer.replace("，", "、").split("、") if part.strip()]


# --- comparing ------------------------------------------------------------------


def fold(text: str) -> str:
    """Text as compared: NFKC per character, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", c) for c in text if not c.isspace())


def fold_title(text: str) -> str:
    return fold(text).rstrip(TITLE_TRAILING)


class Locator:
    """Finds annotation quotes (written without whitespace) in the text."""

    def __init__(self, text: str):
        self.text = text
        chars, index = [], []
        for i, c in enumerate(text):
            if c.isspace():
                continue
            for folded in unicodedata.normalize("NFKC", c):
                chars.append(folded)
                index.append(i)
        self.folded = "".join(chars)
        self.index = index

    def span(self, quote: str) -> tuple[int, int] | None:
        needle = fold(quote)
        pos = self.folded.find(needle) if needle else -1
        if pos < 0:
            return None
        return self.index[pos], self.index[pos + len(needle) - 1] + 1

    def sentence(self, start: int, end: int) -> str:
        """The sentence around ``text[start:end]``."""
        text = self.text
        left = max((text.rfind(c, 0, start) for c in SENTENCE_ENDS), default=-1) + 1
        rights = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
        right = min(rights) + 1 if rights else len(text)
        return text[left:right].strip()


def number(value) -> Decimal | None:
    """The annotation's number; a fraction written ``a/b`` (三分之一 as
    ``"1/3"``) as its quotient."""
    if value is None or value == "":
        return None
    numerator, _, denominator = str(value).partition("/")
    try:
        if denominator:
            return Decimal(numerator) / Decimal(denominator)
        return Decimal(numerator)
    except (InvalidOperation, ZeroDivisionError):
        return None


def same_terms(gold: dict, fact: Fact) -> bool:
    """Does ``fact`` read what the annotation ``gold`` says?"""
    if gold["kind"] == "subsidy":
        return all(number(gold.get(g)) == getattr(fact, a) for g, a in SUBSIDY_TERMS)
    value = number(gold["value"])
    if fact.value is None or value is None:
        return False
    if gold["unit"] == "fraction" and fact.unit == "%":
        return abs(fact.value - value * 100) < Decimal("0.01")
    if fact.unit != gold["unit"] and {category_of(fact.unit), category_of(gold["unit"])} == {"money"}:
        # the same sum in another unit: 2万亿元 is 20000亿元
        return to_yuan(fact.value, fact.unit) == to_yuan(value, gold["unit"])
    return fact.value == value and fact.unit == gold["unit"]


def gold_terms(gold: dict) -> str:
    if gold["kind"] != "subsidy":
        return f"{gold['value']}{gold['unit']}"
    return " ".join(f"{a}={number(gold.get(g))}" for g, a in SUBSIDY_TERMS)


@dataclass
class Count:
    annotated: int = 0
    extracted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Count) -> None:
        self.annotated += other.annotated
        self.extracted += other.extracted
        self.matched += other.matched

    def as_dict(self) -> dict:
        return {
            "annotated": self.annotated,
            "extracted": self.extracted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Finding:
    """One miss, extra or wrong field, with the sentence it is about."""

    category: str  # one of CATEGORIES
    what: str  # "miss", "extra", "wrong" (metadata) or "unscored" (metadata)
    detail: str
    sentence: str = ""


@dataclass
class DocumentScore:
    key: str
    counts: dict[str, Count] = field(default_factory=lambda: {c: Count() for c in CATEGORIES})
    findings: list[Finding] = field(default_factory=list)
    mentions: int = 0

    def as_dict(self, *, findings: bool = False) -> dict:
        out = {"key": self.key, **{c: n.as_dict() for c, n in self.counts.items()}}
        out["subsidy_mentions"] = self.mentions
        if findings:
            out["findings"] = [f.__dict__ for f in self.findings]
        return out


def score_document(annotation: dict, extracted: Extracted, *, alike=None) -> DocumentScore:
    """``alike(gold, fact)``: does a fact read what the annotation says
    (``same_terms`` unless told otherwise)."""
    score = DocumentScore(extracted.key, mentions=extracted.mentions)
    locator = Locator(extracted.text)
    score_headings(annotation.get("headings", []), extracted.headings, locator, score)
    score_facts(annotation, extracted.facts, locator, score, alike or same_terms)
    score_metadata(annotation.get("metadata", {}), extracted.metadata, score)
    return score


def heading_keys(headings, parent: str = "", *, annotated: bool) -> list[tuple]:
    """(parent label, label, title, heading) for every heading and child."""
    out = []
    for h in headings:
        label = fold(h["label"] if annotated else h.label)
        title = fold_title(h["title"] if annotated else h.title)
        out.append((parent, label, title, h))
        children = h.get("children", []) if annotated else h.children
        out += heading_keys(children, label or title, annotated=annotated)
    return out


def score_headings(annotated, extracted, locator: Locator, score: DocumentScore) -> None:
    gold = heading_keys(annotated, annotated=True)
    found = heading_keys(extracted, annotated=False)
    count = score.counts["headings"]
    count.annotated, count.extracted = len(gold), len(found)
    unused = list(found)
    for parent, label, title, h in gold:
        hit = next((k for k in unused if k[:3] == (parent, label, title)), None)
        if hit is None:
            where = f"{parent} › " if parent else ""
            score.findings.append(Finding("headings", "miss", f"{where}{h['label']}{h['title']}"))
            continue
        unused.remove(hit)
        count.matched += 1
    for parent, _, _, h in unused:
        where = f"{parent} › " if parent else ""
        end = locator.text.find("\n", h.start)
        line = locator.text[h.start : end if end >= 0 else None][:120]
        score.findings.append(Finding("headings", "extra", f"{where}{h.label}{h.title}", line))


def score_facts(annotation: dict, facts: list[Fact], locator: Locator, score, alike) -> None:
    excluded = [s for s in (locator.span(e["quote"]) for e in annotation.get("excluded", [])) if s]
    used: set[int] = set()
    spans = []
    for gold in annotation.get("facts", []):
        kind = gold["kind"]
        score.counts[kind].annotated += 1
        span = locator.span(gold["quote"])
        spans.append((gold, span))
        if span is None:
            score.findings.append(
                Finding(kind, "miss", f"quote not in the text: {gold['quote']}")
            )
            continue
        over = [i for i, f in enumerate(facts) if overlaps((f.start, f.end), span)]
        right = [i for i in over if facts[i].kind == kind and alike(gold, facts[i])]
        hit = next((i for i in right if i not in used), None)
        if hit is not None:
            used.add(hit)
            score.counts[kind].matched += 1
            continue
        near = "; ".join(f"{facts[i].kind} {facts[i].terms()}" for i in over if i not in used)
        detail = f"{gold['quote']} = {gold_terms(gold)}" + (f" (read: {near})" if near else "")
        score.findings.append(Finding(kind, "miss", detail, locator.sentence(*span)))
    for i, fact in enumerate(facts):
        score.counts[fact.kind].extracted += 1
        if i in used:
            continue
        span = (fact.start, fact.end)
        why = ""
        if any(overlaps(span, e) for e in excluded):
            why = " [excluded in the annotation]"
        elif any(s and overlaps(span, s) for _, s in spans):
            why = " [overlaps an annotated fact]"
        score.findings.append(
            Finding(
                fact.kind,
                "extra",
                f"{locator.text[fact.start:fact.end]} = {fact.terms()}{why}",
                locator.text[fact.sentence_start : fact.sentence_end].strip(),
            )
        )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and a[1] > b[0]


def score_metadata(gold: dict, read: dict, score: DocumentScore) -> None:
    count = score.counts["metadata"]
    checks = {
        "title": (fold(gold.get("title") or ""), fold(read.get("title") or "")),
        "issuers": (
            sorted(fold(i) for i in gold.get("issuers") or []),
            sorted(fold(i) for i in read.get("issuers") or []),
        ),
        "doc_number": (fold(gold.get("doc_number") or ""), fold(read.get("doc_number") or "")),
        "date": (gold.get("date") or "", read.get("date") or ""),
    }
    for name, (want, got) in checks.items():
        if name == "doc_number" and not want:
            if got:
                score.findings.append(
                    Finding("metadata", "unscored", f"doc_number read where none is printed: {got}")
                )
            continue
        count.annotated += 1
        count.extracted += 1
        if want == got:
            count.matched += 1
        else:
            score.findings.append(
                Finding("metadata", "wrong", f"{name}: {got!r} (annotated {want!r})")
            )


def total(scores: list[DocumentScore]) -> dict[str, Count]:
    out = {c: Count() for c in CATEGORIES}
    for s in scores:
        for c in CATEGORIES:
            out[c].add(s.counts[c])
    return out


# --- printing -------------------------------------------------------------------


def format_table(scores: list[DocumentScore], *, verbose: bool = False) -> str:
    """Per document: found/annotated and extras per category; then the total
    with precision, recall and F1."""
    width = max([len(s.key) for s in scores] + [8])
    header = f"{'document':<{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES)
    lines = [header, "-" * len(header)]
    for s in scores:
        cells = []
        for c in CATEGORIES:
            n = s.counts[c]
            extra = n.extracted - n.matched
            shown = f" +{extra}" if extra and c != "metadata" else ""
            cells.append(f"{n.matched}/{n.annotated}{shown}")
        lines.append(f"{s.key:<{width}}  " + "  ".join(f"{cell:>14}" for cell in cells))
        if verbose:
            for f in s.findings:
                lines.append(f"    {f.category} {f.what}: {f.detail}")
                if f.sentence:
                    lines.append(f"        「{f.sentence}」")
    lines.append("-" * len(header))
    lines.append("total (found/annotated, extracted; precision recall F1):")
    for c, n in total(scores).items():
        lines.append(
            f"  {c:<9} {n.matched:>4}/{n.annotated:<4} extracted {n.extracted:<4} "
            f"P {n.precision:.3f}  R {n.recall:.3f}  F1 {n.f1:.3f}"
        )
    lines.append(
        f"  subsidy schemes named without an amount (not scored): {sum(s.mentions for s in scores)}"
    )
    return "\n".join(lines)


def as_json(scores: list[DocumentScore], *, verbose: bool = False) -> str:
    return json.dumps(
        {
            "documents": [s.as_dict(findings=verbose) for s in scores],
            "total": {c: n.as_dict() for c, n in total(scores).items()},
            "subsidy_mentions": sum(s.mentions for s in scores),
        },
        ensure_ascii=False,
        indent=1,
    )
