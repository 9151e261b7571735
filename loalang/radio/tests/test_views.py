"""Staff and public pages: happy paths, outsiders, wrong methods."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from loalang.activities.models import Activity
from loalang.radio.models import Bulletin, LexiconEntry
from loalang.radio.tests.factories import ClusterFactory, SlotFactory
from loalang.radio.tests.helpers import aired_bulletin

pytestmark = pytest.mark.django_db


def url(name, commune, **kwargs):  # type: ignore[no-untyped-def]
    return reverse(name, kwargs={"commune_slug": commune.slug, **kwargs})


def test_officer_writes_and_chair_approves_through_the_pages(
    client, commune, culture_user, chair_user, run_on_commit
):
    client.force_login(culture_user)
    with run_on_commit():
        response = client.post(
            url("radio:bulletin_create", commune),
            {"title": "Tiêm phòng cho đàn gia súc",
             "script": "Từ ngày 10/4 đến 20/4/2026 tiêm phòng lở mồm long móng.",
             "source": "commune", "priority": "0", "voice": "vi-VN-x-central", "rate": "140"},
        )  # fmt: skip
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ban-tin/{bulletin.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert (
        "ngày mười tháng tư đến ngày hai mươi tháng tư năm hai nghìn không trăm hai mươi sáu"
        in page
    )
    assert "<audio controls" in page
    client.post(url("radio:bulletin_submit", commune, pk=bulletin.pk))
    client.force_login(chair_user)
    response = client.post(
        url("radio:bulletin_approve", commune, pk=bulletin.pk), {"note": "Đồng ý."}
    )
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.APPROVED and bulletin.review_note == "Đồng ý."
    version = bulletin.versions.get()
    assert version.voice == "vi-VN-x-central" and version.rate == 140
    audio = client.get(url("radio:version_audio", commune, pk=version.pk, fmt="mp3"))
    assert audio.status_code == 200 and audio["Content-Type"] == "audio/mpeg"


def test_bad_script_shows_the_message_at_the_field(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        url("radio:bulletin_create", commune),
        {"title": "A", "script": "Vui quá 😀", "source": "commune", "priority": "0"},
    )
    assert response.status_code == 200
    assert "máy không đọc được: 😀" in response.content.decode()
    assert not Bulletin.objects.exists()


def test_outsider_gets_404_on_another_communes_bulletin(client, commune, outsider):
    bulletin = aired_bulletin(commune)
    client.force_login(outsider)
    assert client.get(url("radio:bulletin_detail", commune, pk=bulletin.pk)).status_code == 404
    own = url("radio:bulletin_detail", outsider.memberships.first().commune, pk=bulletin.pk)
    assert client.get(own).status_code == 404


@pytest.mark.parametrize(
    "name,method",
    [("radio:bulletin_approve", "get"), ("radio:log_confirm", "get"), ("radio:schedule", "post")],
)
def test_wrong_method_is_refused(client, commune, chair_user, name, method):
    client.force_login(chair_user)
    bulletin = aired_bulletin(commune)
    kwargs = {"pk": bulletin.pk} if "bulletin" in name else {}
    assert getattr(client, method)(url(name, commune, **kwargs)).status_code == 405


def test_pages_render_for_a_member(client, commune, culture_user, django_assert_max_num_queries):
    ClusterFactory(commune=commune)
    SlotFactory(commune=commune)
    for n in range(5):
        aired_bulletin(commune, title=f"Bản tin {n}")
    client.force_login(culture_user)
    for name in ("radio:home", "radio:bulletin_list", "radio:cluster_list", "radio:slot_list",
                 "radio:schedule", "radio:log", "radio:lexicon", "radio:settings",
                 "radio:log_import",
                 "radio:cluster_create", "radio:slot_create", "radio:bulletin_create"):  # fmt: skip
        with django_assert_max_num_queries(25):
            response = client.get(url(name, commune))
        assert response.status_code == 200, name


# At noon: before 06:00 the morning session has not aired yet and cannot be confirmed (the
# as-run plausibility rules), so a wall-clock run between 00:00 and 06:00 failed.
@time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")))
def test_schedule_bundle_and_log_confirmation(client, commune, culture_user):
    cluster = ClusterFactory(commune=commune, name="Cụm Khằm")
    slot = SlotFactory(commune=commune, name="Sáng", starts_at=dt.time(6))
    bulletin = aired_bulletin(commune, title="Họp dân bản Khằm")
    day = timezone.localdate()
    client.force_login(culture_user)
    page = client.get(url("radio:schedule", commune) + f"?date={day:%Y-%m-%d}").content.decode()
    assert "Họp dân bản Khằm" in page and "06:00" in page
    response = client.get(url("radio:bundle_download", commune) + f"?date={day:%Y-%m-%d}")
    assert response["Content-Type"] == "application/zip"
    assert any(n.endswith(".pdf") for n in zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    response = client.post(
        url("radio:log_confirm", commune),
        {
            "bulletin": bulletin.pk,
            "slot": slot.pk,
            "language": "vi",
            "day": day.isoformat(),
            "clusters": [cluster.pk],
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(kind=Activity.Kind.RADIO_BROADCAST)
    assert activity.minutes == 1 and activity.held_on == day
    assert (
        "1 phút" in client.get(url("radio:log", commune) + f"?date={day:%Y-%m-%d}").content.decode()
    )


def test_lexicon_entry_changes_the_reading(client, commune, culture_user):
    client.force_login(culture_user)
    client.post(
        url("radio:lexicon", commune), {"written": "HTX", "spoken": "hợp tác xã nông nghiệp"}
    )
    assert LexiconEntry.objects.get(commune=commune).spoken == "hợp tác xã nông nghiệp"
    page = client.get(url("radio:lexicon", commune) + "?text=HTX Ái Thượng").content.decode()
    assert "hợp tác xã nông nghiệp ái thượng" in page


def test_public_page_and_podcast_list_only_approved_bulletins(client, commune):
    approved = aired_bulletin(commune, title="Đã duyệt")
    draft = aired_bulletin(commune, title="Bản nháp")
    Bulletin.objects.filter(pk=draft.pk).update(status=Bulletin.Status.DRAFT)
    page = client.get(
        reverse("radio_public:index", kwargs={"commune_slug": commune.slug})
    ).content.decode()
    assert "Đã duyệt" in page and "Bản nháp" not in page and "<audio controls" in page
    feed = client.get(reverse("radio_public:feed", kwargs={"commune_slug": commune.slug}))
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert "<enclosure" in body and "audio/mpeg" in body and "Bản nháp" not in body
    version = approved.versions.get()
    ok = reverse(
        "radio_public:audio", kwargs={"commune_slug": commune.slug, "pk": version.pk, "fmt": "mp3"}
    )
    assert client.get(ok).status_code == 200
    hidden = reverse(
        "radio_public:audio",
        kwargs={"commune_slug": commune.slug, "pk": draft.versions.get().pk, "fmt": "mp3"},
    )
    assert client.get(hidden).status_code == 404
    assert client.get(f"/media/{version.audio_mp3.name}").status_code == 404  # private storage


def test_vendor_import_page_reports_bad_rows(client, commune, culture_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(culture_user)
    upload = SimpleUploadedFile(
        "log.csv", b"ngay,gio,cum_loa,ban_tin,thoi_luong_giay\nx,06:00,A,B,10\n"
    )
    page = client.post(url("radio:log_import", commune), {"file": upload}).content.decode()
    assert "Dòng 2" in page


def test_speak_command_prints_words_and_writes_audio(tmp_path, capsys):
    call_command(
        "speak", "--text", "Họp lúc 7h30 ngày 10/11/2021 tại nhà văn hóa", "--normalized-only"
    )
    assert (
        "bảy giờ ba mươi phút ngày mười tháng mười một năm hai nghìn không trăm hai mươi mốt"
        in capsys.readouterr().out
    )
    out = tmp_path / "a.mp3"
    script = tmp_path / "in.txt"
    script.write_text("Kính thưa bà con, UBND xã thông báo.", encoding="utf-8")
    call_command("speak", "--input", str(script), "--output", str(out))
    from loalang.radio.audio import duration_of

    assert 1.5 < duration_of(out.read_bytes()) < 8
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="trống"):
        call_command("speak", "--text", "  ", "--output", str(out))


def test_radio_bundle_command(commune, tmp_path, capsys):
    SlotFactory(commune=commune, name="Sáng")
    ClusterFactory(commune=commune)
    aired_bulletin(commune, title="Một")
    out = tmp_path / "b.zip"
    call_command(
        "radio_bundle", "--commune", commune.slug, "--date", "2026-11-27", "--output", str(out)
    )
    assert zipfile.ZipFile(out).testzip() is None
    assert "1 buổi phát, 3 tệp" in capsys.readouterr().out


def test_demo_loader_is_idempotent(commune, run_on_commit):
    from loalang.radio.demo import load_demo
    from loalang.radio.models import BulletinVersion, Cluster, Slot
    from loalang.testing.factories import VillageFactory

    VillageFactory(commune=commune)
    VillageFactory(commune=commune)
    with run_on_commit():
        load_demo(commune)
    load_demo(commune)
    assert Cluster.objects.filter(commune=commune, is_sample=True).count() == 2
    assert Slot.objects.filter(commune=commune).count() == 2
    assert Bulletin.objects.filter(commune=commune, status="approved", is_sample=True).count() == 2
    assert BulletinVersion.objects.filter(status="ready").count() == 2


@pytest.mark.parametrize("weekdays", [[], ["9"], ["mon"]])
def test_bad_weekdays_get_a_message_at_the_field_not_a_500(client, commune, culture_user, weekdays):
    client.force_login(culture_user)
    response = client.post(
        url("radio:slot_create", commune),
        {"name": "Buổi sáng", "starts_at": "06:00", "languages": "vi", "min_minutes": "10",
         "weekday_list": weekdays},
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()


def test_public_radio_page_is_cached_and_fresh_after_approval_and_withdrawal(
    client, commune, chair_user, run_on_commit
):
    from loalang.radio.services import bulletin_approve, bulletin_withdraw

    shown = aired_bulletin(commune, title="Lịch tiêm phòng")
    waiting = aired_bulletin(commune, title="Chờ duyệt")
    Bulletin.objects.filter(pk=waiting.pk).update(status=Bulletin.Status.PENDING)
    waiting.refresh_from_db()
    page = reverse("radio_public:index", kwargs={"commune_slug": commune.slug})
    client.get(page)
    client.get(page)
    hit = client.get(page)
    assert hit["X-Portal-Cache"] == "hit" and "Chờ duyệt" not in hit.content.decode()
    with run_on_commit():
        bulletin_approve(bulletin=waiting, actor=chair_user)
    assert "Chờ duyệt" in client.get(page).content.decode()
    with run_on_commit():
        bulletin_withdraw(bulletin=Bulletin.objects.get(pk=shown.pk), actor=chair_user)
    assert "Lịch tiêm phòng" not in client.get(page).content.decode()
