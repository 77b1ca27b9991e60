"""Errors people see: the site's own 400, 403, 404 and 500 pages (Chinese
with English, the site's navigation), JSON under /api/, every 500 logged with
its traceback, and no 500 from a NUL character in a URL (issue 17)."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import loader
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from policybase import errors

ROOT = Path(__file__).resolve().parents[2]
ERROR_URLS = "tests.error_urls"
NAVIGATION = ('aria-label="主导航"', 'href="/themes/"', 'href="/search/"', 'role="search"')


def assert_site_page(response, status, *phrases):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for needle in (*NAVIGATION, *phrases):
        assert needle in html, needle
    return html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_404_is_our_page_in_chinese_and_english(client):
    response = client.get("/no-such-page/")
    html = assert_site_page(response, 404, "页面不存在", "Page not found", "/no-such-page/")
    assert "site.css" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_api_404_stays_json(client):
    response = client.get("/api/v1/documents/no-such-document/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("未找到 / Not found")


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_403_is_our_page():
    response = Client().get("/forbidden/")
    assert_site_page(response, 403, "无权访问", "Forbidden")


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_500_is_our_page_and_is_logged_with_its_traceback(caplog):
    response = Client(raise_request_exception=False).get("/boom/")
    assert_site_page(response, 500, "服务器出错", "Server error")
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR" and record.exc_info
    assert "boom: a view that fails on purpose" in str(record.exc_info[1])


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_api_500_stays_json():
    response = Client(raise_request_exception=False).get("/api/v1/boom/")
    assert response.status_code == 500
    assert response.json() == {"detail": "服务器内部错误 / Internal server error"}


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_csrf_failure_is_our_page():
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "x", "password": "y"}
    )
    assert_site_page(response, 403, "表单已失效", "The form has expired")


def test_runserver_request_lines_are_still_printed():
    # Naming "django" in LOGGING resets its child loggers; this one is set again.
    server = logging.getLogger("django.server")
    assert server.handlers and server.getEffectiveLevel() == logging.INFO


def test_500_page_renders_without_request_or_database():
    # No django_db mark: any query here would fail the test.
    html = loader.get_template("500.html").render()
    assert "服务器出错" in html and 'aria-label="主导航"' in html


def test_500_page_falls_back_to_plain_html_when_its_template_fails(monkeypatch, rf):
    def broken(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(errors.loader, "get_template", broken)
    response = errors.server_error(rf.get("/x/"))
    assert response.status_code == 500
    assert "服务器出错 / Server error" in response.content.decode()


# With production settings (DEBUG off) in a process of its own: Django's
# default logging sends a 500 nowhere but to ADMINS by mail.
FAIL_ONCE = """
import django
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.error_urls"):
    print(Client(raise_request_exception=False).get("/boom/").status_code)
"""


def run_production(tmp_path, **env):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "policybase.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", FAIL_ONCE],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=True,
    )


def assert_traceback(log):
    assert "Internal Server Error: /boom/" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: boom: a view that fails on purpose" in log


def test_production_500_is_logged_to_stderr(tmp_path):
    result = run_production(tmp_path)
    assert result.stdout.strip() == "500"
    assert_traceback(result.stderr)


def test_production_500_is_logged_to_the_configured_file(tmp_path):
    log = tmp_path / "site.log"
    result = run_production(tmp_path, DJANGO_LOG_FILE=str(log))
    assert result.stdout.strip() == "500"
    assert_traceback(log.read_text(encoding="utf-8"))
    assert "Traceback" not in result.stderr


# NUL in the URL: PostgreSQL cannot hold it in a text value, so a lookup with
# it raised (500) where SQLite found nothing (404).

def routes(resolver=None, prefix=""):
    """Every URL pattern of the site and the API, as a path with each
    argument replaced by %00 (patterns that are not plain paths skipped)."""
    for pattern in (resolver or get_resolver()).url_patterns:
        text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, text)
        elif isinstance(pattern, URLPattern):
            text = re.sub(r"<[^>]+>|\(\?P<\w+>[^)]*\)", "%00", text)
            if "%00" in text and not re.search(r"[\\()?*+\[\]]", text):
                yield "/" + text


def list_views_and_params():
    """(list URL, query parameters it reads) of every filterable list of the
    site and the API: each FilterSet's filters, and paging, sorting, format."""
    from documents.api import (
        CrossReferenceViewSet,
        DocumentViewSet,
        ProvisionViewSet,
        ThemeViewSet,
    )
    from measures.api import MeasureViewSet, SubsidyViewSet
    from measures.views import MeasureListView, SubsidyListView
    from targets.api import FigureViewSet, IndicatorViewSet, TargetViewSet
    from targets.views import FigureListView, IndicatorListView, TargetListView

    common = ["page", "page_size", "ordering", "sort", "format", "q"]
    views = {
        "/measures/": MeasureListView, "/subsidies/": SubsidyListView,
        "/targets/": TargetListView, "/figures/": FigureListView,
        "/indicators/": IndicatorListView,
        "/api/v1/documents/": DocumentViewSet, "/api/v1/provisions/": ProvisionViewSet,
        "/api/v1/themes/": ThemeViewSet, "/api/v1/cross-references/": CrossReferenceViewSet,
        "/api/v1/measures/": MeasureViewSet, "/api/v1/subsidies/": SubsidyViewSet,
        "/api/v1/indicators/": IndicatorViewSet, "/api/v1/targets/": TargetViewSet,
        "/api/v1/figures/": FigureViewSet,
    }
    for url, view in views.items():
        yield url, [*view.filterset_class.base_filters, *common]
    search = ["q", "document", "doc_type", "theme", "year", "instrument",
              "has_subsidy", "has_target", "page"]
    yield "/search/", search
    yield "/api/v1/search/", search
    yield "/compare/", ["theme", "documents"]
    yield "/documents/st-development-plan-14th-fyp/", ["page", "at"]
    yield "/", ["q"]


def test_every_route_with_an_argument_is_covered():
    paths = set(routes())
    for expected in ("/documents/%00/", "/documents/%00/%00/", "/themes/%00/",
                     "/indicators/%00/", "/api/v1/documents/%00/", "/api/v1/indicators/%00/series/"):
        assert expected in paths, sorted(paths)


@pytest.mark.parametrize("path", sorted(set(routes())))
def test_nul_in_a_path_is_refused_not_a_500(corpus, client, path):
    urls = [path]
    if path.count("%00") > 1:  # a real document, a NUL provision key
        urls.append(path.replace("%00", "st-development-plan-14th-fyp", 1))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 400, (url, response.status_code)
        if url.startswith("/api/"):
            assert response["Content-Type"] == "application/json", url


@pytest.mark.parametrize(("url", "params"), list(list_views_and_params()))
def test_nul_in_a_query_parameter_is_refused_not_a_500(corpus, client, url, params):
    for name in params:
        for value in ("%00", "a%00b"):
            response = client.get(f"{url}?{name}={value}")
            assert response.status_code == 400, (url, name, response.status_code)
    assert client.get(f"{url}?x%00=1").status_code == 400


def test_nul_in_the_site_is_our_400_page_and_in_the_api_json(corpus, client):
    assert_site_page(client.get("/indicators/%00/"), 400, "请求无效", "Bad request")
    assert_site_page(client.get("/compare/?theme=%00"), 400, "请求无效")
    response = client.get("/api/v1/targets/?indicator=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
