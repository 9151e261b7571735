"""A national data set on PostgreSQL (issue 19 item 5), and the measurements taken on it.

    nice -n 10 .venv/bin/python bench/gen_national.py build [--provinces 34] [--communes 3321]
        [--year 2025] [--max-per-commune 3200] [--db loalang_national]
    .venv/bin/python bench/gen_national.py measure [--rounds 7] [--db loalang_national]

`build` drops and recreates the database `loalang_national` (on DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432), migrates it, and writes:

- 34 provinces and 3,321 communes (spread over the provinces like the 2025 list: 3,321 / 34
  ≈ 98 each), 8 villages, an issued plan with 6 themes, a radio station's bulletins and
  broadcast log, and published portal articles for every commune;
- activities of one year: commune k logs between 1,000 and 3,200 (a deterministic spread,
  mean ≈ 2,100), i.e. about 7 million for the country, each with its typed detail row, its
  villages and themes, ~90 % verified (`bench/gen_data.py`'s mix of forms);
- then the coverage cells and monthly report facts (`coverage_rebuild`, ADR 0075), and
  `VACUUM ANALYZE`.

How: one template commune is written through the ORM (`gen_data._commune`, plus articles,
bulletins and a broadcast log), then cloned to every other commune in SQL, one
`INSERT … SELECT … CROSS JOIN` per table and province (ids shifted by a stride per commune,
foreign keys to cloned tables shifted alike, the commune id from a small map table; commune
k keeps the first n_k activities of the template and their rows). That is the "bulk insert"
path: no Python per row, so the country loads in minutes on two cores.

`measure` times, with the data present: a commune's year report (`commune_report_data`), a
province roll-up (`province_rollup`), a national roll-up (every indicator for all 3,321
communes in one `compute_values`, then summed per province), the busiest staff pages of a
commune user (p50/p95 over several GETs through the full middleware stack, test client),
the public portal home and an article of one commune (uncached render), and the database's
size on disk by table. Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from _benchdb import bench_env, recreate_pg  # noqa: E402

DB = "loalang_national"
ARTICLES = 60  # published portal articles per commune (a year of news, about one a week)
BULLETINS = 120  # radio bulletins per commune in the year
LOGS_PER_DAY = 2  # broadcast log entries per day (morning and evening)


def log(msg: str) -> None:
    print(f"[gen_national {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["build", "finish", "measure"])
    ap.add_argument("--provinces", type=int, default=34)
    ap.add_argument("--communes", type=int, default=3321)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--max-per-commune", type=int, default=3200)
    ap.add_argument("--min-per-commune", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--db", default=DB)
    ap.add_argument("--no-finish", action="store_true", help="build: stop after the load")
    args = ap.parse_args()
    tmp = Path(os.environ.get("NATIONAL_VAR") or Path(tempfile.gettempdir()) / args.db)
    tmp.mkdir(parents=True, exist_ok=True)
    env = bench_env("postgres", tmp, args.db)
    env["NATIONAL_ARGS"] = json.dumps(vars(args))
    if args.action == "build":
        recreate_pg(env, args.db)
    subprocess.run([sys.executable, __file__, "--child"], env=env, cwd=ROOT, check=True)


# --- Child: inside Django, on the national database ----------------------------------------------
def _spread(k: int, lo: int, hi: int) -> int:
    """Activities of commune k: a deterministic spread over [lo, hi], the template (k=0) at hi."""
    return hi if k == 0 else lo + (k * 7919) % (hi - lo + 1)


def build(a: dict) -> None:
    import random

    from django.core.management import call_command
    from django.db import connection, transaction

    from loalang.places.models import Commune, Province

    sys.path.insert(0, str(ROOT))
    from bench.gen_data import _commune, _next_pk

    t_all = time.perf_counter()
    call_command("migrate", verbosity=0)
    log("migrated")
    year, n_max, n_min = a["year"], a["max_per_commune"], a["min_per_commune"]
    provinces = Province.objects.bulk_create(
        [
            Province(name=f"Tỉnh {p:02d}", slug=f"tinh-{p:02d}", code=f"{p:02d}", is_sample=True)
            for p in range(a["provinces"])
        ]
    )
    # The template commune (k = 0), through the ORM, in the first province.
    with transaction.atomic():
        _commune(provinces[0], 0, n_max, year, random.Random(year), _next_pk(), 0.9)
        template = Commune.objects.get(slug=f"{provinces[0].slug}-0")
        _template_extras(template, year)
    log(f"template commune {template.slug}: {n_max} activities")
    # Every other commune: rows first, then their data by province.
    per_prov = [a["communes"] // a["provinces"]] * a["provinces"]
    for i in range(a["communes"] % a["provinces"]):
        per_prov[i] += 1
    rows, k = [], 0
    for p, count in zip(provinces, per_prov, strict=True):
        for j in range(count):
            if k:
                rows.append(
                    Commune(
                        province=p,
                        name=f"Xã {p.code}-{j:03d}",
                        slug=f"{p.slug}-{j}",
                        code=f"{p.code}{j:03d}",
                        is_sample=True,
                    )
                )
            k += 1
    Commune.objects.bulk_create(rows, batch_size=2000)
    communes = [template, *Commune.objects.exclude(pk=template.pk).order_by("pk")]
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE bench_k (k int PRIMARY KEY, commune_id int, n int, p int)")
        k = 0
        for pi, count in enumerate(per_prov):
            values = []
            for _ in range(count):
                values.append((k, communes[k].pk, _spread(k, n_min, n_max), pi))
                k += 1
            cur.executemany("INSERT INTO bench_k VALUES (%s, %s, %s, %s)", values)
    plan = _clone_plan()
    strides = {m: _max_id(m) for m in plan}
    for m in plan:  # detail rows keyed by their activity share its ids, hence its stride
        root = m
        while root._meta.pk.is_relation:
            root = root._meta.pk.related_model
        strides[m] = strides[root]
    log(f"cloning to {len(communes) - 1} communes; strides {_show(strides)}")
    for pi in range(a["provinces"]):
        t0 = time.perf_counter()
        with transaction.atomic():
            for model in plan:
                _clone(model, plan, strides, pi)
        log(f"province {pi + 1}/{a['provinces']} cloned in {time.perf_counter() - t0:.1f} s")
    if a.get("no_finish"):
        log(f"loaded in {time.perf_counter() - t_all:.0f} s; run `finish` next")
        return
    finish(a, build_s=time.perf_counter() - t_all)


def finish(a: dict, build_s: float | None = None) -> None:
    """Sequences, statistics, coverage cells and monthly facts, VACUUM: after the load (also
    after a load stopped part-way: `finish` measures what is there and says so)."""
    from django.db import connection

    from loalang.places.models import Commune

    t0 = time.perf_counter()
    plan = _clone_plan()
    with connection.cursor() as cur:
        for model in plan:
            for sql in connection.ops.sequence_reset_sql(_no_style(), [model]):
                cur.execute(sql)
        cur.execute("SELECT count(*), count(DISTINCT commune_id) FROM activities_activity")
        n_acts, n_with = cur.fetchone()
        cur.execute(
            "SELECT count(DISTINCT c.province_id) FROM places_commune c "
            "WHERE EXISTS (SELECT 1 FROM activities_activity a WHERE a.commune_id = c.id)"
        )
        p_with = cur.fetchone()[0]
    log(f"{n_acts:,} activities in {n_with} communes of {p_with} provinces; ANALYZE")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    t1 = time.perf_counter()
    from loalang.activities.summary import coverage_rebuild

    coverage_rebuild()
    facts_s = time.perf_counter() - t1
    log(f"coverage cells + report facts rebuilt in {facts_s:.0f} s; VACUUM ANALYZE")
    connection.close()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    info = {
        "activities": n_acts,
        "communes": Commune.objects.count(),
        "communes_with_data": n_with,
        "provinces": a["provinces"],
        "provinces_with_data": p_with,
        "year": a["year"],
        "facts_rebuild_s": round(facts_s),
        "finish_s": round(time.perf_counter() - t0),
        "build_s": round(build_s) if build_s is not None else None,
        "template": Commune.objects.order_by("pk").first().slug,
    }
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS bench_info (doc text)")
        cur.execute("DELETE FROM bench_info")
        cur.execute("INSERT INTO bench_info VALUES (%s)", [json.dumps(info)])
    log(f"done: {info}")


def _template_extras(commune, year: int) -> None:  # type: ignore[no-untyped-def]
    """A year of portal articles, radio bulletins and a broadcast log for the template."""
    from django.utils import timezone

    from loalang.portal.models import Article
    from loalang.radio.models import BroadcastLog, Bulletin

    tz = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, 7, 0, tzinfo=tz)
    body = "".join(
        f"<p>Đoạn {i}: người dân trong xã tham gia chuyển đổi số, cài đặt VNeID mức 2.</p>"
        for i in range(6)
    )
    Article.objects.bulk_create(
        [
            Article(
                commune=commune,
                title=f"Tin hoạt động số {i} của xã",
                slug=f"tin-{i}",
                summary="Tóm tắt tin hoạt động trong tuần.",
                body=body,
                status=Article.Status.PUBLISHED,
                published_at=start + dt.timedelta(days=i * 365 // ARTICLES),
                search_text=f"tin hoat dong so {i} cua xa",
                is_sample=True,
            )
            for i in range(ARTICLES)
        ]
    )
    bulletins = Bulletin.objects.bulk_create(
        [
            Bulletin(
                commune=commune,
                title=f"Bản tin số {i}",
                script="Kính thưa bà con, " * 40,
                status="approved",
                valid_from=dt.date(year, 1, 1) + dt.timedelta(days=i * 3),
                valid_until=dt.date(year, 1, 1) + dt.timedelta(days=i * 3 + 2),
                is_sample=True,
            )
            for i in range(BULLETINS)
        ]
    )
    logs = []
    for day in range(365):
        b = bulletins[min(day // 3, BULLETINS - 1)]
        for s in range(LOGS_PER_DAY):
            at = start + dt.timedelta(days=day, hours=10 * s)
            logs.append(
                BroadcastLog(
                    commune=commune,
                    bulletin=b,
                    aired_on=at.date(),
                    aired_at=at,
                    seconds_aired=600,
                    source="operator",
                    is_sample=True,
                )
            )
    BroadcastLog.objects.bulk_create(logs, batch_size=2000)


def _clone_plan() -> list:
    """Models to clone, parents before children: everything of the template's commune."""
    from django.apps import apps

    labels = [
        "places.Village",
        "plans.Plan",
        "plans.PlanTheme",
        "activities.Activity",
        "activities.PortalPost",
        "activities.SocialPost",
        "activities.RadioBroadcast",
        "activities.VisualItem",
        "activities.BulletinIssue",
        "activities.PrintedMaterial",
        "activities.PrintedDistribution",
        "activities.TeamGuidance",
        "activities.GuidanceCount",
        "activities.PropagandistSession",
        "activities.SmsCampaign",
        "events.Event",
        "portal.Article",
        "radio.Bulletin",
        "radio.BroadcastLog",
    ]
    models = [apps.get_model(x) for x in labels]
    Activity = apps.get_model("activities.Activity")
    return [*models, Activity.villages.through, Activity.themes.through]


