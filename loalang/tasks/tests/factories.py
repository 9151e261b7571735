"""Factories for tasks, budget and commendation tests (plans/activities rows made minimal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from loalang.activities.models import Activity
from loalang.budget.models import EstimateLine, FundingSource
from loalang.plans.models import Plan, PlanAssignment, PlanDuty
from loalang.tasks.models import Task


def make_plan(commune: Any, year: int = 2023) -> Plan:
    return Plan.objects.create(commune=commune, title=f"Kế hoạch truyền thông {year}", year=year)


def make_duty(
    plan: Plan, text: str = "Tổ chức hội nghị tập huấn chuyển đổi số", org_unit: Any = None
) -> PlanDuty:
    assignment = PlanAssignment.objects.create(
        plan=plan, org_unit=org_unit, unit_label=str(org_unit or "Công chức Văn hóa - Xã hội")
    )
    return PlanDuty.objects.create(assignment=assignment, text=text)


def make_task(commune: Any, **fields: Any) -> Task:
    fields.setdefault("title", "Đăng tin chuyển đổi số")
    fields.setdefault("due_on", dt.date(2023, 6, 30))
    return Task.objects.create(commune=commune, **fields)


def make_activity(
    commune: Any,
    *,
    plan: Any = None,
    cost_vnd: int = 0,
    source: Any = None,
    status: str = Activity.Status.VERIFIED,
    **fields: Any,
) -> Activity:
    fields.setdefault("title", "Treo băng rôn")
    fields.setdefault("held_on", dt.date(2023, 5, 10))
    return Activity.objects.create(
        commune=commune,
        plan=plan,
        kind=Activity.Kind.VISUAL,
        channel="visual",
        cost_vnd=cost_vnd,
        funding_source=source,
        status=status,
        **fields,
    )


def make_source(plan: Plan, planned_vnd: int = 10_000_000) -> FundingSource:
    return FundingSource.objects.create(
        plan=plan,
        kind=FundingSource.Kind.STATE_BUDGET,
        name="Ngân sách xã",
        planned_vnd=planned_vnd,
    )


def make_line(
    source: FundingSource, amount_vnd: int = 5_000_000, status: str = EstimateLine.Status.RECORDED
) -> EstimateLine:
    return EstimateLine.objects.create(
        funding_source=source, title="In băng rôn", amount_vnd=amount_vnd, status=status
    )
