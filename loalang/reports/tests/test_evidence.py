"""The evidence a report lists per indicator: how many verified activities count, and the
latest few, whatever the number of rows an activity has in the indicator's table."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from loalang.reports.compute import Window
from loalang.reports.evidence import LIMIT, indicator_evidence
from loalang.reports.tests.factories import activity, printed
from loalang.testing.factories import VillageFactory

D = dt.date
YEAR = Window.for_period(D(2023, 1, 1), D(2023, 12, 31))


def _indicator(code: str, rule: str) -> SimpleNamespace:
    return SimpleNamespace(code=code, rule=rule, params={})


def test_evidence_counts_each_activity_once_and_lists_the_latest_first(commune):
    villages = [VillageFactory(commune=commune) for _ in range(3)]
    acts = [
        printed(commune, on=D(2023, 2, day), copies=100, distributed={v: 10 for v in villages})
        for day in range(1, LIMIT + 3)  # more than LIMIT, each in three villages
    ]
    printed(commune, on=D(2023, 3, 1), copies=9, distributed={villages[0]: 1}, status="reported")
    printed(commune, on=D(2022, 12, 31), copies=9, distributed={villages[0]: 1})  # before
    activity(commune, on=D(2023, 4, 1))  # another table
    counts, records = indicator_evidence([_indicator("4.2", "copies_distributed")], commune, YEAR)
    assert counts == {"4.2": LIMIT + 2}
    newest = sorted(acts, key=lambda a: a.held_on, reverse=True)[:LIMIT]
    assert [r["ref"] for r in records["4.2"]] == [f"HĐ-{a.pk}" for a in newest]
    assert records["4.2"][0]["on"] == "2023-02-07"


def test_evidence_of_an_indicator_with_nothing_counted_is_zero_and_empty(commune):
    activity(commune, on=D(2023, 4, 1), status="reported")
    counts, records = indicator_evidence([_indicator("4.2", "copies_distributed")], commune, YEAR)
    assert counts == {"4.2": 0}
    assert records == {"4.2": []}
