"""Turning a bulletin's script into audio, safely re-runnable."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.files import private_storage
from loalang.radio.models import BulletinVersion, RadioSettings
from loalang.radio.normalize import lexicon_for, normalize_paragraphs
from loalang.radio.services.audio_files import store_samples
from loalang.radio.speech.base import SpeechError, get_engine, speak

log = logging.getLogger(__name__)

# A version still "running" after this long was left behind by a crashed worker.
STALE_AFTER = dt.timedelta(minutes=10)


def version_synthesize(*, version_id: int) -> BulletinVersion:
    """Synthesise the Vietnamese version from the current script.

    Crash-safe: the claim (status → running) is committed first; audio is written to new
    files and only then swapped in, in one transaction; old files are removed after commit.
    A failure leaves status=failed with a readable error and the previous audio untouched,
    so the job can simply be enqueued again.
    """
    with transaction.atomic():
        version = (
            BulletinVersion.objects.select_for_update()
            .select_related("bulletin__commune")
            .get(pk=version_id)
        )
        if version.kind != BulletinVersion.Kind.SYNTHESIZED:
            return version
        version.status = BulletinVersion.Status.RUNNING
        version.started_at = timezone.now()
        version.attempts += 1
        version.save(update_fields=["status", "started_at", "attempts", "updated_at"])
    bulletin = version.bulletin
    station = RadioSettings.objects.filter(commune=bulletin.commune).first()
    voice = bulletin.voice or (station.voice if station else "vi")
    rate = bulletin.rate or (station.rate if station else 150)
    engine = get_engine()
    try:
        paragraphs = normalize_paragraphs(bulletin.script, lexicon=lexicon_for(bulletin.commune))
        text = "\n\n".join(paragraphs)
        spoken = speak(engine, paragraphs, voice=voice, rate=rate)
        from loalang.radio.audio import resample

        stored = store_samples(resample(spoken.samples, spoken.rate))
    except (SpeechError, ValueError, OSError) as exc:
        log.warning("synthesis of bulletin version %s failed: %s", version_id, exc)
        BulletinVersion.objects.filter(pk=version_id).update(
            status=BulletinVersion.Status.FAILED, error=str(exc)[:2000], updated_at=timezone.now()
        )
        version.refresh_from_db()
        return version
    with transaction.atomic():
        version = BulletinVersion.objects.select_for_update().get(pk=version_id)
        before = snapshot(version)
        old = [str(f.name) for f in (version.audio_mp3, version.audio_ogg) if f]
        version.audio_mp3.name = stored.mp3_name
        version.audio_ogg.name = stored.ogg_name
        version.duration_seconds = round(stored.seconds, 2)
        version.rms_dbfs = stored.rms_dbfs
        version.peak_dbfs = stored.peak_dbfs
        version.normalized_text = text
        version.engine = engine.name
        version.voice = voice
        version.rate = rate
        version.status = BulletinVersion.Status.READY
        version.error = ""
        version.full_clean()
        version.save()
        audit_log(
            actor=None,
            verb="bulletin_version.synthesized",
            target=version,
            commune=version.bulletin.commune,
            before=before,
        )
        transaction.on_commit(lambda: _delete(old))
        if version.bulletin.status == version.bulletin.Status.APPROVED:
            from loalang.portal import pagecache

            commune = version.bulletin.commune
            transaction.on_commit(lambda: pagecache.bump(commune))  # its audio is public now
    return version


def _delete(names: list[str]) -> None:
    for name in names:
        private_storage().delete(name)


@transaction.atomic
def version_retry(*, version: BulletinVersion, actor: object) -> BulletinVersion:
    """Queue a failed synthesis again, or one a crashed worker left running."""
    stale = (
        version.status == BulletinVersion.Status.RUNNING
        and version.started_at is not None
        and timezone.now() - version.started_at > STALE_AFTER
    )
    if version.kind != BulletinVersion.Kind.SYNTHESIZED or not (
        version.status == BulletinVersion.Status.FAILED or stale
    ):
        raise ValidationError(_("Chỉ thử lại được khi tạo âm thanh bị lỗi hoặc bị treo."))
    before = snapshot(version)
    version.status = BulletinVersion.Status.QUEUED
    version.error = ""
    version.save()
    audit_log(
        actor=actor,
        verb="bulletin_version.requeued",
        target=version,
        commune=version.bulletin.commune,
        before=before,
    )
    from loalang.radio.jobs import version_synthesize_job

    pk = version.pk
    transaction.on_commit(lambda: version_synthesize_job.enqueue(pk))
    return version
