"""Staff pages for plans: list, create, detail, section editors, preview, downloads,
lifecycle actions, revision history. Import pages live in import_views.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import apply_errors, flash_errors
from loalang.documents.forms import IssueForm
from loalang.documents.render import render_body_html, render_docx
from loalang.people.models import OrgUnit
from loalang.places.models import Commune, Village
from loalang.plans import services
from loalang.plans.checks import plan_problems
from loalang.plans.data import plan_data, section_key
from loalang.plans.forms import (
    SECTIONS,
    HeaderForm,
    PlanCreateForm,
    initial_items,
    items_from,
    section_formset,
)
from loalang.plans.models import Plan, PlanRevision
from loalang.plans.selectors import (
    plan_filename,
    plan_get,
    plan_list,
    plan_official_document,
    plan_pdf_bytes,
    plan_revision_list,
    revision_diff,
)
from loalang.plans.templates_builtin import template_data


def _plan(commune: Commune, pk: int) -> Plan:
    try:
        return plan_get(commune=commune, pk=pk)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


def _detail(plan: Plan) -> Any:
    return redirect("plans:detail", commune_slug=plan.commune.slug, pk=plan.pk)


@require_GET
@commune_view(Cap.VIEW)
def plan_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    plans = plan_list(commune=commune)
    can_edit = request.scope.can(Cap.EDIT_PLAN)
    return render(request, "plans/plan_list.html", {"plans": plans, "can_edit": can_edit})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_create_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = PlanCreateForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["start"] == "copy":
                plan = services.plan_copy_for_year(plan=d["source"], actor=request.user,
                                                   year=d["year"])  # fmt: skip
            elif d["start"] == "template":
                data = template_data(commune=commune, title=d["title"], year=d["year"])
                plan = services.plan_create_from_data(
                    commune=commune, actor=request.user, data=data, verb="plan.created"
                )
            else:
                plan = services.plan_create(commune=commune, actor=request.user,
                                            title=d["title"], year=d["year"])  # fmt: skip
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo kế hoạch."))
            return _detail(plan)
    return render(request, "plans/plan_create.html", {"form": form})


@require_GET
@commune_view(Cap.VIEW)
def plan_detail_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    data = plan_data(plan)
    problems = plan_problems(data) if plan.is_editable else {}
    scope = request.scope
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "data": data,
            "problems": problems,
            "sections": [(key, title) for key, (title, _form) in SECTIONS.items()],
            "can_edit": scope.can(Cap.EDIT_PLAN),
            "can_approve": scope.can(Cap.APPROVE),
            "can_publish": scope.can(Cap.EDIT_PORTAL),
            "today": dt.date.today(),
            "next_year_plan": Plan.objects.filter(commune=commune, year=plan.year + 1)
            .exclude(status=Plan.Status.SUPERSEDED)
            .first(),
        },
    )


@require_GET
@commune_view(Cap.VIEW)
def plan_preview_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    html = render_body_html(plan_official_document(plan))
    return render(request, "plans/plan_preview.html", {"plan": plan, "document_html": html})


@require_GET
@commune_view(Cap.VIEW)
def plan_docx_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    response = HttpResponse(
        render_docx(plan_official_document(plan)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{plan_filename(plan, "docx")}"'
    return response


@require_GET
@commune_view(Cap.VIEW)
def plan_pdf_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """The issued plan's signed PDF when the clerk attached one (the legal version); else the
    PDF rendered from the plan (drafts marked DỰ THẢO)."""
    plan = _plan(commune, pk)
    response = HttpResponse(plan_pdf_bytes(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plan_filename(plan, "pdf")}"'
    return response


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_header_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    if not plan.is_editable:
        messages.error(request, _("Kế hoạch này không sửa được nữa; hãy tạo phiên bản mới."))
        return _detail(plan)
    form = HeaderForm(request.POST or None, initial=HeaderForm.initial_from(plan_data(plan)))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update_section(plan=plan, actor=request.user, section="header",
                                         value=form.to_value())  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return _detail(plan)
    return render(request, "plans/plan_header.html", {"plan": plan, "form": form})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_section_view(
    request: CommuneRequest, commune: Commune, pk: int, section: str
) -> HttpResponse:
    key = section_key(section)
    if key is None or key not in SECTIONS:
        raise Http404
    plan = _plan(commune, pk)
    if not plan.is_editable:
        messages.error(request, _("Kế hoạch này không sửa được nữa; hãy tạo phiên bản mới."))
        return _detail(plan)
    units = list(OrgUnit.objects.filter(commune=commune).values_list("pk", "name"))
    villages = (
        [(v.pk, str(v)) for v in Village.objects.filter(commune=commune)]
        if section == "targets"
        else []
    )
    initial = initial_items(section, plan_data(plan)[key])
    formset = section_formset(section, data=request.POST or None, initial=initial, units=units,
                              villages=villages)  # fmt: skip
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            services.plan_update_section(plan=plan, actor=request.user, section=section,
                                         value=items_from(section, formset))  # fmt: skip
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã lưu."))
            return _detail(plan)
    return render(
        request,
        "plans/plan_section.html",
        {"plan": plan, "formset": formset, "section": section,
         "title": SECTIONS[section][0], "error": error},
    )  # fmt: skip


# --- lifecycle -------------------------------------------------------------------------------


def _action(request: CommuneRequest, plan: Plan, fn: Any, done: str, **kwargs: Any) -> HttpResponse:
    try:
        result = fn(plan=plan, actor=request.user, **kwargs)
    except ValidationError as exc:
        flash_errors(request, exc)
        return _detail(plan)
    messages.success(request, done)
    return _detail(result if isinstance(result, Plan) else plan)


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_submit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    return _action(request, plan, services.plan_submit, _("Đã trình duyệt kế hoạch."))


@require_POST
@commune_view(Cap.APPROVE)
def plan_approve_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    note = request.POST.get("note", "")[:2000]
    return _action(request, plan, services.plan_approve, _("Đã duyệt kế hoạch."), note=note)


@require_POST
@commune_view(Cap.APPROVE)
def plan_return_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    note = request.POST.get("note", "").strip()[:2000]
    if not note:
        messages.error(request, _("Hãy ghi lý do trả lại để bộ phận soạn thảo sửa."))
        return _detail(plan)
    return _action(request, plan, services.plan_return, _("Đã trả lại dự thảo."), note=note)


@require_POST
@commune_view(Cap.APPROVE)
def plan_issue_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """Issue with the number and date from the committee's register and the signed PDF (or,
    where the commune has no other register, the next number of Loa Làng's counter)."""
    plan = _plan(commune, pk)
    form = IssueForm(request.POST, request.FILES, from_register=commune.numbers_from_register)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _detail(plan)
    d = form.cleaned_data
    return _action(
        request, plan, services.plan_issue, _("Đã ban hành kế hoạch."),
        issued_on=d.get("issued_on"), number=d.get("number") or None,
        signed_pdf=d.get("signed_pdf"),
    )  # fmt: skip


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_close_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    return _action(request, plan, services.plan_close, _("Đã kết thúc kế hoạch."))


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_new_version_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    return _action(request, plan, services.plan_new_version,
                   _("Đã tạo phiên bản mới để sửa; bản đã ban hành giữ nguyên."))  # fmt: skip


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_copy_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    existing = (
        Plan.objects.filter(commune=commune, year=plan.year + 1)
        .exclude(status=Plan.Status.SUPERSEDED)
        .first()
    )
    if existing:
        messages.warning(
            request,
            _("Năm %(y)s đã có kế hoạch “%(t)s”; bản sao này là một dự thảo riêng.")
            % {"y": plan.year + 1, "t": existing.title},
        )
    return _action(request, plan, services.plan_copy_for_year,
                   _("Đã sao chép sang năm sau."), year=plan.year + 1)  # fmt: skip


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_delete_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    try:
        services.plan_delete(plan=plan, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
        return _detail(plan)
    messages.success(request, _("Đã xoá dự thảo."))
    return redirect("plans:list", commune_slug=commune.slug)


@require_POST
@commune_view(Cap.EDIT_PORTAL)
def plan_publish_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """Put the issued plan on the public documents page (Decree 42/2022)."""
    plan = _plan(commune, pk)
    try:
        services.plan_publish(plan=plan, actor=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Đã đăng kế hoạch lên cổng thông tin."))
    return _detail(plan)


# --- history ---------------------------------------------------------------------------------


@require_GET
@commune_view(Cap.VIEW)
def plan_history_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    plan = _plan(commune, pk)
    revisions = list(plan_revision_list(plan=plan))
    by_number = {r.number: r for r in revisions}
    diff, new, old = None, None, None
    try:
        new_no = int(request.GET.get("b") or (revisions[0].number if revisions else 0))
        old_no = int(request.GET.get("a") or max(new_no - 1, 0))
    except ValueError:
        new_no = old_no = 0
    new, old = by_number.get(new_no), by_number.get(old_no)
    if new and old:
        diff = revision_diff(old.data, new.data)
    elif new and not old and isinstance(new, PlanRevision):
        diff = revision_diff(new.data, new.data)
    return render(
        request,
        "plans/plan_history.html",
        {"plan": plan, "revisions": revisions, "diff": diff, "new": new, "old": old},
    )
