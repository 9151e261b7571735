"""Reads for the staff home and the audit log page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from loalang.core.models import AuditEntry
from loalang.people.models import DigitalTeam, OrgUnit
from loalang.places.models import Commune, Village


@dataclass
class CommuneOverview:
    commune: Commune
    villages: Sequence[Village]
    org_units: Sequence[OrgUnit]
    teams: Sequence[DigitalTeam]


def commune_overview(*, commune: Commune) -> CommuneOverview:
    villages = list(
        Village.objects.filter(commune=commune).annotate(team_count=Count("teams", distinct=True))
    )
    units = list(OrgUnit.objects.filter(commune=commune).select_related("parent"))
    teams = list(
        DigitalTeam.objects.filter(commune=commune)
        .select_related("village")
        .annotate(member_count=Count("members", distinct=True))
    )
    return CommuneOverview(commune=commune, villages=villages, org_units=units, teams=teams)


def audit_entry_list(
    *, commune: Commune, verb_prefix: str = "", actor_id: Any = None
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.filter(commune=commune).select_related("actor")
    if verb_prefix:
        qs = qs.filter(verb__startswith=verb_prefix)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    return qs.order_by("-at", "-id")
