"""Portal speed: with 100,000 articles, the section home and an article page served by gunicorn
on 127.0.0.1 against the same gunicorn serving a static file of the same size.

    .venv/bin/python bench/bench_portal.py [--articles 100000] [--rounds 3] [--seconds 10]

Builds a throw-away database (SQLite in a temp folder, or DATABASE_URL if given) and uses Redis
(REDIS_URL, default redis://127.0.0.1:6379/7) for the page cache when it answers, else the
database cache. Needs `wrk` (apt-get install wrk). Prints a Markdown table: medians over the
rounds, and page/static ratios measured in the same round.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _env(tmp: Path, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(60),
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        LOALANG_VAR_DIR=str(tmp),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        LOG_LEVEL="WARNING",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


SEED = r"""
import datetime as dt, random, sys
import django; django.setup()
from django.utils import timezone
from loalang.core.text import fold
from loalang.testing.factories import CommuneFactory
from loalang.plans.models import PlanTheme
from loalang.portal.models import Article
from loalang.portal.tests.factories import plan_theme
n, slug = int(sys.argv[1]), sys.argv[2]
commune = CommuneFactory(name="Ái Thượng", slug=slug)
themes = [plan_theme(commune, letter=l, name=name) for l, name in [
    ("a", "Chính quyền số"), ("b", "Kinh tế số"), ("c", "Xã hội số"), ("d", "An toàn thông tin")]]
words = ("chuyển đổi số dịch vụ công trực tuyến định danh điện tử thanh toán không dùng "
         "tiền mặt bản Đông Tâm Khằm Nán Chiềng Ai hợp tác xã nông sản thương mại điện tử "
         "tổ công nghệ số").split()
rnd = random.Random(42)
now = timezone.now()
Through = Article.themes.through
batch, links = [], []
for i in range(n):
    title = " ".join(rnd.choice(words) for _ in range(9)).capitalize() + f" {i}"
    summary = " ".join(rnd.choice(words) for _ in range(30)) + "."
    body = "".join(
        "<p>" + " ".join(rnd.choice(words) for _ in range(60)) + ".</p>" for _ in range(6))
    batch.append(Article(commune=commune, title=title, slug=f"bai-{i}", summary=summary, body=body,
                         status="published", published_at=now - dt.timedelta(minutes=i),
                         search_text=fold(f"{title} {summary} {body}")))
    if len(batch) == 5000:
        Article.objects.bulk_create(batch); batch = []
if batch:
    Article.objects.bulk_create(batch)
ids = list(Article.objects.filter(commune=commune).values_list("id", flat=True))
Through.objects.bulk_create([Through(article_id=a, plantheme_id=themes[a % 4].pk) for a in ids],
                            batch_size=5000)
print(Article.objects.filter(commune=commune).count())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as r:  # noqa: S310 - 127.0.0.1 only
        return r.read()


def _wrk(url: str, seconds: int, conns: int) -> tuple[float, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    value, unit = float(p99.group(1)), p99.group(2)
    ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return rps, ms


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", default="2,8", help="comma list: one table per value")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        redis_url = ""
    tmp = Path(tempfile.mkdtemp(prefix="loalang-bench-portal-"))
    env = _env(tmp, redis_url)
    slug = f"bench-{secrets.token_hex(3)}"
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "createcachetable"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    t0 = time.monotonic()
    seeded = subprocess.run(
        [PY, "-c", SEED, str(args.articles), slug],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    seed_s = time.monotonic() - t0

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {"home": f"/{slug}/", "article": f"/{slug}/tin/bai-{args.articles // 2}/"}
    # Same-size static files, written before gunicorn starts so WhiteNoise indexes them.
    sizes: dict[str, int] = {}
    server = None
    try:
        for rnd in range(2):
            server = subprocess.Popen(
                [
                    PY,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    str(args.workers),
                    "--access-logfile",
                    "/dev/null",
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            for _ in range(100):
                try:
                    _get(base + "/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            if rnd == 1:
                break
            cold = {}
            for name, path in pages.items():
                body = _get(base + path)
                sizes[name] = len(body)
                # Uncached render time: a new query string is a new cache key (a miss).
                times = []
                for i in range(7):
                    t = time.monotonic()
                    _get(f"{base}{path}?miss={i}")
                    times.append((time.monotonic() - t) * 1000)
                cold[name] = statistics.median(times[2:])
                (tmp / "static" / f"bench-{name}.html").write_bytes(b"x" * len(body))
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        urls = {
            **{n: base + p for n, p in pages.items()},
            **{f"static-{n}": f"{base}/static/bench-{n}.html" for n in pages},
        }
        for u in urls.values():
            _get(u)
        conns = [int(c) for c in args.connections.split(",")]
        results: dict[tuple[int, str], list[tuple[float, float]]] = {
            (c, n): [] for c in conns for n in urls
        }
        for _ in range(args.rounds):
            for c in conns:
                for name, u in urls.items():
                    results[(c, name)].append(_wrk(u, args.seconds, c))
    finally:
        if server and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

    print(
        f"\nArticles: {seeded}; seeding took {seed_s:.0f} s; cache: "
        f"{'Redis' if redis_url else 'database'}; database: {env['DATABASE_URL'].split(':')[0]}; "
        f"gunicorn {args.workers} sync workers; wrk -t2 -d{args.seconds}s "
        f"× {args.rounds} rounds; load average before: {os.getloadavg()[0]:.1f}\n"
    )
    print(
        "| page | connections | size | uncached render (median) | req/s (median) "
        "| static same size req/s | ratio (median of per-round) | p99 (median) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for c in conns:
        for name in pages:
            page, static = results[(c, name)], results[(c, f"static-{name}")]
            ratios = [p[0] / s[0] for p, s in zip(page, static, strict=True)]
            print(
                f"| {name} | {c} | {sizes[name] / 1024:.1f} KB | {cold[name]:.0f} ms "
                f"| {statistics.median(r for r, _ in page):.0f} "
                f"| {statistics.median(r for r, _ in static):.0f} "
                f"| {statistics.median(ratios):.2f} "
                f"| {statistics.median(ms for _, ms in page):.1f} ms "
                f"(static {statistics.median(ms for _, ms in static):.1f} ms) |"
            )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
