"""The querysets of documents and of the rows that belong to one.

Kept apart from the models so that ``documents.models`` holds the tables;
``documents.models`` re-exports them.
"""

from django.db import models

from documents.validity import in_force_q, status_case

# Document columns holding a whole text (together some 100 kB a row): pages
# and lists that only name, date or link a document defer them.
DOCUMENT_TEXT_FIELDS = ("raw_text", "text", "metadata_notes")


class DocumentQuerySet(models.QuerySet):
    def without_texts(self):
        """The documents without their text columns (``DOCUMENT_TEXT_FIELDS``):
        enough to name, date and link them."""
        return self.defer(*DOCUMENT_TEXT_FIELDS)

    def in_force_on(self, day):
        """The documents in force on ``day`` (``documents.validity``)."""
        return self.filter(in_force_q(day))

    def with_status_on(self, day):
        """Each document with ``status``: its ``ValidityStatus`` on ``day``."""
        return self.annotate(status=status_case(day))


class DocumentPartQuerySet(models.QuerySet):
    """Rows that belong to a document: provisions, cross-references,
    measures and facts."""

    def with_document_name(self, *relations):
        """The related document(s) at ``relations`` (``"document"`` unless
        others are named) joined in, minus their texts."""
        relations = relations or ("document",)
        return self.select_related(*relations).defer(
            *(f"{path}__{name}" for path in relations for name in DOCUMENT_TEXT_FIELDS)
        )

    def in_force_on(self, day):
        """The rows whose document is in force on ``day``."""
        return self.filter(in_force_q(day, prefix="document__"))
