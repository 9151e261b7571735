"""Staff pages for reports, under /app/<commune>/bao-cao/. Thin: forms, services, selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.files import private_file_response
from loalang.core.forms import apply_errors, flash_errors
from loalang.places.models import Commune
from loalang.reports import services
from loalang.reports.charts import CHARTS
from loalang.reports.document import build_document
from loalang.reports.forms import ManualValuesForm, ReportCreateForm, ReportEditForm
from loalang.reports.models import Report
from loalang.reports.selectors import (
    report_changes,
    report_data,
    report_get,
    report_list,
    report_manual,
)

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _detail(commune: Commune, report: Report) -> HttpResponse:
    return redirect("reports:detail", commune_slug=commune.slug, pk=report.pk)


@require_GET
@commune_view(Cap.VIEW)
def index(request: CommuneRequest, commune: Commune) -> HttpResponse:
    reports = list(report_list(commune=commune)[:200])
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "can_report": request.scope.can(Cap.REPORT)},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.REPORT)
def create(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            report = services.report_create(
                commune=commune,
                actor=request.user,
                kind=d["kind"],
                period=d["period"],
                date_from=d["date_from"],
                date_to=d["date_to"],
                title=d["title"],
                recipients=d["recipients"],
                request_reference=d["request_reference"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Đã tạo dự thảo báo cáo; phần kết quả được soạn sẵn từ số liệu.")
            )
            return _detail(commune, report)
    return render(request, "reports/report_create.html", {"form": form})


@require_GET
@commune_view(Cap.VIEW)
def detail(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    report = report_get(commune=commune, pk=pk)
    data = report_data(report)
    can_report = request.scope.can(Cap.REPORT)
    manual_form = None
    if report.is_editable and can_report:
        indicators = list(
            report.indicator_set.indicators.filter(rule="").order_by("sort_order", "id")
        )
        manual_form = ManualValuesForm(indicators=indicators, initial_values=report_manual(report))
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "data": data,
            "can_report": can_report,
            "can_approve": request.scope.can(Cap.APPROVE),
            "manual_form": manual_form,
            "charts": [(name, caption) for name, (_f, caption) in CHARTS.items()],
            "unfinished": [] if report.is_issued else services.unfinished_sections(report),
        },
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.REPORT)
def edit(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    report = report_get(commune=commune, pk=pk)
    if not report.is_editable:
        messages.error(request, _("Chỉ sửa được báo cáo đang ở trạng thái dự thảo."))
        return _detail(commune, report)
    form = ReportEditForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(report=report, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return _detail(commune, report)
    return render(request, "reports/report_edit.html", {"form": form, "report": report})


@require_POST
@commune_view(Cap.REPORT)
def manual(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    report = report_get(commune=commune, pk=pk)
    indicators = list(report.indicator_set.indicators.filter(rule="").order_by("sort_order", "id"))
    form = ManualValuesForm(request.POST, indicators=indicators, initial_values={})
    if not form.is_valid():
        data = report_data(report)
        return render(
            request,
            "reports/report_detail.html",
            {
                "report": report,
                "data": data,
                "can_report": True,
                "manual_form": form,
                "can_approve": request.scope.can(Cap.APPROVE),
                "charts": [(name, caption) for name, (_f, caption) in CHARTS.items()],
            },
            status=400,
        )
    try:
        services.report_set_manual(report=report, actor=request.user, values=form.values())
        messages.success(request, _("Đã lưu số liệu nhập tay."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return _detail(commune, report)


def _action(request: CommuneRequest, commune: Commune, pk: int, fn, done: str) -> HttpResponse:
    report = report_get(commune=commune, pk=pk)
    try:
        fn(report=report, actor=request.user)
        messages.success(request, done)
    except ValidationError as exc:
        flash_errors(request, exc)
    return _detail(commune, report)


@require_POST
@commune_view(Cap.REPORT)
def redraft(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    return _action(
        request,
        commune,
        pk,
        services.report_redraft_results,
        _("Đã soạn lại phần kết quả từ số liệu hiện có."),
    )


@require_POST
@commune_view(Cap.REPORT)
def submit(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    return _action(request, commune, pk, services.report_submit, _("Đã trình Chủ tịch duyệt."))


@require_POST
@commune_view(Cap.APPROVE)
def send_back(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """Send the report back to its author with the Chair's comment (the author is told)."""
    note = request.POST.get("note", "")[:2000]

    def send(*, report: Report, actor: Any) -> Report:
        return services.report_return(report=report, actor=actor, note=note)

    return _action(request, commune, pk, send, _("Đã trả lại dự thảo để sửa."))


@require_POST
@commune_view(Cap.APPROVE)
def issue(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """Approve and issue with the signer on the report; the number and date from the
    committee's register and the signed PDF where the commune keeps one (else Loa Làng's
    counter and today)."""
    from loalang.documents.forms import IssueForm

    form = IssueForm(request.POST, request.FILES, from_register=commune.numbers_from_register)
    if not form.is_valid():
        report = report_get(commune=commune, pk=pk)
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _detail(commune, report)
    d = form.cleaned_data

    def fn(*, report: Report, actor) -> Report:
        return services.report_issue(
            report=report, actor=actor, today=d.get("issued_on"),
            number=d.get("number") or None, signed_pdf=d.get("signed_pdf"),
        )  # fmt: skip

    return _action(request, commune, pk, fn, _("Đã duyệt và ban hành báo cáo."))


@require_GET
@commune_view(Cap.VIEW)
def download(request: CommuneRequest, commune: Commune, pk: int, fmt: str) -> HttpResponseBase:
    """An issued report: exactly the stored file. A draft: rendered now, marked DỰ THẢO."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    report = report_get(commune=commune, pk=pk)
    stem = (
        f"bao-cao-{report.number:02d}-{report.number_year}"
        if report.number
        else f"du-thao-bao-cao-{report.pk}"
    )
    stored = getattr(report, f"{fmt}_file")
    if fmt == "pdf" and report.is_issued and report.signed_pdf:
        stored = report.signed_pdf  # the signed version is the legal document
    if report.is_issued and stored:
        return private_file_response(
            str(stored.name), filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt]
        )
    data = report_data(report)
    if fmt == "xlsx":
        from loalang.reports.xlsx import report_xlsx

        content = report_xlsx(data, title=report.title, number_label=report.number_label)
    else:
        from loalang.documents.render import render_docx, render_pdf
        from loalang.reports.charts import all_charts

        doc = build_document(services.report_meta(report), data, all_charts(data))
        content = render_docx(doc) if fmt == "docx" else render_pdf(doc)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@require_GET
@commune_view(Cap.VIEW)
def chart(request: CommuneRequest, commune: Commune, pk: int, name: str) -> HttpResponse:
    if name not in CHARTS:
        raise Http404
    report = report_get(commune=commune, pk=pk)
    png = CHARTS[name][0](report_data(report))
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
@commune_view(Cap.VIEW)
def changes(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    report = report_get(commune=commune, pk=pk)
    if not report.is_issued:
        raise Http404
    return render(
        request,
        "reports/report_changes.html",
        {"report": report, "changes": report_changes(report)},
    )
