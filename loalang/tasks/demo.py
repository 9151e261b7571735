"""Sample tasks for Ái Thượng, taken from the duties of the 2023 plan (loaded by the plans
app's demo loader, which runs first). Idempotent; every row is marked is_sample."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from loalang.accounts.models import User
from loalang.plans.models import Plan, PlanDuty
from loalang.tasks.models import Task
from loalang.tasks.services import task_create, task_create_from_duty, task_report_progress

# (phrase the duty text contains, demo username, due date, state to leave it in, note)
FROM_DUTIES = [
    (
        "banner chuyên mục chuyển đổi số",
        "vanhoa",
        dt.date(2023, 6, 30),
        "done",
        "Đã gắn banner chuyên mục trên trang thông tin điện tử xã.",
    ),
    (
        "hội nghị tập huấn",
        "vanhoa",
        dt.date(2023, 9, 30),
        "done",
        "Đã tổ chức 2 lớp tập huấn cho cán bộ thôn và Tổ công nghệ số.",
    ),
    (
        "quán triệt",
        "mattran",
        dt.date(2023, 8, 31),
        "in_progress",
        "Đã quán triệt tại 3/6 chi hội, còn lại trong tháng 9.",
    ),
    (
        "Đẩy mạnh tuyên truyền chương trình chuyển đổi số",
        "truongthon",
        dt.date(2023, 10, 31),
        "blocked",
        "Loa truyền thanh bản Khằm hỏng, chờ sửa để phát bản tin.",
    ),
    ("bố trí kinh phí", "taichinh", dt.date(2023, 4, 30), "not_started", ""),
]

MONTHLY_REPORT = "Báo cáo kết quả truyền thông chuyển đổi số hằng tháng"


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def load_demo(commune: Any) -> None:
    plan = Plan.objects.filter(commune=commune, year=2023).order_by("id").first()
    if plan is None:
        return  # the plans demo did not load a 2023 plan: nothing to derive tasks from
    officer = _user("vanhoa")
    duties = list(PlanDuty.objects.filter(assignment__plan=plan).select_related("assignment"))
    for phrase, username, due_on, state, note in FROM_DUTIES:
        duty = next((d for d in duties if phrase.lower() in d.text.lower()), None)
        if duty is None or Task.objects.filter(duty=duty, is_sample=True).exists():
            continue
        task = task_create_from_duty(
            duty=duty,
            actor=officer,
            due_on=due_on,
            assignee_user=_user(username),
            starts_on=dt.date(2023, 3, 1),
        )
        Task.objects.filter(pk=task.pk).update(is_sample=True)
        task.refresh_from_db()
        if state != "not_started":
            pct = {"done": 100, "in_progress": 50, "blocked": 30}[state]
            task_report_progress(
                task=task,
                actor=_user(username) or officer,
                status=state,
                progress_pct=pct,
                note=note,
                today=due_on,
            )
    if not Task.objects.filter(commune=commune, title=MONTHLY_REPORT, is_sample=True).exists():
        report_duty = next((d for d in duties if "chế độ thông tin, báo cáo" in d.text), None)
        series = task_create(
            commune=commune,
            actor=officer,
            title=MONTHLY_REPORT,
            duty=report_duty,
            plan=plan,
            description="Tổng hợp kết quả tuyên truyền các kênh, gửi Phòng VH-TT và UBND xã.",
            org_unit=report_duty.assignment.org_unit if report_duty else None,
            assignee_user=officer,
            starts_on=dt.date(2023, 3, 1),
            repeat_until=dt.date(2023, 12, 31),
            recurrence=Task.Recurrence.MONTHLY,
        )
        Task.objects.filter(pk=series.pk).update(is_sample=True)
        series.occurrences.update(is_sample=True)
        # Reports sent on time until October; November and December are still open.
        for occ in series.occurrences.filter(due_on__lt=dt.date(2023, 11, 1)):
            task_report_progress(
                task=occ,
                actor=officer,
                status=Task.Status.DONE,
                note="Đã gửi báo cáo.",
                today=occ.due_on,
            )
