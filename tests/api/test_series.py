"""The R&D-intensity series: targets of 2011 (for 2015), 2014 (for 2017) and
the 14th Five-Year plan (for 2025) against the 2020 figure."""

from decimal import Decimal

import pytest

from targets.models import Comparator, Target, TargetStatus


def test_rd_intensity_links_documents_and_judges_targets(client, corpus):
    body = client.get("/api/v1/indicators/rd_gdp_ratio/series/").json()
    assert body["indicator"]["key"] == "rd_gdp_ratio"
    points = [
        (p["kind"], p["year"], p["comparator"], p["value"], p["document"], p["status"])
        for p in body["points"]
    ]
    assert points == [
        ("target", 2015, "~", 2.0, "innovative-jilin-action-plan-2011", "not_met"),
        ("target", 2017, "~", 2.0, "market-oriented-innovation-opinions", "not_met"),
        ("figure", 2020, "=", 1.3, "st-development-plan-14th-fyp", None),
        ("target", 2025, ">", 2.0, "st-development-plan-14th-fyp", "pending"),
    ]
    figure = body["points"][2]
    assert [p["judged_by"] for p in body["points"] if p["kind"] == "target"] == [
        figure["id"],
        figure["id"],
        None,
    ]
    assert body["points"][0]["judged_by_year"] == 2020
    assert body["tolerance_percent"] == 5.0


@pytest.mark.parametrize(
    "comparator, value, figure, status",
    [
        (Comparator.GE, "2.0", "2.0", TargetStatus.MET),
        (Comparator.GE, "2.0", "1.99", TargetStatus.NOT_MET),
        (Comparator.GT, "2.0", "2.0", TargetStatus.NOT_MET),
        (Comparator.GT, "2.0", "2.01", TargetStatus.MET),
        (Comparator.LE, "5.0", "5.0", TargetStatus.MET),
        (Comparator.LT, "5.0", "5.0", TargetStatus.NOT_MET),
        # ≈ and =: met within 5% below the value, or above it.
        (Comparator.APPROX, "2.0", "1.90", TargetStatus.MET),
        (Comparator.APPROX, "2.0", "1.89", TargetStatus.NOT_MET),
        (Comparator.APPROX, "2.0", "2.60", TargetStatus.MET),
        (Comparator.EQ, "100", "95", TargetStatus.MET),
        (Comparator.EQ, "100", "94.9", TargetStatus.NOT_MET),
    ],
)
def test_comparator_rules(comparator, value, figure, status):
    target = Target(comparator=comparator, value=Decimal(value), year=2020, unit="%")
    reported = Target(
        value=Decimal(figure), year=2020, unit="%"
    )  # any fact with a value
    assert target.judge([reported])[0] == status


def test_pending_without_a_figure_for_the_year_or_later_or_in_another_unit():
    target = Target(comparator=Comparator.GE, value=Decimal("2"), year=2025, unit="%")
    earlier = Target(value=Decimal("3"), year=2024, unit="%")
    other_unit = Target(value=Decimal("3"), year=2025, unit="亿元")
    assert target.judge([earlier, other_unit]) == (TargetStatus.PENDING, None)
    assert Target(comparator=Comparator.GE, value=Decimal("2"), unit="%").judge(
        [earlier]
    ) == (TargetStatus.PENDING, None)


def test_judged_by_the_first_figure_at_or_after_the_target_year():
    target = Target(comparator=Comparator.GE, value=Decimal("2"), year=2015, unit="%")
    late = Target(pk=2, value=Decimal("1"), year=2020, unit="%")
    first = Target(pk=1, value=Decimal("2.5"), year=2016, unit="%")
    assert target.judge([late, first]) == (TargetStatus.MET, first)
