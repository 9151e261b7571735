"""Writes to tasks: create (standalone or from a plan duty), edit, report progress.

Reminders and the daily digest are in `followup.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.files import private_storage
from loalang.tasks.evidence import MAX_FILES, CheckedFile, check_upload, storage_name
from loalang.tasks.models import Task, TaskEvidence, TaskUpdate
from loalang.tasks.recurrence import occurrence_dates, occurrence_label

# Fields a caller may set on create/edit; anything else is rejected loudly.
EDITABLE = (
    "title",
    "description",
    "plan",
    "org_unit",
    "assignee_user",
    "assignee_person",
    "starts_on",
    "due_on",
    "recurrence",
    "repeat_until",
)


def _check_same_commune(task: Task) -> None:
    """Every related record must belong to the task's commune (no cross-commune links)."""
    from loalang.accounts.models import Membership

    errors = {}
    if task.plan is not None and task.plan.commune_id != task.commune_id:
        errors["plan"] = _("Kế hoạch không thuộc xã này.")
    if task.org_unit is not None and task.org_unit.commune_id != task.commune_id:
        errors["org_unit"] = _("Đơn vị không thuộc xã này.")
    if task.assignee_person is not None and task.assignee_person.commune_id != task.commune_id:
        errors["assignee_person"] = _("Người thực hiện không thuộc xã này.")
    if (
        task.assignee_user_id
        and not Membership.objects.filter(
            user_id=task.assignee_user_id, commune_id=task.commune_id, is_active=True
        ).exists()
    ):
        errors["assignee_user"] = _("Tài khoản này không có vai trò ở xã này.")
    if errors:
        raise ValidationError(errors)


def _sync_occurrences(series: Task, *, actor: Any) -> None:
    """Create the occurrences the rule calls for; drop untouched ones the rule no longer has."""
    # Task.clean() guarantees both dates on a series.
    assert series.starts_on is not None and series.repeat_until is not None
    wanted = set(occurrence_dates(series.recurrence, series.starts_on, series.repeat_until))
    if not wanted:
        raise ValidationError(
            {"repeat_until": _("Không có kỳ nào trọn trong khoảng thời gian này.")}
        )
    existing = {t.due_on: t for t in series.occurrences.all()}
    for due_on, occ in existing.items():
        untouched = occ.status == Task.Status.NOT_STARTED and not occ.updates.exists()
        if due_on not in wanted and untouched:
            occ.delete()
    for due_on in sorted(wanted - set(existing)):
        occ = Task(
            commune=series.commune,
            plan=series.plan,
            duty=series.duty,
            series=series,
            title=f"{series.title} — {occurrence_label(series.recurrence, due_on)}"[:300],
            description=series.description,
            org_unit=series.org_unit,
            assignee_user=series.assignee_user,
            assignee_person=series.assignee_person,
            due_on=due_on,
            created_by=series.created_by,
            is_sample=series.is_sample,
        )
        occ.full_clean()
        occ.save()
    # Occurrences follow the series' responsible people while nobody has started them.
    series.occurrences.filter(status=Task.Status.NOT_STARTED).update(
        org_unit=series.org_unit,
        assignee_user=series.assignee_user,
        assignee_person=series.assignee_person,
        plan=series.plan,
    )


@transaction.atomic
def task_create(*, commune: Any, actor: Any, title: str, duty: Any = None, **fields: Any) -> Task:
    """Create a task (or a recurring series and all its occurrences) in `commune`.

    A series needs starts_on and repeat_until; its due date is ignored.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"task_create got unknown fields {sorted(unknown)}")
    task = Task(commune=commune, title=title, duty=duty, created_by=_user(actor), **fields)
    if task.recurrence:
        task.due_on = None
    task.full_clean()
    _check_same_commune(task)
    task.save()
    if task.recurrence:
        _sync_occurrences(task, actor=actor)
    audit_log(actor=actor, verb="task.created", target=task, commune=commune)
    return task


def task_create_from_duty(*, duty: Any, actor: Any, **fields: Any) -> Task:
    """A task for one duty of a plan's "IV. Tổ chức thực hiện": the duty's text is the title,
    its unit the responsible unit, and (unless given) the due date is the plan year's end."""
    assignment = duty.assignment
    plan = assignment.plan
    text = " ".join(duty.text.split())
    fields.setdefault("title", text if len(text) <= 300 else text[:299] + "…")
    fields.setdefault("description", duty.text)
    fields.setdefault("plan", plan)
    fields.setdefault("org_unit", assignment.org_unit)
    if not fields.get("recurrence"):
        fields.setdefault("due_on", dt.date(plan.year, 12, 31))
    title = fields.pop("title")
    return task_create(commune=plan.commune, actor=actor, title=title, duty=duty, **fields)


