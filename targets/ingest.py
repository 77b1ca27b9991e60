"""The targets app's part of an ingest: extraction output to its rows.

Reads: the targets and reported figures the extractors found in each
provision (``targets.extraction``).
Writes: the indicator table (the known indicators, and one indicator per
phrase the table does not know), and the targets and figures as
``DesiredFact`` rows for ``documents.fact_sync``.
"""

from __future__ import annotations

import hashlib

from django.utils.text import slugify

from documents.fact_sync import (
    DesiredFact,
    fingerprint,
    location,
    snapshot,
    with_occurrences,
)
from documents.ingest import upsert_by_key
from documents.models import Provision
from documents.parsing.types import ParsedDocument

from .indicators import INDICATORS, indicator_by_key
from .models import Figure, Indicator, Target


def upsert_reference_tables() -> None:
    """Make the known indicators match ``targets.indicators.INDICATORS``."""
    upsert_by_key(
        Indicator,
        {
            row.key: {"name": row.name, "name_en": row.name_en, "unit": row.unit, "known": True}
            for row in INDICATORS
        },
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


def target_rows(
    provisions: dict[str, Provision],
    targets_of: dict[str, list],
    indicators: IndicatorResolver,
    parsed: ParsedDocument,
) -> list[DesiredFact]:
    """The targets the rules read (``targets_of``: by provision key)."""
    return [
        quantity_row(Target, provisions[key], f, occurrence, indicators, parsed, {
            "per_year": f.per_year,
            "aspirational": f.aspirational,
            "baseline_value": f.baseline_value,
            "baseline_year": f.baseline_year,
        })
        for key, found in targets_of.items()
        for f, occurrence in with_occurrences(found, quantity_identity)
    ]


def figure_rows(
    provisions: dict[str, Provision],
    figures_of: dict[str, list],
    indicators: IndicatorResolver,
    parsed: ParsedDocument,
) -> list[DesiredFact]:
    """The reported figures the rules read (``figures_of``: by provision key)."""
    return [
        quantity_row(Figure, provisions[key], f, occurrence, indicators, parsed, {
            "year_start": f.year_start,
        })
        for key, found in figures_of.items()
        for f, occurrence in with_occurrences(found, quantity_identity)
    ]


def quantity_identity(f) -> tuple[str, str]:
    """What a target or figure measures, which its fingerprint hashes."""
    return f.indicator_name, f.unit


def quantity_row(model, provision, f, occurrence, indicators, parsed, own_values) -> DesiredFact:
    """One target or figure: the fields both share, then ``own_values``."""
    loc = location(parsed, f)
    rule_values = {
        "indicator": indicators(f.indicator_key, f.indicator_name, f.unit),
        "indicator_phrase": f.indicator_name[:200],
        "value": f.value,
        "value_max": f.value_max,
        "raw_value": f.value,
        "unit": f.unit[:20],
        "comparator": f.comparator,
        "year": f.year,
        **own_values,
    }
    extracted = snapshot(rule_values)
    if f.suggested_value is not None:
        extracted["suggested_value"] = format(f.suggested_value.normalize(), "f")
    return DesiredFact(
        fingerprint=fingerprint(model, provision, f.indicator_name, f.unit, occurrence),
        values={"provision": provision, **loc, **rule_values},
        extracted=extracted,
        flags=list(f.flags),
    )
