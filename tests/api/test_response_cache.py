"""The response cache for anonymous reads (documents/apikit/caching.py): a
repeated read is served from the cache, and any committed write to the
knowledge base — admin, ingest, curation, a bulk update that sends no
signal — makes the next read fresh.

The test's own transaction never commits: ``committed`` (Django's
captureOnCommitCallbacks, executing) runs what a commit would run, the
data version's bump among it.  Reads across real commits and concurrent
transactions: ``test_data_version.py``."""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.apikit import data_version
from targets.models import Indicator, Target

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
INDICATOR = "/api/v1/indicators/rd_gdp_ratio/"


def test_a_repeated_read_is_served_from_the_cache(
    client, corpus, throttles_off, django_assert_num_queries
):
    first = client.get("/api/v1/targets/?year__gte=2015")
    assert first["X-Cache"] == "miss"
    # The data version is the one query a cached answer needs.
    with django_assert_num_queries(1):
        second = client.get("/api/v1/targets/?year__gte=2015")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_the_cache_adds_one_query_to_a_miss(client, corpus, settings):
    url = "/api/v1/indicators/rd_gdp_ratio/series/"
    settings.API_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        client.get(url)
    settings.API_CACHE_SECONDS = 300
    with CaptureQueriesContext(connection) as miss:
        assert client.get(url)["X-Cache"] == "miss"
    assert len(miss) == len(uncached) + 1


def test_the_key_is_the_whole_request(client, corpus):
    client.get("/api/v1/targets/?year__gte=2015")
    assert client.get("/api/v1/targets/?year__gte=2016")["X-Cache"] == "miss"
    assert client.get("/api/v1/targets/?year__gte=2015&format=csv")["X-Cache"] == "miss"
    csv = client.get("/api/v1/targets/?year__gte=2015&format=csv")
    assert csv["X-Cache"] == "hit"
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == 'attachment; filename="policybase_target.csv"'
    other_host = client.get("/api/v1/targets/?year__gte=2015", HTTP_HOST="127.0.0.1")
    assert other_host["X-Cache"] == "miss"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_if_none_match_gets_a_304_until_the_data_changes(client, corpus, committed):
    etag = client.get(INDICATOR)["ETag"]
    response = client.get(INDICATOR, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.head(INDICATOR, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with committed():
        Indicator.objects.filter(key="rd_gdp_ratio").update(name_en="changed")
    response = client.get(INDICATOR, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["name_en"] == "changed"


def test_a_304_needs_a_200_behind_it(client, corpus):
    etag = client.get(INDICATOR)["ETag"]
    # Another worker, or an evicted entry: built again, then a 304.
    caches["api"].clear()
    response = client.get(INDICATOR, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert client.get(INDICATOR)["X-Cache"] == "hit"
    # The same version and any ETag do not make a missing object exist.
    missing = client.get("/api/v1/indicators/no-such-key/", HTTP_IF_NONE_MATCH="*")
    assert missing.status_code == 404


def test_errors_and_the_browsable_api_are_not_cached(client, corpus):
    assert "X-Cache" not in client.get("/api/v1/targets/?year=abc")
    assert "X-Cache" not in client.get("/api/v1/targets/abc/")
    assert "X-Cache" not in client.get(INDICATOR, HTTP_ACCEPT="text/html")


def test_an_admin_edit_is_seen_by_the_next_read(
    client, superuser_client, corpus, committed
):
    assert client.get(INDICATOR).json()["name_en"] != "Edited in the admin"
    indicator = Indicator.objects.get(key="rd_gdp_ratio")
    with committed():
        response = superuser_client.post(
            f"/admin/targets/indicator/{indicator.pk}/change/",
            {
                "key": indicator.key,
                "name": indicator.name,
                "name_en": "Edited in the admin",
                "unit": indicator.unit,
                "known": "on" if indicator.known else "",
            },
        )
    assert response.status_code == 302, response.content
    fresh = client.get(INDICATOR)
    assert fresh["X-Cache"] == "miss"
    assert fresh.json()["name_en"] == "Edited in the admin"


def test_an_api_curation_is_seen_by_the_next_read(
    client, curator_client, corpus, committed
):
    target = Target.objects.visible().order_by("pk").first()
    url = f"/api/v1/targets/{target.pk}/"
    listing = "/api/v1/targets/?page_size=200"
    assert client.get(url).status_code == 200
    count = client.get(listing).json()["count"]
    with committed():
        response = curator_client.post(
            f"{url}curate/",
            {"action": "reject", "reason": "test"},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert client.get(url).status_code == 404
    assert client.get(listing).json()["count"] == count - 1


def test_ingesting_a_changed_document_is_seen_by_the_next_read(
    client, corpus, editable_sources, committed
):
    url = "/api/v1/targets/?indicator_phrase=技术转移人才"
    before = client.get(url).json()["results"]
    assert 500 in [row["value"] for row in before]
    assert client.get(url)["X-Cache"] == "hit"
    path = editable_sources / "001_cfe322f93ce14a7f.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("培养500名专业化技术转移人才", "培养600名专业化技术转移人才"),
        encoding="utf-8",
    )
    with committed():
        call_command("ingest", str(path), verbosity=0, stdout=None)
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    values = [row["value"] for row in after.json()["results"]]
    assert 600 in values and 500 not in values


@pytest.mark.parametrize(
    "write",
    [
        lambda: Target.objects.filter(pk=Target.objects.order_by("pk")[0].pk).update(
            year=2099
        ),
        lambda: Target.objects.filter(pk=Target.objects.order_by("pk")[0].pk).delete(),
        lambda: Indicator.objects.bulk_create(
            [Indicator(key="new_one", name="新指标")]
        ),
    ],
    ids=["update", "delete", "bulk_create"],
)
def test_writes_that_send_no_signal_change_the_data_version(corpus, write, committed):
    before = data_version.current()
    with committed():
        write()
        # Not before the commit: a reader would cache old rows under it.
        assert data_version.current() is None
    after = data_version.current()
    assert after is not None and after != before


def test_reads_leave_the_data_version_alone(client, corpus):
    before = data_version.current()
    client.get("/api/v1/provisions/")
    client.get(INDICATOR)
    assert data_version.current() == before


def test_a_curator_reads_past_the_cache(client, curator_client, corpus):
    client.get(INDICATOR)
    response = curator_client.get(INDICATOR)
    assert response.status_code == 200
    assert "X-Cache" not in response and "ETag" not in response


def test_the_cache_can_be_turned_off(client, corpus, settings):
    settings.API_CACHE_SECONDS = 0
    client.get(INDICATOR)
    assert "X-Cache" not in client.get(INDICATOR)
