"""A simulated clock, a fake audio sink and programme builders for the player's tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from loalang_player.cache import AudioCache
from loalang_player.clock import ClockTrust
from loalang_player.engine import Engine
from loalang_player.outbox import Outbox

VN = dt.timezone(dt.timedelta(hours=7))
T0 = dt.datetime(2026, 12, 3, 5, 59, 0, tzinfo=VN)


class SimClock:
    """Wall clock and monotonic clock moved by hand; `jump` moves only the wall clock."""

    def __init__(self, start: dt.datetime = T0, *, synced: bool = True) -> None:
        self.wall = start
        self.mono = 1000.0
        self.synced = synced

    def now(self) -> dt.datetime:
        return self.wall.astimezone(dt.UTC)

    def monotonic(self) -> float:
        return self.mono

    def ntp_synced(self) -> bool:
        return self.synced

    def advance(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)
        self.mono += seconds

    def jump(self, seconds: float) -> None:
        self.wall += dt.timedelta(seconds=seconds)


class FakePlayback:
    def __init__(self, sink: FakeSink, path: Path, offset: float) -> None:
        self.sink = sink
        self.path = path
        self.offset = offset
        self.started = sink.clock.monotonic()
        self.stopped = False

    def position(self) -> float:
        return self.offset + self.sink.clock.monotonic() - self.started

    def is_done(self) -> bool:
        return self.stopped or self.position() >= self.sink.durations[self.path.name]

    def stop(self) -> None:
        self.stopped = True


class FakeSink:
    """Records what was played when; an item is done when its length has passed."""

    def __init__(self, clock: SimClock) -> None:
        self.clock = clock
        self.durations: dict[str, float] = {}
        self.plays: list[tuple[dt.datetime, str, float]] = []  # (wall, file, offset)
        self.status = "ok"
        self.broken = False

    def play(self, path: Path, offset: float = 0.0) -> FakePlayback:
        if self.broken:
            raise RuntimeError("no sound card")
        self.plays.append((self.clock.wall, path.name, round(offset, 1)))
        return FakePlayback(self, path, offset)


class Station:
    """A player engine with its state dir, cache and outbox, on a simulated clock."""

    def __init__(self, tmp: Path, clock: SimClock | None = None, *, mode: str = "fallback") -> None:
        self.tmp = tmp
        self.clock = clock or SimClock()
        self.sink = FakeSink(self.clock)
        self.cache = AudioCache(tmp / "cache", 10**9)
        self.mode = mode
        self.files: dict[str, dict[str, Any]] = {}
        self.engine = self.restart()

    def restart(self) -> Engine:
        """A new engine on the same disk state (as after a crash or reboot)."""
        self.sink = FakeSink(self.clock) if not hasattr(self, "sink") else self.sink
        self.engine = Engine(
            clock=self.clock,
            trust=ClockTrust(self.clock, self.tmp / "clock.json"),
            sink=self.sink,
            cache=self.cache,
            outbox=Outbox(self.tmp / "outbox"),
            state_dir=self.tmp,
            untrusted_mode=self.mode,
        )
        return self.engine

    def audio(self, name: str, seconds: float, *, cached: bool = True) -> dict[str, Any]:
        body = f"{name}:{seconds}".encode() * 10
        sha = hashlib.sha256(body).hexdigest()
        if cached:
            self.cache.path(sha).write_bytes(body)
        self.sink.durations[f"{sha}.mp3"] = seconds
        item = {
            "bulletin_id": len(self.files) + 1,
            "version_id": len(self.files) + 1,
            "title": name,
            "url": f"/api/player/v1/audio/{len(self.files) + 1}.mp3",
            "sha256": sha,
            "size": len(body),
            "seconds": seconds,
            "language": "vi",
        }
        self.files[f"{sha}.mp3"] = item
        return item

    def title(self, file: str) -> str:
        return self.files[file]["title"]

    def played(self) -> list[tuple[str, str, float]]:
        return [(f"{w:%H:%M:%S}", self.title(f), off) for w, f, off in self.sink.plays]

    def run(self, seconds: float, step: float = 0.5) -> None:
        for _ in range(int(seconds / step)):
            self.clock.advance(step)
            self.engine.tick()

    def reports(self) -> list[dict[str, Any]]:
        return [e["data"] for _p, e in self.engine.outbox.pending() if e["kind"] == "asrun"]


def session(
    slot_id: int, starts: dt.datetime, items: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    at = starts
    placed = []
    for item in items:
        ends = at + dt.timedelta(seconds=item["seconds"])
        placed.append({**item, "starts_at": at.isoformat(), "ends_at": ends.isoformat(), **extra})
        at = ends
    return {
        "id": f"{slot_id}:{starts.date().isoformat()}",
        "slot_id": slot_id,
        "name": "Sáng",
        "session_on": starts.date().isoformat(),
        "starts_at": starts.isoformat(),
        "ends_at": at.isoformat(),
        "items": placed,
    }
