"""Reads for the province pages: the dashboard of communes needing attention, users' logins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from loalang.accounts.models import User
from loalang.core.text import vi_sort_key
from loalang.places.models import Commune, Province

QUIET_DAYS = 30  # no verified activity for this long → the commune needs a call
REPORT_GRACE_DAYS = 15  # a report period that ended this long ago should be issued by now
NOT_LOGGED_IN_DAYS = 30


@dataclass(frozen=True)
class DashboardRow:
    commune: Commune
    has_issued_plan: bool
    last_verified_on: dt.date | None
    verified_recent: int
    reports_late: int
    reports_pending: int  # drafted or submitted, not yet approved
    clusters_total: int
    clusters_off_air: int

    @property
    def is_quiet(self) -> bool:
        return self.verified_recent == 0

    @property
    def needs_attention(self) -> bool:
        return (
            not self.has_issued_plan
            or self.is_quiet
            or self.reports_late > 0
            or self.clusters_off_air > 0
        )


SORTS = {
    "ten": lambda r: vi_sort_key(r.commune.name),
    "ke-hoach": lambda r: (r.has_issued_plan, vi_sort_key(r.commune.name)),
    "hoat-dong": lambda r: (r.last_verified_on or dt.date.min, vi_sort_key(r.commune.name)),
    "bao-cao": lambda r: (-r.reports_late, -r.reports_pending, vi_sort_key(r.commune.name)),
    "cum-loa": lambda r: (-r.clusters_off_air, vi_sort_key(r.commune.name)),
}


def province_dashboard(
    *, province: Province, today: dt.date, sort: str = "ten", only_attention: bool = False
) -> list[DashboardRow]:
    """One row per active commune; a fixed number of queries whatever the province's size."""
    from loalang.activities.models import Activity
    from loalang.plans.models import ISSUED_STATES

    since = today - dt.timedelta(days=QUIET_DAYS)
    report_due = today - dt.timedelta(days=REPORT_GRACE_DAYS)
    base = Commune.objects.filter(province=province, is_active=True)
    plans = dict(
        base.annotate(
            n=Count(
                "plans",
                filter=Q(plans__year=today.year, plans__status__in=ISSUED_STATES),
                distinct=True,
            )
        ).values_list("pk", "n")
    )
    # Per commune, two index probes on activities (commune, status, held_on): the newest
    # verified day, and how many verified since `since`. A join with MAX/COUNT over every
    # activity of the province read a year of ~200,000 rows to answer (ADR 0135's data set).
    verified = Activity.objects.filter(commune=OuterRef("pk"), status=Activity.Status.VERIFIED)
    activity = {
        pk: (last, n)
        for pk, last, n in base.annotate(
            last=Subquery(verified.order_by("-held_on").values("held_on")[:1]),
            n=Coalesce(
                Subquery(
                    verified.filter(held_on__gte=since)
                    .order_by()
                    .values("commune")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        ).values_list("pk", "last", "n")
    }
    reports = {
        pk: (late, pending)
        for pk, late, pending in base.annotate(
            late=Count(
                "reports",
                filter=Q(reports__date_to__lt=report_due) & ~Q(reports__status="issued"),
                distinct=True,
            ),
            pending=Count("reports", filter=~Q(reports__status="issued"), distinct=True),
        ).values_list("pk", "late", "pending")
    }
    clusters = {
        pk: (total, off)
        for pk, total, off in base.annotate(
            total=Count("radio_clusters", distinct=True),
            off=Count(
                "radio_clusters",
                filter=~Q(radio_clusters__status="working"),
                distinct=True,
            ),
        ).values_list("pk", "total", "off")
    }
    rows = [
        DashboardRow(
            commune=c,
            has_issued_plan=plans.get(c.pk, 0) > 0,
            last_verified_on=activity.get(c.pk, (None, 0))[0],
            verified_recent=activity.get(c.pk, (None, 0))[1],
            reports_late=reports.get(c.pk, (0, 0))[0],
            reports_pending=reports.get(c.pk, (0, 0))[1],
            clusters_total=clusters.get(c.pk, (0, 0))[0],
            clusters_off_air=clusters.get(c.pk, (0, 0))[1],
        )
        for c in base.order_by("name")
    ]
    if only_attention:
        rows = [r for r in rows if r.needs_attention]
    return sorted(rows, key=SORTS.get(sort, SORTS["ten"]))


def province_user_logins(
    *, province: Province, only_absent: bool = False, now: dt.datetime | None = None
) -> QuerySet[User]:
    """Users holding a role in the province's communes, who logged in least recently first."""
    now = now or timezone.now()
    qs = (
        User.objects.filter(memberships__is_active=True, memberships__commune__province=province)
        .distinct()
        .order_by("last_login", "username")
    )
    if only_absent:
        qs = qs.filter(
            Q(last_login__isnull=True)
            | Q(last_login__lt=now - dt.timedelta(days=NOT_LOGGED_IN_DAYS))
        )
    return qs


def user_communes(users: list[User], province: Province) -> dict[int, list[str]]:
    from loalang.accounts.models import Membership

    out: dict[int, list[str]] = {}
    for m in Membership.objects.filter(
        user__in=users, is_active=True, commune__province=province
    ).select_related("commune"):
        assert m.commune is not None
        out.setdefault(m.user_id, []).append(f"{m.commune.full_name} — {m.get_role_display()}")
    return out


def host_map(province: Province) -> QuerySet[Any]:
    from loalang.provinces.models import CommuneHost

    return CommuneHost.objects.filter(commune__province=province).select_related("commune")
