"""Who may do what, per commune. The one place access is decided.

A *capability* is what a view needs; each role grants a set of them. Views resolve the commune
from the URL with `commune_view(cap)` (or `get_commune_for_member`):
  - anonymous → login page;
  - not a member of that commune at all → 404 (outsiders never learn a record exists);
  - a member whose roles lack the capability → 403.
Record-level limits (a village head sees only their village) use `scope_for`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Concatenate, ParamSpec, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from loalang.accounts.models import PROVINCE_ROLES, Membership, Role, User
from loalang.core.text import vi_sort_key
from loalang.places.models import Commune, Province


class Cap(StrEnum):
    VIEW = "view"  # read the commune's staff pages
    EDIT_PLAN = "edit_plan"  # write plans, tasks; run the communication work
    APPROVE = "approve"  # approve and sign plans, reports, bulletins
    FINANCE = "finance"  # record funding and spending
    LOG_ACTIVITY = "log_activity"  # report an activity (quick entry)
    VERIFY = "verify"  # verify or return reported activities
    EDIT_PORTAL = "edit_portal"  # write and publish portal articles, answer feedback
    RADIO_EDIT = "radio_edit"  # write bulletins, manage clusters and schedules
    RADIO_OPERATE = "radio_operate"  # confirm broadcasts, put an emergency on air
    MANAGE_ORG = "manage_org"  # villages, units, people, teams
    AUDIT = "audit"  # read the audit log
    REPORT = "report"  # compose reports
    PRIVACY = "privacy"  # personal-data incidents and the impact-assessment dossier (ADR 0080)
    # Open files that may hold personal data (evidence photos and scans, sign-in sheets, task
    # files). Commune staff only: upward (province) users get aggregates, never these.
    PERSONAL_FILES = "personal_files"
    # Province pages (/quan-tri-tinh/<province>/): communes, users, imports, hosts, defaults.
    # Checked against province memberships by `get_province_for_admin`, not per commune.
    MANAGE_PROVINCE = "manage_province"


_COMMUNE_ROLES = {
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.CULTURE,
    Role.FINANCE,
    Role.ORG_REP,
    Role.VILLAGE_HEAD,
    Role.TEAM_MEMBER,
}

CAPS: dict[Cap, frozenset[str]] = {
    Cap.VIEW: frozenset(_COMMUNE_ROLES | PROVINCE_ROLES),
    Cap.EDIT_PLAN: frozenset({Role.CULTURE}),
    Cap.APPROVE: frozenset({Role.CHAIR, Role.VICE_CHAIR}),
    Cap.FINANCE: frozenset({Role.FINANCE}),
    Cap.LOG_ACTIVITY: frozenset(
        {Role.CULTURE, Role.ORG_REP, Role.VILLAGE_HEAD, Role.TEAM_MEMBER, Role.FINANCE}
    ),
    Cap.VERIFY: frozenset({Role.CULTURE}),
    Cap.EDIT_PORTAL: frozenset({Role.CULTURE}),
    Cap.RADIO_EDIT: frozenset({Role.CULTURE}),
    Cap.RADIO_OPERATE: frozenset({Role.CULTURE, Role.CHAIR, Role.VICE_CHAIR}),
    Cap.MANAGE_ORG: frozenset({Role.CULTURE, Role.CHAIR}),
    Cap.AUDIT: frozenset({Role.CULTURE, Role.CHAIR}),
    Cap.REPORT: frozenset({Role.CULTURE, Role.CHAIR, Role.VICE_CHAIR}),
    Cap.PRIVACY: frozenset({Role.CULTURE, Role.CHAIR}),
    Cap.PERSONAL_FILES: frozenset(_COMMUNE_ROLES),
    Cap.MANAGE_PROVINCE: frozenset({Role.PROVINCE_ADMIN}),
}


@dataclass(frozen=True)
class Scope:
    """What a user may touch inside one commune."""

    roles: frozenset[str]
    village_ids: frozenset[int] = field(default_factory=frozenset)
    team_ids: frozenset[int] = field(default_factory=frozenset)
    org_unit_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False
    # Whose scope this is: attention items addressed to one person ("your bulletin was
    # returned") compare it with the record's author.
    user_id: int | None = None

    def can(self, cap: Cap | str) -> bool:
        return self.is_superuser or bool(self.roles & CAPS[Cap(cap)])

    @property
    def is_member(self) -> bool:
        return self.is_superuser or bool(self.roles)

    @property
    def works_in_the_field(self) -> bool:
        """Village heads and team members (and no commune-wide role): they report from a
        phone, so the pages give them a bottom bar with quick entry."""
        return (
            bool(self.roles & {Role.VILLAGE_HEAD, Role.TEAM_MEMBER})
            and not self.sees_whole_commune
            and self.can(Cap.LOG_ACTIVITY)
        )

    @property
    def sees_whole_commune(self) -> bool:
        """False for users whose every role is tied to a village, team or unit."""
        if self.is_superuser:
            return True
        limited = {Role.VILLAGE_HEAD, Role.TEAM_MEMBER, Role.ORG_REP}
        return bool(self.roles - limited)


def scope_for(user: Any, commune: Commune) -> Scope:
    """The user's scope in `commune`, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope(roles=frozenset())
    cache: dict[int, Scope] = user.__dict__.setdefault("_loalang_scopes", {})
    if commune.pk in cache:
        return cache[commune.pk]
    roles: set[str] = set()
    villages: set[int] = set()
    teams: set[int] = set()
    units: set[int] = set()
    memberships = Membership.objects.filter(user=user, is_active=True).filter(
        commune=commune
    ) | Membership.objects.filter(
        user=user, is_active=True, role__in=PROVINCE_ROLES, province_id=commune.province_id
    )
    for m in memberships.select_related("team"):
        roles.add(m.role)
        if m.village_id:
            villages.add(m.village_id)
        if m.team_id:
            teams.add(m.team_id)
            if m.team and m.team.village_id:
                villages.add(m.team.village_id)
        if m.org_unit_id:
            units.add(m.org_unit_id)
    scope = Scope(
        roles=frozenset(roles),
        village_ids=frozenset(villages),
        team_ids=frozenset(teams),
        org_unit_ids=frozenset(units),
        is_superuser=user.is_superuser,
        user_id=user.pk,
    )
    cache[commune.pk] = scope
    return scope


