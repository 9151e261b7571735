from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from loalang.commendations.models import Commendation
from loalang.commendations.selectors import commendation_list, commendation_list_public
from loalang.commendations.services import commendation_create, commendation_update
from loalang.core.models import AuditEntry
from loalang.tasks.tests.factories import make_activity
from loalang.testing.factories import DigitalTeamFactory, PersonFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_create_keeps_subject_name_and_links_activities(commune, culture_user):
    team = DigitalTeamFactory(commune=commune, name="Tổ CNSCĐ bản Khằm")
    activity = make_activity(commune, title="Hướng dẫn cài VNeID")
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="team",
        team=team,
        reason="Hướng dẫn 120 hộ",
        awarded_on=dt.date(2023, 12, 20),
        activities=[activity],
    )
    assert c.subject_name == "Tổ CNSCĐ bản Khằm"
    assert list(c.activities.all()) == [activity]
    assert AuditEntry.objects.filter(verb="commendation.created").exists()


def test_subject_must_match_kind(commune, culture_user):
    village = VillageFactory(commune=commune)
    with pytest.raises(ValidationError) as exc:
        commendation_create(
            commune=commune,
            actor=culture_user,
            subject_kind="person",
            village=village,
            reason="x",
            awarded_on=dt.date(2023, 1, 1),
        )
    assert "person" in exc.value.message_dict
    assert not Commendation.objects.exists()


def test_cross_commune_subject_or_activity_refused(commune, other_commune, culture_user):
    with pytest.raises(ValidationError):
        commendation_create(
            commune=commune,
            actor=culture_user,
            subject_kind="person",
            person=PersonFactory(commune=other_commune),
            reason="x",
            awarded_on=dt.date(2023, 1, 1),
        )
    with pytest.raises(ValidationError):
        commendation_create(
            commune=commune,
            actor=culture_user,
            subject_kind="village",
            village=VillageFactory(commune=commune),
            reason="x",
            awarded_on=dt.date(2023, 1, 1),
            activities=[make_activity(other_commune)],
        )


def test_update_switching_kind_clears_old_subject(commune, culture_user):
    village = VillageFactory(commune=commune)
    person = PersonFactory(commune=commune, full_name="Lò Thị Mai")
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="village",
        village=village,
        reason="x",
        awarded_on=dt.date(2023, 1, 1),
    )
    c = commendation_update(
        commendation=c, actor=culture_user, subject_kind="person", person=person
    )
    assert c.village_id is None and c.subject_name == "Lò Thị Mai"


def test_selectors_for_reports_and_portal(
    commune, other_commune, culture_user, django_assert_max_num_queries
):
    v = VillageFactory(commune=commune)
    for day, public in ((1, True), (15, False), (28, True)):
        commendation_create(
            commune=commune,
            actor=culture_user,
            subject_kind="village",
            village=v,
            reason="x",
            awarded_on=dt.date(2023, 6, day),
            is_public=public,
        )
    with django_assert_max_num_queries(2):
        rows = list(
            commendation_list(
                commune=commune, date_from=dt.date(2023, 6, 10), date_to=dt.date(2023, 6, 30)
            )
        )
        assert [r.awarded_on.day for r in rows] == [28, 15]
        assert [list(r.activities.all()) for r in rows] == [[], []]
    with django_assert_max_num_queries(1):
        public = commendation_list_public(commune=commune, limit=5)
        assert [c.awarded_on.day for c in public] == [28, 1]
    assert commendation_list_public(commune=other_commune, limit=5) == []


def u(name, commune, **kw):  # type: ignore[no-untyped-def]
    return reverse(f"commendations:{name}", kwargs={"commune_slug": commune.slug, **kw})


def test_create_through_form(client, commune, culture_user):
    v = VillageFactory(commune=commune, name="Nán")
    client.force_login(culture_user)
    response = client.post(
        u("create", commune),
        {
            "subject_kind": "village",
            "village": v.pk,
            "reason": "Dẫn đầu về tỷ lệ VNeID",
            "awarded_on": "2023-12-20",
            "is_public": "on",
        },
    )
    c = Commendation.objects.get()
    assert response["Location"] == u("detail", commune, pk=c.pk)
    assert c.is_public and c.subject_name == "Bản Nán"
    assert "Dẫn đầu" in client.get(u("list", commune)).content.decode()


def test_form_error_when_subject_missing(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        u("create", commune), {"subject_kind": "team", "reason": "x", "awarded_on": "2023-12-20"}
    )
    assert response.status_code == 200
    assert "Hãy chọn đối tượng được biểu dương" in response.content.decode()


def test_outsider_gets_404(client, commune, outsider, culture_user):
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="village",
        village=VillageFactory(commune=commune),
        reason="x",
        awarded_on=dt.date(2023, 1, 1),
    )
    client.force_login(outsider)
    assert client.get(u("detail", commune, pk=c.pk)).status_code == 404
    assert client.post(u("delete", commune, pk=c.pk)).status_code == 404


def test_wrong_methods(client, commune, culture_user):
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="village",
        village=VillageFactory(commune=commune),
        reason="x",
        awarded_on=dt.date(2023, 1, 1),
    )
    client.force_login(culture_user)
    assert client.get(u("delete", commune, pk=c.pk)).status_code == 405
    assert client.post(u("list", commune)).status_code == 405


def test_edit_and_delete_through_pages(client, commune, culture_user):
    v = VillageFactory(commune=commune, name="Ấm")
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="village",
        village=v,
        reason="x",
        awarded_on=dt.date(2023, 1, 1),
    )
    client.force_login(culture_user)
    assert "Bản Ấm" in client.get(u("detail", commune, pk=c.pk)).content.decode()
    response = client.post(
        u("edit", commune, pk=c.pk),
        {
            "subject_kind": "village",
            "village": v.pk,
            "reason": "Thành tích mới",
            "awarded_on": "2023-02-01",
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.reason == "Thành tích mới" and c.awarded_on == dt.date(2023, 2, 1)
    assert client.post(u("delete", commune, pk=c.pk))["Location"] == u("list", commune)
    assert not Commendation.objects.exists()
