from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import apply_errors
from loalang.places.models import Commune
from loalang.radio import services
from loalang.radio.forms import ClusterForm, LexiconForm, SettingsForm, SlotForm
from loalang.radio.models import Bulletin, Cluster, LexiconEntry, RadioSettings, Slot
from loalang.radio.normalize import DEFAULT_LEXICON, lexicon_for, normalize
from loalang.radio.selectors import (
    attention,
    cluster_list,
    player_list,
    programme_for_day,
    slot_list,
)
from loalang.radio.speech.base import get_engine
from loalang.radio.validation import MAX_SCRIPT_CHARS


@require_GET
@commune_view(Cap.VIEW)
def home(request: CommuneRequest, commune: Commune) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "radio/home.html",
        {
            "today": today,
            "programme": programme_for_day(commune=commune, day=today),
            "attention": attention(commune, request.scope),
            "emergencies": Bulletin.objects.filter(
                commune=commune,
                status=Bulletin.Status.APPROVED,
                priority=Bulletin.Priority.EMERGENCY,
            ),
            "now": timezone.localtime(),
        },
    )


@require_GET
@commune_view(Cap.VIEW)
def cluster_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    by_cluster: dict[int, list] = {}
    for presence in player_list(commune=commune):
        by_cluster.setdefault(presence.device.cluster_id, []).append(presence)
    clusters = list(cluster_list(commune=commune))
    for c in clusters:
        c.player_presences = by_cluster.get(c.pk, [])  # type: ignore[attr-defined]
    return render(request, "radio/cluster_list.html", {"clusters": clusters})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def cluster_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    cluster = get_object_or_404(Cluster, pk=pk, commune=commune) if pk else None
    form = ClusterForm(request.POST or None, instance=cluster, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "villages"}
        try:
            services.cluster_save(
                commune=commune,
                actor=request.user,
                cluster=Cluster.objects.get(pk=pk) if pk else None,
                villages=form.cleaned_data["villages"],
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu cụm loa."))
            return redirect("radio:cluster_list", commune_slug=commune.slug)
    players = player_list(commune=commune, cluster=cluster) if cluster else []
    return render(
        request,
        "radio/cluster_form.html",
        {"form": form, "cluster": cluster, "players": players},
    )


@require_GET
@commune_view(Cap.VIEW)
def slot_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return render(request, "radio/slot_list.html", {"slots": slot_list(commune=commune)})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def slot_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    slot = get_object_or_404(Slot, pk=pk, commune=commune) if pk else None
    form = SlotForm(request.POST or None, instance=slot, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("name", "starts_at", "languages", "min_minutes", "is_active")
        }
        data["weekdays"] = "".join(sorted(form.cleaned_data["weekday_list"]))
        try:
            services.slot_save(
                commune=commune,
                actor=request.user,
                slot=Slot.objects.get(pk=pk) if pk else None,
                clusters=form.cleaned_data["clusters"],
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu buổi phát."))
            return redirect("radio:slot_list", commune_slug=commune.slug)
    return render(request, "radio/slot_form.html", {"form": form, "slot": slot})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def lexicon(request: CommuneRequest, commune: Commune) -> HttpResponse:
    """The commune's pronunciation lexicon, and a box to hear how a text will be read."""
    form = LexiconForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lexicon_save(commune=commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu cách đọc."))
            return redirect("radio:lexicon", commune_slug=commune.slug)
    sample = request.GET.get("text", "")[:MAX_SCRIPT_CHARS]
    entries = LexiconEntry.objects.filter(commune=commune).order_by("written")
    own = {e.written for e in entries}
    return render(
        request,
        "radio/lexicon.html",
        {
            "form": form,
            "entries": entries,
            "builtin": sorted((k, v) for k, v in DEFAULT_LEXICON.items() if k not in own),
            "sample": sample,
            "sample_spoken": normalize(sample, lexicon=lexicon_for(commune)) if sample else "",
        },
    )


@require_POST
@commune_view(Cap.RADIO_EDIT)
def lexicon_delete(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    entry = LexiconEntry.objects.filter(pk=pk, commune=commune).first()
    if entry is not None:  # deleting twice (a double click) is not an error
        services.lexicon_delete(entry=entry, actor=request.user)
        messages.success(request, _("Đã xoá cách đọc “%(w)s”.") % {"w": entry.written})
    return redirect("radio:lexicon", commune_slug=commune.slug)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def station_settings(request: CommuneRequest, commune: Commune) -> HttpResponse:
    station = RadioSettings.objects.filter(commune=commune).first() or RadioSettings(
        commune=commune
    )
    form = SettingsForm(request.POST or None, request.FILES or None, instance=station)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.radio_settings_save(commune=commune, actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc, rename={"audio": "opening_upload"})
        else:
            messages.success(request, _("Đã lưu cấu hình đài."))
            return redirect("radio:settings", commune_slug=commune.slug)
    return render(
        request, "radio/settings.html", {"form": form, "station": station, "engine": get_engine()}
    )
