"""Programmes, the broadcast log, the activity log, vendor CSV and emergencies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from loalang.activities.models import Activity
from loalang.radio.models import BroadcastLog, Bulletin, Cluster, Language, Slot
from loalang.radio.selectors import broadcast_day, programme_for_day, radio_totals
from loalang.radio.services import (
    broadcast_confirm,
    broadcast_import_vendor_csv,
    bulletin_put_on_air,
)
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 27)  # a Friday


@pytest.fixture
def station(commune):
    village_a = VillageFactory(commune=commune, name="Khằm")
    village_b = VillageFactory(commune=commune, name="Nán")
    a = ClusterFactory(commune=commune, name="Cụm Khằm", code="AT-001")
    a.villages.set([village_a])
    b = ClusterFactory(commune=commune, name="Cụm Nán", code="AT-002")
    b.villages.set([village_b])
    broken = ClusterFactory(commune=commune, name="Cụm hỏng", status=Cluster.Status.BROKEN)
    morning = SlotFactory(commune=commune, name="Sáng", starts_at=dt.time(6))
    return {
        "a": a,
        "b": b,
        "broken": broken,
        "morning": morning,
        "villages": (village_a, village_b),
    }


def test_programme_puts_priority_first_and_skips_broken_clusters(
    commune, station, django_assert_max_num_queries
):
    normal = aired_bulletin(commune, title="Thường")
    urgent = aired_bulletin(commune, title="Ưu tiên", priority=Bulletin.Priority.PRIORITY)
    only_a = aired_bulletin(commune, title="Chỉ Khằm", clusters=[station["a"]])
    aired_bulletin(commune, title="Hết hạn", valid_until=DAY - dt.timedelta(days=1))
    aired_bulletin(commune, title="Chưa tới", valid_from=DAY + dt.timedelta(days=1))
    with django_assert_max_num_queries(8):
        (programme,) = programme_for_day(commune=commune, day=DAY)
    titles = [i.bulletin.title for i in programme.items]
    assert titles == ["Ưu tiên", "Thường", "Chỉ Khằm"]
    assert station["broken"] not in programme.clusters
    by_title = {i.bulletin.title: i for i in programme.items}
    assert by_title["Chỉ Khằm"].clusters == [station["a"]]
    assert {normal, urgent, only_a} == {i.bulletin for i in programme.items}


def test_fallback_fills_a_short_slot_and_slot_language_filters_versions(commune, station):
    station["morning"].min_minutes = 1
    station["morning"].languages = Slot.Languages.THAI
    station["morning"].save()
    aired_bulletin(commune, title="Tiếng Việt")
    aired_bulletin(commune, title="Tiếng Thái", language=Language.THAI)
    for n in range(30):
        aired_bulletin(commune, title=f"Phát lại {n}", is_fallback=True, language=Language.THAI)
    (programme,) = programme_for_day(commune=commune, day=DAY)
    assert programme.items[0].bulletin.title == "Tiếng Thái"
    assert all(i.version.language == Language.THAI for i in programme.items)
    assert programme.seconds >= 60
    assert programme.seconds < 60 + 3  # stops once the minimum is reached
    assert all(i.is_fallback for i in programme.items[1:])


def test_slot_runs_only_on_its_weekdays(commune, station):
    station["morning"].weekdays = "6"  # Saturdays
    station["morning"].save()
    assert programme_for_day(commune=commune, day=DAY) == []
    assert len(programme_for_day(commune=commune, day=DAY + dt.timedelta(days=1))) == 1


def test_confirmed_broadcast_becomes_one_radio_activity(commune, station, culture_user, plan_theme):
    bulletin = aired_bulletin(commune, title="Kích hoạt VNeID")
    bulletin.themes.set([plan_theme])
    log = broadcast_confirm(
        commune=commune, bulletin=bulletin, slot=station["morning"], aired_on=DAY,
        clusters=[station["a"], station["b"]], seconds=61, actor=culture_user,
    )  # fmt: skip
    activity = Activity.objects.get(source_type="radio.broadcastlog", source_id=str(log.pk))
    assert activity.kind == Activity.Kind.RADIO_BROADCAST and activity.minutes == 2
    assert set(activity.villages.all()) == set(station["villages"])
    assert list(activity.themes.all()) == [plan_theme]
    assert activity.held_on == DAY and activity.title == "Kích hoạt VNeID"
    # Confirming again (one cluster had actually failed) updates the same records.
    broadcast_confirm(
        commune=commune, bulletin=bulletin, slot=station["morning"], aired_on=DAY,
        clusters=[station["a"]], seconds=61, actor=culture_user,
    )  # fmt: skip
    assert BroadcastLog.objects.count() == 1 and Activity.objects.count() == 1
    activity.refresh_from_db()
    assert list(activity.villages.all()) == [station["villages"][0]]
    (row,) = broadcast_day(commune=commune, day=DAY)
    assert row.missed_clusters == [station["b"]]
    totals = radio_totals(commune=commune, start=DAY, end=DAY)
    assert (totals.broadcasts, totals.minutes, totals.clusters_working, totals.clusters_total) == (
        1,
        2,
        2,
        3,
    )


def test_unapproved_bulletin_cannot_be_logged_as_aired(commune, station, culture_user):
    bulletin = aired_bulletin(commune)
    bulletin.status = Bulletin.Status.DRAFT
    bulletin.save()
    with pytest.raises(ValidationError, match="chưa được duyệt"):
        broadcast_confirm(
            commune=commune, bulletin=bulletin, slot=station["morning"], aired_on=DAY,
            clusters=[station["a"]], actor=culture_user,
        )  # fmt: skip


def test_vendor_csv_import_groups_rows_and_is_idempotent(commune, station, culture_user):
    bulletin = aired_bulletin(commune, title="Phòng chống rét", external_ref="TH-118")
    csv = (
        "ngay,gio,cum_loa,ban_tin,thoi_luong_giay,trang_thai\n"
        f"{DAY:%Y-%m-%d},06:02,AT-001,TH-118,95,ok\n"
        f"{DAY:%d/%m/%Y},06:02,Cụm Nán,Phòng chống rét,1:35,ok\n"
        f"{DAY:%Y-%m-%d},06:02,AT-002,TH-118,95,loi\n"
    ).encode()
    result = broadcast_import_vendor_csv(commune=commune, data=csv, actor=culture_user)
    assert not result.errors and result.rows == 3 and len(result.logs) == 1
    (log,) = result.logs
    assert log.slot == station["morning"] and log.seconds_aired == 95 and log.minutes == 2
    assert set(log.clusters.all()) == {station["a"], station["b"]}
    assert log.source == BroadcastLog.Source.VENDOR
    broadcast_import_vendor_csv(commune=commune, data=csv, actor=culture_user)
    assert (
        BroadcastLog.objects.count() == 1
        and Activity.objects.filter(kind="radio_broadcast").count() == 1
    )
    assert bulletin.logs.count() == 1


def test_vendor_csv_with_a_bad_row_imports_nothing(commune, station, culture_user):
    aired_bulletin(commune, title="Phòng chống rét", external_ref="TH-118")
    csv = (
        "ngay,gio,cum_loa,ban_tin,thoi_luong_giay\n"
        f"{DAY:%Y-%m-%d},06:02,AT-001,TH-118,95\n"
        f"{DAY:%Y-%m-%d},06:02,AT-999,TH-118,95\n"
        "31/02/2026,06:02,AT-001,TH-118,95\n"
        f"{DAY:%Y-%m-%d},06:02,AT-001,Không có,95\n"
    ).encode()
    result = broadcast_import_vendor_csv(commune=commune, data=csv, actor=culture_user)
    assert [e.split(":")[0] for e in result.errors] == ["Dòng 3", "Dòng 4", "Dòng 5"]
    assert not BroadcastLog.objects.exists()
    assert (
        broadcast_import_vendor_csv(commune=commune, data=b"a,b\n1,2\n", actor=culture_user)
        .errors[0]
        .startswith("Thiếu cột")
    )
    assert (
        "UTF-8"
        in broadcast_import_vendor_csv(
            commune=commune, data=b"\xff\xfe\x00x", actor=culture_user
        ).errors[0]
    )


def test_emergency_goes_on_air_at_once_on_working_clusters(
    commune, station, chair_user, run_on_commit
):
    normal = aired_bulletin(commune, title="Thường")
    with pytest.raises(ValidationError, match="khẩn cấp"):
        bulletin_put_on_air(bulletin=normal, actor=chair_user)
    flood = aired_bulletin(commune, title="Lũ quét", priority=Bulletin.Priority.EMERGENCY)
    with run_on_commit():
        log = bulletin_put_on_air(bulletin=flood, actor=chair_user).log
    assert log is not None and log.source == BroadcastLog.Source.EMERGENCY and log.slot is None
    assert set(log.clusters.all()) == {station["a"], station["b"]}
    assert Activity.objects.get(source_id=str(log.pk)).minutes == 1
    (programme,) = programme_for_day(commune=commune, day=DAY)
    assert programme.items[0].bulletin == flood  # and it leads every slot while valid
