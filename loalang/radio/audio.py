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


# Containers a phone's browser or recorder produces that libsndfile cannot read: WebM/Opus
# (Chrome, Firefox, Android), MP4/AAC (Safari on iPhone), 3GP/AMR and M4A (phone recorders).
# They are decoded with FFmpeg's libraries through PyAV (its wheel bundles them; ADR 0053).
FFMPEG_CONTAINERS = {"matroska,webm", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", "aac", "amr", "mp3", "wav"}


def _decode_with_soundfile(data: bytes) -> tuple[np.ndarray, int] | None:
    try:
        samples, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError):
        return None
    return samples.mean(axis=1).astype(np.float32), int(rate)


def _decode_with_ffmpeg(data: bytes) -> tuple[np.ndarray, int] | None:
    import av

    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if container.format.name not in FFMPEG_CONTAINERS or not container.streams.audio:
                return None
            stream = container.streams.audio[0]
            rate = int(stream.codec_context.sample_rate or stream.rate or 48000)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks: list[np.ndarray] = []
            total = 0
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1).astype(np.float32)
                    chunks.append(chunk)
                    total += chunk.size
                if total > (MAX_RECORDING_SECONDS + 60) * rate:
                    break  # too long: say so below without decoding the rest
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1).astype(np.float32))
    except (av.error.FFmpegError, ValueError, IndexError, OSError):
        return None
    if not chunks:
        return None
    return np.concatenate(chunks), rate


def decode(data: bytes) -> tuple[np.ndarray, int]:
    """Decode an uploaded or recorded clip to mono float32. WAV, FLAC, OGG (Vorbis, Opus) and
    MP3 through libsndfile; WebM/Opus, MP4/M4A/AAC and 3GP/AMR through FFmpeg (PyAV).
    Raises AudioError with a reason a user can act on."""
    if not data:
        raise AudioError("Tệp âm thanh rỗng.")
    decoded = _decode_with_soundfile(data) or _decode_with_ffmpeg(data)
    if decoded is None:
        raise AudioError(
            "Không đọc được tệp âm thanh (tệp hỏng hoặc không phải MP3, WAV, OGG, FLAC, "
            "WebM, M4A/MP4, AAC, 3GP)."
        )
    mono, rate = decoded
    if mono.size == 0:
        raise AudioError("Tệp âm thanh không có tiếng.")
    if mono.size / rate > MAX_RECORDING_SECONDS:
        raise AudioError(
            f"Bản ghi dài {mono.size / rate / 60:.0f} phút, "
            f"vượt quá {MAX_RECORDING_SECONDS // 60} phút."
        )
    if measure(mono).peak_dbfs < -60:
        raise AudioError("Bản ghi gần như im lặng: hãy kiểm tra lại micrô.")
    return mono, int(rate)


SILENCE_DBFS = -45.0
KEEP_SECONDS = 0.25


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Cut the silence a recording starts and ends with (the tap on "record", the reach for
    "stop"), keeping a quarter second of lead-in and tail. Quiet passages inside are kept."""
    window = max(1, rate // 50)  # 20 ms
    usable = samples[: samples.size // window * window]
    if usable.size == 0:
        return samples
    rms = np.sqrt((usable.reshape(-1, window) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms > 10 ** (SILENCE_DBFS / 20))
    if loud.size == 0:
        return samples
    keep = int(KEEP_SECONDS * rate)
    start = max(0, loud[0] * window - keep)
    end = min(samples.size, (loud[-1] + 1) * window + keep)
    return samples[start:end]


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
