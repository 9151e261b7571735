"""Follow-up speed: the overdue list, the home page's attention items, a commune's daily digest
and a plan's budget summary, with a large commune among many.

    .venv/bin/python bench/bench_followup.py [--communes 50] [--tasks 20000] [--rounds 30]

Builds a throw-away database (SQLite in a temp folder, or DATABASE_URL if given — point it at a
scratch database, it is flushed), fills one big commune (`--tasks` tasks, 60 estimate lines,
`--tasks`/4 verified activities with spending) plus `--communes` small ones, then times each
read `--rounds` times. Prints a Markdown table: median and p95 in ms, and each median as a
ratio of a baseline measured in the same run (fetching 50 tasks by primary key).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(tmp: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def _fill(n_communes: int, n_tasks: int) -> tuple:
    import datetime as dt
    import random

    from loalang.accounts.models import Membership, Role, User
    from loalang.activities.models import Activity
    from loalang.budget.models import EstimateLine, FundingSource, Spending
    from loalang.people.models import OrgUnit
    from loalang.places.models import Commune, Province
    from loalang.plans.models import Plan
    from loalang.tasks.models import Task

    rng = random.Random(7)
    province = Province.objects.create(name="Tỉnh Đo", slug="tinh-do")
    communes = Commune.objects.bulk_create(
        [
            Commune(province=province, name=f"Xã Đo {i}", slug=f"xa-do-{i}")
            for i in range(n_communes + 1)
        ]
    )
    big = communes[0]
    users = []
    for i in range(40):
        u = User.objects.create(username=f"u{i}", full_name=f"Cán bộ {i}", email=f"u{i}@example.vn")
        Membership.objects.create(user=u, commune=big, role=Role.CHAIR if i else Role.CULTURE)
        users.append(u)
    units = OrgUnit.objects.bulk_create(
        [OrgUnit(commune=big, kind="mass_org", name=f"Hội {i}") for i in range(12)]
    )
    start = dt.date(2023, 1, 1)
    statuses = ["not_started", "in_progress", "done", "done", "blocked"]
    rows = []
    for c_index, commune in enumerate(communes):
        count = n_tasks if c_index == 0 else n_tasks // 100
        for i in range(count):
            status = rng.choice(statuses)
            due = start + dt.timedelta(days=rng.randrange(0, 1100))
            rows.append(
                Task(
                    commune=commune,
                    title=f"Nhiệm vụ {i}",
                    due_on=due,
                    status=status,
                    completed_on=due if status == "done" else None,
                    org_unit=rng.choice(units) if c_index == 0 else None,
                    assignee_user=rng.choice(users) if c_index == 0 else None,
                )
            )
    Task.objects.bulk_create(rows, batch_size=2000)
    plan = Plan.objects.create(commune=big, title="Kế hoạch đo", year=2023)
    sources = [
        FundingSource.objects.create(plan=plan, kind=k, name=k, planned_vnd=100_000_000)
        for k in ("state_budget", "integrated", "other")
    ]
    lines = EstimateLine.objects.bulk_create(
        [
            EstimateLine(
                funding_source=sources[i % 3],
                title=f"Dòng {i}",
                amount_vnd=5_000_000,
                status="recorded",
            )
            for i in range(60)
        ]
    )
    acts = Activity.objects.bulk_create(
        [
            Activity(
                commune=big,
                plan=plan,
                kind="visual",
                channel="visual",
                title=f"HĐ {i}",
                held_on=start + dt.timedelta(days=i % 365),
                cost_vnd=200_000,
                funding_source=sources[i % 3],
                status="verified" if i % 5 else "reported",
            )
            for i in range(n_tasks // 4)
        ],
        batch_size=2000,
    )
    Spending.objects.bulk_create(
        [
            Spending(
                line=lines[(i * 3 + a.funding_source_id) % 60],
                activity=a,
                amount_vnd=200_000,
                spent_on=a.held_on,
            )
            for i, a in enumerate(acts)
        ],
        batch_size=2000,
    )
    return big, plan, users[0]


def _time(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--communes", type=int, default=50)
    ap.add_argument("--tasks", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        import datetime as dt

        from django.core import mail
        from django.db import connection, transaction

        from loalang.accounts.access import scope_for
        from loalang.budget.selectors import budget_plan_summary
        from loalang.tasks.followup import digest_send
        from loalang.tasks.models import DigestRun, Task
        from loalang.tasks.selectors import attention_items, task_list_overdue

        t0 = time.perf_counter()
        big, plan, officer = _fill(args.communes, args.tasks)
        fill_s = time.perf_counter() - t0
        today = dt.date(2024, 6, 30)
        ids = list(Task.objects.filter(commune=big).values_list("pk", flat=True)[:50])
        scope = scope_for(officer, big)

        def digest() -> None:
            with transaction.atomic():
                digest_send(commune=big, today=today)
                transaction.set_rollback(True)  # so the next round sends again
            mail.outbox = []

        cases = {
            "baseline: 50 tasks by pk": lambda: list(Task.objects.filter(pk__in=ids)),
            "overdue list, first 50 rows": lambda: list(
                task_list_overdue(commune=big, today=today)[:50]
            ),
            "home attention items (tasks + budget)": lambda: attention_items(big, scope),
            "budget summary of the plan": lambda: budget_plan_summary(plan=plan),
            "daily digest of the big commune": digest,
        }
        rounds = {
            name: args.rounds if "digest" not in name else max(3, args.rounds // 10)
            for name in cases
        }
        results = {name: _time(fn, rounds[name]) for name, fn in cases.items()}
        assert not DigestRun.objects.exists()
        base = statistics.median(results["baseline: 50 tasks by pk"])
        vendor = connection.vendor
        print(
            f"\n{vendor}: 1 commune × {args.tasks} tasks + {args.communes} × {args.tasks // 100}, "
            f"{args.tasks // 4} activities, 60 lines; data built in {fill_s:.0f} s\n"
        )
        print("| read | median ms | p95 ms | × baseline |")
        print("|---|---:|---:|---:|")
        for name, times in results.items():
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            med = statistics.median(times)
            print(f"| {name} | {med:.1f} | {p95:.1f} | {med / base:.1f} |")


if __name__ == "__main__":
    main()
