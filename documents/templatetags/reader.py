"""Template helpers for reading provisions: facts and cross-references marked
up inside the text, numbers printed the way the documents print them, and the
citation staff paste into reports.

Every fact and cross-reference carries offsets into ``Document.text``; a
provision's own text is ``Document.text[text_start:text_end]``, so a span is
placed in the provision by subtracting ``text_start``.
"""

from decimal import Decimal
from urllib.parse import quote

from django import template
from django.utils.html import escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe

from documents.models import Provision

register = template.Library()

KIND_LABELS = {"targets": "目标", "figures": "统计数据", "subsidies": "资助规则"}
ANCHOR_PREFIX = {"targets": "target", "figures": "figure", "subsidies": "subsidy"}


@register.filter
def num(value):
    """2.0000 → 2, 690.6000 → 690.6, 1E+2 never: the figure as a reader writes it."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    text = f"{value.normalize():f}"
    return text


@register.filter(name="yuan")
def amount(value):
    """Yuan as the documents state them: 500000 → 50万元."""
    if value is None:
        return ""
    if value >= 10000 and value % 100 == 0:
        return f"{num(value / 10000)}万元"
    return f"{num(value)}元"


def comparator(fact):
    """≥, ≈ … of a target; "=" says nothing a reader needs, figures have none."""
    if not hasattr(fact, "per_year") or fact.comparator == "=":
        return ""
    return fact.get_comparator_display()


def quantity_tip(fact, kind):
    parts = [
        f"{KIND_LABELS[kind]}：{fact.indicator.name} "
        f"{comparator(fact)}"
        f"{num(fact.value)}"
        f"{'–' + num(fact.value_max) if fact.value_max is not None else ''}{fact.unit}"
    ]
    if fact.year:
        parts.append(f"{fact.year}年")
    if fact.is_corrected:
        parts.append(f"已更正，原文数值 {num(fact.raw_value)}{fact.unit}")
    if fact.review_status in ("flagged", "conflict"):
        parts.append(fact.get_review_status_display())
    return "；".join(parts)


@register.filter
def subsidy_amount(subsidy):
    if subsidy.amount_min is not None and subsidy.amount_max is not None:
        text = f"{amount(subsidy.amount_min)}–{amount(subsidy.amount_max)}"
    elif subsidy.amount_max is not None:
        text = f"最高{amount(subsidy.amount_max)}"
    elif subsidy.amount_min is not None:
        text = f"{amount(subsidy.amount_min)}"
    else:
        text = ""
    if subsidy.ratio_percent is not None:
        ratio = f"{num(subsidy.ratio_percent)}%"
        if subsidy.basis:
            ratio = f"{subsidy.basis}的{ratio}"
        text = f"{ratio}，{text}" if text else ratio
    if subsidy.cap is not None and subsidy.amount_max is None:
        text = f"{text}，上限{amount(subsidy.cap)}" if text else f"上限{amount(subsidy.cap)}"
    return text


def subsidy_tip(subsidy):
    parts = [f"资助规则：{subsidy.get_kind_display()}"]
    if subsidy.beneficiary:
        parts.append(f"对象：{subsidy.beneficiary}")
    money = subsidy_amount(subsidy)
    if money:
        parts.append(f"金额：{money}")
    return "；".join(parts)


def spans_of(provision):
    """(start, end, html-builder) of every fact and cross-reference, text order.

    Overlapping spans (a subsidy's sentence containing a target's number)
    cannot both be nested inline; the first one wins and the other stays
    listed in the provision's fact table.
    """
    spans = []
    for kind in ("targets", "figures", "subsidies"):
        for fact in getattr(provision, f"{kind}_list"):
            spans.append((fact.start, fact.end, kind, fact))
    for ref in provision.crossrefs_list:
        spans.append((ref.start, ref.end, "crossrefs", ref))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def fact_html(kind, fact, text):
    anchor = f"{ANCHOR_PREFIX[kind]}-{fact.pk}"
    tip = quantity_tip(fact, kind) if kind != "subsidies" else subsidy_tip(fact)
    html = format_html(
        '<a class="fact fact-{}" id="{}" href="#{}" aria-describedby="tip-{}">{}</a>'
        '<span class="fact-tip" role="tooltip" id="tip-{}">{}</span>',
        ANCHOR_PREFIX[kind], anchor, anchor, anchor, text, anchor, tip,
    )
    if kind != "subsidies" and fact.is_corrected:
        # The printed number stays as printed; the correction sits beside it.
        html += format_html(
            '<ins class="correction">〔更正为 {}{}〕</ins>', num(fact.value), fact.unit
        )
    return html


def crossref_html(ref, text):
    if ref.target_id:
        return format_html(
            '<a class="xref" href="{}" title="库内文件：{}">{}</a>',
            ref.target.get_absolute_url(), ref.target.display_title, text,
        )
    return format_html('<cite class="xref xref-external">{}</cite>', text)


@register.simple_tag
def marked_text(provision):
    """The provision's text with its facts and cross-references marked up."""
    text = provision.text
    base = provision.text_start
    out = []
    cursor = 0
    for start, end, kind, item in spans_of(provision):
        start, end = start - base, end - base
        if start < cursor or end > len(text) or start >= end:
            continue
        out.append(escape(text[cursor:start]))
        piece = text[start:end]
        out.append(
            crossref_html(item, piece) if kind == "crossrefs" else fact_html(kind, item, piece)
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # every piece escaped above


@register.simple_tag
def citation(document, provision):
    """《title》（文号）path: what staff paste into a report."""
    cite = f"《{document.display_title}》"
    if document.doc_number:
        cite += f"（{document.doc_number}）"
    path = provision.path_display
    return f"{cite}{path}" if path else cite


@register.filter
def fact_list(provision):
    """(kind, fact) of the provision's visible facts, text order."""
    facts = [
        (kind, fact)
        for kind in ("targets", "figures", "subsidies")
        for fact in getattr(provision, f"{kind}_list")
    ]
    return sorted(facts, key=lambda kf: kf[1].start)


@register.filter
def fact_value(fact):
    if hasattr(fact, "indicator_id"):
        value = f"{comparator(fact)}{num(fact.value)}"
        if fact.value_max is not None:
            value += f"–{num(fact.value_max)}"
        return f"{value}{fact.unit}"
    return subsidy_amount(fact)


@register.filter
def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


@register.filter
def anchor_prefix(kind):
    return ANCHOR_PREFIX.get(kind, kind)


def cached_url(render_context, obj):
    """``get_absolute_url`` once per object and page: reverse() on every
    provision's themes was a fifth of the largest page's render time."""
    cache = render_context.setdefault("reader_urls", {})
    key = (type(obj), obj.pk)
    if key not in cache:
        cache[key] = obj.get_absolute_url()
    return cache[key]


def provision_url(document_url, provision):
    # Same as reverse("provision-page"): the key quoted as reverse quotes it.
    return f"{document_url}{quote(provision.key, safe=RFC3986_SUBDELIMS + '/~:@')}/"


@register.simple_tag(takes_context=True)
def provision_block(context, document, p):
    """One provision of the reader: heading, anchor, permalink, themes,
    citation button and marked-up text.

    Built in Python rather than with an included template: the largest
    document has 191 provisions, and the include cost most of its render time.
    """
    document_url = cached_url(context.render_context, document)
    # Plain escaped f-strings: format_html's per-argument checks were the
    # largest single cost of the largest page (eight calls × 191 provisions).
    key = escape(p.key)
    heading = ""
    if p.label or (p.heading and p.text == p.heading):
        level = 2 if p.depth == 0 else 3 if p.depth == 1 else 4
        label = f'<span class="label">{escape(p.label)}</span> ' if p.label else ""
        if p.text == p.heading:
            inner = marked_text(p)
        else:
            inner = escape(p.heading) if p.kind != Provision.Kind.PARAGRAPH else ""
        heading = f'<h{level} class="provision-title">{label}{inner}</h{level}>'
    tools = ""
    if p.kind != Provision.Kind.TITLE:
        name = escape(p.path_display or p.key)
        themes = "".join(
            f'<a class="tag theme-link" href="{escape(cached_url(context.render_context, t))}">'
            f"{escape(t.name)}</a>"
            for t in p.themes_list
        )
        tools = (
            '<span class="provision-tools">'
            f'<a class="anchor" href="#{key}" aria-label="本段锚点：{name}">#</a>'
            f'<a class="permalink" href="{escape(provision_url(document_url, p))}" '
            f'aria-label="打开条款页：{name}">条款页</a>{themes}'
            '<button type="button" class="copy-cite outline secondary" '
            f'data-citation="{escape(citation(document, p))}" hidden>复制引用</button>'
            "</span>"
        )
    body = ""
    if p.text and p.text != p.heading:
        body = f'<p class="provision-text">{marked_text(p)}</p>'
    return mark_safe(  # every value above is escaped or built by marked_text
        f'<section id="{key}" class="provision depth-{p.depth} kind-{escape(p.kind)}">'
        f'<div class="provision-head">{heading}{tools}</div>{body}</section>\n'
    )
