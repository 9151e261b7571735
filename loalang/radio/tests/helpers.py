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


def phone_recording(fmt: str = "webm", codec: str = "libopus", *, seconds: float = 2.0) -> bytes:
    """A clip as a phone's browser records it (WebM/Opus, MP4/AAC…): half a second of silence,
    `seconds` of a 440 Hz tone, half a second of silence. Made with PyAV (FFmpeg)."""
    import io

    import av
    import numpy as np

    rate = 48000
    t = np.arange(int(rate * seconds)) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    quiet = np.zeros(rate // 2, dtype=np.float32)
    pcm = np.concatenate([quiet, tone, quiet])
    buf = io.BytesIO()
    with av.open(buf, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        for i in range(0, pcm.size, 960):
            frame = av.AudioFrame.from_ndarray(
                pcm[i : i + 960].reshape(1, -1), format="flt", layout="mono"
            )
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buf.getvalue()
