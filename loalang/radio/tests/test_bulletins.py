"""Bulletins: writing, approval, bad input, recordings, province push-downs, synthesis."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
import soundfile as sf
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loalang.core.models import AuditEntry
from loalang.radio.models import Bulletin, BulletinVersion, Language
from loalang.radio.services import (
    ExternalRefConflict,
    bulletin_approve,
    bulletin_create_draft,
    bulletin_create_from_province,
    bulletin_return,
    bulletin_submit,
    bulletin_update,
    recording_upload,
    version_retry,
)

pytestmark = pytest.mark.django_db


def _wav(seconds: float = 1.0, amplitude: float = 0.05) -> bytes:
    t = np.arange(int(16000 * seconds)) / 16000
    buffer = io.BytesIO()
    sf.write(
        buffer, (amplitude * np.sin(2 * np.pi * 200 * t)).astype(np.float32), 16000, format="WAV"
    )
    return buffer.getvalue()


def test_officer_writes_chair_approves(commune, culture_user, chair_user, run_on_commit):
    with run_on_commit():
        bulletin = bulletin_create_draft(
            commune=commune,
            title="Lịch tiêm chủng",
            script="Ngày 15/3 tiêm chủng tại trạm y tế.",
            actor=culture_user,
        )
    bulletin_submit(bulletin=bulletin, actor=culture_user)
    with pytest.raises(PermissionDenied):
        bulletin_approve(bulletin=bulletin, actor=culture_user)
    bulletin_approve(bulletin=bulletin, actor=chair_user)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.APPROVED and bulletin.approved_by == chair_user
    verbs = set(
        AuditEntry.objects.filter(target_type="radio.bulletin").values_list("verb", flat=True)
    )
    assert {"bulletin.created", "bulletin.submitted", "bulletin.approved"} <= verbs


def test_changing_an_approved_bulletin_needs_approval_again(
    commune, culture_user, chair_user, run_on_commit
):
    with run_on_commit():
        bulletin = bulletin_create_draft(
            commune=commune, title="A", script="Một.", actor=culture_user
        )
    bulletin_approve(bulletin=bulletin, actor=chair_user)
    with run_on_commit():
        bulletin_update(bulletin=bulletin, actor=culture_user, script="Hai.")
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT and bulletin.approved_by is None
    assert bulletin.versions.get().normalized_text == "hai."


def test_return_needs_a_note(commune, culture_user, chair_user):
    bulletin = bulletin_create_draft(commune=commune, title="A", script="Một.", actor=culture_user)
    bulletin_submit(bulletin=bulletin, actor=culture_user)
    with pytest.raises(ValidationError) as exc:
        bulletin_return(bulletin=bulletin, actor=chair_user, note=" ")
    assert "note" in exc.value.message_dict
    bulletin_return(bulletin=bulletin, actor=chair_user, note="Sửa ngày tiêm.")
    assert bulletin.status == Bulletin.Status.RETURNED


@pytest.mark.parametrize(
    "script,message",
    [
        ("x" * 50_000, "vượt quá 15.000 ký tự"),
        ("Chúc mừng năm mới 🎉🎆", "không đọc được: 🎉 🎆"),
        ("通知 bà con", "không đọc được: 通 知"),
    ],
)
def test_bad_scripts_are_refused_with_a_clear_message(commune, culture_user, script, message):
    with pytest.raises(ValidationError) as exc:
        bulletin_create_draft(commune=commune, title="A", script=script, actor=culture_user)
    assert message in exc.value.message_dict["script"][0]
    assert not Bulletin.objects.exists()


def test_empty_bulletin_cannot_be_submitted(commune, culture_user):
    bulletin = bulletin_create_draft(commune=commune, title="A", script="   ", actor=culture_user)
    with pytest.raises(ValidationError, match="trống"):
        bulletin_submit(bulletin=bulletin, actor=culture_user)


def test_thai_recording_is_stored_loudness_normalised(commune, culture_user, settings):
    bulletin = bulletin_create_draft(commune=commune, title="A", script="", actor=culture_user)
    upload = SimpleUploadedFile("thai.wav", _wav(2.0, amplitude=0.02), content_type="audio/wav")
    version = recording_upload(
        bulletin=bulletin, language=Language.THAI, upload=upload, actor=culture_user
    )
    assert version.is_ready and abs(version.duration_seconds - 2.0) < 0.05
    assert abs(version.rms_dbfs - (-18)) < 1.5
    assert (settings.LOALANG_PRIVATE_ROOT / version.audio_mp3.name).exists()
    assert not (settings.MEDIA_ROOT / version.audio_mp3.name).exists()


def test_new_recording_on_an_approved_bulletin_needs_approval_again(
    commune, culture_user, chair_user
):
    bulletin = bulletin_create_draft(commune=commune, title="A", script="", actor=culture_user)
    upload = SimpleUploadedFile("thai.wav", _wav(), content_type="audio/wav")
    recording_upload(bulletin=bulletin, language=Language.THAI, upload=upload, actor=culture_user)
    bulletin_approve(bulletin=bulletin, actor=chair_user)
    upload = SimpleUploadedFile("muong.wav", _wav(), content_type="audio/wav")
    recording_upload(bulletin=bulletin, language=Language.MUONG, upload=upload, actor=culture_user)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT and bulletin.approved_by is None
    assert bulletin.versions.count() == 2


@pytest.mark.parametrize(
    "data,limit,message",
    [
        (b"garbage" * 100, None, "Không đọc được tệp âm thanh"),
        (b"", None, "rỗng"),
        (None, 1000, "Tệp quá lớn"),
    ],
)
def test_bad_recordings_are_refused_and_nothing_is_saved(
    commune, culture_user, settings, data, limit, message
):
    if limit:
        settings.LOALANG_MAX_UPLOAD_BYTES = limit
    audio_dir = settings.LOALANG_PRIVATE_ROOT / "radio" / "audio"
    before = set(audio_dir.iterdir()) if audio_dir.exists() else set()
    bulletin = bulletin_create_draft(commune=commune, title="A", script="", actor=culture_user)
    upload = SimpleUploadedFile("x.mp3", _wav() if data is None else data)
    with pytest.raises(ValidationError) as exc:
        recording_upload(
            bulletin=bulletin, language=Language.MUONG, upload=upload, actor=culture_user
        )
    assert message in exc.value.message_dict["audio"][0]
    assert not BulletinVersion.objects.exists()
    assert (set(audio_dir.iterdir()) if audio_dir.exists() else set()) == before


def test_province_push_is_idempotent_and_waits_for_commune_approval(commune):
    push = {"external_ref": "TH-2026-118", "title": "Phòng chống rét", "script": "Giữ ấm."}
    first, created = bulletin_create_from_province(commune=commune, **push)
    again, created_again = bulletin_create_from_province(commune=commune, **push)
    assert created and not created_again and first.pk == again.pk
    assert again.source == Bulletin.Source.PROVINCE and again.status == Bulletin.Status.PENDING
    assert Bulletin.objects.count() == 1


def test_province_push_of_other_content_under_a_used_reference_is_a_conflict(commune):
    push = {"external_ref": "TH-2026-118", "title": "Phòng chống rét", "script": "Giữ ấm."}
    bulletin_create_from_province(commune=commune, **push)
    with pytest.raises(ExternalRefConflict):
        bulletin_create_from_province(commune=commune, **{**push, "title": "Rét đậm"})
    assert Bulletin.objects.get().title == "Phòng chống rét"


def test_failed_synthesis_can_be_retried(commune, culture_user, fake_engine, run_on_commit):
    fake_engine.fail_with = "bộ đọc hỏng"
    with run_on_commit():
        bulletin = bulletin_create_draft(
            commune=commune, title="A", script="Xin chào.", actor=culture_user
        )
    version = bulletin.versions.get()
    assert version.status == BulletinVersion.Status.FAILED and "bộ đọc hỏng" in version.error
    assert not version.audio_mp3
    fake_engine.fail_with = None
    with run_on_commit():
        version_retry(version=version, actor=culture_user)
    version.refresh_from_db()
    assert version.status == BulletinVersion.Status.READY and version.attempts == 2


def test_a_job_left_running_by_a_crashed_worker_can_be_retried(commune, culture_user, fake_engine):
    bulletin = bulletin_create_draft(
        commune=commune, title="A", script="Xin chào.", actor=culture_user
    )
    version = bulletin.versions.get()
    version.status = BulletinVersion.Status.RUNNING
    version.started_at = timezone.now() - dt.timedelta(minutes=3)
    version.save()
    with pytest.raises(ValidationError):  # still plausibly running
        version_retry(version=version, actor=culture_user)
    version.started_at = timezone.now() - dt.timedelta(hours=1)
    version.save()
    assert (
        version_retry(version=version, actor=culture_user).status == BulletinVersion.Status.QUEUED
    )
