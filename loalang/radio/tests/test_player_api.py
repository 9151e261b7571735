"""Loa Làng Player's server side: device tokens, the JSON API, as-run reports filling the
broadcast log, heartbeats and the watch job (ADR 0055)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from loalang.core.files import private_storage
from loalang.notifications.models import Notification
from loalang.radio.models import AsRunReport, BroadcastLog, Bulletin, PlayerDevice
from loalang.radio.services.bulletins import bulletin_approve
from loalang.radio.services.players import (
    player_asrun,
    player_token_issue,
    player_token_revoke,
    player_watch,
)
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin

pytestmark = pytest.mark.django_db

API = "/api/player/v1/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def station(commune, culture_user):
    cluster = ClusterFactory(commune=commune, name="Cụm Đông")
    other = ClusterFactory(commune=commune, name="Cụm Tây")
    slot = SlotFactory(commune=commune, name="Sáng", starts_at=dt.time(6, 0))
    device, raw = player_token_issue(cluster=cluster, name="Máy phát Đông", actor=culture_user)
    return {"cluster": cluster, "other": other, "slot": slot, "device": device, "token": raw}


def _auth(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _report(client_id: str, bulletin, slot, *, kind="programme", day=None, seconds=3, **extra):  # type: ignore[no-untyped-def]
    # a minute ago: after the bulletin's approval (made just now by aired_bulletin) and never
    # in the future, whatever the hour the suite runs at
    start = timezone.now() - dt.timedelta(minutes=1)
    if day is not None:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(6, 0)))
    return {
        "client_id": client_id,
        "kind": kind,
        "bulletin_id": bulletin.pk,
        "slot_id": slot.pk if slot else None,
        "session_on": (day or timezone.localdate(start)).isoformat(),
        "language": "vi",
        "started_at": start.isoformat(),
        "ended_at": (start + dt.timedelta(seconds=seconds)).isoformat(),
        "sha256": "ab" * 32,
        **extra,
    }


def test_token_is_stored_as_a_hash_and_shown_once(client, commune, culture_user):
    cluster = ClusterFactory(commune=commune)
    client.force_login(culture_user)
    url = reverse("radio:player_issue", kwargs={"commune_slug": commune.slug, "pk": cluster.pk})
    response = client.post(url, {"name": "Máy phát thôn Đông"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    device = PlayerDevice.objects.get(cluster=cluster)
    raw = response.context["token"]
    assert raw in response.content.decode()
    assert device.token_digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(PlayerDevice.objects.filter(pk=device.pk).values().first())
    page = client.get(
        reverse("radio:cluster_edit", kwargs={"commune_slug": commune.slug, "pk": cluster.pk})
    )
    assert raw not in page.content.decode()
    assert "Chưa kết nối" in page.content.decode()


def test_token_without_name_is_refused_in_vietnamese(client, commune, culture_user):
    cluster = ClusterFactory(commune=commune)
    client.force_login(culture_user)
    url = reverse("radio:player_issue", kwargs={"commune_slug": commune.slug, "pk": cluster.pk})
    response = client.post(url, {"name": "  "}, follow=True)
    assert "Hãy đặt tên cho máy phát" in response.content.decode()
    assert not PlayerDevice.objects.exists()


def test_revoked_token_is_refused_at_once(client, station, culture_user, run_on_commit):
    assert client.get(API + "poll", **_auth(station["token"])).status_code == 200
    with run_on_commit():
        player_token_revoke(device=station["device"], actor=culture_user)
    response = client.get(API + "poll", **_auth(station["token"]))
    assert response.status_code == 401
    assert "thu hồi" in response.json()["error"]


def test_missing_or_wrong_token_gets_401(client, station):
    assert client.get(API + "programme").status_code == 401
    assert client.get(API + "programme", **_auth("llp_nope_x")).status_code == 401
    assert client.get(API + "programme", **_auth("ll_apikey")).status_code == 401


def test_programme_lists_only_the_devices_cluster_with_checksums(client, station, commune):
    mine = aired_bulletin(commune, title="Cho cụm Đông", clusters=[station["cluster"]])
    aired_bulletin(commune, title="Cho cụm Tây", clusters=[station["other"]])
    urgent = aired_bulletin(commune, title="Ưu tiên", priority=Bulletin.Priority.PRIORITY)
    aired_bulletin(commune, title="Nhạc lấp", is_fallback=True)
    data = client.get(API + "programme?days=2", **_auth(station["token"])).json()
    session = data["sessions"][0]
    titles = [i["title"] for i in session["items"]]
    assert titles[:2] == ["Ưu tiên", "Cho cụm Đông"]  # priority before normal (Circular 39)
    assert "Cho cụm Tây" not in titles
    first = session["items"][0]
    assert first["priority_class"] == "priority" and first["bulletin_id"] == urgent.pk
    version = urgent.versions.get()
    with private_storage().open(version.audio_mp3.name, "rb") as f:
        body = f.read()
    assert first["sha256"] == hashlib.sha256(body).hexdigest()
    assert first["size"] == len(body)
    assert dt.datetime.fromisoformat(session["items"][1]["starts_at"]) == dt.datetime.fromisoformat(
        first["ends_at"]
    )
    assert len(data["sessions"]) == 2  # today and tomorrow
    assert [f["title"] for f in data["fallback"]] == ["Nhạc lấp"]
    assert mine.pk in [i["bulletin_id"] for i in session["items"]]


def test_audio_download_supports_ranges_and_stays_in_the_commune(
    client, station, commune, other_commune
):
    bulletin = aired_bulletin(commune, clusters=[station["cluster"]])
    version = bulletin.versions.get()
    url = API + f"audio/{version.pk}.mp3"
    whole = client.get(url, **_auth(station["token"]))
    body = b"".join(whole.streaming_content)
    part = client.get(url, HTTP_RANGE="bytes=10-19", **_auth(station["token"]))
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == body[10:20]
    foreign = aired_bulletin(other_commune).versions.get()
    assert client.get(API + f"audio/{foreign.pk}.mp3", **_auth(station["token"])).status_code == 404


def test_poll_is_cheap_when_nothing_changed_and_reports_an_approved_emergency(
    client, station, commune, chair_user, django_assert_num_queries, run_on_commit
):
    first = client.get(API + "poll", **_auth(station["token"])).json()
    assert first["changed"] is True and first["emergencies"] == []
    with django_assert_num_queries(0):
        same = client.get(API + "poll?rev=" + first["rev"], **_auth(station["token"])).json()
    assert same == {"rev": first["rev"], "server_time": same["server_time"], "changed": False}
    bulletin = aired_bulletin(commune, title="Bão số 3", priority=Bulletin.Priority.EMERGENCY)
    bulletin.status = Bulletin.Status.PENDING
    bulletin.save()
    with run_on_commit():
        bulletin_approve(bulletin=bulletin, actor=chair_user)
    after = client.get(API + "poll?rev=" + first["rev"], **_auth(station["token"])).json()
    assert after["changed"] is True
    [emergency] = after["emergencies"]
    assert emergency["title"] == "Bão số 3" and emergency["priority_class"] == "emergency"
    assert emergency["key"].startswith(f"{bulletin.pk}:a")


def test_emergency_for_another_cluster_does_not_reach_this_device(client, station, commune):
    aired_bulletin(commune, priority=Bulletin.Priority.EMERGENCY, clusters=[station["other"]])
    assert client.get(API + "poll", **_auth(station["token"])).json()["emergencies"] == []


def test_asrun_fills_the_broadcast_log_once_and_adds_each_cluster(client, station, commune):
    bulletin = aired_bulletin(commune)
    slot = station["slot"]
    reports = [_report("r1", bulletin, slot)]
    url = API + "asrun"
    for _ in range(2):  # delivered twice after a lost answer: stored once
        answer = client.post(
            url, {"reports": reports}, content_type="application/json", **_auth(station["token"])
        )
        assert answer.json() == {"accepted": ["r1"], "refused": {}}
    log = BroadcastLog.objects.get()
    assert log.source == BroadcastLog.Source.PLAYER and log.slot == slot
    assert list(log.clusters.all()) == [station["cluster"]]
    assert AsRunReport.objects.count() == 1
    _west, raw = player_token_issue(cluster=station["other"], name="Máy Tây", actor=None)
    client.post(
        url,
        {"reports": [_report("r1", bulletin, slot)]},
        content_type="application/json",
        **_auth(raw),
    )
    log.refresh_from_db()
    assert {c.name for c in log.clusters.all()} == {"Cụm Đông", "Cụm Tây"}
    assert BroadcastLog.objects.count() == 1
    assert log.confirmed_by is None  # nobody confirmed it by hand


def test_interrupted_item_is_noted_in_the_log(station, commune):
    bulletin = aired_bulletin(commune)
    result = player_asrun(
        device=station["device"],
        reports=[
            _report("x", bulletin, station["slot"], interrupted=True, interruption="mất điện")
        ],
    )
    assert result["accepted"] == ["x"]
    assert "mất điện" in BroadcastLog.objects.get().note


def test_unreadable_report_is_refused_and_the_rest_stored(station, commune):
    bulletin = aired_bulletin(commune)
    good = _report("ok", bulletin, station["slot"])
    bad = {**_report("bad", bulletin, station["slot"]), "started_at": "hôm qua"}
    result = player_asrun(device=station["device"], reports=[bad, good])
    assert result == {"accepted": ["ok"], "refused": {"bad": "started_at/ended_at"}}


def test_heartbeat_makes_the_cluster_show_online_in_vietnamese(
    client, station, commune, culture_user
):
    beat = {
        "version": "0.1.0",
        "free_disk_bytes": 10**9,
        "last_sync_at": timezone.now().isoformat(),
        "audio_status": "ok",
        "clock_trusted": False,
    }
    response = client.post(
        API + "heartbeat", beat, content_type="application/json", **_auth(station["token"])
    )
    assert response.status_code == 200
    device = PlayerDevice.objects.get(pk=station["device"].pk)
    assert device.version == "0.1.0" and device.is_clock_trusted is False
    client.force_login(culture_user)
    page = client.get(
        reverse("radio:cluster_list", kwargs={"commune_slug": commune.slug})
    ).content.decode()
    assert "Đang hoạt động" in page and "vừa xong" in page
    PlayerDevice.objects.filter(pk=device.pk).update(
        last_seen_at=timezone.now() - dt.timedelta(hours=2, minutes=1)
    )
    page = client.get(
        reverse("radio:cluster_list", kwargs={"commune_slug": commune.slug})
    ).content.decode()
    assert "Mất kết nối" in page and "2 giờ trước" in page


def test_watch_notifies_the_culture_officer_once_about_a_silent_player(station, culture_user):
    PlayerDevice.objects.filter(pk=station["device"].pk).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=10)
    )
    assert player_watch() >= 1
    assert player_watch() == 0
    [note] = Notification.objects.filter(user=culture_user, text__contains="mất kết nối")
    assert "Máy phát Đông" in note.text


def test_watch_notifies_once_a_day_about_an_untrusted_clock(station, culture_user):
    PlayerDevice.objects.filter(pk=station["device"].pk).update(
        last_seen_at=timezone.now(), is_clock_trusted=False
    )
    assert player_watch() == 1
    assert player_watch() == 0
    [note] = Notification.objects.filter(user=culture_user)
    assert "chưa đồng bộ được giờ" in note.text


def test_watch_notifies_a_session_not_aired_unless_reported(station, commune, culture_user):
    bulletin = aired_bulletin(commune)
    PlayerDevice.objects.filter(pk=station["device"].pk).update(last_seen_at=timezone.now())
    day = timezone.localdate()
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(7, 0)))
    with time_machine.travel(at, tick=False):
        PlayerDevice.objects.filter(pk=station["device"].pk).update(last_seen_at=at)
        player_asrun(device=station["device"], reports=[_report("a", bulletin, station["slot"])])
        assert player_watch(now=at) == 0  # aired and reported: nothing to say
        AsRunReport.objects.all().delete()
        assert player_watch(now=at) == 1
    assert (
        Notification.objects.filter(user=culture_user, text__contains="chưa phát buổi").count() == 1
    )


# --- Emergencies: "Phát ngay" with players, late reconnects (issue 17) ---------------------


def _emergency(commune, chair_user, **extra):  # type: ignore[no-untyped-def]
    bulletin = aired_bulletin(
        commune, title="Lũ quét", priority=Bulletin.Priority.EMERGENCY, **extra
    )
    bulletin.status = Bulletin.Status.PENDING
    bulletin.save()
    bulletin_approve(bulletin=bulletin, actor=chair_user)
    bulletin.refresh_from_db()
    return bulletin


def _keys(client, token):  # type: ignore[no-untyped-def]
    cache.clear()
    return [e["key"] for e in client.get(API + "poll", **_auth(token)).json()["emergencies"]]


def _aired_emergency(station, bulletin, client_id, at):  # type: ignore[no-untyped-def]
    player_asrun(
        device=station["device"],
        reports=[
            {
                **_report(client_id, bulletin, None, kind="emergency"),
                "started_at": at.isoformat(),
                "ended_at": (at + dt.timedelta(seconds=30)).isoformat(),
            }
        ],
    )


def test_air_now_leaves_player_clusters_to_their_reports_and_never_airs_twice(
    client, station, commune, chair_user
):
    from loalang.radio.services import bulletin_put_on_air

    flood = _emergency(commune, chair_user)
    [approval_key] = _keys(client, station["token"])
    # Pressed before the player aired it: the pending airing covers it, nothing new.
    done = bulletin_put_on_air(bulletin=flood, actor=chair_user)
    assert done.replay is False and done.player_clusters == [station["cluster"]]
    assert done.log is not None and list(done.log.clusters.all()) == [station["other"]]
    assert _keys(client, station["token"]) == [approval_key]
    # The player airs it and reports: no key is left, and the log gains the cluster by report.
    _aired_emergency(station, flood, "e1", timezone.now())
    assert _keys(client, station["token"]) == []
    log = BroadcastLog.objects.get(bulletin=flood)
    assert set(log.clusters.all()) == {station["cluster"], station["other"]}
    # Pressed after it aired: a deliberate "Phát lại", aired once more, then never again.
    again = bulletin_put_on_air(bulletin=flood, actor=chair_user)
    assert again.replay is True
    [replay_key] = _keys(client, station["token"])
    assert replay_key.startswith(f"{flood.pk}:n") and replay_key != approval_key
    _aired_emergency(station, flood, "e2", timezone.now() + dt.timedelta(seconds=1))
    assert _keys(client, station["token"]) == []


def test_air_now_with_players_on_every_cluster_records_no_manual_airing(
    client, station, commune, chair_user, culture_user
):
    from loalang.radio.services import bulletin_put_on_air

    player_token_issue(cluster=station["other"], name="Máy phát Tây", actor=culture_user)
    flood = _emergency(commune, chair_user)
    done = bulletin_put_on_air(bulletin=flood, actor=chair_user)
    assert done.log is None and len(done.player_clusters) == 2
    assert not BroadcastLog.objects.filter(bulletin=flood).exists()


def test_air_now_page_says_what_happened_in_vietnamese(client, station, commune, chair_user):
    flood = _emergency(commune, chair_user)
    client.force_login(chair_user)
    page = client.get(reverse("radio:bulletin_detail", args=[commune.slug, flood.pk]))
    assert "Phát khẩn cấp ngay" in page.content.decode()
    response = client.post(
        reverse("radio:bulletin_on_air", args=[commune.slug, flood.pk]), follow=True
    )
    text = response.content.decode()
    assert "Đã phát khẩn cấp trên 1 cụm loa" in text
    assert "Cụm Đông" in text and "không phát trùng" in text
    _aired_emergency(station, flood, "e1", timezone.now())
    page = client.get(reverse("radio:bulletin_detail", args=[commune.slug, flood.pk]))
    assert "Phát lại khẩn cấp ngay" in page.content.decode()


def test_emergency_airs_once_on_a_player_reconnecting_while_still_valid(
    client, station, commune, chair_user
):
    today = timezone.localdate()
    with time_machine.travel(timezone.now() - dt.timedelta(hours=30)):
        lasting = _emergency(commune, chair_user, valid_until=today)
        open_ended = _emergency(commune, chair_user)
    with time_machine.travel(timezone.now() - dt.timedelta(hours=10)):
        recent = _emergency(commune, chair_user)
    keys = _keys(client, station["token"])
    # Approved 30 h and 10 h ago: still aired on reconnect while valid; one without an end
    # date is valid 24 h after approval.
    assert [k.split(":")[0] for k in keys] == [str(lasting.pk), str(recent.pk)]
    assert str(open_ended.pk) not in {k.split(":")[0] for k in keys}
    _aired_emergency(station, lasting, "e1", timezone.now())
    assert [k.split(":")[0] for k in _keys(client, station["token"])] == [str(recent.pk)]
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, hours=1)):
        assert _keys(client, station["token"]) == []  # past its end date


def test_untrusted_clock_is_stored_and_noted_in_the_log_only_when_its_time_is_possible(
    client, station, commune, culture_user
):
    bulletin = aired_bulletin(commune, title="Tiêm chủng")
    now = timezone.now()
    ok = {
        **_report("ok", bulletin, None, kind="emergency"),
        "started_at": now.isoformat(),
        "ended_at": (now + dt.timedelta(seconds=5)).isoformat(),
        "clock_trusted": False,
    }
    in_1970 = {
        **_report("old", bulletin, None, kind="emergency"),
        "started_at": "1970-01-01T07:00:05+07:00",
        "ended_at": "1970-01-01T07:00:10+07:00",
        "clock_trusted": False,
    }
    result = player_asrun(device=station["device"], reports=[ok, in_1970])
    assert result["accepted"] == ["ok", "old"]
    reports = {r.client_id: r for r in AsRunReport.objects.all()}
    assert reports["ok"].is_clock_trusted is False and reports["old"].log is None
    log = BroadcastLog.objects.get()
    assert reports["ok"].log == log
    assert "chưa đồng bộ giờ" in log.note and "Máy phát Đông" in log.note
    client.force_login(culture_user)
    page = client.get(reverse("radio:bulletin_detail", args=[commune.slug, bulletin.pk]))
    assert "chưa đồng bộ giờ" in page.content.decode()


def test_a_forged_report_never_becomes_airtime(client, station, commune):
    """Red-team: a token could log airings dated 1970 or 2099, or one lasting 30 days (43,200
    minutes of verified radio). Impossible reports are kept as sent, never logged or counted."""
    bulletin = aired_bulletin(commune)
    now = timezone.now()
    # approved long ago, so the month-long and five-hour airings fail on their length alone
    type(bulletin).objects.filter(pk=bulletin.pk).update(approved_at=now - dt.timedelta(days=40))

    def forged(client_id, start, end, **extra):  # type: ignore[no-untyped-def]
        return {
            **_report(client_id, bulletin, None, kind="emergency"),
            "started_at": start.isoformat(),
            "ended_at": end.isoformat(),
            **extra,
        }

    far = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    old = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    reports = [
        forged("future", far, far + dt.timedelta(minutes=3)),
        forged("epoch", old, old + dt.timedelta(minutes=3)),
        forged("month", now - dt.timedelta(days=30), now),
        forged("long", now - dt.timedelta(hours=5), now - dt.timedelta(minutes=1)),
        forged("backwards", now - dt.timedelta(minutes=1), now - dt.timedelta(minutes=2)),
        forged(
            "wrong-day",
            now - dt.timedelta(minutes=2),
            now - dt.timedelta(minutes=1),
            session_on="2099-12-31",
        ),
        forged(
            "string-flag",
            old,
            old + dt.timedelta(minutes=1),
            clock_trusted="false",
        ),
    ]
    result = player_asrun(device=station["device"], reports=reports)
    assert sorted(result["accepted"]) == sorted(r["client_id"] for r in reports)
    assert AsRunReport.objects.count() == len(reports)
    assert not AsRunReport.objects.filter(log__isnull=False).exists()
    assert not BroadcastLog.objects.exists()
    assert AsRunReport.objects.get(client_id="string-flag").is_clock_trusted is False


def test_hostile_json_bodies_get_400_not_500(client, station):
    deep = "[" * 100_000 + "]" * 100_000
    for path in ("asrun", "heartbeat"):
        answer = client.post(
            API + path, deep, content_type="application/json", **_auth(station["token"])
        )
        assert answer.status_code == 400, path
    huge = {"free_disk_bytes": 10**30, "version": "1"}
    answer = client.post(
        API + "heartbeat", huge, content_type="application/json", **_auth(station["token"])
    )
    assert answer.status_code in (200, 204)
    station["device"].refresh_from_db()
    assert station["device"].free_disk_bytes is None
