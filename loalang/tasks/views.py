from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.files import private_file_response
from loalang.core.forms import apply_errors
from loalang.places.models import Commune
from loalang.plans.models import PlanDuty
from loalang.tasks import followup, selectors, services
from loalang.tasks.forms import ProgressForm, TaskFilterForm, TaskForm
from loalang.tasks.models import Task, TaskEvidence


def can_report(request: CommuneRequest, task: Task) -> bool:
    """Culture-Social reports on any task; others on tasks that are theirs or their unit's."""
    scope = request.scope
    user = request.user
    if scope.can(Cap.EDIT_PLAN):
        return True
    if not scope.can(Cap.LOG_ACTIVITY):
        return False
    return (
        task.assignee_user_id == user.pk
        or (user.person_id is not None and task.assignee_person_id == user.person_id)
        or (task.org_unit_id is not None and task.org_unit_id in scope.org_unit_ids)
    )


def _task(commune: Commune, pk: int) -> Task:
    try:
        return selectors.task_get(commune=commune, pk=pk)
    except Task.DoesNotExist as exc:
        raise Http404 from exc


@require_GET
@commune_view(Cap.VIEW)
def task_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = TaskFilterForm(request.GET or None, commune=commune)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "status": form.cleaned_data["status"],
            "org_unit_id": form.cleaned_data["org_unit"].pk
            if form.cleaned_data["org_unit"]
            else None,
            "assignee_user_id": request.user.pk if form.cleaned_data["mine"] else None,
        }
    tasks = selectors.task_list(commune=commune, **filters)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tasks/task_list.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.task_counts(commune=commune),
            "series": selectors.task_series_list(commune=commune),
            "can_edit": request.scope.can(Cap.EDIT_PLAN),
        },
    )


@require_GET
@commune_view(Cap.VIEW)
def task_overdue_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    today = timezone.localdate()
    tasks = list(selectors.task_list_overdue(commune=commune, today=today))
    for task in tasks:
        task.days_late = (today - task.due_on).days  # type: ignore[attr-defined,operator]
    can_edit = request.scope.can(Cap.EDIT_PLAN)
    return render(request, "tasks/task_overdue.html", {"tasks": tasks, "can_edit": can_edit})


@require_GET
@commune_view(Cap.VIEW)
def task_detail_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    task = _task(commune, pk)
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "is_overdue": task.is_overdue_on(timezone.localdate()),
            "can_report": can_report(request, task) and not task.is_series,
            "progress_form": ProgressForm(
                initial={"status": task.status, "progress_pct": task.progress_pct}
            ),
            "occurrences": task.occurrences.order_by("due_on") if task.is_series else [],
            "can_edit": request.scope.can(Cap.EDIT_PLAN),
        },
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def task_create_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = TaskForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(commune=commune, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("tasks:detail", commune_slug=commune.slug, pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": None})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def task_edit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    task = _task(commune, pk)
    form = TaskForm(request.POST or None, instance=task, commune=commune, is_edit=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "recurrence"}
        task.refresh_from_db()  # the form wrote its values onto the instance already
        try:
            services.task_update(task=task, actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect("tasks:detail", commune_slug=commune.slug, pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": task})


@require_POST
@commune_view(Cap.EDIT_PLAN)
def task_delete_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    task = _task(commune, pk)
    services.task_delete(task=task, actor=request.user)
    messages.success(request, _("Đã xoá nhiệm vụ «%(t)s».") % {"t": task.title})
    return redirect("tasks:list", commune_slug=commune.slug)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.LOG_ACTIVITY)
def task_progress_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    task = _task(commune, pk)
    if not can_report(request, task):
        raise PermissionDenied
    if task.is_series:
        raise Http404
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": task.status, "progress_pct": task.progress_pct},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["files"] = data.pop("evidence")
            services.task_report_progress(task=task, actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc, rename={"files": "evidence"})
        else:
            messages.success(request, _("Đã cập nhật tiến độ."))
            return redirect("tasks:detail", commune_slug=commune.slug, pk=task.pk)
    return render(request, "tasks/task_progress.html", {"task": task, "form": form})


@require_POST
@commune_view(Cap.EDIT_PLAN)
def task_remind_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    task = _task(commune, pk)
    try:
        reminder = followup.task_remind(
            task=task, actor=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã nhắc: %(who)s.") % {"who": reminder.recipients})
    target = request.POST.get("next", "")
    if target == "overdue":
        return redirect("tasks:overdue", commune_slug=commune.slug)
    return redirect("tasks:detail", commune_slug=commune.slug, pk=task.pk)


@require_GET
@commune_view(Cap.PERSONAL_FILES)  # task files may hold personal data: commune staff only
def task_evidence_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponseBase:
    evidence = get_object_or_404(
        TaskEvidence.objects.select_related("update__task"), pk=pk, update__task__commune=commune
    )
    return private_file_response(
        str(evidence.file.name),
        content_type=evidence.content_type,
        as_attachment=not evidence.content_type.startswith("image/"),
        filename=evidence.original_name,
    )


@require_GET
@commune_view(Cap.EDIT_PLAN)
def task_duties_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    """The duties of the commune's plans, each with its tasks or a button to make one."""
    duties = (
        PlanDuty.objects.filter(assignment__plan__commune=commune)
        .select_related("assignment__plan", "assignment__org_unit")
        .prefetch_related("tasks")
        .order_by(
            "-assignment__plan__year",
            "assignment__plan_id",
            "assignment__sort_order",
            "assignment_id",
            "sort_order",
            "id",
        )
    )
    return render(request, "tasks/task_duties.html", {"duties": duties})


@require_POST
@commune_view(Cap.EDIT_PLAN)
def task_from_duty_view(request: CommuneRequest, commune: Commune, duty_pk: int) -> HttpResponse:
    duty = get_object_or_404(
        PlanDuty.objects.select_related("assignment__plan"),
        pk=duty_pk,
        assignment__plan__commune=commune,
    )
    task = services.task_create_from_duty(duty=duty, actor=request.user)
    messages.success(request, _("Đã tạo nhiệm vụ từ kế hoạch; hãy chọn người thực hiện và hạn."))
    return redirect("tasks:edit", commune_slug=commune.slug, pk=task.pk)
