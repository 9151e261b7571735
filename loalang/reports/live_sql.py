"""Hand-written SQL for the sources not tied to activities: portal questions, the spending book.

They are small tables read live on every report, and the ORM spent three times longer
building their conditional aggregates than the database spent running them (ADR 0075). Each
builder returns exactly the rows `compute._run_source` would (same group keys, `p__n`,
`p<i>`/`c<i>` names, NULL semantics), or None when one of its indicators uses a rule it does
not know, which sends the source back to the ORM. `reports/tests/test_facts.py` checks the two
paths give the same numbers.

Dates: a question's answer date is its local date (settings.TIME_ZONE), so "answered on or
after D" is "answered_at >= local midnight of D" (also index-friendly).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.db import connection
from django.utils import timezone

Rows = list[dict[str, Any]]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _date(day: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(day)


def _midnight(day: dt.date) -> Any:
    """The aware start of `day` in the local time zone, as the database compares it."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return connection.ops.adapt_datetimefield_value(moment)


def _run(sql: str, params: list[Any], names: list[str]) -> Rows:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(["__key", *names], record, strict=True)) for record in cursor.fetchall()]


def _windows(window: Any, with_cum: bool) -> list[tuple[str, dt.date]]:
    return [("p", window.date_from)] + ([("c", window.cum_from)] if with_cum else [])


def question_rows(
    items: Sequence[Any], commune_ids: Sequence[int], window: Any, group_by: str, with_cum: bool
) -> Rows | None:
    if group_by != "commune" or any(i.rule.code != "feedback_answered" for i in items):
        return None
    table = apps.get_model("portal.Question")._meta.db_table
    select, params, names = ["COUNT(*)"], [], ["p__n"]
    end = _midnight(window.date_to + dt.timedelta(days=1))
    for item in items:
        for prefix, start in _windows(window, with_cum):
            select.append(
                "COUNT(CASE WHEN answered_at IS NOT NULL AND answered_at >= %s"
                " AND answered_at < %s THEN 1 END)"
            )
            params += [_midnight(start), end]
            names.append(f"{prefix}{item.index}")
    ids = list(commune_ids)
    sql = (
        f"SELECT commune_id, {', '.join(select)} FROM {table}"  # noqa: S608 - model names
        f" WHERE commune_id IN ({_marks(ids)}) AND created_at < %s GROUP BY commune_id"
    )
    return _run(sql, [*params, *ids, end], names)


def spending_rows(
    items: Sequence[Any], commune_ids: Sequence[int], window: Any, group_by: str, with_cum: bool
) -> Rows | None:
    if any(i.rule.code != "budget_spent" for i in items):
        return None
    spending = apps.get_model("budget.Spending")._meta.db_table
    line = apps.get_model("budget.EstimateLine")._meta.db_table
    source = apps.get_model("budget.FundingSource")._meta.db_table
    activity_model = apps.get_model("activities.Activity")
    activity = activity_model._meta.db_table
    joins = (
        f" JOIN {activity} a ON a.id = s.activity_id"
        f" JOIN {line} l ON l.id = s.line_id"
        f" JOIN {source} f ON f.id = l.funding_source_id"
    )
    group = "a.commune_id"
    if group_by in ("village", "theme"):
        m2m = activity_model.villages if group_by == "village" else activity_model.themes
        through = m2m.through._meta.db_table
        column = "village_id" if group_by == "village" else "plantheme_id"
        joins += f" LEFT JOIN {through} g ON g.activity_id = a.id"
        group = f"g.{column}"
    select, params, names = ["COUNT(s.id)"], [], ["p__n"]
    to = _date(window.date_to)
    for item in items:
        kind = (item.params or {}).get("source_kind")
        for prefix, start in _windows(window, with_cum):
            cond = "a.status = %s AND s.spent_on >= %s AND s.spent_on <= %s"
            args: list[Any] = ["verified", _date(start), to]
            if kind:
                cond += " AND f.kind = %s"
                args.append(kind)
            select.append(f"SUM(CASE WHEN {cond} THEN s.amount_vnd END)")
            params += args
            names.append(f"{prefix}{item.index}")
    ids = list(commune_ids)
    sql = (
        f"SELECT {group}, {', '.join(select)} FROM {spending} s{joins}"  # noqa: S608 - model names
        f" WHERE a.commune_id IN ({_marks(ids)}) AND s.spent_on <= %s GROUP BY {group}"
    )
    return _run(sql, [*params, *ids, to], names)


BUILDERS: dict[str, Callable[..., Rows | None]] = {
    "question": question_rows,
    "spending": spending_rows,
}
