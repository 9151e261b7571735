"""End to end on 127.0.0.1: Loa Làng under gunicorn and two real player processes (miniaudio's
null device). A session airs on both; one player is killed with SIGKILL mid-item and comes
back to the same item; an emergency bulletin is approved and both players preempt within
10 s; the broadcast log and the interruption come from the players' own reports.

Every process is started in its own process group and stopped by its id.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from loalang.ops.testing import servers

pytestmark = pytest.mark.multiprocess

PLAYER_DIR = Path(__file__).resolve().parents[1]
PORTS = range(8130, 8140)  # this helper's port range; any free one in it

BOOTSTRAP = """
import datetime as dt, json
import numpy as np
from django.utils import timezone
from loalang.accounts.models import Membership, Role, User
from loalang.places.models import Commune, Province
from loalang.radio.audio import opening_jingle
from loalang.radio.models import Bulletin, BulletinVersion, Cluster, Slot
from loalang.radio.services.audio_files import store_samples
from loalang.radio.services.players import player_token_issue

province = Province.objects.create(slug="tinh-e2e", name="Tỉnh Thử")
commune = Commune.objects.create(slug="xa-e2e", name="Xã Thử", province=province)
chair = User.objects.create_user(username="chutich-e2e", password="x" * 12)
Membership.objects.create(user=chair, commune=commune, role=Role.CHAIR)
officer = User.objects.create_user(username="vanhoa-e2e", password="x" * 12)
Membership.objects.create(user=officer, commune=commune, role=Role.CULTURE)
east = Cluster.objects.create(commune=commune, name="Cụm Đông")
west = Cluster.objects.create(commune=commune, name="Cụm Tây")
now = timezone.localtime()
slot = Slot.objects.create(
    commune=commune, name="Buổi thử", starts_at=now.time().replace(second=0, microsecond=0),
    min_minutes=0,
)

def bulletin(title, priority, status, samples):
    b = Bulletin.objects.create(
        commune=commune, title=title, priority=priority, status=status,
        approved_at=timezone.now() if status == "approved" else None,
    )
    stored = store_samples(samples)
    BulletinVersion.objects.create(
        bulletin=b, kind="recorded", status="ready", audio_mp3=stored.mp3_name,
        audio_ogg=stored.ogg_name, duration_seconds=stored.seconds,
    )
    return b

