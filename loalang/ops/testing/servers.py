"""Local servers for the multi-machine tests: processes of our own app.

Everything binds to 127.0.0.1 on a free port, and every process is stopped by its id.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, *, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP error still means it is up
                return
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a process in its own process group (so it and its children stop together)."""
    fh = log.open("ab")
    return subprocess.Popen(  # noqa: S603 - our own programs
        args, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
    )


def app_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like app process on this machine."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "multi-process-test-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "LOALANG_VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def gunicorn(env: dict[str, str], log: Path, *, workers: int = 2) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = spawn(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--graceful-timeout",
            "5",
            "--timeout",
            "60",
        ],
        env,
        log,
    )
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/healthz", proc=proc)
    return proc, url


def db_worker(env: dict[str, str], log: Path, worker_id: str) -> subprocess.Popen:
    """A job worker (`ops_worker`: db_worker + heartbeat + orphan requeue)."""
    return spawn(
        [
            sys.executable,
            "manage.py",
            "ops_worker",
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--worker-id",
            worker_id,
            "--no-reload",
        ],
        env,
        log,
    )


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed: {result.stderr[-3000:]}")
    return result.stdout
