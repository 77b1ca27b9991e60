"""The error pages as a person sees them: the site's header and navigation,
the message in Chinese and English, nothing cut off on a phone.  Screenshots
at 1366 and 390 px go to ``test-artifacts/screenshots/error-*.png``."""

import pytest

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from tests.browser.test_site import axe_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1366, "phone": 390}
ERRORS = {
    "404": ("/no-such-page/", "页面不存在", "Page not found"),
    "500": ("/boom/", "服务器出错", "Server error"),
    "400": ("/indicators/%00/", "请求无效", "Bad request"),
}


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("code", ERRORS)
def test_error_page_has_navigation_and_both_languages(
    live_server, page, settings, artifacts, code, width_name
):
    settings.ROOT_URLCONF = "tests.error_urls"  # adds /boom/, a view that fails
    path, chinese, english = ERRORS[code]
    width = WIDTHS[width_name]
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_server.url + path)
    assert response.status == int(code)
    heading = page.get_by_role("heading", level=1)
    assert chinese in heading.inner_text() and english in heading.inner_text()
    nav = page.get_by_role("navigation", name="主导航")
    assert nav.get_by_role("link", name="吉林省科技政策知识库").is_visible()
    assert page.get_by_role("link", name="返回首页 Home page").is_visible()
    assert page.get_by_role("search").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"error-{code}-{width_name}.png"), full_page=True)
    assert axe_violations(page) == []
    # The browser reports the page's own status as a console error.
    assert [e for e in page.console_errors if f"status of {code}" not in e] == []
