"""Province roll-ups at /tinh/: read-only, for province viewers (and system admins).

Anyone else gets 404: a commune officer never learns what the province sees (ADR 0074).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from loalang.places.models import Commune, Province
from loalang.reports.compute import Window
from loalang.reports.forms import WindowForm
from loalang.reports.models import Report
from loalang.reports.selectors import (
    commune_report_data,
    indicator_set_for_province,
    province_rollup,
    provinces_for_user,
)
from loalang.reports.xlsx import rollup_xlsx


def _province(request: HttpRequest, slug: str) -> Province:
    province = get_object_or_404(Province, slug=slug)
    if not provinces_for_user(request.user).filter(pk=province.pk).exists():
        raise Http404
    return province


def _window(request: HttpRequest) -> tuple[WindowForm, Window]:
    today = timezone.localdate()
    default = {"date_from": dt.date(today.year, 1, 1), "date_to": today}
    form = WindowForm(request.GET or None, initial=default)
    if request.GET and form.is_valid():
        return form, Window.for_period(form.cleaned_data["date_from"], form.cleaned_data["date_to"])
    if not request.GET:
        form = WindowForm(default)
        form.is_valid()
    return form, Window.for_period(default["date_from"], default["date_to"])


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    provinces = list(provinces_for_user(request.user))
    if not provinces:
        raise Http404
    return render(request, "reports/province_index.html", {"provinces": provinces})


@require_GET
def rollup(request: HttpRequest, province_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    province = _province(request, province_slug)
    form, window = _window(request)
    result = province_rollup(province=province, window=window)
    return render(
        request,
        "reports/province_rollup.html",
        {"province": province, "form": form, "rollup": result, "query": request.GET.urlencode()},
    )


@require_GET
def rollup_export(request: HttpRequest, province_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    province = _province(request, province_slug)
    _form, window = _window(request)
    content = rollup_xlsx(province_rollup(province=province, window=window))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"tong-hop-{province.slug}-{window.date_from:%Y%m%d}-{window.date_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def commune_detail(request: HttpRequest, province_slug: str, commune_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    province = _province(request, province_slug)
    commune = get_object_or_404(Commune, slug=commune_slug, province=province)
    form, window = _window(request)
    indicator_set = indicator_set_for_province(province)
    data = (
        commune_report_data(commune=commune, indicator_set=indicator_set, window=window)
        if indicator_set
        else None
    )
    issued = Report.objects.filter(commune=commune, status=Report.Status.ISSUED).order_by(
        "-issued_on", "-id"
    )[:20]
    return render(
        request,
        "reports/province_commune.html",
        {
            "province": province,
            "target": commune,
            "form": form,
            "data": data,
            "issued": issued,
            "query": request.GET.urlencode(),
        },
    )
