"""Curated decisions about facts: recording them and re-applying them.

A curation is data kept apart from the extraction rules: a ``Curation`` row
made in the admin, by import or through the API, or loaded from the shipped
``fixtures/curation/*.json``.  Every ingest re-applies a document's
curations as its last stage, so a decision survives re-ingest.

    values.py     what a curator may change (``curated_fields``), coercion
    decisions.py  confirm / correct / reject: ``curate`` and its variants
    added.py      facts the rules missed (``add`` curations)
    document.py   a document's validity and the document replacing it
    replay.py     ``apply_curations``: re-applying them after an ingest
    fixtures.py   the shipped files and ``export_curations``
    api.py        the API's curate action (``CurationMixin``)

The names below are the package's public interface; ``api`` is left out so
that the admin and the pipeline do not load the REST framework.
"""

from .added import check_add, curate_add
from .decisions import correct_to_suggestion, curate, curate_edit, curate_many
from .document import check_document_changes, curate_document, curate_document_edit
from .fixtures import EXPORT_NAME, ShippedCurations, export_curations
from .replay import CurationReport, apply_curations
from .values import (
    DOCUMENT_METADATA_FIELDS,
    CurationError,
    as_json,
    coerce,
    curated_fields,
)

__all__ = [
    "DOCUMENT_METADATA_FIELDS",
    "EXPORT_NAME",
    "CurationError",
    "CurationReport",
    "ShippedCurations",
    "apply_curations",
    "as_json",
    "check_add",
    "check_document_changes",
    "coerce",
    "correct_to_suggestion",
    "curate",
    "curate_add",
    "curate_document",
    "curate_document_edit",
    "curate_edit",
    "curate_many",
    "curated_fields",
    "export_curations",
]
