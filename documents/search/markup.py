"""The search page's repeated markup, built in Python: the facets' values and
the hits.

A page lists up to a hundred facet values and ten hits or more; in
template loops (``{% for %}``, a variable lookup for each attribute, a
filter call for each value) they cost the template engine some 3 ms a page
for the values and as much again for the hits, most of a page's rendering.
Built here, the markup is the template's to the byte, escaped as the
template escapes (Django's ``escape`` is ``html.escape``);
tests/search/test_markup.py renders both ways and compares.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from documents.templatetags.validity import validity_badge

# Values a facet lists before "更多" (more).
FACET_TOP = 8


def facet_panel(facets, base_query):
    """The facets as the page's panel lists them, each a ``<details>`` (the
    template's loop wrote them so, whitespace included): those with values,
    their counted values as ``<li>`` items, each linking to this search
    (``base_query``) with the value as a filter; the first ``FACET_TOP``
    values apart from the rest, which sit behind "更多" with how many
    values that part has, counted or not."""
    out = []
    for name, facet in facets.items():
        values = facet["values"]
        if not values:
            continue
        # Each value's link: escaping the prefix and the quoted value apart
        # is escaping them joined (``escape`` replaces single characters).
        prefix = escape(f"?{base_query}&{name}=")
        label = escape(str(facet["label"]))
        more = len(values) - FACET_TOP
        out.append(
            f'\n      <details class="facet" open>\n'
            f"        <summary>{label}</summary>\n"
            f"        \n"
            f"        <ul>\n"
            f"          {_items(values[:FACET_TOP], prefix)}\n"
            f"        </ul>\n"
            f"        "
        )
        if more > 0:
            out.append(
                f'\n        <details class="facet-more">\n'
                f"          <summary>更多{label}（{escape(str(localize(more)))}）</summary>\n"
                f"          <ul>\n"
                f"            {_items(values[FACET_TOP:], prefix)}\n"
                f"          </ul>\n"
                f"        </details>\n"
                f"        "
            )
        out.append("\n      </details>\n      ")
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped here


# A value of these characters is its own URL quoting (``quote``'s safe set).
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")


def _items(part, prefix) -> str:
    # format_html cost as much again as the rest.
    return "\n".join(
        f'<li><a href="{prefix}{escape(_quoted(str(v["value"])))}">'
        f'{escape(str(v["label"]))}</a> <span class="count">{v["count"]}</span></li>'
        for v in part
        if v["count"]
    )


def _quoted(value: str) -> str:
    return value if _UNQUOTED.fullmatch(value) else quote(value)


_TIER_TAG = ' <span class="tier-tag">部分匹配</span>'
# What the ``linebreaksbr`` filter turns into a line break.
_NEWLINES = re.compile(r"\r\n|\r")


def _reasons(reasons) -> str:
    """匹配：“…”（“…”的同义词）、“…”, or 子串匹配 when none."""
    if not reasons:
        return "子串匹配"
    parts = []
    for r in reasons:
        part = f"“{escape(str(r['matched']))}”"
        if r["synonym"]:
            part += f"（“{escape(str(r['term']))}”的同义词）"
        elif r["phrase"]:
            part += "（精确短语）"
        parts.append(part)
    return "、".join(parts)


def hit_items(hits, context):
    """The ``<li>`` of each hit, as the template wrote them (the whitespace
    of its loop included); ``context``: the page's ``engine.HitContext``."""
    # A document's badge (its status today, its period, in this language)
    # is kept with the data version for the day.
    badges = {} if context.kept is None else context.kept.setdefault("badges", {})
    language = get_language()
    out = []
    for hit in hits:
        p = hit.provision
        document = p.document
        key = (document.pk, context.today, language)
        badge = badges.get(key)
        if badge is None:
            badge = badges[key] = validity_badge(document, context.today)
        partial = hit.tier == "partial"
        unmatched = (
            '<p class="meta unmatched">未匹配：'
            + "、".join(f"“{escape(str(word))}”" for word in hit.unmatched)
            + "</p>"
            if hit.unmatched
            else ""
        )
        text = escape(_NEWLINES.sub("\n", str(p.text))).replace("\n", "<br>")
        out.append(
            f'\n      <li class="search-hit{" search-hit-partial" if partial else ""}">\n'
            f"        <article>\n"
            f"          <header>\n"
            f'            <a class="hit-title" href="{escape(context.url(p))}">'
            f"{escape(str(document.display_title))}</a> {badge}\n"
            f'            <p class="meta">{escape(str(p.path_display))}'
            f"{_TIER_TAG if partial else ''}</p>\n"
            f"          </header>\n"
            f'          <p class="snippet">{conditional_escape(hit.snippet)}</p>\n'
            f'          <p class="meta why">匹配：{_reasons(hit.reasons)}</p>\n'
            f"          {unmatched}\n"
            f"          <details><summary>条款全文</summary><p>{text}</p></details>\n"
            f"        </article>\n"
            f"      </li>\n"
            f"    "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped here
