"""The eligibility of a provision's subsidy rules, for the provision page
(a page of the documents app, which imports nothing of this one)."""

from django import template

from measures.extraction.eligibility.terms import PER_LABELS
from measures.matching import CONDITION_LABELS
from measures.models import Eligibility

register = template.Library()


@register.inclusion_tag("measures/_eligibility.html")
def provision_eligibility(provision):
    rows = (
        Eligibility.objects.filter(subsidy__provision=provision)
        .select_related("subsidy")
        .only("region", "area", "per", "terms", "subsidy__raw_text", "subsidy__start")
        .order_by("subsidy__start")
    )
    return {
        "rules": [
            {
                "id": row.subsidy_id,
                "raw_text": row.subsidy.raw_text,
                "region": row.region.replace("/", "") or "全国",
                "area": row.area,
                "per": PER_LABELS.get(row.per, ""),
                "terms": [
                    {**term, "kind_label": CONDITION_LABELS.get(term["kind"], term["kind"])}
                    for term in row.terms
                    if term["kind"] not in ("place", "per")
                ],
            }
            for row in rows
        ]
    }
