from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.accounts.models import Membership
from loalang.accounts.services import grantable_roles, membership_deactivate, membership_grant
from loalang.accounts.staff_forms import GrantForm
from loalang.core.forms import apply_errors
from loalang.places.models import Commune


@require_GET
@commune_view(Cap.MANAGE_ORG)
def member_list(request: CommuneRequest, commune: Commune) -> HttpResponse:
    memberships = (
        Membership.objects.filter(commune=commune)
        .select_related("user", "village", "team", "org_unit")
        .order_by("-is_active", "role", "user__username")
    )
    return render(request, "accounts/member_list.html", {"memberships": memberships})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def member_grant(request: CommuneRequest, commune: Commune) -> HttpResponse:
    roles = grantable_roles(actor=request.user, commune=commune)
    form = GrantForm(request.POST or None, commune=commune, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            membership_grant(commune=commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Đã giao vai trò cho %(u)s.") % {"u": form.cleaned_data["username"]}
            )
            return redirect("accounts_staff:member_list", commune_slug=commune.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/member_grant.html", {"form": form}, status=status)


@require_POST
@commune_view(Cap.MANAGE_ORG)
def member_revoke(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, commune=commune)
    try:
        membership_deactivate(membership=membership, actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Bạn không được thu hồi vai trò này."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("accounts_staff:member_list", commune_slug=commune.slug)
