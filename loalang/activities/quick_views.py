"""The phone quick-entry screen (ADR 0022) and the coverage pages (ADR 0025)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.activities import services
from loalang.activities.coverage import (
    coverage_matrix,
    coverage_years,
    gaps,
    plan_for_year,
    target_progress,
    village_heatmap,
)
from loalang.activities.details import SocialPost, VisualItem
from loalang.activities.evidence import evidence_add
from loalang.activities.forms import QuickEntryForm
from loalang.activities.models import Activity
from loalang.activities.selectors import activity_get
from loalang.activities.views import url
from loalang.core.forms import apply_errors
from loalang.places.models import Commune


def _quick_detail(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The form's details filled from the five quick fields; the officer can complete them."""
    village, reach = data["village"], data["reach"]
    if kind == Activity.Kind.EVENT:
        return {"residents": reach, "place": str(village)}
    if kind == Activity.Kind.TEAM_GUIDANCE:
        return {"people": reach}
    if kind == Activity.Kind.PROPAGANDIST:
        return {"sessions": 1, "place": str(village)}
    if kind == Activity.Kind.VISUAL:
        return {"item_kind": VisualItem.ItemKind.BANNER, "text": data["title"], "village": village}
    if kind == Activity.Kind.SOCIAL_POST:
        return {"platform": SocialPost.Platform.ZALO_GROUP}
    if kind == Activity.Kind.RADIO_BROADCAST:
        return {"station": _("Loa truyền thanh %(v)s") % {"v": village}}
    return {}


def _last_themes(commune: Commune, user: Any, plan: Any) -> list[int]:
    # A village head mostly repeats the campaign of the week: offer last time's themes.
    if plan is None:
        return []
    last = (
        Activity.objects.filter(commune=commune, recorded_by=user, plan=plan)
        .order_by("-id")
        .first()
    )
    return list(last.themes.values_list("pk", flat=True)) if last else []


@require_http_methods(["GET", "POST"])
@commune_view(Cap.LOG_ACTIVITY)
def quick_entry(request: CommuneRequest, commune: Commune) -> HttpResponse:
    scope = request.scope
    village_ids = None if scope.sees_whole_commune else scope.village_ids
    plan = plan_for_year(commune, timezone.localdate().year)
    data = request.POST if request.method == "POST" else None
    form = QuickEntryForm(
        data,
        request.FILES or None,
        commune=commune,
        village_ids=village_ids,
        plan=plan,
        initial={"themes": _last_themes(commune, request.user, plan)},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        kind = d["kind"]
        team = None
        if kind == Activity.Kind.TEAM_GUIDANCE and scope.team_ids:
            team = commune.teams.filter(pk__in=scope.team_ids).first()
        try:
            with transaction.atomic():
                existing = Activity.objects.filter(commune=commune, client_token=d["token"]).first()
                activity = services.activity_log(
                    commune=commune,
                    actor=request.user,
                    kind=kind,
                    fields={
                        "title": d["title"],
                        "held_on": d["held_on"],
                        "reach": d["reach"],
                        "plan": plan,
                        "team": team,
                    },
                    themes=d["themes"],
                    villages=[d["village"]],
                    detail=_quick_detail(kind, d),
                    client_token=d["token"],
                )
                if existing is None and d.get("photo"):
                    evidence_add(activity=activity, actor=request.user, upload=d["photo"])
        except ValidationError as exc:
            apply_errors(form, exc, non_field="photo" if d.get("photo") else None)
        else:
            return redirect(url("quick_done", commune, pk=activity.pk))
    return render(request, "activities/quick_entry.html", {"form": form, "plan": plan})


@require_GET
@commune_view(Cap.LOG_ACTIVITY)
def quick_done(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=pk)
    return render(request, "activities/quick_done.html", {"activity": activity})


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


@require_GET
@commune_view(Cap.VIEW)
def coverage(request: CommuneRequest, commune: Commune) -> HttpResponse:
    year = _year(request)
    plan = plan_for_year(commune, year)
    today = timezone.localdate()
    as_of = today if today.year == year else min(today, dt.date(year, 12, 31))
    village_gaps, theme_gaps = gaps(commune=commune, today=as_of)
    years = coverage_years(commune=commune, also=(year, today.year))
    return render(
        request,
        "activities/coverage.html",
        {
            "year": year,
            "years": years,
            "plan": plan,
            "matrix": coverage_matrix(commune=commune, year=year),
            "heatmap": village_heatmap(commune=commune, year=year),
            "targets": target_progress(plan=plan, today=today) if plan else [],
            "village_gaps": village_gaps,
            "theme_gaps": theme_gaps,
            "as_of": as_of,
            "months": range(1, 13),
        },
    )
