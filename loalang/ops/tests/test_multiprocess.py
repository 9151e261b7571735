"""Several app and worker processes on one database, and processes killed mid-work.

Real processes: two gunicorn app servers (2 workers each) and two `ops_worker` job workers
on one database — a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL, else a
SQLite file in WAL mode. Everything listens on 127.0.0.1 and is stopped by its process id.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from loalang.ops.testing import servers

pytestmark = pytest.mark.multiprocess

BOOTSTRAP = """
from loalang.places.models import Commune, Province
from loalang.api.tokens import api_token_create
province, _ = Province.objects.get_or_create(slug="tinh-mp", defaults={"name": "Tỉnh Thử"})
commune, _ = Commune.objects.get_or_create(
    slug="xa-mp", defaults={"name": "Xã Thử", "province": province}
)
token, raw = api_token_create(commune=commune, name="mp", scopes=["ops"], actor=None)
print("KEY=" + raw)
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from loalang.ops.models import JobProbe
print(json.dumps({
    "probes": list(JobProbe.objects.values_list("task_id", flat=True)),
    "probe_workers": sorted(set(JobProbe.objects.values_list("worker_id", flat=True))),
    "tasks": {str(t.pk): [t.status, t.worker_ids] for t in DBTaskResult.objects.all()},
}))
"""


@dataclass
class Cluster:
    env: dict[str, str]
    var: Path
    key: str
    apps: list = field(default_factory=list)  # (process, url)
    workers: list = field(default_factory=list)

    def post_probe(self, url: str, label: str) -> str:
        body = {"label": label}
        request = urllib.request.Request(  # noqa: S310 - loopback only
            f"{url}/api/v1/xa-mp/ops/probes",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            assert response.status == 202
            return json.loads(response.read())["task_id"]

    def state(self) -> dict:
        return json.loads(servers.manage(self.env, "shell", "-c", STATE).strip().splitlines()[-1])

    def wait_for(self, predicate, timeout: float = 90.0) -> dict:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if predicate(state) or time.monotonic() > deadline:
                return state
            time.sleep(1.0)


def _database(tmp: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = f"loalang_mp_{uuid.uuid4().hex[:8]}"
        base = url.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{base}/{name}"
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tmp / 'loalang.sqlite3'}"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    var = tmp_path_factory.mktemp("cluster")
    for database_url in _database(var):
        env = servers.app_env(
            database_url,
            var,
            LOALANG_WORKER_BEAT_SECONDS="1",
            LOALANG_WORKER_STALE_SECONDS="4",
            LOALANG_API_RATE="100000/m",
        )
        servers.manage(env, "migrate", "--noinput", "-v0")
        servers.manage(env, "createcachetable")
        out = servers.manage(env, "shell", "-c", BOOTSTRAP)
        key = next(line[4:] for line in out.splitlines() if line.startswith("KEY="))
        c = Cluster(env=env, var=var, key=key)
        try:
            for i in range(2):
                c.apps.append(servers.gunicorn(env, var / f"app{i}.log"))
                worker_id = f"w{i}-{uuid.uuid4().hex[:6]}"
                c.workers.append(
                    (servers.db_worker(env, var / f"{worker_id}.log", worker_id), worker_id)
                )
            yield c
        finally:
            for proc, _url in c.apps:
                servers.stop(proc)
            for proc, _id in c.workers:
                servers.stop(proc)


def test_two_apps_and_two_workers_run_every_job_exactly_once(cluster):
    urls = [url for _proc, url in cluster.apps]
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(lambda i: cluster.post_probe(urls[i % 2], f"p{i}"), range(120)))
    assert len(set(ids)) == 120
    state = cluster.wait_for(lambda s: set(ids) <= set(s["probes"]))
    assert sorted(p for p in state["probes"] if p in set(ids)) == sorted(ids)  # none lost
    assert len(state["probes"]) == len(set(state["probes"]))  # none doubled (unique anyway)
    for task_id in ids:
        status, worker_ids = state["tasks"][task_id]
        assert status == "SUCCESSFUL"
        assert len(worker_ids) == 1  # claimed by exactly one worker, once


def test_killed_worker_job_is_retried_not_lost_or_doubled(cluster):
    enqueue = (
        "from loalang.ops import jobs; "
        "print(jobs.job_probe.enqueue(label='hold', hold_seconds=25).id)"
    )
    task_id = servers.manage(cluster.env, "shell", "-c", enqueue).strip().splitlines()[-1]
    state = cluster.wait_for(lambda s: s["tasks"].get(task_id, [""])[0] == "RUNNING", timeout=30)
    first_worker = state["tasks"][task_id][1][0]
    index = next(i for i, (_p, wid) in enumerate(cluster.workers) if wid == first_worker)
    victim = cluster.workers[index][0]
    os.killpg(victim.pid, signal.SIGKILL)  # mid-job: it sleeps 25 s before writing
    victim.wait(10)
    state = cluster.wait_for(lambda s: s["tasks"][task_id][0] == "SUCCESSFUL", timeout=90)
    status, worker_ids = state["tasks"][task_id]
    assert status == "SUCCESSFUL"
    assert worker_ids[0] == first_worker and len(worker_ids) == 2  # retried by the other one
    assert state["probes"].count(task_id) == 1
    # Bring a worker back for the other tests.
    worker_id = f"w{index}-{uuid.uuid4().hex[:6]}"
    proc = servers.db_worker(cluster.env, cluster.var / f"{worker_id}.log", worker_id)
    cluster.workers[index] = (proc, worker_id)


def test_sigkill_of_the_web_process_loses_no_acknowledged_write(cluster):
    proc, url = cluster.apps[1]
    acknowledged: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        i = 0
        while not stop.is_set():
            try:
                acknowledged.append(cluster.post_probe(url, f"k{i}"))
            except (urllib.error.URLError, ConnectionError, OSError):
                if stop.is_set():
                    return
            i += 1

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # master and its workers, mid-stream
    proc.wait(10)
    stop.set()
    for t in threads:
        t.join(35)
    assert len(acknowledged) >= 40
    # Restart the app; the database is intact and every acknowledged write is there.
    cluster.apps[1] = servers.gunicorn(cluster.env, cluster.var / "app1b.log")
    database_url = cluster.env["DATABASE_URL"]
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    state = cluster.state()
    missing = set(acknowledged) - set(state["tasks"])
    assert not missing, f"{len(missing)} acknowledged writes lost"
    assert cluster.post_probe(cluster.apps[1][1], "after-restart")
