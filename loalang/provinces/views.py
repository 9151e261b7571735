"""Province administrator pages under /quan-tri-tinh/<province_slug>/ (issue 19 items 1–4).

Access: `province_admin_view` (accounts.access) — anyone but the province's administrators
and system administrators gets 404, so a province never learns what another one holds.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import province_admin_view
from loalang.accounts.models import Membership, Role, User
from loalang.core.forms import apply_errors
from loalang.core.sheets import XLSX_CONTENT_TYPE
from loalang.core.text import vi_sort_key
from loalang.places.models import Commune, Province
from loalang.places.services import province_load_official
from loalang.provinces import imports, services
from loalang.provinces.dashboard_export import dashboard_bytes
from loalang.provinces.forms import CommuneCreateForm, DefaultsForm, HostForm, ImportForm, MergeForm
from loalang.provinces.models import CommuneHost
from loalang.provinces.selectors import (
    NOT_LOGGED_IN_DAYS,
    QUIET_DAYS,
    REPORT_GRACE_DAYS,
    SORTS,
    host_map,
    province_dashboard,
    province_user_logins,
    user_communes,
)


def _home(province: Province) -> str:
    return reverse("provinces:home", kwargs={"province_slug": province.slug})


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if request.user.is_superuser:
        provinces = list(Province.objects.order_by("name"))
    else:
        ids = Membership.objects.filter(
            user=request.user, is_active=True, role=Role.PROVINCE_ADMIN
        ).values("province_id")
        provinces = list(Province.objects.filter(pk__in=ids).order_by("name"))
    if not provinces:
        raise Http404
    if len(provinces) == 1:
        return redirect(_home(provinces[0]))
    return render(request, "provinces/index.html", {"provinces": provinces})


@require_GET
@province_admin_view
def home(request: HttpRequest, province: Province) -> HttpResponse:
    communes = sorted(
        Commune.objects.filter(province=province).select_related("successor"),
        key=lambda c: (not c.is_active, vi_sort_key(c.name)),
    )
    return render(request, "provinces/home.html", {"province": province, "communes": communes})


@require_POST
@province_admin_view
def load_official(request: HttpRequest, province: Province) -> HttpResponse:
    if not province.code:
        messages.error(
            request, _("Tỉnh chưa có mã đơn vị hành chính, không đối chiếu được danh mục.")
        )
        return redirect(_home(province))
    result = province_load_official(province_code=province.code, actor=request.user)
    messages.success(
        request,
        _("Đã nạp danh mục chính thức: thêm %(c)s xã, phường; cập nhật %(u)s; ghi %(m)s đơn vị cũ.")
        % {"c": len(result.created), "u": len(result.updated), "m": result.mergers_added},
    )
    return redirect(_home(province))


@require_http_methods(["GET", "POST"])
@province_admin_view
def commune_create(request: HttpRequest, province: Province) -> HttpResponse:
    form = CommuneCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commune = services.commune_create(
                province=province, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": commune.full_name})
            return redirect(_home(province))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "provinces/form.html",
        {"province": province, "form": form, "title": _("Thêm xã, phường")},
        status=status,
    )


@require_POST
@province_admin_view
def commune_toggle(request: HttpRequest, province: Province, pk: int) -> HttpResponse:
    commune = get_object_or_404(Commune, pk=pk, province=province, successor__isnull=True)
    services.commune_set_active(
        commune=commune, is_active=not commune.is_active, actor=request.user
    )
    messages.success(
        request,
        (_("Đã mở lại %(name)s.") if commune.is_active else _("Đã ngừng hoạt động %(name)s."))
        % {"name": commune.full_name},
    )
    return redirect(_home(province))


@require_http_methods(["GET", "POST"])
@province_admin_view
def merge(request: HttpRequest, province: Province) -> HttpResponse:
    form = MergeForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            target = services.commune_merge(
                sources=list(d["sources"]),
                target=d["target"],
                effective_on=d["effective_on"],
                legal_basis=d["legal_basis"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã sáp nhập vào %(name)s.") % {"name": target.full_name})
            return redirect(_home(province))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "provinces/form.html",
        {"province": province, "form": form, "title": _("Sáp nhập xã, phường")},
        status=status,
    )


@require_GET
@province_admin_view
def import_template(request: HttpRequest, province: Province, kind: str, fmt: str) -> HttpResponse:
    if kind not in imports.KINDS or fmt not in ("xlsx", "csv"):
        raise Http404
    content = imports.template_bytes(kind, fmt)
    ctype = XLSX_CONTENT_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.{fmt}"'
    return response


IMPORT_RESULT_KEY = "provinces.import_result"


@require_http_methods(["GET", "POST"])
@province_admin_view
def import_sheet(request: HttpRequest, province: Province) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            rows = imports.read_rows(form.cleaned_data["file"], kind)
            run = imports.import_villages if kind == imports.VILLAGES else imports.import_users
            result = run(province=province, rows=rows, actor=request.user)
        except imports.SheetErrors as exc:
            errors = exc.errors
        else:
            # Post/redirect/get: a reload never imports twice. The one-time passwords wait in
            # the (server-side) session until the result page shows them, once; two imports
            # before it is opened (two tabs) are both kept.
            pending = list(request.session.get(IMPORT_RESULT_KEY) or [])
            pending.append(
                {"province": province.pk, "created": result.created, "passwords": result.passwords}
            )
            request.session[IMPORT_RESULT_KEY] = pending
            return redirect("provinces:import_done", province_slug=province.slug)
    status = 400 if request.method == "POST" else 200
    return _import_page(request, province, form, errors=errors, status=status)


@require_GET
@province_admin_view
def import_done(request: HttpRequest, province: Province) -> HttpResponse:
    """The result of the last import, shown once; afterwards this address leads to the form."""
    pending = list(request.session.get(IMPORT_RESULT_KEY) or [])
    mine = [r for r in pending if r.get("province") == province.pk]
    if not mine:
        return redirect("provinces:import", province_slug=province.slug)
    rest = [r for r in pending if r.get("province") != province.pk]
    if rest:
        request.session[IMPORT_RESULT_KEY] = rest
    else:
        del request.session[IMPORT_RESULT_KEY]
    result = imports.ImportResult(
        created=sum(r["created"] for r in mine),
        passwords=[tuple(p) for r in mine for p in r["passwords"]],
    )
    response = _import_page(request, province, ImportForm(), result=result)
    response["Cache-Control"] = "no-store"  # one-time passwords may be on this page
    return response


def _import_page(
    request: HttpRequest,
    province: Province,
    form: ImportForm,
    *,
    errors: list[str] | None = None,
    result: imports.ImportResult | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "provinces/import.html",
        {
            "province": province,
            "form": form,
            "errors": errors or [],
            "result": result,
            "kinds": imports.KINDS,
        },
        status=status,
    )


@require_GET
@province_admin_view
def users(request: HttpRequest, province: Province) -> HttpResponse:
    only_absent = request.GET.get("chua-dang-nhap") == "1"
    people = list(province_user_logins(province=province, only_absent=only_absent)[:500])
    roles = user_communes(people, province)
    elsewhere = services.users_with_roles_elsewhere(people, province)
    for person in people:
        person.role_lines = roles.get(person.pk, [])  # type: ignore[attr-defined]
        person.reset_elsewhere = person.pk in elsewhere  # type: ignore[attr-defined]
    return render(
        request,
        "provinces/users.html",
        {
            "province": province,
            "people": people,
            "only_absent": only_absent,
            "days": NOT_LOGGED_IN_DAYS,
        },
    )


@require_POST
@province_admin_view
def user_reset(request: HttpRequest, province: Province, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    try:
        password = services.user_password_reset(province=province, user=user, actor=request.user)
    except ValidationError as exc:
        if exc.code != "elsewhere":
            raise Http404 from exc
        messages.error(request, exc.messages[0])
        return redirect("provinces:users", province_slug=province.slug)
    response = render(
        request,
        "provinces/password.html",
        {"province": province, "target": user, "password": password},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@province_admin_view
def defaults(request: HttpRequest, province: Province) -> HttpResponse:
    from loalang.reports.selectors import indicator_set_for_province

    current = indicator_set_for_province(province)
    initial = {
        "indicator_set": current,
        "recipients": (current.recipients if current else "").replace("{tinh}", province.name)
        or (
            f"Sở Khoa học và Công nghệ tỉnh {province.name}\n"
            f"Sở Văn hóa, Thể thao và Du lịch tỉnh {province.name}"
        ),
    }
    form = DefaultsForm(request.POST or None, province=province, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.province_defaults_set(
                province=province,
                base=form.cleaned_data["indicator_set"],
                recipients=form.cleaned_data["recipients"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã áp dụng %(s)s cho toàn tỉnh.") % {"s": chosen})
            return redirect(_home(province))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "provinces/form.html",
        {"province": province, "form": form, "title": _("Mặc định toàn tỉnh"), "current": current},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@province_admin_view
def hosts(request: HttpRequest, province: Province) -> HttpResponse:
    form = HostForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.host_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã gắn %(h)s với %(c)s.") % {"h": entry.host, "c": entry.commune.full_name},
            )
            return redirect(reverse("provinces:hosts", kwargs={"province_slug": province.slug}))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "provinces/hosts.html",
        {"province": province, "form": form, "entries": host_map(province)},
        status=status,
    )


@require_POST
@province_admin_view
def host_delete(request: HttpRequest, province: Province, pk: int) -> HttpResponse:
    entry = get_object_or_404(CommuneHost, pk=pk, commune__province=province)
    services.host_delete(entry=entry, actor=request.user)
    messages.success(request, _("Đã gỡ tên miền %(h)s.") % {"h": entry.host})
    return redirect(reverse("provinces:hosts", kwargs={"province_slug": province.slug}))


def _dashboard_rows(request: HttpRequest, province: Province):
    sort = request.GET.get("sap-xep", "ten")
    only = request.GET.get("can-chu-y") == "1"
    today = timezone.localdate()
    return (
        sort,
        only,
        province_dashboard(province=province, today=today, sort=sort, only_attention=only),
    )


@require_GET
@province_admin_view
def dashboard(request: HttpRequest, province: Province) -> HttpResponse:
    sort, only, rows = _dashboard_rows(request, province)
    return render(
        request,
        "provinces/dashboard.html",
        {
            "province": province,
            "rows": rows,
            "sort": sort if sort in SORTS else "ten",
            "only": only,
            "quiet_days": QUIET_DAYS,
            "grace_days": REPORT_GRACE_DAYS,
            "year": timezone.localdate().year,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@province_admin_view
def dashboard_export(request: HttpRequest, province: Province, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "csv"):
        raise Http404
    _sort, _only, rows = _dashboard_rows(request, province)
    content = dashboard_bytes(rows, province=province, fmt=fmt, year=timezone.localdate().year)
    ctype = XLSX_CONTENT_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="theo-doi-xa-{province.slug}.{fmt}"'
    return response
