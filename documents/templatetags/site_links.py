"""``{% route %}`` and ``{% asset %}``: ``{% url %}`` without arguments and
``{% static %}``, worked out once per process.

The site's frame (``base.html``) names ten pages and four static files on
every page; resolving them anew each time (``reverse`` walks the URLconf's
patterns, the manifest storage joins and quotes the hashed name) was a third
of a search page's rendering.  Their URLs depend only on the URLconf, the
script prefix, the language (for translated patterns), the static files'
settings and ``DEBUG``, which make the key or, when a setting changes (as
tests do), clear what was kept.  The markup is ``{% url %}``'s and
``{% static %}``'s: both escape their result as these do.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()

_routes: dict = {}
_assets: dict = {}


@register.simple_tag
def route(name):
    """``{% url name %}`` for a route that takes no argument."""
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
    url = _routes.get(key)
    if url is None:
        url = _routes[key] = reverse(name)
    return url


@register.simple_tag
def asset(path):
    """``{% static path %}``."""
    key = (path, settings.DEBUG, get_script_prefix())
    url = _assets.get(key)
    if url is None:
        url = _assets[key] = static(path)
    return url


def _forget(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGES", "LANGUAGE_CODE"):
        _routes.clear()
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "DEBUG"):
        _assets.clear()


setting_changed.connect(_forget)
