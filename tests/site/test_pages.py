"""The site's pages, read through Django's test client against the bundled
corpus: what they show, that their URLs are stable, and how many queries
each costs (a page whose count grows with its rows has an N+1)."""

import csv
import io
import re

import pytest
from django.db.models import F
from django.urls import reverse

from documents.models import CrossReference, Document, Provision, Theme
from measures.models import Subsidy
from targets.models import Figure, Indicator, Target

pytestmark = pytest.mark.django_db

LARGEST = "st-development-plan-14th-fyp"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# Every list and detail page with the most queries it may take.  The bounds
# are the counts measured with all five documents loaded, so a page that
# starts querying per row fails here.
PAGE_QUERIES = [
    ("/", 7),
    (f"/documents/{LARGEST}/", 10),
    ("/documents/achievement-transfer-plan-2016/", 10),
    # A provision page: 7, and one for the 申报条件 of its subsidy rules.
    (f"/documents/{LARGEST}/c1.s1.para2/", 8),
    ("/themes/", 3),
    # A theme page: its page of provisions with their facts, the count the
    # pager needs, and its indicators (targets, figures, names).
    ("/themes/transfer-market/", 11),
    ("/themes/transfer/", 11),
    ("/compare/", 2),
    ("/compare/?theme=transfer-market", 8),
    ("/measures/", 8),
    ("/measures/?format=csv", 4),
    ("/subsidies/", 5),
    ("/subsidies/?format=csv", 3),
    ("/targets/", 5),
    ("/targets/?format=csv", 3),
    ("/figures/", 5),
    ("/figures/?format=csv", 3),
    ("/indicators/", 3),
    ("/indicators/?format=csv", 2),
    ("/indicators/rd_gdp_ratio/", 3),
    ("/indicators/provincial_key_labs/", 3),
]


@pytest.mark.parametrize(("url", "max_queries"), PAGE_QUERIES)
def test_page_query_count_is_bounded(
    corpus, client, throttles_off, django_assert_max_num_queries, url, max_queries
):
    with django_assert_max_num_queries(max_queries):
        response = client.get(url)
    assert response.status_code == 200


def test_every_provision_page_costs_the_same_queries(corpus, client, django_assert_max_num_queries):
    # The deepest and the shallowest provision: the breadcrumb walks
    # parents that with_path() joined in, never one query per level.
    deepest = Provision.objects.order_by("-depth", "pk").select_related("document").first()
    for provision in (deepest, Provision.objects.filter(depth=0).first()):
        # 7, and one for the 申报条件 of its subsidy rules
        with django_assert_max_num_queries(8):
            assert client.get(provision.get_absolute_url()).status_code == 200


def test_home_lists_documents_in_time_order_with_unknown_dates_last(corpus, client):
    response = client.get("/")
    keys = [d.key for d in response.context["documents"]]
    dated = [d for d in Document.objects.all() if d.issued_on]
    undated = [d for d in Document.objects.all() if not d.issued_on]
    assert keys[: len(dated)] == [d.key for d in sorted(dated, key=lambda d: d.issued_on)]
    assert set(keys[len(dated) :]) == {d.key for d in undated}
    page = text_of(response)
    assert "〔标题缺失〕" in page  # the opinions' lost title, shown as such
    assert "日期不详" in page
    counts = dict(response.context["headline_counts"])
    assert counts == {
        "条款": Provision.objects.count(),
        "目标": Target.objects.visible().count(),
        "统计数据": Figure.objects.visible().count(),
        "资助规则": Subsidy.objects.visible().count(),
    }
    assert 'action="/search/"' in response.content.decode()


def test_reader_marks_every_visible_fact_with_its_value_described(corpus, client):
    document = Document.objects.get(key=LARGEST)
    html = client.get(document.get_absolute_url()).content.decode()
    for figure in Figure.objects.visible().filter(document=document):
        anchor = f"figure-{figure.pk}"
        link = re.search(rf'<a class="fact fact-figure" id="{anchor}" [^>]*>([^<]*)</a>', html)
        assert link, anchor
        # The highlighted span is exactly the text at the fact's offsets.
        assert link.group(1) == document.text[figure.start : figure.end]
        assert f'aria-describedby="tip-{anchor}"' in link.group(0)
        assert f'id="tip-{anchor}"' in html
    # Every provision has an anchor and a permalink to its own page.
    for provision in Provision.objects.filter(document=document).exclude(kind="title"):
        assert f'id="{provision.key}"' in html
        assert f'href="{provision.get_absolute_url()}"' in html


