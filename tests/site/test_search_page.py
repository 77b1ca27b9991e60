"""The search page's template and links: what a hit says about its match, the
match-mode links, the empty page, and the parameters every link carries.

The ranking tiers (``hit.tier``, ``hit.unmatched``, ``result.relaxed``, …)
are given by a stand-in for the engine, so the page is checked on its own;
the links are also checked against the real engine.
"""

import html
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from documents.models import Document
from documents.search import views

from .test_pages import text_of

pytestmark = pytest.mark.django_db


def fake_hit(n, tier="full", reasons=(), unmatched=()):
    provision = SimpleNamespace(
        key=f"p{n}",  # the page links to /documents/doc/p{n}/
        get_absolute_url=lambda: f"/documents/doc/p{n}/",
        # Unsaved: what the page reads of a document (key, title, validity).
        document=Document(key="doc", title=f"文件{n}"),
        path_display=f"第{n}段",
        text=f"条款{n}全文",
    )
    return SimpleNamespace(
        provision=provision,
        snippet=f"摘要{n}",
        tier=tier,
        reasons=list(reasons),
        unmatched=list(unmatched),
    )


def fake_result(hits=(), **extra):
    hits = list(hits)
    fields = {
        "query": SimpleNamespace(is_empty=False),
        "notices": [],
        "hits": hits,
        "total": len(hits),
        "total_is_lower_bound": False,
        "facets": {
            "doc_type": {
                "label": "文件类型",
                "values": [{"value": "plan", "label": "规划", "count": len(hits)}],
            }
        },
        "page": 1,
        "pages": 1,
        "start": 1,
        "exact_only": False,
        "relaxed": False,
        "full_total": len(hits),
        "suggestions": [],
        "kept": None,  # nothing kept for a data version
    }
    fields.update(extra)
    return SimpleNamespace(**fields)


@pytest.fixture
def engine_gives(monkeypatch):
    """Make the search page render this result, whatever it is asked."""

    def give(result):
        monkeypatch.setattr(views, "search", lambda *args, **kwargs: result)

    return give


def links(page_html):
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page_html)]


def params_of(link):
    return parse_qs(urlsplit(link).query)


PATENT = {"term": "专利", "matched": "专利", "synonym": False, "phrase": False}
GRANT = {"term": "资助", "matched": "补助", "synonym": True, "phrase": False}


def test_hits_say_what_matched_and_partial_ones_what_did_not(client, engine_gives):
    engine_gives(
        fake_result(
            [
                fake_hit(1, reasons=[PATENT, GRANT]),
                fake_hit(2, tier="partial", reasons=[PATENT], unmatched=["技术交易"]),
            ],
            relaxed=True,
            full_total=1,
        )
    )
    response = client.get("/search/", {"q": "专利 资助 技术交易", "doc_type": "plan"})
    page = response.content.decode()
    text = text_of(response)
    assert "匹配：“专利”、“补助”（“资助”的同义词）" in text
    assert "未匹配：“技术交易”" in text
    assert page.count('class="search-hit search-hit-partial"') == 1
    assert page.count('class="tier-tag"') == 1  # the partial hit only
    assert "完全匹配 1 条，其余为部分匹配" in text
    [exact_link] = [h for h in links(page) if "exact=1" in h]
    assert params_of(exact_link) == {
        "q": ["专利 资助 技术交易"],
        "doc_type": ["plan"],
        "exact": ["1"],
    }
    assert "显示部分匹配" not in text


def test_relaxed_with_no_full_match_offers_no_empty_exact_view(client, engine_gives):
    engine_gives(
        fake_result(
            [fake_hit(1, tier="partial", reasons=[PATENT], unmatched=["技术交易"])],
            relaxed=True,
            full_total=0,
        )
    )
    text = text_of(client.get("/search/", {"q": "专利 技术交易"}))
    assert "没有条款同时匹配全部检索词" in text
    assert "只看完全匹配" not in text


def test_exact_only_links_back_and_is_carried_everywhere(client, engine_gives):
    engine_gives(
        fake_result([fake_hit(1, reasons=[PATENT])], exact_only=True, page=1, pages=3)
    )
    response = client.get(
        "/search/", {"q": "专利", "exact": "1", "doc_type": "plan", "page": "1"}
    )
    page = response.content.decode()
    assert "只显示完全匹配的条款" in text_of(response)
    by_text = {
        html.unescape(text): html.unescape(href)
        for href, text in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>([^<]+)</a>', page)
    }
    # Back to partial matches: everything but the mode and the page.
    assert params_of(by_text["显示部分匹配"]) == {"q": ["专利"], "doc_type": ["plan"]}
    # Pages and facets keep the mode.
    assert params_of(by_text["下一页"])["exact"] == ["1"]
    assert params_of(by_text["下一页"])["page"] == ["2"]
    assert params_of(by_text["规划"])["exact"] == ["1"]
    # Clearing the filters keeps the words and the mode.
    assert params_of(by_text["清除全部筛选"]) == {"q": ["专利"], "exact": ["1"]}
    # A new search from the box keeps them too; the mode is no filter.
    assert '<input type="hidden" name="exact" value="1">' in page
    assert '<input type="hidden" name="doc_type" value="plan">' in page
    assert "已选 1 项" in page


def test_no_results_explains_and_suggests(client, engine_gives):
    engine_gives(
        fake_result(
            [],
            full_total=0,
            suggestions=[
                {"query": "引力", "count": 2, "more": False},
                {"query": "量子", "count": 5, "more": True},
            ],
        )
    )
    response = client.get("/search/", {"q": "量子引力波", "theme": "transfer"})
    text = text_of(response)
    assert "没有找到与“量子引力波”匹配的条款" in text
    assert "No provisions match" in text
    suggestions = re.search(
        r'<ul class="suggestions"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    ).group(1)
    # Counted within the filters: the links keep them.
    assert links(suggestions) == [
        "?q=%E5%BC%95%E5%8A%9B&theme=transfer",
        "?q=%E9%87%8F%E5%AD%90&theme=transfer",
    ]
    assert "引力 2 条" in text
    assert "量子 5+ 条" in text
    assert "清除全部筛选" in text
    assert 'class="facets"' not in response.content.decode()  # no empty facet column


def test_real_engine_pages_and_facets_carry_exact(corpus, client):
    response = client.get("/search/", {"q": "科技", "exact": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="search"') == 1  # the header's box is not on this page
    hrefs = [h for h in links(page) if h.startswith("?")]
    paging = [h for h in hrefs if "page=" in h]
    facets = [h for h in hrefs if "doc_type=" in h]
    assert paging and facets
    for link in paging + facets:
        assert params_of(link)["exact"] == ["1"], link
        assert params_of(link)["q"] == ["科技"], link
