import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from loalang.activities.tests.factories import ActivityFactory
from loalang.core.models import AuditEntry
from loalang.events import services
from loalang.events.models import Attendee, ConsentRecord, DataRequest, Event
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(commune):
    activity = ActivityFactory(commune=commune)
    return Event.objects.create(activity=activity, officials=2, residents=20, women=8)


def _add(event, actor, name="Lò Thị Mai", phone="0912 345 678", **kw):
    notice = services.consent_notice_current(commune=event.activity.commune, actor=actor)
    return services.attendee_add(
        event=event,
        actor=actor,
        full_name=name,
        phone=phone,
        group="resident",
        has_consent=True,
        method="paper",
        notice=notice,
        **kw,
    )


def test_attendee_needs_consent_and_records_it(event, culture_user):
    notice = services.consent_notice_current(commune=event.activity.commune)
    with pytest.raises(ValidationError):
        services.attendee_add(
            event=event,
            actor=culture_user,
            full_name="A",
            group="resident",
            has_consent=False,
            method="paper",
            notice=notice,
        )
    assert not Attendee.objects.exists()
    a = _add(event, culture_user)
    consent = ConsentRecord.objects.get(attendee=a)
    assert consent.notice.version == "1" and consent.collected_by == culture_user
    assert a.phone == "0912345678"
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in consent.notice.text


def test_list_masks_phones(client, event, culture_user, outsider):
    _add(event, culture_user)
    client.force_login(culture_user)
    url = reverse(
        "events:attendees",
        kwargs={"commune_slug": event.activity.commune.slug, "activity_pk": event.activity_id},
    )
    body = client.get(url).content.decode()
    assert "Lò Thị Mai" in body and "0912 xxx 678" in body and "0912345678" not in body
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_add_attendee_through_page_requires_consent_box(client, event, culture_user):
    client.force_login(culture_user)
    url = reverse(
        "events:attendees",
        kwargs={"commune_slug": event.activity.commune.slug, "activity_pk": event.activity_id},
    )
    data = {"full_name": "Hà Văn Khánh", "group": "resident", "method": "paper"}
    body = client.post(url, data).content.decode()
    assert "Chỉ ghi tên người đã đồng ý" in body
    assert client.post(url, {**data, "has_consent": "on"}).status_code == 302
    assert Attendee.objects.get().full_name == "Hà Văn Khánh"
    assert client.delete(url).status_code == 405


def test_withdraw_clears_phone(event, culture_user):
    a = services.consent_withdraw(attendee=_add(event, culture_user), actor=culture_user)
    assert a.phone == "" and a.consent.withdrawn_at is not None


def test_find_export_and_erase_keep_counts_and_log(client, event, culture_user):
    commune = event.activity.commune
    _add(event, culture_user, name="Lò Thị Mai")
    other_event = Event.objects.create(activity=ActivityFactory(commune=commune), residents=5)
    _add(other_event, culture_user, name="Lo Thi Mai", phone="")
    _add(event, culture_user, name="Hà Văn Khánh", phone="0987654321")
    found = services.person_find(commune=commune, name="lo thi mai")
    assert found.count() == 2
    client.force_login(culture_user)
    base = {"commune_slug": commune.slug}
    page = client.get(
        reverse("events:requests", kwargs=base), {"name": "Lò Thị Mai", "received_on": "2026-01-05"}
    )
    assert page.context["matches"].count() == 2
    ids = [a.pk for a in found]
    response = client.post(
        reverse("events:request_handle", kwargs=base),
        {"ids": ids, "name": "Lò Thị Mai", "received_on": "2026-01-05", "action": "export"},
    )
    payload = json.loads(response.content)
    assert (
        len(payload["du_lieu"]) == 2
        and payload["du_lieu"][0]["dong_y"]["phien_ban_thong_bao"] == "1"
    )
    client.post(
        reverse("events:request_handle", kwargs=base),
        {"ids": ids, "name": "Lò Thị Mai", "received_on": "2026-01-05", "action": "erase"},
    )
    assert list(Attendee.objects.values_list("full_name", flat=True)) == ["Hà Văn Khánh"]
    event.refresh_from_db()
    assert event.participants == 22  # aggregate counts stay
    log = list(DataRequest.objects.order_by("id").values_list("kind", "records_affected"))
    assert log == [("export", 2), ("erase", 2)]
    assert AuditEntry.objects.filter(verb="data_request.erased").exists()


def test_erase_refuses_other_communes_rows(event, other_commune, culture_user):
    a = _add(event, culture_user)
    with pytest.raises(ValidationError):
        services.person_erase(
            commune=other_commune,
            actor=culture_user,
            attendees=[a],
            name="x",
            phone="",
            received_on=a.created_at.date(),
        )
    assert Attendee.objects.filter(pk=a.pk).exists()


def test_consent_notice_print_view_and_new_version(client, commune, culture_user):
    client.force_login(culture_user)
    url = reverse("events:notice", kwargs={"commune_slug": commune.slug})
    body = client.get(url).content.decode()
    assert "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN" in body and "Đồng ý (ký tên)" in body
    assert client.post(url).status_code == 405
    edit = reverse("events:notice_edit", kwargs={"commune_slug": commune.slug})
    client.post(
        edit,
        {"version": "2", "purpose": "Điểm danh", "text": "Nội dung mới", "retention_months": 12},
    )
    assert "Phiên bản 2" in client.get(url).content.decode()
    body = client.post(
        edit, {"version": "2", "purpose": "x", "text": "y", "retention_months": 12}
    ).content.decode()
    assert "Phiên bản này đã có" in body


def test_village_is_limited_to_the_commune(event, other_commune, culture_user):
    with pytest.raises(ValidationError):
        _add(event, culture_user, village=VillageFactory(commune=other_commune))


def test_event_totals_are_aggregates_of_verified_events(commune, django_assert_max_num_queries):
    import datetime as dt

    from loalang.events.selectors import event_totals

    verified = ActivityFactory(commune=commune, status="verified", held_on=dt.date(2023, 5, 1))
    Event.objects.create(activity=verified, officials=3, residents=20, women=9)
    pending = ActivityFactory(commune=commune, held_on=dt.date(2023, 5, 2))
    Event.objects.create(activity=pending, residents=99)
    with django_assert_max_num_queries(1):
        totals = event_totals(
            communes=[commune], start=dt.date(2023, 1, 1), end=dt.date(2024, 1, 1)
        )
    assert totals == {
        "events": 1,
        "officials": 3,
        "team_members": 0,
        "residents": 20,
        "women": 9,
        "ethnic_minorities": 0,
        "participants": 23,
    }
