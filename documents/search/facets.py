"""Facet counts over the matched provisions.

Counted by ``facet_table`` in memory once the data version has settled;
until then (and on a connection that has written) by three statements of
plain SQL built once per process (the ORM's building of these queries cost
more CPU than the database spent on them): one ``GROUP BY document`` that
also counts the provisions holding a subsidy or a target (the document,
type and year facets and the two yes/no facets are sums of its rows,
grouped in Python over the few documents), and one each for the two
to-many facets (themes, instrument types), which count distinct
provisions.  The documents' names come from ``shared.documents``: kept for
the data version, or one more statement.
"""

from functools import cache
from operator import itemgetter

from django.db import connection

from documents.models import DocumentType, Provision

from . import facet_table, rows, shared
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
HOLD_NAMES = frozenset(name for name, _ in HOLDS)
# The document types' labels (translated when shown).
DOC_TYPES = dict(DocumentType.choices)


def facet_counts(provision_ids, kept=None) -> dict[str, dict]:
    """For each facet, ``{label, values: [{value, label, count}]}``, most
    frequent first.  Counts distinct provisions, so a provision with two
    measures of the same instrument type counts once.  ``kept``: what
    ``shared.kept`` keeps for this data version (the documents' names, and
    once the version has settled the counts' ``facet_table``)."""
    ids = list(provision_ids)
    table = facet_table.table(connection, kept) if ids and kept is not None else None
    counted = table.counts(ids) if table is not None else None
    per_document, held, related = counted or sql_counts(ids)
    values = {name: {} for name, _ in FACETS}
    labels = {name: {} for name, _ in FACETS}
    documents = shared.documents(connection, set(per_document), kept, rows.NAMES)
    for document_id, count in per_document.items():
        document = documents[document_id]
        _add(values["document"], document.key, count)
        labels["document"][document.key] = document.display_title
        if document.doc_type:
            _add(values["doc_type"], document.doc_type, count)
            labels["doc_type"][document.doc_type] = DOC_TYPES.get(document.doc_type, document.doc_type)
        if document.year:
            _add(values["year"], document.year, count)
    total = sum(per_document.values())
    for (name, _), count in zip(HOLDS, held, strict=True):
        values[name] = {"true": count, "false": total - count}

    for name, found in related.items():
        for value, label, count in found:
            if value not in ("", None):
                _add(values[name], value, count)
                labels[name][value] = label

    facets = {}
    for name, label in FACETS:
        counts = values[name]
        if name in HOLD_NAMES:
            listed = [
                {"value": value, "label": text, "count": counts.get(value, 0)}
                for value, text in (("true", "是"), ("false", "否"))
            ]
        else:
            # Most frequent first, then by value: sorted by value, then
            # (stably) by count.
            ordered = sorted(counts.items())
            ordered.sort(key=itemgetter(1), reverse=True)
            names = labels[name]
            listed = [
                {"value": value, "label": str(names.get(value, value)), "count": count}
                for value, count in ordered
            ]
        facets[name] = {"label": label, "values": listed}
    return facets


def _add(counts, value, count):
    counts[value] = counts.get(value, 0) + count


def sql_counts(ids):
    """(matches per document id, how many hold a subsidy and a target, each
    to-many facet's ``(value, label, count)`` rows) of the provisions of
    ``ids``, by the statements below."""
    per_document, held, related = {}, [0] * len(HOLDS), {"theme": [], "instrument": []}
    if ids:
        statements = _statements(connection.vendor)
        param = [ids_param(ids, connection.vendor)]
        with connection.cursor() as cursor:
            cursor.execute(statements["document"], param)
            for document_id, count, *holding in cursor.fetchall():
                per_document[document_id] = count
                held = [a + b for a, b in zip(held, holding, strict=True)]
            for name in related:
                cursor.execute(statements[name], param)
                related[name] = cursor.fetchall()
    return per_document, held, related


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
