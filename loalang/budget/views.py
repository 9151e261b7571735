from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.budget import selectors, services
from loalang.budget.forms import (
    DecideForm,
    EstimateLineForm,
    FundingSourceForm,
    RecordForm,
    SpendingForm,
)
from loalang.budget.models import EstimateLine, FundingSource, Spending
from loalang.core.forms import apply_errors
from loalang.places.models import Commune
from loalang.plans.models import Plan


def _to_plan(commune: Commune, plan_id: int) -> HttpResponse:
    return redirect("budget:plan", commune_slug=commune.slug, plan_pk=plan_id)


@require_GET
@commune_view(Cap.VIEW)
def budget_index_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    plans = list(Plan.objects.filter(commune=commune).order_by("-year", "-id"))
    if len(plans) == 1:
        return _to_plan(commune, plans[0].pk)
    return render(request, "budget/budget_index.html", {"plans": plans})


@require_GET
@commune_view(Cap.VIEW)
def budget_plan_view(request: CommuneRequest, commune: Commune, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk, commune=commune)
    scope = request.scope
    return render(
        request,
        "budget/budget_plan.html",
        {
            "summary": selectors.budget_plan_summary(plan=plan),
            "can_edit": scope.can(Cap.EDIT_PLAN),
            "can_approve": scope.can(Cap.APPROVE),
            "can_finance": scope.can(Cap.FINANCE),
        },
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def source_create_view(request: CommuneRequest, commune: Commune, plan_pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk, commune=commune)
    form = FundingSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.funding_source_create(plan=plan, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã thêm nguồn kinh phí."))
        return _to_plan(commune, plan.pk)
    return render(
        request,
        "budget/budget_form.html",
        {"form": form, "plan": plan, "heading": _("Thêm nguồn kinh phí")},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def source_edit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    source = get_object_or_404(
        FundingSource.objects.select_related("plan"), pk=pk, plan__commune=commune
    )
    form = FundingSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        source.refresh_from_db()
        services.funding_source_update(source=source, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu nguồn kinh phí."))
        return _to_plan(commune, source.plan_id)
    return render(
        request,
        "budget/budget_form.html",
        {"form": form, "plan": source.plan, "heading": _("Sửa nguồn kinh phí")},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def line_create_view(request: CommuneRequest, commune: Commune, source_pk: int) -> HttpResponse:
    source = get_object_or_404(
        FundingSource.objects.select_related("plan"), pk=source_pk, plan__commune=commune
    )
    form = EstimateLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.estimate_line_propose(source=source, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã đề xuất dòng dự toán; chờ Chủ tịch duyệt."))
        return _to_plan(commune, source.plan_id)
    heading = _("Đề xuất dự toán — %(s)s") % {"s": source.name}
    return render(
        request, "budget/budget_form.html", {"form": form, "plan": source.plan, "heading": heading}
    )


def _line(commune: Commune, pk: int) -> EstimateLine:
    return get_object_or_404(
        EstimateLine.objects.select_related("funding_source__plan"),
        pk=pk,
        funding_source__plan__commune=commune,
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def line_edit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    line = _line(commune, pk)
    form = EstimateLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        line.refresh_from_db()
        try:
            services.estimate_line_update(line=line, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu và gửi lại để duyệt."))
            return _to_plan(commune, line.funding_source.plan_id)
    return render(
        request,
        "budget/budget_form.html",
        {"form": form, "plan": line.funding_source.plan, "heading": _("Sửa dòng dự toán")},
    )


@require_POST
@commune_view(Cap.APPROVE)
def line_decide_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    line = _line(commune, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return _to_plan(commune, line.funding_source.plan_id)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.estimate_line_decide(
            line=line, actor=request.user, approve=approve, note=form.cleaned_data["decision_note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã duyệt.") if approve else _("Đã trả lại."))
    return _to_plan(commune, line.funding_source.plan_id)


@require_POST
@commune_view(Cap.FINANCE)
def line_record_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    line = _line(commune, pk)
    form = RecordForm(request.POST)
    form.is_valid()
    try:
        services.estimate_line_record(
            line=line, actor=request.user, voucher_ref=form.cleaned_data.get("voucher_ref", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ghi sổ dòng dự toán."))
    return _to_plan(commune, line.funding_source.plan_id)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.FINANCE)
def spending_create_view(request: CommuneRequest, commune: Commune, line_pk: int) -> HttpResponse:
    line = _line(commune, line_pk)
    form = SpendingForm(request.POST or None, activities=selectors.spendable_activities(line=line))
    if request.method == "POST" and form.is_valid():
        try:
            services.spending_record(line=line, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi khoản chi."))
            return _to_plan(commune, line.funding_source.plan_id)
    return render(
        request,
        "budget/spending_form.html",
        {
            "form": form,
            "line": line,
            "spent_vnd": services.line_spent_vnd(line),
            "spendings": selectors.spending_list(line=line),
        },
    )


@require_POST
@commune_view(Cap.FINANCE)
def spending_delete_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    spending = get_object_or_404(
        Spending.objects.select_related("line__funding_source__plan"),
        pk=pk,
        line__funding_source__plan__commune=commune,
    )
    line_pk = spending.line_id
    services.spending_delete(spending=spending, actor=request.user)
    messages.success(request, _("Đã xoá khoản chi."))
    return redirect("budget:spending_create", commune_slug=commune.slug, line_pk=line_pk)
