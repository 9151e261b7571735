"""Write endpoints go through the apps' services: validated, audited, idempotent."""

from __future__ import annotations

import uuid

import pytest

from loalang.activities.models import Activity
from loalang.core.models import AuditEntry
from loalang.radio.models import Bulletin
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


def v1(commune, path: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/{commune.slug}/{path}"


def broadcast(**over):  # type: ignore[no-untyped-def]
    body = {
        "kind": "radio_broadcast",
        "title": "Phát bản tin chuyển đổi số",
        "held_on": "2026-11-20",
        "minutes": 15,
        "detail": {"station": "Cụm loa thôn Sài Khao", "times_aired": 2},
    }
    body.update(over)
    return body


def test_vendor_posts_a_broadcast_log_once(api, commune):
    village = VillageFactory(commune=commune)
    token = str(uuid.uuid4())
    first = api.post(
        v1(commune, "activities"), broadcast(client_token=token, village_ids=[village.pk])
    )
    assert first.status_code == 201, first.content
    again = api.post(
        v1(commune, "activities"), broadcast(client_token=token, village_ids=[village.pk])
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.REPORTED and activity.minutes == 15
    assert list(activity.villages.all()) == [village]
    assert AuditEntry.objects.filter(verb="activity.recorded").count() == 1


def test_invalid_activity_is_422_and_nothing_saved(api, commune, other_commune):
    foreign = VillageFactory(commune=other_commune)
    cases = [
        broadcast(title=""),
        broadcast(held_on="2026-02-30"),
        broadcast(kind="teleport"),
        broadcast(village_ids=[foreign.pk]),
        broadcast(detail={"id": 1}),
        broadcast(detail={"station": "x\x00y"}),
        broadcast(ended_on="2026-01-01"),
        broadcast(reach=-5),
    ]
    for body in cases:
        response = api.post(v1(commune, "activities"), body)
        assert response.status_code == 422, (body, response.content)
    assert not Activity.objects.exists()


def test_province_pushes_a_bulletin_once_and_other_content_under_its_ref_is_409(api, commune):
    body = {
        "external_ref": "STTTT-2026-041",
        "title": "Cảnh giác lừa đảo qua mạng",
        "script": "Bà con lưu ý…",
    }
    first = api.post(v1(commune, "bulletins"), body)
    assert first.status_code == 201, first.content
    assert first.json()["source"] == "province"
    again = api.post(v1(commune, "bulletins"), body)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    changed = api.post(v1(commune, "bulletins"), {**body, "title": "Cảnh giác lừa đảo"})
    assert changed.status_code == 409 and "external_ref" in changed.json()["detail"]
    assert Bulletin.objects.get().title == "Cảnh giác lừa đảo qua mạng"


def test_bulletin_from_the_commune_source_is_refused(api, commune):
    response = api.post(
        v1(commune, "bulletins"), {"external_ref": "x", "title": "t", "source": "commune"}
    )
    assert response.status_code == 422
    assert not Bulletin.objects.exists()


def test_writes_need_their_scope(client, commune, culture_user):
    from loalang.api.tokens import api_token_create

    _t, raw = api_token_create(commune=commune, name="r", scopes=["read"], actor=culture_user)
    response = client.post(
        v1(commune, "activities"),
        broadcast(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_write_to_another_commune_is_404(api, commune, other_commune):
    assert api.post(v1(other_commune, "activities"), broadcast()).status_code == 404


def test_malformed_json_is_a_4xx(client, commune, key):
    response = client.post(
        v1(commune, "activities"),
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert 400 <= response.status_code < 500
