"""A curator uploads three files (a .txt, a .docx and a printed .pdf) in the
admin, in a real Chromium, watches the jobs finish and opens the document.

The worker is the database backend's, run in this test's thread between two
looks at the jobs page (tests/queue.py): the live server shares this
thread's connection to the in-memory SQLite database, so the browser is
sent to a blank page while the worker writes.  Screenshots of the upload
and jobs pages at 1366 and 390 px go to ``test-artifacts/screenshots/``.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.queue import run_db_worker
from tests.readers import formats

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENRE = Path(__file__).resolve().parents[2] / "tests" / "data" / "genre"
WIDTHS = {"desktop": 1366, "phone": 390}
PASSWORD = "upload-test-password-1"


@pytest.fixture
def files(tmp_path):
    """The three files, made by the format helpers of tests/readers."""
    text = tmp_path / "plan_songjiang_14th.txt"
    text.write_bytes((GENRE / "plan_songjiang_14th.txt").read_bytes())
    word = tmp_path / "松江区科技成果转化条例.docx"
    word.write_bytes(formats.word_docx(formats.paragraphs(GENRE / "regulation_songjiang_transfer.txt")))
    printed = tmp_path / "reply_songjiang_cppcc86.pdf"
    printed.write_bytes(formats.printed_pdf(formats.paragraphs(GENRE / "reply_songjiang_cppcc86.txt")))
    return [text, word, printed]


@pytest.fixture
def curator_login(groups):
    user = User.objects.create_user("uploader", password=PASSWORD, is_staff=True)
    user.groups.add(groups["curator"])
    return user


def log_in(page, server, next_path):
    page.goto(f"{server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", "uploader")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def leave_for_worker(page):
    """Send the browser to a blank page once its last request is answered:
    the live server shares this thread's database connection, so no request
    may still be served while the worker writes."""
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    ) <= 1


def rows(page):
    return page.locator("#result_list tbody tr")


def test_upload_three_files_watch_them_finish_open_the_document(
    restore_corpus, live_server, page, artifacts, curator_login, files
):
    upload_path = "/admin/policybase/uploadjob/add/"
    log_in(page, live_server, upload_path)
    expect(page.locator("h1")).to_contain_text("上传政策文件")
    drop = page.locator("label.upload-drop")
    expect(drop).to_be_visible()
    box = drop.bounding_box()
    assert box["height"] >= 100  # a drop zone, not a bare input
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"upload-{name}.png"), full_page=True)
        assert no_sideways_scroll(page), f"upload page scrolls sideways at {width} px"
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    page.set_input_files("input[type=file]", [str(f) for f in files])
    page.click("input[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/policybase/uploadjob/$"))
    expect(page.locator(".messagelist")).to_contain_text("3 个文件已排队")
    expect(rows(page)).to_have_count(3)
    expect(page.locator(".job-status.job-queued")).to_have_count(3)
    # While anything waits, the page reloads itself, unless paused.
    expect(page.locator("#jobs-refresh-state")).to_contain_text("每 3 秒自动刷新")
    page.wait_for_event("load", timeout=10_000)
    page.click("#jobs-pause")
    expect(page.locator("#jobs-refresh-state")).to_contain_text("自动刷新已暂停")
    page.evaluate("window.notReloaded = true")
    page.wait_for_timeout(4_000)
    assert page.evaluate("window.notReloaded === true")
    page.click("#jobs-pause")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"jobs-queued-{name}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    # The worker takes one job, and the page shows it done, the rest waiting.
    jobs_url = page.url
    leave_for_worker(page)
    run_db_worker(max_tasks=1)
    page.goto(jobs_url)
    expect(page.locator(".job-status.job-done")).to_have_count(1)
    expect(page.locator(".job-status.job-queued")).to_have_count(2)
    assert page.locator("#jobs-legend[data-refresh]").count() == 1

    leave_for_worker(page)
    run_db_worker()
    page.goto(jobs_url)
    expect(page.locator(".job-status.job-done")).to_have_count(3)
    expect(page.locator(".job-status")).to_have_text(["新建 (created)"] * 3)
    assert page.locator("#jobs-legend[data-refresh]").count() == 0
    expect(page.locator("#jobs-legend")).to_contain_text("没有排队或处理中的任务")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"jobs-done-{name}.png"), full_page=True)
        assert no_sideways_scroll(page), f"jobs page scrolls sideways at {width} px"
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    # Open the document the PDF became, and download its original.
    row = rows(page).filter(has_text="reply_songjiang_cppcc86.pdf")
    row.locator("a.job-document").click()
    expect(page.locator("h1")).to_contain_text("答复")
    expect(page.locator(".provision").first).to_be_visible()
    with page.expect_download() as download:
        page.click("text=下载原件")
    assert download.value.suggested_filename == "reply_songjiang_cppcc86.pdf"
    assert Path(download.value.path()).read_bytes() == files[2].read_bytes()
    assert page.console_errors == []


def test_a_curator_checks_the_metadata_read_then_publishes(
    restore_corpus, live_server, page, artifacts, curator_login, tmp_path, settings
):
    """With confirmation on (the default), the file is read, the curator
    corrects a title on the confirmation page and confirms; the notice and
    the policy it issues are written, the policy under its corrected title."""
    settings.UPLOAD_CONFIRMATION = True
    notice = tmp_path / "北湖区支持措施.docx"
    notice.write_bytes(formats.word_docx(formats.paragraphs(GENRE / "subsidy_songjiang_beihu.txt")))
    log_in(page, live_server, "/admin/policybase/uploadjob/add/")
    page.set_input_files("input[type=file]", [str(notice)])
    page.click("input[type=submit]")
    jobs_url = page.url
    leave_for_worker(page)
    run_db_worker()
    page.goto(jobs_url)
    expect(page.locator(".job-status.job-awaiting")).to_have_count(1)
    expect(page.locator("#jobs-legend")).to_contain_text("1 个文件待核对元数据")
    page.click("a.job-confirm")
    expect(page.locator("h1")).to_contain_text("核对元数据")
    expect(page.locator("fieldset.confirm-document")).to_have_count(2)  # the notice, the policy
    expect(page.locator(".confirm-source").first).to_contain_text("原文")
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"confirm-{name}.png"), full_page=True)
        assert no_sideways_scroll(page), f"confirmation page scrolls sideways at {width} px"
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    page.fill("input[name='1-title']", "北湖区促进科技型企业高质量发展的若干支持措施")
    page.click("input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("已确认")
    leave_for_worker(page)
    run_db_worker()
    page.goto(jobs_url)
    expect(page.locator(".job-status.job-done")).to_have_count(1)
    page.locator(".job-part a").first.click()
    expect(page.locator("h1")).to_contain_text("北湖区促进科技型企业高质量发展的若干支持措施")
    expect(page.locator(".doc-meta")).to_contain_text("印发通知")
    page.screenshot(path=str(artifacts / "confirmed-policy-desktop.png"), full_page=True)
    assert page.console_errors == []
