"""The search page's hits and facets built in Python (documents/search/markup.py)
are the markup the template's loops wrote, to the byte; and ``{% route %}``
and ``{% asset %}`` give what ``{% url %}`` and ``{% static %}`` give."""

from html import escape
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from documents.models import Document, Provision
from documents.search import markup
from documents.search.engine import Hit, HitContext, search
from documents.search.snippets import snippet

from .relevance import QUERIES

pytestmark = pytest.mark.usefixtures("corpus")

# The template's loops as they were, the reference.
HITS_LOOP = Template(
    """{% load validity %}{% for hit in result.hits %}
      <li class="search-hit{% if hit.tier == 'partial' %} search-hit-partial{% endif %}">
        <article>
          <header>
            <a class="hit-title" href="{{ hit.provision.get_absolute_url }}">{{ hit.provision.document.display_title }}</a> {% validity_badge hit.provision.document %}
            <p class="meta">{{ hit.provision.path_display }}{% if hit.tier == "partial" %} <span class="tier-tag">部分匹配</span>{% endif %}</p>
          </header>
          <p class="snippet">{{ hit.snippet }}</p>
          <p class="meta why">匹配：{% for r in hit.reasons %}“{{ r.matched }}”{% if r.synonym %}（“{{ r.term }}”的同义词）{% elif r.phrase %}（精确短语）{% endif %}{% if not forloop.last %}、{% endif %}{% empty %}子串匹配{% endfor %}</p>
          {% if hit.unmatched %}<p class="meta unmatched">未匹配：{% for word in hit.unmatched %}“{{ word }}”{% if not forloop.last %}、{% endif %}{% endfor %}</p>{% endif %}
          <details><summary>条款全文</summary><p>{{ hit.provision.text|linebreaksbr }}</p></details>
        </article>
      </li>
    {% endfor %}"""  # noqa: E501
)
FACETS_LOOP = Template(
    """{% for facet in facet_panel %}
      <details class="facet" open>
        <summary>{{ facet.label }}</summary>
        {# The most frequent values; a long list (themes) keeps the rest behind "更多". #}
        <ul>
          {{ facet.top }}
        </ul>
        {% if facet.more_values %}
        <details class="facet-more">
          <summary>更多{{ facet.label }}（{{ facet.more_values }}）</summary>
          <ul>
            {{ facet.more }}
          </ul>
        </details>
        {% endif %}
      </details>
      {% endfor %}"""
)


def facet_panel_as_it_was(facets, base_query):
    """The view's list of facets for the loop above, as it was."""
    panel = []
    for name, facet in facets.items():
        values = facet["values"]
        if not values:
            continue
        prefix = f"?{base_query}&{name}="

        def items(part, prefix=prefix):
            return mark_safe(  # noqa: S308 - escaped here
                "\n".join(
                    f'<li><a href="{escape(prefix + quote(str(v["value"])))}">'
                    f'{escape(str(v["label"]))}</a> <span class="count">{v["count"]}</span></li>'
                    for v in part
                    if v["count"]
                )
            )

        top = markup.FACET_TOP
        panel.append(
            {
                "label": facet["label"],
                "top": items(values[:top]),
                "more": items(values[top:]),
                "more_values": max(0, len(values) - top),
            }
        )
    return panel


def hits_as_they_were(result):
    return HITS_LOOP.render(Context({"result": result}))


RAWS = [q["query"] for q in QUERIES][:30] + [
    "技术经纪人 培训 经费",  # partial matches, with what they lack
    "高企",  # a synonym
    '"科技成果转化"',  # a phrase
    "科技 -创新",
]


@pytest.mark.parametrize("raw", RAWS)
def test_hits_are_the_template_loops_markup(raw):
    for page_size in (10, 50):
        result = search(raw, page_size=page_size)
        assert markup.hit_items(result.hits, HitContext(result.kept)) == hits_as_they_were(result)


