"""The documents app's part of an ingest: parsed text to its own rows.

Reads: a ``ParsedDocument`` and what the extractors found in each provision
(themes, cross-references).
Writes: the Document and its stored original, its Provision tree (by stable
key), theme links and cross-references, and the theme table, each only where
something changed.

The pipeline (``policybase.ingest``) calls these in order; measures and
targets map their own rows in ``measures.ingest`` and ``targets.ingest``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q

from documents.crossrefs import normalise_title
from documents.extraction.periods import plan_period_of
from documents.extraction.validity import read_validity
from documents.fact_sync import ChangeSet
from documents.models import CrossReference, Document, OriginalFile, Provision, Theme
from documents.parsing.types import ParsedDocument, ParsedProvision
from documents.themes import THEMES
from documents.validity import ValidityBasis

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
    "attachment": "att",
    "paragraph": "para",
    "preamble": "pre",
    "title": "title",
    "signature": "sig",
}


# --------------------------------------------------------------------------
# Reference tables


def upsert_by_key(model, wanted: dict[str, dict], key: str = "key") -> dict:
    """Create or update rows of a reference table by their natural key
    (never deletes: facts may point at them); return the rows by key."""
    rows = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": wanted})}
    for natural_key, values in wanted.items():
        row = rows.get(natural_key)
        if row is None:
            # get_or_create, not create: an ingest running at the same time
            # may have made the row since (on PostgreSQL the insert waits
            # for its commit, fails, and the row is read instead).
            row, created = model.objects.get_or_create(
                **{key: natural_key}, defaults=values
            )
            rows[natural_key] = row
            if created:
                continue
        if any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.save()
    return rows


def upsert_themes() -> None:
    """Make the theme table match ``documents.themes.THEMES`` (names first,
    then parents, which are themes of the same table)."""
    themes = upsert_by_key(
        Theme,
        {
            row.slug: {"name": row.name, "name_en": row.name_en, "position": position}
            for position, row in enumerate(THEMES)
        },
        key="slug",
    )
    upsert_by_key(
        Theme,
        {
            row.slug: {"parent_id": themes[row.parent].pk if row.parent else None}
            for row in THEMES
        },
        key="slug",
    )


# --------------------------------------------------------------------------
# Document


def save_document(
    key: str,
    parsed: ParsedDocument,
    *,
    curated: dict,
    source_name: str,
    sha: str,
    version: str,
    part: tuple[Document | None, int | None, str] = (None, None, ""),
) -> tuple[Document, bool]:
    """Create or update the Document row; ``curated`` metadata (the bundled
    manifest's) wins over what was detected in the text.  ``part`` is, for a
    policy a notice issues, the notice's document, the policy's number
    among those it issues and its 附件 label as printed."""
    values = document_values(
        parsed, curated=curated, source_name=source_name, sha=sha, version=version
    )
    values.update(zip(("part_of", "part_number", "part_label"), part, strict=True))
    document, created = Document.objects.get_or_create(key=key, defaults=values)
    if not created:
        changed = [k for k, v in values.items() if getattr(document, k) != v]
        if changed:
            for k in changed:
                setattr(document, k, values[k])
            document.save(update_fields=[*changed, "updated"])
    return document, created


def document_values(
    parsed: ParsedDocument, *, curated: dict, source_name: str, sha: str, version: str
) -> dict:
    """The Document field values of a parsed source (without its key)."""
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
    values = {**detected, "subject": meta.subject or ""}
    values.update(curated)
    notes = "metadata: curated manifest" if curated else "metadata: detected from the text"
    values.update(
        source_name=source_name,
        source_sha256=sha,
        pipeline_version=version,
        raw_text=parsed.normalised.raw,
        text=parsed.normalised.text,
        metadata_notes=notes,
    )
    return values


def save_validity(document: Document) -> None:
    """Read the period ``document`` applies in from its text, title, date
    and plan period (the saved values, curated manifest included) and store
    it where it changed.  A curator's correction is re-applied after this,
    with the other curations (``documents.curation``)."""
    validity = read_validity(
        document.text,
        title=document.title,
        issued_on=document.issued_on,
        plan_period=document.plan_period,
    )
    primary = validity.primary
    values = {
        "valid_from": validity.valid_from,
        "valid_until": validity.valid_until,
        "validity_basis": validity.basis,
        "validity_source_text": primary.text if primary else "",
        "validity_start": primary.start if primary else None,
        "validity_end": primary.end if primary else None,
        "validity_evidence": [e.as_dict() for e in validity.evidence],
        "repeals": "；".join(validity.repeals)[:500],
    }
    changed = [k for k, v in values.items() if getattr(document, k) != v]
    for k in changed:
        setattr(document, k, values[k])
    if changed:
        document.save(update_fields=[*changed, "updated"])


# The bases of a notice that states no period of its own.
NO_OWN_PERIOD = (
    ValidityBasis.ISSUED_DATE,
    ValidityBasis.EFFECTIVE_ON_ISSUE,
    ValidityBasis.INFERRED,
    ValidityBasis.UNKNOWN,
)


def save_notice_validity(notice: Document) -> None:
    """A notice whose text states no period of its own ("现印发给你们" and a
    date) applies while the policies it issues apply: from the first one's
    start to the last one's end (open when one has none).  A period its text
    states, or a curator's, stays."""
    parts = list(notice.parts.values_list("valid_from", "valid_until"))
    if not parts or notice.validity_basis not in NO_OWN_PERIOD:
        return
    starts = [start for start, _ in parts if start is not None]
    ends = [end for _, end in parts]
    values = {
        "valid_from": min(starts) if starts else notice.valid_from,
        "valid_until": None if None in ends else max(ends),
        "validity_basis": ValidityBasis.ISSUED_PARTS,
        "validity_source_text": "",
        "validity_start": None,
        "validity_end": None,
    }
    changed = [k for k, v in values.items() if getattr(notice, k) != v]
    for k in changed:
        setattr(notice, k, values[k])
    if changed:
        notice.save(update_fields=[*changed, "updated"])


def keep_original(document: Document, data: bytes, name: str) -> None:
    """Store the bytes the document was read from (once per content) and
    link them, unless the document already links these very bytes
    (``source_sha256`` is their SHA-256)."""
    if document.original_id == document.source_sha256:
        return
    document.original = OriginalFile.objects.keep(data, name)
    document.save(update_fields=["original"])


# --------------------------------------------------------------------------
# Provisions


@dataclass
class ProvisionRow:
    """A parsed provision with its place in the tree and its stable key."""

    parsed: ParsedProvision
    key: str
    parent_key: str | None
    depth: int
    position: int
    path_headings: str


# A document a notice issues without an 附件 label is an attachment without a
# label (documents.parsing.structure): "doc1", "doc2"…
ISSUED_CODE = "doc"


def provision_rows(parsed: ParsedDocument) -> list[ProvisionRow]:
    """The parsed tree, flattened in document order, each node with its key.

    Keys are built from the labels on a provision's path.  A document a
    notice issues has no label: the first one adds nothing to the keys of
    its provisions (the plan under 001's forwarding notice keeps "p3.n6.i19"
    whether or not its title holds it), the next ones add "doc2", "doc3" to
    keep theirs apart."""
    rows: list[ProvisionRow] = []
    used: set[str] = set()
    issued = Counter()

    def visit(nodes, parent_key, prefix, depth, headings):
        seen = Counter()
        for node in nodes:
            code = KIND_CODES.get(node.kind, node.kind[:4])
            if node.kind == "attachment" and not node.label:
                code = ISSUED_CODE
                issued[code] += 1
                seen[code] = issued[code] - 1
            seen[code] += 1
            ordinal = node.number if node.number is not None and code != "para" else seen[code]
            step = f"{code}{ordinal}"
            key = f"{prefix}.{step}" if prefix else step
            base, n = key, 1
            while key in used:  # a repeated number in the source (e.g. two 3.)
                n += 1
                key = f"{base}-{n}"
            used.add(key)
            rows.append(
                ProvisionRow(node, key, parent_key, depth, len(rows), " › ".join(headings))
            )
            heading = node.heading or node.label
            below = prefix if code == ISSUED_CODE and ordinal == 1 else key
            visit(
                node.children,
                key,
                below,
                depth + 1,
                [*headings, heading] if heading else headings,
            )

    visit(parsed.provisions, None, None, 0, [])
    return rows


def provision_values(row: ProvisionRow) -> dict:
    """The Provision field values of one parsed provision."""
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


def sync_provisions(
    document: Document, rows: list[ProvisionRow], changes: ChangeSet
) -> tuple[dict[str, Provision], set[str]]:
    """Upsert provisions by key; return them by key, and the keys of those
    whose words changed (new, or a new heading or text), which the search
    index must read again (it also stores their segmented ``search_text``).

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
            obj = Provision(document=document, key=row.key, **values)
            new_by_depth[row.depth].append((row, obj))
            reworded.add(row.key)
        else:
            dirty = [k for k, v in values.items() if getattr(obj, k) != v]
            for k in dirty:
                setattr(obj, k, values[k])
            if "text" in dirty or "heading" in dirty:
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


def lead_in(parent_text: str) -> str:
    """A parent that ends in a colon introduces its items ("按照下列标准…给予
    奖励：" then "（一）…不低于百分之七十"): the items need it to be read."""
    return parent_text if parent_text.rstrip().endswith(("：", ":")) else ""


def lead_ins(rows: list[ProvisionRow]) -> dict[str, str]:
    """The text that introduces each row as an item of a list ("" if none):
    ``lead_ins_of`` the parsed rows."""
    return lead_ins_of([(r.key, r.parent_key, r.parsed.kind, r.parsed.text) for r in rows])


def lead_ins_of(rows: list[tuple[str, str | None, str, str]]) -> dict[str, str]:
    """The text that introduces each provision (key, parent key, kind, text;
    in document order) as an item of a list ("" if none).

    A list is introduced by the text just before its first item: the
    parent's own text when the list opens the parent ("第十二条 …给予奖励：",
    "（一）…"), else the sibling before the list, a paragraph of the same
    article ("…可以按照下列标准对…的人员给予奖励和报酬：" after two other
    paragraphs).  The items after the first share their first item's lead-in.
    """
    text_of = {key: text for key, _parent, _kind, text in rows}
    last_kind: dict[str | None, tuple[str, str]] = {}
    introduces: dict[str | None, str] = {}
    out: dict[str, str] = {}
    for key, parent, kind, text in rows:
        previous = last_kind.get(parent)
        if previous is None:
            introduces[parent] = text_of.get(parent, "") if parent else ""
        elif previous[0] != kind:
            introduces[parent] = previous[1]
        out[key] = lead_in(introduces[parent])
        last_kind[parent] = (kind, text)
    return out


# A form's worked example: the paragraphs after a line "示例" (样例, 填写示例 …)
# fill in the form's cells for a made-up applicant ("…操作人员已从5人减少至2人，
# 加工效率提升了30%"), up to the next 附N or 说明 line.
EXAMPLE_LINE = re.compile(r"(?:填写|填报)?(?:示例|样例|范例|举例)[：:]?")
EXAMPLE_END = re.compile(r"附\s*(?:件\s*)?\d+.*|(?:填表|填写)?说明[：:]?")


def examples(rows: list[ProvisionRow]) -> set[str]:
    """The keys of the rows that belong to a form's worked example."""
    out: set[str] = set()
    open_in: set[str | None] = set()  # parents whose paragraphs are an example
    for row in rows:
        text, parent = row.parsed.text.strip(), row.parent_key
        if EXAMPLE_LINE.fullmatch(text):
            open_in.add(parent)
        elif parent in open_in:
            if row.parsed.kind != "paragraph" or EXAMPLE_END.fullmatch(text):
                open_in.discard(parent)
            else:
                out.add(row.key)
    return out


# --------------------------------------------------------------------------
# Themes and cross-references


def sync_themes(
    provisions: dict[str, Provision], themes_of: dict[str, list[str]], changes: ChangeSet
) -> None:
    """Link each provision to the themes found in it (``themes_of``: theme
    slugs by provision key); delete links no longer found."""
    themes = {t.slug: t.pk for t in Theme.objects.all()}
    Through = Provision.themes.through
    ids = [p.pk for p in provisions.values()]
    existing = set(
        Through.objects.filter(provision_id__in=ids).values_list("provision_id", "theme_id")
    )
    wanted = {
        (provisions[key].pk, themes[slug])
        for key, slugs in themes_of.items()
        for slug in slugs
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


def sync_crossrefs(
    document: Document,
    provisions: dict[str, Provision],
    crossrefs_of: dict[str, list],
    changes: ChangeSet,
) -> None:
    """Replace the cross-references of each provision whose references
    (``crossrefs_of``: found references by provision key) changed."""
    existing = defaultdict(list)
    for ref in document.crossrefs.all():
        existing[ref.provision_id].append(ref)
    for key, refs in crossrefs_of.items():
        provision = provisions[key]
        wanted = [
            (ref.start, ref.end, (ref.title or "")[:300], (ref.doc_number or "")[:100])
            for ref in refs
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


def link_crossref_targets() -> None:
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
