"""Spreadsheet import of activities (ADR 0026)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.activities.imports import MAX_BYTES, activities_import, template_xlsx
from loalang.activities.views import url
from loalang.places.models import Commune

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@commune_view(Cap.VERIFY)
def import_page(request: CommuneRequest, commune: Commune) -> HttpResponse:
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Hãy chọn tệp CSV hoặc Excel (.xlsx)."))
        elif (upload.size or 0) > MAX_BYTES:
            messages.error(request, _("Tệp quá lớn (tối đa 5 MB)."))
        else:
            result = activities_import(commune=commune, actor=request.user, data=upload.read())
            if result.ok:
                messages.success(
                    request,
                    _("Đã nhập %(n)s hoạt động; các hoạt động chờ xác nhận.")
                    % {"n": len(result.created)},
                )
                return redirect(url("list", commune) + "?status=reported")
    return render(request, "activities/import.html", {"result": result})


@require_GET
@commune_view(Cap.VERIFY)
def import_template(request: CommuneRequest, commune: Commune) -> HttpResponse:
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-hoat-dong.xlsx"'
    return response
