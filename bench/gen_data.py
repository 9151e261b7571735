"""Large, deterministic activity data for benchmarks: N communes × M activities in one province.

    from bench.gen_data import generate
    province = generate(communes=100, per_commune=10_000, year=2023)

Run inside a configured Django (a throw-away database!). Each commune gets 8 villages, a plan
for `year` with themes a b c d e g, and `per_commune` activities spread over the year with
every form's typed detail row (event groups, per-platform guidance counts, copies per
village…), about 90 % verified. Uses bulk_create in batches; ~1 M activities take a few
minutes. Same arguments → same data (seeded random). Everything is marked `is_sample`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

KIND_WEIGHTS = {
    "portal_post": 6,
    "social_post": 8,
    "radio_broadcast": 14,
    "visual": 5,
    "bulletin": 4,
    "printed": 5,
    "event": 8,
    "team_guidance": 20,
    "propagandist": 6,
    "sms": 4,
}
VILLAGES = 8
LETTERS = "abcdeg"


def generate(
    *,
    communes: int = 100,
    per_commune: int = 10_000,
    year: int = 2023,
    seed: int = 2023,
    province_slug: str = "tinh-do",
    verified_share: float = 0.9,
) -> Any:
    """Create the province and its data; returns the Province. Not idempotent: use a fresh DB."""
    from django.db import transaction

    from loalang.places.models import Province

    rnd = random.Random(seed)
    province = Province.objects.create(name="Tỉnh Đo", slug=province_slug, is_sample=True)
    next_pk = _next_pk()
    for c in range(communes):
        with transaction.atomic():
            next_pk = _commune(province, c, per_commune, year, rnd, next_pk, verified_share)
    from loalang.activities.summary import coverage_rebuild

    coverage_rebuild()
    return province


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs with executemany: several times faster than bulk_create for big tables."""
    from django.db import connection

    if not rows:
        return
    q = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata
        q(model._meta.db_table), ", ".join(q(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cur:
        for i in range(0, len(rows), 5000):
            cur.executemany(sql, rows[i : i + 5000])


def _next_pk() -> int:
    from django.db.models import Max

    from loalang.activities.models import Activity

    return (Activity.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _commune(
    province: Any, c: int, n: int, year: int, rnd: random.Random, pk: int, verified_share: float
) -> int:
    from loalang.activities.details import (
        BulletinIssue,
        GuidanceCount,
        PortalPost,
        PrintedDistribution,
        PrintedMaterial,
        PropagandistSession,
        RadioBroadcast,
        SmsCampaign,
        SocialPost,
        TeamGuidance,
        VisualItem,
    )
    from loalang.activities.models import Activity
    from loalang.activities.services import channel_for_kind
    from loalang.events.models import Event
    from loalang.places.models import Commune, Village
    from loalang.plans.models import Plan, PlanTheme

    commune = Commune.objects.create(
        province=province, name=f"Đo {c}", slug=f"{province.slug}-{c}", is_sample=True
    )
    villages = Village.objects.bulk_create(
        [
            Village(commune=commune, name=f"Bản {v}", sort_order=v, is_sample=True)
            for v in range(VILLAGES)
        ]
    )
    plan = Plan.objects.create(
        commune=commune,
        title=f"Kế hoạch {year}",
        year=year,
        status="issued",
        number="1",
        issued_on=dt.date(year, 1, 5),
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn An",
        is_sample=True,
    )
    themes = PlanTheme.objects.bulk_create(
        [
            PlanTheme(
                plan=plan,
                letter=x,
                short_name=f"Nội dung {x}",
                text="…",
                sort_order=i,
                is_sample=True,
            )
            for i, x in enumerate(LETTERS)
        ]
    )
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    start = dt.date(year, 1, 1)
    from django.utils import timezone

    now = timezone.now()
    acts, village_links, theme_links = [], [], []
    by_kind: dict[str, list[int]] = {k: [] for k in kinds}
    VT, TT = Activity.villages.through, Activity.themes.through
    for i in range(n):
        kind = rnd.choices(kinds, weights)[0]
        acts.append(
            (
                pk,
                now,
                now,
                True,
                commune.pk,
                plan.pk,
                kind,
                channel_for_kind(kind),
                f"Hoạt động {i}",
                "",
                start + dt.timedelta(days=rnd.randrange(365)),
                rnd.randrange(20, 400) if rnd.random() < 0.8 else None,
                rnd.choice([0, 0, 200_000, 500_000, 1_500_000]),
                rnd.randrange(5, 30) if kind == "radio_broadcast" else None,
                "verified" if rnd.random() < verified_share else "reported",
                "",
                "",
                "",
            )
        )
        if rnd.random() < 0.85:  # the rest are commune-wide
            for v in rnd.sample(villages, rnd.choice([1, 1, 1, 2])):
                village_links.append((pk, v.pk))
        for t in rnd.sample(themes, rnd.choice([1, 1, 2])):
            theme_links.append((pk, t.pk))
        by_kind[kind].append(pk)
        pk += 1
    _insert(
        Activity,
        [
            "id",
            "created_at",
            "updated_at",
            "is_sample",
            "commune_id",
            "plan_id",
            "kind",
            "channel",
            "title",
            "description",
            "held_on",
            "reach",
            "cost_vnd",
            "minutes",
            "status",
            "source_type",
            "source_id",
            "review_comment",
        ],
        acts,
    )
    _insert(VT, ["activity_id", "village_id"], village_links)
    _insert(TT, ["activity_id", "plantheme_id"], theme_links)

    def rows(model: Any, ids: list[int], **make: Any) -> None:
        model.objects.bulk_create(
            [
                model(activity_id=a, is_sample=True, **{k: f() for k, f in make.items()})
                for a in ids
            ],
            batch_size=2000,
        )

    r = rnd.randrange
    rows(PortalPost, by_kind["portal_post"], views=lambda: r(50, 2000))
    rows(
        SocialPost,
        by_kind["social_post"],
        platform=lambda: rnd.choice(["facebook", "zalo_oa", "zalo_group", "youtube", "tiktok"]),
        views=lambda: r(100, 3000),
        reactions=lambda: r(0, 200),
        comments=lambda: r(0, 40),
        shares=lambda: r(0, 50),
    )
    rows(RadioBroadcast, by_kind["radio_broadcast"], station=lambda: "Đài truyền thanh xã")
    rows(
        VisualItem,
        by_kind["visual"],
        item_kind=lambda: rnd.choice(["banner", "slogan", "poster", "panel", "notice_board"]),
        text=lambda: "Chuyển đổi số",
        quantity=lambda: r(1, 6),
        village_id=lambda: rnd.choice(villages).pk,
    )
    rows(BulletinIssue, by_kind["bulletin"], copies=lambda: r(20, 200))
    rows(
        PrintedMaterial,
        by_kind["printed"],
        material_kind=lambda: "leaflet",
        copies_printed=lambda: r(200, 800),
    )
    PrintedDistribution.objects.bulk_create(
        [
            PrintedDistribution(printed_id=a, village=v, copies=r(10, 60), is_sample=True)
            for a in by_kind["printed"]
            for v in villages[:3]
        ],
        batch_size=5000,
    )
    rows(
        Event,
        by_kind["event"],
        event_kind=lambda: rnd.choice(["conference", "training", "workshop", "forum", "community"]),
        officials=lambda: r(2, 20),
        team_members=lambda: r(0, 10),
        residents=lambda: r(10, 120),
        women=lambda: r(0, 10),
        ethnic_minorities=lambda: r(0, 10),
    )
    rows(
        TeamGuidance, by_kind["team_guidance"], households=lambda: r(1, 25), people=lambda: r(1, 40)
    )
    GuidanceCount.objects.bulk_create(
        [
            GuidanceCount(
                guidance_id=a, platform=p, households=r(1, 12), people=r(1, 20), is_sample=True
            )
            for a in by_kind["team_guidance"]
            for p in rnd.sample(["vneid_level2", "public_service", "cashless", "ecommerce"], 2)
        ],
        batch_size=5000,
    )
    rows(PropagandistSession, by_kind["propagandist"], sessions=lambda: 1)
    rows(SmsCampaign, by_kind["sms"], messages_sent=lambda: r(100, 2000))
    return pk
