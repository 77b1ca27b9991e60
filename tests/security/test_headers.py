"""Production settings: ``check --deploy`` passes, and every response carries
the security headers and a Content-Security-Policy without inline scripts
that the admin, the API pages and the site all run under."""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from documents.models import Provision
from targets.models import Target

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_passes_with_production_environment():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "kb.example.org",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_requires_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_follow_the_environment(monkeypatch):
    from policybase.security import production_settings

    values = production_settings(debug=False)
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"] and values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_PRELOAD"] and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert "SECURE_PROXY_SSL_HEADER" not in values
    monkeypatch.setenv("DJANGO_SECURE_SSL_REDIRECT", "0")
    monkeypatch.setenv("DJANGO_SECURE_PROXY_SSL_HEADER", "1")
    behind_proxy = production_settings(debug=False)
    assert not behind_proxy["SECURE_SSL_REDIRECT"]
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert not production_settings(debug=True)["SESSION_COOKIE_SECURE"]


class Scripts(HTMLParser):
    """Collects what a strict CSP would block: inline <script> bodies,
    on* event-handler attributes and javascript: URLs."""

    DATA_TYPES = {"application/json", "application/ld+json", "text/template"}

    def __init__(self):
        super().__init__()
        self.inline, self.handlers, self.external = [], [], []
        self._in_inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.handlers.append(f"<{tag} {name}=javascript:…>")
        if tag == "script":
            if attrs.get("src"):
                self.external.append(attrs["src"])
            elif (attrs.get("type") or "").lower() not in self.DATA_TYPES:
                self._in_inline = True

    def handle_data(self, data):
        if self._in_inline and data.strip():
            self.inline.append(data.strip()[:80])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline = False


def assert_csp_clean(response):
    assert response.status_code == 200, response.status_code
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe" not in script_src
    assert "frame-ancestors 'none'" in policy
    parser = Scripts()
    parser.feed(response.content.decode())
    assert not parser.inline, parser.inline
    assert not parser.handlers, parser.handlers
    for src in parser.external:
        assert src.startswith("/"), src  # served from our own origin
    return parser


def admin_pages():
    target = Target.objects.first()
    provision = Provision.objects.first()
    return [
        reverse("admin:index"),
        reverse("admin:targets_target_changelist"),
        reverse("admin:targets_target_changelist") + "?queue=open",
        reverse("admin:targets_target_change", args=[target.pk]),
        reverse("admin:targets_target_history", args=[target.pk]),
        reverse("admin:targets_target_import"),
        reverse("admin:targets_target_export"),
        reverse("admin:documents_provision_change", args=[provision.pk]),
        reverse("admin:documents_curation_changelist"),
        reverse("admin:measures_measure_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:autocomplete") + "?app_label=targets&model_name=target&field_name=indicator",
    ]


@pytest.mark.usefixtures("corpus")
def test_admin_pages_need_no_inline_script(superuser_client):
    for url in admin_pages():
        response = superuser_client.get(url)
        if response["Content-Type"].startswith("application/json"):
            assert response.status_code == 200
            continue
        assert_csp_clean(response)


@pytest.mark.usefixtures("corpus")
def test_login_page_and_headers(client):
    response = client.get(reverse("admin:login"))
    assert_csp_clean(response)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.usefixtures("corpus")
def test_site_pages_need_no_inline_script(client):
    provision = Provision.objects.select_related("document").filter(kind="article").first() \
        or Provision.objects.select_related("document").first()
    for url in ["/", provision.document.get_absolute_url(), provision.get_absolute_url()]:
        assert_csp_clean(client.get(url))


@pytest.mark.usefixtures("corpus")
def test_api_pages_need_no_inline_script(client):
    response = client.get("/api/v1/documents/", HTTP_ACCEPT="text/html")
    assert_csp_clean(response)


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("name", ["api-docs", "api-redoc"])
def test_api_documentation_pages_need_no_inline_script(client, name):
    try:
        url = reverse(name)
    except NoReverseMatch:
        pytest.skip(f"{name} is not served")
    parser = assert_csp_clean(client.get(url))
    assert parser.external, "the page loads its scripts from our own origin"
