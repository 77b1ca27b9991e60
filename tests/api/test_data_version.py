"""The data version (documents/apikit/data_version.py) across real commits
and concurrent transactions: bumped once per writing transaction, after
its commit, so that it neither piles up row versions nor holds a lock for
the length of an ingest, and a read after a committed write is never
served stale.

Tests here commit for real (``transactional_db``, whose flush empties the
tables): ``restore_corpus`` ingests the bundled corpus again afterwards.
"""

import threading
from pathlib import Path
from time import perf_counter

import pytest
from django.db import connection, connections, transaction

from documents.apikit import data_version
from policybase.ingest import ingest_source, source_from_path
from targets.models import Indicator, Target
from tests.conftest import ingest_if_missing

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
INDICATOR = "/api/v1/indicators/rd_gdp_ratio/"
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time: a second writer waits for the "
    "whole transaction whatever the data version does",
)


@pytest.fixture
def live_corpus(restore_corpus, transactional_db):
    ingest_if_missing()


def test_many_writes_in_one_transaction_bump_once(
    corpus, django_capture_on_commit_callbacks
):
    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for n in range(300):
                Indicator.objects.filter(key="rd_gdp_ratio").update(name_en=f"n{n}")
            with transaction.atomic():
                Indicator.objects.bulk_create([Indicator(key="x1", name="新")])
    bumps = [c for c in callbacks if isinstance(c, data_version.Bump)]
    assert len(bumps) == 1
    assert data_version.current() == before + 1


def test_a_rolled_back_savepoint_keeps_the_outer_writes_bump(
    corpus, django_capture_on_commit_callbacks
):
    before = data_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="a")
                    raise RuntimeError
            except RuntimeError:
                pass
            assert data_version.current() == before
            Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="b")
    assert data_version.current() == before + 1


def test_a_read_after_a_committed_write_is_fresh(client, live_corpus):
    assert client.get(INDICATOR)["X-Cache"] == "miss"
    before = data_version.current()
    with transaction.atomic():
        Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="committed")
        # Nothing changes for readers before the commit.
        assert data_version.current() is None  # this connection has written
    assert data_version.current() == before + 1
    fresh = client.get(INDICATOR)
    assert fresh["X-Cache"] == "miss"
    assert fresh.json()["name_en"] == "committed"
    assert client.get(INDICATOR)["X-Cache"] == "hit"


def test_an_autocommit_write_is_seen_at_once(client, live_corpus):
    client.get(INDICATOR)
    Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="autocommit")
    assert client.get(INDICATOR).json()["name_en"] == "autocommit"


def hold_open(write, started, release, errors):
    """Run ``write`` in a transaction on this thread's own connection and
    keep the transaction open until ``release`` is set."""
    try:
        with transaction.atomic():
            write()
            started.set()
            release.wait(10)
    except Exception as exc:  # noqa: BLE001 — reported by the test
        errors.append(exc)
        started.set()
    finally:
        connections.close_all()


def in_thread(write):
    started, release, errors = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=hold_open, args=(write, started, release, errors))
    thread.start()
    assert started.wait(120), "the writing transaction did not start"
    assert not errors, errors
    return thread, release, errors


@postgres_only
def test_a_concurrent_uncommitted_write_is_never_cached_as_new(client, live_corpus):
    """A reader during another transaction's write caches what it saw
    under the number it read; after the commit the number differs."""
    client.get(INDICATOR)
    thread, release, errors = in_thread(
        lambda: Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="later")
    )
    try:
        during = client.get(INDICATOR)
        assert during["X-Cache"] == "hit"
        assert during.json()["name_en"] != "later"
    finally:
        release.set()
        thread.join()
    assert not errors, errors
    after = client.get(INDICATOR)
    assert after["X-Cache"] == "miss"
    assert after.json()["name_en"] == "later"


@postgres_only
def test_a_curation_during_a_long_ingest_is_answered_at_once(
    client, curator_client, live_corpus, tmp_path
):
    """The ingest of a document holds its transaction open (as a long one
    would); a curator's correction and an anonymous read meanwhile are
    answered within 2 s, and both writes are kept."""
    path = tmp_path / "plan_songjiang_14th.txt"
    path.write_bytes((GENRE / path.name).read_bytes())
    reports = []
    thread, release, errors = in_thread(
        lambda: reports.append(ingest_source(source_from_path(path)))
    )
    try:
        target = Target.objects.visible().order_by("pk").first()
        started = perf_counter()
        response = curator_client.post(
            f"/api/v1/targets/{target.pk}/curate/",
            {"action": "correct", "changes": {"year": 2031}, "reason": "test"},
            content_type="application/json",
        )
        curated_in = perf_counter() - started
        started = perf_counter()
        read = client.get(f"/api/v1/targets/{target.pk}/")
        read_in = perf_counter() - started
    finally:
        release.set()
        thread.join()
    assert not errors, errors
    assert response.status_code == 200, response.content
    assert curated_in < 2, f"the curation waited {curated_in:.1f} s"
    assert read_in < 2, f"the read waited {read_in:.1f} s"
    assert read.json()["year"] == 2031
    assert reports[0].status == "created"
    assert Target.objects.get(pk=target.pk).year == 2031
    assert client.get("/api/v1/documents/plan_songjiang_14th/").status_code == 200
