"""The demo commune's last twelve months of activities, relative to today (ADR 0105).

The 2023 year (activities.demo) stays as it is; this adds what a living commune shows on the
day someone opens the demo: every village's Community Digital Technology Team going door to
door twice a month, meetings and trainings, posts on the commune's Facebook page and the
villages' Zalo groups, the monthly internal bulletin, leaflets and banners, propagandists'
sessions — on the current plan's themes (the previous year's plan before January).

Deterministic given the date: each record draws from its own random generator seeded with
its key (month, kind, number), so loading on another day adds that day's new records and
changes none of the old ones; a day after today is never generated. Review follows the age
of the work when it is first loaded: older than REVIEW_LAG_DAYS is verified (a few returned
with a comment), younger waits for the officer. Every record is `is_sample` and keyed by a
deterministic client token: loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from loalang.accounts.models import User
from loalang.activities import services
from loalang.activities.demo import EVENT_TITLES, _photo, _token
from loalang.activities.details import GuidanceCount, PrintedMaterial, SocialPost, VisualItem
from loalang.activities.evidence import evidence_add
from loalang.activities.models import Activity
from loalang.activities.summary import refresh_batch
from loalang.plans.models import Plan

log = logging.getLogger(__name__)

MONTHS = 13  # twelve full months back from today, and the current one
REVIEW_LAG_DAYS = 10  # the officer verifies about ten days after the work
RETURN_RATE = 0.04

SOCIAL_TITLES = [
    "Hướng dẫn nộp hồ sơ dịch vụ công trực tuyến bằng tài khoản VNeID",
    "Video: thanh toán tiền điện, học phí không dùng tiền mặt",
    "Cảnh báo thủ đoạn lừa đảo giả danh công an, cán bộ xã qua điện thoại",
    "Giới thiệu sản phẩm măng khô, mật ong bản Chiềng Ai trên sàn thương mại điện tử",
    "Tin hoạt động Tổ công nghệ số cộng đồng trong tháng",
    "Phong trào “Bình dân học vụ số”: mời bà con đăng ký học kỹ năng số",
    "Hướng dẫn tích hợp giấy phép lái xe, bảo hiểm y tế vào ứng dụng VNeID",
]
VISUAL_TEXTS = [
    "Chuyển đổi số - Người dân là trung tâm",
    "Bình dân học vụ số - Mỗi người dân một kỹ năng số",
    "Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10",
]
PROPAGANDA_PLACES = ["Nhà văn hoá", "Sân bóng", "Chợ phiên"]
EVENTS_EXTRA = [
    ("training", "Lớp “Bình dân học vụ số”: sử dụng điện thoại thông minh an toàn"),
    ("community", "Sinh hoạt chi hội phụ nữ: thanh toán không dùng tiền mặt"),
]
THEME_WEIGHTS = {"a": 5, "b": 2, "c": 2, "d": 3, "e": 1, "g": 3}


def _in(village: Any) -> str:
    """A village's name inside a sentence: "bản Khằm", "thôn Đông Tâm"."""
    name = str(village)
    return name[:1].lower() + name[1:]


