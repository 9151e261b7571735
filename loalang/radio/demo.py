"""Demo data for the radio of the demo commune: one cluster per village, daily 06:00 and
17:00 slots, two approved sample bulletins on the plan's themes, and their 2023 airings (every
Tuesday morning for the first, every evening of the April VNeID campaign for the second), each
confirmed through the broadcast service so it is a verified activity in the 2023 log and
report. Idempotent (records are found by name; airings only when the year has none); audio is
synthesised by the job queue after commit, not here."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from loalang.radio.models import Bulletin, BulletinVersion, Cluster, Language, Slot

SLOTS = [("Buổi sáng", dt.time(6, 0)), ("Buổi chiều", dt.time(17, 0))]

BULLETINS = [
    (
        "Chuyển đổi số là gì và lợi ích cho bà con",
        "a",
        "Kính thưa bà con nhân dân trong xã! Thực hiện Kế hoạch số 65/KH-UBND ngày 30/3/2022 "
        "của UBND huyện Bá Thước, Đài truyền thanh xã Ái Thượng xin giới thiệu: chuyển đổi số "
        "là dùng công nghệ số để thay đổi cách chúng ta làm việc, sản xuất và sinh hoạt. "
        "Bà con có thể nộp hồ sơ dịch vụ công trực tuyến tại nhà, thanh toán không dùng tiền mặt "
        "và bán nông sản trên mạng. Năm 2023, xã phấn đấu 80% hộ gia đình có điện thoại "
        "thông minh.",
    ),
    (
        "Kích hoạt tài khoản định danh điện tử VNeID mức 2",
        "d",
        "Thông báo: từ ngày 10/4 đến 30/4/2023, Công an xã phối hợp với Tổ công nghệ số cộng đồng "
        "hỗ trợ bà con kích hoạt tài khoản VNeID mức 2 tại nhà văn hóa các thôn, từ 7h30 đến 11h00 "
        "các ngày thứ 7 và Chủ nhật. Khi đi, bà con mang theo CCCD gắn chip và điện thoại. "
        "Mọi thắc mắc xin liên hệ số điện thoại 0237 3880 123.",
    ),
]


def load_demo(commune) -> None:
    from loalang.radio.demo_recent import load_recent

    with transaction.atomic():
        _load(commune)
    load_recent(commune)  # the last twelve months, relative to today (ADR 0105)


def _load(commune) -> None:
    from loalang.plans.models import PlanTheme

    clusters = []
    for village in commune.villages.all():
        cluster, _ = Cluster.objects.update_or_create(
            commune=commune,
            name=f"Cụm loa {village}",
            defaults={
                "code": f"AT-{village.pk:03d}",
                "kind": Cluster.Kind.IP,
                "location": f"Nhà văn hóa {village}",
                "is_sample": True,
            },
        )
        cluster.villages.set([village])
        clusters.append(cluster)
    for name, at in SLOTS:
        Slot.objects.update_or_create(
            commune=commune, name=name, defaults={"starts_at": at, "is_sample": True}
        )
    # The 2023 bulletins air in 2023: the 2023 plan's themes (the demo has later plans too).
    themes = {
        t.letter: t
        for t in PlanTheme.objects.filter(plan__commune=commune, plan__year=2023).order_by(
            "plan_id", "sort_order"
        )
    }
    now = timezone.now()
    for title, letter, script in BULLETINS:
        bulletin, _created = Bulletin.objects.update_or_create(
            commune=commune,
            title=title,
            defaults={
                "script": script,
                "status": Bulletin.Status.APPROVED,
                "approved_at": now,
                "is_sample": True,
            },
        )
        if letter in themes:
            bulletin.themes.set([themes[letter]])
        version, made = BulletinVersion.objects.get_or_create(
            bulletin=bulletin,
            language=Language.VIETNAMESE,
            defaults={"kind": BulletinVersion.Kind.SYNTHESIZED, "is_sample": True},
        )
        if made or version.status == BulletinVersion.Status.FAILED:
            from loalang.radio.jobs import version_synthesize_job

            transaction.on_commit(partial(version_synthesize_job.enqueue, version.pk))
    _airings(commune, clusters)


# (bulletin index, slot index, first day, last day, weekday or None = every day, seconds)
AIRINGS = [
    (0, 0, dt.date(2023, 2, 7), dt.date(2023, 12, 26), 1, 240),
    (1, 1, dt.date(2023, 4, 3), dt.date(2023, 4, 28), None, 150),
]


def _airings(commune, clusters) -> None:
    from loalang.activities.summary import refresh_batch
    from loalang.radio.models import BroadcastLog

    if not clusters or BroadcastLog.objects.filter(commune=commune, aired_on__year=2023).exists():
        return
    bulletins = [Bulletin.objects.get(commune=commune, title=title) for title, *_ in BULLETINS]
    slots = [Slot.objects.get(commune=commune, name=name) for name, _at in SLOTS]
    with refresh_batch():  # recount the activity summaries once, not once per airing
        _air(commune, clusters, bulletins, slots)


def _air(commune, clusters, bulletins, slots) -> None:
    from loalang.radio.services.broadcasts import broadcast_confirm

    for index, slot_index, first, last, weekday, seconds in AIRINGS:
        day = first
        while day <= last:
            if weekday is None or day.weekday() == weekday:
                broadcast_confirm(
                    commune=commune,
                    bulletin=bulletins[index],
                    slot=slots[slot_index],
                    aired_on=day,
                    clusters=clusters,
                    actor=None,
                    seconds=seconds,
                )
            day += dt.timedelta(days=1)
