"""Report speed: a year's report for one commune with 10,000 activities, and a province roll-up
over 100 communes × 10,000 activities, against the bare SQL aggregate queries they need.

    .venv/bin/python bench/bench_reports.py [--communes 100] [--per-commune 10000] [--rounds 5]
        [--backend sqlite|postgres|both]

Each backend gets a throw-away database (SQLite in a temp folder; PostgreSQL database
`loalang_bench_reports` on DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432).
"Bare SQL" is the exact SQL the compute sends (captured once), run again through a cursor and
fetched: the ratio shows what the ORM and the Python assembly add. Prints Markdown.
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

PG_DB = "loalang_bench_reports"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--per-commune", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print("| backend | measure | compute (median) | bare SQL (median) | ratio | queries |")
    print("|---|---|---|---|---|---|")
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


# --- Child: runs inside Django with the throw-away database ------------------------------------
def _seed(communes: int, per_commune: int) -> tuple[list[int], int]:
    import datetime as dt
    import random

    from django.db import transaction

    from loalang.activities.models import (
        Activity,
        BulletinIssue,
        GuidanceCount,
        PrintedDistribution,
        PrintedMaterial,
        PropagandistSession,
        SmsCampaign,
        TeamGuidance,
        VisualItem,
    )
    from loalang.activities.services import channel_for_kind
    from loalang.events.models import Event
    from loalang.places.models import Commune, Province, Village
    from loalang.plans.models import Plan, PlanTheme

    rnd = random.Random(2023)
    province = Province.objects.create(name="Tỉnh Đo", slug="tinh-do")
    kinds = [k for k, _ in Activity.Kind.choices]
    weights = [6, 8, 14, 5, 4, 5, 8, 20, 6, 4]
    ids = []
    start = dt.date(2023, 1, 1)
    Through = Activity.villages.through
    ThemeThrough = Activity.themes.through
    pk = 0
    for c in range(min(communes, 1)):
        with transaction.atomic():
            commune = Commune.objects.create(province=province, name=f"Đo {c}", slug=f"do-{c}")
            ids.append(commune.pk)
            villages = Village.objects.bulk_create(
                [Village(commune=commune, name=f"Bản {v}") for v in range(8)]
            )
            plan = Plan.objects.create(commune=commune, title="Kế hoạch 2023", year=2023)
            themes = PlanTheme.objects.bulk_create(
                [
                    PlanTheme(plan=plan, letter=letter, short_name=f"Nội dung {letter}", text="…")
                    for letter in "abcdeg"
                ]
            )
            acts, details, links, theme_links = [], [], [], []
            for i in range(per_commune):
                pk += 1
                kind = rnd.choices(kinds, weights)[0]
                status = "verified" if rnd.random() < 0.9 else "reported"
                acts.append(
                    Activity(
                        pk=pk,
                        commune=commune,
                        kind=kind,
                        channel=channel_for_kind(kind),
                        title=f"Hoạt động {i}",
                        held_on=start + dt.timedelta(days=rnd.randrange(365)),
                        status=status,
                        reach=rnd.choice([None, rnd.randrange(20, 400)]),
                        cost_vnd=rnd.randrange(0, 2_000_000, 1000),
                        minutes=rnd.randrange(5, 30) if kind == "radio_broadcast" else None,
                    )
                )
                links.append(Through(activity_id=pk, village_id=villages[rnd.randrange(8)].pk))
                theme_links.append(
                    ThemeThrough(activity_id=pk, plantheme_id=themes[rnd.randrange(6)].pk)
                )
                details.append((kind, pk))
            Activity.objects.bulk_create(acts, batch_size=2000)
            Through.objects.bulk_create(links, batch_size=5000)
            ThemeThrough.objects.bulk_create(theme_links, batch_size=5000)
            by_kind: dict[str, list] = {}
            for kind, apk in details:
                by_kind.setdefault(kind, []).append(apk)
            PrintedMaterial.objects.bulk_create(
                [
                    PrintedMaterial(
                        activity_id=a,
                        material_kind="leaflet",
                        copies_printed=rnd.randrange(50, 500),
                    )
                    for a in by_kind.get("printed", [])
                ]
            )
            PrintedDistribution.objects.bulk_create(
                [
                    PrintedDistribution(
                        printed_id=a,
                        village=villages[rnd.randrange(8)],
                        copies=rnd.randrange(10, 50),
                    )
                    for a in by_kind.get("printed", [])
                ]
            )
            TeamGuidance.objects.bulk_create(
                [
                    TeamGuidance(
                        activity_id=a, households=rnd.randrange(1, 20), people=rnd.randrange(1, 30)
                    )
                    for a in by_kind.get("team_guidance", [])
                ]
            )
            GuidanceCount.objects.bulk_create(
                [
                    GuidanceCount(
                        guidance_id=a,
                        platform=p,
                        households=rnd.randrange(1, 10),
                        people=rnd.randrange(1, 12),
                    )
                    for a in by_kind.get("team_guidance", [])
                    for p in ("vneid_level2", "cashless")
                ],
                batch_size=5000,
            )
            Event.objects.bulk_create(
                [
                    Event(
                        activity_id=a, officials=5, team_members=3, residents=rnd.randrange(10, 80)
                    )
                    for a in by_kind.get("event", [])
                ]
            )
            VisualItem.objects.bulk_create(
                [
                    VisualItem(
                        activity_id=a, item_kind="banner", text="…", quantity=rnd.randrange(1, 5)
                    )
                    for a in by_kind.get("visual", [])
                ]
            )
            BulletinIssue.objects.bulk_create(
                [
                    BulletinIssue(activity_id=a, copies=rnd.randrange(20, 200))
                    for a in by_kind.get("bulletin", [])
                ]
            )
            PropagandistSession.objects.bulk_create(
                [
                    PropagandistSession(activity_id=a, sessions=1)
                    for a in by_kind.get("propagandist", [])
                ]
            )
            SmsCampaign.objects.bulk_create(
                [
                    SmsCampaign(activity_id=a, messages_sent=rnd.randrange(100, 900))
                    for a in by_kind.get("sms", [])
                ]
            )
    first = Commune.objects.get(pk=ids[0])
    base_villages = list(
        Village.objects.filter(commune=first).order_by("pk").values_list("pk", flat=True)
    )
    base_themes = list(
        PlanTheme.objects.filter(plan__commune=first).order_by("pk").values_list("pk", flat=True)
    )
    for c in range(1, communes):
        with transaction.atomic():
            commune = Commune.objects.create(province=province, name=f"Đo {c}", slug=f"do-{c}")
            ids.append(commune.pk)
            villages = Village.objects.bulk_create(
                [Village(commune=commune, name=f"Bản {v}") for v in range(8)]
            )
            plan = Plan.objects.create(commune=commune, title="Kế hoạch 2023", year=2023)
            themes = PlanTheme.objects.bulk_create(
                [
                    PlanTheme(plan=plan, letter=letter, short_name=f"Nội dung {letter}", text="…")
                    for letter in "abcdeg"
                ]
            )
            _clone(
                offset=c * per_commune,
                first_id=per_commune,
                commune_id=commune.pk,
                village_delta=sorted(v.pk for v in villages)[0] - base_villages[0],
                theme_delta=sorted(t.pk for t in themes)[0] - base_themes[0],
            )
    return ids, province.pk


def _clone(
    *, offset: int, first_id: int, commune_id: int, village_delta: int, theme_delta: int
) -> None:
    """Copy commune 0's activities (ids 1..first_id) and their rows to another commune in SQL."""
    from django.apps import apps
    from django.db import connection

    plan = [
        (
            "activities.Activity",
            "id",
            {"id": f"id + {offset}", "commune_id": str(commune_id)},
            "id",
        ),
        (
            "activities.PrintedMaterial",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        (
            "activities.TeamGuidance",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        ("events.Event", "activity_id", {"activity_id": f"activity_id + {offset}"}, "activity_id"),
        (
            "activities.VisualItem",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        (
            "activities.BulletinIssue",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        (
            "activities.PropagandistSession",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        (
            "activities.SmsCampaign",
            "activity_id",
            {"activity_id": f"activity_id + {offset}"},
            "activity_id",
        ),
        (
            "activities.PrintedDistribution",
            None,
            {"printed_id": f"printed_id + {offset}", "village_id": f"village_id + {village_delta}"},
            "printed_id",
        ),
        (
            "activities.GuidanceCount",
            None,
            {"guidance_id": f"guidance_id + {offset}"},
            "guidance_id",
        ),
    ]
    Activity = apps.get_model("activities.Activity")
    with connection.cursor() as cur:
        for label, keep_pk, exprs, key in plan:
            model = apps.get_model(label)
            cols = [
                f.column
                for f in model._meta.concrete_fields
                if (keep_pk or not f.primary_key) and not getattr(f, "generated", False)
            ]
            table = model._meta.db_table
            select = ", ".join(exprs.get(col, col) for col in cols)
            # Fixed table and column names from the models; numbers we computed (a bench).
            sql = f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM {table}"  # noqa: S608 - names from the models
            cur.execute(f"{sql} WHERE {key} <= {first_id}")
        for through, col, delta in [
            (Activity.villages.through, "village_id", village_delta),
            (Activity.themes.through, "plantheme_id", theme_delta),
        ]:
            table = through._meta.db_table
            sql = f"INSERT INTO {table} (activity_id, {col})"
            sql += f" SELECT activity_id + {offset}, {col} + {delta} FROM {table}"  # noqa: S608
            cur.execute(f"{sql} WHERE activity_id <= {first_id}")


def _time(fn, rounds: int) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    sql = [q["sql"] for q in ctx.captured_queries]
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), sql


def _bare(sql: list[str], rounds: int) -> float:
    from django.db import connection

    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        with connection.cursor() as cur:
            for statement in sql:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue  # BEGIN, SAVEPOINT…: transaction bookkeeping, not aggregates
                cur.execute(statement)
                cur.fetchall()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def child(communes: int, per_commune: int, rounds: int, backend: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    ids, province_id = _seed(communes, per_commune)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    seed_s = time.perf_counter() - t0
    import datetime as dt

    from loalang.reports.facts import facts_rebuild

    t0 = time.perf_counter()
    facts_rebuild()  # what `manage.py coverage_rebuild` does after a bulk load (ADR 0075)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    facts_s = time.perf_counter() - t0

    from loalang.places.models import Commune, Province
    from loalang.reports.compute import Window
    from loalang.reports.selectors import commune_report_data, indicator_set_for, province_rollup

    window = Window.for_period(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    commune = Commune.objects.get(pk=ids[0])
    province = Province.objects.get(pk=province_id)
    indicator_set = indicator_set_for(commune)

    from loalang.reports import facts
    from loalang.reports.compute import compute_values
    from loalang.reports.selectors import indicator_list

    indicators = indicator_list(indicator_set)
    key = [i for i in indicators if i.is_key and not i.is_manual]

    def year_values() -> None:
        """The aggregates alone: every indicator, the village and theme breakdowns."""
        split = facts.split_window([commune.pk], window.date_from, window.date_to, window.cum_from)
        compute_values(indicators, commune_ids=[commune.pk], window=window, split=split)
        for group_by in ("village", "theme"):
            compute_values(
                key,
                commune_ids=[commune.pk],
                window=window,
                group_by=group_by,
                with_cumulative=False,
                split=split,
            )

    def year_report() -> None:
        """Everything the report shows: also labels, channels, months, commendations, locks."""
        commune_report_data(commune=commune, indicator_set=indicator_set, window=window)

    def rollup() -> None:
        province_rollup(province=province, window=window)

    for label, fn in [
        (f"year indicator values, 1 commune × {per_commune:,}", year_values),
        (f"year report data (all), 1 commune × {per_commune:,}", year_report),
        (f"province roll-up, {communes} × {per_commune:,}", rollup),
    ]:
        compute, sql = _time(fn, rounds)
        bare = _bare(sql, rounds)
        cells = [backend, label, f"{compute * 1000:.0f} ms", f"{bare * 1000:.0f} ms"]
        cells += [f"{compute / bare:.2f}×", str(len(sql))]
        print("| " + " | ".join(cells) + " |", flush=True)
    print(
        f"<!-- {backend}: seeded {communes * per_commune:,} activities in {seed_s:.0f} s;"
        f" monthly facts built in {facts_s:.1f} s -->",
        flush=True,
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        main()
