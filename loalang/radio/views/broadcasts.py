from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import flash_errors
from loalang.places.models import Commune
from loalang.radio import services
from loalang.radio.asrun import asrun_csv, asrun_month, asrun_pdf
from loalang.radio.bundle import build_bundle
from loalang.radio.forms import ConfirmForm, VendorImportForm
from loalang.radio.models import Bulletin, RadioSettings, Slot
from loalang.radio.push import bundle_push_enqueue
from loalang.radio.selectors import broadcast_day, cluster_list, programme_for_day
from loalang.radio.services.broadcasts import VENDOR_COLUMNS
from loalang.radio.views._common import day_from

MAX_CSV_BYTES = 2 * 1024 * 1024


@require_GET
@commune_view(Cap.VIEW)
def schedule(request: CommuneRequest, commune: Commune) -> HttpResponse:
    day = day_from(request, default_offset=1)
    return render(
        request,
        "radio/schedule.html",
        {
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "programme": programme_for_day(commune=commune, day=day),
            "station": RadioSettings.objects.filter(commune=commune).first(),
        },
    )


@require_GET
@commune_view(Cap.RADIO_OPERATE)
def bundle_download(request: CommuneRequest, commune: Commune) -> HttpResponse:
    day = day_from(request, default_offset=1)
    with tempfile.TemporaryDirectory(prefix="loalang-bundle-") as tmp:
        body = build_bundle(commune=commune, day=day, output=Path(tmp) / "bundle.zip").read_bytes()
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="loa-{commune.slug}-{day:%Y-%m-%d}.zip"'
    )
    return response


@require_POST
@commune_view(Cap.RADIO_OPERATE)
def bundle_push(request: CommuneRequest, commune: Commune) -> HttpResponse:
    day = day_from(request, default_offset=1)
    with contextlib.suppress(ValueError):
        day = dt.date.fromisoformat(request.POST.get("date", ""))
    station = RadioSettings.objects.filter(commune=commune).first()
    if not station or not station.push_url:
        messages.error(request, _("Chưa cấu hình địa chỉ nhận bản tin."))
    else:
        bundle_push_enqueue(commune=commune, day=day)
        messages.success(
            request,
            _("Đã xếp hàng gửi gói phát; kết quả hiện ở đây sau ít phút."),
        )
    return redirect(
        reverse("radio:schedule", kwargs={"commune_slug": commune.slug}) + f"?date={day:%Y-%m-%d}"
    )


@require_GET
@commune_view(Cap.VIEW)
def log_day(request: CommuneRequest, commune: Commune) -> HttpResponse:
    day = day_from(request)
    rows = broadcast_day(commune=commune, day=day)
    now = timezone.now()
    sessions, future_slots = {}, set()
    for row in rows:
        if row.slot is None:
            continue
        starts = timezone.make_aware(dt.datetime.combine(day, row.slot.starts_at))
        if starts > now:
            future_slots.add(row.slot.pk)  # not aired yet: nothing to confirm
        elif not row.log and row.planned_clusters:
            sessions[row.slot.pk] = row.slot
    return render(
        request,
        "radio/log_day.html",
        {
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "rows": rows,
            "sessions_to_confirm": list(sessions.values()),
            "future_slots": future_slots,
            "clusters": list(cluster_list(commune=commune)),
            "can_confirm": request.scope.can(Cap.RADIO_OPERATE),
        },
    )


@require_POST
@commune_view(Cap.RADIO_OPERATE)
def log_confirm(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = ConfirmForm(request.POST, commune=commune)
    day = None
    if form.is_valid():
        data = form.cleaned_data
        day = data["day"]
        bulletin = get_object_or_404(Bulletin, pk=data["bulletin"], commune=commune)
        slot = get_object_or_404(Slot, pk=data["slot"], commune=commune) if data["slot"] else None
        try:
            services.broadcast_confirm(
                commune=commune,
                bulletin=bulletin,
                slot=slot,
                aired_on=day,
                clusters=data["clusters"],
                seconds=data["seconds"],
                language=data["language"],
                actor=request.user,
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Đã xác nhận phát “%(t)s”.") % {"t": bulletin.title})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    url = reverse("radio:log", kwargs={"commune_slug": commune.slug})
    return redirect(url + (f"?date={day:%Y-%m-%d}" if day else ""))


@require_POST
@commune_view(Cap.RADIO_OPERATE)
def log_confirm_session(request: CommuneRequest, commune: Commune) -> HttpResponse:
    """One action for "the whole session aired as planned"."""
    try:
        day = dt.date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    url = reverse("radio:log", kwargs={"commune_slug": commune.slug}) + f"?date={day:%Y-%m-%d}"
    raw = request.POST.get("slot", "")
    slot = Slot.objects.filter(pk=int(raw), commune=commune).first() if raw.isdigit() else None
    if slot is None:
        messages.error(request, _("Hãy chọn một buổi phát của xã."))
        return redirect(url)
    try:
        count = services.broadcast_confirm_session(
            commune=commune, slot=slot, day=day, actor=request.user
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Đã xác nhận cả buổi %(s)s: %(n)s bản tin.") % {"s": slot.name, "n": count},
        )
    return redirect(url)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_OPERATE)
def log_import(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = VendorImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            form.add_error("file", _("Tệp quá lớn (tối đa 2 MB)."))
        else:
            result = services.broadcast_import_vendor_csv(
                commune=commune, data=upload.read(), actor=request.user
            )
            if not result.errors:
                messages.success(
                    request,
                    _("Đã nhập %(n)s lượt phát từ %(r)s dòng.")
                    % {"n": len(result.logs), "r": result.rows},
                )
                return redirect("radio:log", commune_slug=commune.slug)
    return render(
        request,
        "radio/log_import.html",
        {"form": form, "result": result, "columns": VENDOR_COLUMNS},
    )


def _month_from(request: HttpRequest) -> tuple[int, int]:
    """?thang=YYYY-MM, or this month in Vietnam time."""
    raw = request.GET.get("thang", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        dt.date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.year, today.month
    return year, month


@require_GET
@commune_view(Cap.VIEW)
def log_month_export(request: CommuneRequest, commune: Commune, fmt: str) -> HttpResponse:
    """The month's as-run log, planned against aired, as CSV or a printable PDF."""
    year, month = _month_from(request)
    data = asrun_month(commune=commune, year=year, month=month, today=timezone.localdate())
    name = f"nhat-ky-phat-{commune.slug}-{year}-{month:02d}"
    if fmt == "csv":
        response = HttpResponse(asrun_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(asrun_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
