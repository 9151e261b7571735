"""The JSON API of Loa Làng Player, at /api/player/v1/ (ADR 0055).

Every request carries `Authorization: Bearer <device token>`; a device sees only its own
cluster's programme and its commune's audio. No session, no CSRF (no cookies are used).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.core.files import private_file_response
from loalang.radio.models import Bulletin, BulletinVersion, PlayerDevice
from loalang.radio.player_feed import emergencies_for, programme_for_player, rev_for
from loalang.radio.services.players import player_asrun, player_for_token, player_heartbeat

MAX_BODY = 512 * 1024
MAX_REPORTS = 200


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def device_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        header = request.headers.get("Authorization", "")
        raw = header[7:].strip() if header.startswith("Bearer ") else ""
        device = player_for_token(raw) if raw else None
        if device is None:
            refused = _error("Mã thiết bị không hợp lệ hoặc đã bị thu hồi.", 401)
            refused["WWW-Authenticate"] = "Bearer"
            return refused
        response = view(request, device, *args, **kwargs)
        response.setdefault("Cache-Control", "no-store")
        return response

    return wrapper


def _json_body(request: HttpRequest) -> Any:
    if len(request.body) > MAX_BODY:
        raise ValueError("Nội dung gửi lên quá lớn.")
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        # RecursionError: "[[[[…]]]]" nested past Python's limit is not JSON we can read
        raise ValueError("Nội dung gửi lên không phải JSON hợp lệ.") from exc


@require_GET
@device_view
def programme(request: HttpRequest, device: PlayerDevice) -> HttpResponse:
    try:
        days = int(request.GET.get("days", "2"))
    except ValueError:
        days = 2
    return JsonResponse(programme_for_player(device=device, days=days))


@require_GET
@device_view
def poll(request: HttpRequest, device: PlayerDevice) -> HttpResponse:
    """Cheap enough for every few seconds: unchanged → cache reads only, no database."""
    commune_id = device._commune_id
    rev = rev_for(commune_id)
    data: dict[str, Any] = {"rev": rev, "server_time": timezone.now().isoformat()}
    if request.GET.get("rev") == rev:
        data["changed"] = False
        return JsonResponse(data)
    from loalang.radio.models import Cluster

    data["changed"] = True
    data["emergencies"] = emergencies_for(
        cluster=Cluster(pk=device.cluster_id, commune_id=commune_id)
    )
    return JsonResponse(data)


@require_http_methods(["GET", "HEAD"])
@device_view
def audio(request: HttpRequest, device: PlayerDevice, pk: int) -> HttpResponseBase:
    version = get_object_or_404(
        BulletinVersion.objects.select_related("bulletin"),
        pk=pk,
        bulletin__commune_id=device._commune_id,
        bulletin__status__in=[Bulletin.Status.APPROVED, Bulletin.Status.WITHDRAWN],
    )
    if not version.audio_mp3:
        raise Http404
    return private_file_response(
        str(version.audio_mp3.name),
        content_type="audio/mpeg",
        request=request,
        filename=f"ban-tin-{version.bulletin_id}-{version.language}.mp3",
        cache="private, no-store",
    )


@csrf_exempt
@require_POST
@device_view
def asrun(request: HttpRequest, device: PlayerDevice) -> HttpResponse:
    try:
        body = _json_body(request)
    except ValueError as exc:
        return _error(str(exc), 400)
    reports = body.get("reports") if isinstance(body, dict) else None
    if not isinstance(reports, list) or len(reports) > MAX_REPORTS:
        return _error(f"Cần danh sách “reports” (tối đa {MAX_REPORTS} mục).", 400)
    return JsonResponse(player_asrun(device=device, reports=reports))


@csrf_exempt
@require_POST
@device_view
def heartbeat(request: HttpRequest, device: PlayerDevice) -> HttpResponse:
    try:
        body = _json_body(request)
    except ValueError as exc:
        return _error(str(exc), 400)
    if not isinstance(body, dict):
        return _error("Nhịp báo phải là một đối tượng JSON.", 400)
    player_heartbeat(device=device, data=body)
    return JsonResponse(
        {
            "server_time": timezone.now().isoformat(),
            "rev": rev_for(device._commune_id),
        }
    )
