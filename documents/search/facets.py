"""Facet counts over the matched provisions."""

from django.db.models import Count

from documents.models import Document, DocumentType, Provision

FACETS = (
    # (name, label, ORM path of the value, ORM path of its display name)
    ("document", "文件", "document__key", "document__title"),
    ("doc_type", "文件类型", "document__doc_type", None),
    ("theme", "主题", "themes__slug", "themes__name"),
    ("year", "发布年份", "document__issued_on__year", None),
    ("instrument", "政策工具", "measures__instrument_types__key", "measures__instrument_types__name"),
)


def facet_counts(provision_ids) -> dict[str, list[dict]]:
    """For each facet, ``[{value, label, count}]``, most frequent first.

    Counts distinct provisions, so a provision with two measures of the same
    instrument type counts once.
    """
    ids = list(provision_ids)
    matched = Provision.objects.filter(pk__in=ids)
    facets = {}
    doc_types = dict(DocumentType.choices)
    for name, label, path, label_path in FACETS:
        fields = [path, label_path] if label_path else [path]
        # No exclude(path__isnull) here: across a to-many relation it would drop
        # a provision that has any measure without an instrument type.
        rows = (
            matched.values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", path)
        )
        facets[name] = {
            "label": label,
            "values": [
                {
                    "value": row[path],
                    "label": str(
                        row.get(label_path)
                        or (doc_types.get(row[path], row[path]) if name == "doc_type" else row[path])
                    ),
                    "count": row["count"],
                }
                for row in rows
                if row[path] not in ("", None)
            ],
        }
    # A document whose title was lost in the source shows its display title
    # (〔标题缺失〕 + subject), as everywhere else on the site.
    keys = [v["value"] for v in facets["document"]["values"]]
    titles = {d.key: d.display_title for d in Document.objects.filter(key__in=keys)}
    for v in facets["document"]["values"]:
        v["label"] = titles.get(v["value"], v["label"])
    for name, label, relation in (
        ("has_subsidy", "含资金支持", "subsidies"),
        ("has_target", "含目标指标", "targets"),
    ):
        with_fact = matched.filter(**{f"{relation}__isnull": False}).distinct().count()
        facets[name] = {
            "label": label,
            "values": [
                {"value": "true", "label": "是", "count": with_fact},
                {"value": "false", "label": "否", "count": len(ids) - with_fact},
            ],
        }
    return facets
