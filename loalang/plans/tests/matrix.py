from loalang.accounts.access import Cap
from loalang.plans.tests.factories import make_plan
from loalang.testing.matrix import Case


def _plan(status: str = "draft"):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": make_plan(w.commune, status=status).pk}


def _issued(w):  # type: ignore[no-untyped-def]
    import datetime as dt

    from loalang.plans.services import plan_issue

    plan = make_plan(w.commune, status="approved")
    return {"pk": plan_issue(plan=plan, actor=None, issued_on=dt.date(2024, 1, 5)).pk}


def _draft(w):  # type: ignore[no-untyped-def]
    from loalang.plans.import_services import plan_import_start

    draft = plan_import_start(commune=w.commune, actor=None, text="KẾ HOẠCH\nTruyền thông 2025")
    return {"pk": draft.pk}


CASES = [
    Case("plans:list", Cap.VIEW),
    Case("plans:create", Cap.EDIT_PLAN),
    Case("plans:import", Cap.EDIT_PLAN),
    Case("plans:import_review", Cap.EDIT_PLAN, kwargs=_draft),
    Case("plans:import_discard", Cap.EDIT_PLAN, method="post", kwargs=_draft),
    Case("plans:detail", Cap.VIEW, kwargs=_plan()),
    Case("plans:preview", Cap.VIEW, kwargs=_plan()),
    Case("plans:docx", Cap.VIEW, kwargs=_plan()),
    Case("plans:pdf", Cap.VIEW, kwargs=_plan()),
    Case("plans:history", Cap.VIEW, kwargs=_plan()),
    Case("plans:edit_header", Cap.EDIT_PLAN, kwargs=_plan()),
    Case(
        "plans:edit_section",
        Cap.EDIT_PLAN,
        kwargs=lambda w: {**_plan()(w), "section": "themes"},
    ),
    Case("plans:submit", Cap.EDIT_PLAN, method="post", kwargs=_plan()),
    Case("plans:approve", Cap.APPROVE, method="post", kwargs=_plan("submitted")),
    Case(
        "plans:return",
        Cap.APPROVE,
        method="post",
        kwargs=_plan("submitted"),
        data=lambda w: {"note": "Bổ sung chỉ tiêu."},
    ),
    Case("plans:issue", Cap.APPROVE, method="post", kwargs=_plan("approved")),
    Case("plans:close", Cap.EDIT_PLAN, method="post", kwargs=_issued),
    Case("plans:new_version", Cap.EDIT_PLAN, method="post", kwargs=_issued),
    Case("plans:copy", Cap.EDIT_PLAN, method="post", kwargs=_plan()),
    Case("plans:delete", Cap.EDIT_PLAN, method="post", kwargs=_plan()),
    Case("plans:publish", Cap.EDIT_PORTAL, method="post", kwargs=_issued),
]
