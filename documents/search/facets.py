"""Facet counts over the matched provisions.

Four queries, whatever the number of facets: one ``GROUP BY document``
that also counts the provisions holding a subsidy or a target (the
document, type and year facets and the two yes/no facets are sums of its
rows, grouped in Python over the few documents), one query for the
documents' names, and one each for the two to-many facets (themes,
instrument types), which must count distinct provisions.
"""

from collections import Counter

from django.db.models import Count, Exists, OuterRef

from documents.models import Document, DocumentType, Provision

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
# To-many facets: (name, ORM path of the value, ORM path of its display name).
RELATED = (
    ("theme", "themes__slug", "themes__name"),
    ("instrument", "measures__instrument_types__key", "measures__instrument_types__name"),
)
# Yes/no facets: (name, reverse relation from Provision).  The related models
# belong to other apps, which this app does not import; the relation knows them.
HOLDS = (("has_subsidy", "subsidies"), ("has_target", "targets"))


def facet_counts(provision_ids) -> dict[str, dict]:
    """For each facet, ``{label, values: [{value, label, count}]}``, most
    frequent first.  Counts distinct provisions, so a provision with two
    measures of the same instrument type counts once."""
    ids = list(provision_ids)
    matched = Provision.objects.filter(pk__in=ids)
    values = {name: Counter() for name, _ in FACETS}
    labels = {name: {} for name, _ in FACETS}

    holds = {
        name: Count("pk", filter=Exists(_related(relation).objects.filter(provision=OuterRef("pk"))))
        for name, relation in HOLDS
    }
    per_document = list(
        matched.order_by().values("document_id").annotate(count=Count("pk"), **holds)
    )
    documents = Document.objects.only(
        "key", "title", "subject", "source_name", "doc_type", "issued_on"
    ).in_bulk([row["document_id"] for row in per_document])
    doc_types = dict(DocumentType.choices)
    for row in per_document:
        document = documents[row["document_id"]]
        count = row["count"]
        values["document"][document.key] += count
        labels["document"][document.key] = document.display_title
        if document.doc_type:
            values["doc_type"][document.doc_type] += count
            labels["doc_type"][document.doc_type] = doc_types.get(document.doc_type, document.doc_type)
        if document.year:
            values["year"][document.year] += count
        for name, _ in HOLDS:
            values[name]["true"] += row[name]
            values[name]["false"] += count - row[name]

    for name, path, label_path in RELATED:
        # No exclude(path__isnull) here: across a to-many relation it would drop
        # a provision that has any measure without an instrument type.
        for row in matched.order_by().values(path, label_path).annotate(
            count=Count("pk", distinct=True)
        ):
            if row[path] not in ("", None):
                values[name][row[path]] += row["count"]
                labels[name][row[path]] = row[label_path]

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
