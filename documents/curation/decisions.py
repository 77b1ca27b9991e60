"""A curator's decisions about extracted facts: recorded, then applied.

Reads: a fact and what the curator decided (confirm, correct, reject).
Writes: a ``Curation`` row, and the fact's curated fields and review status.

Every decision, from the admin, an import or the API, goes through
``curate``, so that it is data that survives re-ingest.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from documents.models import Curation, ReviewStatus

from .values import changes_between, coerce

ACTION_STATUS = {
    Curation.Action.CONFIRM: ReviewStatus.CONFIRMED,
    Curation.Action.CORRECT: ReviewStatus.CORRECTED,
    Curation.Action.REJECT: ReviewStatus.REJECTED,
}


def locator_for(fact):
    """How a curation finds this fact again if its fingerprint changes."""
    locator = {"quote": fact.source_text[:60]}
    raw_value = getattr(fact, "raw_value", None)
    if raw_value is not None:
        locator["raw_value"] = str(raw_value)
    return locator


def apply_one(curation, fact):
    """Set the curated fields and status; return True if the fact changed.

    A fact in conflict stays in conflict: the curator must look again at a
    decision made about a source that has since changed.
    """
    model = type(fact)
    changed = False
    for name, value in curation.changes.items():
        new = coerce(model, name, value)
        if getattr(fact, name) != new:
            setattr(fact, name, new)
            changed = True
    status = ACTION_STATUS[curation.action]
    if fact.review_status != ReviewStatus.CONFLICT and fact.review_status != status:
        fact.review_status = status
        changed = True
    if curation.reason and curation.reason not in fact.review_note:
        fact.review_note = "\n".join(p for p in (fact.review_note, curation.reason) if p)
        changed = True
    if changed:
        fact.save()
    return changed


@transaction.atomic
def curate(fact, action, *, changes=None, reason="", author=None, source="admin"):
    """Record a curator's decision about ``fact`` and apply it at once."""
    changes = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in (changes or {}).items()}
    for name, value in changes.items():
        coerce(type(fact), name, value)  # validate before recording anything
    if fact.review_status == ReviewStatus.CONFLICT:
        # The curator has looked again: the conflict is settled by this decision.
        fact.review_status = ReviewStatus.UNREVIEWED
    curation = Curation.objects.create(
        content_type=ContentType.objects.get_for_model(type(fact)),
        document=fact.document,
        fingerprint=fact.fingerprint,
        locator=locator_for(fact),
        action=action,
        changes=changes,
        reason=reason,
        author=author,
        source=source,
    )
    apply_one(curation, fact)
    return curation


def curate_edit(edited, *, reason="", author=None, source="admin"):
    """Record an edited copy of a stored fact as a correction.

    ``edited`` is an unsaved instance carrying the new values (an admin form's
    or an import row's); the stored row is changed only through ``curate`` so
    that the edit becomes a Curation and survives re-ingest.  Returns the
    curation, or None when no curated field changed.
    """
    original = type(edited).objects.get(pk=edited.pk)
    changes = changes_between(original, edited)
    if not changes:
        return None
    return curate(original, Curation.Action.CORRECT, changes=changes, reason=reason,
                  author=author, source=source)


def curate_many(facts, action, *, reason="", author=None, source="admin"):
    """One curation per fact (the admin's bulk confirm/reject)."""
    return [curate(f, action, reason=reason, author=author, source=source) for f in facts]


def correct_to_suggestion(fact, *, author=None, source="admin"):
    """Accept the plausibility rule's suggested value (e.g. a lost decimal
    point: 130% → 1.30).  Returns None for a fact without a suggestion."""
    suggested = (fact.extracted or {}).get("suggested_value")
    if suggested is None or not hasattr(fact, "value"):
        return None
    return curate(
        fact,
        Curation.Action.CORRECT,
        changes={"value": suggested},
        reason=f"采纳规则建议值 / accepted the suggested value {suggested}",
        author=author,
        source=source,
    )
