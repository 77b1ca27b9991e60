"""What a curator may change on a fact, and values as curations store them.

Reads: the fact models' fields.
Writes nothing.

``curated_fields`` is the one list of curatable fields: the admin's forms,
the API's curate action and added facts all derive from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import models

from documents.models import Document, Fact


class CurationError(ValueError):
    """A curation that does not fit its fact or its document."""


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


def as_json(value):
    """A field value as curation ``changes`` store it (Decimal → str, FK → key,
    date → YYYY-MM-DD)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return getattr(value, "key", value.pk)
    if isinstance(value, date):
        return value.isoformat()
    return value


# Fields of the shared fact base: where a fact is and who vouched for it.
# What is left of a concrete fact model is what the fact says, and that is
# what a curator may change (less the number as read and the measure, which
# follow the source).
NOT_CURATED = {f.name for f in Fact._meta.get_fields()} | {"id", "raw_value", "measure"}


# What a curator may state about a document itself (documents.curation.document):
# its metadata as read from the file (confirmed when an upload is, or
# corrected in the admin), the period it applies in, and the later document
# that replaces it.
DOCUMENT_METADATA_FIELDS = ("title", "doc_number", "issuer", "issued_on", "doc_type")
DOCUMENT_VALIDITY_FIELDS = ("valid_from", "valid_until", "validity_basis", "replaced_by")
DOCUMENT_CURATED_FIELDS = DOCUMENT_METADATA_FIELDS + DOCUMENT_VALIDITY_FIELDS


def curated_fields(model) -> list[str]:
    """The fields of ``model`` a curation may change (value, unit, year …;
    a document's validity)."""
    if model is Document:
        return list(DOCUMENT_CURATED_FIELDS)
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in NOT_CURATED and f.editable
    ]


def changes_between(original, edited) -> dict:
    """The curated fields whose value differs between two copies of a fact."""
    changes = {}
    for name in curated_fields(type(original)):
        before, after = getattr(original, name), getattr(edited, name)
        if before != after:
            changes[name] = as_json(after)
    return changes
