import logging

import pytest

from loalang.activities import demo
from loalang.activities.coverage import coverage_matrix, village_heatmap
from loalang.activities.models import Activity
from loalang.activities.tests.factories import PlanFactory, themes_for
from loalang.events.models import Attendee
from loalang.testing.factories import CommuneFactory, DigitalTeamFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_without_the_2023_plan_nothing_is_created(caplog):
    commune = CommuneFactory()
    with caplog.at_level(logging.WARNING):
        demo.load(commune)
    assert not Activity.objects.exists()
    assert "no 2023 plan" in caplog.text


def test_demo_year_is_plausible_deterministic_and_idempotent():
    commune = CommuneFactory()
    themes_for(PlanFactory(commune=commune, year=2023), "abcdeg")
    villages = [VillageFactory(commune=commune, name=n) for n in ("Khằm", "Nán", "Ấm")]
    DigitalTeamFactory(commune=commune, village=villages[0])
    demo.load(commune)
    first = list(
        Activity.objects.order_by("client_token").values_list("client_token", "held_on", "status")
    )
    assert len(first) > 100
    assert all(a.is_sample for a in Activity.objects.all())
    assert {a.held_on.year for a in Activity.objects.all()} == {2023}
    assert Activity.objects.filter(status="verified").count() > 0.8 * len(first)
    assert Attendee.objects.filter(consent__isnull=False).count() == 4
    demo.load(commune)
    again = list(
        Activity.objects.order_by("client_token").values_list("client_token", "held_on", "status")
    )
    assert again == first
    matrix = coverage_matrix(commune=commune, year=2023)
    assert {r.letter for r in matrix.rows} >= set("abcdeg")
    heat = {r.label: r for r in village_heatmap(commune=commune, year=2023)}
    # The remote village (last) misses team rounds some months: the heatmap shows it lighter.
    assert heat[str(villages[2])].total < heat[str(villages[0])].total
