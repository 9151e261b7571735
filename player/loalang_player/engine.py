"""What plays now: the scheduling core, driven by `tick()` (every 0.2 s in the service; by a
simulated clock in the tests). No network here: the syncer feeds it the programme and the
emergencies, and it writes as-run reports to the outbox.

Rules (ADR 0055):
- The programme is time-aligned: at any moment the item whose [start, end) holds "now" plays,
  from the offset it should be at. A restart mid-item therefore resumes that item where it
  should be, and the unfinished airing is reported as interrupted.
- An emergency preempts whatever plays; the interrupted session is then delayed by the time
  the emergency took, so it resumes where it was cut instead of skipping items.
- A scheduled item whose file is missing or damaged is replaced by the fallback playlist for
  its length: a session never airs silence.
- On an untrusted clock the schedule is never aired: the fallback playlist plays in place of
  each session ("fallback") or nothing plays ("silence"); the as-run says clock_trusted=false.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loalang_player.audio import Playback, Sink
from loalang_player.cache import AudioCache
from loalang_player.clock import Clock, ClockTrust
from loalang_player.net import atomic_write_json
from loalang_player.outbox import Outbox
from loalang_player.relay import Relay

PROGRESS_EVERY = dt.timedelta(seconds=5)
RETRY_AUDIO_AFTER = dt.timedelta(seconds=5)


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass
class Want:
    kind: str  # programme | emergency | fallback
    key: str  # what identifies this airing (same key = keep playing)
    item: dict[str, Any]
    session: dict[str, Any] | None = None
    offset: float = 0.0
    until: dt.datetime | None = None  # a fallback filling a gap stops here


@dataclass
class Current:
    want: Want
    handle: Playback
    client_id: str
    started_at: dt.datetime
    clock_trusted: bool
    progress_at: dt.datetime
    preempted_session: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Engine:
    def __init__(
        self,
        *,
        clock: Clock,
        trust: ClockTrust,
        sink: Sink,
        cache: AudioCache,
        outbox: Outbox,
        state_dir: Path,
        untrusted_mode: str = "fallback",
        relay: Relay | None = None,
        on_report: Any = None,
    ) -> None:
        self.clock = clock
        self.trust = trust
        self.sink = sink
        self.cache = cache
        self.outbox = outbox
        self.state_dir = state_dir
        self.untrusted_mode = untrusted_mode
        self.relay = relay or Relay(None, None, None)
        self.on_report = on_report  # called after an as-run is queued (the syncer flushes)
        self.lock = threading.RLock()
        self.programme: dict[str, Any] = {"sessions": [], "fallback": []}
        self.emergencies: list[dict[str, Any]] = []
        self.current: Current | None = None
        self.fallback_index = 0
        self.audio_failed_at: dt.datetime | None = None
        state = self._read("state.json")
        self.delays: dict[str, float] = state.get("delays", {})
        self.aired: list[str] = state.get("aired_emergencies", [])
        self.programme = self._read("programme.json") or self.programme
        self.emergencies = self.programme.get("emergencies", [])
        self._recover_interrupted()

    # --- state on disk ---------------------------------------------------------------------

    def _read(self, name: str) -> dict[str, Any]:
        try:
            return json.loads((self.state_dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save_state(self) -> None:
        atomic_write_json(
            self.state_dir / "state.json",
            {"delays": self.delays, "aired_emergencies": self.aired[-500:]},
        )

    def _recover_interrupted(self) -> None:
        """An item was playing when the player died (kill -9, power cut): report it as
        interrupted, ending at its last recorded progress."""
        path = self.state_dir / "current.json"
        data = self._read("current.json")
        if data.get("report"):
            report = data["report"]
            report["ended_at"] = data.get("progress_at", report["started_at"])
            report["interrupted"] = True
            report["interruption"] = "player stopped unexpectedly (restart)"
            self._queue(report)
        path.unlink(missing_ok=True)

    # --- inputs from the syncer ------------------------------------------------------------

    def set_programme(self, programme: dict[str, Any]) -> None:
        with self.lock:
            self.programme = programme
            self.emergencies = programme.get("emergencies", self.emergencies)
            atomic_write_json(self.state_dir / "programme.json", programme)
            live = {s["id"] for s in programme.get("sessions", [])}
            self.delays = {k: v for k, v in self.delays.items() if k in live}

    def set_emergencies(self, emergencies: list[dict[str, Any]]) -> None:
        with self.lock:
            self.emergencies = emergencies
            self.programme["emergencies"] = emergencies
            atomic_write_json(self.state_dir / "programme.json", self.programme)

    def needed_items(self) -> list[dict[str, Any]]:
        """Every file the player may need: emergencies first, then sessions, fallback."""
        with self.lock:
            items = [e for e in self.emergencies if e.get("key") not in self.aired]
            for session in self.programme.get("sessions", []):
                items += session["items"]
            items += self.programme.get("fallback", [])
            return items

    # --- the decision ----------------------------------------------------------------------

    def _pending_emergency(self) -> Want | None:
        for item in self.emergencies:
            key = str(item.get("key", ""))
            if key and key not in self.aired and self.cache.get(item):
                return Want("emergency", f"emergency:{key}", item)
        return None

    def _fallback(self, key: str, session: dict[str, Any], until: dt.datetime) -> Want | None:
        playable = [f for f in self.programme.get("fallback", []) if self.cache.get(f)]
        if not playable:
            return None
        item = playable[self.fallback_index % len(playable)]
        return Want("fallback", key, item, session, 0.0, until)

    def wanted(self, now: dt.datetime, trusted: bool) -> Want | None:
        for session in self.programme.get("sessions", []):
            delay = dt.timedelta(seconds=self.delays.get(session["id"], 0.0))
            begins = _when(session["starts_at"]) + delay
            ends = _when(session["ends_at"]) + delay
            if not begins <= now < ends:
                continue
            if not trusted:
                if self.untrusted_mode == "silence":
                    return None
                return self._fallback(f"untrusted:{session['id']}", session, ends)
            for i, item in enumerate(session["items"]):
                start = _when(item["starts_at"]) + delay
                end = _when(item["ends_at"]) + delay
                if not start <= now < end:
                    continue
                kind = "fallback" if item.get("is_fallback") else "programme"
                if self.cache.get(item):
                    offset = (now - start).total_seconds()
                    return Want(kind, f"item:{session['id']}:{i}", item, session, offset, end)
                return self._fallback(f"gap:{session['id']}:{i}", session, end)
        return None

    # --- the loop step ---------------------------------------------------------------------

    def tick(self) -> None:
        with self.lock:
            trusted = self.trust.check()
            now = self.clock.now()
            current = self.current
            if current is not None and current.handle.is_done():
                self._finish(now, interrupted=False)
                if current.want.kind == "fallback":
                    self.fallback_index += 1
                current = None
            if current is not None and self._gap_filled(current, now):
                self._finish(now, interrupted=False, reason="gap filled")
                self.fallback_index += 1
                current = None
            emergency = self._pending_emergency()  # "now" needs no clock: aired at once
            if emergency is not None:
                if current is not None and current.want.kind == "emergency":
                    return
                preempted = None
                if current is not None:
                    preempted = current.want.session["id"] if current.want.session else None
                    self._finish(now, interrupted=True, reason="emergency")
                self._start(emergency, now, trusted, preempted_session=preempted)
                return
            if current is not None and current.want.kind == "emergency":
                return
            want = self.wanted(now, trusted)
            if current is not None:
                if want is not None and want.key == current.want.key:
                    self._progress(now)
                    return
                self._finish(now, interrupted=True, reason="schedule changed")
            if want is not None:
                self._start(want, now, trusted)
            self._relay(now, trusted)

    @staticmethod
    def _gap_filled(current: Current, now: dt.datetime) -> bool:
        """A fallback clip filling a gap stops when the gap ends."""
        until = current.want.until
        return current.want.kind == "fallback" and until is not None and now >= until

    def _relay(self, now: dt.datetime, trusted: bool) -> None:
        playing = self.current is not None
        window = False
        if trusted:
            from zoneinfo import ZoneInfo

            window = self.relay.in_window(now.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).time())
        self.relay.set(playing or window)

    def _start(
        self, want: Want, now: dt.datetime, trusted: bool, *, preempted_session: str | None = None
    ) -> None:
        if self.audio_failed_at and now - self.audio_failed_at < RETRY_AUDIO_AFTER:
            return
        path = self.cache.get(want.item)
        if path is None:
            return
        self.relay.set(True)
        try:
            handle = self.sink.play(path, want.offset)
        except Exception:  # noqa: BLE001 - a broken sound card must not stop the player
            self.audio_failed_at = now
            return
        self.audio_failed_at = None
        self.current = Current(
            want=want,
            handle=handle,
            client_id=uuid.uuid4().hex,
            started_at=now,
            clock_trusted=trusted,
            progress_at=now,
            preempted_session=preempted_session,
        )
        if want.kind == "emergency":
            self.aired.append(str(want.item.get("key")))
            self._save_state()
        self._write_current()

    def _report(self, current: Current, ended: dt.datetime) -> dict[str, Any]:
        want = current.want
        item = want.item
        session = want.session or {}
        return {
            "client_id": current.client_id,
            "kind": want.kind,
            "bulletin_id": item.get("bulletin_id"),
            "version_id": item.get("version_id"),
            "title": item.get("title", ""),
            "slot_id": session.get("slot_id") if current.clock_trusted else None,
            "session_on": session.get("session_on") if current.clock_trusted else None,
            "language": item.get("language", "vi"),
            "started_at": current.started_at.isoformat(),
            "ended_at": ended.isoformat(),
            "offset": round(want.offset, 3),
            "file": item.get("url", ""),
            "sha256": item.get("sha256", ""),
            "interrupted": False,
            "interruption": "",
            "clock_trusted": current.clock_trusted,
        }

    def _write_current(self) -> None:
        if self.current is None:
            (self.state_dir / "current.json").unlink(missing_ok=True)
        else:
            atomic_write_json(
                self.state_dir / "current.json",
                {
                    "report": self._report(self.current, self.current.started_at),
                    "progress_at": self.current.progress_at.isoformat(),
                    "key": self.current.want.key,
                },
            )
        self._write_status()

    def _write_status(self) -> None:
        current = self.current
        atomic_write_json(
            self.state_dir / "status.json",
            {
                "now_playing": None
                if current is None
                else {
                    "kind": current.want.kind,
                    "key": current.want.key,
                    "title": current.want.item.get("title", ""),
                    "bulletin_id": current.want.item.get("bulletin_id"),
                    "offset": round(current.want.offset, 3),
                    "since": current.started_at.isoformat(),
                },
                "clock_trusted": self.trust.trusted,
                "clock_reason": self.trust.reason,
                "audio_status": self.sink.status,
            },
        )

    def _progress(self, now: dt.datetime) -> None:
        assert self.current is not None
        if now - self.current.progress_at >= PROGRESS_EVERY:
            self.current.progress_at = now
            self._write_current()

    def _finish(self, now: dt.datetime, *, interrupted: bool, reason: str = "") -> None:
        current = self.current
        if current is None:
            return
        current.handle.stop()
        self.current = None
        if current.want.kind == "emergency":
            # Delay every session the emergency overlapped (the one it cut, or one due while
            # it aired) by the overlap, so the session resumes where it was, skipping nothing.
            for session in self.programme.get("sessions", []):
                delay = dt.timedelta(seconds=self.delays.get(session["id"], 0.0))
                begins = _when(session["starts_at"]) + delay
                ends = _when(session["ends_at"]) + delay
                if begins < now and current.started_at < ends:
                    overlap = (now - max(begins, current.started_at)).total_seconds()
                    self.delays[session["id"]] = self.delays.get(session["id"], 0.0) + overlap
            self._save_state()
        report = self._report(current, now)
        report["interrupted"] = interrupted
        report["interruption"] = reason if interrupted else ""
        if (now - current.started_at).total_seconds() > 0 or interrupted:
            self._queue(report)
        self._write_current()

    def _queue(self, report: dict[str, Any]) -> None:
        self.outbox.put("asrun", report)
        if self.on_report:
            self.on_report()

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): the item playing is reported as interrupted."""
        with self.lock:
            self._finish(self.clock.now(), interrupted=True, reason="player stopped")
