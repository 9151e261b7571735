"""Staff pages for Loa Làng Player devices: issue a token (shown once) and revoke it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import flash_errors
from loalang.places.models import Commune
from loalang.radio.models import Cluster, PlayerDevice
from loalang.radio.services.players import player_token_issue, player_token_revoke


@require_POST
@commune_view(Cap.RADIO_EDIT)
def player_issue(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    cluster = get_object_or_404(Cluster, pk=pk, commune=commune)
    try:
        device, raw = player_token_issue(
            cluster=cluster, name=request.POST.get("name", "")[:80], actor=request.user
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("radio:cluster_edit", commune_slug=commune.slug, pk=cluster.pk)
    response = render(
        request,
        "radio/player_token.html",
        {
            "cluster": cluster,
            "device": device,
            "token": raw,
            "server": request.build_absolute_uri("/"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@commune_view(Cap.RADIO_EDIT)
def player_revoke(
    request: CommuneRequest, commune: Commune, pk: int, device_pk: int
) -> HttpResponse:
    cluster = get_object_or_404(Cluster, pk=pk, commune=commune)
    device = get_object_or_404(PlayerDevice, pk=device_pk, cluster=cluster)
    player_token_revoke(device=device, actor=request.user)
    messages.success(request, _("Đã thu hồi mã của máy phát “%(d)s”.") % {"d": device.name})
    return redirect("radio:cluster_edit", commune_slug=commune.slug, pk=cluster.pk)
