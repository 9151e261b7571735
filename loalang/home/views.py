"""The landing page, the commune chooser, the staff home and the audit log page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from loalang.accounts.access import Cap, CommuneRequest, commune_view, communes_for_user
from loalang.accounts.models import Membership, Role
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
    communes = communes_for_user(request.user)
    # A province administrator lands on the chooser, which links their province pages.
    manages = Membership.objects.filter(
        user_id=request.user.pk or 0, is_active=True, role=Role.PROVINCE_ADMIN
    ).exists()
    if len(communes) == 1 and not manages:
        return redirect("home:commune_home", commune_slug=communes[0].slug)
    return render(request, "home/choose_commune.html", {"communes": communes})


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
