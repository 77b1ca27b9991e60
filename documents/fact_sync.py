"""Syncing extracted facts with the stored ones, generic over fact models.

Reads: the facts an app's ingest mapping wants for one document
(``DesiredFact``: fingerprint, values, the rule's reading, flags) and the
facts stored for it.
Writes: new, changed and vanished facts of one model, by fingerprint.

Facts a curator confirmed, corrected or rejected keep their curated values:
when the rule now reads something else from the source, the fact is marked
``conflict`` and the difference is reported, never silently overwritten.
Facts a curator added (fingerprint "curated:…") are not the rules' at all:
the sync neither updates nor deletes them; ``documents.curation`` does.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter

from django.db.models import DecimalField

from documents.models import Provision, ReviewStatus
from documents.parsing.types import ParsedDocument

# Statuses whose values belong to a curator (conflict included: it is a
# curated fact whose source changed, waiting for the curator to look again).
PROTECTED = {
    ReviewStatus.CONFIRMED,
    ReviewStatus.CORRECTED,
    ReviewStatus.REJECTED,
    ReviewStatus.CONFLICT,
}


# Fields that say where a fact is, not what it says: they follow the source
# even for curated facts.
LOCATION_FIELDS = (
    "provision",
    "source_text",
    "raw_text",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
    "rule",
)


# Flags that describe a fact rather than doubt it (a subsidy named without an
# amount, a ratio stated as 不低于70%): they do not put the fact in review.
INFORMATIONAL_FLAGS = frozenset(
    {"no_amount", "ratio_at_least", "ratio_at_most", "approximate", "year_inferred"}
)


def review_status_for(flags) -> str:
    """A new or rule-owned fact's status: flagged when a flag doubts it."""
    doubtful = set(flags) - INFORMATIONAL_FLAGS
    return ReviewStatus.FLAGGED if doubtful else ReviewStatus.UNREVIEWED


# The fingerprint of a fact a curator added starts with this; a rule's is a
# bare SHA-1, so it never does.
ADDED_PREFIX = "curated:"


@dataclass
class ChangeSet:
    """What syncing one document changed: row counts by kind of change
    ("targets created" …) and the conflicts with curated values."""

    counts: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # facts dropped, and why


@dataclass
class DesiredFact:
    fingerprint: str
    values: dict  # model field -> value (provision, indicator … as instances)
    extracted: dict  # JSON snapshot of what the rule read
    flags: list[str]


