"""Staff pages of the activity log: list, detail, record/edit per form, review, evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.activities import services
from loalang.activities.details import Evidence
from loalang.activities.evidence import evidence_add, evidence_delete
from loalang.activities.forms import DETAIL_FORMS, ActivityForm, EvidenceForm, ReturnForm
from loalang.activities.models import Activity
from loalang.activities.selectors import activity_get, activity_list, can_edit, detail_facts
from loalang.core.files import private_file_response
from loalang.core.forms import apply_errors
from loalang.places.models import Commune, Village


def url(name: str, commune: Commune, **kwargs: Any) -> str:
    return reverse(f"activities:{name}", kwargs={"commune_slug": commune.slug, **kwargs})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_GET
@commune_view(Cap.VIEW)
def activity_index(request: CommuneRequest, commune: Commune) -> HttpResponse:
    g = request.GET
    filters: dict[str, Any] = {
        "status": g.get("status", "") if g.get("status") in Activity.Status.values else "",
        "kind": g.get("kind", "") if g.get("kind") in Activity.Kind.values else "",
        "village_id": _int(g.get("village")),
        "year": _int(g.get("year")),
        "month": _int(g.get("month")),
        "q": g.get("q", "").strip()[:100],
    }
    qs = activity_list(commune=commune, scope=request.scope, user=request.user, **filters)
    page = Paginator(qs, 50).get_page(g.get("page"))
    query = g.copy()
    query.pop("page", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "statuses": Activity.Status.choices,
            "kinds": Activity.Kind.choices,
            "villages": Village.objects.filter(commune=commune),
            "can_verify": request.scope.can(Cap.VERIFY),
            "can_log": request.scope.can(Cap.LOG_ACTIVITY),
        },
    )


@require_GET
@commune_view(Cap.VIEW)
def activity_detail(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=pk)
    editable = can_edit(activity, request.scope, request.user)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "detail": (detail := services.detail_of(activity)),
            "facts": detail_facts(detail),
            "is_locked": services.period_is_locked(commune=commune, day=activity.held_on),
            "can_edit": editable,
            "can_verify": request.scope.can(Cap.VERIFY),
            "evidence_form": EvidenceForm() if editable else None,
            "return_form": ReturnForm(),
        },
    )


@require_GET
@commune_view(Cap.LOG_ACTIVITY)
def activity_choose(request: CommuneRequest, commune: Commune) -> HttpResponse:
    kinds = [(k, label) for k, label in Activity.Kind.choices]
    return render(request, "activities/activity_choose.html", {"kinds": kinds})


def _village_scope_error(form: ActivityForm, scope: Any) -> bool:
    """Village heads and team members record only for their own villages."""
    if scope.sees_whole_commune:
        return False
    chosen = {v.pk for v in form.cleaned_data.get("villages") or []}
    if not chosen or not chosen <= set(scope.village_ids):
        form.add_error("villages", _("Chỉ được ghi hoạt động của thôn mình phụ trách."))
        return True
    return False


def _edit(
    request: CommuneRequest, commune: Commune, kind: str, activity: Activity | None
) -> HttpResponse:
    detail = services.detail_of(activity) if activity else None
    data = request.POST if request.method == "POST" else None
    form = ActivityForm(data, instance=activity, commune=commune, kind=kind)
    detail_form = DETAIL_FORMS[kind](data, instance=detail, commune=commune, prefix="d")
    if (
        request.method == "POST"
        and form.is_valid()
        and detail_form.is_valid()
        and not _village_scope_error(form, request.scope)
    ):
        saved = _save(request, commune, kind, activity, form, detail_form)
        if saved is not None:
            return redirect(url("detail", commune, pk=saved.pk))
    return render(
        request,
        "activities/activity_form.html",
        {
            "form": form,
            "detail_form": detail_form,
            "kind_label": Activity.Kind(kind).label,
            "activity": activity,
            "cancel_url": url("detail", commune, pk=activity.pk)
            if activity
            else url("list", commune),
        },
    )


def _save(
    request: CommuneRequest,
    commune: Commune,
    kind: str,
    activity: Activity | None,
    form: ActivityForm,
    detail_form: Any,
) -> Activity | None:
    """Call the service; on a ValidationError put the messages on the form and return None."""
    extra: dict[str, Any] = {}
    if hasattr(detail_form, "distributions"):
        extra["distributions"] = detail_form.distributions()
    if hasattr(detail_form, "guidance"):
        extra["guidance"] = detail_form.guidance()
    common = {
        "fields": form.service_fields(),
        "themes": form.cleaned_data["themes"],
        "villages": form.cleaned_data["villages"],
        "detail": detail_form.service_detail(),
        **extra,
    }
    try:
        if activity is None:
            activity = services.activity_log(
                commune=commune, actor=request.user, kind=kind, **common
            )
            messages.success(request, _("Đã ghi hoạt động; chờ xác nhận."))
            return activity
        was_verified = activity.status == Activity.Status.VERIFIED
        activity = services.activity_update(activity=activity, actor=request.user, **common)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    messages.success(
        request,
        _("Đã lưu. Hoạt động được gửi lại để xác nhận.") if was_verified else _("Đã lưu."),
    )
    return activity


@require_http_methods(["GET", "POST"])
@commune_view(Cap.LOG_ACTIVITY)
def activity_create(request: CommuneRequest, commune: Commune, kind: str) -> HttpResponse:
    if kind not in Activity.Kind.values:
        raise Http404
    return _edit(request, commune, kind, None)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.LOG_ACTIVITY)
def activity_edit(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=pk)
    if not can_edit(activity, request.scope, request.user):
        raise PermissionDenied
    return _edit(request, commune, activity.kind, activity)


@require_POST
@commune_view(Cap.LOG_ACTIVITY)
def activity_delete(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=pk)
    if not can_edit(activity, request.scope, request.user):
        raise PermissionDenied
    try:
        services.activity_delete(activity=activity, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url("detail", commune, pk=pk))
    messages.success(request, _("Đã xoá hoạt động."))
    return redirect(url("list", commune))


@require_POST
@commune_view(Cap.VERIFY)
def activity_verify(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk, commune=commune)
    try:
        services.activity_verify(activity=activity, actor=request.user)
        messages.success(request, _("Đã xác nhận hoạt động."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(request.POST.get("next") or url("detail", commune, pk=pk))


@require_POST
@commune_view(Cap.VERIFY)
def activity_verify_many(request: CommuneRequest, commune: Commune) -> HttpResponse:
    ids = [i for i in (_int(x) for x in request.POST.getlist("ids")) if i]
    result = services.activity_verify_many(commune=commune, ids=ids, actor=request.user)
    if result.done:
        messages.success(request, _("Đã xác nhận %(n)s hoạt động.") % {"n": result.done})
    for text in result.failed[:5]:
        messages.error(request, text)
    return redirect(url("list", commune) + "?status=reported")


@require_POST
@commune_view(Cap.VERIFY)
def activity_return(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk, commune=commune)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.activity_return(
                activity=activity, actor=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Đã trả lại hoạt động kèm ý kiến."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy ghi rõ cần bổ sung, sửa gì."))
    return redirect(url("detail", commune, pk=pk))


@require_POST
@commune_view(Cap.LOG_ACTIVITY)
def evidence_upload(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    activity = activity_get(commune=commune, scope=request.scope, user=request.user, pk=pk)
    if not can_edit(activity, request.scope, request.user):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một tệp ảnh hoặc PDF."))
        return redirect(url("detail", commune, pk=pk))
    added = 0
    for upload in request.FILES.getlist("files")[:10]:
        try:
            evidence_add(
                activity=activity,
                actor=request.user,
                upload=upload,
                purpose=form.cleaned_data["purpose"],
                keep_location=form.cleaned_data["keep_location"],
            )
            added += 1
        except ValidationError as exc:
            messages.error(request, f"{upload.name}: {' '.join(exc.messages)}")
    if added:
        messages.success(request, _("Đã thêm %(n)s tệp minh chứng.") % {"n": added})
    return redirect(url("detail", commune, pk=pk))


@require_GET
@commune_view(Cap.PERSONAL_FILES)
def evidence_file(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponseBase:
    """The file itself, for commune staff who may see its activity; never a public URL.
    Province viewers get 403: evidence (photos of people, sign-in sheets) is personal data."""
    evidence = get_object_or_404(Evidence.objects.select_related("activity"), pk=pk)
    activity_get(commune=commune, scope=request.scope, user=request.user, pk=evidence.activity_id)
    return private_file_response(
        str(evidence.file.name),
        content_type=evidence.content_type,
        as_attachment=not evidence.is_image,
        cache="private, max-age=3600",
    )


@require_POST
@commune_view(Cap.LOG_ACTIVITY)
def evidence_remove(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("activity"), pk=pk)
    activity = activity_get(
        commune=commune,
        scope=request.scope,
        user=request.user,
        pk=evidence.activity_id,
    )
    if not can_edit(activity, request.scope, request.user):
        raise PermissionDenied
    try:
        evidence_delete(evidence=evidence, actor=request.user)
        messages.success(request, _("Đã xoá tệp minh chứng."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(url("detail", commune, pk=activity.pk))


@require_http_methods(["GET", "POST"])
@commune_view(Cap.VERIFY)
def period_locks(request: CommuneRequest, commune: Commune) -> HttpResponse:
    from loalang.activities.details import PeriodLock

    if request.method == "POST":
        try:
            month = dt.date.fromisoformat(request.POST.get("month", "") + "-01")
        except ValueError:
            messages.error(request, _("Tháng không hợp lệ."))
            return redirect(url("locks", commune))
        with transaction.atomic():
            if request.POST.get("action") == "unlock":
                services.period_unlock(commune=commune, month=month, actor=request.user)
                messages.success(request, _("Đã mở khoá tháng %(m)s.") % {"m": f"{month:%m/%Y}"})
            else:
                services.period_lock(commune=commune, month=month, actor=request.user)
                messages.success(request, _("Đã khoá sổ tháng %(m)s.") % {"m": f"{month:%m/%Y}"})
        return redirect(url("locks", commune))
    locks = PeriodLock.objects.filter(commune=commune).select_related("locked_by")
    return render(request, "activities/period_locks.html", {"locks": locks})
