"""List endpoints run the same number of queries whatever the page size:
no query per row (select_related / prefetch_related on every viewset)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

LISTS = [
    "/api/v1/documents/",
    "/api/v1/provisions/",
    "/api/v1/themes/",
    "/api/v1/measures/",
    "/api/v1/subsidies/",
    "/api/v1/indicators/",
    "/api/v1/targets/",
    "/api/v1/figures/",
    "/api/v1/cross-references/",
    "/api/v1/provisions/?theme__in=talent,enterprise,transfer",
    "/api/v1/measures/?instrument_type__in=business_rd_grants,talent_programmes,incubators",
]


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    # These count the queries that build a response.  The response cache adds
    # one fixed query, the data version (test_response_cache.py checks it).
    settings.API_CACHE_SECONDS = 0


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("url", LISTS)
def test_queries_do_not_grow_with_page_size(
    client, corpus, throttles_off, url, django_assert_num_queries
):
    separator = "&" if "?" in url else "?"
    # Five documents in the corpus: a page of 2 is the one smaller than all.
    small_size = 2 if url == "/api/v1/documents/" else 5
    small, rows_small = query_count(client, f"{url}{separator}page_size={small_size}")
    with django_assert_num_queries(small):
        response = client.get(f"{url}{separator}page_size=100")
    # The comparison means something only if the bigger page holds more rows.
    assert len(response.json()["results"]) > rows_small


def test_tree_and_series_queries_are_fixed(
    client, corpus, throttles_off, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get("/api/v1/documents/st-development-plan-14th-fyp/tree/")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/indicators/rd_gdp_ratio/series/")
