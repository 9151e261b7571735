"""The embedded eSpeak NG engine: libespeak-ng and its Vietnamese voices from the
`espeakng-loader` wheel, called through ctypes. No root, no download, no subprocess.

libespeak-ng keeps global state (one voice, one callback, one output buffer), so the library
is initialised once per process and every synthesis holds a process-wide lock (ADR 0051).
"""

from __future__ import annotations

import ctypes
import itertools
import threading

import numpy as np

from loalang.radio.speech.base import Audio, SpeechError, Voice

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_CHARS_UTF8 = 1
ESPEAK_ENDPAUSE = 0x1000
ESPEAK_RATE = 1
POS_CHARACTER = 1
MIN_RATE, MAX_RATE = 80, 450
# eSpeak's rate is English words a minute; Vietnamese syllables are shorter, so at "150" it
# says about 207 Vietnamese words (syllables) a minute. Measured on the 2023 plan's text
# (espeak rate → Vietnamese words a minute, its own clause pauses included):
CALIBRATION = [(80, 116), (100, 137), (120, 165), (150, 207), (175, 242), (450, 620)]


def espeak_rate_for(words_per_minute: int) -> int:
    """The eSpeak rate that says `words_per_minute` Vietnamese words a minute."""
    points = CALIBRATION
    wpm = max(points[0][1], min(points[-1][1], words_per_minute))
    for (r0, w0), (r1, w1) in itertools.pairwise(points):
        if w0 <= wpm <= w1:
            return round(r0 + (wpm - w0) * (r1 - r0) / (w1 - w0))
    return MIN_RATE


VOICES = [
    Voice("vi", "Giọng miền Bắc"),
    Voice("vi-VN-x-central", "Giọng miền Trung"),
    Voice("vi-VN-x-south", "Giọng miền Nam"),
]

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

_lock = threading.Lock()
_state: dict[str, object] = {}


def _library() -> tuple[ctypes.CDLL, int]:
    """Load and initialise libespeak-ng once; returns (library, sample rate)."""
    if "lib" not in _state:
        import espeakng_loader

        lib = ctypes.CDLL(str(espeakng_loader.get_library_path()))
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        data_path = str(espeakng_loader.get_data_path()).encode()
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        if rate <= 0:
            raise SpeechError("Không khởi động được bộ đọc eSpeak NG.")
        chunks: list[np.ndarray] = []

        def on_audio(wav, count, events):
            if count > 0 and wav:
                chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
            return 0  # 0 = continue

        callback = _SYNTH_CALLBACK(on_audio)
        lib.espeak_SetSynthCallback(callback)
        # Keep the callback and its buffer alive as long as the library is loaded.
        _state.update(lib=lib, rate=rate, callback=callback, chunks=chunks)
    return _state["lib"], _state["rate"]  # type: ignore[return-value]


class EspeakEngine:
    """Vietnamese voices vi (Northern), vi-VN-x-central, vi-VN-x-south; `rate` in Vietnamese
    words (syllables) a minute, mapped to eSpeak's own scale by `espeak_rate_for`."""

    name = "eSpeak NG (tích hợp sẵn)"

    def voices(self) -> list[Voice]:
        return list(VOICES)

    def synthesize(self, text: str, *, voice: str = "vi", rate: int = 150) -> Audio:
        if not text.strip():
            raise SpeechError("Không có chữ nào để đọc.")
        if voice not in {v.id for v in VOICES}:
            raise SpeechError(f"Bộ đọc không có giọng “{voice}”.")
        with _lock:
            lib, sample_rate = _library()
            chunks: list[np.ndarray] = _state["chunks"]  # type: ignore[assignment]
            chunks.clear()
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"Bộ đọc không nạp được giọng “{voice}”.")
            engine_rate = espeak_rate_for(int(rate))
            lib.espeak_SetParameter(ESPEAK_RATE, max(MIN_RATE, min(MAX_RATE, engine_rate)), 0)
            data = text.encode("utf-8") + b"\0"
            status = lib.espeak_Synth(
                data,
                len(data),
                0,
                POS_CHARACTER,
                0,
                ESPEAK_CHARS_UTF8 | ESPEAK_ENDPAUSE,
                None,
                None,
            )
            lib.espeak_Synchronize()
            if status != 0:
                raise SpeechError(f"Bộ đọc báo lỗi (mã {status}).")
            pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
            chunks.clear()
        if pcm.size == 0:
            raise SpeechError("Bộ đọc không tạo ra âm thanh nào cho văn bản này.")
        return Audio(samples=(pcm.astype(np.float32) / 32768.0), rate=sample_rate)


ESPEAK_PHONEMES_IPA = 0x02


def text_to_phonemes(text: str, *, voice: str = "vi") -> list[str]:
    """IPA phonemes per clause, as Piper voices expect (espeak_TextToPhonemes, IPA mode)."""
    with _lock:
        lib, _rate = _library()
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise SpeechError(f"Bộ đọc không nạp được giọng “{voice}”.")
        buffer = ctypes.create_string_buffer(text.encode("utf-8") + b"\0")
        pointer = ctypes.c_char_p(ctypes.addressof(buffer))
        clauses: list[str] = []
        while pointer.value:
            result = lib.espeak_TextToPhonemes(
                ctypes.byref(pointer), ESPEAK_CHARS_UTF8, ESPEAK_PHONEMES_IPA
            )
            if result is None:
                break
            clauses.append(result.decode("utf-8", "replace").strip())
        return [c for c in clauses if c]
