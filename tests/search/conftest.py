"""Fixtures the search tests share."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"


@pytest.fixture
def genre(django_capture_on_commit_callbacks):
    """Ingests documents of tests/data/genre/ by name, their index written."""

    def ingest(*names):
        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "ingest", *(str(GENRE / f"{name}.txt") for name in names),
                verbosity=0, stdout=StringIO(),
            )

    return ingest
