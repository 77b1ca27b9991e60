"""What a member of staff sees, in a real Chromium against the live server.

Screenshots of the main pages at desktop and phone width are written to
``test-artifacts/screenshots/``; every page is checked for console errors and
by axe-core (vendored in ``vendor/``) for serious or critical violations.
"""

import json
import re
from pathlib import Path

import pytest

# Without playwright (a bare install without requirements-dev.txt) the module
# is skipped, not failed, as it is when Debian's Chromium is missing.
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

# DJANGO_ALLOW_ASYNC_UNSAFE: set by conftest.allow_orm_beside_playwright for
# these tests only (playwright's sync API leaves an event loop in this thread).

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")

# Main pages: name → path.  Every one is screenshot, checked for console
# errors and run through axe-core.
PAGES = {
    "home": "/",
    "document": "/documents/st-development-plan-14th-fyp/",
    "provision": "/documents/st-development-plan-14th-fyp/c1.s1.para2/",
    "themes": "/themes/",
    "theme": "/themes/transfer-market/",
    "compare": "/compare/?theme=transfer-market&documents=achievement-transfer-plan-2016,st-development-plan-14th-fyp",
    "search": "/search/?q=技术经纪人",
    "subsidies": "/subsidies/",
    "measures": "/measures/",
    "targets": "/targets/",
    "figures": "/figures/",
    "indicators": "/indicators/",
    "indicator": "/indicators/rd_gdp_ratio/",
}
WIDTHS = {"desktop": 1280, "phone": 390}


def axe_violations(page):
    """Serious and critical axe-core violations of the page as it stands."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate(), unlike an injected <script>, is not subject to the
        # site's Content-Security-Policy.
        page.evaluate(AXE)
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def test_staff_journey_by_clicking(live_corpus, page):
    """home → search 技术经纪人 → a result → its document → its theme → a chart."""
    page.goto(live_corpus.url + "/")
    main = page.get_by_role("main")
    main.get_by_label("检索政策条款").fill("技术经纪人")
    main.get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"/search/\?q="))

    results = page.locator("main li a[href*='/documents/']")
    assert results.count() > 0, page.locator("main").inner_text()[:500]
    results.first.click()
    page.wait_for_load_state()
    assert "技术经纪人" in page.locator("main").inner_text()

    if "#" not in page.url and page.get_by_role("link", name="在全文中阅读").count():
        page.get_by_role("link", name="在全文中阅读").click()
    page.wait_for_url(re.compile(r"/documents/[^/]+/(\?at=[^#]*)?#"))
    anchor = page.url.split("#", 1)[1]
    provision = page.locator(f"section.provision[id='{anchor}']")
    assert "技术经纪人" in provision.inner_text()
    assert provision.evaluate("el => el.matches(':target')")

    theme_link = provision.locator("a.theme-link").first
    theme_name = theme_link.inner_text()
    theme_link.click()
    page.wait_for_url(re.compile(r"/themes/[^/]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == theme_name

    page.locator("section[aria-labelledby='indicators-h'] a").first.click()
    page.wait_for_url(re.compile(r"/indicators/[^/]+/$"))
    chart = page.locator("figure.indicator-chart svg[role='img']")
    assert chart.is_visible()
    assert chart.locator("circle.figure-point, polygon.target-point").count() >= 1
    assert page.console_errors == []


def test_fact_values_on_hover_and_keyboard_focus(live_corpus, page):
    page.goto(live_corpus.url + PAGES["provision"])
    fact = page.locator("a.fact-figure").first
    tip = page.locator("#" + fact.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    fact.hover()
    assert tip.is_visible()
    page.mouse.move(0, 0)
    page.locator("h1").click()
    # Keyboard only: tab until the fact has focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fact')"):
            break
    focused_tip = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert focused_tip and page.locator("#" + focused_tip).is_visible()
    # On a phone the tip stays on the screen.
    page.set_viewport_size({"width": 390, "height": 800})
    fact.focus()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    # The lost decimal point: 6906 printed, 690.6 shown beside it.
    assert page.locator("a.fact-figure", has_text="6906").is_visible()
    assert page.locator("ins.correction", has_text="690.6").is_visible()


def test_copy_citation_puts_title_number_and_label_on_clipboard(live_corpus, page):
    page.goto(live_corpus.url + "/documents/achievement-transfer-plan-2016/")
    button = page.locator("section.provision button.copy-cite").nth(3)
    expected = button.get_attribute("data-citation")
    assert expected.startswith("《吉林省促进科技成果转移转化实施方案》")
    button.click()
    # expect() polls without eval(), which the site's CSP forbids.
    expect(page.locator("#live-status")).to_contain_text("已复制引用")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.console_errors == []


@pytest.mark.parametrize("width_name", WIDTHS)
def test_main_pages_clean_accessible_and_screenshot(live_corpus, page, artifacts, width_name):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    problems = {}
    for name, path in PAGES.items():
        response = page.goto(live_corpus.url + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        page.screenshot(path=str(artifacts / f"{name}-{width_name}.png"), full_page=True)
        if width_name == "phone":
            # Nothing may force a sideways scroll on a phone.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 1:
                problems.setdefault(name, []).append(f"horizontal overflow {overflow}px")
        violations = axe_violations(page)
        if violations:
            problems.setdefault(name, []).append(violations)
    assert page.console_errors == []
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
