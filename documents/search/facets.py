"""Facet counts over the matched provisions.

Three statements, whatever the number of facets, each of plain SQL built
once per process (the ORM's building of these queries cost more CPU than
the database spent on them): one ``GROUP BY document`` that also counts
the provisions holding a subsidy or a target (the document, type and year
facets and the two yes/no facets are sums of its rows, grouped in Python
over the few documents, whose names come from ``rows.documents``), and
one each for the two to-many facets (themes, instrument types), which
count distinct provisions.
"""

from collections import Counter
from functools import cache

from django.db import connection

from documents.models import DocumentType, Provision

from .backends.sql import placeholders
from .rows import documents as read_documents

# (name, label) in the order the page shows them.
FACETS = (
    ("document", "文件"),
    ("doc_type", "文件类型"),
    ("theme", "主题"),
    ("year", "发布年份"),
    ("instrument", "政策工具"),
    ("has_subsidy", "含资金支持"),
    ("has_target", "含目标指标"),
)
# Yes/no facets: (name, reverse relation from Provision).  The related models
# belong to other apps, which this app does not import; the relation knows them.
HOLDS = (("has_subsidy", "subsidies"), ("has_target", "targets"))


def facet_counts(provision_ids, documents=None) -> dict[str, dict]:
    """For each facet, ``{label, values: [{value, label, count}]}``, most
    frequent first.  Counts distinct provisions, so a provision with two
    measures of the same instrument type counts once.  ``documents``, a
    dict of documents by id, is given those the facets read (for the
    caller to show) and lends those it holds."""
    ids = list(provision_ids)
    values = {name: Counter() for name, _ in FACETS}
    labels = {name: {} for name, _ in FACETS}
    if documents is None:
        documents = {}
    per_document, related = [], {"theme": [], "instrument": []}
    if ids:
        statements = _statements(connection.vendor)
        marks = placeholders(ids)
        with connection.cursor() as cursor:
            cursor.execute(statements["document"].format(ids=marks), ids)
            per_document = cursor.fetchall()
            for name in related:
                cursor.execute(statements[name].format(ids=marks), ids)
                related[name] = cursor.fetchall()
    documents.update(
        read_documents(connection, {row[0] for row in per_document} - documents.keys())
    )
    doc_types = dict(DocumentType.choices)
    for document_id, count, *holding in per_document:
        document = documents[document_id]
        values["document"][document.key] += count
        labels["document"][document.key] = document.display_title
        if document.doc_type:
            values["doc_type"][document.doc_type] += count
            labels["doc_type"][document.doc_type] = doc_types.get(document.doc_type, document.doc_type)
        if document.year:
            values["year"][document.year] += count
        for (name, _), held in zip(HOLDS, holding, strict=True):
            values[name]["true"] += held
            values[name]["false"] += count - held

    for name, found in related.items():
        for value, label, count in found:
            if value not in ("", None):
                values[name][value] += count
                labels[name][value] = label

    facets = {}
    for name, label in FACETS:
        if name in dict(HOLDS):
            rows = [
                {"value": value, "label": text, "count": values[name][value]}
                for value, text in (("true", "是"), ("false", "否"))
            ]
        else:
            rows = [
                {"value": value, "label": str(labels[name].get(value, value)), "count": count}
                for value, count in sorted(values[name].items(), key=lambda vc: (-vc[1], vc[0]))
            ]
        facets[name] = {"label": label, "values": rows}
    return facets


def _related(relation):
    return Provision._meta.get_field(relation).related_model


@cache
def _statements(vendor) -> dict[str, str]:
    """The three statements, ``{ids}`` standing for the ids' placeholders;
    table and column names from the models (those of other apps through
    Provision's relations)."""
    quote = connection.ops.quote_name
    provision = Provision._meta
    pk, document = quote(provision.pk.column), quote(provision.get_field("document").column)
    holds = []
    for _name, relation in HOLDS:
        model = _related(relation)._meta
        column = quote(model.get_field("provision").column)
        holds.append(
            f"COUNT(CASE WHEN EXISTS (SELECT 1 FROM {quote(model.db_table)} h "
            f"WHERE h.{column} = p.{pk}) THEN 1 END)"
        )
    themes = provision.get_field("themes")
    theme = themes.related_model._meta
    measure = _related("measures")._meta
    types = measure.get_field("instrument_types")
    instrument = types.related_model._meta
    return {
        "document": (
            f"SELECT p.{document}, COUNT(*), {', '.join(holds)} "
            f"FROM {quote(provision.db_table)} p WHERE p.{pk} IN ({{ids}}) GROUP BY p.{document}"
        ),
        # A provision is linked to a theme once: the links count provisions.
        "theme": (
            f"SELECT t.{quote('slug')}, t.{quote('name')}, "
            f"COUNT(DISTINCT l.{quote(themes.m2m_column_name())}) "
            f"FROM {quote(themes.m2m_db_table())} l JOIN {quote(theme.db_table)} t "
            f"ON t.{quote(theme.pk.column)} = l.{quote(themes.m2m_reverse_name())} "
            f"WHERE l.{quote(themes.m2m_column_name())} IN ({{ids}}) "
            f"GROUP BY t.{quote('slug')}, t.{quote('name')}"
        ),
        "instrument": (
            f"SELECT i.{quote('key')}, i.{quote('name')}, "
            f"COUNT(DISTINCT m.{quote(measure.get_field('provision').column)}) "
            f"FROM {quote(measure.db_table)} m JOIN {quote(types.m2m_db_table())} l "
            f"ON l.{quote(types.m2m_column_name())} = m.{quote(measure.pk.column)} "
            f"JOIN {quote(instrument.db_table)} i "
            f"ON i.{quote(instrument.pk.column)} = l.{quote(types.m2m_reverse_name())} "
            f"WHERE m.{quote(measure.get_field('provision').column)} IN ({{ids}}) "
            f"GROUP BY i.{quote('key')}, i.{quote('name')}"
        ),
    }
