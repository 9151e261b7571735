"""Scheduling that matches a day: a bulletin in the morning session, the evening one or both;
event notices that stop after the event; nothing expired on air."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from loalang.radio.models import Bulletin
from loalang.radio.selectors import programme_for_day
from loalang.radio.services import bulletin_notice_for_event, bulletin_put_on_air
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 27)


@pytest.fixture
def sessions(commune):  # type: ignore[no-untyped-def]
    ClusterFactory(commune=commune, name="Cụm Khằm")
    morning = SlotFactory(commune=commune, name="Buổi sáng", starts_at=dt.time(6))
    evening = SlotFactory(commune=commune, name="Buổi chiều", starts_at=dt.time(17))
    return morning, evening


def titles(programme):  # type: ignore[no-untyped-def]
    return [i.bulletin.title for i in programme.items if not i.is_fallback]


def test_bulletin_airs_only_in_the_sessions_it_is_placed_in(commune, sessions):
    morning, evening = sessions
    aired_bulletin(commune, title="Mọi buổi")
    only_morning = aired_bulletin(commune, title="Chỉ buổi sáng")
    only_morning.slots.set([morning])
    both = aired_bulletin(commune, title="Cả hai buổi")
    both.slots.set([morning, evening])
    am, pm = programme_for_day(commune=commune, day=DAY)
    assert titles(am) == ["Mọi buổi", "Chỉ buổi sáng", "Cả hai buổi"]
    assert titles(pm) == ["Mọi buổi", "Cả hai buổi"]


def test_officer_places_a_bulletin_in_the_evening_session(client, commune, sessions, culture_user):
    _morning, evening = sessions
    client.force_login(culture_user)
    response = client.post(
        reverse("radio:bulletin_create", kwargs={"commune_slug": commune.slug}),
        {
            "title": "Lịch thu gom rác",
            "script": "Thông báo lịch thu gom rác thải tháng mười hai.",
            "source": "commune",
            "priority": Bulletin.Priority.NORMAL,
            "slots": [evening.pk],
        },
    )
    assert response.status_code == 302
    bulletin = Bulletin.objects.get(title="Lịch thu gom rác")
    assert list(bulletin.slots.all()) == [evening]
    page = client.get(response["Location"]).content.decode()
    assert "Buổi chiều" in page


def test_a_slot_of_another_commune_is_refused(commune, culture_user):
    from loalang.radio.services import bulletin_create_draft
    from loalang.testing.factories import CommuneFactory

    foreign = SlotFactory(commune=CommuneFactory())
    with pytest.raises(ValidationError):
        bulletin_create_draft(
            commune=commune, title="x", script="Nội dung.", actor=culture_user, slots=[foreign]
        )


def test_programme_never_airs_an_expired_bulletin(commune, sessions):
    aired_bulletin(commune, title="Hết hạn hôm qua", valid_until=DAY - dt.timedelta(days=1))
    aired_bulletin(commune, title="Hết hạn hôm nay", valid_until=DAY)
    for programme in programme_for_day(commune=commune, day=DAY):
        assert titles(programme) == ["Hết hạn hôm nay"]
    for programme in programme_for_day(commune=commune, day=DAY + dt.timedelta(days=1)):
        assert titles(programme) == []


def test_an_expired_emergency_cannot_be_put_on_air(commune, sessions, culture_user):
    expired = aired_bulletin(
        commune,
        title="Bão số 5",
        priority=Bulletin.Priority.EMERGENCY,
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        bulletin_put_on_air(bulletin=expired, actor=culture_user)


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False)
def test_event_notice_airs_until_the_event_and_not_after(commune, sessions, culture_user):
    tz = timezone.get_default_timezone()
    starts = dt.datetime(2026, 11, 27, 7, 30, tzinfo=tz)
    bulletin = bulletin_notice_for_event(
        commune=commune,
        title="Hội nghị tập huấn chuyển đổi số",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        place="Nhà văn hóa thôn Khằm",
        description="",
        actor=culture_user,
    )
    assert bulletin.valid_from == dt.date(2026, 11, 20)
    assert bulletin.valid_until == dt.date(2026, 11, 27)
    assert "7 giờ 30" in bulletin.script and "27/11/2026" in bulletin.script
    assert "Nhà văn hóa thôn Khằm" in bulletin.script
    assert bulletin.is_valid_on(dt.date(2026, 11, 27))
    assert not bulletin.is_valid_on(dt.date(2026, 11, 28))


def test_event_page_makes_a_radio_notice(client, commune, sessions, culture_user):
    from loalang.portal.models import PublicEvent

    tz = timezone.get_default_timezone()
    event = PublicEvent.objects.create(
        commune=commune,
        title="Ngày hội cài VNeID",
        starts_at=dt.datetime(2027, 1, 9, 8, tzinfo=tz),
        ends_at=dt.datetime(2027, 1, 10, 11, tzinfo=tz),
        place="Sân UBND xã",
    )
    client.force_login(culture_user)
    edit = reverse("portal_staff:event_edit", kwargs={"commune_slug": commune.slug, "pk": event.pk})
    assert "Tạo thông báo phát thanh" in client.get(edit).content.decode()
    url = reverse(
        "portal_staff:event_to_radio", kwargs={"commune_slug": commune.slug, "pk": event.pk}
    )
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    bulletin = Bulletin.objects.get(origin_type="portal.publicevent", origin_id=str(event.pk))
    assert bulletin.valid_until == dt.date(2027, 1, 10)
    assert bulletin.status == Bulletin.Status.DRAFT


def test_a_broadcast_cannot_be_confirmed_before_its_time(commune, sessions, culture_user):
    from loalang.radio.services import broadcast_confirm

    morning, _evening = sessions
    bulletin = aired_bulletin(commune, title="Lịch họp")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="chưa đến giờ"):
        broadcast_confirm(
            commune=commune, bulletin=bulletin, slot=morning, aired_on=tomorrow,
            clusters=list(commune.radio_clusters.all()), actor=culture_user,
        )  # fmt: skip


def test_whole_session_aired_in_one_action_with_real_lengths(
    client, commune, sessions, culture_user
):
    from loalang.radio.models import BroadcastLog

    morning, evening = sessions
    one = aired_bulletin(commune, title="Một", valid_from=DAY, valid_until=DAY)
    two = aired_bulletin(commune, title="Hai", valid_from=DAY, valid_until=DAY)
    client.force_login(culture_user)
    log_url = reverse("radio:log", kwargs={"commune_slug": commune.slug})
    page = client.get(log_url, {"date": DAY.isoformat()}).content.decode()
    assert "Cả buổi 06:00 Buổi sáng đã phát đủ" in page
    response = client.post(
        reverse("radio:log_confirm_session", kwargs={"commune_slug": commune.slug}),
        {"slot": morning.pk, "day": DAY.isoformat()},
    )
    assert response.status_code == 302
    logs = BroadcastLog.objects.filter(slot=morning, aired_on=DAY)
    assert {lg.bulletin for lg in logs} == {one, two}
    for log in logs:
        version = log.bulletin.versions.get()
        assert log.seconds_aired == math.ceil(version.duration_seconds)
        assert list(log.clusters.all()) == list(commune.radio_clusters.all())
    assert not BroadcastLog.objects.filter(slot=evening).exists()
    again = client.post(
        reverse("radio:log_confirm_session", kwargs={"commune_slug": commune.slug}),
        {"slot": morning.pk, "day": DAY.isoformat()},
        follow=True,
    )
    assert "không còn bản tin nào chờ xác nhận" in again.content.decode()


def test_log_page_offers_no_confirmation_before_the_session(
    client, commune, sessions, culture_user
):
    aired_bulletin(commune, title="Ngày mai")
    client.force_login(culture_user)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = client.get(
        reverse("radio:log", kwargs={"commune_slug": commune.slug}), {"date": tomorrow.isoformat()}
    ).content.decode()
    assert "Chưa đến giờ phát" in page and "đã phát đủ" not in page
