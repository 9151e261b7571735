from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.files import private_file_response
from loalang.core.forms import apply_errors, flash_errors
from loalang.places.models import Commune
from loalang.radio import services
from loalang.radio.forms import BulletinForm, RecordingForm, ReviewForm
from loalang.radio.models import Bulletin, BulletinVersion
from loalang.radio.selectors import bulletin_list
from loalang.radio.services.audio_files import original_content_type

FORM_FIELDS = (
    "title",
    "script",
    "source",
    "priority",
    "valid_from",
    "valid_until",
    "is_fallback",
    "voice",
    "rate",
)


@require_GET
@commune_view(Cap.VIEW)
def bulletin_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Bulletin.Status.values:
        status = ""
    page = Paginator(bulletin_list(commune=commune, status=status), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "radio/bulletin_list.html",
        {"page": page, "status": status, "statuses": Bulletin.Status.choices},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def bulletin_create(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = BulletinForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FORM_FIELDS}
        try:
            bulletin = services.bulletin_create_draft(
                commune=commune,
                actor=request.user,
                themes=form.cleaned_data["themes"],
                clusters=form.cleaned_data["clusters"],
                slots=form.cleaned_data["slots"],
                source_kind=data.pop("source"),
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bản nháp. Máy đang đọc thành âm thanh."))
            return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=bulletin.pk)
    return render(request, "radio/bulletin_form.html", {"form": form, "bulletin": None})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def bulletin_edit(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    original = Bulletin.objects.get(pk=bulletin.pk)
    form = BulletinForm(request.POST or None, instance=bulletin, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FORM_FIELDS}
        try:
            services.bulletin_update(
                bulletin=original,
                actor=request.user,
                themes=form.cleaned_data["themes"],
                clusters=form.cleaned_data["clusters"],
                slots=form.cleaned_data["slots"],
                **data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bản tin."))
            return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=pk)
    return render(request, "radio/bulletin_form.html", {"form": form, "bulletin": original})


@require_GET
@commune_view(Cap.VIEW)
def bulletin_detail(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(
        Bulletin.objects.select_related("created_by", "approved_by").prefetch_related(
            "themes", "clusters"
        ),
        pk=pk,
        commune=commune,
    )
    versions = list(bulletin.versions.all())
    logs = (
        bulletin.logs.select_related("slot").prefetch_related("clusters").order_by("-aired_at")[:20]
    )
    return render(
        request,
        "radio/bulletin_detail.html",
        {
            "bulletin": bulletin,
            "versions": versions,
            "logs": logs,
            "review_form": ReviewForm(),
            "is_busy": any(v.status in ("queued", "running") for v in versions),
            "can_edit": request.scope.can(Cap.RADIO_EDIT),
            "can_approve": request.scope.can(Cap.APPROVE),
            "can_operate": request.scope.can(Cap.RADIO_OPERATE),
            "aired_by_players": bulletin.priority == Bulletin.Priority.EMERGENCY
            and services.bulletin_aired_by_players(bulletin),
        },
    )


def _transition(
    request: CommuneRequest, commune: Commune, pk: int, action, success: str
) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    try:
        action(bulletin)
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied:
        raise
    else:
        messages.success(request, success)
    return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=pk)


@require_POST
@commune_view(Cap.RADIO_EDIT)
def bulletin_submit(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    return _transition(
        request,
        commune,
        pk,
        lambda b: services.bulletin_submit(bulletin=b, actor=request.user),
        _("Đã gửi bản tin để lãnh đạo duyệt."),
    )


@require_POST
@commune_view(Cap.APPROVE)
def bulletin_approve(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    note = ReviewForm(request.POST).data.get("note", "")[:2000]
    return _transition(
        request,
        commune,
        pk,
        lambda b: services.bulletin_approve(bulletin=b, actor=request.user, note=note),
        _("Đã duyệt. Bản tin sẽ được đưa vào các buổi phát."),
    )


@require_POST
@commune_view(Cap.APPROVE)
def bulletin_return(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    note = ReviewForm(request.POST).data.get("note", "")[:2000]
    return _transition(
        request,
        commune,
        pk,
        lambda b: services.bulletin_return(bulletin=b, actor=request.user, note=note),
        _("Đã trả lại bản tin để sửa."),
    )


@require_POST
@commune_view(Cap.APPROVE)
def bulletin_withdraw(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    return _transition(
        request,
        commune,
        pk,
        lambda b: services.bulletin_withdraw(bulletin=b, actor=request.user),
        _("Đã ngừng phát bản tin."),
    )


@require_POST
@commune_view(Cap.RADIO_OPERATE)
def bulletin_on_air(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    try:
        done = services.bulletin_put_on_air(bulletin=bulletin, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=pk)
    parts = []
    if done.log is not None:
        parts.append(
            _("Đã phát khẩn cấp trên %(n)s cụm loa và ghi vào nhật ký phát.")
            % {"n": done.log.clusters.count()}
        )
    if done.player_clusters:
        names = ", ".join(c.name for c in done.player_clusters)
        if done.replay:
            parts.append(
                _("Máy phát của %(n)s cụm loa (%(names)s) sẽ phát lại một lần nữa")
                % {"n": len(done.player_clusters), "names": names}
                + "; "
                + _("nhật ký ghi theo báo cáo của máy phát.")
            )
        else:
            parts.append(
                _(
                    "Máy phát của %(n)s cụm loa (%(names)s) đã nhận bản tin từ lúc duyệt và phát "
                    "một lần, không phát trùng; nhật ký ghi theo báo cáo của máy phát."
                )
                % {"n": len(done.player_clusters), "names": names}
            )
    messages.success(request, " ".join(parts))
    return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=pk)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.RADIO_EDIT)
def recording_upload(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    form = RecordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.recording_upload(
                bulletin=bulletin,
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["audio"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            seconds = round(version.duration_seconds)
            messages.success(
                request,
                _("Đã thêm bản ghi âm (%(m)s phút %(s)s giây).")
                % {"m": seconds // 60, "s": seconds % 60},
            )
            return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=pk)
    return render(request, "radio/recording_form.html", {"form": form, "bulletin": bulletin})


@require_POST
@commune_view(Cap.RADIO_EDIT)
def version_retry(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    version = get_object_or_404(BulletinVersion, pk=pk, bulletin__commune=commune)
    try:
        services.version_retry(version=version, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã xếp hàng tạo lại âm thanh."))
    return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=version.bulletin_id)


@require_safe
@commune_view(Cap.VIEW)
def version_audio(request: CommuneRequest, commune: Commune, pk: int, fmt: str) -> HttpResponseBase:
    """A version's audio for staff (drafts included); the public sees approved ones only."""
    version = get_object_or_404(BulletinVersion, pk=pk, bulletin__commune=commune)
    return audio_response(request, version, fmt)


@require_safe
@commune_view(Cap.RADIO_EDIT)
def version_original(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponseBase:
    """The recording exactly as it was uploaded, for staff who edit bulletins."""
    version = get_object_or_404(BulletinVersion, pk=pk, bulletin__commune=commune)
    name = str(version.original.name or "")
    if not name:
        raise Http404
    return private_file_response(
        name,
        content_type=original_content_type(name),
        request=request,
        filename=f"ban-ghi-goc-{version.pk}.{name.rsplit('.', 1)[-1]}",
    )


def audio_response(request: HttpRequest, version: BulletinVersion, fmt: str) -> HttpResponseBase:
    """The audio file with HEAD and byte-range support (players seek; podcast apps need it).
    Call only after checking who may hear it: the file lives in private storage."""
    field = version.audio_mp3 if fmt == "mp3" else version.audio_ogg if fmt == "ogg" else None
    return private_file_response(
        str(field.name) if field else "",
        request=request,
        content_type="audio/mpeg" if fmt == "mp3" else "audio/ogg",
        as_attachment=False,
        cache="private, max-age=300",
    )
