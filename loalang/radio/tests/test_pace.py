"""Pace: a loudspeaker carries about 150 words a minute, with a reader's pauses."""

from __future__ import annotations

import numpy as np
import pytest

from loalang.radio.normalize import normalize_paragraphs
from loalang.radio.speech.base import PARAGRAPH_PAUSE_S, speak
from loalang.radio.speech.espeak import EspeakEngine, espeak_rate_for

NOTICE = """THÔNG BÁO
Về việc tổ chức tiêm vắc-xin phòng bệnh cho trẻ em dưới 5 tuổi.

Thực hiện Kế hoạch số 15/KH-UBND ngày 3/2/2024 của UBND xã, Trạm Y tế xã tổ chức tiêm chủng
mở rộng vào ngày 15/3/2024, từ 7h30 - 11h00 tại Nhà văn hóa thôn Đông Tâm.

Đề nghị các gia đình có trẻ từ 2 tháng đến 5 tuổi đưa trẻ đến tiêm đúng lịch, mang theo sổ tiêm
chủng. Mọi thắc mắc xin liên hệ số điện thoại 0237 3456 789.

Ủy ban nhân dân xã trân trọng thông báo."""


def words_per_minute(paragraphs: list[str], seconds: float) -> float:
    return sum(len(p.split()) for p in paragraphs) / (seconds / 60)


def longest_silence(samples: np.ndarray, rate: int) -> float:
    """Longest run of 10 ms windows quieter than -50 dBFS, in seconds."""
    window = rate // 100
    frames = samples[: len(samples) // window * window].reshape(-1, window)
    quiet = np.sqrt((frames**2).mean(axis=1)) < 10 ** (-50 / 20)
    best = run = 0
    for is_quiet in quiet:
        run = run + 1 if is_quiet else 0
        best = max(best, run)
    return best / 100


def test_default_rate_reads_about_150_words_a_minute_pauses_included():
    paragraphs = normalize_paragraphs(NOTICE)
    spoken = speak(EspeakEngine(), paragraphs, voice="vi", rate=150)
    assert 135 <= words_per_minute(paragraphs, spoken.seconds) <= 165


@pytest.mark.parametrize("rate", [130, 160])
def test_chosen_rate_is_the_rate_heard(rate):
    paragraphs = normalize_paragraphs(NOTICE)
    spoken = speak(EspeakEngine(), paragraphs, voice="vi", rate=rate)
    assert abs(words_per_minute(paragraphs, spoken.seconds) - rate) <= rate * 0.12


def test_paragraphs_are_separated_by_a_readers_pause():
    paragraphs = normalize_paragraphs(NOTICE)
    assert len(paragraphs) == 4
    spoken = speak(EspeakEngine(), paragraphs, voice="vi", rate=150)
    assert longest_silence(spoken.samples, spoken.rate) >= PARAGRAPH_PAUSE_S - 0.05


def test_script_without_blank_lines_pauses_at_each_line():
    assert normalize_paragraphs("Dòng một.\nDòng hai.") == ["dòng một.", "dòng hai."]


def test_calibration_maps_vietnamese_words_to_espeak_rate():
    assert espeak_rate_for(150) < 150  # eSpeak's scale runs faster for Vietnamese syllables
    assert espeak_rate_for(130) < espeak_rate_for(150) < espeak_rate_for(170)
