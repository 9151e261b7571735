"""Coverage speed: the theme × channel × month matrix and the village heatmap for one
commune-year, and the matrix for a province-year, over N communes × M activities.

    .venv/bin/python bench/bench_coverage.py [--communes 100] [--per-commune 10000]
        [--rounds 30] [--backend sqlite|postgres|both]

Data: bench/gen_data.generate (deterministic). Each backend gets a throw-away database
(SQLite in a temp folder; PostgreSQL database `loalang_bench_coverage` on DATABASE_URL's
server, default postgres://postgres@127.0.0.1:5432). Prints Markdown: median and p95 per
measure (target p95 ≤ 200 ms), the query count, and the province/commune ratio of this run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from _benchdb import bench_env, recreate_pg  # noqa: E402 (bench/ is on sys.path)

PG_DB = "loalang_bench_coverage"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--per-commune", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", nargs=4)
    args = parser.parse_args()
    if args.child:
        _child(int(args.child[0]), int(args.child[1]), int(args.child[2]), args.child[3])
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print(
        f"Data: {args.communes} communes × {args.per_commune} activities, {args.rounds} rounds.\n"
    )
    print("| backend | measure | median | p95 | queries |")
    print("|---|---|---|---|---|")
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp:
            env = bench_env(backend, Path(tmp), PG_DB)
            if backend == "postgres":
                recreate_pg(env, PG_DB)
            child = [
                sys.executable,
                __file__,
                "--child",
                str(args.communes),
                str(args.per_commune),
                str(args.rounds),
                backend,
            ]
            subprocess.run(child, env=env, cwd=ROOT, check=True)


def _measure(fn, rounds: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()  # warm-up, and the query count
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(ctx.captured_queries)


def _child(communes: int, per_commune: int, rounds: int, backend: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    import datetime as dt

    from bench.gen_data import generate
    from loalang.activities.coverage import coverage_matrix, village_heatmap
    from loalang.activities.summary import coverage_refresh
    from loalang.places.models import Commune

    t0 = time.perf_counter()
    province = generate(communes=communes, per_commune=per_commune, year=2023)
    built = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    commune = Commune.objects.filter(province=province).order_by("pk")[communes // 2]
    results = {
        "commune-year matrix": _measure(
            lambda: coverage_matrix(commune=commune, year=2023), rounds
        ),
        "commune-year heatmap": _measure(
            lambda: village_heatmap(commune=commune, year=2023), rounds
        ),
        "province-year matrix": _measure(
            lambda: coverage_matrix(province=province, year=2023), rounds
        ),
        # The write side: what every verify/return/edit adds (one commune-month, + province).
        "refresh one commune-month": _measure(
            lambda: coverage_refresh(commune_id=commune.pk, days=[dt.date(2023, 6, 15)]), rounds
        ),
    }
    for name, (median, p95, queries) in results.items():
        print(f"| {backend} | {name} | {median:.1f} ms | {p95:.1f} ms | {queries} |")
    ratio = results["province-year matrix"][0] / results["commune-year matrix"][0]
    print(f"| {backend} | province/commune matrix (same run) | {ratio:.1f}× | | |")
    print(f"| {backend} | data generation (once) | {built:.0f} s | | |", flush=True)


if __name__ == "__main__":
    main()
