"""The landing page, the commune chooser, the staff home and the audit log page."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from loalang.accounts.access import (
    Cap,
    CommuneRequest,
    commune_view,
    communes_for_user,
    scope_for,
)
from loalang.accounts.models import Membership, Role
from loalang.accounts.selectors import managers_of
from loalang.core.nav import attention_items
from loalang.home.selectors import audit_entry_list, commune_overview
from loalang.places.models import Commune


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """The root page: the communes that run Loa Làng, each linking to its public section."""
    communes = (
        Commune.objects.filter(is_active=True)
        .select_related("province")
        .order_by("province__name", "name")
    )
    return render(request, "home/landing.html", {"communes": communes})


@login_required
@require_GET
def app_redirect(request: HttpRequest) -> HttpResponse:
    """Where a user lands after logging in: their commune's home page; a province viewer
    (without a commune role) lands on the province roll-up."""
    roles = Membership.objects.filter(user_id=int(request.user.pk or 0), is_active=True)
    if not request.user.is_superuser and not roles.exclude(role=Role.PROVINCE_VIEWER).exists():
        provinces = list(
            roles.filter(role=Role.PROVINCE_VIEWER)
            .values_list("province__slug", flat=True)
            .distinct()
        )
        if len(provinces) == 1:
            return redirect("province:rollup", province_slug=provinces[0])
        if provinces:
            return redirect("province:index")
    communes = communes_for_user(request.user)
    # A province administrator lands on the chooser, which links their province pages.
    manages = Membership.objects.filter(
        user_id=request.user.pk or 0, is_active=True, role=Role.PROVINCE_ADMIN
    ).exists()
    if len(communes) == 1 and not manages:
        return redirect("home:commune_home", commune_slug=communes[0].slug)
    return render(request, "home/choose_commune.html", {"communes": communes})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page: a way back, and whom to ask for the missing right (the commune's people
    who manage users: Chair, Culture-Social), named for members of that commune only."""
    commune = getattr(request, "commune", None)
    match = request.resolver_match
    slug = match.kwargs.get("commune_slug") if match else None
    if commune is None and slug and request.user.is_authenticated:
        commune = Commune.objects.select_related("province").filter(slug=slug).first()
        if commune is not None:
            scope = scope_for(request.user, commune)
            if scope.is_member:
                # The menu shows on this page too: every way onward stays open.
                scoped = cast(CommuneRequest, request)  # what commune_view makes of it
                scoped.commune, scoped.scope = commune, scope
            else:
                commune = None
    back = ""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = referer if urlsplit(referer).path != request.path else ""
    if commune is not None:
        home = reverse("home:commune_home", kwargs={"commune_slug": commune.slug})
    else:
        home = reverse("app") if request.user.is_authenticated else reverse("landing")
    managers = managers_of(commune) if commune is not None else []
    return render(
        request,
        "403.html",
        {"back_url": back, "home_url": home, "managers": managers},
        status=403,
    )


@require_GET
@commune_view(Cap.VIEW)
def commune_home(request: CommuneRequest, commune: Commune) -> HttpResponse:
    overview = commune_overview(commune=commune)
    attention = attention_items(commune, request.scope)
    return render(request, "home/commune_home.html", {"overview": overview, "attention": attention})


@require_GET
@commune_view(Cap.AUDIT)
def audit_list(request: CommuneRequest, commune: Commune) -> HttpResponse:
    entries = audit_entry_list(commune=commune, verb_prefix=request.GET.get("verb", "")[:80])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "home/audit_list.html", {"page": page})
