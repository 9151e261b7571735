"""The user's notification settings: which outside channels, the phone for Zalo/SMS, Web Push on
this browser; and the installable page's service worker and manifest (ADR 0100)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, commune_view
from loalang.core.forms import apply_errors
from loalang.notifications.channels.webpush import vapid_public_key
from loalang.notifications.forms import NotificationSettingsForm
from loalang.notifications.models import NotificationSettings, PushSubscription
from loalang.notifications.services import (
    notification_settings_save,
    notify,
    push_subscription_delete,
    push_subscription_save,
)
from loalang.places.models import Commune


@require_http_methods(["GET", "POST"])
@commune_view(Cap.VIEW)
def settings_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    prefs = NotificationSettings.objects.filter(user_id=int(request.user.pk or 0)).first()
    initial = {"channels": prefs.channels if prefs else [], "phone": prefs.phone if prefs else ""}
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notification_settings_save(
                user=request.user,
                channels=form.cleaned_data["channels"],
                phone=form.cleaned_data["phone"],
                actor=request.user,
                commune=commune,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect("notifications:settings", commune_slug=commune.slug)
    context = {
        "form": form,
        "push_count": PushSubscription.objects.filter(user_id=int(request.user.pk or 0)).count(),
        "vapid_key": vapid_public_key(),
    }
    return render(request, "notifications/settings.html", context)


def _json_body(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


@require_POST
@commune_view(Cap.VIEW)
def push_subscribe_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    """The page's script posts PushSubscription.toJSON() here after the user agreed."""
    data = _json_body(request)
    raw_keys = data.get("keys")
    keys: dict = raw_keys if isinstance(raw_keys, dict) else {}
    try:
        push_subscription_save(
            user=request.user,
            endpoint=str(data.get("endpoint", ""))[:1000],
            p256dh=str(keys.get("p256dh", ""))[:200],
            auth=str(keys.get("auth", ""))[:100],
            user_agent=request.headers.get("user-agent", "")[:200],
            commune=commune,
        )
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "message": _("Đã bật thông báo đẩy trên trình duyệt này.")})


@require_POST
@commune_view(Cap.VIEW)
def push_unsubscribe_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    data = _json_body(request)
    removed = push_subscription_delete(
        user=request.user, endpoint=str(data.get("endpoint", ""))[:1000]
    )
    return JsonResponse({"ok": True, "removed": removed})


@require_POST
@commune_view(Cap.VIEW)
def send_test_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    """Send oneself a notification through every channel chosen, to see that it arrives."""
    notify(
        user=request.user,
        commune=commune,
        text=_("Thử: thông báo của Loa Làng đã đến được với anh/chị."),
        url=reverse("notifications:settings", kwargs={"commune_slug": commune.slug}),
    )
    messages.success(request, _("Đã gửi thông báo thử qua các kênh đã chọn."))
    return redirect("notifications:settings", commune_slug=commune.slug)


@require_GET
@cache_control(max_age=0, no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site root so its scope covers every page."""
    body = render_to_string("notifications/sw.js", {"icon": static("img/loa.svg")})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: "add to home screen" opens the staff pages like an app."""
    data = {
        "name": "Loa Làng",
        "short_name": "Loa Làng",
        "lang": "vi",
        "start_url": reverse("app"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f7f7f9",
        "theme_color": "#8c1d18",
        "icons": [{"src": static("img/loa.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
