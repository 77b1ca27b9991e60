"""Curated decisions about facts: recording them and re-applying them.

Reads: ``Curation`` rows (made in the admin, or loaded from the shipped
``fixtures/curation/*.json``) and the facts of one document.
Writes: the curated fields and review status of those facts, the facts that
curators added (``add`` curations: rule "curated", fingerprint "curated:…"),
and ``Curation.orphaned`` when a curation no longer finds its fact.

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
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from .extraction.sentences import span_at, split_sentences
from .history import record_missing_history
from .models import Curation, Document, Fact, ReviewStatus
from .parsing.normalise import fold_text, normalise

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
    source = SourceText(document)
    for curation in document.curations.select_related("content_type").order_by("created", "pk"):
        model = curation.content_type.model_class()
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


# --------------------------------------------------------------------------
# Facts the rules missed: ``add`` curations
#
# An added fact is placed by a passage of the document (the locator's
# "quote") and the number as printed inside it ("raw_text"); everything
# else it says is in ``changes``.  Its fingerprint hashes what the curation
# is about (model, document key, quote, number), not a database id, so the
# fact keeps it when the curation is exported and replayed on a fresh
# database, and the ingest's fact sync leaves every "curated:" fingerprint
# to this module.

ADDED_PREFIX = "curated:"
ADDED_RULE = "curated"


def added_fingerprint(model, document_key: str, quote: str, raw_text: str) -> str:
    identity = json.dumps(
        [model._meta.label_lower, document_key, quote, raw_text], ensure_ascii=False
    )
    return ADDED_PREFIX + hashlib.sha1(identity.encode("utf-8")).hexdigest()


class SourceText:
    """One document's text, and the raw text behind it (normalised once, on
    demand, to give an added fact its number exactly as printed)."""

    def __init__(self, document: Document):
        self.document = document
        self._normalised = None

    def raw_slice(self, start: int, end: int) -> str | None:
        if self._normalised is None:
            self._normalised = normalise(self.document.raw_text)
        if self._normalised.text != self.document.text:
            return None  # stored by another version of the normaliser
        return self._normalised.raw_slice(start, end)


def spellings(printed: str) -> list[str]:
    """``printed`` as pasted, then folded as documents are (full-width
    digits, half-width punctuation), then also without the line breaks of a
    hard-wrapped source."""
    printed = printed.strip()
    unwrapped = "".join(line.strip() for line in printed.splitlines())
    return [s for s in dict.fromkeys((printed, fold_text(printed), fold_text(unwrapped))) if s]


def placement(source: SourceText, quote: str, raw_text: str) -> dict:
    """Where the number of an added fact is: provision, offsets, sentence.

    Raises CurationError when the quote is not in the document or the number
    not in the quote.  The first occurrence counts: a longer quote tells two
    alike apart.
    """
    document = source.document
    text = document.text
    found = next(((text.find(q), q) for q in spellings(quote) if q in text), None)
    if found is None:
        raise CurationError(
            f"引文未在文件中找到 / quote not found in the document: {quote[:60]!r}"
        )
    at, quote_text = found
    number = next(
        ((quote_text.find(r), r) for r in spellings(raw_text) if r in quote_text), None
    )
    if number is None:
        raise CurationError(
            f"原文数值“{raw_text}”未在引文中找到 / "
            f"the number as printed {raw_text!r} was not found in the quote"
        )
    start = at + number[0]
    end = start + len(number[1])
    # A provision's [start, text_end) is its own label and text, not its
    # children's: the one holding the number is the deepest one around it.
    provision = (
        document.provisions.filter(start__lte=start, text_end__gte=end)
        .order_by("-depth", "-start")
        .first()
    )
    if provision is None:
        raise CurationError(
            f"引文不在任何条款内 / the quote is outside every provision: {quote[:60]!r}"
        )
    # The sentence as the extractors cut it: the provision's text split at
    # 。！？ and line breaks (documents.extraction.sentences).
    sentence = span_at(split_sentences(provision.text), start - provision.text_start)
    if sentence is None:
        sentence_start, sentence_end = at, at + len(quote_text)
    else:
        sentence_start = min(provision.text_start + sentence.start, start)
        sentence_end = max(provision.text_start + sentence.end, end)
    printed = source.raw_slice(start, end) or number[1]
    return {
        "provision": provision,
        "source_text": text[sentence_start:sentence_end],
        "raw_text": printed[:100],
        "start": start,
        "end": end,
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
    }


def added_values(model, changes: dict) -> dict:
    """An add curation's ``changes`` as field values (what the fact says)."""
    allowed = set(curated_fields(model))
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise CurationError(
            f"不能由人工设置的字段 / fields a curation cannot set: {', '.join(unknown)}"
        )
    values = {name: coerce(model, name, value) for name, value in changes.items()}
    if any(f.name == "raw_value" for f in model._meta.concrete_fields):
        # No rule read this number: as read is as curated.
        values["raw_value"] = values.get("value")
    return values


