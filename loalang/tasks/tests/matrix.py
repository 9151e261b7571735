from loalang.accounts.access import Cap
from loalang.testing.matrix import Case, World


def _task(w: World) -> dict:
    from loalang.tasks.tests.factories import make_task

    return {"pk": make_task(w.commune, org_unit=w.org_unit).pk}


def _duty(w: World) -> dict:
    from loalang.tasks.tests.factories import make_duty, make_plan

    return {"duty_pk": make_duty(make_plan(w.commune)).pk}


def _evidence(w: World) -> dict:
    from django.core.files.base import ContentFile

    from loalang.tasks.models import TaskEvidence, TaskUpdate
    from loalang.tasks.tests.factories import make_task

    update = TaskUpdate.objects.create(task=make_task(w.commune), status="in_progress")
    e = TaskEvidence(
        update=update, original_name="a.pdf", content_type="application/pdf", size_bytes=9
    )
    e.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    e.save()
    return {"pk": e.pk}


CASES = [
    Case("tasks:list", Cap.VIEW),
    Case("tasks:overdue", Cap.VIEW),
    Case("tasks:create", Cap.EDIT_PLAN),
    Case("tasks:duties", Cap.EDIT_PLAN),
    Case("tasks:from_duty", Cap.EDIT_PLAN, method="post", kwargs=_duty),
    Case("tasks:detail", Cap.VIEW, kwargs=_task),
    Case("tasks:edit", Cap.EDIT_PLAN, kwargs=_task),
    Case("tasks:delete", Cap.EDIT_PLAN, method="post", kwargs=_task),
    # Progress: Culture-Social on any task; others only on their own or their unit's task
    # (this one belongs to the org rep's unit).
    Case(
        "tasks:progress", Cap.LOG_ACTIVITY, kwargs=_task, allowed=frozenset({"culture", "org_rep"})
    ),
    Case("tasks:remind", Cap.EDIT_PLAN, method="post", kwargs=_task),
    Case("tasks:evidence", Cap.PERSONAL_FILES, kwargs=_evidence),
]
