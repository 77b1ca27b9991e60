"""Curations about a document itself: its metadata as read from the file,
the period it applies in, and the later document that replaces it.

Reads: a document and what a curator states about it (``curated_fields``
of Document: ``title``, ``doc_number``, ``issuer``, ``issued_on``,
``doc_type``, ``valid_from``, ``valid_until``, ``validity_basis``, and
``replaced_by`` by the replacing document's key).
Writes: a ``Curation`` row (content type Document, no fingerprint or
locator: the document is the curation's own), and the document's fields,
with ``replaced_on``, the day the replacing document applies from (its
``valid_from``, else its date of issue; unknown: every day).

Like a decision about a fact it is re-applied after every ingest, so it
survives re-ingest and is exported with the others.  It is also re-applied
after an ingest of the replacing document: on a fresh database that one may
come later (until then the curation is orphaned), and its period may change.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from documents.models import Curation, Document
from documents.validity import ValidityBasis

from .values import (
    DOCUMENT_METADATA_FIELDS,
    CurationError,
    as_json,
    changes_between,
    coerce,
    curated_fields,
)


def replacement_day(replacement: Document | None):
    """The day a replacing document applies from, None when unknown."""
    if replacement is None:
        return None
    return replacement.valid_from or replacement.issued_on


def check_document_changes(document: Document, changes: dict) -> dict:
    """``changes`` as stored (JSON values), checked against ``document``.

    A corrected period says so in ``validity_basis`` ("curated") unless the
    curator named another basis.  Raises CurationError for a field a curator
    may not set, a value the field cannot hold, a replacing document that is
    not in the knowledge base or is the document itself, and a period that
    ends before it starts."""
    changes = {name: as_json(value) for name, value in changes.items()}
    unknown = sorted(set(changes) - set(curated_fields(Document)))
    if unknown:
        raise CurationError(
            f"不能由人工设置的字段 / fields a curation cannot set: {', '.join(unknown)}"
        )
    if changes.keys() & {"valid_from", "valid_until"}:
        changes.setdefault("validity_basis", ValidityBasis.CURATED.value)
    values = {}
    for name, value in changes.items():
        try:
            values[name] = coerce(Document, name, value)
            if name == "validity_basis" or name in DOCUMENT_METADATA_FIELDS:
                # a choice, a length, a date: what the column may hold
                Document._meta.get_field(name).clean(values[name], document)
        except ObjectDoesNotExist:
            raise CurationError(
                f"知识库中没有该文件 / no document with the key {value!r}"
            ) from None
        except ValidationError as exc:
            raise CurationError(f"{name}: {' '.join(exc.messages)}") from None
    if values.get("replaced_by") == document:
        raise CurationError("文件不能替代自身 / a document cannot replace itself")
    valid_from = values.get("valid_from", document.valid_from)
    valid_until = values.get("valid_until", document.valid_until)
    if valid_from and valid_until and valid_until < valid_from:
        raise CurationError(
            "有效期结束日早于施行日期 / the period ends before it starts"
        )
    return changes


@transaction.atomic
def curate_document(document, changes, *, reason="", author=None, source="admin"):
    """Record a curator's statement about ``document`` and apply it at once."""
    changes = check_document_changes(document, changes)
    curation = Curation.objects.create(
        content_type=ContentType.objects.get_for_model(Document),
        document=document,
        action=Curation.Action.CORRECT,
        changes=changes,
        reason=reason,
        author=author,
        source=source,
    )
    apply_to_document(curation, document)
    return curation


def curate_document_edit(edited, *, reason="", author=None, source="admin"):
    """Record an edited copy of a stored document (the admin's form) as a
    curation; None when no curated field changed."""
    original = Document.objects.get(pk=edited.pk)
    changes = changes_between(original, edited)
    if not changes:
        return None
    return curate_document(original, changes, reason=reason, author=author, source=source)


def apply_to_document(curation, document) -> bool:
    """Set the curated fields of ``document``; True if it changed.  Raises
    ObjectDoesNotExist when the replacing document is not (yet) stored."""
    dirty = []
    for name, value in curation.changes.items():
        new = coerce(Document, name, value)
        if getattr(document, name) != new:
            setattr(document, name, new)
            dirty.append(name)
    day = replacement_day(document.replaced_by)
    if document.replaced_on != day:
        document.replaced_on = day
        dirty.append("replaced_on")
    if dirty:
        document.save(update_fields=[*dirty, "updated"])
    return bool(dirty)


def apply_document_curations(document, orphaned: list[str] | None = None) -> int:
    """Re-apply the curations about ``document`` itself, oldest first; mark
    the ones whose replacing document is missing as orphaned (listed in
    ``orphaned``).  Returns how many changed it."""
    curations = document.curations.filter(
        content_type=ContentType.objects.get_for_model(Document)
    ).order_by("created", "pk")
    applied = 0
    for curation in curations:
        try:
            with transaction.atomic():
                applied += apply_to_document(curation, document)
            missing = False
        except ObjectDoesNotExist:
            missing = True
            if orphaned is not None:
                orphaned.append(
                    f"documents.Document: {curation.changes} — 替代文件尚未导入 / "
                    f"the replacing document is not in the knowledge base"
                )
        if curation.orphaned != missing:
            curation.orphaned = missing
            curation.save(update_fields=["orphaned"])
    return applied


def apply_replacements_of(document) -> None:
    """Re-apply the curations of the documents that ``document`` replaces,
    so that they link to it (and to the day it applies from now)."""
    replaced = (
        Curation.objects.filter(
            content_type=ContentType.objects.get_for_model(Document),
            changes__replaced_by=document.key,
        )
        .exclude(document=document)
        .values_list("document", flat=True)
        .distinct()
    )
    for other in Document.objects.without_texts().filter(pk__in=list(replaced)):
        apply_document_curations(other)
