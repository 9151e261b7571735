import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from loalang.accounts.access import scope_for
from loalang.activities.coverage import (
    attention_items,
    coverage_matrix,
    gaps,
    target_progress,
    village_heatmap,
)
from loalang.activities.details import TeamGuidance
from loalang.activities.summary import coverage_rebuild, coverage_refresh
from loalang.activities.tests.factories import ActivityFactory, PlanFactory, themes_for
from loalang.plans.models import PlanTarget
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(commune):
    plan = PlanFactory(commune=commune, year=2023)
    themes = themes_for(plan, "abc")
    v1, v2 = (
        VillageFactory(commune=commune, name="Khằm"),
        VillageFactory(commune=commune, name="Nán"),
    )
    return plan, themes, v1, v2


def _act(commune, day, themes=(), villages=(), status="verified", **kw):
    """An activity written straight to the tables, then the summary refreshed for its month
    (what the services do in the same transaction)."""
    a = ActivityFactory(commune=commune, held_on=day, status=status, **kw)
    a.themes.set(themes)
    a.villages.set(villages)
    coverage_refresh(commune_id=commune.pk, days=[day])
    return a


def test_matrix_counts_only_verified(commune, setup, django_assert_max_num_queries):
    _plan, t, v1, v2 = setup
    _act(commune, dt.date(2023, 1, 5), [t["a"]], [v1])
    _act(
        commune, dt.date(2023, 1, 20), [t["a"], t["b"]], [v1], kind="social_post", channel="social"
    )
    _act(commune, dt.date(2023, 2, 3), [t["a"]], [v2], status="reported")
    _act(commune, dt.date(2022, 12, 31), [t["a"]], [v2])
    with django_assert_max_num_queries(2):
        m = coverage_matrix(commune=commune, year=2023)
    rows = {(r.letter, r.channel): r for r in m.rows}
    assert rows[("a", "event")].cells[0].n == 1
    assert rows[("a", "social")].cells[0].n == 1
    assert rows[("a", "")].total == 2  # theme total row
    assert rows[("b", "social")].total == 1
    assert ("c", "") in rows and rows[("c", "")].total == 0
    assert m.total == 2
    assert any("c)" in name for name in m.themes_without)


def test_matrix_for_a_province_groups_by_letter(commune, other_commune, setup):
    _plan, t, _v1, _ = setup
    other_commune.province = commune.province
    other_commune.save()
    t2 = themes_for(PlanFactory(commune=other_commune, year=2023), "a")
    _act(commune, dt.date(2023, 3, 1), [t["a"]])
    _act(other_commune, dt.date(2023, 3, 2), [t2["a"]])
    m = coverage_matrix(province=commune.province, year=2023)
    rows = {(r.letter, r.channel): r for r in m.rows}
    assert rows[("a", "event")].cells[2].n == 2


def test_heatmap_per_village_and_commune_wide(commune, setup, django_assert_max_num_queries):
    _, _t, v1, v2 = setup
    _act(commune, dt.date(2023, 4, 1), villages=[v1, v2])
    _act(commune, dt.date(2023, 4, 2))
    with django_assert_max_num_queries(4):
        rows = village_heatmap(commune=commune, year=2023)
    by = {r.label: r for r in rows}
    assert by[str(v1)].cells[3].n == 1 and by[str(v2)].cells[3].n == 1
    assert by["Toàn xã"].cells[3].n == 1
    assert by[str(v1)].cells[4].n == 0 and by[str(v1)].cells[4].level == 0