def measure_for(model, provision, start):
    """A subsidy's measure, chosen as the ingest chooses it (stages.subsidy_rows)."""
    if not any(f.name == "measure" for f in model._meta.concrete_fields):
        return {}
    measures = list(
        model._meta.get_field("measure").related_model.objects.filter(provision=provision)
        .order_by("start")
    )
    measure = next(
        (m for m in measures if m.start <= start < max(m.end, m.start + 1)),
        measures[0] if measures else None,
    )
    return {"measure": measure}


def build_added(model, document, fingerprint, place, values, reason) -> Fact:
    """An unsaved added fact, checked like a form would check it."""
    fact = model(
        document=document,
        fingerprint=fingerprint,
        rule=ADDED_RULE,
        extracted={},
        flags=[],
        review_status=ReviewStatus.CONFIRMED,
        review_note=reason,
        **place,
        **measure_for(model, place["provision"], place["start"]),
        **values,
    )
    try:
        # ``extracted`` stays empty: no rule read this fact.
        fact.full_clean(
            exclude=["extracted"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise CurationError(f"新增事实无效 / the added fact is not valid: {messages}") from exc
    return fact


def later_changes(curation) -> tuple[bool, set[str]]:
    """Whether later curations decided about the added fact, and the fields
    they changed: re-applying the add must not undo them."""
    later = Curation.objects.filter(
        document=curation.document_id,
        content_type=curation.content_type_id,
        fingerprint=curation.fingerprint,
    ).exclude(action=Curation.Action.ADD)
    changed = set()
    for changes in later.values_list("changes", flat=True):
        changed |= set(changes)
    return later.exists(), changed


def place_added(curation, model, source: SourceText):
    """Create or update the fact of an add curation; return (fact, changed).

    Its place (provision, offsets, sentence) follows the source; its values
    are the curation's, less those a later curation changed.  Raises
    CurationError when the quote, the number or a value no longer fits the
    document.  Saves only what changed, so that a re-ingest of an unchanged
    source writes nothing.
    """
    locator = curation.locator or {}
    quote, raw_text = locator.get("quote") or "", locator.get("raw_text") or ""
    if not quote or not raw_text:
        raise CurationError("定位缺少 quote 或 raw_text / locator needs a quote and a raw_text")
    document = source.document
    fingerprint = added_fingerprint(model, document.key, quote, raw_text)
    if curation.fingerprint != fingerprint:
        curation.fingerprint = fingerprint
        if curation.pk:
            curation.save(update_fields=["fingerprint"])
    place = placement(source, quote, raw_text)
    values = added_values(model, curation.changes)
    fact = model.objects.filter(document=document, fingerprint=fingerprint).first()
    if fact is None:
        fact = build_added(model, document, fingerprint, place, values, curation.reason)
        fact.save()
        return fact, True
    decided, overridden = later_changes(curation)
    wanted = {
        **place,
        **measure_for(model, place["provision"], place["start"]),
        **{k: v for k, v in values.items() if k not in overridden},
    }
    if not decided:
        wanted["review_status"] = ReviewStatus.CONFIRMED
    dirty = [k for k, v in wanted.items() if getattr(fact, k) != v]
    for k in dirty:
        setattr(fact, k, wanted[k])
    if curation.reason and curation.reason not in fact.review_note:
        fact.review_note = "\n".join(p for p in (fact.review_note, curation.reason) if p)
        dirty.append("review_note")
    if dirty:
        fact.save()
    return fact, bool(dirty)


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

    Also the id of one deleted before (by an earlier pass of this ingest,
    ``ingest`` applies curations twice, or by an earlier ingest), found in
    the fact's history, so that the report says so every time.
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


def check_add(model, document, quote, raw_text):
    """Raise CurationError unless an add curation with this locator would
    place a new fact (the admin's add form calls this to show the error)."""
    placement(SourceText(document), quote, raw_text)
    fingerprint = added_fingerprint(model, document.key, quote, raw_text)
    if model.objects.filter(document=document, fingerprint=fingerprint).exists():
        raise CurationError(
            "这条事实已由人工新增过 / a fact was already added for this quote and number"
        )


@transaction.atomic
def curate_add(model, document, quote, raw_text, changes, *, reason="", author=None,
               source="admin"):
    """Record a fact the rules missed and create it at once.

    ``changes`` are its values (Decimals and instances are stored as
    ``coerce`` reads them back).  Returns (curation, fact); raises
    CurationError, recording nothing, when the quote or the number is not in
    the document or a value does not fit the model.
    """
    changes = {k: as_json(v) for k, v in changes.items()}
    check_add(model, document, quote, raw_text)
    text = SourceText(document)
    fingerprint = added_fingerprint(model, document.key, quote, raw_text)
    place = placement(text, quote, raw_text)
    build_added(model, document, fingerprint, place, added_values(model, changes), reason)
    curation = Curation.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        document=document,
        fingerprint=fingerprint,
        locator={"quote": quote, "raw_text": raw_text},
        action=Curation.Action.ADD,
        changes=changes,
        reason=reason,
        author=author,
        source=source,
    )
    fact, _ = place_added(curation, model, text)
    return curation, fact


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
            # An added fact and the later decisions about it (same
            # fingerprint) stay two entries: merged, the add would be lost.
            curation.action == Curation.Action.ADD,
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