def test_corrected_value_is_shown_beside_the_raw_number(corpus, client):
    figure = Figure.objects.get(document__key=LARGEST, raw_value=6906)
    assert str(figure.value.normalize()) == "690.6"
    page = text_of(client.get(figure.provision.get_absolute_url()))
    assert "6906亿元 〔更正为 690.6亿元〕" in page
    assert "690.6亿元 （原文 6906亿元）" in page


def test_cross_references_link_the_documents_they_name(corpus, client):
    ref = CrossReference.objects.select_related("document").first()
    target = Document.objects.exclude(pk=ref.document_id).first()
    CrossReference.objects.filter(pk=ref.pk).update(target=target)
    html = client.get(ref.document.get_absolute_url()).content.decode()
    cited = ref.document.text[ref.start : ref.end]
    assert f'<a class="xref" href="{target.get_absolute_url()}"' in html
    assert re.search(rf'<a class="xref" href="{re.escape(target.get_absolute_url())}"[^>]*>{re.escape(cited)}</a>', html)


def test_copy_citation_carries_title_number_and_label(corpus, client):
    provision = Provision.objects.get(document__key="cppcc-proposal-201-reply-2022", key="p4.i2")
    html = client.get(provision.get_absolute_url()).content.decode()
    button = re.search(r'<button type="button" class="copy-cite[^"]*" data-citation="([^"]+)"', html)
    assert button.group(1).startswith("《对省政协十二届五次会议第201号委员提案的答复》（吉科发办〔2022〕109号）")
    assert button.group(1).endswith(provision.label or provision.key)
    assert "<script>" not in html and "onclick" not in html  # CSP: no inline script


def test_provision_page_shows_path_facts_themes_and_related(corpus, client):
    provision = Provision.objects.with_path().get(document__key=LARGEST, key="c1.s1.para2")
    response = client.get(provision.get_absolute_url())
    page = text_of(response)
    assert provision.path_display in page
    for theme in provision.themes.all():
        assert theme.name in page
    related = list(response.context["related"])
    assert related
    theme_ids = set(provision.themes.values_list("pk", flat=True))
    for other in related:
        assert other.document_id != provision.document_id
        assert theme_ids & set(other.themes.values_list("pk", flat=True))
    assert [r.shared for r in related] == sorted((r.shared for r in related), reverse=True)


def test_themes_page_counts_provisions_per_document(corpus, client):
    response = client.get("/themes/")
    roots = response.context["roots"]
    documents = response.context["documents"]
    theme = next(t for root in roots for t in root.subthemes if t.slug == "transfer-market")
    for document, count in zip(documents, theme.per_document, strict=True):
        assert count == Provision.objects.filter(document=document, themes=theme).count()
    assert {r.slug for r in roots} == set(
        Theme.objects.filter(parent=None).values_list("slug", flat=True)
    )


def test_theme_page_groups_provisions_and_links_its_indicators(corpus, client):
    response = client.get("/themes/transfer-market/")
    html = response.content.decode()
    assert response.context["indicators"]
    for indicator in response.context["indicators"]:
        assert f'href="{indicator.get_absolute_url()}"' in html
    assert len(response.context["provisions"]) == Provision.objects.filter(
        themes__slug="transfer-market"
    ).count()


def test_a_large_theme_is_shown_a_page_at_a_time(corpus, client, monkeypatch):
    monkeypatch.setattr("documents.views.THEME_PAGE_SIZE", 5)
    everything = list(
        Provision.objects.filter(themes__slug="transfer-market")
        .order_by(F("document__issued_on").asc(nulls_last=True), "document__key", "position")
        .values_list("pk", flat=True)
    )
    first = client.get("/themes/transfer-market/")
    second = client.get("/themes/transfer-market/?page=2")
    assert [p.pk for p in first.context["provisions"]] == everything[:5]
    assert [p.pk for p in second.context["provisions"]] == everything[5:10]
    assert 'rel="next"' in first.content.decode()
    # The theme's indicators do not depend on the page shown.
    assert first.context["indicators"] == second.context["indicators"]
    # Facts are attached to the provisions of the page.
    assert all(hasattr(p, "targets_list") for p in second.context["provisions"])
    assert client.get("/themes/transfer-market/?page=9999").status_code == 200