def _max_id(model) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection

    pk = model._meta.pk
    with connection.cursor() as cur:
        cur.execute(f"SELECT coalesce(max({pk.column}), 0) FROM {model._meta.db_table}")  # noqa: S608
        return int(cur.fetchone()[0])


def _show(strides: dict) -> str:
    return ", ".join(f"{m._meta.db_table}={s}" for m, s in strides.items())


def _no_style():  # type: ignore[no-untyped-def]
    from django.core.management.color import no_style

    return no_style()


def _clone(model, plan: list, strides: dict, province_index: int) -> None:  # type: ignore[no-untyped-def]
    """INSERT … SELECT the template's rows of `model` for every commune k ≥ 1 of a province."""
    from django.apps import apps
    from django.db import connection

    Activity = apps.get_model("activities.Activity")
    Commune = apps.get_model("places.Commune")
    cloned = set(plan)
    table = model._meta.db_table
    cols, exprs = [], []
    activity_col = None
    for f in model._meta.concrete_fields:
        if getattr(f, "generated", False):
            continue
        col = f.column
        cols.append(col)
        target = f.related_model if f.is_relation else None
        if f.primary_key and not f.is_relation:
            exprs.append(f"t.{col} + b.k * {strides[model]}")
        elif target is Commune:
            exprs.append("b.commune_id")
        elif target in cloned:
            exprs.append(f"t.{col} + b.k * {strides[target]}")
            root = target
            if root is not Activity and root._meta.pk.is_relation:
                root = root._meta.pk.related_model  # detail rows keyed by their activity
            if root is Activity:
                activity_col = col
        else:
            exprs.append(f"t.{col}")
    where = [f"t.{model._meta.pk.column} <= {strides[model]}", f"b.p = {province_index}", "b.k > 0"]
    if model is Activity:
        activity_col = "id"
    if activity_col:
        where.append(f"t.{activity_col} <= b.n")
    sql = (
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "  # noqa: S608
        f"FROM {table} t CROSS JOIN bench_k b WHERE {' AND '.join(where)}"
    )
    with connection.cursor() as cur:
        cur.execute(sql)


