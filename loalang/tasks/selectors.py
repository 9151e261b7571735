"""Reads of tasks, always within one commune. "Overdue" is computed here from the due date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loalang.core.nav import Attention
from loalang.tasks.models import Task

OVERDUE = "overdue"  # the derived status, next to Task.Status values in filters


OPEN_STATUSES = [Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS, Task.Status.BLOCKED]


def _open_overdue_q(today: dt.date) -> Q:
    # status IN (open ones) rather than != done: lets the (commune, status, due_on) index
    # answer with three range scans (bench/bench_followup.py).
    return Q(status__in=OPEN_STATUSES, due_on__lt=today, recurrence="")


def task_list(
    *,
    commune: Any,
    today: dt.date | None = None,
    status: str = "",
    org_unit_id: int | None = None,
    plan_id: int | None = None,
    assignee_user_id: int | None = None,
) -> QuerySet[Task]:
    """Actionable tasks (one-off tasks and occurrences; series rules are listed separately),
    each annotated with `is_overdue`. `status` may be a Task.Status value or "overdue"."""
    today = today or timezone.localdate()
    qs = (
        Task.objects.filter(commune=commune, recurrence="")
        .select_related("org_unit", "assignee_user", "assignee_person", "plan")
        .annotate(
            is_overdue=Case(
                When(_open_overdue_q(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
    if status == OVERDUE:
        qs = qs.filter(_open_overdue_q(today))
    elif status == "open":
        qs = qs.exclude(status=Task.Status.DONE)
    elif status in Task.Status.values:
        qs = qs.filter(status=status)
    if org_unit_id:
        qs = qs.filter(org_unit_id=org_unit_id)
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    if assignee_user_id:
        qs = qs.filter(assignee_user_id=assignee_user_id)
    return qs.order_by("due_on", "id")


def task_list_overdue(*, commune: Any, today: dt.date | None = None) -> QuerySet[Task]:
    return task_list(commune=commune, today=today, status=OVERDUE)


def task_series_list(*, commune: Any) -> QuerySet[Task]:
    """Recurring tasks with how many of their occurrences are done."""
    return (
        Task.objects.filter(commune=commune)
        .exclude(recurrence="")
        .select_related("org_unit", "assignee_user", "assignee_person")
        .annotate(
            occurrence_count=Count("occurrences"),
            done_count=Count("occurrences", filter=Q(occurrences__status=Task.Status.DONE)),
        )
        .order_by("title", "id")
    )


def task_get(*, commune: Any, pk: int) -> Task:
    """The task with what its page shows; raises Task.DoesNotExist outside `commune`."""
    return (
        Task.objects.select_related(
            "org_unit", "assignee_user", "assignee_person", "plan", "duty", "series"
        )
        .prefetch_related("updates__evidence", "updates__author", "reminders__sent_by")
        .get(commune=commune, pk=pk)
    )


def task_counts(*, commune: Any, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return Task.objects.filter(commune=commune, recurrence="").aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=Task.Status.DONE)),
        overdue=Count("id", filter=_open_overdue_q(today)),
        blocked=Count("id", filter=Q(status=Task.Status.BLOCKED)),
    )


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    """Home page: overdue and blocked tasks (for those who follow tasks up), and budget
    lines spent past their estimate (for those who hold the purse or approve)."""
    from loalang.accounts.access import Cap

    items: list[Attention] = []
    if scope.can(Cap.VIEW):
        today = timezone.localdate()
        counts = Task.objects.filter(commune=commune, recurrence="").aggregate(
            overdue=Count("id", filter=_open_overdue_q(today)),
            blocked=Count("id", filter=Q(status=Task.Status.BLOCKED)),
        )
        base = reverse("tasks:list", kwargs={"commune_slug": commune.slug})
        if counts["overdue"]:
            items.append(
                Attention(
                    text=ngettext(
                        "%(n)d nhiệm vụ quá hạn",
                        "%(n)d nhiệm vụ quá hạn",
                        counts["overdue"],
                    )
                    % {"n": counts["overdue"]},
                    url=reverse("tasks:overdue", kwargs={"commune_slug": commune.slug}),
                    level="danger",
                )
            )
        if counts["blocked"]:
            items.append(
                Attention(
                    text=ngettext(
                        "%(n)d nhiệm vụ đang vướng mắc",
                        "%(n)d nhiệm vụ đang vướng mắc",
                        counts["blocked"],
                    )
                    % {"n": counts["blocked"]},
                    url=f"{base}?status={Task.Status.BLOCKED}",
                    level="warning",
                )
            )
    if scope.can(Cap.FINANCE) or scope.can(Cap.APPROVE) or scope.can(Cap.EDIT_PLAN):
        from loalang.budget.selectors import budget_overruns

        for line in budget_overruns(commune=commune):
            items.append(
                Attention(
                    text=_("Chi vượt dự toán: %(line)s") % {"line": line.title},
                    url=reverse(
                        "budget:plan",
                        kwargs={
                            "commune_slug": commune.slug,
                            "plan_pk": line.funding_source.plan_id,
                        },
                    ),
                    level="danger",
                )
            )
    return items
