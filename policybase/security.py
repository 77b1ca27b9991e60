"""Production hardening read from the environment: HTTPS, cookies, HSTS,
framing, the Content-Security-Policy and the login lockout.

``settings.py`` calls :func:`production_settings` and :func:`csp_settings`
and merges what they return, so that the rules live in one place and the
settings module stays a list of values.  Nothing here reads settings at
import time.
"""

from __future__ import annotations

import os

from csp.constants import NONE, SELF


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def production_settings(debug: bool) -> dict:
    """Transport and cookie security, on unless DEBUG (each one overridable).

    ``DJANGO_SECURE_SSL_REDIRECT=0`` is for a TLS-terminating proxy that
    redirects itself; ``DJANGO_SECURE_PROXY_SSL_HEADER=1`` trusts the proxy's
    ``X-Forwarded-Proto`` (set it only behind a proxy that overwrites it).
    """
    secure = not debug
    values = {
        "SECURE_SSL_REDIRECT": env_bool("DJANGO_SECURE_SSL_REDIRECT", secure),
        "SESSION_COOKIE_SECURE": env_bool("DJANGO_SESSION_COOKIE_SECURE", secure),
        "CSRF_COOKIE_SECURE": env_bool("DJANGO_CSRF_COOKIE_SECURE", secure),
        "SECURE_HSTS_SECONDS": int(
            os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 31536000 if secure else 0)
        ),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", secure),
        "SECURE_HSTS_PRELOAD": env_bool("DJANGO_SECURE_HSTS_PRELOAD", secure),
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_HTTPONLY": True,
    }
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
        values["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
    origins = os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "")
    values["CSRF_TRUSTED_ORIGINS"] = [o.strip() for o in origins.split(",") if o.strip()]
    return values


def csp_settings() -> dict:
    """django-csp 4 policy: every script from our own origin, none inline.

    The admin (Django 5.2 passes its constants in data-* attributes and JSON
    blocks, not inline code), the site (no scripts) and Swagger UI served from
    local static files with its initialiser as a separate file all run under
    it.  ``style-src`` allows inline style attributes because the history and
    import/export admin templates use a few (layout only; styles cannot run
    code).  ``data:`` images are Swagger UI's inline SVG icons.
    """
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF, "'unsafe-inline'"],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "connect-src": [SELF],
            # ReDoc builds its search index in a Web Worker made from a blob:
            # URL of its own (already loaded from 'self') code.
            "worker-src": [SELF, "blob:"],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }


def axes_settings() -> dict:
    """django-axes: lock a username from one address after repeated failures.

    The address is the throttles' ``client_address``: behind a trusted proxy
    the client's own, not the proxy's (with the proxy's, one stranger's
    failures would lock a curator out everywhere), and never one a client
    wrote into ``X-Forwarded-For`` itself."""
    return {
        "AXES_CLIENT_IP_CALLABLE": "documents.apikit.throttling.client_address",
        "AXES_FAILURE_LIMIT": int(os.environ.get("AXES_FAILURE_LIMIT", 5)),
        "AXES_COOLOFF_TIME": float(os.environ.get("AXES_COOLOFF_HOURS", 1)),
        "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
        "AXES_RESET_ON_SUCCESS": True,
    }