# --- Measurements ---------------------------------------------------------------------------------
def _times(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm: first-use imports and plans
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def measure(a: dict) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from loalang.places.models import Commune, Province
    from loalang.reports.compute import Window, compute_values
    from loalang.reports.selectors import (
        commune_report_data,
        indicator_list,
        indicator_set_for,
        indicator_set_for_province,
        province_rollup,
    )

    call_command("migrate", verbosity=0)  # the code may be newer than the data set
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest, current
    with connection.cursor() as cur:
        cur.execute("SELECT doc FROM bench_info")
        info = json.loads(cur.fetchone()[0])
        if "communes_with_data" not in info:  # a database built before `finish` recorded it
            cur.execute("SELECT count(DISTINCT commune_id) FROM activities_activity")
            info["communes_with_data"] = cur.fetchone()[0]
            cur.execute(
                "SELECT count(DISTINCT c.province_id) FROM places_commune c WHERE EXISTS "
                "(SELECT 1 FROM activities_activity a WHERE a.commune_id = c.id)"
            )
            info["provinces_with_data"] = cur.fetchone()[0]
            info["finish_s"] = "?"
    year, rounds = info["year"], a["rounds"]
    window = Window.for_period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    commune = Commune.objects.select_related("province").get(slug=info["template"])
    province = commune.province
    rows: list[tuple[str, str, str, str]] = []

    def add(what: str, xs: list[float], target: str, queries: int | str = "") -> None:
        rows.append(
            (what, f"{statistics.median(xs):,.0f} ms", f"{_p95(xs):,.0f} ms", target, queries)
        )
        log(f"{what}: median {statistics.median(xs):.0f} ms p95 {_p95(xs):.0f} ms")

    iset = indicator_set_for(commune)

    def q(fn) -> int:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    year_report = lambda: commune_report_data(commune=commune, indicator_set=iset, window=window)  # noqa: E731
    add(
        f"commune year report ({commune.activities.count():,} activities)",
        _times(year_report, rounds),
        "≤ 500 ms",
        q(year_report),
    )
    roll = lambda: province_rollup(province=province, window=window)  # noqa: E731
    add(
        f"province roll-up ({province.communes.count()} communes)",
        _times(roll, rounds),
        "≤ 1,000 ms",
        q(roll),
    )

    pset = indicator_set_for_province(province)
    indicators = indicator_list(pset) if pset else []
    all_ids = list(Commune.objects.values_list("pk", "province_id"))

    def national() -> None:
        values = compute_values(
            indicators, commune_ids=[c for c, _ in all_ids], window=window, with_cumulative=False
        )
        per_prov: dict[int, dict[str, float]] = {}
        for cid, pid in all_ids:
            acc = per_prov.setdefault(pid, {})
            for code, (v, _cum) in values.get(cid, {}).items():
                if isinstance(v, int | float):
                    acc[code] = acc.get(code, 0) + v

    add(
        f"national roll-up ({len(all_ids):,} communes, {Province.objects.count()} provinces)",
        _times(national, max(3, rounds // 2)),
        "≤ 3,000 ms",
        q(national),
    )

    # Staff pages of the commune's officer, and the public portal (uncached render).

    from loalang.accounts.models import Membership, Role, User

    user, _ = User.objects.get_or_create(username="bench-officer")
    Membership.objects.get_or_create(user=user, commune=commune, defaults={"role": Role.CULTURE})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    staff = _staff_urls(commune, year)

    def pages(who: str, urls: list[tuple[str, str]]) -> None:
        for label, url in urls:
            r = client.get(url, secure=True)
            if r.status_code != 200:
                log(f"{label} {url}: {r.status_code}")
                continue
            add(
                f"{who}: {label} (`{url}`, {len(r.content) / 1024:.0f} KB)",
                _times(lambda url=url: client.get(url, secure=True), rounds * 3),
                "p95 ≤ 200 ms",
                q(lambda url=url: client.get(url, secure=True)),
            )

    pages("staff", staff)
    # The province's own pages, with its 98 communes' data present: an administrator of the
    # province (dashboard, users) and the roll-up a province viewer reads.
    admin, _ = User.objects.get_or_create(username="bench-province")
    for role in (Role.PROVINCE_ADMIN, Role.PROVINCE_VIEWER):
        Membership.objects.get_or_create(user=admin, province=province, commune=None, role=role)
    client.force_login(admin)
    pages("province", _province_urls(province))
    anon = Client(HTTP_HOST="127.0.0.1")
    from django.core.cache import cache

    for label, url in [
        ("public home", f"/{commune.slug}/"),
        ("public article", f"/{commune.slug}/tin/tin-30/"),
        ("public article list page 3", f"/{commune.slug}/tin/?trang=3"),
    ]:

        def get(url: str = url) -> None:
            cache.clear()  # every GET renders (uncached)
            assert anon.get(url, secure=True).status_code == 200, url

        add(f"{label}, uncached (`{url}`)", _times(get, rounds * 2), "as single commune", q(get))

    print(
        f"Data set: {info['provinces']} provinces, {info['communes']:,} communes, of which "
        f"{info['communes_with_data']:,} in {info['provinces_with_data']} provinces hold "
        f"{info['activities']:,} activities of {info['year']} with their rows (finish "
        f"{info['finish_s']} s, of which coverage cells + monthly facts "
        f"{info['facts_rebuild_s']} s; load {info['build_s']} s).\n"
    )
    print("| measure | median | p95 | target | queries |")
    print("|---|---:|---:|---|---:|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        total = cur.fetchone()[0]
        cur.execute(
            "SELECT relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), reltuples "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' "
            "ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 12"
        )
        tables = cur.fetchall()
    print(f"\nDatabase size on disk: **{total / 2**30:.2f} GiB**.\n")
    print("| table | rows (estimate) | table + indexes | table only |")
    print("|---|---:|---:|---:|")
    for name, tot, rel, tup in tables:
        print(f"| {name} | {int(tup):,} | {tot / 2**20:,.0f} MiB | {rel / 2**20:,.0f} MiB |")


def _staff_urls(commune, year: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    base = f"/app/{commune.slug}/"
    return [
        ("staff home", base),
        ("activity list", base + "hoat-dong/"),
        ("quick entry", base + "hoat-dong/ghi-nhanh/"),
        ("coverage", base + f"hoat-dong/bao-phu/?year={year}"),
        ("reports", base + "bao-cao/"),
        ("radio bulletins", base + "dai-truyen-thanh/ban-tin/"),
        ("broadcast log", base + "dai-truyen-thanh/nhat-ky/"),
        ("portal articles", base + "cong-thong-tin/"),
    ]


def _province_urls(province) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        ("administration home", f"/quan-tri-tinh/{province.slug}/"),
        ("dashboard of late communes", f"/quan-tri-tinh/{province.slug}/theo-doi/"),
        ("users and last logins", f"/quan-tri-tinh/{province.slug}/nguoi-dung/"),
        ("roll-up page", f"/tinh/{province.slug}/"),
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        args = json.loads(os.environ["NATIONAL_ARGS"])
        {"build": build, "finish": finish, "measure": measure}[args["action"]](args)
    else:
        main()
