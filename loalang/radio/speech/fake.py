"""A fake engine for tests that need a vendor-like engine's behaviour (failing on demand,
counting calls) without the real one. The real embedded engine is used everywhere else."""

from __future__ import annotations

import numpy as np

from loalang.radio.speech.base import Audio, SpeechError, Voice


class FakeEngine:
    name = "Giả lập (kiểm thử)"
    calls: list[str] = []
    fail_with: str | None = None

    def voices(self) -> list[Voice]:
        return [Voice("vi", "Giả lập")]

    def synthesize(self, text: str, *, voice: str = "vi", rate: int = 150) -> Audio:
        FakeEngine.calls.append(text)
        if FakeEngine.fail_with:
            raise SpeechError(FakeEngine.fail_with)
        seconds = max(0.5, len(text.split()) * 60 / rate)
        t = np.arange(int(seconds * 16000)) / 16000
        return Audio(samples=(0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate=16000)
