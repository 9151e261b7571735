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
