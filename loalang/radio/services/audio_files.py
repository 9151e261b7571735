"""Storing audio through Django's storage API: convert first, then save whole files."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from loalang.core.files import private_storage
from loalang.radio import audio

AUDIO_DIR = "radio/audio"
ORIGINALS_DIR = "radio/originals"
# The recording as it came from the phone or recorder app, kept beside the aired audio.
ORIGINAL_TYPES = {
    ".webm": "audio/webm", ".m4a": "audio/mp4", ".mp4": "audio/mp4", ".ogg": "audio/ogg",
    ".oga": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav", ".mp3": "audio/mpeg",
    ".flac": "audio/flac", ".3gp": "audio/3gpp", ".aac": "audio/aac", ".amr": "audio/amr",
}  # fmt: skip


@dataclass(frozen=True)
class StoredAudio:
    mp3_name: str
    ogg_name: str
    seconds: float
    rms_dbfs: float
    peak_dbfs: float
    original_name: str = ""


def store_samples(samples: np.ndarray, *, stem: str = "") -> StoredAudio:
    """Normalise loudness, encode MP3 and OGG in memory, then save both. The storage API
    writes each file completely or not at all; if the second save fails the first is removed."""
    clip = audio.normalize_loudness(samples)
    mp3 = audio.encode_mp3(clip)
    ogg = audio.encode_ogg(clip)
    level = audio.measure(clip)
    stem = stem or uuid.uuid4().hex
    mp3_name = private_storage().save(f"{AUDIO_DIR}/{stem}.mp3", ContentFile(mp3))
    try:
        ogg_name = private_storage().save(f"{AUDIO_DIR}/{stem}.ogg", ContentFile(ogg))
    except Exception:
        private_storage().delete(mp3_name)
        raise
    return StoredAudio(
        mp3_name=mp3_name,
        ogg_name=ogg_name,
        seconds=clip.size / audio.OUTPUT_RATE,
        rms_dbfs=round(level.rms_dbfs, 2),
        peak_dbfs=round(level.peak_dbfs, 2),
    )


def max_upload_bytes() -> int:
    return int(getattr(settings, "LOALANG_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def store_recording(upload: Any, *, keep_original: bool = False) -> StoredAudio:
    """Validate and convert an uploaded recording (silence trimmed at both ends, loudness
    normalised); with `keep_original`, also save the file as uploaded, privately.
    Raises ValidationError on 'audio' before anything is saved."""
    limit = max_upload_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            {
                "audio": _("Tệp quá lớn (%(mb)s MB). Giới hạn là %(max)s MB.")
                % {"mb": round(size / 1024 / 1024, 1), "max": limit // (1024 * 1024)}
            }
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            {"audio": _("Tệp quá lớn. Giới hạn là %(max)s MB.") % {"max": limit // (1024 * 1024)}}
        )
    try:
        samples, rate = audio.decode(data)
    except audio.AudioError as exc:
        raise ValidationError({"audio": str(exc)}) from exc
    stored = store_samples(audio.resample(audio.trim_silence(samples, rate), rate))
    if not keep_original:
        return stored
    suffix = "." + str(getattr(upload, "name", "")).rsplit(".", 1)[-1].lower()
    suffix = suffix if suffix in ORIGINAL_TYPES else ".bin"
    try:
        original = private_storage().save(
            f"{ORIGINALS_DIR}/{uuid.uuid4().hex}{suffix}", ContentFile(data)
        )
    except Exception:
        private_storage().delete(stored.mp3_name)
        private_storage().delete(stored.ogg_name)
        raise
    return StoredAudio(**{**stored.__dict__, "original_name": original})


def original_content_type(name: str) -> str:
    return ORIGINAL_TYPES.get("." + name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def store_jingle(upload: Any) -> str:
    """Validate an uploaded jingle; store it loudness-normalised as MP3. Returns the name."""
    stored = store_recording(upload)
    private_storage().delete(stored.ogg_name)
    return stored.mp3_name
