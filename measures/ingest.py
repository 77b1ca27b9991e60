"""The measures app's part of an ingest: extraction output to its rows.

Reads: the measures and subsidies the extractors found in each provision
(``measures.extraction``), and the provisions' stored rows.
Writes: Measure rows with their instrument types and target groups (replaced
per provision when they changed), the instrument-type and target-group
tables, and the subsidies as ``DesiredFact`` rows for ``documents.fact_sync``.
"""

from __future__ import annotations

from collections import defaultdict

from documents.fact_sync import (
    ChangeSet,
    DesiredFact,
    fingerprint,
    location,
    measure_at,
    snapshot,
    with_occurrences,
)
from documents.ingest import upsert_by_key
from documents.models import Provision
from documents.parsing.types import ParsedDocument

from .beneficiaries import TARGET_GROUPS
from .instruments import INSTRUMENT_TYPES
from .models import InstrumentType, Measure, Subsidy, TargetGroup


def upsert_reference_tables() -> None:
    """Make the instrument-type and target-group tables match their
    declarative sources (``instruments``, ``beneficiaries``)."""
    upsert_by_key(
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
    upsert_by_key(
        TargetGroup,
        {row.key: {"name": row.name, "name_en": row.name_en} for row in TARGET_GROUPS},
    )


def sync_measures(
    document, provisions: dict[str, Provision], measures_of: dict[str, list], changes: ChangeSet
) -> dict[int, list[Measure]]:
    """Replace the measures of each provision whose extracted measures
    (``measures_of``: by provision key) changed; return every provision's
    measures by provision id (the subsidies point at them)."""
    instrument_ids = dict(InstrumentType.objects.values_list("key", "pk"))
    group_ids = dict(TargetGroup.objects.values_list("name", "pk"))
    existing = defaultdict(list)
    for m in document.measures.prefetch_related("instrument_types", "target_groups"):
        existing[m.provision_id].append(m)
    result: dict[int, list[Measure]] = {}
    pending = []
    for key, found in measures_of.items():
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
            for m in found
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


def subsidy_rows(
    provisions: dict[str, Provision],
    subsidies_of: dict[str, list],
    measures: dict[int, list[Measure]],
    parsed: ParsedDocument,
) -> list[DesiredFact]:
    """The subsidies the rules read (``subsidies_of``: by provision key),
    each under the measure whose span holds it."""
    return [
        desired
        for key, subsidies in subsidies_of.items()
        for desired in provision_subsidy_rows(
            provisions[key], subsidies, measures.get(provisions[key].pk, []), parsed
        )
    ]


def provision_subsidy_rows(provision, subsidies, provision_measures, parsed):
    """One provision's subsidies; two of one kind get distinct fingerprints."""
    provision_measures = sorted(provision_measures, key=lambda m: m.start)
    for s, occurrence in with_occurrences(subsidies, lambda s: s.kind):
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
        yield DesiredFact(
            fingerprint=fingerprint(Subsidy, provision, s.kind, occurrence),
            values={
                "provision": provision,
                "measure": measure_at(provision_measures, s.start),
                **location(parsed, s),
                **rule_values,
            },
            extracted=snapshot(rule_values),
            flags=list(s.flags),
        )
