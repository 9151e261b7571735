"""Read endpoints: one commune's records, paginated, filtered, with bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest

from loalang.activities.tests.factories import ActivityFactory
from loalang.radio.tests.factories import BulletinFactory
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


def v1(commune, path: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/{commune.slug}/{path}"


def test_activities_are_paginated_filtered_and_scoped(
    api, commune, other_commune, django_assert_max_num_queries
):
    village = VillageFactory(commune=commune)
    for day in range(1, 8):
        a = ActivityFactory(commune=commune, held_on=dt.date(2026, 3, day))
        a.villages.add(village)
    ActivityFactory(commune=other_commune)
    with django_assert_max_num_queries(8):
        response = api.get(v1(commune, "activities"), page_size=5)
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 7 and len(body["items"]) == 5
    assert body["items"][0]["held_on"] == "2026-03-07"  # newest first
    assert body["items"][0]["village_ids"] == [village.pk]
    page2 = api.get(v1(commune, "activities"), page_size=5, page=2).json()
    assert len(page2["items"]) == 2
    filtered = api.get(
        v1(commune, "activities"), held_from="2026-03-03", held_to="2026-03-04"
    ).json()
    assert filtered["count"] == 2


def test_detail_of_another_communes_record_is_404(api, commune, other_commune):
    mine = ActivityFactory(commune=commune)
    theirs = ActivityFactory(commune=other_commune)
    assert api.get(v1(commune, f"activities/{mine.pk}")).status_code == 200
    assert api.get(v1(commune, f"activities/{theirs.pk}")).status_code == 404
    assert api.get(v1(other_commune, "activities")).status_code == 404


def test_bulletins_filter_by_status(api, commune):
    BulletinFactory(commune=commune, status="draft")
    BulletinFactory(commune=commune, status="approved")
    body = api.get(v1(commune, "bulletins"), status="approved").json()
    assert body["count"] == 1 and body["items"][0]["status"] == "approved"


def test_bad_filter_values_are_422(api, commune):
    assert api.get(v1(commune, "activities"), held_from="not-a-date").status_code == 422
    assert api.get(v1(commune, "activities"), page_size=10_000).status_code == 422
    assert api.get(v1(commune, "bulletins"), status="nonsense").status_code == 422
    assert api.get(v1(commune, "activities/99999999999999999999")).status_code == 422


@pytest.mark.parametrize(
    "path", ["plans", "activities", "articles", "bulletins", "indicators", "reports"]
)
def test_every_list_answers_with_bounded_queries(api, commune, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = api.get(v1(commune, path))
    assert response.status_code == 200
    assert set(response.json()) == {"items", "count"}


def test_lists_refuse_other_methods(api, commune):
    assert api.method("delete", v1(commune, "activities")).status_code == 405
    assert api.method("put", v1(commune, "plans")).status_code == 405


def test_read_needs_the_read_scope(client, commune, culture_user):
    from loalang.api.tokens import api_token_create

    _t, raw = api_token_create(
        commune=commune, name="w", scopes=["activities:write"], actor=culture_user
    )
    response = client.get(v1(commune, "plans"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
