"""Facts the rules missed, added by a curator (``add`` curations).

Reads: an add curation's locator (a quote of the document and the number as
printed inside it) and its values; the document's text and provisions.
Writes: the added fact (rule "curated", fingerprint "curated:…") and its
``Curation`` row.

An added fact is placed by a passage of the document (the locator's
"quote") and the number as printed inside it ("raw_text"); everything
else it says is in ``changes``.  Its fingerprint hashes what the curation
is about (model, document key, quote, number), not a database id, so the
fact keeps it when the curation is exported and replayed on a fresh
database, and the ingest's fact sync leaves every "curated:" fingerprint
to this package.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from documents.extraction.sentences import span_at
from documents.fact_sync import ADDED_PREFIX, measure_at
from documents.models import Curation, Document, Fact, ReviewStatus
from documents.parsing.normalise import fold_text, normalise

from .values import CurationError, as_json, coerce, curated_fields

# What an added fact has for the rule that read it.
ADDED_RULE = "curated"


def added_fingerprint(model, document_key: str, quote: str, raw_text: str) -> str:
    """The identity of an added fact: what its curation is about, no ids."""
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


def placement(model, source: SourceText, quote: str, raw_text: str) -> dict:
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
    # The one holding the number is the deepest one around it.
    provision = document.provisions.holding(start, end).first()
    if provision is None:
        raise CurationError(
            f"引文不在任何条款内 / the quote is outside every provision: {quote[:60]!r}"
        )
    # The sentence as this kind of fact's extractor cuts it.
    sentence = span_at(
        model.quoted_sentences(provision.text), start - provision.text_start
    )
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
    """A subsidy's measure, chosen as the ingest chooses it (``measure_at``)."""
    if not any(f.name == "measure" for f in model._meta.concrete_fields):
        return {}
    measures = list(
        model._meta.get_field("measure").related_model.objects.filter(provision=provision)
        .order_by("start")
    )
    return {"measure": measure_at(measures, start)}


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
    place = placement(model, source, quote, raw_text)
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


def check_add(model, document, quote, raw_text):
    """Raise CurationError unless an add curation with this locator would
    place a new fact (the admin's add form calls this to show the error)."""
    placement(model, SourceText(document), quote, raw_text)
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
    place = placement(model, text, quote, raw_text)
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
