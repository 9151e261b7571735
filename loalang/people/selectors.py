from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember
from loalang.places.models import Commune


def org_unit_list(*, commune: Commune) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.filter(commune=commune)
        .select_related("parent")
        .annotate(people_count=Count("people", distinct=True))
    )


def person_list(*, commune: Commune, q: str = "") -> QuerySet[Person]:
    qs = Person.objects.filter(commune=commune).select_related("org_unit", "village")
    if q:
        qs = qs.filter(full_name__icontains=q)
    return qs.order_by("-is_active", "full_name")


def team_list(*, commune: Commune) -> QuerySet[DigitalTeam]:
    members = TeamMember.objects.select_related("person").order_by("role", "person__full_name")
    return (
        DigitalTeam.objects.filter(commune=commune)
        .select_related("village")
        .prefetch_related(Prefetch("members", queryset=members))
    )
