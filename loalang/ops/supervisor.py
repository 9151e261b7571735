"""A small process supervisor for one machine: `manage.py serve` (ADR 0077).

Runs the web server (gunicorn, which itself restarts its own web workers) and the job
workers as child processes and starts again any child that exits, after a growing delay
(1 s, 2 s, 4 s … at most 60 s; back to 1 s once a child has run for a minute). On SIGTERM,
SIGINT or SIGHUP it stops every child (SIGTERM, then SIGKILL after a grace period) and exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


@dataclass
class Backoff:
    """The delay before the next restart: doubles on each quick exit, resets after a long run."""

    first: float = 1.0
    longest: float = 60.0
    stable_after: float = 60.0
    next_delay: float = field(init=False)

    def __post_init__(self) -> None:
        self.next_delay = self.first

    def after_exit(self, ran_for: float) -> float:
        if ran_for >= self.stable_after:
            self.next_delay = self.first
        delay = self.next_delay
        self.next_delay = min(self.next_delay * 2, self.longest)
        return delay


@dataclass
class Program:
    name: str
    args: Sequence[str]
    log: Path | None = None  # None: the supervisor's own stdout/stderr
    backoff: Backoff = field(default_factory=Backoff)
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restart_at: float = 0.0
    restarts: int = 0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM if the supervisor itself is killed (no orphans)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Supervisor:
    def __init__(
        self,
        programs: Sequence[Program],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        grace: float = 20.0,
        say: Callable[[str], None] = print,
    ) -> None:
        self.programs = list(programs)
        self.env = env
        self.cwd = cwd
        self.grace = grace
        self.say = say
        self.stopping = threading.Event()
        self._logs: list[IO[bytes]] = []

    def _start(self, program: Program) -> None:
        out: IO[bytes] | None = None
        if program.log is not None:
            program.log.parent.mkdir(parents=True, exist_ok=True)
            out = program.log.open("ab")
            self._logs.append(out)
        program.proc = subprocess.Popen(  # noqa: S603 - our own programs, fixed arguments
            list(program.args),
            env=self.env,
            cwd=self.cwd,
            stdout=out,
            stderr=subprocess.STDOUT if out is not None else None,
            start_new_session=True,  # Ctrl+C reaches the supervisor, which stops children in order
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        program.started_at = time.monotonic()
        self.say(f"serve: {program.name} started (pid {program.proc.pid})")

    def step(self) -> None:
        """Notice children that exited and (re)start those whose delay has passed."""
        now = time.monotonic()
        for program in self.programs:
            if program.proc is not None and program.proc.poll() is not None:
                code = program.proc.returncode
                delay = program.backoff.after_exit(now - program.started_at)
                program.proc = None
                program.restart_at = now + delay
                program.restarts += 1
                self.say(f"serve: {program.name} exited ({code}); restarting in {delay:.0f} s")
            if program.proc is None and now >= program.restart_at and not self.stopping.is_set():
                self._start(program)

    def run(self, *, poll: float = 0.5) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, lambda *_: self.stopping.set())
        try:
            while not self.stopping.is_set():
                self.step()
                self.stopping.wait(poll)
        finally:
            self.stop()

    def stop(self) -> None:
        self.stopping.set()
        running = [p for p in self.programs if p.proc is not None and p.proc.poll() is None]
        for program in running:
            assert program.proc is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(program.proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for program in running:
            assert program.proc is not None
            try:
                program.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(program.proc.pid, signal.SIGKILL)
                program.proc.wait(5)
            self.say(f"serve: {program.name} stopped")
        for fh in self._logs:
            fh.close()
