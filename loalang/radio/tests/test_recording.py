"""Recordings from phones: every common format decodes, silence is trimmed at both ends,
loudness is normalised, and a recorded version is what airs for its language."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loalang.radio import audio
from loalang.radio.models import Bulletin, BulletinVersion, Language
from loalang.radio.services import bulletin_create_draft, bulletin_update, recording_upload
from loalang.radio.tests.helpers import phone_recording

FORMATS = [
    ("webm", "libopus", "audio/webm"),  # Chrome, Firefox, Android
    ("mp4", "aac", "audio/mp4"),  # Safari on iPhone
    ("ogg", "libopus", "audio/ogg"),  # Firefox
    ("3gp", "aac", "audio/3gpp"),  # older Android recorders
]


@pytest.mark.parametrize("fmt,codec,_mime", FORMATS)
def test_phone_formats_decode_to_the_right_length(fmt, codec, _mime):
    samples, rate = audio.decode(phone_recording(fmt, codec, seconds=2.0))
    assert abs(samples.size / rate - 3.0) < 0.1  # 0.5 s + 2 s + 0.5 s


def test_silence_at_both_ends_is_trimmed_but_a_little_lead_in_kept():
    samples, rate = audio.decode(phone_recording(seconds=2.0))
    trimmed = audio.trim_silence(samples, rate)
    assert abs(trimmed.size / rate - (2.0 + 2 * audio.KEEP_SECONDS)) < 0.06


@pytest.mark.parametrize("data", [b"not audio at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 200])
def test_garbage_is_refused_with_a_reason(data):
    with pytest.raises(audio.AudioError, match="Không đọc được tệp âm thanh"):
        audio.decode(data)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,codec,mime", FORMATS[:2])
def test_recorded_upload_is_trimmed_normalised_and_ready(commune, culture_user, fmt, codec, mime):
    bulletin = bulletin_create_draft(
        commune=commune, title="Họp dân", script="", actor=culture_user
    )
    upload = SimpleUploadedFile(f"ghi-am.{fmt}", phone_recording(fmt, codec), content_type=mime)
    version = recording_upload(
        bulletin=bulletin, language=Language.VIETNAMESE, upload=upload, actor=culture_user
    )
    assert version.kind == BulletinVersion.Kind.RECORDED
    assert version.status == BulletinVersion.Status.READY
    assert 2.3 < version.duration_seconds < 2.7  # 3 s recorded, silence trimmed
    assert abs(version.rms_dbfs - audio.TARGET_RMS_DBFS) < 1.0


@pytest.mark.django_db
def test_a_recording_wins_over_synthesis_for_its_language(commune, culture_user, settings):
    bulletin = bulletin_create_draft(
        commune=commune,
        title="Tiêm chủng",
        script="Mời bà con đưa trẻ đi tiêm.",
        actor=culture_user,
    )
    upload = SimpleUploadedFile("a.webm", phone_recording(), content_type="audio/webm")
    recording_upload(
        bulletin=bulletin, language=Language.VIETNAMESE, upload=upload, actor=culture_user
    )
    bulletin_update(bulletin=bulletin, actor=culture_user, script="Nội dung đã sửa.")
    (version,) = bulletin.versions.filter(language=Language.VIETNAMESE)
    assert version.kind == BulletinVersion.Kind.RECORDED  # editing the text keeps the voice


@pytest.mark.django_db
def test_upload_page_accepts_a_phone_recording_and_says_its_length(client, commune, culture_user):
    bulletin = Bulletin.objects.create(commune=commune, title="Thông báo họp")
    client.force_login(culture_user)
    url = reverse(
        "radio:recording_upload", kwargs={"commune_slug": commune.slug, "pk": bulletin.pk}
    )
    page = client.get(url).content.decode()
    assert "data-recorder" in page and "Ghi âm ngay trên trình duyệt" in page
    response = client.post(
        url,
        {
            "language": Language.THAI,
            "audio": SimpleUploadedFile("b.m4a", phone_recording("mp4", "aac"), "audio/mp4"),
        },
        follow=True,
    )
    assert "Đã thêm bản ghi âm (0 phút 3 giây)" in response.content.decode()
    bad = client.post(
        url, {"language": Language.THAI, "audio": SimpleUploadedFile("c.webm", b"garbage")}
    )
    assert bad.status_code == 200 and "Không đọc được tệp âm thanh" in bad.content.decode()
    assert bulletin.versions.count() == 1


def test_service_refuses_garbage_before_saving_anything():
    with pytest.raises(ValidationError):
        from loalang.radio.services.audio_files import store_recording

        store_recording(SimpleUploadedFile("x.webm", b"garbage"))


@pytest.mark.django_db
def test_approved_recording_lands_in_the_days_bundle(commune, culture_user, chair_user, tmp_path):
    """Recorded on a phone, approved by the Chair: the day's USB bundle carries it, at the
    recording's own (trimmed) length."""
    import datetime as dt
    import zipfile

    from loalang.radio.bundle import build_bundle
    from loalang.radio.services import bulletin_approve, bulletin_submit
    from loalang.radio.tests.factories import ClusterFactory, SlotFactory

    ClusterFactory(commune=commune, name="Cụm Khằm")
    SlotFactory(commune=commune, name="Buổi sáng", starts_at=dt.time(6))
    bulletin = bulletin_create_draft(
        commune=commune, title="Họp dân bản Khằm", script="", actor=culture_user
    )
    upload = SimpleUploadedFile("r.webm", phone_recording(seconds=4.0), content_type="audio/webm")
    version = recording_upload(
        bulletin=bulletin, language=Language.VIETNAMESE, upload=upload, actor=culture_user
    )
    bulletin_submit(bulletin=bulletin, actor=culture_user)
    bulletin_approve(bulletin=bulletin, actor=chair_user)
    day = dt.date(2026, 11, 27)
    path = build_bundle(commune=commune, day=day, output=tmp_path / "loa.zip")
    with zipfile.ZipFile(path) as z:
        tracks = [n for n in z.namelist() if "hop-dan-ban-kham" in n]
        assert len(tracks) == 1
        played = audio.duration_of(z.read(tracks[0]))
        playlist = z.read("ca-ngay.m3u8").decode("utf-8")
    assert abs(played - version.duration_seconds) < 0.2
    assert abs(version.duration_seconds - 4.5) < 0.2  # 5 s recorded, 0.25 s kept each end
    assert "Họp dân bản Khằm" in playlist


