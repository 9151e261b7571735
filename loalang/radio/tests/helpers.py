"""Builders for tests that need approved bulletins with real audio."""

from __future__ import annotations

from loalang.radio.audio import opening_jingle
from loalang.radio.models import Bulletin, BulletinVersion, Language
from loalang.radio.services.audio_files import store_samples


def aired_bulletin(
    commune,
    *,
    title="Bản tin",
    priority=Bulletin.Priority.NORMAL,
    clusters=(),
    language=Language.VIETNAMESE,
    **extra,
):  # type: ignore[no-untyped-def]
    """An approved bulletin with one ready version (a 2.4-second chime as its audio)."""
    from django.utils import timezone

    bulletin = Bulletin.objects.create(
        commune=commune, title=title, priority=priority, status=Bulletin.Status.APPROVED,
        approved_at=timezone.now(), **extra,
    )  # fmt: skip
    bulletin.clusters.set(clusters)
    stored = store_samples(opening_jingle())
    BulletinVersion.objects.create(
        bulletin=bulletin, language=language, kind=BulletinVersion.Kind.RECORDED,
        status=BulletinVersion.Status.READY, audio_mp3=stored.mp3_name, audio_ogg=stored.ogg_name,
        duration_seconds=stored.seconds,
    )  # fmt: skip
    return bulletin