def months_back(today: dt.date, n: int = MONTHS) -> list[dt.date]:
    """The first days of the last `n` calendar months, the current one last."""
    first = today.replace(day=1)
    out = []
    for back in range(n - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        out.append(dt.date(year, month + 1, 1))
    return out


def _rng(*parts: Any) -> random.Random:
    return random.Random(":".join(str(p) for p in ("recent", *parts)))  # noqa: S311 - sample data


def _day_in(rng: random.Random, month: dt.date, lo: int = 1, hi: int = 28) -> dt.date:
    return month.replace(day=rng.randint(lo, hi))


def _themes(rng: random.Random, plan: Plan | None, cache: dict[int, dict[str, Any]]) -> list[Any]:
    if plan is None:
        return []
    if plan.pk not in cache:
        cache[plan.pk] = {t.letter: t for t in plan.themes.all()}
    themes = cache[plan.pk]
    letters = [x for x in THEME_WEIGHTS if x in themes]
    if not letters:
        return []
    weights = [THEME_WEIGHTS[x] for x in letters]
    chosen = {rng.choices(letters, weights)[0] for _ in range(rng.choice([1, 1, 2]))}
    return [themes[x] for x in sorted(chosen)]


def _plans_by_year(commune: Any) -> dict[int, Plan]:
    plans: dict[int, Plan] = {}
    for plan in (
        Plan.objects.filter(commune=commune)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("year", "id")
    ):
        plans[plan.year] = plan
    return plans


def _specs(commune: Any, today: dt.date) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(key, kind, who, arguments) of every record up to today; `who` is a username."""
    villages = list(commune.villages.order_by("sort_order", "name"))
    teams = {t.village_id: t for t in commune.teams.all()}
    for month in months_back(today):
        m = f"{month:%Y-%m}"
        # Team rounds: once a month in every village.
        for i, village in enumerate(villages):
            rng = _rng("team", m, village.name)
            if i == len(villages) - 1 and rng.random() < 0.3:
                continue  # the most remote village misses a round now and then
            hh = rng.randint(5, 20)
            half = hh // 2
            counts = GuidanceCount.Platform
            guidance = {
                counts.VNEID_LEVEL2: (rng.randint(1, hh), rng.randint(2, 2 * hh)),
                counts.PUBLIC_SERVICE: (rng.randint(0, half), rng.randint(0, hh)),
                counts.CASHLESS: (rng.randint(0, half), rng.randint(0, hh)),
                counts.ECOMMERCE: (rng.randint(0, 3), rng.randint(0, 5)),
                counts.BDHVS_ENROLLED: (rng.randint(0, hh), rng.randint(0, hh)),
            }
            people = rng.randint(hh, 2 * hh)
            who = "tocongnghe" if village.name == "Khằm" and month.month % 2 else "truongthon"
            yield (
                f"team:{m}:{village.pk}",
                Activity.Kind.TEAM_GUIDANCE,
                who if village.name == "Khằm" else "vanhoa",
                {
                    "rng": rng,
                    "fields": {
                        "title": f"Tổ công nghệ số hướng dẫn người dân {_in(village)}",
                        "held_on": _day_in(rng, month),
                        "reach": people,
                        "team": teams.get(village.pk),
                    },
                    "villages": [village],
                    "detail": {"households": hh, "people": people},
                    "guidance": guidance,
                },
            )
        # Meetings and trainings: one or two a month.
        rng = _rng("events", m)
        for n in range(rng.choice([1, 1, 2])):
            erng = _rng("event", m, n)
            event_kind, title = erng.choice(EVENT_TITLES + EVENTS_EXTRA)
            where = erng.sample(villages, erng.randint(1, 2)) if event_kind == "community" else []
            officials, members = erng.randint(3, 25), erng.randint(0, 12)
            residents = erng.randint(10, 90) if event_kind != "conference" else erng.randint(0, 10)
            total = officials + members + residents
            yield (
                f"event:{m}:{n}",
                Activity.Kind.EVENT,
                "vanhoa",
                {
                    "rng": erng,
                    "fields": {
                        "title": title,
                        "held_on": _day_in(erng, month),
                        "reach": total,
                        "cost_vnd": erng.choice([0, 500_000, 1_500_000, 2_500_000]),
                    },
                    "villages": where,
                    "detail": {
                        "event_kind": event_kind,
                        "place": f"Nhà văn hoá {_in(where[0])}" if where else "Hội trường UBND xã",
                        "organiser": "UBND xã Ái Thượng",
                        "officials": officials,
                        "team_members": members,
                        "residents": residents,
                        "women": erng.randint(0, total // 2),
                        "ethnic_minorities": erng.randint(total // 3, total),
                    },
                },
            )
        # Posts on the commune's Facebook page and the villages' Zalo groups.
        for n in range(_rng("social", m).randint(2, 4)):
            srng = _rng("social", m, n)
            platform = srng.choice([SocialPost.Platform.FACEBOOK, SocialPost.Platform.ZALO_GROUP])
            views = srng.randint(150, 2200)
            yield (
                f"social:{m}:{n}",
                Activity.Kind.SOCIAL_POST,
                "vanhoa",
                {
                    "rng": srng,
                    "fields": {
                        "title": srng.choice(SOCIAL_TITLES),
                        "held_on": _day_in(srng, month),
                        "reach": views,
                    },
                    "detail": {
                        "platform": platform,
                        "views": views,
                        "reactions": srng.randint(5, views // 8),
                        "comments": srng.randint(0, 30),
                        "shares": srng.randint(0, 40),
                    },
                },
            )
        # The monthly internal bulletin and a propagandist's session in one village.
        brng = _rng("bulletin", m)
        yield (
            f"bulletin:{m}",
            Activity.Kind.BULLETIN,
            "vanhoa",
            {
                "rng": brng,
                "fields": {
                    "title": f"Bản tin chuyển đổi số tháng {month:%m/%Y}",
                    "held_on": _day_in(brng, month, 1, 10),
                },
                "detail": {"issue": f"{month:%m/%Y}", "copies": brng.randint(40, 90)},
            },
        )
        prng = _rng("propagandist", m)
        village = prng.choice(villages)
        spot = prng.choice(PROPAGANDA_PLACES)
        place = f"{spot} {_in(village)}"
        yield (
            f"propagandist:{m}",
            Activity.Kind.PROPAGANDIST,
            "truongthon" if village.name == "Khằm" else "vanhoa",
            {
                "rng": prng,
                "fields": {
                    "title": f"Tuyên truyền viên cơ sở tuyên truyền tại {_in(spot)} {_in(village)}",
                    "held_on": _day_in(prng, month),
                    "reach": prng.randint(20, 70),
                },
                "villages": [village],
                "detail": {"sessions": 1, "place": place},
            },
        )
        # Banners in March and for the national Digital Transformation Day (10 October);
        # leaflets printed in April and September and shared between the villages.
        if month.month in (3, 10):
            vrng = _rng("visual", m)
            text = VISUAL_TEXTS[1] if month.month == 3 else VISUAL_TEXTS[2]
            up = _day_in(vrng, month, 1, 8)
            village = vrng.choice(villages)
            yield (
                f"visual:{m}",
                Activity.Kind.VISUAL,
                "vanhoa",
                {
                    "rng": vrng,
                    "fields": {
                        "title": f"Treo băng rôn “{text}”",
                        "held_on": up,
                        "cost_vnd": 1_500_000,
                    },
                    "villages": [village],
                    "detail": {
                        "item_kind": VisualItem.ItemKind.BANNER,
                        "text": text,
                        "village": village,
                        "location": "Trục đường chính của thôn",
                        "quantity": vrng.randint(2, 6),
                        "put_up_on": up,
                        "taken_down_on": up + dt.timedelta(days=30),
                    },
                },
            )
        if month.month in (4, 9):
            lrng = _rng("printed", m)
            copies = 600
            yield (
                f"printed:{m}",
                Activity.Kind.PRINTED,
                "vanhoa",
                {
                    "rng": lrng,
                    "fields": {
                        "title": "Tờ gấp “Bình dân học vụ số” và hướng dẫn dịch vụ công trực tuyến",
                        "held_on": _day_in(lrng, month),
                        "reach": copies,
                        "cost_vnd": 3_600_000,
                    },
                    "villages": villages,
                    "detail": {
                        "material_kind": PrintedMaterial.MaterialKind.LEAFLET,
                        "copies_printed": copies,
                    },
                    "distributions": {v: copies // len(villages) for v in villages},
                },
            )


def load_recent(commune: Any, *, today: dt.date | None = None) -> int:
    """Add the last twelve months' sample activities of `commune`; returns how many are new."""
    today = today or timezone.localdate()
    plans = _plans_by_year(commune)
    if not plans:
        return 0
    users = {u.username: u for u in User.objects.filter(memberships__commune=commune)}
    officer = users.get("vanhoa")
    funding = {
        year: plan.funding_sources.order_by("sort_order", "id").first()
        for year, plan in plans.items()
    }
    known = set(
        Activity.objects.filter(commune=commune, is_sample=True).values_list(
            "client_token", flat=True
        )
    )
    theme_cache: dict[int, dict[str, Any]] = {}
    made: list[Activity] = []
    with transaction.atomic(), refresh_batch():
        for key, kind, who, args in _specs(commune, today):
            fields = args["fields"]
            if fields["held_on"] > today:
                continue
            token = _token(commune.pk, "recent", key)
            if token in known:
                continue
            rng = args.pop("rng")
            plan = plans.get(fields["held_on"].year)
            fields["plan"] = plan
            source = funding.get(fields["held_on"].year)
            if fields.get("cost_vnd") and source is not None:
                fields["funding_source"] = source
            elif fields.get("cost_vnd"):
                fields["cost_vnd"] = 0
            activity = services.activity_log(
                commune=commune,
                actor=users.get(who) or officer,
                kind=kind,
                client_token=token,
                is_sample=True,
                themes=_themes(rng, plan, theme_cache),
                **args,
            )
            made.append(activity)
            _review(activity, officer, today, rng)
        _evidence(made, officer)
    log.info("activities demo: %s recent activities for %s", len(made), commune)
    return len(made)


def _review(activity: Activity, officer: Any, today: dt.date, rng: random.Random) -> None:
    if (today - activity.held_on).days < REVIEW_LAG_DAYS:
        return  # waits for the officer
    if rng.random() < RETURN_RATE:
        services.activity_return(
            activity=activity,
            actor=officer,
            comment="Bổ sung ảnh chụp buổi hướng dẫn và danh sách hộ được hỗ trợ.",
        )
        return
    services.activity_verify(activity=activity, actor=officer)


def _evidence(made: list[Activity], officer: Any) -> None:
    """A photo for every meeting and training (the evidence the report's annex points at)."""
    for activity in made:
        if activity.kind == Activity.Kind.EVENT:
            rng = _rng("photo", activity.client_token)
            evidence_add(activity=activity, actor=officer, upload=_photo(rng, activity.title))