def user_can(user: Any, commune: Commune, cap: Cap | str) -> bool:
    return scope_for(user, commune).can(cap)


def members_with(commune: Commune, cap: Cap | str) -> list[Any]:
    """The active users of `commune` whose roles grant `cap` (commune roles only: a province
    viewer or a superuser is never "the next person" of a commune's workflow)."""
    from loalang.accounts.models import User

    roles = CAPS[Cap(cap)] - {Role.PROVINCE_VIEWER}
    return list(
        User.objects.filter(
            is_active=True,
            memberships__commune=commune,
            memberships__is_active=True,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("pk")
    )


def get_commune_for_member(user: Any, slug: str, cap: Cap | str = Cap.VIEW) -> Commune:
    """The commune, or 404 for outsiders, or 403 for members without the capability."""
    commune = get_object_or_404(Commune.objects.select_related("province", "district"), slug=slug)
    scope = scope_for(user, commune)
    if not scope.is_member:
        raise Http404
    if not scope.can(cap):
        raise PermissionDenied
    return commune


def communes_for_user(user: Any) -> list[Commune]:
    """Every commune the user may open, for the commune switcher and the /app/ redirect."""
    if user.is_superuser:
        everyone = Commune.objects.select_related("province")
        return sorted(everyone, key=lambda c: vi_sort_key(c.name))
    ms = list(Membership.objects.filter(user=user, is_active=True).values("commune", "province"))
    commune_ids = {m["commune"] for m in ms if m["commune"]}
    province_ids = {m["province"] for m in ms if m["province"]}
    return sorted(
        Commune.objects.filter(
            Q(pk__in=commune_ids) | Q(province_id__in=province_ids)
        ).select_related("province"),
        key=lambda c: vi_sort_key(c.name),
    )


class AuthenticatedRequest(HttpRequest):
    """The request a `@login_required` view receives: its user is a signed-in `User`.

    Only an annotation: Django builds the request; the decorator guarantees what it says.
    """

    user: User


class CommuneRequest(AuthenticatedRequest):
    """The request a `@commune_view` receives: a member's (or superuser's), in one commune.

    `commune` is the URL's commune; `scope` what the user may touch there (roles, villages,
    teams, org units). Set by `commune_view` before the view runs; read by views, forms' callers
    and templates (`request.commune.slug`, `request|can:"…"`).
    """

    commune: Commune
    scope: Scope


P = ParamSpec("P")
CommuneViewFunc = Callable[Concatenate[CommuneRequest, Commune, P], HttpResponseBase]
UrlViewFunc = Callable[Concatenate[HttpRequest, str, P], HttpResponseBase]


def commune_view(cap: Cap | str = Cap.VIEW) -> Callable[[CommuneViewFunc[P]], UrlViewFunc[P]]:
    """Decorator for staff views under /app/<commune_slug>/.

    Sets request.commune and request.scope (see `CommuneRequest`), and passes `commune` to the
    view instead of the slug.
    """
    required = Cap(cap)

    def decorator(view: CommuneViewFunc[P]) -> UrlViewFunc[P]:
        @functools.wraps(view)
        def wrapper(
            request: HttpRequest, commune_slug: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            commune = get_commune_for_member(request.user, commune_slug, required)
            # The same object, now carrying the attributes CommuneRequest declares.
            scoped = cast(CommuneRequest, request)
            scoped.commune = commune
            scoped.scope = scope_for(request.user, commune)
            return view(scoped, commune, *args, **kwargs)

        return wrapper

    return decorator


def get_province_for_admin(user: Any, slug: str) -> Province:
    """The province, or 404 unless the user administers it (or is a system administrator).

    Province viewers get 404 too: they read roll-ups at /tinh/, they do not manage.
    """
    province = get_object_or_404(Province, slug=slug)
    if user.is_superuser:
        return province
    if not Membership.objects.filter(
        user=user, is_active=True, role=Role.PROVINCE_ADMIN, province=province
    ).exists():
        raise Http404
    return province


class ProvinceRequest(AuthenticatedRequest):
    """The request a `@province_admin_view` receives: `province` is the one it administers."""

    province: Province


ProvinceViewFunc = Callable[Concatenate[ProvinceRequest, Province, P], HttpResponseBase]


def province_admin_view(view: ProvinceViewFunc[P]) -> UrlViewFunc[P]:
    """Decorator for views under /quan-tri-tinh/<province_slug>/: passes `province`."""

    @functools.wraps(view)
    def wrapper(
        request: HttpRequest, province_slug: str, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        province = get_province_for_admin(request.user, province_slug)
        # The same object, now carrying the attribute ProvinceRequest declares.
        scoped = cast(ProvinceRequest, request)
        scoped.province = province
        return view(scoped, province, *args, **kwargs)

    return wrapper
