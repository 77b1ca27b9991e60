"""The 政策匹配 page in a real Chromium at an office screen and a phone.

A person types one line about the applicant, picks the day, submits, reads
the answer (how the line was read, the rule with its amount, its conditions
and its document's validity) and opens the clause.  Boxes are measured, not
only the absence of errors; full-page screenshots go to
``test-artifacts/screenshots/`` (match-*.png).
"""

import pytest

from .test_site import axe_violations

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"wide": (1366, 900), "phone": (390, 844)}
PROFILE = "四平市的一家企业，今年获得了国内发明专利授权"


def box(locator):
    found = locator.first.bounding_box()
    assert found is not None, f"{locator} is not displayed"
    return found


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_fill_the_form_read_the_answer_open_a_clause(live_corpus, page, artifacts, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_corpus.url + "/match/")
    main = page.get_by_role("main")
    main.get_by_label("一句话描述申请人").fill(PROFILE)
    main.get_by_label("日期").fill("2018-04-10")
    main.get_by_role("button", name="匹配").click()
    page.wait_for_load_state("load")
    page.screenshot(path=str(artifacts / f"match-{viewport}.png"), full_page=True)

    reading = main.locator(".match-reading")
    assert "吉林省四平市" in reading.inner_text()
    assert "获得国内发明专利授权" in reading.inner_text()
    rules = main.locator(".match-rule")
    assert rules.count() >= 1
    first = rules.first
    assert "5000元" in first.locator(".match-amount").inner_text()
    assert "现行有效" in first.inner_text()
    assert "符合" in first.locator(".match-conditions").inner_text()
    rule_box = box(first)
    assert rule_box["width"] > 0.8 * min(width, 1200) - 64, rule_box
    amount = box(first.locator(".match-amount"))
    assert amount["height"] < 60, amount  # the amount is one line, not squashed
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"horizontal overflow {overflow}px"
    assert axe_violations(page) == []

    first.get_by_role("link", name="查看条款原文").click()
    page.wait_for_load_state("load")
    assert "/documents/" in page.url and "#subsidy-" in page.url
    assert "申报条件" in page.get_by_role("main").inner_text()
    page.screenshot(path=str(artifacts / f"match-clause-{viewport}.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_unreadable_profile_gets_a_message_not_an_empty_page(
    live_corpus, page, artifacts, viewport
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_corpus.url + "/match/?profile=你好")
    alert = page.get_by_role("alert")
    assert "无法匹配" in alert.inner_text() and "Cannot read" in alert.inner_text()
    assert box(alert)["height"] > 20
    page.screenshot(path=str(artifacts / f"match-unreadable-{viewport}.png"), full_page=True)


def test_the_printed_answer_leaves_out_the_site_and_the_form(live_corpus, page, tmp_path):
    page.goto(live_corpus.url + f"/match/?profile={PROFILE}&as_of=2018-04-10")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("form.match-form").is_visible()
    assert page.locator(".match-rule").first.is_visible()
    summary = tmp_path / "match-summary.pdf"
    page.pdf(path=str(summary), format="A4")
    import pypdfium2

    assert len(pypdfium2.PdfDocument(str(summary))) == 1  # one page for the applicant
