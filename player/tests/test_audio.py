"""The real audio path: an MP3 decoded by miniaudio and played through miniaudio's null
playback device (a real device that consumes audio in real time without a sound card); every
block the device pulled is written to a WAV file and read back. Nothing here is faked."""

from __future__ import annotations

import array
import math
import time
import wave
from pathlib import Path

import lameenc
from loalang_player.audio import CHANNELS, RATE, MiniaudioSink


def _mp3(path: Path, seconds: float, freq: float = 440.0) -> Path:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(128)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(2)
    encoder.set_quality(5)
    samples = array.array("h")
    for i in range(int(RATE * seconds)):
        v = int(12000 * math.sin(2 * math.pi * freq * i / RATE))
        samples.extend((v, v))
    path.write_bytes(encoder.encode(samples.tobytes()) + encoder.flush())
    return path


def _play(path: Path, wav_path: Path, *, offset: float = 0.0, volume: int = 100) -> float:
    blocks: list[bytes] = []
    sink = MiniaudioSink(backend="null", volume=volume, tap=lambda b: blocks.append(bytes(b)))
    handle = sink.play(path, offset)
    deadline = time.monotonic() + 15
    while not handle.is_done():
        assert time.monotonic() < deadline, "playback did not finish"
        time.sleep(0.05)
    handle.stop()
    assert sink.status.startswith("ok")
    with wave.open(str(wav_path), "wb") as w:
        w.setnchannels(CHANNELS)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(blocks))
    return handle.position()


def _rms(wav_path: Path) -> tuple[int, float]:
    with wave.open(str(wav_path), "rb") as w:
        frames = w.getnframes()
        data = array.array("h", w.readframes(frames))
    return frames, math.sqrt(sum(s * s for s in data) / max(1, len(data)))


def test_an_mp3_plays_through_the_null_device_in_full(tmp_path):
    mp3 = _mp3(tmp_path / "tone.mp3", 1.0)
    position = _play(mp3, tmp_path / "out.wav")
    frames, rms = _rms(tmp_path / "out.wav")
    assert abs(frames - RATE) < RATE * 0.06  # one second (the MP3 encoder pads a little)
    assert 0.95 <= position <= 1.06
    assert 7000 < rms < 9500  # a 12000-peak sine has an RMS of about 8485


def test_offset_and_volume_are_applied(tmp_path):
    mp3 = _mp3(tmp_path / "tone.mp3", 1.0)
    _play(mp3, tmp_path / "half.wav", offset=0.5, volume=50)
    frames, rms = _rms(tmp_path / "half.wav")
    assert abs(frames - RATE / 2) < RATE * 0.06
    assert 3500 < rms < 4750  # half the amplitude
