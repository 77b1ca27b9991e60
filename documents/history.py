"""Edit history of the knowledge base (django-simple-history).

Reads: the rows of one document in every history-tracked model.
Writes: a first history record ("+", no user) for each row that has none.

Saves, updates and deletes record history through model signals, whoever
makes them (admin, import, curate(), the pipeline's per-row saves).  The
pipeline creates new provisions and facts with ``bulk_create``, which sends
no signals; rather than teach every bulk call about history, the ingest's
last stage calls :func:`record_missing_history`, so whatever an ingest
created appears in the history, stamped with the time of that ingest.

This module finds the tracked models through simple-history's registry, so
it needs neither ``measures`` nor ``targets``.
"""

from __future__ import annotations

from simple_history.models import registered_models

INGEST_REASON = "ingest"


def tracked_models_with_document():
    """History-tracked models that belong to a document (provisions, facts …)."""
    for model in registered_models.values():
        if any(f.name == "document" for f in model._meta.concrete_fields):
            yield model


def record_missing_history(document) -> int:
    created = 0
    for model in tracked_models_with_document():
        manager = model._meta.simple_history_manager_attribute
        history = getattr(model, manager)
        recorded = history.filter(document_id=document.pk).values("id")
        missing = list(model._default_manager.filter(document=document).exclude(pk__in=recorded))
        if missing:
            history.bulk_history_create(missing, default_change_reason=INGEST_REASON)
            created += len(missing)
    return created
