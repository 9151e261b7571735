"""A plausible 2023 year of activities for the demo commune Ái Thượng (ADR 0027).

Derived from the seed plan: its themes (a–g), its channels (radio is left to the radio
app's demo, portal articles to the portal's), the village heads and the Community Digital
Technology Teams. Everything is generated with a fixed seed, marked `is_sample`, and keyed by
a deterministic client token, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
import uuid
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from loalang.accounts.models import Role
from loalang.activities import services
from loalang.activities.details import GuidanceCount, PrintedMaterial, SocialPost, VisualItem
from loalang.activities.evidence import evidence_add
from loalang.activities.models import Activity
from loalang.activities.summary import refresh_batch
from loalang.events.models import Attendee, ConsentRecord, Event
from loalang.plans.models import Plan

log = logging.getLogger(__name__)
YEAR = 2023
NAMESPACE = uuid.UUID("6f1c0b8e-2d3a-4b8e-9f1a-7c2d3e4f5a6b")

EVENT_TITLES = [
    ("training", "Tập huấn kỹ năng số cho cán bộ, công chức xã"),
    ("conference", "Hội nghị quán triệt Nghị quyết 06-NQ/TU về chuyển đổi số"),
    ("community", "Sinh hoạt cộng đồng: lợi ích của chuyển đổi số với người dân"),
    ("training", "Tập huấn cài đặt, kích hoạt tài khoản định danh điện tử VNeID"),
    ("workshop", "Hội thảo mô hình thôn thông minh, sản phẩm OCOP trên sàn thương mại điện tử"),
    ("community", "Họp thôn phổ biến dịch vụ công trực tuyến"),
]
SOCIAL_TITLES = [
    "Chuyên mục chuyển đổi số: hướng dẫn nộp hồ sơ trực tuyến",
    "Video: cách thanh toán tiền điện không dùng tiền mặt",
    "Cảnh báo lừa đảo qua mạng, bảo vệ tài khoản ngân hàng",
    "Giới thiệu mô hình bán măng khô, mật ong qua sàn thương mại điện tử",
    "Tin hoạt động Tổ công nghệ số cộng đồng",
]
VISUAL_TEXTS = [
    "Chuyển đổi số - Người dân là trung tâm",
    "Cài đặt VNeID - Định danh điện tử cho mọi người dân",
    "Toàn dân tham gia chuyển đổi số, xây dựng nông thôn mới",
]
# Theme weights: the plan's focus; e) (procurement rules) is rarely the topic of grassroots work.
THEME_WEIGHTS = {"a": 5, "b": 3, "c": 2, "d": 3, "e": 1, "g": 3}


def _token(*parts: Any) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


def _photo(rng: random.Random, caption: str) -> SimpleUploadedFile:
    colour = (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200))
    img = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 460, 920, 600), fill=(255, 255, 255))
    draw.text((60, 500), caption.encode("ascii", "replace").decode(), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return SimpleUploadedFile("anh-mau.jpg", out.getvalue(), content_type="image/jpeg")


def _pick_themes(rng: random.Random, themes: dict[str, Any]) -> list[Any]:
    letters = [x for x in THEME_WEIGHTS if x in themes]
    if not letters:
        return []
    weights = [THEME_WEIGHTS[x] for x in letters]
    chosen = {rng.choices(letters, weights)[0] for _ in range(rng.choice([1, 1, 2]))}
    return [themes[x] for x in sorted(chosen)]


def _day(rng: random.Random, month: int) -> dt.date:
    return dt.date(YEAR, month, rng.randint(1, 28))


def plan_of(commune: Any) -> Plan | None:
    return (
        Plan.objects.filter(commune=commune, year=YEAR)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-id")
        .first()
    )


@transaction.atomic
def load(commune: Any) -> None:
    plan = plan_of(commune)
    if plan is None:
        log.warning(
            "activities demo: no %s plan for %s (the plans demo did not load it); "
            "no sample activities created",
            YEAR,
            commune,
        )
        return
    themes = {t.letter: t for t in plan.themes.all()}
    villages = list(commune.villages.order_by("sort_order", "name"))
    teams = {t.village_id: t for t in commune.teams.all()}
    users = {
        m.role: m.user for m in commune.memberships.filter(is_active=True).select_related("user")
    }
    officer = users.get(Role.CULTURE)
    heads = users.get(Role.VILLAGE_HEAD) or officer
    funding = plan.funding_sources.order_by("sort_order", "id").first()
    rng = random.Random(YEAR)  # noqa: S311 - sample data, reproducible on purpose
    made: list[tuple[Activity, bool]] = []

    def add(key: str, kind: str, *, actor: Any, **kw: Any) -> Activity:
        token = _token(commune.pk, key)
        is_new = not Activity.objects.filter(commune=commune, client_token=token).exists()
        fields = kw.pop("fields")
        fields.setdefault("plan", plan)
        if fields.get("cost_vnd") and funding is not None:
            fields["funding_source"] = funding
        elif fields.get("cost_vnd"):
            fields["cost_vnd"] = 0
        activity = services.activity_log(
            commune=commune,
            actor=actor,
            kind=kind,
            fields=fields,
            client_token=token,
            is_sample=True,
            **kw,
        )
        made.append((activity, is_new))
        return activity

    for month in range(1, 13):
        # Team rounds: each village's team goes door to door about once a month; the most
        # remote village (the last) misses a few months — the heatmap should show it.
        for i, village in enumerate(villages):
            if i == len(villages) - 1 and month in (2, 6, 7, 11):
                continue
            hh = rng.randint(6, 24)
            guidance = {
                GuidanceCount.Platform.VNEID_LEVEL2: (rng.randint(2, hh), rng.randint(3, 2 * hh)),
                GuidanceCount.Platform.PUBLIC_SERVICE: (
                    rng.randint(0, hh // 2),
                    rng.randint(0, hh),
                ),
                GuidanceCount.Platform.CASHLESS: (rng.randint(0, hh // 2), rng.randint(0, hh)),
            }
            if month >= 4:
                guidance[GuidanceCount.Platform.ECOMMERCE] = (rng.randint(0, 4), rng.randint(0, 6))
            people = rng.randint(hh, 2 * hh)
            add(
                f"team:{month}:{village.pk}",
                Activity.Kind.TEAM_GUIDANCE,
                actor=heads,
                fields={
                    "title": f"Tổ công nghệ số hướng dẫn người dân {village} (tháng {month})",
                    "held_on": _day(rng, month),
                    "reach": people,
                    "team": teams.get(village.pk),
                },
                themes=[themes[x] for x in ("a", "g") if x in themes][: rng.randint(1, 2)],
                villages=[village],
                detail={"households": hh, "people": people},
                guidance=guidance,
            )
        # Events: one or two a month.
        for n in range(rng.choice([1, 1, 2])):
            event_kind, title = rng.choice(EVENT_TITLES)
            where = rng.sample(villages, rng.randint(1, 2)) if event_kind == "community" else []
            officials, team_members = rng.randint(3, 25), rng.randint(0, 12)
            residents = rng.randint(10, 90) if event_kind != "conference" else rng.randint(0, 10)
            total = officials + team_members + residents
            add(
                f"event:{month}:{n}",
                Activity.Kind.EVENT,
                actor=officer,
                fields={
                    "title": title,
                    "held_on": _day(rng, month),
                    "reach": total,
                    "cost_vnd": rng.choice([0, 500_000, 1_500_000, 3_000_000]),
                },
                themes=_pick_themes(rng, themes),
                villages=where,
                detail={
                    "event_kind": event_kind,
                    "place": f"Nhà văn hoá {where[0]}" if where else "Hội trường UBND xã",
                    "organiser": "UBND xã Ái Thượng",
                    "officials": officials,
                    "team_members": team_members,
                    "residents": residents,
                    "women": rng.randint(0, total // 2),
                    "ethnic_minorities": rng.randint(total // 3, total),
                },
            )
        # Social posts on the commune's Facebook page and village Zalo groups.
        for n in range(rng.randint(2, 5)):
            platform = rng.choice([SocialPost.Platform.FACEBOOK, SocialPost.Platform.ZALO_GROUP])
            views = rng.randint(150, 1800)
            add(
                f"social:{month}:{n}",
                Activity.Kind.SOCIAL_POST,
                actor=officer,
                fields={
                    "title": rng.choice(SOCIAL_TITLES),
                    "held_on": _day(rng, month),
                    "reach": views,
                },
                themes=_pick_themes(rng, themes),
                detail={
                    "platform": platform,
                    "views": views,
                    "reactions": rng.randint(5, views // 8),
                    "comments": rng.randint(0, 30),
                    "shares": rng.randint(0, 40),
                },
            )
        # A monthly internal bulletin, and propagandist sessions.
        add(
            f"bulletin:{month}",
            Activity.Kind.BULLETIN,
            actor=officer,
            fields={
                "title": f"Bản tin chuyển đổi số tháng {month}/{YEAR}",
                "held_on": _day(rng, month),
            },
            themes=_pick_themes(rng, themes),
            detail={"issue": f"{month:02d}/{YEAR}", "copies": rng.randint(40, 90)},
        )
        village = rng.choice(villages)
        add(
            f"propagandist:{month}",
            Activity.Kind.PROPAGANDIST,
            actor=heads,
            fields={
                "title": "Tuyên truyền viên cơ sở tuyên truyền tại nhà văn hoá",
                "held_on": _day(rng, month),
                "reach": rng.randint(20, 70),
            },
            themes=_pick_themes(rng, themes),
            villages=[village],
            detail={"sessions": 1, "place": f"Nhà văn hoá {village}"},
        )
    # Visual propaganda at the start of the year and for the national DX day (10/10).
    for n, (month, text) in enumerate(
        [(1, VISUAL_TEXTS[0]), (3, VISUAL_TEXTS[1]), (10, VISUAL_TEXTS[2])]
    ):
        village = villages[n % len(villages)]
        up = _day(rng, month)
        add(
            f"visual:{n}",
            Activity.Kind.VISUAL,
            actor=officer,
            fields={"title": f"Treo băng rôn “{text}”", "held_on": up, "cost_vnd": 1_200_000},
            themes=_pick_themes(rng, themes),
            villages=[village],
            detail={
                "item_kind": VisualItem.ItemKind.BANNER,
                "text": text,
                "village": village,
                "location": "Trục đường chính của thôn",
                "quantity": rng.randint(2, 6),
                "put_up_on": up,
                "taken_down_on": up + dt.timedelta(days=30),
            },
        )
    # Leaflets, printed twice in the year and handed out in every village.
    for n, month in enumerate((4, 9)):
        copies = 600
        add(
            f"printed:{n}",
            Activity.Kind.PRINTED,
            actor=officer,
            fields={
                "title": "Tờ gấp hướng dẫn cài đặt VNeID và dịch vụ công trực tuyến",
                "held_on": _day(rng, month),
                "reach": copies,
                "cost_vnd": 3_600_000,
            },
            themes=[themes[x] for x in ("a", "b") if x in themes],
            villages=villages,
            detail={
                "material_kind": PrintedMaterial.MaterialKind.LEAFLET,
                "copies_printed": copies,
            },
            distributions={v: copies // len(villages) for v in villages},
        )

    _review(made, officer, rng)
    _evidence_and_attendees(made, commune, officer, rng)
    log.info("activities demo: %s activities for %s", len(made), commune)


def _review(made: list[tuple[Activity, bool]], officer: Any, rng: random.Random) -> None:
    """Most of the year is verified; December waits; a few were returned with a comment."""
    with refresh_batch():  # recount the summaries once, not once per activity
        _review_each(made, officer, rng)


def _review_each(made: list[tuple[Activity, bool]], officer: Any, rng: random.Random) -> None:
    for activity, is_new in made:
        if not is_new:
            continue
        if activity.held_on.month == 12 and rng.random() < 0.6:
            continue
        if rng.random() < 0.03:
            services.activity_return(
                activity=activity, actor=officer, comment="Bổ sung ảnh chụp và số người tham dự."
            )
            continue
        services.activity_verify(activity=activity, actor=officer)


def _evidence_and_attendees(
    made: list[tuple[Activity, bool]], commune: Any, officer: Any, rng: random.Random
) -> None:
    from loalang.events.services import attendee_add, consent_notice_current

    events = [a for a, is_new in made if is_new and a.kind == Activity.Kind.EVENT]
    for activity in events[:8]:
        evidence_add(activity=activity, actor=officer, upload=_photo(rng, activity.title))
    if not events:
        return
    event = Event.objects.get(activity=events[0])
    notice = consent_notice_current(commune=commune, actor=officer)
    given = dt.datetime.combine(event.activity.held_on, dt.time(8, 0), tzinfo=dt.UTC)
    for i, name in enumerate(["Hà Văn Khánh", "Lò Thị Mai", "Phạm Văn Hùng", "Cầm Thị Xuân"]):
        attendee_add(
            event=event,
            actor=officer,
            full_name=name,
            phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            group=Attendee.Group.RESIDENT if i else Attendee.Group.OFFICIAL,
            is_woman=name.split()[1] == "Thị",
            is_ethnic_minority=True,
            has_consent=True,
            method=ConsentRecord.Method.PAPER,
            notice=notice,
            given_at=given,
            is_sample=True,
        )


def load_all(commune: Any) -> None:
    """The app's demo loader (registered in ActivitiesConfig.ready): the 2023 year, then the last
    twelve months relative to today (activities.demo_recent)."""
    from loalang.activities.demo_recent import load_recent

    load(commune)
    load_recent(commune)
