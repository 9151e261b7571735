from loalang.accounts.access import Cap
from loalang.testing.matrix import Case, World


def _plan(w: World) -> dict:
    from loalang.tasks.tests.factories import make_plan

    return {"plan_pk": make_plan(w.commune).pk}


def _source(w: World):  # type: ignore[no-untyped-def]
    from loalang.tasks.tests.factories import make_plan, make_source

    return make_source(make_plan(w.commune))


def _line(w: World, status: str = "recorded"):  # type: ignore[no-untyped-def]
    from loalang.tasks.tests.factories import make_line

    return make_line(_source(w), status=status)


def _spending(w: World) -> dict:
    from loalang.budget.models import Spending
    from loalang.tasks.tests.factories import make_activity

    line = _line(w)
    activity = make_activity(w.commune, cost_vnd=1000)
    s = Spending.objects.create(
        line=line, activity=activity, amount_vnd=1000, spent_on=activity.held_on
    )
    return {"pk": s.pk}


CASES = [
    Case("budget:index", Cap.VIEW),
    Case("budget:plan", Cap.VIEW, kwargs=_plan),
    Case("budget:source_create", Cap.EDIT_PLAN, kwargs=_plan),
    Case("budget:source_edit", Cap.EDIT_PLAN, kwargs=lambda w: {"pk": _source(w).pk}),
    Case("budget:line_create", Cap.EDIT_PLAN, kwargs=lambda w: {"source_pk": _source(w).pk}),
    Case("budget:line_edit", Cap.EDIT_PLAN, kwargs=lambda w: {"pk": _line(w, "proposed").pk}),
    Case(
        "budget:line_decide",
        Cap.APPROVE,
        method="post",
        kwargs=lambda w: {"pk": _line(w, "proposed").pk},
        data=lambda w: {"decision": "return", "decision_note": "Xem lại đơn giá"},
    ),
    Case(
        "budget:line_record",
        Cap.FINANCE,
        method="post",
        kwargs=lambda w: {"pk": _line(w, "approved").pk},
    ),
    Case("budget:spending_create", Cap.FINANCE, kwargs=lambda w: {"line_pk": _line(w).pk}),
    Case("budget:spending_delete", Cap.FINANCE, method="post", kwargs=_spending),
]
