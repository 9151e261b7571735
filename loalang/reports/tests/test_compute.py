"""Indicator values from the activity log: SQL aggregates, verified only, no false zeros."""

from __future__ import annotations

import datetime as dt

import pytest

from loalang.reports.compute import Window
from loalang.reports.selectors import commune_report_data, indicator_set_for, province_rollup
from loalang.reports.tests.factories import activity, guidance, printed
from loalang.testing.factories import CommuneFactory, VillageFactory

D = dt.date
pytestmark = pytest.mark.django_db


YEAR = (D(2023, 1, 1), D(2023, 12, 31))


def _data(commune, start=YEAR[0], end=YEAR[1]):
    return commune_report_data(
        commune=commune,
        indicator_set=indicator_set_for(commune),
        window=Window.for_period(start, end),
    )


def test_counts_sum_only_verified_activities(commune):
    activity(commune, "radio_broadcast", on=D(2023, 3, 1), minutes=15, reach=200)
    activity(commune, "radio_broadcast", on=D(2023, 3, 8), minutes=20)
    activity(commune, "radio_broadcast", on=D(2023, 3, 9), minutes=99, status="reported")
    data = _data(commune)
    assert data.row("2.1").period == 2
    assert data.row("2.2").period == 35
    assert data.row("0.1").period == 2
    assert data.row("0.2").period == 200


def test_typed_details_are_summed(commune):
    a, b = VillageFactory(commune=commune), VillageFactory(commune=commune)
    printed(commune, on=D(2023, 5, 1), copies=500, distributed={a: 200, b: 150})
    guidance(
        commune,
        on=D(2023, 6, 1),
        households=30,
        people=45,
        platforms={"vneid_level2": (20, 25), "cashless": (12, 12)},
        villages=(a,),
    )
    guidance(
        commune, on=D(2023, 7, 1), households=10, people=10, platforms={"vneid_level2": (5, 5)}
    )
    data = _data(commune)
    assert data.row("3.3").period == 500
    assert data.row("3.4").period == 350
    assert data.row("5.1").period == 40
    assert data.row("5.3").period == 25
    assert data.row("5.5").period == 12
    assert data.row("5.6").period == 0  # activities exist, none on e-commerce: a true zero
    village_a = next(b for b in data.by_village if b.label == str(a))
    assert village_a.values["5.1"] == 30


def test_period_and_cumulative_from_start_of_year(commune):
    activity(commune, on=D(2023, 2, 10))
    activity(commune, on=D(2023, 6, 10))
    activity(commune, on=D(2023, 6, 20))
    data = _data(commune, D(2023, 6, 1), D(2023, 6, 30))
    assert (data.row("2.1").period, data.row("2.1").cumulative) == (2, 3)


def test_no_activity_in_period_is_no_data_not_zero(commune):
    activity(commune, on=D(2023, 2, 10))
    data = _data(commune, D(2023, 6, 1), D(2023, 6, 30))
    assert data.row("2.1").period is None
    assert data.row("2.1").cumulative == 1
    assert data.row("1.4").period is None  # manual, left empty


def test_reach_unknown_on_every_row_is_no_data(commune):
    activity(commune, on=D(2023, 2, 10), reach=None)
    assert _data(commune).row("0.2").period is None


def test_province_rollup_each_commune_and_total(commune):
    second = CommuneFactory(province=commune.province)
    silent = CommuneFactory(province=commune.province)
    activity(commune, on=D(2023, 2, 10))
    activity(second, on=D(2023, 3, 10))
    activity(second, on=D(2023, 4, 10))
    rollup = province_rollup(
        province=commune.province, window=Window.for_period(D(2023, 1, 1), D(2023, 12, 31))
    )
    by_commune = {r.commune: r.values for r in rollup.rows}
    assert by_commune[commune]["2.1"] == 1
    assert by_commune[second]["2.1"] == 2
    assert by_commune[silent]["2.1"] is None
    assert rollup.totals["2.1"] == 3
    assert rollup.communes_with_data == 2


def test_budget_spent_from_the_spending_book_or_no_data(commune):
    from loalang.budget.models import EstimateLine, FundingSource, Spending
    from loalang.plans.models import Plan

    act = activity(commune, on=D(2023, 3, 1))
    assert _data(commune).row("7.1").period is None  # the budget module is not in use
    plan = Plan.objects.create(commune=commune, title="Kế hoạch 2023", year=2023)
    state = FundingSource.objects.create(plan=plan, kind="state_budget", name="Ngân sách xã")
    line = EstimateLine.objects.create(
        funding_source=state, title="In tờ rơi", amount_vnd=5_000_000
    )
    Spending.objects.create(line=line, activity=act, amount_vnd=1_200_000, spent_on=D(2023, 3, 2))
    data = _data(commune)
    assert (data.row("7.1").period, data.row("7.2").period, data.row("7.3").period) == (
        1_200_000,
        1_200_000,
        0,
    )


def test_numbers_match_the_activity_log(commune):
    """Random verified and unverified activities: every activity indicator equals a count or
    sum taken straight from the log, row by row."""
    import random

    from loalang.activities.models import Activity

    rnd = random.Random(6)
    kinds = ["radio_broadcast", "portal_post", "social_post", "visual", "propagandist"]
    for _ in range(60):
        activity(
            commune,
            rnd.choice(kinds),
            on=D(2023, rnd.randint(1, 12), rnd.randint(1, 28)),
            status=rnd.choice(["verified", "verified", "reported", "returned"]),
            reach=rnd.choice([None, rnd.randint(1, 300)]),
            minutes=rnd.randint(1, 30),
        )
    log = list(Activity.objects.filter(commune=commune, status="verified", held_on__year=2023))
    data = _data(commune)
    assert data.row("0.1").period == len(log)
    assert data.row("0.2").period == sum(a.reach or 0 for a in log)
    radio = [a for a in log if a.kind == "radio_broadcast"]
    assert data.row("2.1").period == len(radio)
    assert data.row("2.2").period == sum(a.minutes for a in radio)
    assert data.row("1.1").period == sum(1 for a in log if a.kind == "portal_post")
    june = [a for a in log if a.held_on.month == 6]
    month = _data(commune, D(2023, 6, 1), D(2023, 6, 30))
    assert month.row("0.1").period == (len(june) or None)
    assert month.row("0.1").cumulative == sum(1 for a in log if a.held_on.month <= 6)
