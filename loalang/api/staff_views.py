"""Staff pages for a commune's API tokens: list, create (the key is shown once), revoke.

The raw key exists only in the response to the create POST: it is never put in a URL, a
message, the session, a log line or the audit log, and that response is `no-store`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.api.models import ApiToken, Scope
from loalang.api.staff_forms import TokenCreateForm
from loalang.api.tokens import api_token_create, api_token_revoke
from loalang.core.forms import apply_errors
from loalang.places.models import Commune

# System-level scopes: only a superuser (the site's operator) may hand them out.
OPERATOR_SCOPES = frozenset({Scope.OPS})


def _grantable_scopes(request: HttpRequest) -> list[Scope]:
    if request.user.is_superuser:
        return list(Scope)
    return [s for s in Scope if s not in OPERATOR_SCOPES]


def _scope_labels(token: ApiToken) -> list[str]:
    labels = dict(Scope.choices)
    return [str(labels.get(s, s)) for s in token.scopes or []]


@require_GET
@commune_view(Cap.MANAGE_ORG)
def token_list(request: CommuneRequest, commune: Commune) -> HttpResponse:
    tokens = list(ApiToken.objects.filter(commune=commune).select_related("created_by"))
    rows = [{"token": t, "scopes": _scope_labels(t)} for t in tokens]
    return render(request, "api/token_list.html", {"rows": rows})


@never_cache
@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def token_create(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = TokenCreateForm(request.POST or None, scopes=_grantable_scopes(request))
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(
                commune=commune,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # Rendered, not redirected: the key must not travel in a URL or a message.
            response = render(
                request,
                "api/token_created.html",
                {"token": token, "raw_key": raw, "scopes": _scope_labels(token)},
            )
            response["Cache-Control"] = "no-store"
            return response
    status = 400 if request.method == "POST" else 200
    return render(request, "api/token_create.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def token_revoke(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, commune=commune)
    if request.method == "POST":
        if token.revoked_at is not None:
            messages.info(request, _("Khóa %(p)s đã được thu hồi từ trước.") % {"p": token.prefix})
        else:
            api_token_revoke(token=token, actor=request.user)
            messages.success(
                request,
                _("Đã thu hồi khóa %(p)s (%(n)s); chương trình dùng khóa này không gọi được nữa.")
                % {"p": token.prefix, "n": token.name},
            )
        return redirect("api_staff:token_list", commune_slug=commune.slug)
    return render(
        request, "api/token_revoke.html", {"token": token, "scopes": _scope_labels(token)}
    )
