"""Curated decisions about facts: recording them and re-applying them.

Reads: ``Curation`` rows (made in the admin, or loaded from the shipped
``fixtures/curation/*.json``) and the facts of one document.
Writes: the curated fields and review status of those facts, and
``Curation.orphaned`` when a curation no longer finds its fact.

A curation is generic over the fact models (targets, figures, subsidies): it
names its model by content type, so this module needs neither app.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .history import record_missing_history
from .models import Curation, Document, Fact, ReviewStatus

ACTION_STATUS = {
    Curation.Action.CONFIRM: ReviewStatus.CONFIRMED,
    Curation.Action.CORRECT: ReviewStatus.CORRECTED,
    Curation.Action.REJECT: ReviewStatus.REJECTED,
}


class CurationError(ValueError):
    pass


@dataclass
class CurationReport:
    applied: int = 0
    orphaned: list[str] = field(default_factory=list)


def coerce(model, name, value):
    """Turn a JSON value into what the model field stores (Decimal for money)."""
    model_field = model._meta.get_field(name)
    if value is None or value == "":
        if model_field.null:
            return None
        if isinstance(model_field, models.CharField | models.TextField):
            return ""
        raise CurationError(f"{name} 不能为空 / {name} cannot be empty")
    if isinstance(model_field, models.DecimalField):
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise CurationError(f"{name} 不是数字 / {name} is not a number: {value!r}") from exc
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model
        lookup = "key" if hasattr(related, "key") else "pk"
        return related.objects.get(**{lookup: value})
    return model_field.to_python(value)


def locator_for(fact):
    """How a curation finds this fact again if its fingerprint changes."""
    locator = {"quote": fact.source_text[:60]}
    raw_value = getattr(fact, "raw_value", None)
    if raw_value is not None:
        locator["raw_value"] = str(raw_value)
    return locator


def resolve(curation, model):
    facts = model.objects.filter(document=curation.document)
    if curation.fingerprint:
        fact = facts.filter(fingerprint=curation.fingerprint).first()
        if fact is not None:
            return fact
    locator = curation.locator or {}
    if not locator.get("quote"):
        return None
    facts = facts.filter(source_text__contains=locator["quote"])
    if "raw_value" in locator:
        facts = facts.filter(raw_value=Decimal(locator["raw_value"]))
    return facts.order_by("start").first()


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


def apply_curations(document: Document) -> CurationReport:
    """Re-apply every curation of ``document`` (the last stage of an ingest).

    It also gives each row the ingest created in bulk its first history
    record (see ``documents.history``), so that imports show in the history.
    """
    record_missing_history(document)
    report = CurationReport()
    for curation in document.curations.select_related("content_type").order_by("created", "pk"):
        model = curation.content_type.model_class()
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


def load_shipped(path: Path) -> int:
    """Load curated corrections from a fixture file (idempotent).

    Each entry names its model ("targets.figure"), its document by key, a
    locator and the changes.  ``source`` records the file and a digest of the
    entry's identity, so loading the file again updates rather than duplicates.
    Entries for documents not in the database are skipped.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for entry in data["corrections"]:
        app_label, model_name = entry["model"].split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        document = Document.objects.filter(key=entry["document"]).first()
        if document is None:
            continue
        identity = json.dumps(
            [entry["model"], entry["document"], entry.get("locator"), entry.get("fingerprint")],
            sort_keys=True,
            ensure_ascii=False,
        )
        digest = hashlib.sha1(identity.encode()).hexdigest()[:12]
        Curation.objects.update_or_create(
            content_type=content_type,
            document=document,
            source=f"{path.name}:{digest}",
            defaults={
                "locator": entry.get("locator", {}),
                "fingerprint": entry.get("fingerprint", ""),
                "action": entry["action"],
                "changes": entry.get("changes", {}),
                "reason": entry.get("reason", ""),
            },
        )
        count += 1
    return count


# --------------------------------------------------------------------------
# Curating in the admin and by import: every decision goes through curate()

# Fields of the shared fact base: where a fact is and who vouched for it.
# What is left of a concrete fact model is what the fact says, and that is
# what a curator may change.
NOT_CURATED = {f.name for f in Fact._meta.get_fields()} | {"id", "raw_value", "measure"}


def curated_fields(model) -> list[str]:
    """The fields of ``model`` a curation may change (value, unit, year …)."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in NOT_CURATED and f.editable
    ]


def as_json(value):
    """A field value as curation ``changes`` store it (Decimal → str, FK → key)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return getattr(value, "key", value.pk)
    return value


def changes_between(original, edited) -> dict:
    """The curated fields whose value differs between two copies of a fact."""
    changes = {}
    for name in curated_fields(type(original)):
        before, after = getattr(original, name), getattr(edited, name)
        if before != after:
            changes[name] = as_json(after)
    return changes


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


# --------------------------------------------------------------------------
# Exporting curations as fixtures that ``ingest`` replays

EXPORT_NAME = "curated-edits.json"

EXPORT_ABOUT = (
    "Curations made in the admin or by import, exported by `manage.py "
    "export_curations`. Same format as corrections.json: `ingest` loads every "
    "fixtures/curation/*.json (in name order) and re-applies them, so they "
    "replay on a fresh database. Several decisions about one fact are merged "
    "into one entry (changes in order, the last action)."
)


def shipped_source(curation, directory: Path) -> str | None:
    """The fixture file a curation was loaded from, if it still exists."""
    name, sep, _ = curation.source.partition(":")
    if sep and name.endswith(".json") and (directory / name).exists():
        return name
    return None


def export_entries(directory: Path, name: str = EXPORT_NAME) -> list[dict]:
    """Every curation not already kept in another fixture file, one entry per fact.

    Curations loaded from ``name`` itself are included, so that exporting
    again after a replay rewrites the file without losing them.
    """
    entries: dict[tuple, dict] = {}
    curations = Curation.objects.select_related("content_type", "document").order_by(
        "created", "pk"
    )
    for curation in curations:
        origin = shipped_source(curation, directory)
        if origin is not None and origin != name:
            continue
        label = f"{curation.content_type.app_label}.{curation.content_type.model}"
        identity = (
            label,
            curation.document.key,
            curation.fingerprint or json.dumps(curation.locator, sort_keys=True),
        )
        entry = entries.get(identity)
        if entry is None:
            entry = entries[identity] = {
                "model": label,
                "document": curation.document.key,
                "locator": curation.locator,
                "fingerprint": curation.fingerprint,
                "action": curation.action,
                "changes": {},
                "reason": "",
            }
        entry["action"] = curation.action
        entry["changes"].update(curation.changes)
        if curation.reason and curation.reason not in entry["reason"]:
            entry["reason"] = "\n".join(p for p in (entry["reason"], curation.reason) if p)
    return list(entries.values())


def export_curations(directory: Path, name: str = EXPORT_NAME) -> tuple[Path, int]:
    """Write the curations to ``directory/name``; return the path and entry count."""
    entries = export_entries(directory, name)
    path = directory / name
    payload = {"_about": EXPORT_ABOUT, "corrections": entries}
    path.write_text(
        json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
        encoding="utf-8",
    )
    return path, len(entries)
