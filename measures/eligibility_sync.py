"""The measures app's eligibility rows: the reader's output to ``Eligibility``.

Reads: a document's text, title and issuer, its subsidy rules (curator-added
ones too) and its measures that promise support in kind (``IN_KIND_RE``),
each with its sentence, the other rules of that sentence and the lead-in of
its provision.
Writes: one ``Eligibility`` (and its ``EligibilityKey`` rows) per rule and
per such measure; only the rows whose reading changed, so that reading an
unchanged document again writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from documents.extraction.quantities import find_quantities
from documents.ingest import lead_in, lead_ins_of
from documents.models import Provision
from measures.extraction.eligibility import read_eligibility, read_scope
from measures.extraction.eligibility.terms import IN_KIND_RE

from .models import Eligibility, EligibilityKey, Measure, Subsidy

# The terms repeated as EligibilityKey rows for the matcher's filter.
KEYED_KINDS = ("group", "event")
ROW_FIELDS = ("region", "area", "per", "has_groups", "has_events", "amount", "terms")


def _amount(subsidy) -> Decimal | None:
    """The most a rule pays (its ceiling, else its amount): the answer's order."""
    for value in (subsidy.amount_max, subsidy.cap, subsidy.amount_min):
        if value is not None:
            return value
    return None


def _row_values(eligibility, amount) -> dict:
    terms = [term.as_dict() for term in eligibility.terms]
    return {
        "region": eligibility.region,
        "area": eligibility.area[:120],
        "per": eligibility.per,
        "has_groups": bool(eligibility.of_kind("group")),
        "has_events": bool(eligibility.of_kind("event")),
        "amount": amount,
        "terms": terms,
    }


def _keys(values) -> set[tuple[str, str]]:
    return {(t["kind"], t["key"]) for t in values["terms"] if t["kind"] in KEYED_KINDS}


def _sections(tree, pk) -> list[int]:
    """The starts of provision ``pk`` and of the provisions it is in, nearest
    first (``tree``: pk -> (parent pk, start))."""
    starts = []
    while pk in tree:
        pk, start = tree[pk]
        starts.append(start)
    return starts


def desired_rows(document) -> dict[tuple[str, int], dict]:
    """What the reader says of every rule and in-kind measure of ``document``,
    by ("subsidy" | "measure", id)."""
    text = document.text
    scope = read_scope(document.title, document.issuer, text)
    quantities = find_quantities(text)
    subsidies = list(
        Subsidy.objects.filter(document=document)
        .select_related("provision__parent")
        .only(
            "start", "end", "sentence_start", "sentence_end", "beneficiary",
            "amount_min", "amount_max", "cap", "provision__parent__text",
        )
        .order_by("start")
    )
    by_sentence = defaultdict(list)
    for s in subsidies:
        by_sentence[s.sentence_start].append((s.start, s.end))
    rows = list(
        Provision.objects.filter(document=document).order_by("position")
        .values_list("pk", "parent_id", "start", "key", "parent__key", "kind", "text")
    ) if subsidies else []
    tree = {pk: (parent, start) for pk, parent, start, *_ in rows}
    # the text that introduces each item of a list: its parent's, or a
    # paragraph of its article before the list ("政府设立的研发机构、高等院校
    # 可以按照下列标准…：" after two other paragraphs)
    leads = lead_ins_of([(key, parent, kind, text) for *_, key, parent, kind, text in rows])
    lead_of = {pk: leads.get(key, "") for pk, _p, _s, key, *_ in rows}
    wanted: dict[tuple[str, int], dict] = {}
    for s in subsidies:
        parent = s.provision.parent
        eligibility = read_eligibility(
            text,
            start=s.start,
            end=s.end,
            sentence=(s.sentence_start, s.sentence_end),
            scope=scope,
            quantities=quantities,
            siblings=by_sentence[s.sentence_start],
            lead_in=lead_of.get(s.provision_id) or (lead_in(parent.text) if parent else ""),
            beneficiary=s.beneficiary,
            sections=_sections(tree, s.provision_id),
        )
        wanted["subsidy", s.pk] = _row_values(eligibility, _amount(s))
    measures = Measure.objects.filter(document=document).select_related("provision__parent")
    for m in measures.only("start", "end", "summary", "provision__parent__text"):
        if not IN_KIND_RE.search(m.summary):
            continue
        parent = m.provision.parent
        eligibility = read_eligibility(
            text,
            start=m.start,
            end=m.end,
            sentence=(m.start, m.end),
            scope=scope,
            quantities=quantities,
            lead_in=lead_in(parent.text) if parent else "",
        )
        wanted["measure", m.pk] = _row_values(eligibility, None)
    return wanted


def sync_eligibility(document, changes) -> None:
    """Make the document's ``Eligibility`` rows what the reader says now."""
    wanted = desired_rows(document)
    existing = {
        ("subsidy", row.subsidy_id) if row.subsidy_id else ("measure", row.measure_id): row
        for row in Eligibility.objects.filter(document=document)
    }
    stale = [row.pk for ref, row in existing.items() if ref not in wanted]
    changed, created = [], []
    for ref, values in wanted.items():
        row = existing.get(ref)
        if row is None:
            row = Eligibility(document=document, **{f"{ref[0]}_id": ref[1]}, **values)
            created.append(row)
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    if not (stale or changed or created):
        return
    with transaction.atomic():
        Eligibility.objects.filter(pk__in=stale).delete()
        Eligibility.objects.bulk_create(created)
        if changed:
            Eligibility.objects.bulk_update(changed, list(ROW_FIELDS))
            EligibilityKey.objects.filter(eligibility__in=changed).delete()
        EligibilityKey.objects.bulk_create(
            EligibilityKey(eligibility=row, kind=kind, key=key)
            for row in [*created, *changed]
            for kind, key in sorted(_keys({"terms": row.terms}))
        )
    changes.counts["eligibility rows written"] += len(created) + len(changed)


def missing_eligibility(document) -> bool:
    """Whether a rule of ``document`` has no eligibility row (a curator added
    it after the last reading)."""
    return Subsidy.objects.filter(document=document, eligibility__isnull=True).exists()
