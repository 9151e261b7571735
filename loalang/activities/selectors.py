"""Reads of the activity log: lists scoped to what a user may see, and the review queue.

Coverage, heatmap, targets and gaps live in `loalang.activities.coverage`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loalang.activities.models import Activity


def visible_q(scope: Any, user: Any) -> Q:
    """Activities a user may see: all of the commune, or only their village/team/unit's."""
    if scope.sees_whole_commune:
        return Q()
    q = Q(recorded_by=user) if getattr(user, "pk", None) else Q(pk__in=[])
    if scope.village_ids:
        q |= Q(villages__in=scope.village_ids)
    if scope.team_ids:
        q |= Q(team__in=scope.team_ids)
    if scope.org_unit_ids:
        q |= Q(org_unit__in=scope.org_unit_ids)
    return q


def activity_list(
    *,
    commune: Any,
    scope: Any,
    user: Any,
    status: str = "",
    kind: str = "",
    village_id: int | None = None,
    year: int | None = None,
    month: int | None = None,
    q: str = "",
) -> QuerySet[Activity]:
    """The commune's activities the user may see, newest first, ready for a list page."""
    qs = Activity.objects.filter(commune=commune)
    restrict = visible_q(scope, user)
    if restrict:
        qs = qs.filter(
            pk__in=Activity.objects.filter(commune=commune).filter(restrict).values("pk")
        )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if village_id:
        qs = qs.filter(villages=village_id)
    if year:
        qs = qs.filter(held_on__year=year)
    if month:
        qs = qs.filter(held_on__month=month)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return (
        qs.select_related("plan", "org_unit", "recorded_by", "team")
        .prefetch_related("villages", "themes")
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("-held_on", "-id")
    )


def activity_get(*, commune: Any, scope: Any, user: Any, pk: int) -> Activity:
    """One activity the user may see, or Http404."""
    from django.shortcuts import get_object_or_404

    qs = Activity.objects.filter(commune=commune)
    restrict = visible_q(scope, user)
    if restrict:
        qs = qs.filter(
            pk__in=Activity.objects.filter(commune=commune).filter(restrict).values("pk")
        )
    return get_object_or_404(
        qs.select_related(
            "plan", "org_unit", "recorded_by", "verified_by", "team", "funding_source", "commune"
        ).prefetch_related("villages", "themes", "evidence"),
        pk=pk,
    )


def can_edit(activity: Activity, scope: Any, user: Any) -> bool:
    """Who may change an activity: the verifier, or whoever recorded it. Activities another
    module recorded (an aired bulletin, a published article) change only at their source."""
    if activity.source_type:
        return False
    return scope.can("verify") or activity.recorded_by_id == getattr(user, "pk", None)


def review_queue_count(*, commune: Any) -> int:
    return Activity.objects.filter(commune=commune, status=Activity.Status.REPORTED).count()


def detail_facts(detail: Any) -> list[tuple[str, Any]]:
    """(label, value) pairs of a per-form detail row, for the detail page."""
    if detail is None:
        return []
    skip = {"activity", "created_at", "updated_at", "is_sample"}
    facts: list[tuple[str, Any]] = []
    for f in detail._meta.concrete_fields:
        if f.name in skip:
            continue
        value = getattr(detail, f.name)
        if value in (None, ""):
            continue
        if f.choices:
            value = getattr(detail, f"get_{f.name}_display")()
        facts.append((str(f.verbose_name).capitalize(), value))
    if hasattr(detail, "distributions"):
        for d in detail.distributions.select_related("village"):
            facts.append((_("Phát tại %(v)s") % {"v": d.village}, d.copies))
    if hasattr(detail, "counts"):
        for c in detail.counts.all():
            facts.append(
                (
                    c.get_platform_display(),
                    " · ".join(
                        [
                            ngettext("%(n)s hộ", "%(n)s hộ", c.households) % {"n": c.households},
                            ngettext("%(n)s người", "%(n)s người", c.people) % {"n": c.people},
                        ]
                    ),
                )
            )
    return facts
