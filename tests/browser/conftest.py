"""Chromium (Debian's, never a downloaded build) against pytest-django's
live_server.

``live_server`` runs each test in ``transactional_db``, which flushes every
table afterwards, so the corpus the session loaded is gone after the first
browser test.  ``live_corpus`` ingests it again when it is missing, and the
module-scoped ``restore_corpus`` (tests/conftest.py) puts it back once the
module is done, so the tests that follow still read it.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ingest_if_missing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"



def pytest_collection_modifyitems(config, items):
    reason = None
    if not os.path.exists(CHROMIUM):
        reason = (
            f"{CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-microhei "
            "(.ci/run does this)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (requirements-dev.txt)"
    if reason:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright():
    """Django refuses ORM calls from a thread with a running event loop,
    which is what playwright's sync API leaves in the test thread.

    Set for these tests only and restored after: left in os.environ it
    would reach subprocesses of later tests (``manage.py check --deploy``
    rightly fails with it set).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_corpus(restore_corpus, live_server):
    ingest_if_missing()
    return live_server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Console errors and uncaught exceptions of a page, with where they happened."""

    def watch(self, page):
        page.on(
            "console",
            lambda m: m.type == "error" and self.append(f"{page.url}: {m.text}"),
        )
        page.on("pageerror", lambda e: self.append(f"{page.url}: {e}"))


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.console_errors = ConsoleErrors()
    page.console_errors.watch(page)
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts():
    shots = ARTIFACTS / "screenshots"
    if shots.exists():
        shutil.rmtree(shots)
    shots.mkdir(parents=True)
    return shots
