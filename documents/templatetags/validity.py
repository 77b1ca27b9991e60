"""The validity badge: a document's status today, beside its name on every
page that names it, and its period in words."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from documents.validity import RULE_LABELS, ValidityBasis, ValidityStatus

register = template.Library()

# What ``get_validity_basis_display()`` gives, without the model's per-call
# hashing of every (lazy) choice: a search page shows ten badges.
BASIS_LABELS = dict(ValidityBasis.choices)
STATUS_LABELS = dict(ValidityStatus.choices)


def _day(value):
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def validity_period(document):
    """"2024年3月1日起", "2024年8月1日至2025年12月31日", "至…", "有效期不明"."""
    start, end = document.valid_from, document.valid_until
    if start and end:
        return f"{_day(start)}至{_day(end)}"
    if start:
        return f"{_day(start)}起"
    if end:
        return f"至{_day(end)}"
    return "施行日期未定" if document.validity_basis == "draft" else "有效期不明"


@register.filter
def rule_label(rule):
    """The name a page gives a validity rule ("term_until" → 有效期至)."""
    return RULE_LABELS.get(rule, rule)


@register.simple_tag
def validity_badge(document, day=None):
    """The status of ``document`` on ``day`` (today), its period on hover.

    Built here, not by an included template: lists and the search page show
    one per row, and rendering a template each time cost four times this.
    The markup ends with a newline, as the template's file did."""
    status = document.status_on(day or timezone.localdate())
    basis = document.validity_basis
    return format_html(
        '<span class="validity validity-{}" title="{}（依据：{}）">{}</span>\n',
        status,
        validity_period(document),
        BASIS_LABELS.get(basis, basis),
        STATUS_LABELS[status],
    )
