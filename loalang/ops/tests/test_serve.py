"""`manage.py serve` (what `make run` starts): gunicorn + a supervised job worker.

Real processes on 127.0.0.1 with the `make run` settings (config.settings.local) on a SQLite
file; the worker is killed with SIGKILL and must come back, /healthz saying so meanwhile.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from loalang.ops.supervisor import Backoff
from loalang.ops.testing import servers

ROOT = Path(__file__).resolve().parents[3]


def health(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def wait_health(url: str, predicate, timeout: float) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    status, body = 0, {}
    while time.monotonic() < deadline:
        try:
            status, body = health(url)
        except OSError:
            status, body = 0, {}
        if predicate(status, body):
            return status, body
        time.sleep(0.3)
    return status, body


@dataclass
class Served:
    url: str
    var: Path
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    var = tmp_path_factory.mktemp("serve")
    env = servers.app_env(
        f"sqlite:///{var / 'loalang.sqlite3'}",
        var,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        LOALANG_WORKER_BEAT_SECONDS="1",
        LOALANG_WORKER_STALE_SECONDS="3",
    )
    del env["SECRET_KEY"]  # the local settings generate and keep one
    servers.manage(env, "migrate", "--noinput", "-v0")
    servers.manage(env, "createcachetable")
    port = servers.free_port()
    log = var / "serve.log"
    proc = servers.spawn(
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}",
         "--web-workers", "2", "--threads", "2", "--restart-delay", "6",
         "--log-dir", str(var / "log")],
        env, log,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        status, body = wait_health(
            url, lambda s, b: s == 200 and b.get("worker:worker-1") == "ok", timeout=120
        )
        assert (status, body.get("worker:worker-1")) == (200, "ok"), log.read_text()[-3000:]
        yield Served(url, var, log)
    finally:
        servers.stop(proc, timeout=40)


pytestmark = pytest.mark.multiprocess


def test_make_run_settings_keep_a_private_generated_secret_key(served):
    key = served.var / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 50


def test_public_healthz_has_no_debug_flag_under_make_run(served):
    status, body = health(served.url)
    assert status == 200 and "debug" not in body and "elapsed_ms" not in body


def test_killed_worker_is_restarted_and_healthz_goes_503_then_200(served):
    pid = int(re.findall(r"worker-1 started \(pid (\d+)\)", served.log.read_text())[-1])
    os.kill(pid, signal.SIGKILL)
    status, body = wait_health(served.url, lambda s, b: s == 503, timeout=60)
    assert status == 503 and body["failed"] == ["worker:worker-1"], body
    status, body = wait_health(served.url, lambda s, b: s == 200, timeout=120)
    assert status == 200, body
    text = served.log.read_text()
    assert "worker-1 exited (-9)" in text
    new_pid = int(re.findall(r"worker-1 started \(pid (\d+)\)", text)[-1])
    assert new_pid != pid


def test_backoff_grows_on_quick_exits_and_resets_after_a_long_run():
    backoff = Backoff(first=1, longest=8, stable_after=60)
    assert [backoff.after_exit(ran_for=0.5) for _ in range(5)] == [1, 2, 4, 8, 8]
    assert backoff.after_exit(ran_for=600) == 1
