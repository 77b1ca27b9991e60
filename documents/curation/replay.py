"""Re-applying the curations of one document: the last stage of its ingest.

Reads: the document's ``Curation`` rows, oldest first, and its facts.
Writes: the curated fields and review status of those facts, the facts that
curators added, ``Curation.orphaned`` when a curation no longer finds its
fact, and a first history record for the rows the ingest created in bulk.

A curation is generic over the fact models (targets, figures, subsidies): it
names its model by content type, so this package needs neither app.  The
curations about a document itself (its validity, the document replacing it)
come first, with those of the documents this one replaces
(``document.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from documents.fact_sync import ADDED_PREFIX
from documents.history import record_missing_history
from documents.models import Curation, Document

from .added import SourceText, place_added
from .decisions import apply_one
from .document import apply_document_curations, apply_replacements_of
from .values import CurationError


@dataclass
class CurationReport:
    """How many facts the curations changed, and those that found no fact."""

    applied: int = 0
    orphaned: list[str] = field(default_factory=list)


def resolve(curation, model):
    """The fact a curation is about: by fingerprint, else by its locator."""
    facts = model.objects.filter(document=curation.document)
    if curation.fingerprint:
        fact = facts.filter(fingerprint=curation.fingerprint).first()
        if fact is not None or curation.fingerprint.startswith(ADDED_PREFIX):
            # A decision about an added fact is about that fact only: when
            # it is gone, an extracted fact in the same sentence is not it.
            return fact
    locator = curation.locator or {}
    if not locator.get("quote"):
        return None
    facts = facts.exclude(fingerprint__startswith=ADDED_PREFIX)
    facts = facts.filter(source_text__contains=locator["quote"])
    if "raw_value" in locator:
        facts = facts.filter(raw_value=Decimal(locator["raw_value"]))
    return facts.order_by("start").first()


def apply_curations(document: Document) -> CurationReport:
    """Re-apply every curation of ``document`` (the last stage of an ingest).

    It also gives each row the ingest created in bulk its first history
    record (see ``documents.history``), so that imports show in the history.
    """
    record_missing_history(document)
    report = CurationReport()
    report.applied += apply_document_curations(document, report.orphaned)
    apply_replacements_of(document)
    source = SourceText(document)
    for curation in document.curations.select_related("content_type").order_by("created", "pk"):
        model = curation.content_type.model_class()
        if model is Document:
            continue  # applied above
        if curation.action == Curation.Action.ADD:
            apply_add(curation, model, source, report)
            continue
        fact = resolve(curation, model)
        orphaned = fact is None
        if curation.orphaned != orphaned:
            curation.orphaned = orphaned
            curation.save(update_fields=["orphaned"])
        if orphaned:
            report.orphaned.append(f"{model._meta.label}: {curation.locator or curation.fingerprint}")
            continue
        if apply_one(curation, fact):
            report.applied += 1
    return report


def apply_add(curation, model, source: SourceText, report: CurationReport):
    """``place_added`` for one curation of an ingest; never raises.

    When the quote is gone the curation is kept (orphaned, reported) and the
    fact made for it is deleted: nothing in the source supports it any more.
    """
    label = model._meta.label
    try:
        with transaction.atomic():
            _, changed = place_added(curation, model, source)
    except (CurationError, ObjectDoesNotExist, ValidationError) as exc:
        if not curation.orphaned:
            curation.orphaned = True
            curation.save(update_fields=["orphaned"])
        line = f"{label} (新增 / added): {curation.locator} — {exc}"
        deleted = delete_added(model, source.document, curation.fingerprint)
        if deleted:
            line += f"; 为其新增的事实已删除 / deleted the fact added for it: #{deleted}"
        report.orphaned.append(line)
        return
    if curation.orphaned:
        curation.orphaned = False
        curation.save(update_fields=["orphaned"])
    if changed:
        report.applied += 1


def delete_added(model, document, fingerprint) -> int | None:
    """Delete the fact of an orphaned add curation; return its id.

    Also the id of one deleted by an earlier ingest, found in the fact's
    history, so that the report says so on every run.
    """
    if not fingerprint:
        return None
    fact = model.objects.filter(document=document, fingerprint=fingerprint).first()
    if fact is not None:
        pk = fact.pk
        fact.delete()
        return pk
    history = getattr(model, model._meta.simple_history_manager_attribute)
    last = (
        history.filter(document_id=document.pk, fingerprint=fingerprint)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return last.id if last is not None and last.history_type == "-" else None
