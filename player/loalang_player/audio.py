"""Audio output: a Sink plays one file from an offset and says when it is done.

MiniaudioSink decodes MP3 with miniaudio and plays through ALSA or PulseAudio (or miniaudio's
null backend, which consumes audio in real time without a sound card: tests and servers).
`tap` receives every block handed to the device (a test writes them to a WAV file).
"""

from __future__ import annotations

import array
import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

RATE = 44100
CHANNELS = 2


class Playback(Protocol):
    def is_done(self) -> bool: ...
    def stop(self) -> None: ...
    def position(self) -> float: ...  # seconds into the file


class Sink(Protocol):
    status: str

    def play(self, path: Path, offset: float = 0.0) -> Playback: ...


class _DevicePlayback:
    def __init__(self, device, offset: float) -> None:
        self.device = device
        self.offset = offset
        self.frames = 0
        self.done = threading.Event()
        self.stopped = False

    def is_done(self) -> bool:
        return self.done.is_set()

    def position(self) -> float:
        return self.offset + self.frames / RATE

    def stop(self) -> None:
        self.stopped = True
        self.done.set()
        with contextlib.suppress(Exception):  # a failed device must not stop the player
            self.device.close()


class MiniaudioSink:
    def __init__(
        self,
        *,
        backend: str = "",
        device: str = "",
        volume: int = 100,
        tap: Callable[[array.array], None] | None = None,
    ) -> None:
        self.backend = backend
        self.device_name = device
        self.gain = max(0, min(volume, 100)) / 100
        self.tap = tap
        self.status = "ok"

    def _backends(self):
        import miniaudio

        names = {
            "alsa": miniaudio.Backend.ALSA,
            "pulseaudio": miniaudio.Backend.PULSEAUDIO,
            "null": miniaudio.Backend.NULL,
        }
        return [names[self.backend]] if self.backend in names else None

    def _device_id(self):
        if not self.device_name:
            return None
        import miniaudio

        for dev in miniaudio.Devices(backends=self._backends()).get_playbacks():
            if dev["name"] == self.device_name:
                return dev["id"]
        raise RuntimeError(f"no audio device named {self.device_name!r}")

    def play(self, path: Path, offset: float = 0.0) -> Playback:
        import miniaudio

        try:
            source = miniaudio.stream_file(
                str(path),
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=RATE,
                seek_frame=max(0, int(offset * RATE)),
            )
            device = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=RATE,
                backends=self._backends(),
                device_id=self._device_id(),
                app_name="loalang-player",
            )
        except Exception as exc:
            self.status = f"error: {exc}"[:120]
            raise
        handle = _DevicePlayback(device, offset)
        stream = self._stream(source, handle)
        next(stream)
        try:
            device.start(stream)
        except Exception as exc:
            self.status = f"error: {exc}"[:120]
            device.close()
            raise
        self.status = "ok" if self.backend != "null" else "ok (null)"
        return handle

    def _stream(self, source, handle: _DevicePlayback):
        required = yield b""
        while not handle.stopped:
            try:
                block = source.send(required)
            except StopIteration:
                handle.done.set()
                break
            if self.gain != 1:
                block = array.array("h", (int(s * self.gain) for s in block))
            if self.tap is not None:
                self.tap(block)
            handle.frames += len(block) // CHANNELS
            required = yield block
        while True:  # the device asks until it is closed: silence, never garbage
            required = yield b"\0" * (int(required or 1024) * 2 * CHANNELS)
