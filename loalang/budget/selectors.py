"""Reads of the budget: planned vs actual per funding source and per estimate line.

"Actual" means verified activities only: per source, the cost of verified activities that name
the source; per line, the spending Finance booked on it for activities still verified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from loalang.activities.models import Activity
from loalang.budget.models import EstimateLine, FundingSource, Spending

_VERIFIED = Activity.Status.VERIFIED


@dataclass
class LineRow:
    line: EstimateLine
    spent_vnd: int

    @property
    def remaining_vnd(self) -> int:
        return self.line.amount_vnd - self.spent_vnd

    @property
    def is_over(self) -> bool:
        return self.line.counts_as_estimate and self.spent_vnd > self.line.amount_vnd

    @property
    def pct(self) -> int:
        return round(100 * self.spent_vnd / self.line.amount_vnd) if self.line.amount_vnd else 0


@dataclass
class SourceRow:
    source: FundingSource
    actual_vnd: int  # verified activities naming this source
    lines: list[LineRow] = field(default_factory=list)

    @property
    def estimate_vnd(self) -> int:
        return sum(r.line.amount_vnd for r in self.lines if r.line.counts_as_estimate)

    @property
    def proposed_vnd(self) -> int:
        return sum(
            r.line.amount_vnd for r in self.lines if r.line.status == EstimateLine.Status.PROPOSED
        )

    @property
    def booked_vnd(self) -> int:
        return sum(r.spent_vnd for r in self.lines)

    @property
    def unbooked_vnd(self) -> int:
        return max(self.actual_vnd - self.booked_vnd, 0)

    @property
    def is_over(self) -> bool:
        return bool(self.source.planned_vnd) and self.actual_vnd > self.source.planned_vnd


@dataclass
class BudgetSummary:
    plan: Any
    sources: list[SourceRow]
    unfunded_actual_vnd: int  # verified activities of the plan with a cost but no source

    @property
    def planned_vnd(self) -> int:
        return sum(s.source.planned_vnd for s in self.sources)

    @property
    def estimate_vnd(self) -> int:
        return sum(s.estimate_vnd for s in self.sources)

    @property
    def actual_vnd(self) -> int:
        return sum(s.actual_vnd for s in self.sources) + self.unfunded_actual_vnd


def budget_plan_summary(*, plan: Any) -> BudgetSummary:
    """Planned, estimated and actual money of one plan (4 queries whatever its size)."""
    sources = list(
        FundingSource.objects.filter(plan=plan).annotate(
            actual=Coalesce(
                Sum("activities__cost_vnd", filter=Q(activities__status=_VERIFIED)),
                Value(0),
                output_field=IntegerField(),
            )
        )
    )
    lines = (
        EstimateLine.objects.filter(funding_source__plan=plan)
        .select_related("proposed_by", "decided_by", "recorded_by")
        .annotate(
            spent=Coalesce(
                Sum("spendings__amount_vnd", filter=Q(spendings__activity__status=_VERIFIED)),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("sort_order", "id")
    )
    rows = {s.pk: SourceRow(source=s, actual_vnd=int(s.actual)) for s in sources}
    for line in lines:
        rows[line.funding_source_id].lines.append(LineRow(line=line, spent_vnd=int(line.spent)))
    unfunded = Activity.objects.filter(
        plan=plan, status=_VERIFIED, funding_source__isnull=True, cost_vnd__gt=0
    ).aggregate(s=Sum("cost_vnd"))["s"]
    return BudgetSummary(
        plan=plan, sources=list(rows.values()), unfunded_actual_vnd=int(unfunded or 0)
    )


def budget_overruns(*, commune: Any) -> QuerySet[EstimateLine]:
    """Approved or recorded lines whose booked (verified) spending exceeds the estimate."""
    return (
        EstimateLine.objects.filter(
            funding_source__plan__commune=commune,
            status__in=[EstimateLine.Status.APPROVED, EstimateLine.Status.RECORDED],
        )
        .select_related("funding_source")
        .annotate(
            spent=Coalesce(
                Sum("spendings__amount_vnd", filter=Q(spendings__activity__status=_VERIFIED)),
                Value(0),
                output_field=IntegerField(),
            )
        )
        .filter(spent__gt=F("amount_vnd"))
        .order_by("funding_source__plan_id", "id")
    )


def spendable_activities(*, line: EstimateLine) -> QuerySet[Activity]:
    """Verified activities with a cost that could be booked on `line`."""
    plan = line.funding_source.plan
    return (
        Activity.objects.filter(commune_id=plan.commune_id, status=_VERIFIED, cost_vnd__gt=0)
        .filter(Q(plan=plan) | Q(plan__isnull=True))
        .filter(Q(funding_source=line.funding_source) | Q(funding_source__isnull=True))
        .order_by("-held_on", "-id")
    )


def spending_list(*, line: EstimateLine) -> QuerySet[Spending]:
    return line.spendings.select_related("activity", "recorded_by").order_by("-spent_on", "-id")
