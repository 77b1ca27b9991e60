"""Shared fixtures.

``ingested`` loads the five bundled documents once per test session into the
test database (on SQLite or PostgreSQL, whichever DATABASE_URL names) and
leaves them for the tests that only read.  Tests that write use ``db`` and
ingest what they need themselves.  The user fixtures at the end serve the
admin, API and security tests.
"""

import os
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings

from policybase.management.commands.setup_groups import setup_groups
from tests.processes import scratch_database_url  # noqa: F401 (a fixture for every test)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """The originals that ingests and uploads keep go to a scratch folder,
    and so do those of the ``manage.py`` processes some tests start."""
    root = tmp_path_factory.mktemp("media")
    previous = os.environ.get("MEDIA_ROOT")
    os.environ["MEDIA_ROOT"] = str(root)
    with override_settings(MEDIA_ROOT=root):
        yield root
    if previous is None:
        del os.environ["MEDIA_ROOT"]
    else:
        os.environ["MEDIA_ROOT"] = previous


@pytest.fixture(scope="session")
def ingested(media_root, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("ingest", verbosity=0)
    yield


def ingest_if_missing():
    from documents.models import Document

    if not Document.objects.exists():
        call_command("ingest", verbosity=0)
        # The flush emptied the tables but not the search index, whose
        # stale rows would point at provisions that are gone (counted in the
        # totals, skipped on the page): start the index again from the corpus.
        from documents.search import index

        index.rebuild()


@pytest.fixture(scope="module")
def restore_corpus(ingested, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ingest_if_missing()


@pytest.fixture(autouse=True)
def uploads_written_at_once(settings):
    """Uploads are written as soon as they are read, as with
    UPLOAD_CONFIRMATION=0: the queue's own tests are about the writing.  A
    test of the confirmation step sets it back (tests/policybase/test_confirm_upload.py)."""
    settings.UPLOAD_CONFIRMATION = False


@pytest.fixture(autouse=True)
def empty_response_cache():
    """The API's response cache keys on the data version, which a test's
    rollback winds back (or a flush starts again): the next test's writes
    may reach the same number with other data, so no response may outlive
    its test; nor may what searches keep for a data version
    (``documents.search.shared``)."""
    from documents.search import shared

    caches["api"].clear()
    shared.forget()
    yield
    caches["api"].clear()
    shared.forget()


@pytest.fixture
def throttles_off(monkeypatch):
    """No throttling, for tests that count a page's own queries: the
    throttles' counters are queries of the shared cache (their own tests are
    tests/security/test_throttling.py)."""
    from rest_framework.throttling import SimpleRateThrottle

    for scope in ("anon", "user", "site"):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, None)


@pytest.fixture
def corpus(ingested, db):
    """The bundled corpus, read inside a test transaction (rolled back after)."""
    return None


@pytest.fixture
def editable_sources(tmp_path, monkeypatch):
    """A copy of fixtures/sources that a test may edit, standing in for it: a
    bundled document is the file at its place in that directory (a file of
    the same name elsewhere is refused), so a test that edits a bundled
    source edits it there."""
    from policybase.ingest import sources

    directory = tmp_path / "sources"
    shutil.copytree(sources.SOURCES_DIR, directory)
    monkeypatch.setattr(sources, "SOURCES_DIR", directory)
    return directory


# Users of the admin and the API: a superuser, a curator and a viewer (the
# groups made by ``setup_groups``).  Clients log in with ``force_login``: it
# skips the password check, so django-axes' lockout never interferes.

@pytest.fixture
def groups(db):
    return dict(zip(("curator", "viewer"), setup_groups(), strict=True))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", "x")


@pytest.fixture
def curator(groups):
    user = User.objects.create_user("curator1", is_staff=True)
    user.groups.add(groups["curator"])
    return user


@pytest.fixture
def viewer(groups):
    user = User.objects.create_user("viewer1", is_staff=True)
    user.groups.add(groups["viewer"])
    return user


@pytest.fixture
def superuser_client(superuser):
    return client_for(superuser)


@pytest.fixture
def curator_client(curator):
    return client_for(curator)


@pytest.fixture
def viewer_client(viewer):
    return client_for(viewer)