def test_targets_total_and_per_village(commune, setup, django_assert_max_num_queries):
    plan, _t, v1, _v2 = setup
    total = PlanTarget.objects.create(
        plan=plan, description="200 hộ được hướng dẫn", metric="households", target_value=200
    )
    per_village = PlanTarget.objects.create(
        plan=plan,
        description="Mỗi thôn 1 hoạt động/tháng",
        metric="activity_count",
        target_value=1,
        period="month",
        per_village=True,
    )
    a = _act(
        commune, dt.date(2023, 6, 3), villages=[v1], kind="team_guidance", channel="team_guidance"
    )
    TeamGuidance.objects.create(activity=a, households=50, people=80)
    b = _act(
        commune,
        dt.date(2023, 6, 9),
        villages=[v1],
        kind="team_guidance",
        channel="team_guidance",
        status="reported",
    )
    TeamGuidance.objects.create(activity=b, households=500, people=800)
    with django_assert_max_num_queries(6):
        progress = {p.target.pk: p for p in target_progress(plan=plan, today=dt.date(2023, 6, 20))}
    assert progress[total.pk].value == 50 and progress[total.pk].percent == 25
    assert not progress[total.pk].is_met
    assert (
        progress[per_village.pk].villages_met == 1 and progress[per_village.pk].villages_total == 2
    )


def test_gaps_and_attention_items(commune, setup, culture_user):
    _plan, t, v1, v2 = setup
    _act(commune, dt.date(2023, 6, 1), [t["a"]], [v1])
    village_gaps, theme_gaps = gaps(commune=commune, today=dt.date(2023, 6, 20))
    assert [g.label for g in village_gaps] == [str(v2)]
    assert {g.label.split(")")[0] for g in theme_gaps} == {"b", "c"}
    _act(commune, dt.date(2023, 6, 2), status="reported")
    with time_machine.travel(dt.datetime(2023, 6, 20, 3, 0, tzinfo=dt.UTC)):
        items = attention_items(commune, scope_for(culture_user, commune))
    texts = " ".join(i.text for i in items)
    assert "1 hoạt động đang chờ xác nhận" in texts
    assert "Nán" in texts and "b)" in texts


def test_coverage_page(client, commune, setup, culture_user, outsider):
    plan, t, v1, v2 = setup
    _act(commune, dt.date(2023, 6, 1), [t["a"]], [v1])
    PlanTarget.objects.create(
        plan=plan,
        description="80 hộ được hướng dẫn",
        metric="households",
        target_value=80,
        village=v2,
    )
    client.force_login(culture_user)
    url = reverse("activities:coverage", kwargs={"commune_slug": commune.slug}) + "?year=2023"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nội dung × kênh × tháng" in body and "Khằm" in body
    assert f"{v2}: 80 hộ được hướng dẫn" in body  # a village's own target names the village
    assert client.post(url).status_code == 405
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_summary_follows_verify_edit_and_return(commune, setup, culture_user):
    from loalang.activities import services

    _, t, v1, _ = setup
    a = _act(commune, dt.date(2023, 7, 1), [t["a"]], [v1], status="reported")

    def july():
        m = coverage_matrix(commune=commune, year=2023)
        return sum(r.cells[6].n for r in m.rows if not r.is_theme_total), m.total

    assert july() == (0, 0)
    services.activity_verify(activity=a, actor=culture_user)
    assert july() == (1, 1)
    services.activity_update(
        activity=a, actor=culture_user, fields={"held_on": dt.date(2023, 8, 1)}
    )
    assert july() == (0, 0)  # edited → reported again, and moved
    services.activity_verify(activity=a, actor=culture_user)
    services.activity_return(activity=a, actor=culture_user, comment="Sai ngày")
    assert coverage_matrix(commune=commune, year=2023).total == 0


def test_rebuild_equals_incremental(commune, setup):
    _, t, v1, v2 = setup
    for i in range(1, 13):
        _act(commune, dt.date(2023, i, 10), [t["a"], t["b"]][: 1 + i % 2], [v1, v2][: 1 + i % 2])
    before = coverage_matrix(commune=commune, year=2023)
    province_before = coverage_matrix(province=commune.province, year=2023)
    heat = village_heatmap(commune=commune, year=2023)
    coverage_rebuild()
    assert coverage_matrix(commune=commune, year=2023) == before
    assert coverage_matrix(province=commune.province, year=2023) == province_before
    assert province_before.total == 12
    assert village_heatmap(commune=commune, year=2023) == heat
