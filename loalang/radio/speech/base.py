"""The speech-engine protocol and the audio it returns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string


class SpeechError(Exception):
    """The engine could not read the text; the message is shown to staff."""


@dataclass(frozen=True)
class Voice:
    id: str
    label: str


@dataclass
class Audio:
    """Mono float32 samples in [-1, 1] at `rate` Hz."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


class SpeechEngine(Protocol):
    """Turns already-normalised Vietnamese words into audio.

    Guarantees: thread-safe (an engine with global state serialises internally); never
    returns empty audio for non-empty text (raises SpeechError instead).
    """

    name: str

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, *, voice: str, rate: int) -> Audio: ...


@cache
def _engine_class(path: str) -> type:
    return import_string(path)


_instances: dict[str, SpeechEngine] = {}


def get_engine(path: str | None = None) -> SpeechEngine:
    """The configured engine, one instance per process (engines hold loaded models)."""
    path = path or settings.LOALANG_SPEECH_ENGINE
    if path not in _instances:
        _instances[path] = _engine_class(path)()
    return _instances[path]


# Pauses a reader makes: after a sentence, and longer after a paragraph.
SENTENCE_PAUSE_S = 0.35
PARAGRAPH_PAUSE_S = 0.8


def speak(engine: SpeechEngine, paragraphs: list[str], *, voice: str, rate: int) -> Audio:
    """Read normalised paragraphs sentence by sentence with a reader's pauses between them.

    `rate` is Vietnamese words a minute of speech; the pauses come on top, so the whole
    reading of a typical bulletin runs a little slower than `rate` (tests/test_pace.py).
    Raises SpeechError when there is nothing to read.
    """
    import re

    pieces: list[np.ndarray] = []
    sample_rate = 0
    for paragraph in (p for p in paragraphs if p.strip()):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s.strip()]
        for s_index, sentence in enumerate(sentences):
            audio = engine.synthesize(sentence, voice=voice, rate=rate)
            if sample_rate and audio.rate != sample_rate:
                raise SpeechError("Bộ đọc trả về âm thanh với tần số lấy mẫu không đồng nhất.")
            sample_rate = audio.rate
            if pieces:
                gap = SENTENCE_PAUSE_S if s_index else PARAGRAPH_PAUSE_S
                pieces.append(np.zeros(int(gap * sample_rate), dtype=np.float32))
            pieces.append(audio.samples.astype(np.float32, copy=False))
    if not pieces:
        raise SpeechError("Không có chữ nào để đọc.")
    return Audio(samples=np.concatenate(pieces), rate=sample_rate)
