"""Load: citizens reading the portal while staff programs log activities (127.0.0.1 only).

    .venv/bin/python bench/load_mixed.py [--db sqlite|postgres|both] [--seconds 60]

For each database a fresh site is migrated, gunicorn (gthread) serves it on a free loopback
port, and two scenarios run, each bounded in time:
  mixed    20 readers (portal home, article list, API activity list) + 10 writers
  writers  50 concurrent writers (POST /api/v1/<xã>/activities, each with a client_token)
Every 201 is an acknowledged write; afterwards the database must hold every one of them
(zero lost) and no other (zero doubled). Figures: requests/s, p50/p95/p99 latency, errors.
Why not wrk/locust: see ADR 0064 (we need to know each acknowledged id to prove no loss).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import mkdtemp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loalang.ops.testing import servers  # noqa: E402

SLUG = "xa-tai"
BOOTSTRAP = f"""
from loalang.places.models import Commune, Province
from loalang.api.tokens import api_token_create
province, _ = Province.objects.get_or_create(slug="tinh-tai", defaults={{"name": "Tỉnh Tải"}})
commune, _ = Commune.objects.get_or_create(
    slug="{SLUG}", defaults={{"name": "Xã Tải", "province": province}}
)
token, raw = api_token_create(
    commune=commune, name="bench", scopes=["read", "activities:write"], actor=None
)
print("KEY=" + raw)
"""
COUNT = f"""
import json
from loalang.activities.models import Activity
ids = list(Activity.objects.filter(commune__slug="{SLUG}").values_list("id", flat=True))
print(json.dumps(ids))
"""


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    acknowledged: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, ok: bool, new_id: int | None = None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1
            if new_id is not None:
                self.acknowledged.append(new_id)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def reader(port: int, key: str, stop: threading.Event, stats: Stats) -> None:
    paths = [f"/{SLUG}/", f"/{SLUG}/tin/", f"/api/v1/{SLUG}/activities?page_size=20"]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = 0
    while not stop.is_set():
        path = paths[i % len(paths)]
        i += 1
        headers = {"Authorization": f"Bearer {key}"} if path.startswith("/api/") else {}
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        stats.add("read", time.perf_counter() - started, ok)


def writer(port: int, key: str, stop: threading.Event, stats: Stats, n: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = 0
    while not stop.is_set():
        i += 1
        body = json.dumps(
            {
                "kind": "radio_broadcast",
                "title": f"Phát thanh tải thử {n}-{i}",
                "held_on": "2026-11-20",
                "minutes": 10,
                "client_token": str(uuid.uuid4()),
                "detail": {"station": f"Cụm loa {n}", "times_aired": 1},
            }
        )
        started = time.perf_counter()
        new_id = None
        try:
            conn.request(
                "POST",
                f"/api/v1/{SLUG}/activities",
                body=body,
                headers={
                    "Authorization": f"Bearer {key}",
                    "Content-Type": "application/json",
                },
            )
            response = conn.getresponse()
            data = response.read()
            ok = response.status == 201
            if ok:
                new_id = json.loads(data)["id"]
        except (OSError, http.client.HTTPException):
            ok = False
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        stats.add("write", time.perf_counter() - started, ok, new_id)


def run(port: int, key: str, readers: int, writers: int, seconds: float) -> tuple[Stats, float]:
    stats, stop = Stats(), threading.Event()
    threads = [
        threading.Thread(target=reader, args=(port, key, stop, stats)) for _ in range(readers)
    ]
    threads += [
        threading.Thread(target=writer, args=(port, key, stop, stats, n)) for n in range(writers)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(90)
    return stats, time.perf_counter() - started


def database_urls(which: str, tmp: Path) -> list[tuple[str, str]]:
    urls = []
    if which in ("sqlite", "both"):
        urls.append(("SQLite (WAL)", f"sqlite:///{tmp / 'bench.sqlite3'}"))
    if which in ("postgres", "both"):
        urls.append(
            (
                "PostgreSQL 15",
                f"postgres://postgres@127.0.0.1:5432/loalang_bench_{uuid.uuid4().hex[:6]}",
            )
        )
    return urls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--mixed-seconds", type=float, default=30.0)
    parser.add_argument("--scenario", default="both", choices=["mixed", "writers", "both"])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    args = parser.parse_args()
    rows = []
    for label, url in database_urls(args.db, Path(mkdtemp(prefix="loalang-bench-"))):
        var = Path(mkdtemp(prefix="loalang-bench-var-"))
        created_pg = url.startswith("postgres")
        if created_pg:
            import psycopg

            with psycopg.connect(
                "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
            ) as c:
                c.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
        env = servers.app_env(url, var, LOALANG_API_RATE="1000000/m", LOG_LEVEL="ERROR")
        app = None
        try:
            print(f"[{label}] migrating…", flush=True)
            servers.manage(env, "migrate", "--noinput", "-v0")
            servers.manage(env, "createcachetable")
            servers.manage(env, "collectstatic", "--noinput", "-v0")  # production static files
            key = next(
                line[4:]
                for line in servers.manage(env, "shell", "-c", BOOTSTRAP).splitlines()
                if line.startswith("KEY=")
            )
            port = servers.free_port()
            app = servers.spawn(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(args.workers),
                    "--worker-class",
                    "gthread",
                    "--threads",
                    str(args.threads),
                    "--timeout",
                    "120",
                    "--backlog",
                    "256",
                ],
                env,
                var / "gunicorn.log",
            )
            servers.wait_http(f"http://127.0.0.1:{port}/healthz", proc=app)
            for scenario, readers, writers, seconds in (
                ("mixed", 20, 10, args.mixed_seconds),
                ("writers", 0, 50, args.seconds),
            ):
                if args.scenario not in (scenario, "both"):
                    continue
                print(
                    f"[{label}] {scenario}: {readers} readers + {writers} writers, {seconds:.0f} s",
                    flush=True,
                )
                stats, elapsed = run(port, key, readers, writers, seconds)
                stored = set(
                    json.loads(servers.manage(env, "shell", "-c", COUNT).strip().splitlines()[-1])
                )
                acked = stats.acknowledged
                lost = len(set(acked) - stored)
                doubled = len(acked) - len(set(acked))
                for kind, values in sorted(stats.latencies.items()):
                    rows.append(
                        {
                            "db": label,
                            "scenario": scenario,
                            "kind": kind,
                            "requests": len(values),
                            "rps": len(values) / elapsed,
                            "p50": percentile(values, 50) * 1000,
                            "p95": percentile(values, 95) * 1000,
                            "p99": percentile(values, 99) * 1000,
                            "errors": stats.errors.get(kind, 0),
                            "lost": lost if kind == "write" else "",
                            "doubled": doubled if kind == "write" else "",
                        }
                    )
                    print(json.dumps(rows[-1], ensure_ascii=False, default=str), flush=True)
        finally:
            if app is not None:
                servers.stop(app)
            if created_pg:
                import psycopg

                with psycopg.connect(
                    "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
                ) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    print(
        "\n| database | scenario | kind | requests | req/s | p50 ms | p95 ms | p99 ms "
        "| errors | lost | doubled |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['db']} | {r['scenario']} | {r['kind']} | {r['requests']} | {r['rps']:.0f} | "
            f"{r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['errors']} | "
            f"{r['lost']} | {r['doubled']} |"
        )
    bad = [r for r in rows if r["errors"] or (r["kind"] == "write" and (r["lost"] or r["doubled"]))]
    if bad:
        sys.exit(f"load: {len(bad)} rows with errors or lost/doubled writes")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
