"""A sample commendation for Ái Thượng (invented, marked is_sample). Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from loalang.activities.models import Activity
from loalang.commendations.models import Commendation
from loalang.commendations.services import commendation_create
from loalang.people.models import DigitalTeam
from loalang.plans.models import Plan

REASON = (
    "Có thành tích xuất sắc trong tuyên truyền, hướng dẫn người dân cài đặt, kích hoạt tài "
    "khoản định danh điện tử mức 2 và thanh toán không dùng tiền mặt năm 2023."
)


@transaction.atomic
def load_demo(commune: Any) -> None:
    team = DigitalTeam.objects.filter(commune=commune).order_by("id").first()
    if team is None or Commendation.objects.filter(commune=commune, is_sample=True).exists():
        return
    plan = Plan.objects.filter(commune=commune, year=2023).order_by("id").first()
    activities = list(
        Activity.objects.filter(
            commune=commune,
            status=Activity.Status.VERIFIED,
            kind=Activity.Kind.TEAM_GUIDANCE,
            villages=team.village,
        ).order_by("-reach", "-held_on")[:3]
        if team.village_id
        else []
    )
    c = commendation_create(
        commune=commune,
        actor=None,
        subject_kind="team",
        team=team,
        reason=REASON,
        awarded_on=dt.date(2023, 12, 20),
        decision_ref="Giấy khen của Chủ tịch UBND xã (mẫu)",
        plan=plan,
        is_public=True,
        activities=activities,
    )
    Commendation.objects.filter(pk=c.pk).update(is_sample=True)
