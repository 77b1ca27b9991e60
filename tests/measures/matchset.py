"""The matcher test set (tests/data/match) and how an answer is scored.

A rule of the set is an annotated subsidy fact, named by its document's file
name and its ``quote`` (tests/data/gold/00N.json for the bundled documents,
tests/data/corpus/*/<key>.json for the corpus); an extracted rule *is* that
fact when its span overlaps the quote.  Per part: recall of ``must_get``
among the current rules (``results``), precision of the current rules that
are annotated facts (an extracted rule that is no annotated fact — support
without an amount, a rule the annotators did not list — cannot be judged by
the set and is counted apart), current rules whose document is not in force
on ``as_of`` (errors, by the set's own validity table), and how many of
``must_get_expired`` are listed apart with the right status.

Only the profiles of the part asked for are read.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MATCH = ROOT / "tests" / "data" / "match" / "profiles.json"
GOLD = ROOT / "tests" / "data" / "gold"
CORPUS = ROOT / "tests" / "data" / "corpus"
SOURCES = ROOT / "fixtures" / "sources"

STATUS_LISTS = {"已到期": ("expired",), "尚未施行": ("not_yet_in_force",)}


# The corpus folders the profiles were written over (later folders are not).
CORPUS_PARTS = ("dev", "held-out")


def corpus_files() -> list[Path]:
    """Every text the set's rules come from: the bundled sources and the corpus."""
    return sorted(SOURCES.glob("*.txt")) + sorted(
        path for part in CORPUS_PARTS for path in (CORPUS / part).glob("*.txt")
    )


def parts() -> list[str]:
    """The parts of the set, dev first, then held-out, held-out-2, …"""
    data = json.loads(MATCH.read_text(encoding="utf-8"))
    names = {p["part"] for p in data["profiles"]}
    later = sorted((n for n in names if n.startswith("held-out-")), key=lambda n: int(n[9:]))
    return [n for n in ("dev", "held-out") if n in names] + later


def profiles(part: str) -> list[dict]:
    data = json.loads(MATCH.read_text(encoding="utf-8"))
    return [p for p in data["profiles"] if p["part"] == part]


def validity() -> dict[str, dict]:
    data = json.loads(MATCH.read_text(encoding="utf-8"))
    return {row["document"]: row for row in data["validity"]}


def in_force(row: dict, day: date) -> bool:
    if row["never_in_force"]:
        return False
    start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
    end = date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
    return (start is None or start <= day) and (end is None or day <= end)


