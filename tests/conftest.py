"""Shared fixtures.

``ingested`` loads the five bundled documents once per test session into the
test database (on SQLite or PostgreSQL, whichever DATABASE_URL names) and
leaves them for the tests that only read.  Tests that write use ``db`` and
ingest what they need themselves.
"""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def ingested(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("ingest", verbosity=0)
    yield


@pytest.fixture
def corpus(ingested, db):
    """The bundled corpus, read inside a test transaction (rolled back after)."""
    return None
