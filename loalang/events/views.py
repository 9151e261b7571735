"""Attendee lists with consent, the printable consent notice, and data-subject requests."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.activities.selectors import activity_get, can_edit
from loalang.core.forms import apply_errors
from loalang.events import services
from loalang.events.forms import AttendeeForm, ConsentNoticeForm, DataRequestForm
from loalang.events.models import Attendee, ConsentNotice, DataRequest, Event
from loalang.places.models import Commune


def _event(request: CommuneRequest, commune: Commune, activity_pk: int) -> Event:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=activity_pk)
    try:
        return activity.event
    except Event.DoesNotExist as exc:
        raise Http404 from exc


@require_http_methods(["GET", "POST"])
@commune_view(Cap.LOG_ACTIVITY)
def attendees(request: CommuneRequest, commune: Commune, activity_pk: int) -> HttpResponse:
    event = _event(request, commune, activity_pk)
    editable = can_edit(event.activity, request.scope, request.user)
    form = AttendeeForm(request.POST or None, commune=commune)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.attendee_add(
                    event=event,
                    actor=request.user,
                    notice=services.consent_notice_current(commune=commune, actor=request.user),
                    **d,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Đã thêm người tham dự."))
                return redirect(
                    "events:attendees", commune_slug=commune.slug, activity_pk=activity_pk
                )
    rows = event.attendees.select_related("village", "consent__notice")
    return render(
        request,
        "events/attendee_list.html",
        {
            "event": event,
            "activity": event.activity,
            "rows": rows,
            "form": form,
            "can_edit": editable,
        },
    )


@require_POST
@commune_view(Cap.LOG_ACTIVITY)
def attendee_delete(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    attendee = get_object_or_404(
        Attendee.objects.select_related("event__activity"), pk=pk, event__activity__commune=commune
    )
    activity = activity_get(
        commune=commune,
        scope=request.scope,
        user=request.user,
        pk=attendee.event.activity_id,
    )
    if not can_edit(activity, request.scope, request.user):
        raise PermissionDenied
    if request.POST.get("action") == "withdraw" and hasattr(attendee, "consent"):
        services.consent_withdraw(attendee=attendee, actor=request.user)
        messages.success(request, _("Đã ghi nhận rút lại sự đồng ý; số điện thoại đã được xoá."))
    else:
        services.attendee_remove(attendee=attendee, actor=request.user)
        messages.success(request, _("Đã xoá người tham dự khỏi danh sách."))
    return redirect("events:attendees", commune_slug=commune.slug, activity_pk=activity.pk)


@require_GET
@commune_view(Cap.VIEW)
def consent_notice(request: CommuneRequest, commune: Commune) -> HttpResponse:
    """The notice to print at the top of a paper sign-in sheet, with empty rows below."""
    notice = services.consent_notice_current(commune=commune, actor=request.user)
    rows = range(1, 21)
    return render(request, "events/consent_notice.html", {"notice": notice, "rows": rows})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.VERIFY)
def notice_edit(request: CommuneRequest, commune: Commune) -> HttpResponse:
    current = services.consent_notice_current(commune=commune, actor=request.user)
    initial = {
        "version": "",
        "purpose": current.purpose,
        "text": current.text,
        "retention_months": current.retention_months,
    }
    form = ConsentNoticeForm(
        request.POST or None, initial=initial, instance=ConsentNotice(commune=commune)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if ConsentNotice.objects.filter(commune=commune, version=d["version"]).exists():
            form.add_error("version", _("Phiên bản này đã có; hãy đặt số phiên bản mới."))
        else:
            services.consent_notice_create(commune=commune, actor=request.user, **d)
            messages.success(request, _("Đã ban hành phiên bản thông báo mới."))
            return redirect("events:notice", commune_slug=commune.slug)
    return render(
        request,
        "core/record_form.html",
        {
            "form": form,
            "title": _("Phiên bản mới của thông báo xử lý dữ liệu cá nhân"),
            "cancel_url": reverse("events:notice", kwargs={"commune_slug": commune.slug}),
        },
    )


@require_GET
@commune_view(Cap.VERIFY)
def data_requests(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = DataRequestForm(request.GET or None)
    matches = None
    if request.GET and form.is_valid():
        matches = services.person_find(
            commune=commune, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"]
        )
    log = DataRequest.objects.filter(commune=commune).select_related("handled_by")[:100]
    return render(
        request, "events/data_requests.html", {"form": form, "matches": matches, "log": log}
    )


def _selected(request: CommuneRequest, commune: Commune) -> list[Attendee]:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    return list(
        Attendee.objects.filter(pk__in=ids, event__activity__commune=commune).select_related(
            "event__activity", "village", "consent__notice"
        )
    )


@require_POST
@commune_view(Cap.VERIFY)
def data_request_handle(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = DataRequestForm(request.POST)
    back = reverse("events:requests", kwargs={"commune_slug": commune.slug})
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(back)
    d = form.cleaned_data
    chosen = _selected(request, commune)
    common = {
        "commune": commune,
        "actor": request.user,
        "attendees": chosen,
        "name": d["name"],
        "phone": d["phone"],
        "received_on": d["received_on"],
        "note": d["note"],
    }
    if request.POST.get("action") == "erase":
        try:
            log = services.person_erase(**common)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(
            request,
            _("Đã xoá %(n)s bản ghi; yêu cầu đã được lưu vào sổ.") % {"n": log.records_affected},
        )
        return redirect(back)
    log, payload = services.person_export(**common)
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{log.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
