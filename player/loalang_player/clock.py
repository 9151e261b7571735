"""Time, and whether to believe it (ADR 0055).

A Raspberry Pi has no battery-backed clock: after a reboot without network its clock starts
where it stopped (fake-hwclock) or in 1970. Airing the programme on such a clock would put the
morning news at night. The player therefore trusts its wall clock only when one of these holds:

- the system says it is synchronised (systemd-timesyncd's flag file, or NTP via adjtimex);
- the Loa Làng server's time, seen in an answer this run, agrees within SERVER_TOLERANCE;
- `trust_rtc` is set (a board with a real battery clock).

and never when the clock reads earlier than the last time known to be good (kept on disk), or
after the wall clock jumped against the monotonic clock, until one of the above confirms it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Protocol

SERVER_TOLERANCE = dt.timedelta(seconds=90)
JUMP_TOLERANCE = dt.timedelta(seconds=30)
SYNC_FLAG = Path("/run/systemd/timesync/synchronized")


class Clock(Protocol):
    def now(self) -> dt.datetime: ...  # aware, UTC
    def monotonic(self) -> float: ...
    def ntp_synced(self) -> bool: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def ntp_synced(self) -> bool:
        if SYNC_FLAG.exists():
            return True
        return _adjtimex_synced()


def _adjtimex_synced() -> bool:
    """True when the kernel says the clock is NTP-synchronised (adjtimex returns TIME_OK
    rather than TIME_ERROR). False when it cannot be asked."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        buf = ctypes.create_string_buffer(512)  # struct timex, modes = 0: read only
        state = libc.adjtimex(buf)
    except (OSError, AttributeError):
        return False
    return state not in (-1, 5)  # 5 = TIME_ERROR: clock not synchronised


class ClockTrust:
    """Decides, every tick, whether the wall clock may drive the schedule."""

    def __init__(self, clock: Clock, state_file: Path, *, trust_rtc: bool = False) -> None:
        self.clock = clock
        self.state_file = state_file
        self.trust_rtc = trust_rtc
        self.last_good = self._load()
        self.server_confirmed = False
        self.reason = ""
        self._anchor: tuple[dt.datetime, float] | None = None  # wall vs monotonic at last check
        self.trusted = False

    def _load(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(json.loads(self.state_file.read_text())["last_good"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _save(self, when: dt.datetime) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"last_good": when.isoformat()}))
        os.replace(tmp, self.state_file)

    def server_time(self, server_now: dt.datetime) -> None:
        """An answer from Loa Làng said it is `server_now`."""
        self.server_confirmed = abs(self.clock.now() - server_now) <= SERVER_TOLERANCE
        if not self.server_confirmed:
            self.reason = "clock differs from the server's"
        self._anchor = None

    def check(self) -> bool:
        now, mono = self.clock.now(), self.clock.monotonic()
        if self._anchor is not None:
            was_now, was_mono = self._anchor
            drift = (now - was_now) - dt.timedelta(seconds=mono - was_mono)
            if abs(drift) > JUMP_TOLERANCE:
                # The wall clock jumped: whatever confirmed it before no longer holds.
                self.server_confirmed = False
                self.reason = f"clock jumped by {int(drift.total_seconds())} s"
        self._anchor = (now, mono)
        synced = self.clock.ntp_synced()
        before_last_good = self.last_good is not None and now < self.last_good - JUMP_TOLERANCE
        if before_last_good and not (synced or self.server_confirmed):
            self.reason = "clock is earlier than the last known good time"
            self.trusted = False
        elif synced or self.server_confirmed or self.trust_rtc:
            self.trusted = True
            self.reason = ""
            stale = self.last_good is None or now - self.last_good > dt.timedelta(minutes=1)
            if stale or (self.last_good is not None and now < self.last_good):
                self.last_good = now
                self._save(now)
        else:
            self.reason = self.reason or "no time synchronisation since start"
            self.trusted = False
        return self.trusted
