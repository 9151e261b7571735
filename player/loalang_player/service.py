"""The running player: the engine ticking in the main thread, a syncer thread talking to
Loa Làng (emergency poll every few seconds, programme refresh, downloads, heartbeats, the
outbox). The engine never waits on the network."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import signal
import threading
import time
from typing import Any

from loalang_player import __version__
from loalang_player.audio import MiniaudioSink, Sink
from loalang_player.cache import AudioCache
from loalang_player.clock import Clock, ClockTrust, SystemClock
from loalang_player.config import Config
from loalang_player.engine import Engine
from loalang_player.net import Api, Offline, Unauthorized
from loalang_player.outbox import Outbox
from loalang_player.relay import Relay

log = logging.getLogger("loalang_player")

TICK_SECONDS = 0.2


class Syncer:
    def __init__(self, config: Config, api: Api, engine: Engine, clock: Clock) -> None:
        self.config = config
        self.api = api
        self.engine = engine
        self.clock = clock
        self.rev = ""
        self.last_sync_at: dt.datetime | None = None
        self.flush_now = threading.Event()
        self.stopping = threading.Event()
        self.unauthorized = False

    def _server_time(self, answer: dict[str, Any]) -> None:
        if isinstance(answer.get("server_time"), str):
            self.engine.trust.server_time(dt.datetime.fromisoformat(answer["server_time"]))

    def refresh(self) -> None:
        programme = self.api.get(f"api/player/v1/programme?days={self.config.days}")
        self._server_time(programme)
        self.engine.set_programme(programme)
        self.rev = str(programme.get("rev", ""))
        self.last_sync_at = self.clock.now()
        self.download()

    def download(self) -> None:
        items = self.engine.needed_items()
        for item in items:
            if self.stopping.is_set():
                return
            try:
                self.engine.cache.fetch(self.api, item)
            except Offline as exc:
                log.warning("download %s failed: %s", item.get("url"), exc)
        self.engine.cache.trim(str(i.get("sha256")) for i in items)

    def poll(self) -> bool:
        """One emergency poll; True when something changed (then the programme is fetched)."""
        answer = self.api.get(f"api/player/v1/poll?rev={self.rev}")
        self._server_time(answer)
        if not answer.get("changed"):
            return False
        self.engine.set_emergencies(answer.get("emergencies", []))
        for item in answer.get("emergencies", []):  # the emergency's file first
            try:
                self.engine.cache.fetch(self.api, item)
            except Offline as exc:
                log.warning("emergency download failed: %s", exc)
        return True

    def heartbeat(self) -> None:
        current = self.engine.current
        self.engine.outbox.put(
            "heartbeat",
            {
                "version": __version__,
                "sent_at": self.clock.now().isoformat(),
                "free_disk_bytes": shutil.disk_usage(self.config.state_dir).free,
                "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
                "audio_status": self.engine.sink.status,
                "clock_trusted": self.engine.trust.trusted,
                "clock_reason": self.engine.trust.reason,
                "now_playing": current.want.item.get("title", "") if current else "",
                "queued": len(self.engine.outbox.pending()),
            },
        )

    def run(self) -> None:
        next_poll = next_refresh = next_beat = 0.0
        while not self.stopping.is_set():
            mono = time.monotonic()
            try:
                if mono >= next_beat:
                    self.heartbeat()
                    next_beat = mono + self.config.heartbeat_seconds
                    self.flush_now.set()
                if mono >= next_poll:
                    next_poll = mono + self.config.poll_seconds
                    if self.poll():
                        next_refresh = 0.0
                if mono >= next_refresh:
                    self.refresh()
                    next_refresh = time.monotonic() + self.config.refresh_seconds
                if self.flush_now.is_set():
                    self.flush_now.clear()
                    self.engine.outbox.flush(self.api)
                self.unauthorized = False
            except Unauthorized:
                if not self.unauthorized:
                    log.error("Loa Làng refused the token (revoked?); playing the cached programme")
                self.unauthorized = True
            except Offline as exc:
                log.info("server unreachable: %s", exc)
                next_poll = time.monotonic() + min(30.0, self.config.poll_seconds * 3)
            except Exception:
                log.exception("sync step failed")
            self.flush_now.wait(0.1)


def build(
    config: Config, *, clock: Clock | None = None, sink: Sink | None = None
) -> tuple[Engine, Syncer]:
    clock = clock or SystemClock()
    config.state_dir.mkdir(parents=True, exist_ok=True)
    trust = ClockTrust(clock, config.state_dir / "clock.json", trust_rtc=config.trust_rtc)
    engine = Engine(
        clock=clock,
        trust=trust,
        sink=sink
        or MiniaudioSink(
            backend=config.audio_backend, device=config.audio_device, volume=config.volume
        ),
        cache=AudioCache(config.cache_dir, config.cache_limit_bytes),
        outbox=Outbox(config.state_dir / "outbox"),
        state_dir=config.state_dir,
        untrusted_mode=config.untrusted_clock,
        relay=Relay(config.relay_gpio, config.relay_on, config.relay_off),
    )
    api = Api(config.server, config.token, timeout=config.timeout_seconds)
    syncer = Syncer(config, api, engine, clock)
    engine.on_report = syncer.flush_now.set
    return engine, syncer


def run(config: Config) -> int:
    engine, syncer = build(config)
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    thread = threading.Thread(target=syncer.run, name="syncer", daemon=True)
    thread.start()
    log.info("Loa Làng Player %s started (state in %s)", __version__, config.state_dir)
    while not stop.is_set():
        try:
            engine.tick()
        except Exception:
            log.exception("tick failed")
        stop.wait(TICK_SECONDS)
    engine.stop()
    syncer.stopping.set()
    syncer.flush_now.set()
    thread.join(5)
    with contextlib.suppress(Offline):  # whatever is left goes at the next start
        engine.outbox.flush(syncer.api)
    return 0