@transaction.atomic
def task_update(*, task: Task, actor: Any, **fields: Any) -> Task:
    """Edit a task's plan, people and dates. Editing a series re-syncs its occurrences."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"task_update got unknown fields {sorted(unknown)}")
    if task.series_id and fields.get("recurrence"):
        raise ValidationError({"recurrence": _("Một lần thực hiện không thể tự lặp lại.")})
    if "recurrence" in fields and bool(fields["recurrence"]) != task.is_series:
        raise ValidationError(
            {"recurrence": _("Không đổi được nhiệm vụ một lần thành định kỳ hoặc ngược lại.")}
        )
    before = snapshot(task)
    for name, value in fields.items():
        setattr(task, name, value)
    if task.recurrence:
        task.due_on = None
    task.full_clean()
    _check_same_commune(task)
    task.save()
    if task.recurrence:
        _sync_occurrences(task, actor=actor)
    audit_log(actor=actor, verb="task.updated", target=task, commune=task.commune, before=before)
    return task


@transaction.atomic
def task_delete(*, task: Task, actor: Any) -> None:
    """Delete a task (a series takes its occurrences with it) and its evidence files."""
    names = list(
        TaskEvidence.objects.filter(update__task__in=[task, *task.occurrences.all()]).values_list(
            "file", flat=True
        )
    )
    before = snapshot(task)
    audit_log(actor=actor, verb="task.deleted", target=task, commune=task.commune, before=before)
    task.delete()

    def delete_files() -> None:
        for name in names:
            private_storage().delete(name)

    transaction.on_commit(delete_files)


def task_report_progress(
    *,
    task: Task,
    actor: Any,
    status: str,
    progress_pct: int | None = None,
    note: str = "",
    files: Sequence[Any] = (),
    today: dt.date | None = None,
) -> TaskUpdate:
    """Record progress on a task: its new status and percentage, a note, evidence files.

    All or nothing: every file is checked (by content) before anything is written, and files
    already stored are deleted again if the database write fails. "Done" sets 100 % and the
    completion date; "blocked" needs a note saying what is in the way.
    """
    if task.is_series:
        raise ValidationError(_("Cập nhật tiến độ cho từng kỳ, không cho cả nhiệm vụ định kỳ."))
    if status not in Task.Status.values:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if status == Task.Status.BLOCKED and not note.strip():
        raise ValidationError({"note": _("Hãy ghi rõ vướng mắc để lãnh đạo biết và tháo gỡ.")})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Tối đa %(n)d tệp mỗi lần.") % {"n": MAX_FILES}})
    errors = []
    checked: list[CheckedFile] = []
    for upload in files:
        try:
            checked.append(check_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"files": errors})
    if progress_pct is None:
        progress_pct = task.progress_pct
    if status == Task.Status.DONE:
        progress_pct = 100
    if not 0 <= progress_pct <= 100:
        raise ValidationError({"progress_pct": _("Tiến độ từ 0 đến 100%.")})
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _write_progress(task, actor, status, progress_pct, note, checked, stored, today)
    except Exception:
        for name in stored:
            private_storage().delete(name)
        raise


def _write_progress(
    task: Task,
    actor: Any,
    status: str,
    progress_pct: int,
    note: str,
    checked: list[CheckedFile],
    stored: list[str],
    today: dt.date | None,
) -> TaskUpdate:
    before = snapshot(task)
    update = TaskUpdate(
        task=task, author=_user(actor), note=note.strip(), status=status, progress_pct=progress_pct
    )
    update.full_clean()
    update.save()
    for item in checked:
        evidence = TaskEvidence(
            update=update,
            original_name=item.original_name,
            content_type=item.content_type,
            size_bytes=len(item.content),
        )
        evidence.file.save(storage_name(item), ContentFile(item.content), save=False)
        stored.append(str(evidence.file.name))
        evidence.full_clean()
        evidence.save()
    task.status = status
    task.progress_pct = progress_pct
    if status == Task.Status.DONE:
        task.completed_on = task.completed_on or today or timezone.localdate()
    else:
        task.completed_on = None
    task.full_clean()
    task.save()
    audit_log(
        actor=actor,
        verb="task.progress_reported",
        target=task,
        commune=task.commune,
        before=before,
    )
    return update


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
