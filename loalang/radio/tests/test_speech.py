"""The embedded eSpeak NG engine, the Piper adapter's plumbing, and audio levels."""

from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile as sf

from loalang.radio import audio
from loalang.radio.speech.base import SpeechError
from loalang.radio.speech.espeak import EspeakEngine, text_to_phonemes
from loalang.radio.speech.piper import PiperEngine, model_path, phoneme_ids


def test_embedded_engine_speaks_vietnamese_in_three_accents():
    engine = EspeakEngine()
    assert {v.id for v in engine.voices()} == {"vi", "vi-VN-x-central", "vi-VN-x-south"}
    for voice in ("vi", "vi-VN-x-central", "vi-VN-x-south"):
        spoken = engine.synthesize("xin chào bà con trong xã", voice=voice, rate=150)
        assert spoken.rate == 22050
        assert 1.0 < spoken.seconds < 5.0
        assert audio.measure(spoken.samples).rms_dbfs > -40  # not silence


def test_slower_rate_gives_longer_audio():
    engine = EspeakEngine()
    text = "thông báo về việc kích hoạt tài khoản định danh điện tử mức hai"
    slow = engine.synthesize(text, voice="vi", rate=100).seconds
    fast = engine.synthesize(text, voice="vi", rate=250).seconds
    assert slow > fast * 1.6


@pytest.mark.parametrize("text,voice", [("   ", "vi"), ("xin chào", "klingon")])
def test_engine_refuses_what_it_cannot_read(text, voice):
    with pytest.raises(SpeechError):
        EspeakEngine().synthesize(text, voice=voice, rate=150)


def test_piper_plumbing_turns_text_into_model_ids_with_the_embedded_phonemizer():
    clauses = text_to_phonemes("xin chào, hôm nay", voice="vi")
    assert len(clauses) == 2 and "tʃ" in clauses[0]
    id_map = {
        "_": [0],
        "^": [1],
        "$": [2],
        **{ch: [i + 3] for i, ch in enumerate(sorted(set(clauses[0])))},
    }
    ids = phoneme_ids(clauses[0], id_map)
    assert ids[:2] == [1, 0] and ids[-1] == 2
    assert len(ids) == 2 + 2 * len(clauses[0]) + 1


def test_piper_without_a_model_says_so(tmp_path):
    with pytest.raises(SpeechError, match="Piper"):
        PiperEngine(tmp_path / "missing.onnx")


@pytest.mark.skipif(
    model_path() is None or not model_path().exists(), reason="no Piper model on disk"
)
def test_piper_model_speaks():  # pragma: no cover - runs where a commune placed a model
    spoken = PiperEngine().synthesize("xin chào bà con", rate=150)
    assert spoken.seconds > 0.5


def test_loudness_is_consistent_for_quiet_and_loud_sources():
    t = np.arange(22050 * 3) / 22050
    quiet = (0.01 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    loud = (0.99 * np.sign(np.sin(2 * np.pi * 150 * t))).astype(np.float32)
    speech = EspeakEngine().synthesize(
        "xin chào bà con, đây là đài truyền thanh xã", voice="vi", rate=150
    )
    for clip in (quiet, loud, speech.samples):
        level = audio.measure(audio.normalize_loudness(clip))
        assert abs(level.rms_dbfs - audio.TARGET_RMS_DBFS) < 1.5
        assert level.peak_dbfs <= audio.PEAK_CEILING_DBFS + 0.01


def test_long_ogg_is_written_in_blocks_and_reads_back():
    seconds = 6 * 60
    clip = (0.1 * np.sin(2 * np.pi * 440 * np.arange(22050 * seconds) / 22050)).astype(np.float32)
    ogg = audio.encode_ogg(clip)
    data, rate = sf.read(io.BytesIO(ogg))
    assert rate == 22050 and abs(len(data) / rate - seconds) < 0.1
    mp3 = audio.encode_mp3(clip[: 22050 * 10])
    assert abs(audio.duration_of(mp3) - 10) < 0.2


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "rỗng"),
        (b"ID3" + b"\x00" * 5000, "Không đọc được"),
        (b"not audio at all" * 50, "Không đọc được"),
    ],
)
def test_corrupt_audio_gives_a_clear_reason(data, message):
    with pytest.raises(audio.AudioError, match=message):
        audio.decode(data)


def test_silent_recording_is_refused():
    buffer = io.BytesIO()
    sf.write(buffer, np.zeros(22050, dtype=np.float32), 22050, format="WAV")
    with pytest.raises(audio.AudioError, match="im lặng"):
        audio.decode(buffer.getvalue())