def _annotations() -> dict[str, list[str]]:
    """Annotated subsidy quotes by document file name."""
    out: dict[str, list[str]] = {}
    for path in sorted(GOLD.glob("[0-9][0-9][0-9].json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["document"]] = [f["quote"] for f in data["facts"] if f["kind"] == "subsidy"]
    for path in sorted(p for part in CORPUS_PARTS for p in (CORPUS / part).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem + ".txt"] = [
            f["quote"] for f in data.get("facts", []) if f["kind"] == "subsidy"
        ]
    return out


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` as the annotations quote it (tests/data/gold/README.md: no
    whitespace, full-width digits and letters folded), with each character's
    offset in ``text``."""
    fw = {chr(0xFF10 + i): str(i) for i in range(10)}
    fw.update({chr(0xFF21 + i): chr(65 + i) for i in range(26)})
    fw.update({chr(0xFF41 + i): chr(97 + i) for i in range(26)})
    fw.update({"％": "%", "＋": "+", "－": "-", "＜": "<", "＞": ">"})
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        chars.append(fw.get(ch, ch))
        offsets.append(i)
    return "".join(chars), offsets


class RuleIndex:
    """Which annotated rule (document, quote) an extracted subsidy is."""

    def __init__(self):
        from documents.models import Document

        # By document: a file may be a notice and the policies it issues,
        # each a document with its own text.
        self.spans: dict[int, list[tuple[int, int, str]]] = {}
        annotations = _annotations()
        for document in Document.objects.filter(source_name__in=list(annotations)):
            folded, offsets = _folded(document.text)
            spans = []
            for quote in annotations[document.source_name]:
                at = folded.find(quote)
                if at >= 0:
                    spans.append((offsets[at], offsets[at + len(quote) - 1] + 1, quote))
            self.spans[document.pk] = spans

    def rule_of(self, document, start: int, end: int) -> tuple[str, str] | None:
        for s, e, quote in self.spans.get(document.pk, []):
            if s < end and start < e:
                return (document.source_name, quote)
        return None


def profile_of(entry: dict):
    """The matcher's Profile for a test-set profile (its form or its line)."""
    from measures.extraction.profiles import from_fields, from_text

    if "text" in entry:
        profile = from_text(entry["text"])
    else:
        form = entry["structured"]
        fields = {
            "group": form.get("groups", []),
            "event": form.get("events", []),
            "region": [form["region"]] if form.get("region") else [],
        }
        if form.get("unit"):
            fields["unit"] = [form["unit"]]
        for name, value in form.get("numbers", {}).items():
            fields[name.removesuffix("_yuan")] = [str(value)]
        fields["detail"] = [f"{k}:{v}" for k, v in form.get("details", {}).items()]
        profile = from_fields(fields)
    profile.as_of = date.fromisoformat(entry["as_of"])
    return profile


@dataclass
class Score:
    profiles: int = 0
    must_get: int = 0
    found: int = 0
    returned: int = 0  # current rules that are annotated facts
    unannotated: int = 0  # current rules no annotation names
    not_in_force_as_current: int = 0
    expired_expected: int = 0
    expired_listed: int = 0
    unreadable_right: int = 0
    unreadable_expected: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.found / self.must_get if self.must_get else 1.0

    @property
    def precision(self) -> float:
        return (self.returned - len(self.extras)) / self.returned if self.returned else 1.0


def score(part: str) -> Score:
    from measures.extraction.profiles import Unreadable
    from measures.matching import match

    index = RuleIndex()
    periods = validity()
    result = Score()
    for entry in profiles(part):
        result.profiles += 1
        if entry["expected"] == "unreadable":
            result.unreadable_expected += 1
            try:
                profile_of(entry)
            except Unreadable:
                result.unreadable_right += 1
            else:
                result.errors["unreadable profile answered"] += 1
            continue
        try:
            profile = profile_of(entry)
        except Unreadable as exc:
            result.errors[f"readable profile refused: {exc}"] += 1
            result.must_get += len(entry["must_get"])
            result.misses += [(entry["id"], r["document"], r["quote"]) for r in entry["must_get"]]
            continue
        answer = match(profile)
        wanted = {(r["document"], r["quote"]) for r in entry["must_get"]}
        current = set()
        for found in answer.results:
            rule = found.rule
            ref = index.rule_of(found.eligibility.document, rule.start, rule.end)
            if ref is None:
                result.unannotated += 1
                continue
            current.add(ref)
        for ref in current:
            period = periods.get(ref[0])
            if period and not in_force(period, profile.as_of):
                result.not_in_force_as_current += 1
        result.must_get += len(wanted)
        result.found += len(wanted & current)
        result.returned += len(current)
        result.misses += [(entry["id"], *ref) for ref in sorted(wanted - current)]
        result.extras += [(entry["id"], *ref) for ref in sorted(current - wanted)]
        apart = {}
        for name in ("expired", "not_yet_in_force"):
            for found in getattr(answer, name):
                rule = found.rule
                ref = index.rule_of(found.eligibility.document, rule.start, rule.end)
                if ref:
                    apart[ref] = name
        for rule in entry["must_get_expired"]:
            result.expired_expected += 1
            if apart.get((rule["document"], rule["quote"])) in STATUS_LISTS[rule["status"]]:
                result.expired_listed += 1
    return result
