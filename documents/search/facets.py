"""Facet counts over the matched provisions.

Four statements, whatever the number of facets, of plain SQL built once per
process (the ORM's building of these queries cost more CPU than the
database spent on them): one ``GROUP BY document`` that also counts the
provisions holding a subsidy or a target (the document, type and year
facets and the two yes/no facets are sums of its rows, grouped in Python
over the few documents), one for the documents' names (``rows.documents``),
and one each for the two to-many facets (themes, instrument types), which
count distinct provisions.
"""

from collections import Counter
from functools import cache

from django.db import connection

from documents.models import DocumentType, Provision

from . import rows
from .backends.sql import ids_param, in_ids

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


def facet_counts(provision_ids) -> dict[str, dict]:
    """For each facet, ``{label, values: [{value, label, count}]}``, most
    frequent first.  Counts distinct provisions, so a provision with two
    measures of the same instrument type counts once."""
    ids = list(provision_ids)
    values = {name: Counter() for name, _ in FACETS}
    labels = {name: {} for name, _ in FACETS}
    per_document, related = [], {"theme": [], "instrument": []}
    if ids:
        statements = _statements(connection.vendor)
        param = [ids_param(ids, connection.vendor)]
        with connection.cursor() as cursor:
            cursor.execute(statements["document"], param)
            per_document = cursor.fetchall()
            for name in related:
                cursor.execute(statements[name], param)
                related[name] = cursor.fetchall()
    documents = rows.documents(connection, {row[0] for row in per_document}, rows.NAMES)
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
            listed = [
                {"value": value, "label": text, "count": values[name][value]}
                for value, text in (("true", "是"), ("false", "否"))
            ]
        else:
            listed = [
                {"value": value, "label": str(labels[name].get(value, value)), "count": count}
                for value, count in sorted(values[name].items(), key=lambda vc: (-vc[1], vc[0]))
            ]
        facets[name] = {"label": label, "values": listed}
    return facets


def _related(relation):
    return Provision._meta.get_field(relation).related_model


@cache
def _statements(vendor) -> dict[str, str]:
    """The statements, each taking the ids as one parameter (``in_ids``);
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
    measures, measure_pk = quote(measure.db_table), quote(measure.pk.column)
    provision_of = quote(measure.get_field("provision").column)
    links, measure_id = quote(types.m2m_db_table()), quote(types.m2m_column_name())
    type_id = quote(types.m2m_reverse_name())
    return {
        "document": (
            f"SELECT p.{document}, COUNT(*), {', '.join(holds)} "
            f"FROM {quote(provision.db_table)} p WHERE {in_ids('p.' + pk, vendor)} "
            f"GROUP BY p.{document}"
        ),
        # Counted by id, then named: a provision is linked to a theme once,
        # so its links count provisions; it may have several measures of
        # one instrument type, so those count distinct provisions.
        "theme": (
            f"SELECT t.{quote('slug')}, t.{quote('name')}, c.n FROM ("
            f"SELECT l.{quote(themes.m2m_reverse_name())} AS id, COUNT(*) AS n "
            f"FROM {quote(themes.m2m_db_table())} l "
            f"WHERE {in_ids('l.' + quote(themes.m2m_column_name()), vendor)} "
            f"GROUP BY l.{quote(themes.m2m_reverse_name())}"
            f") c JOIN {quote(theme.db_table)} t ON t.{quote(theme.pk.column)} = c.id"
        ),
        "instrument": (
            f"SELECT i.{quote('key')}, i.{quote('name')}, c.n FROM ("
            f"SELECT l.{type_id} AS id, COUNT(DISTINCT m.{provision_of}) AS n "
            f"FROM {measures} m JOIN {links} l ON l.{measure_id} = m.{measure_pk} "
            f"WHERE {in_ids('m.' + provision_of, vendor)} GROUP BY l.{type_id}"
            f") c JOIN {quote(instrument.db_table)} i ON i.{quote(instrument.pk.column)} = c.id"
        )
        if vendor != "postgresql"
        # PostgreSQL: each provision's measures, and each measure's types,
        # looked up by index (LATERAL … OFFSET 0 keeps them lookups).  Left
        # to plan the join, it misjudged how many measures a few hundred
        # provisions have and read all 200k type links instead (46 ms at
        # 100k provisions, 110 ms for 1,500 measures; a few ms this way).
        else (
            f"SELECT i.{quote('key')}, i.{quote('name')}, c.n FROM ("
            f"SELECT l.id, COUNT(DISTINCT p.id) AS n "
            f"FROM unnest(CAST(%s AS bigint[])) AS p(id) "
            f"CROSS JOIN LATERAL (SELECT m.{measure_pk} AS id FROM {measures} m "
            f"WHERE m.{provision_of} = p.id OFFSET 0) m "
            f"CROSS JOIN LATERAL (SELECT l.{type_id} AS id FROM {links} l "
            f"WHERE l.{measure_id} = m.id OFFSET 0) l GROUP BY l.id"
            f") c JOIN {quote(instrument.db_table)} i ON i.{quote(instrument.pk.column)} = c.id"
        ),
    }
