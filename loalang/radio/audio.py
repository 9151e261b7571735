"""Audio helpers: pure functions on numpy arrays and bytes (no database, no storage).

Loudness: every clip is brought to the same RMS (TARGET_RMS_DBFS) with its peak kept under
PEAK_CEILING_DBFS, so a synthesised bulletin, a phone recording and a jingle play at the same
level on the loudspeakers (ADR 0053).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import soundfile as sf

OUTPUT_RATE = 22050
TARGET_RMS_DBFS = -18.0
PEAK_CEILING_DBFS = -1.0
OGG_BLOCK_FRAMES = 16384  # one big write of a long clip segfaults libvorbis
MP3_KBPS = 48
MAX_RECORDING_SECONDS = 30 * 60


class AudioError(Exception):
    """A clip could not be read; the message is shown to staff."""


@dataclass(frozen=True)
class Loudness:
    rms_dbfs: float
    peak_dbfs: float


def _db(value: float) -> float:
    return float(20 * np.log10(max(value, 1e-9)))


def measure(samples: np.ndarray) -> Loudness:
    """RMS and peak level in dBFS (0 dBFS = full scale)."""
    if samples.size == 0:
        return Loudness(rms_dbfs=-180.0, peak_dbfs=-180.0)
    x = samples.astype(np.float64)
    return Loudness(
        rms_dbfs=_db(float(np.sqrt(np.mean(x * x)))), peak_dbfs=_db(float(np.max(np.abs(x))))
    )


def normalize_loudness(samples: np.ndarray) -> np.ndarray:
    """Scale to TARGET_RMS_DBFS; if that would push the peak over the ceiling, compress the
    loud parts with a soft limiter rather than lowering the whole clip."""
    x = samples.astype(np.float32)
    level = measure(x)
    if level.rms_dbfs <= -90:
        return x
    gain = 10 ** ((TARGET_RMS_DBFS - level.rms_dbfs) / 20)
    x = x * gain
    ceiling = 10 ** (PEAK_CEILING_DBFS / 20)
    peak = float(np.max(np.abs(x)))
    if peak > ceiling:
        # tanh soft clip above a knee: keeps speech intelligible, removes overs.
        knee = ceiling * 0.7
        over = np.abs(x) > knee
        headroom = ceiling - knee
        x[over] = np.sign(x[over]) * (
            knee + headroom * np.tanh((np.abs(x[over]) - knee) / headroom)
        )
    return x.astype(np.float32)


def resample(samples: np.ndarray, rate: int, target: int = OUTPUT_RATE) -> np.ndarray:
    """Linear-interpolation resampling; plenty for speech on loudspeakers."""
    if rate == target or samples.size == 0:
        return samples.astype(np.float32)
    n = round(samples.size * target / rate)
    old = np.linspace(0, 1, samples.size, endpoint=False)
    new = np.linspace(0, 1, n, endpoint=False)
    return np.interp(new, old, samples).astype(np.float32)


def to_int16(samples: np.ndarray) -> np.ndarray:
    return (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)


def encode_mp3(samples: np.ndarray, rate: int = OUTPUT_RATE) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_KBPS)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(to_int16(samples).tobytes()) + encoder.flush())


def encode_ogg(samples: np.ndarray, rate: int = OUTPUT_RATE) -> bytes:
    buffer = io.BytesIO()
    with sf.SoundFile(
        buffer, mode="w", samplerate=rate, channels=1, format="OGG", subtype="VORBIS"
    ) as f:
        for start in range(0, samples.size, OGG_BLOCK_FRAMES):
            f.write(samples[start : start + OGG_BLOCK_FRAMES].astype(np.float32))
    return buffer.getvalue()


def decode(data: bytes) -> tuple[np.ndarray, int]:
    """Decode WAV/OGG/FLAC/MP3 bytes to mono float32. Raises AudioError with a reason."""
    if not data:
        raise AudioError("Tệp âm thanh rỗng.")
    try:
        samples, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise AudioError(
            "Không đọc được tệp âm thanh (tệp hỏng hoặc không phải MP3, WAV, OGG, FLAC)."
        ) from exc
    if samples.shape[0] == 0:
        raise AudioError("Tệp âm thanh không có tiếng.")
    mono = samples.mean(axis=1).astype(np.float32)
    if mono.size / rate > MAX_RECORDING_SECONDS:
        raise AudioError(
            f"Bản ghi dài {mono.size / rate / 60:.0f} phút, "
            f"vượt quá {MAX_RECORDING_SECONDS // 60} phút."
        )
    if measure(mono).peak_dbfs < -60:
        raise AudioError("Bản ghi gần như im lặng: hãy kiểm tra lại micrô.")
    return mono, int(rate)


def duration_of(data: bytes) -> float:
    """Seconds of audio in encoded bytes (MP3/OGG/WAV)."""
    info = sf.info(io.BytesIO(data))
    return float(info.frames) / info.samplerate if info.samplerate else 0.0


def silence(seconds: float, rate: int = OUTPUT_RATE) -> np.ndarray:
    return np.zeros(int(seconds * rate), dtype=np.float32)


def chime(notes: list[float], *, rate: int = OUTPUT_RATE, note_seconds: float = 0.45) -> np.ndarray:
    """A simple bell-like jingle: each note a decaying sine with two overtones."""
    t = np.arange(int(note_seconds * rate)) / rate
    envelope = np.exp(-4.0 * t) * np.minimum(1.0, t / 0.01)
    parts = []
    for f in notes:
        tone = (
            np.sin(2 * np.pi * f * t)
            + 0.4 * np.sin(4 * np.pi * f * t)
            + 0.15 * np.sin(6 * np.pi * f * t)
        )
        parts.append((tone * envelope).astype(np.float32))
    parts.append(silence(0.6, rate))
    return normalize_loudness(np.concatenate(parts))


def opening_jingle() -> np.ndarray:
    return chime([523.25, 659.25, 783.99, 1046.5])  # C5 E5 G5 C6, rising


def closing_jingle() -> np.ndarray:
    return chime([1046.5, 783.99, 659.25, 523.25])  # falling
