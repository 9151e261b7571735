"""Adapter for Piper neural voices (a `vi_VN-*.onnx` model + its `.onnx.json` config that a
commune places on disk). The real Piper pipeline, without the piper-tts package:
eSpeak NG (the embedded library) turns text into IPA phonemes, the model's phoneme_id_map
turns them into ids, and onnxruntime runs the VITS model.

Select it with LOALANG_SPEECH_ENGINE = "loalang.radio.speech.piper.PiperEngine" and
LOALANG_PIPER_MODEL = "/path/to/vi_VN-vais1000-medium.onnx". onnxruntime must be installed
(`pip install onnxruntime`); it is not a default dependency because no model ships with
Loa Làng (ADR 0051).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

from loalang.radio.speech.base import Audio, SpeechError, Voice
from loalang.radio.speech.espeak import text_to_phonemes

PAD, BOS, EOS = "_", "^", "$"


def model_path() -> Path | None:
    raw = getattr(settings, "LOALANG_PIPER_MODEL", "") or os.environ.get("LOALANG_PIPER_MODEL", "")
    return Path(raw) if raw else None


def phoneme_ids(phonemes: str, id_map: dict[str, list[int]]) -> list[int]:
    """Piper's id sequence: BOS, then each known phoneme followed by PAD, then EOS."""
    ids = list(id_map[BOS]) + list(id_map[PAD])
    for ch in phonemes:
        if ch in id_map:
            ids += list(id_map[ch]) + list(id_map[PAD])
    return ids + list(id_map[EOS])


class PiperEngine:
    name = "Piper (giọng nơ-ron)"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or model_path()
        if self.path is None or not self.path.exists():
            raise SpeechError("Chưa có tệp mô hình Piper (LOALANG_PIPER_MODEL).")
        config_path = Path(f"{self.path}.json")
        if not config_path.exists():
            raise SpeechError(f"Thiếu tệp cấu hình {config_path.name} bên cạnh mô hình Piper.")
        self.config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
        try:
            import onnxruntime
        except ImportError as exc:
            raise SpeechError("Cần cài onnxruntime để dùng giọng Piper.") from exc
        self.session = onnxruntime.InferenceSession(
            str(self.path), providers=["CPUExecutionProvider"]
        )
        self.rate = int(self.config["audio"]["sample_rate"])
        self.espeak_voice = self.config.get("espeak", {}).get("voice", "vi")
        self._lock = threading.Lock()

    def voices(self) -> list[Voice]:
        return [Voice("piper", self.path.stem if self.path else "piper")]

    def synthesize(self, text: str, *, voice: str = "piper", rate: int = 150) -> Audio:
        if not text.strip():
            raise SpeechError("Không có chữ nào để đọc.")
        inference = self.config.get("inference", {})
        # Piper's length_scale stretches time; 150 words/min is the model's own pace.
        length_scale = float(inference.get("length_scale", 1.0)) * 150 / max(80, min(450, rate))
        scales = np.array(
            [inference.get("noise_scale", 0.667), length_scale, inference.get("noise_w", 0.8)],
            dtype=np.float32,
        )
        pieces = []
        silence = np.zeros(int(self.rate * 0.25), dtype=np.float32)
        for clause in text_to_phonemes(text, voice=self.espeak_voice):
            ids = phoneme_ids(clause, self.config["phoneme_id_map"])
            inputs = {
                "input": np.array([ids], dtype=np.int64),
                "input_lengths": np.array([len(ids)], dtype=np.int64),
                "scales": scales,
            }
            with self._lock:
                out = self.session.run(None, inputs)[0]
            pieces += [np.asarray(out, dtype=np.float32).reshape(-1), silence]
        if not pieces:
            raise SpeechError("Bộ đọc không tạo ra âm thanh nào cho văn bản này.")
        samples = np.concatenate(pieces)
        peak = float(np.max(np.abs(samples))) or 1.0
        return Audio(samples=samples / max(peak, 1.0), rate=self.rate)