def fingerprint(model, provision: Provision, *parts) -> str:
    """A fact's identity across re-ingests: its provision and what it measures
    (never its value, so that a changed number is seen as a change to the
    same fact, which protects a curator's correction of it)."""
    text = "|".join([model._meta.label_lower, provision.key, *map(str, parts)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def snapshot(values: dict) -> dict:
    """The rule's reading as JSON: decimals and instances as strings."""
    out = {}
    for k, v in values.items():
        if isinstance(v, Decimal):
            out[k] = format(v.normalize(), "f")
        elif hasattr(v, "_meta"):
            out[k] = str(getattr(v, "key", v.pk))
        else:
            out[k] = v
    return out


def location(parsed: ParsedDocument, fact) -> dict:
    text = parsed.normalised.text
    return {
        "source_text": text[fact.sentence_start : fact.sentence_end],
        "raw_text": parsed.normalised.raw_slice(fact.start, fact.end)[:100],
        "start": fact.start,
        "end": fact.end,
        "sentence_start": fact.sentence_start,
        "sentence_end": fact.sentence_end,
        "rule": fact.rule[:80],
    }


def with_occurrences(items, identity):
    """Pair each item with its occurrence number among items of equal identity,
    so two identical numbers in one provision get distinct fingerprints."""
    seen = Counter()
    for item in items:
        ident = identity(item)
        seen[ident] += 1
        yield item, seen[ident]


def measure_at(measures: list, start: int):
    """The measure whose span holds offset ``start``, else the provision's
    first (a subsidy named in a sentence no measure covers).  ``measures``
    are one provision's, in text order (sentences: they do not overlap)."""
    if not measures:
        return None
    i = bisect_right(measures, start, key=attrgetter("start")) - 1
    if i >= 0 and start < max(measures[i].end, measures[i].start + 1):
        return measures[i]
    return measures[0]


def out_of_range(model, values: dict) -> list[str]:
    """The decimal fields of ``values`` whose number the model's column cannot
    hold (more integer digits than ``max_digits - decimal_places``): the
    database would refuse the row (PostgreSQL ``DataError``, SQLite
    ``InvalidOperation``)."""
    bad = []
    for name, value in values.items():
        if not isinstance(value, Decimal):
            continue
        column = model._meta.get_field(name)
        if not isinstance(column, DecimalField):
            continue
        if not value.is_finite():
            bad.append(name)
            continue
        places = column.decimal_places
        # The largest value that still rounds into the column.
        limit = Decimal(10) ** (column.max_digits - places) - Decimal(5).scaleb(-places - 1)
        if value.copy_abs() >= limit:
            bad.append(name)
    return bad


def in_range(model, desired: list[DesiredFact], changes: ChangeSet) -> list[DesiredFact]:
    """``desired`` without the facts a column could not hold; each dropped
    fact is a warning of the run report (with the number as printed)."""
    kept = []
    for d in desired:
        fields = out_of_range(model, d.values)
        if not fields:
            kept.append(d)
            continue
        provision = d.values.get("provision")
        printed = d.values.get("raw_text", "")
        shown = printed if len(printed) <= 40 else f"{printed[:20]}…{printed[-12:]}"
        changes.warnings.append(
            f"{model._meta.verbose_name} ({getattr(provision, 'key', '?')} "
            f"@{d.values.get('start')}) 数值超出范围，未保存 / value out of range, "
            f"not stored: {', '.join(fields)} “{shown}”"
        )
    return kept


def sync_facts(model, document, desired: list[DesiredFact], changes: ChangeSet):
    label = model._meta.verbose_name_plural
    desired = in_range(model, desired, changes)
    # Added facts belong to their curations (documents.curation.replay);
    # a rule's fingerprint is a bare SHA-1, so it never names one of them.
    rule_facts = model.objects.filter(document=document).exclude(
        fingerprint__startswith=ADDED_PREFIX
    )
    existing = {f.fingerprint: f for f in rule_facts}
    new_objects = []
    for d in desired:
        fact = existing.pop(d.fingerprint, None)
        status = review_status_for(d.flags)
        if fact is None:
            new_objects.append(
                model(
                    document=document,
                    fingerprint=d.fingerprint,
                    extracted=d.extracted,
                    flags=d.flags,
                    review_status=status,
                    **d.values,
                )
            )
            continue
        if fact.review_status in PROTECTED:
            dirty = [k for k in LOCATION_FIELDS if getattr(fact, k) != d.values[k]]
            if "measure" in d.values and fact.measure != d.values["measure"]:
                dirty.append("measure")
            if fact.extracted != d.extracted:
                changes.conflicts.append(
                    f"{label} #{fact.pk} ({document.key} {fact.provision.key}): "
                    f"curated {fact.review_status}, source now reads "
                    f"{describe_change(fact.extracted, d.extracted)}"
                )
                fact.review_status = ReviewStatus.CONFLICT
                fact.extracted = d.extracted
                fact.flags = sorted(set(fact.flags) | {"source_changed"})
                dirty += ["review_status", "extracted", "flags"]
            for k in dirty:
                if k in d.values:
                    setattr(fact, k, d.values[k])
        else:
            wanted = {**d.values, "extracted": d.extracted, "flags": d.flags, "review_status": status}
            dirty = [k for k, v in wanted.items() if getattr(fact, k) != v]
            for k in dirty:
                setattr(fact, k, wanted[k])
        if dirty:
            fact.save(update_fields=[*dict.fromkeys(dirty), "updated"])
            changes.counts[f"{label} updated"] += 1
    if new_objects:
        model.objects.bulk_create(new_objects)
        changes.counts[f"{label} created"] += len(new_objects)
    if existing:
        for fact in existing.values():
            if fact.review_status in PROTECTED:
                changes.conflicts.append(
                    f"{label} #{fact.pk} ({document.key}): curated fact no longer in the "
                    f"source; its curation is kept and reported as orphaned"
                )
        model.objects.filter(pk__in=[f.pk for f in existing.values()]).delete()
        changes.counts[f"{label} deleted"] += len(existing)


def describe_change(old: dict, new: dict) -> str:
    diffs = [f"{k}: {old.get(k)!r} → {new.get(k)!r}" for k in new if old.get(k) != new.get(k)]
    return "; ".join(diffs) or "a different reading"
