"""The demo radio's last twelve months, relative to today (ADR 0105).

Bulletins written by the Culture-Social officer through the year, each sent for approval and
approved by the Chair through the bulletin services, tagged with the themes of their year's
plan, and aired every Tuesday morning on every cluster while current (each airing confirmed
through `broadcast_confirm`, so it is a verified radio activity). The newest bulletin waits for
the Chair's approval. Runs only where the plans demo made a sample plan for the current year;
idempotent (bulletins by title, an airing is confirmed once per bulletin, slot and day);
audio is synthesised by the job worker after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from loalang.radio.models import Bulletin

# (days before today it was written, days it airs, theme letter, title, script)
BULLETINS: list[tuple[int, int, str, str, str]] = [
    (
        370,
        90,
        "b",
        "Kế hoạch truyền thông chuyển đổi số năm mới của xã",
        "Kính thưa bà con nhân dân! UBND xã Ái Thượng đã ban hành Kế hoạch truyền thông thực "
        "hiện chuyển đổi số năm nay. Mỗi thôn, bản có ít nhất một hoạt động tuyên truyền mỗi "
        "quý; Tổ công nghệ số cộng đồng sẽ đến từng hộ hướng dẫn bà con cài đặt ứng dụng VNeID "
        "và sử dụng dịch vụ công trực tuyến.",
    ),
    (
        280,
        90,
        "a",
        "Mời bà con tham gia phong trào Bình dân học vụ số",
        "Thông báo: lớp Bình dân học vụ số học vào tối thứ Bảy hằng tuần tại nhà văn hoá các "
        "bản, không mất tiền. Bà con mang theo điện thoại thông minh để được hướng dẫn gọi "
        "video, tra cứu thông tin và nộp hồ sơ trực tuyến.",
    ),
    (
        190,
        80,
        "g",
        "Hợp tác xã đưa măng khô, mật ong lên sàn thương mại điện tử",
        "Hợp tác xã Nông nghiệp Ái Thượng đã bán được gần ba tấn măng khô và mật ong qua sàn "
        "thương mại điện tử. Hộ nào muốn đưa sản phẩm lên mạng, xin liên hệ Tổ công nghệ số "
        "cộng đồng của bản mình.",
    ),
    (
        110,
        100,
        "a",
        "Cảnh giác cuộc gọi giả danh cán bộ yêu cầu cập nhật định danh",
        "Công an xã khuyến cáo: không cung cấp mã OTP, không cài ứng dụng theo đường link lạ. "
        "Cơ quan chức năng không yêu cầu cập nhật định danh qua điện thoại. Khi nghi ngờ, bà "
        "con hãy gọi ngay cho công an xã hoặc trưởng bản.",
    ),
    (
        4,
        30,
        "d",
        "Tổng kết một năm chuyển đổi số ở Ái Thượng",
        "Kính thưa bà con! Năm nay các Tổ công nghệ số cộng đồng đã đến hầu hết các hộ trong "
        "xã, hướng dẫn hàng nghìn lượt người dân sử dụng dịch vụ công trực tuyến. Xin cảm ơn bà "
        "con đã đồng hành cùng chuyển đổi số.",
    ),
]
TUESDAY = 1
SECONDS = 210


def load_recent(commune: Any, *, today: dt.date | None = None) -> None:
    from loalang.accounts.models import User
    from loalang.activities.summary import refresh_batch
    from loalang.plans.models import Plan
    from loalang.radio.models import Cluster, Slot

    today = today or timezone.localdate()
    if not Plan.objects.filter(commune=commune, year=today.year, is_sample=True).exists():
        return
    clusters = list(Cluster.objects.filter(commune=commune, is_sample=True).order_by("id"))
    slot = Slot.objects.filter(commune=commune, is_sample=True).order_by("starts_at").first()
    if not clusters or slot is None:
        return
    officer = User.objects.filter(username="vanhoa").first()
    chair = User.objects.filter(username="chutich").first()
    with transaction.atomic(), refresh_batch():
        for i, (days, airs, letter, title, script) in enumerate(BULLETINS):
            written = today - dt.timedelta(days=days)
            bulletin = Bulletin.objects.filter(commune=commune, title=title).first()
            if bulletin is not None and bulletin.submitted_at is not None:
                # Loaded on an earlier day: its airings keep the days they were given then.
                written = timezone.localdate(bulletin.submitted_at)
            if bulletin is None:
                last = i == len(BULLETINS) - 1
                bulletin = _write(commune, officer, chair, written, letter, title, script, last)
            if bulletin.status == Bulletin.Status.APPROVED:
                _air(commune, bulletin, slot, clusters, written, airs, today)
        mark_airings_sample(commune)


def mark_airings_sample(commune: Any) -> None:
    """The airings of sample bulletins, and the radio activities they stand for, are sample
    data too (broadcast_confirm records them as any airing)."""
    from loalang.activities.models import Activity
    from loalang.radio.models import BroadcastLog

    logs = BroadcastLog.objects.filter(commune=commune, bulletin__is_sample=True)
    logs.filter(is_sample=False).update(is_sample=True)
    ids = [str(pk) for pk in logs.values_list("pk", flat=True)]
    Activity.objects.filter(
        commune=commune, source_type="radio.broadcastlog", source_id__in=ids, is_sample=False
    ).update(is_sample=True)


def _write(
    commune: Any,
    officer: Any,
    chair: Any,
    written: dt.date,
    letter: str,
    title: str,
    script: str,
    waits: bool,
) -> Bulletin:
    from loalang.plans.models import PlanTheme
    from loalang.radio.services import bulletin_approve, bulletin_create_draft, bulletin_submit

    themes = list(
        PlanTheme.objects.filter(
            plan__commune=commune, plan__year=written.year, letter=letter
        ).order_by("-plan_id")[:1]
    )
    bulletin = bulletin_create_draft(
        commune=commune, title=title, script=script, actor=officer, themes=themes
    )
    bulletin = bulletin_submit(bulletin=bulletin, actor=officer)
    moment = timezone.make_aware(dt.datetime.combine(written, dt.time(15, 0)))
    stamps: dict[str, Any] = {"is_sample": True, "submitted_at": moment}
    if not waits and chair is not None:
        bulletin = bulletin_approve(bulletin=bulletin, actor=chair, note="Đồng ý phát.")
        stamps["approved_at"] = moment + dt.timedelta(hours=20)
    # The workflow ran now; the story says it happened `written`.
    Bulletin.objects.filter(pk=bulletin.pk).update(**stamps)
    bulletin.refresh_from_db()
    return bulletin


def _air(
    commune: Any,
    bulletin: Bulletin,
    slot: Any,
    clusters: list[Any],
    written: dt.date,
    airs: int,
    today: dt.date,
) -> None:
    from loalang.radio.models import BroadcastLog
    from loalang.radio.services.broadcasts import broadcast_confirm

    aired = set(
        BroadcastLog.objects.filter(bulletin=bulletin, slot=slot).values_list("aired_on", flat=True)
    )
    day = written + dt.timedelta(days=1)
    last = min(written + dt.timedelta(days=airs), today - dt.timedelta(days=1))
    while day <= last:
        if day.weekday() == TUESDAY and day not in aired:
            broadcast_confirm(
                commune=commune,
                bulletin=bulletin,
                slot=slot,
                aired_on=day,
                clusters=clusters,
                actor=None,
                seconds=SECONDS,
            )
        day += dt.timedelta(days=1)