def test_compare_puts_the_chosen_documents_side_by_side(corpus, client):
    keys = ["achievement-transfer-plan-2016", LARGEST]
    response = client.get(f"/compare/?theme=transfer-market&documents={','.join(keys)}")
    columns = response.context["columns"]
    assert [c["document"].key for c in columns] == sorted(
        keys, key=lambda k: Document.objects.get(key=k).issued_on or __import__("datetime").date.max
    )
    for column in columns:
        expected = Provision.objects.filter(
            document=column["document"], themes__slug="transfer-market"
        ).count()
        assert len(column["provisions"]) == expected
    # The same comparison from the form's repeated checkboxes.
    again = client.get("/compare/?theme=transfer-market&documents=" + "&documents=".join(keys))
    assert [c["document"].key for c in again.context["columns"]] == [c["document"].key for c in columns]
    assert client.get("/compare/?theme=no-such-theme").status_code == 404


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(body[1:])))


def test_csv_exports_exactly_the_filtered_rows(corpus, client):
    rows = read_csv(client.get("/targets/?format=csv&document=" + LARGEST))
    assert rows[0][:3] == ["文件", "条款", "指标"]
    expected = Target.objects.visible().filter(document__key=LARGEST).count()
    assert len(rows) - 1 == expected
    assert {r[0] for r in rows[1:]} == {Document.objects.get(key=LARGEST).display_title}
    # The CSV is not paginated: every row, however many pages the table has.
    measures = read_csv(client.get("/measures/?format=csv"))
    from measures.models import Measure

    assert len(measures) - 1 == Measure.objects.count()


def test_lists_paginate_and_keep_their_filters(corpus, client):
    response = client.get("/measures/?document=" + LARGEST)
    assert response.context["is_paginated"]
    html = response.content.decode()
    assert f'href="?document={LARGEST}&amp;page=2"' in html
    second = client.get(f"/measures/?document={LARGEST}&page=2")
    assert all(m.document.key == LARGEST for m in second.context["object_list"])


def test_subsidies_filter_by_amount_and_sort(corpus, client):
    response = client.get("/subsidies/?sort=-amount_max")
    amounts = [s.amount_max for s in response.context["object_list"]]
    known = [a for a in amounts if a is not None]
    assert known == sorted(known, reverse=True)
    assert amounts[: len(known)] == known  # unknown amounts last
    param = "amount_max__gte"
    filtered = client.get(f"/subsidies/?{param}=500000")
    assert filtered.context["object_list"]
    assert all(s.amount_max >= 500000 for s in filtered.context["object_list"])
    bogus = client.get("/subsidies/?sort=DROP TABLE")
    assert bogus.status_code == 200


def test_indicator_chart_plots_targets_against_figures_with_status(corpus, client):
    indicator = Indicator.objects.get(key="rd_gdp_ratio")
    response = client.get(indicator.get_absolute_url())
    html = response.content.decode()
    chart = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    dated_targets = indicator.targets.visible().exclude(year=None).filter(unit="%").count()
    dated_figures = indicator.figures.visible().exclude(year=None).filter(unit="%").count()
    assert chart.count('class="target-point') == dated_targets
    assert chart.count('class="figure-point"') == dated_figures
    statuses = {t.year: t.status for t in response.context["targets"]}
    # R&D/GDP "≈2%" by 2015 and 2017; 1.3% reported for 2020: not met.
    assert statuses[2017] == "not_met"
    assert statuses[2025] == "pending"
    assert "未实现" in text_of(response)


def test_list_pages_are_linked_from_every_page(corpus, client):
    html = client.get("/").content.decode()
    for name in ("theme-list", "compare", "measure-list", "subsidy-list", "target-list",
                 "figure-list", "indicator-list"):
        assert f'href="{reverse(name)}"' in html