@pytest.mark.django_db
def test_the_original_recording_is_kept_privately_for_editors(
    client, commune, culture_user, chair_user
):
    from loalang.testing.factories import CommuneFactory, member

    bulletin = bulletin_create_draft(commune=commune, title="Gốc", script="", actor=culture_user)
    raw = phone_recording("mp4", "aac")
    version = recording_upload(
        bulletin=bulletin,
        language=Language.THAI,
        upload=SimpleUploadedFile("ghi.m4a", raw, content_type="audio/mp4"),
        actor=culture_user,
    )
    assert version.original.name.endswith(".m4a")
    url = reverse("radio:version_original", kwargs={"commune_slug": commune.slug, "pk": version.pk})
    client.force_login(culture_user)
    response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body == raw  # byte for byte as uploaded
    assert (
        response["Content-Type"] == "audio/mp4" and "attachment" in response["Content-Disposition"]
    )
    client.force_login(member(CommuneFactory()))
    assert client.get(url).status_code == 404
    assert client.get(f"/media/{version.original.name}").status_code == 404
    # A new recording replaces the old original, which is removed after commit.
    old = version.original.name
    from django.core.files.storage import storages

    recording_upload(
        bulletin=bulletin,
        language=Language.THAI,
        upload=SimpleUploadedFile("b.webm", phone_recording(), content_type="audio/webm"),
        actor=culture_user,
    )
    version.refresh_from_db()
    assert version.original.name != old and version.original.name.endswith(".webm")
    del storages