t = np.arange(22050 * 240) / 22050
long = bulletin("Tin dài", 0, "approved", (0.3 * np.sin(2 * np.pi * 330 * t)).astype(np.float32))
storm = bulletin("Bão khẩn", 2, "pending", opening_jingle())
tokens = [player_token_issue(cluster=c, name="Máy " + c.name, actor=None)[1] for c in (east, west)]
print("JSON=" + json.dumps({"tokens": tokens, "long": long.pk, "storm": storm.pk}))
"""

APPROVE = """
import time
from loalang.accounts.models import User
from loalang.radio.models import Bulletin
from loalang.radio.services.bulletins import bulletin_approve
b = Bulletin.objects.get(pk={pk})
bulletin_approve(bulletin=b, actor=User.objects.get(username="chutich-e2e"))
print("APPROVED=" + repr(time.time()))
"""


def _state(db: Path, bulletins: tuple[int, int]) -> dict:
    """The broadcast logs of the two bulletins and the interrupted reports, read straight from
    the SQLite file (a `manage.py shell` per look would cost a Django start each time)."""
    with sqlite3.connect(db, timeout=10) as conn:
        logs = conn.execute(
            "SELECT l.id, l.bulletin_id, l.source FROM radio_broadcastlog l"
            " WHERE l.bulletin_id IN (?, ?)",
            bulletins,
        ).fetchall()
        out = []
        for log_id, bulletin, source in logs:
            names = conn.execute(
                "SELECT c.name FROM radio_broadcastlog_clusters lc"
                " JOIN radio_cluster c ON c.id = lc.cluster_id WHERE lc.broadcastlog_id = ?",
                (log_id,),
            ).fetchall()
            out.append(
                {"bulletin": bulletin, "source": source, "clusters": sorted(n for (n,) in names)}
            )
        interrupted = conn.execute(
            "SELECT c.name, r.bulletin_id, r.interruption FROM radio_asrunreport r"
            " JOIN radio_playerdevice d ON d.id = r.device_id"
            " JOIN radio_cluster c ON c.id = d.cluster_id WHERE r.is_interrupted"
        ).fetchall()
    return {"logs": out, "interrupted": [list(row) for row in interrupted]}


def _port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8130-8139")


def _json(out: str) -> dict:
    return json.loads(next(line[5:] for line in out.splitlines() if line.startswith("JSON=")))


def _status(state: Path) -> dict:
    try:
        return json.loads((state / "status.json").read_text())
    except (OSError, ValueError):
        return {}


def _wait(predicate, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _player(env: dict, var: Path, name: str, url: str, token: str):  # type: ignore[no-untyped-def]
    state = var / name
    state.mkdir(exist_ok=True)
    config = var / f"{name}.toml"
    config.write_text(
        f'server = "{url}"\ntoken = "{token}"\nstate_dir = "{state}"\n'
        'poll_seconds = 1.0\nheartbeat_seconds = 60\naudio_backend = "null"\n'
    )
    player_env = {**env, "PYTHONPATH": str(PLAYER_DIR)}
    args = [sys.executable, "-m", "loalang_player", "run", "--config", str(config)]
    return servers.spawn(args, player_env, var / f"{name}.log"), state


def test_two_players_air_preempt_and_report(tmp_path):
    var = tmp_path
    started = time.monotonic()
    phases: dict[str, float] = {}
    env = servers.app_env(f"sqlite:///{var / 'loalang.sqlite3'}", var)
    env["LOALANG_PRIVATE_ROOT"] = str(var / "private")
    servers.manage(env, "migrate", "--noinput", "-v0")
    servers.manage(env, "createcachetable")
    phases["migrate"] = time.monotonic() - started
    ids = _json(servers.manage(env, "shell", "-c", BOOTSTRAP))
    phases["bootstrap"] = time.monotonic() - started
    port = _port()
    procs = []
    try:
        app = servers.spawn(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "60"],
            env, var / "app.log",
        )  # fmt: skip
        procs.append(app)
        url = f"http://127.0.0.1:{port}/"
        servers.wait_http(url + "healthz", proc=app, timeout=60)
        east, east_state = _player(env, var, "east", url, ids["tokens"][0])
        west, west_state = _player(env, var, "west", url, ids["tokens"][1])
        procs += [east, west]

        def playing(state: Path, kind: str, bulletin: int):  # type: ignore[no-untyped-def]
            now = _status(state).get("now_playing") or {}
            return now if now.get("kind") == kind and now.get("bulletin_id") == bulletin else None

        for state in (east_state, west_state):
            _wait(lambda s=state: playing(s, "programme", ids["long"]), 60, "the session to air")
        phases["airing"] = time.monotonic() - started

        # kill -9 mid-item, start again: the same item resumes, the cut is reported.
        os.killpg(east.pid, signal.SIGKILL)
        east.wait(10)
        procs.remove(east)
        east, _ = _player(env, var, "east", url, ids["tokens"][0])
        procs.append(east)
        resumed = _wait(
            lambda: (
                (p := playing(east_state, "programme", ids["long"]))
                and dt.datetime.fromisoformat(p["since"]).timestamp() > time.time() - 30
                and p["offset"] > 0
                and p
            ),
            60,
            "the restarted player to resume the item",
        )
        assert resumed["offset"] > 1.0  # mid-item, not from the start

        approved = float(
            servers.manage(env, "shell", "-c", APPROVE.format(pk=ids["storm"]))
            .split("APPROVED=")[1]
            .split()[0]
        )
        latencies = []
        for state in (east_state, west_state):
            now = _wait(lambda s=state: playing(s, "emergency", ids["storm"]), 30, "preemption")
            latencies.append(dt.datetime.fromisoformat(now["since"]).timestamp() - approved)
        print(f"preemption latency after approval (s): {[round(x, 2) for x in latencies]}")
        assert all(latency < 10 for latency in latencies), latencies

        # Both back on the programme, and the server's log built from their reports.
        for state in (east_state, west_state):
            _wait(
                lambda s=state: playing(s, "programme", ids["long"]), 30, "the programme to resume"
            )

        def reported():  # type: ignore[no-untyped-def]
            data = _state(var / "loalang.sqlite3", (ids["long"], ids["storm"]))
            storm_logs = [lg for lg in data["logs"] if lg["bulletin"] == ids["storm"]]
            if storm_logs and storm_logs[0]["clusters"] == ["Cụm Tây", "Cụm Đông"]:
                return data
            return None

        data = _wait(reported, 60, "both as-run reports in the broadcast log")
        assert all(lg["source"] == "player" for lg in data["logs"])
        reasons = {(c, r) for c, _b, r in data["interrupted"]}
        assert ("Cụm Đông", "player stopped unexpectedly (restart)") in reasons
        assert ("Cụm Đông", "emergency") in reasons and ("Cụm Tây", "emergency") in reasons
        phases["reported"] = time.monotonic() - started
        print("phases (s since start):", {k: round(v, 1) for k, v in phases.items()})
    finally:
        for proc in reversed(procs):
            servers.stop(proc)