def test_partial_hits_and_every_reason_kind_are_covered():
    hits = [h for raw in RAWS for h in search(raw, page_size=50).hits]
    assert any(h.tier == "partial" and h.unmatched for h in hits)
    assert any(r["synonym"] for h in hits for r in h.reasons)
    assert any(r["phrase"] for h in hits for r in h.reasons)


def test_a_text_with_markup_characters_and_line_breaks():
    provision = Provision.objects.filter(parent__isnull=False).first()
    provision.text = 'a < b & "c" \'d\'\r\nline\rline\n<script>x</script>'
    provision.heading = "<b>标题 & 副题</b>"
    query = search("科技").query
    html, spans = snippet(query, f"{provision.heading} {provision.text}")
    hits = [
        Hit(provision, 1.0, html, spans, [{"term": "<x>", "matched": "&y", "synonym": True, "phrase": False}]),
        Hit(provision, 1.0, html, spans, [], tier="partial", unmatched=["<z>", "w&"]),
        Hit(provision, 1.0, html, spans, [{"term": "t", "matched": "'m'", "synonym": False, "phrase": True}]),
    ]
    result = type("Result", (), {"hits": hits})()
    assert markup.hit_items(hits, HitContext()) == hits_as_they_were(result)


@pytest.mark.parametrize("raw", RAWS[:12])
@pytest.mark.parametrize("base_query", ["q=x", "q=%E7%A7%91&exact=1", 'q=a&theme=<"b">'])
def test_facets_are_the_template_loops_markup(raw, base_query):
    facets = search(raw).facets
    expected = FACETS_LOOP.render(
        Context({"facet_panel": facet_panel_as_it_was(facets, base_query)})
    )
    assert markup.facet_panel(facets, base_query) == expected


def test_facet_values_needing_quoting_and_escaping():
    facets = {
        "doc_type": {
            "label": "文件<类型>",
            "values": [
                {"value": "方案", "label": "方案 & 计划", "count": 3},
                {"value": 'a b/c?d="e"', "label": "<x>", "count": 2},
                {"value": "plain-value_1.2~3", "label": "y", "count": 1},
                {"value": "zero", "label": "z", "count": 0},
            ]
            * 3,
        },
        "empty": {"label": "空", "values": []},
    }
    expected = FACETS_LOOP.render(Context({"facet_panel": facet_panel_as_it_was(facets, "q=1")}))
    assert markup.facet_panel(facets, "q=1") == expected


def test_provision_urls_are_reverses():
    context = HitContext()
    for provision in Provision.objects.select_related("document"):
        assert context.url(provision) == provision.get_absolute_url()


def test_a_key_that_needs_quoting_goes_through_reverse():
    provision = Provision.objects.select_related("document").first()
    provision.key = "第1条（二）"
    assert HitContext().url(provision) == provision.get_absolute_url()
    assert "%E7%AC%AC1" in HitContext().url(provision)


def test_document_fields_are_the_models():
    context = HitContext()
    for document in Document.objects.all():
        fields = context.document_fields(document)
        assert fields["document_status"] == document.validity_status
        assert fields["document_title"] == document.display_title


def test_route_and_asset_are_url_and_static():
    names = ["home", "theme-list", "compare", "measure-list", "search"]
    paths = ["favicon.svg", "css/site.css", "js/site.js"]
    ours = Template(
        "{% load site_links %}"
        + "".join(f"{{% route '{n}' %}}|" for n in names)
        + "".join(f"{{% asset '{p}' %}}|" for p in paths)
    )
    django = Template(
        "{% load static %}"
        + "".join(f"{{% url '{n}' %}}|" for n in names)
        + "".join(f"{{% static '{p}' %}}|" for p in paths)
    )
    for _ in range(2):  # the second time from what was kept
        assert ours.render(Context()) == django.render(Context())


def test_route_follows_the_script_prefix():
    from django.urls import set_script_prefix

    template = Template("{% load site_links %}{% route 'search' %}")
    try:
        set_script_prefix("/kb/")
        assert template.render(Context()) == "/kb/search/"
    finally:
        set_script_prefix("/")
    assert template.render(Context()) == "/search/"
