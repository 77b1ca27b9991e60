"""Turn a ParsedDocument into rows, writing only what changed.

Reads: the parsed document and the rows already stored for it.
Writes: Document, Provision (by stable key), theme links, cross-references,
measures, and the facts (subsidies, targets, figures) by fingerprint.

Facts a curator confirmed, corrected or rejected keep their curated values:
when the rule now reads something else from the source, the fact is marked
``conflict`` and the difference is reported, never silently overwritten.
Facts a curator added (fingerprint "curated:…") are not the rules' at all:
the sync neither updates nor deletes them; ``documents.curation`` does.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.text import slugify

from documents.crossrefs import normalise_title
from documents.curation import ADDED_PREFIX
from documents.extraction.periods import plan_period_of
from documents.models import (
    CrossReference,
    Document,
    Provision,
    ReviewStatus,
    Theme,
)
from documents.parsing.types import ParsedDocument, ParsedProvision
from documents.search import index as search_index
from documents.themes import THEMES
from documents.tokenize import segment
from measures.beneficiaries import TARGET_GROUPS
from measures.instruments import INSTRUMENT_TYPES
from measures.models import InstrumentType, Measure, Subsidy, TargetGroup
from targets.indicators import INDICATORS, indicator_by_key
from targets.models import Figure, Indicator, Target

from .extract import Context, ProvisionFacts, extract

# Short codes for stable provision keys: "c3.s2.para4" is chapter 3,
# section 2, fourth paragraph.  A key survives edits elsewhere in the text.
KIND_CODES = {
    "volume": "v",
    "chapter": "c",
    "section": "s",
    "article": "a",
    "part": "p",
    "numbered_section": "n",
    "item": "i",
    "subitem": "si",
    "box": "box",
    "box_item": "bi",
    "bullet": "b",
    "table": "t",
    "table_row": "r",
    "paragraph": "para",
    "preamble": "pre",
    "title": "title",
    "signature": "sig",
}

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
    doubtful = set(flags) - INFORMATIONAL_FLAGS
    return ReviewStatus.FLAGGED if doubtful else ReviewStatus.UNREVIEWED


@dataclass
class ChangeSet:
    counts: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Document


def save_document(source, parsed: ParsedDocument, sha: str, version: str):
    meta = parsed.meta
    detected = {
        "title": meta.title or "",
        "doc_number": meta.doc_number or "",
        "issuer": meta.issuer or "",
        "issued_on": meta.issued_on,
        "doc_type": meta.doc_type or "",
    }
    period = plan_period_of(meta.title or "") if meta.title else None
    detected["plan_period_start"], detected["plan_period_end"] = period or (None, None)
    curated = source.metadata()
    values = {**detected, "subject": ""}
    values.update(curated)
    notes = "metadata: curated manifest" if curated else "metadata: detected from the text"
    values.update(
        source_name=source.path.name,
        source_sha256=sha,
        pipeline_version=version,
        raw_text=parsed.normalised.raw,
        text=parsed.normalised.text,
        metadata_notes=notes,
    )
    document, created = Document.objects.get_or_create(key=source.key, defaults=values)
    if not created:
        changed = [k for k, v in values.items() if getattr(document, k) != v]
        if changed:
            for k in changed:
                setattr(document, k, values[k])
            document.save(update_fields=[*changed, "updated"])
    return document, created


def counts(document: Document) -> dict[str, int]:
    flagged = Q(review_status__in=[ReviewStatus.FLAGGED, ReviewStatus.CONFLICT])
    return {
        "provisions": document.provisions.count(),
        "targets": Target.objects.filter(document=document).count(),
        "figures": Figure.objects.filter(document=document).count(),
        "subsidies": Subsidy.objects.filter(document=document).count(),
        "measures": document.measures.count(),
        "flagged": sum(
            model.objects.filter(flagged, document=document).count()
            for model in (Target, Figure, Subsidy)
        ),
    }


# --------------------------------------------------------------------------
# Reference tables (themes, instrument types, target groups, indicators)


def upsert_rows(model, rows, lookup, defaults_of):
    existing = {getattr(o, lookup): o for o in model.objects.all()}
    created = 0
    for row in rows:
        defaults = defaults_of(row)
        obj = existing.get(row[lookup] if isinstance(row, dict) else getattr(row, lookup))
        if obj is None:
            model.objects.create(**{lookup: getattr(row, lookup, None) or row[lookup]}, **defaults)
            created += 1
            continue
        dirty = [k for k, v in defaults.items() if getattr(obj, k) != v]
        if dirty:
            for k in dirty:
                setattr(obj, k, defaults[k])
            obj.save(update_fields=dirty)
    return created


def seed_reference_tables():
    """Make the taxonomy tables match their declarative sources."""
    themes = {t.slug: t for t in Theme.objects.all()}
    for position, row in enumerate(THEMES):
        parent = themes.get(row.parent) if row.parent else None
        values = {
            "name": row.name,
            "name_en": row.name_en,
            "parent": parent,
            "position": position,
        }
        theme = themes.get(row.slug)
        if theme is None:
            themes[row.slug] = Theme.objects.create(slug=row.slug, **values)
        elif any(getattr(theme, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(theme, k, v)
            theme.save()
    sync_simple(
        InstrumentType,
        {
            row.key: {
                "name": row.name,
                "name_en": row.name_en,
                "stip_category": row.stip_category,
                "position": i,
            }
            for i, row in enumerate(INSTRUMENT_TYPES)
        },
    )
    sync_simple(
        TargetGroup,
        {row.key: {"name": row.name, "name_en": row.name_en} for row in TARGET_GROUPS},
    )
    sync_simple(
        Indicator,
        {
            row.key: {"name": row.name, "name_en": row.name_en, "unit": row.unit, "known": True}
            for row in INDICATORS
        },
    )


def sync_simple(model, wanted: dict[str, dict]):
    """Create or update rows keyed by ``key`` (never deletes: facts may point at them)."""
    existing = {o.key: o for o in model.objects.filter(key__in=wanted)}
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            model.objects.create(key=key, **values)
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()


# --------------------------------------------------------------------------
# Provisions


@dataclass
class ProvisionRow:
    parsed: ParsedProvision
    key: str
    parent_key: str | None
    depth: int
    position: int
    path_headings: str


def provision_rows(parsed: ParsedDocument) -> list[ProvisionRow]:
    rows: list[ProvisionRow] = []
    used: set[str] = set()

    def visit(nodes, parent_key, depth, headings):
        seen = Counter()
        for node in nodes:
            code = KIND_CODES.get(node.kind, node.kind[:4])
            seen[code] += 1
            ordinal = node.number if node.number is not None and code != "para" else seen[code]
            segment_ = f"{code}{ordinal}"
            key = f"{parent_key}.{segment_}" if parent_key else segment_
            base, n = key, 1
            while key in used:  # a repeated number in the source (e.g. two 3.)
                n += 1
                key = f"{base}-{n}"
            used.add(key)
            rows.append(
                ProvisionRow(node, key, parent_key, depth, len(rows), " › ".join(headings))
            )
            heading = node.heading or node.label
            visit(node.children, key, depth + 1, [*headings, heading] if heading else headings)

    visit(parsed.provisions, None, 0, [])
    return rows


PROVISION_FIELDS = (
    "kind",
    "label",
    "number",
    "heading",
    "text",
    "cells",
    "position",
    "depth",
    "start",
    "text_start",
    "text_end",
)


def provision_values(row: ProvisionRow) -> dict:
    p = row.parsed
    return {
        "kind": p.kind,
        "label": p.label[:40],
        "number": p.number,
        "heading": p.heading[:300],
        "text": p.text,
        "cells": p.cells,
        "position": row.position,
        "depth": row.depth,
        "start": p.start,
        "text_start": p.text_start,
        "text_end": p.text_end,
    }


def sync_provisions(document, rows, changes: ChangeSet) -> tuple[dict[str, Provision], set[str]]:
    """Upsert provisions by key; return them by key, and the keys of those
    whose words changed (new, or a new heading or text) for the search index.

    New provisions are inserted with one bulk INSERT per tree level (a level's
    parents must have their ids before the children point at them).
    """
    existing = {p.key: p for p in document.provisions.all()}
    by_key: dict[str, Provision] = {}
    new_by_depth: dict[int, list[tuple[ProvisionRow, Provision]]] = defaultdict(list)
    to_update: list[tuple[Provision, list[str]]] = []
    reworded: set[str] = set()
    for row in rows:
        values = provision_values(row)
        obj = existing.pop(row.key, None)
        if obj is None:
            obj = Provision(
                document=document,
                key=row.key,
                search_text=segment(" ".join(filter(None, (values["heading"], values["text"])))),
                **values,
            )
            new_by_depth[row.depth].append((row, obj))
            reworded.add(row.key)
        else:
            dirty = [k for k, v in values.items() if getattr(obj, k) != v]
            for k in dirty:
                setattr(obj, k, values[k])
            if "text" in dirty or "heading" in dirty:
                obj.search_text = segment(" ".join(filter(None, (obj.heading, obj.text))))
                dirty.append("search_text")
                reworded.add(row.key)
            to_update.append((obj, dirty))
        by_key[row.key] = obj
    if existing:
        changes.counts["provisions deleted"] += len(existing)
        Provision.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
    for depth in sorted(new_by_depth):
        level = new_by_depth[depth]
        for row, obj in level:
            obj.parent = by_key[row.parent_key] if row.parent_key else None
        Provision.objects.bulk_create([obj for _, obj in level])
        changes.counts["provisions created"] += len(level)
    # A key is built from the labels on its path, so an existing key always
    # has the same parent: only its own fields can have changed.
    updated = [(obj, dirty) for obj, dirty in to_update if dirty]
    for obj, dirty in updated:
        obj.save(update_fields=dirty)
    changes.counts["provisions updated"] += len(updated)
    return by_key, reworded


# --------------------------------------------------------------------------
# Everything derived from a provision


def sync_document(document: Document, parsed: ParsedDocument) -> ChangeSet:
    changes = ChangeSet()
    seed_reference_tables()
    rows = provision_rows(parsed)
    provisions, reworded = sync_provisions(document, rows, changes)
    text_of = {row.key: row.parsed.text for row in rows}
    context_of = {
        row.key: Context(
            doc_year=document.year or document.plan_period_start,
            plan_period=document.plan_period,
            section_heading=row.path_headings,
            lead_in=lead_in(text_of.get(row.parent_key, "")),
        )
        for row in rows
    }
    facts = {row.key: extract(row.parsed, context_of[row.key]) for row in rows}
    sync_themes(provisions, facts, changes)
    sync_crossrefs(document, provisions, facts, changes)
    measures = sync_measures(document, provisions, facts, changes)
    indicators = IndicatorResolver()
    sync_facts(
        Subsidy,
        document,
        [
            desired
            for key, pf in facts.items()
            for desired in subsidy_rows(document, provisions[key], pf, measures, parsed)
        ],
        changes,
    )
    for model, attr in ((Target, "targets"), (Figure, "figures")):
        sync_facts(
            model,
            document,
            [
                desired
                for key, pf in facts.items()
                for desired in quantity_rows(
                    model, document, provisions[key], getattr(pf, attr), indicators, parsed
                )
            ],
            changes,
        )
    resolve_crossref_targets()
    search_index.update(provisions[key].pk for key in reworded)
    return changes


def lead_in(parent_text: str) -> str:
    """A parent that ends in a colon introduces its items ("按照下列标准…给予
    奖励：" then "（一）…不低于百分之七十"): the items need it to be read."""
    return parent_text if parent_text.rstrip().endswith(("：", ":")) else ""


def sync_themes(provisions, facts: dict[str, ProvisionFacts], changes):
    themes = {t.slug: t.pk for t in Theme.objects.all()}
    Through = Provision.themes.through
    ids = [p.pk for p in provisions.values()]
    existing = set(
        Through.objects.filter(provision_id__in=ids).values_list("provision_id", "theme_id")
    )
    wanted = {
        (provisions[key].pk, themes[slug])
        for key, pf in facts.items()
        for slug in pf.themes
        if slug in themes
    }
    if existing - wanted:
        stale = existing - wanted
        q = Q()
        for provision_id, theme_id in stale:
            q |= Q(provision_id=provision_id, theme_id=theme_id)
        Through.objects.filter(q).delete()
        changes.counts["theme links deleted"] += len(stale)
    if wanted - existing:
        Through.objects.bulk_create(
            [Through(provision_id=p, theme_id=t) for p, t in wanted - existing]
        )
        changes.counts["theme links created"] += len(wanted - existing)


def sync_crossrefs(document, provisions, facts, changes):
    existing = defaultdict(list)
    for ref in document.crossrefs.all():
        existing[ref.provision_id].append(ref)
    for key, pf in facts.items():
        provision = provisions[key]
        wanted = [
            (ref.start, ref.end, (ref.title or "")[:300], (ref.doc_number or "")[:100])
            for ref in pf.crossrefs
        ]
        have = sorted(
            (r.start, r.end, r.title, r.doc_number) for r in existing.pop(provision.pk, [])
        )
        if sorted(wanted) == have:
            continue
        CrossReference.objects.filter(provision=provision).delete()
        CrossReference.objects.bulk_create(
            [
                CrossReference(
                    provision=provision,
                    document=document,
                    start=s,
                    end=e,
                    title=t,
                    doc_number=n,
                )
                for s, e, t, n in wanted
            ]
        )
        changes.counts["cross-references replaced"] += len(wanted)


def resolve_crossref_targets():
    """Link cross-references to documents in the knowledge base, by 文号 or title."""
    by_number = {d.doc_number: d.pk for d in Document.objects.exclude(doc_number="")}
    by_title = {normalise_title(d.title): d.pk for d in Document.objects.exclude(title="")}
    for ref in CrossReference.objects.all():
        target = by_number.get(ref.doc_number) if ref.doc_number else None
        target = target or by_title.get(normalise_title(ref.title)) if ref.title else target
        if target == ref.document_id:
            target = None  # a document naming itself (a forwarding notice) is no reference
        if ref.target_id != target:
            ref.target_id = target
            ref.save(update_fields=["target"])


def sync_measures(document, provisions, facts, changes) -> dict[int, list[Measure]]:
    instrument_ids = dict(InstrumentType.objects.values_list("key", "pk"))
    group_ids = dict(TargetGroup.objects.values_list("name", "pk"))
    existing = defaultdict(list)
    for m in document.measures.prefetch_related("instrument_types", "target_groups"):
        existing[m.provision_id].append(m)
    result: dict[int, list[Measure]] = {}
    pending = []
    for key, pf in facts.items():
        provision = provisions[key]
        wanted = [
            (
                m.start,
                m.end,
                m.summary,
                tuple(sorted(k for k in m.instrument_types if k in instrument_ids)),
                tuple(sorted(g for g in m.beneficiaries if g in group_ids)),
                "、".join(m.responsible_units)[:300],
                m.rule,
            )
            for m in pf.measures
        ]
        have_objs = existing.pop(provision.pk, [])
        have = [
            (
                m.start,
                m.end,
                m.summary,
                tuple(sorted(t.key for t in m.instrument_types.all())),
                tuple(sorted(g.name for g in m.target_groups.all())),
                m.responsible_units,
                m.rule,
            )
            for m in have_objs
        ]
        if sorted(wanted) == sorted(have):
            result[provision.pk] = have_objs
            continue
        if have_objs:
            Measure.objects.filter(provision=provision).delete()
        pending.append((provision, wanted))
    create_measures(document, pending, instrument_ids, group_ids, result, changes)
    return result


def create_measures(document, pending, instrument_ids, group_ids, result, changes):
    """Insert the measures of changed provisions with a few bulk INSERTs."""
    measures = [
        (
            Measure(
                document=document,
                provision=provision,
                start=start,
                end=end,
                summary=summary,
                responsible_units=units,
                rule=rule,
            ),
            instruments,
            groups,
        )
        for provision, wanted in pending
        for start, end, summary, instruments, groups, units, rule in wanted
    ]
    Measure.objects.bulk_create([m for m, _, _ in measures])
    InstrumentLink = Measure.instrument_types.through
    GroupLink = Measure.target_groups.through
    InstrumentLink.objects.bulk_create(
        [
            InstrumentLink(measure_id=m.pk, instrumenttype_id=instrument_ids[k])
            for m, instruments, _ in measures
            for k in instruments
        ]
    )
    GroupLink.objects.bulk_create(
        [
            GroupLink(measure_id=m.pk, targetgroup_id=group_ids[g])
            for m, _, groups in measures
            for g in groups
        ]
    )
    for m, _, _ in measures:
        result.setdefault(m.provision_id, []).append(m)
    changes.counts["measures replaced"] += len(measures)


# --------------------------------------------------------------------------
# Facts


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


def subsidy_rows(document, provision, pf: ProvisionFacts, measures, parsed):
    provision_measures = measures.get(provision.pk, [])
    for s, occurrence in with_occurrences(pf.subsidies, lambda s: s.kind):
        loc = location(parsed, s)
        rule_values = {
            "kind": s.kind,
            "amount_min": s.amount_min,
            "amount_max": s.amount_max,
            "ratio_percent": s.ratio_percent,
            "basis": s.basis[:100],
            "cap": s.cap,
            "per": s.per,
            "beneficiary": s.beneficiary[:200],
            "funding_source": s.funding_source[:200],
        }
        measure = next(
            (m for m in provision_measures if m.start <= s.start < max(m.end, m.start + 1)),
            provision_measures[0] if provision_measures else None,
        )
        yield DesiredFact(
            fingerprint=fingerprint(Subsidy, provision, s.kind, occurrence),
            values={
                "provision": provision,
                "measure": measure,
                **loc,
                **rule_values,
            },
            extracted=snapshot(rule_values),
            flags=list(s.flags),
        )


class IndicatorResolver:
    """Known indicators by key; phrases the table does not know get an
    indicator of their own, keyed by the cleaned phrase, so that the same
    phrase in two documents still lines up."""

    def __init__(self):
        self.cache: dict[str, Indicator] = {}

    def __call__(self, key: str | None, name: str, unit: str) -> Indicator:
        if key:
            known = indicator_by_key(key)
            slug = key
            defaults = {"name": known.name, "name_en": known.name_en, "unit": known.unit, "known": True}
        else:
            name = (name or "未命名指标").strip()[:200]
            slug = slugify(name, allow_unicode=True)[:100] or hashlib.sha1(name.encode()).hexdigest()[:12]
            slug = f"{slug}-{slugify(unit, allow_unicode=True) or 'n'}"[:120]
            defaults = {"name": name, "unit": unit[:20], "known": False}
        if slug not in self.cache:
            self.cache[slug], _ = Indicator.objects.get_or_create(key=slug, defaults=defaults)
        return self.cache[slug]


def quantity_rows(model, document, provision, items, indicators, parsed):
    for f, occurrence in with_occurrences(items, lambda f: (f.indicator_name, f.unit)):
        loc = location(parsed, f)
        indicator = indicators(f.indicator_key, f.indicator_name, f.unit)
        rule_values = {
            "indicator": indicator,
            "indicator_phrase": f.indicator_name[:200],
            "value": f.value,
            "value_max": f.value_max,
            "raw_value": f.value,
            "unit": f.unit[:20],
            "comparator": f.comparator,
            "year": f.year,
        }
        if model is Target:
            rule_values.update(
                per_year=f.per_year,
                aspirational=f.aspirational,
                baseline_value=f.baseline_value,
                baseline_year=f.baseline_year,
            )
        else:
            rule_values["year_start"] = f.year_start
        extracted = snapshot(rule_values)
        if f.suggested_value is not None:
            extracted["suggested_value"] = format(f.suggested_value.normalize(), "f")
        yield DesiredFact(
            fingerprint=fingerprint(model, provision, f.indicator_name, f.unit, occurrence),
            values={"provision": provision, **loc, **rule_values},
            extracted=extracted,
            flags=list(f.flags),
        )


def sync_facts(model, document, desired: list[DesiredFact], changes: ChangeSet):
    label = model._meta.verbose_name_plural
    # Added facts belong to their curations (documents.curation.apply_add);
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
