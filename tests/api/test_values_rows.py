"""List pages and details read with values_list()
(documents/apikit/serialization.py) are exactly what the serializers produce
from model instances: same fields in the same order, same related keys,
many-to-many slugs in the same order, decimals and dates formatted alike, in
JSON and in the CSV export; and a detail that does not exist is the same 404."""

import pytest

from documents.apikit.serialization import ValuesPlan
from documents.apikit.viewsets import ExportableReadOnlyViewSet
from documents.models import CrossReference, Provision, ReviewStatus
from documents.serializers import (
    CrossReferenceSerializer,
    ProvisionSerializer,
    ThemeSerializer,
)
from measures.models import Measure, Subsidy
from measures.serializers import MeasureSerializer, SubsidySerializer
from targets.models import Figure, Target
from targets.serializers import FigureSerializer, IndicatorSerializer, TargetSerializer

from .test_resources import RESOURCES

URLS = [
    "/api/v1/documents/",
    "/api/v1/provisions/",
    "/api/v1/provisions/?page=3&page_size=17",
    "/api/v1/provisions/?theme__in=talent,enterprise,transfer&ordering=-document",
    "/api/v1/provisions/?document=st-development-plan-14th-fyp&kind__in=table_row,section",
    "/api/v1/themes/",
    "/api/v1/measures/",
    "/api/v1/measures/?instrument_type__in=business_rd_grants,talent_programmes,"
    "incubators&page_size=200",
    "/api/v1/subsidies/",
    "/api/v1/subsidies/?amount_max__gte=500000&ordering=-amount_max",
    "/api/v1/indicators/",
    "/api/v1/targets/",
    "/api/v1/targets/?year__gte=2015&ordering=-value",
    "/api/v1/figures/?page_size=200",
    "/api/v1/cross-references/",
]
DETAILS = [
    "/api/v1/provisions/{provision}/",
    "/api/v1/themes/talent/",
    "/api/v1/measures/{measure}/",
    "/api/v1/subsidies/{subsidy}/",
    "/api/v1/indicators/rd_gdp_ratio/",
    "/api/v1/targets/{target}/",
    "/api/v1/figures/{figure}/",
    "/api/v1/cross-references/{crossref}/",
]
MISSING = [
    "/api/v1/targets/0/",
    "/api/v1/targets/abc/",
    "/api/v1/targets/99999999999/",
    "/api/v1/indicators/no-such-key/",
    "/api/v1/targets/{target}/?year=1900",
    "/api/v1/targets/{rejected}/",
]
EXPORTS = [
    f"/api/v1/{resource}/?format={fmt}"
    # Documents keep the instance path (display_title is a property).
    for resource in RESOURCES
    if resource != "documents"
    for fmt in ("csv", "json")
]


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    # Each URL is read twice: the second read must not come from the cache.
    settings.API_CACHE_SECONDS = 0


def both_ways(client, url, monkeypatch):
    monkeypatch.setattr(ExportableReadOnlyViewSet, "values_lists", True)
    fast = client.get(url)
    monkeypatch.setattr(ExportableReadOnlyViewSet, "values_lists", False)
    slow = client.get(url)
    assert fast.status_code == slow.status_code == 200, (url, slow.content)
    return fast, slow


@pytest.mark.parametrize(
    "serializer",
    [
        ProvisionSerializer,
        ThemeSerializer,
        CrossReferenceSerializer,
        MeasureSerializer,
        SubsidySerializer,
        IndicatorSerializer,
        TargetSerializer,
        FigureSerializer,
    ],
)
def test_list_serializers_have_a_values_plan(serializer):
    # Otherwise the comparisons below would compare DRF's path with itself.
    assert ValuesPlan.for_serializer(serializer) is not None


@pytest.mark.parametrize("url", URLS)
def test_values_rows_equal_serializer_output(client, corpus, url, monkeypatch):
    fast, slow = both_ways(client, url, monkeypatch)
    fast_body, slow_body = fast.json(), slow.json()
    assert slow_body["results"], "compare something"
    assert fast_body.keys() == slow_body.keys()
    for fast_row, slow_row in zip(
        fast_body["results"], slow_body["results"], strict=True
    ):
        assert list(fast_row) == list(slow_row)
        for name in slow_row:
            assert fast_row[name] == slow_row[name], (url, slow_row["id"], name)
    assert fast.content == slow.content


@pytest.fixture
def ids(corpus):
    rejected = Target.objects.order_by("pk").last()
    Target.objects.filter(pk=rejected.pk).update(review_status=ReviewStatus.REJECTED)
    return {
        "provision": Provision.objects.filter(themes__isnull=False).first().pk,
        "measure": Measure.objects.filter(instrument_types__isnull=False).first().pk,
        "subsidy": Subsidy.objects.exclude(ratio_percent=None).first().pk,
        "target": Target.objects.order_by("pk")[10].pk,
        "figure": Figure.objects.order_by("pk").first().pk,
        "crossref": CrossReference.objects.order_by("pk").first().pk,
        "rejected": rejected.pk,
    }


@pytest.mark.parametrize("url", DETAILS)
def test_values_detail_equals_serializer_output(client, ids, url, monkeypatch):
    fast, slow = both_ways(client, url.format(**ids), monkeypatch)
    assert fast.json() == slow.json()
    assert fast.content == slow.content


@pytest.mark.parametrize("url", MISSING)
def test_values_detail_misses_like_get_object(client, ids, url, monkeypatch):
    url = url.format(**ids)
    monkeypatch.setattr(ExportableReadOnlyViewSet, "values_lists", True)
    fast = client.get(url)
    monkeypatch.setattr(ExportableReadOnlyViewSet, "values_lists", False)
    slow = client.get(url)
    assert fast.status_code == slow.status_code == 404
    assert fast.content == slow.content


@pytest.mark.parametrize("url", EXPORTS)
def test_values_rows_export_equals_serializer_export(client, corpus, url, monkeypatch):
    fast, slow = both_ways(client, url, monkeypatch)
    assert fast["Content-Type"] == slow["Content-Type"]
    assert fast["Content-Disposition"] == slow["Content-Disposition"]
    assert fast.content == slow.content
