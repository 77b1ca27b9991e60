"""The querysets of documents and of the rows that belong to one.

Kept apart from the models so that ``documents.models`` holds the tables
(it re-exports these names).  A queryset reaches the models of its
relations through ``_meta``, never by importing ``documents.models``.
"""

from django.db import models
from django.db.models import Count, F, Prefetch
from django.db.models.query import ModelIterable

from documents.validity import in_force_q, status_case

# Document columns holding a whole text (together some 100 kB a row): pages
# and lists that only name, date or link a document defer them.
DOCUMENT_TEXT_FIELDS = ("raw_text", "text", "metadata_notes")


class DocumentQuerySet(models.QuerySet):
    def without_texts(self):
        """The documents without their text columns (``DOCUMENT_TEXT_FIELDS``):
        enough to name, date and link them."""
        return self.defer(*DOCUMENT_TEXT_FIELDS)

    def with_parts(self):
        """Each document with ``part_of_key``, the key of the notice that
        issues it, and its ``parts`` (keys only) prefetched, in order."""
        parts = self.model.objects.only("key", "part_of_id", "part_number").order_by("part_number")
        return self.annotate(part_of_key=F("part_of__key")).prefetch_related(
            Prefetch("parts", queryset=parts)
        )

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


# Bookkeeping columns of a fact that no listing shows.
FACT_BOOKKEEPING_FIELDS = ("extracted", "created", "updated", "sentence_start", "sentence_end")
# Fact relations of Provision (each Fact model declares its own), with what
# the reader's tooltips need joined in.
FACT_RELATIONS = {
    "targets": ("indicator",),
    "figures": ("indicator",),
    "subsidies": (),
}


class ProvisionQuerySet(DocumentPartQuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by with_facts(): the lists to attach once the rows are read.
        self._fact_lists = False
        self._theme_lists = False

    def _clone(self):
        clone = super()._clone()
        clone._fact_lists = self._fact_lists
        clone._theme_lists = self._theme_lists
        return clone

    def _fetch_all(self):
        unread = self._result_cache is None
        super()._fetch_all()
        # After the rows (and any prefetch) are read, as prefetch_related
        # runs; rows read with values() have nowhere to hold the lists.
        if unread and self._fact_lists and self._iterable_class is ModelIterable:
            self._attach_fact_lists(self._result_cache)

    def _related(self, name):
        """The model at the end of a relation of Provision (Theme,
        CrossReference), reached without importing the models."""
        return self.model._meta.get_field(name).related_model

    def in_document(self, document):
        return self.filter(document=document)

    def holding(self, start, end):
        """The provisions around ``[start, end)`` of the text, deepest first:
        a provision's [start, text_end) is its label and own text."""
        return self.filter(start__lte=start, text_end__gte=end).order_by("-depth", "-start")

    def outline(self):
        """Each provision's place and name, text order, as dicts without
        the text: the reader's contents and pages (``documents.reader``)."""
        return self.order_by("position").values(
            "id", "parent_id", "key", "label", "heading", "kind", "depth", "position"
        )

    def with_path(self):
        # Five levels cover the deepest trees seen (章 › 节 › 条 › （一） › 1.);
        # a deeper node costs one query per extra level in ancestors().
        return self.select_related("document", "parent__parent__parent__parent__parent")

    def with_fact_counts(self):
        return self.annotate(
            target_count=Count("targets", distinct=True),
            figure_count=Count("figures", distinct=True),
            subsidy_count=Count("subsidies", distinct=True),
        )

    def with_themes(self):
        themes = self._related("themes").objects.order_by("position")
        return self.prefetch_related(Prefetch("themes", queryset=themes))

    def with_facts(self, themes=False):
        """Once read, each provision carries its visible facts and
        cross-references, in text order, as plain lists (``targets_list``,
        ``figures_list``, ``subsidies_list``, ``crossrefs_list`` and, with
        ``themes``, ``themes_list``): what the reader marks up in the text.

        One query per relation, like prefetch_related, but without the
        queryset Django clones per instance to hold a prefetch: on the
        largest document (191 provisions × 5 relations) those clones cost
        more than the queries."""
        clone = self._chain()
        clone._fact_lists = True
        clone._theme_lists = themes
        return clone

    def _attach_fact_lists(self, provisions):
        by_id = {p.pk: p for p in provisions}
        themes = self._theme_lists
        names = [*FACT_RELATIONS, "crossrefs"]
        for p in provisions:
            for name in names:
                setattr(p, f"{name}_list", [])
            if themes:
                p.themes_list = []
        if not by_id:
            return
        # Filtered by document, not by 191 provision ids: preparing a long IN
        # list cost more than reading the few facts of other provisions.  A
        # part of one document (a page of a long one) narrows that to the
        # span of text its provisions cover.
        documents = {p.document_id for p in provisions}
        span = {}
        if len(documents) == 1:
            span = {"start__gte": min(p.start for p in provisions),
                    "start__lte": max(p.text_end for p in provisions)}
        for name, joins in FACT_RELATIONS.items():
            model = self.model._meta.get_field(name).related_model
            rows = model.objects.visible().filter(document_id__in=documents, **span)
            # Only the joins named: select_related() without names follows
            # every foreign key, the document's texts included.
            if joins:
                rows = rows.select_related(*joins)
            rows = rows.defer("source_text", "review_note", *FACT_BOOKKEEPING_FIELDS)
            rows = rows.order_by("start")
            for row in rows:
                if row.provision_id in by_id:
                    getattr(by_id[row.provision_id], f"{name}_list").append(row)
        refs = (
            self._related("crossrefs").objects.filter(document_id__in=documents, **span)
            .with_document_name("target")
            .order_by("start")
        )
        for ref in refs:
            if ref.provision_id in by_id:
                by_id[ref.provision_id].crossrefs_list.append(ref)
        if themes:
            # Pairs of ids and the few themes once: a model instance per link
            # (569 on the largest document) cost more than the query.
            theme_by_id = {t.pk: t for t in self._related("themes").objects.all()}
            links = (
                self.model.themes.through.objects.filter(
                    provision__document_id__in=documents,
                    **{f"provision__{lookup}": value for lookup, value in span.items()},
                )
                .order_by("theme__position", "theme__slug")
                .values_list("provision_id", "theme_id")
            )
            for provision_id, theme_id in links:
                if provision_id in by_id:
                    by_id[provision_id].themes_list.append(theme_by_id[theme_id])

    def tree(self):
        """The provisions as a forest: root nodes in document order, each node
        with ``tree_children`` set.  One query (plus the prefetches already on
        the queryset) whatever the depth, unlike walking ``children``."""
        nodes = list(self.order_by("position"))
        by_id = {node.pk: node for node in nodes}
        roots = []
        for node in nodes:
            node.tree_children = []
        for node in nodes:
            parent = by_id.get(node.parent_id)
            (parent.tree_children if parent else roots).append(node)
        return roots
