"""The search page's layout, measured in a real Chromium: element boxes, not
just the absence of errors.

At 1366×900 (a common office screen) the first result must start in the
first screen and the facets stand beside the results; at 390×844 (a phone)
the facets wait in a closed "筛选" panel and nothing is squashed or scrolls
sideways.  Full-page screenshots go to ``test-artifacts/screenshots/``.
"""

import json

import pytest

from .test_site import axe_violations

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"wide": (1366, 900), "phone": (390, 844)}
FOUND = "技术转移"
NOTHING = "引力波"  # found nowhere; its part 引力 is, and is suggested
PARTIAL = "技术经纪人 引力波"  # 引力波 is found nowhere: partial hits only
MIXED = "量子 计算"  # one provision has both words, others one of them

# On a phone the first hit must begin inside the first screen (844 px): the
# header, the title, the search form and the closed filter panel take about
# 600 px, so this holds with room to spare.  The bound is the screen itself,
# not a margin beyond it: a phone user who sees no result without scrolling
# is exactly what the redesign removes.
PHONE_FIRST_HIT_MAX = 844

def box(locator):
    assert locator.count() == 1, f"{locator}: {locator.count()} elements"
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not displayed"
    return found


def open_search(page, url, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_load_state("load")
    return width, height


def check_search_form(page, width):
    """One search box, a horizontal label, a rectangular button, no sideways
    scroll."""
    assert page.locator("input[type=search]").count() == 1
    field = box(page.locator("main input[type=search]"))
    if width >= 1024:
        assert field["width"] > 200, field
    else:
        assert field["width"] > 0.6 * width, field
    button = box(page.locator("main form button[type=submit]"))
    assert button["width"] >= 56 and button["height"] >= 36, button
    assert button["width"] >= button["height"], button  # not a half-circle
    label = box(page.locator("main form label[for=search-q]"))
    assert label["width"] > label["height"], label  # reads horizontally
    assert page.locator("#search-help").is_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"horizontal overflow {overflow}px"


def check_clean(page):
    assert page.console_errors == []
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_results_come_first(live_corpus, page, artifacts, viewport):
    width, height = open_search(page, f"{live_corpus.url}/search/?q={FOUND}", viewport)
    page.screenshot(path=str(artifacts / f"search-{viewport}.png"), full_page=True)
    check_search_form(page, width)

    first_hit = box(page.locator("li.search-hit").first)
    results = box(page.locator("section.results"))
    facets = box(page.locator("aside.facets"))
    panel = page.locator("details.facet-panel")
    if viewport == "wide":
        assert first_hit["y"] < height, first_hit
        # A side column: wholly left or wholly right of the results.
        beside = (
            facets["x"] >= results["x"] + results["width"]
            or facets["x"] + facets["width"] <= results["x"]
        )
        assert beside, (facets, results)
        assert panel.evaluate("d => d.open")
        # Long document titles wrap inside the column.
        assert page.locator("aside.facets").evaluate(
            "a => a.scrollWidth <= a.clientWidth"
        )
        for link in page.locator("aside.facets li a").all():
            link_box = link.bounding_box()
            assert link_box["x"] + link_box["width"] <= facets["x"] + facets["width"] + 1
    else:
        assert not panel.evaluate("d => d.open")
        assert first_hit["y"] < PHONE_FIRST_HIT_MAX, first_hit
        # The closed panel sits above the results, not between them.
        assert facets["y"] + facets["height"] <= first_hit["y"]
        page.locator("details.facet-panel > summary").click()
        assert page.locator("aside.facets li a").first.is_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"open panel: horizontal overflow {overflow}px"
        page.screenshot(
            path=str(artifacts / f"search-{viewport}-filters.png"), full_page=True
        )
        page.locator("details.facet-panel > summary").click()

    # Every hit says what it matched.
    assert page.locator("li.search-hit .why").count() == page.locator(
        "li.search-hit"
    ).count()
    check_clean(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_results_says_so(live_corpus, page, artifacts, viewport):
    width, _height = open_search(
        page, f"{live_corpus.url}/search/?q={NOTHING}", viewport
    )
    page.screenshot(path=str(artifacts / f"search-empty-{viewport}.png"), full_page=True)
    check_search_form(page, width)
    message = page.locator("section.no-results")
    assert message.is_visible()
    assert "没有找到" in message.inner_text()
    assert page.locator("li.search-hit").count() == 0
    suggestions = page.locator("ul.suggestions a")
    assert suggestions.count() >= 1
    for link in suggestions.all():
        assert link.get_attribute("href").startswith("?q=")
    suggestions.first.click()
    page.wait_for_load_state("load")
    assert page.locator("li.search-hit").count() >= 1
    check_clean(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_partial_hits_name_the_missing_words(live_corpus, page, artifacts, viewport):
    width, height = open_search(
        page, f"{live_corpus.url}/search/?q={PARTIAL}", viewport
    )
    page.screenshot(path=str(artifacts / f"search-partial-{viewport}.png"), full_page=True)
    check_search_form(page, width)
    assert "没有条款同时匹配全部检索词" in page.locator(".match-mode").inner_text()
    assert page.get_by_role("link", name="只看完全匹配").count() == 0  # it would be empty
    partial = page.locator("li.search-hit-partial")
    assert partial.count() == page.locator("li.search-hit").count() > 0
    first = partial.first
    assert first.locator(".unmatched").inner_text().startswith("未匹配：")
    assert first.locator(".why").inner_text().startswith("匹配：")
    assert first.locator(".tier-tag").is_visible()
    if viewport == "wide":
        assert box(first)["y"] < height
    check_clean(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_full_matches_first_and_only_them_on_request(live_corpus, page, viewport):
    width, _height = open_search(page, f"{live_corpus.url}/search/?q={MIXED}", viewport)
    mode = page.locator(".match-mode").inner_text()
    assert "完全匹配" in mode and "其余为部分匹配" in mode
    hits = page.locator("li.search-hit")
    tiers = [
        "partial" if "search-hit-partial" in h.get_attribute("class") else "full"
        for h in hits.all()
    ]
    assert tiers[0] == "full" and "partial" in tiers
    assert tiers == sorted(tiers)  # "full" < "partial": the full matches come first
    assert hits.first.locator(".tier-tag, .unmatched").count() == 0
    check_clean(page)

    page.get_by_role("link", name="只看完全匹配").click()
    page.wait_for_load_state("load")
    assert "exact=1" in page.url
    assert page.locator("li.search-hit").count() == tiers.count("full")
    assert page.locator("li.search-hit-partial").count() == 0
    check_search_form(page, width)
    check_clean(page)

    page.get_by_role("link", name="显示部分匹配").click()
    page.wait_for_load_state("load")
    assert "exact=" not in page.url
    assert page.locator("li.search-hit").count() == len(tiers)
