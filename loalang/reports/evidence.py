"""What a report's draft sections and its "tài liệu kiểm chứng" are built from (issue 14).

* `indicator_evidence`: for each rule indicator, how many verified activities count towards it
  and the latest few as records a reader can check — the activity's number in Loa Làng, its
  date, its form, villages, reach and how many evidence files (photos, scans, documents) it
  carries. Never its title or description: those may name a person (ADR 0073).
* `plan_shortfalls`: the year plan's targets not met, with the figure and the goal.
* `silent_villages` / `silent_themes`: villages and plan themes with no verified activity in
  the period.
* `plan_reference`: the year plan as a document ("Kế hoạch số 01/KH-UBND ngày 05/01/2023").

All read plain values into the plain dataclasses of `reports.selectors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Count, F, QuerySet

from loalang.activities.coverage import plan_for_year, target_progress
from loalang.activities.models import Activity
from loalang.core.text import format_number
from loalang.places.models import Commune, Village
from loalang.plans.models import Plan
from loalang.reports.compute import Window, _base_q
from loalang.reports.models import Indicator
from loalang.reports.rules import RULES, Source

LIMIT = 5


def _activity_line(act: Any, villages: list[str], kinds: dict[str, Any]) -> str:
    parts = [str(kinds.get(act["kind"], act["kind"]))]
    if villages:
        parts.append(", ".join(villages))
    if act["reach"]:
        parts.append(f"{format_number(act['reach'])} lượt người tiếp cận")
    files = act["n_files"]
    parts.append(f"{files} tệp minh chứng" if files else "chưa có tệp minh chứng")
    return "; ".join(parts)


def _count_and_latest(qs: QuerySet[Any, Any], source: Source) -> tuple[int, list[int]]:
    """How many distinct activities `qs` (rows of the source's table) counts, and the ids of
    the latest `LIMIT` of them: one query (a window count over the distinct activities)."""
    distinct = (
        qs.order_by().values(ev_id=F(source.path("id")), ev_on=F(source.date_field)).distinct()
    )
    sql, params = distinct.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ev.ev_id, COUNT(*) OVER () FROM ({sql}) ev"  # noqa: S608 - ORM-compiled
            " ORDER BY ev.ev_on DESC, ev.ev_id DESC LIMIT %s",
            [*params, LIMIT],
        )
        found = cursor.fetchall()
    return (found[0][1] if found else 0), [pk for pk, _total in found]


def indicator_evidence(
    indicators: Sequence[Indicator], commune: Commune, window: Window
) -> tuple[dict[str, int], dict[str, list[dict[str, Any]]]]:
    """({code: number of verified activities counted}, {code: [latest records]})."""
    counts: dict[str, int] = {}
    latest: dict[str, list[int]] = {}
    for ind in indicators:
        rule = RULES.get(ind.rule) if ind.rule else None
        if rule is None or not rule.source.is_activity_based:
            continue
        source = rule.source
        try:
            model = apps.get_model(source.model)
        except (LookupError, ValueError):
            continue
        row_q, period_q, _cum = _base_q(source, [commune.pk], window)
        qs = model.objects.filter(row_q & period_q & rule.filter_for(dict(ind.params or {})))
        counts[ind.code], latest[ind.code] = _count_and_latest(qs, source)
    wanted = {pk for pks in latest.values() for pk in pks}
    rows = {
        a["pk"]: a
        for a in Activity.objects.filter(pk__in=wanted)
        .annotate(n_files=Count("evidence", distinct=True))
        .values("pk", "kind", "held_on", "reach", "n_files")
    }
    names: dict[int, list[str]] = {}
    for act_id, name in Activity.villages.through.objects.filter(
        activity_id__in=wanted
    ).values_list("activity_id", "village__name"):
        names.setdefault(act_id, []).append(name)
    kinds = dict(Activity.Kind.choices)
    records = {
        code: [
            {
                "ref": f"HĐ-{pk}",
                "on": rows[pk]["held_on"].isoformat(),
                "summary": _activity_line(rows[pk], sorted(names.get(pk, [])), kinds),
            }
            for pk in pks
            if pk in rows
        ]
        for code, pks in latest.items()
    }
    return counts, records


def plan_for(commune: Commune, window: Window) -> Plan | None:
    return plan_for_year(commune, window.date_to.year)


def plan_reference(plan: Plan | None) -> str:
    if plan is None:
        return ""
    label = plan.type_name or "Kế hoạch"
    number = f" số {plan.number}/{plan.symbol}" if plan.number else ""
    day = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    return f"{label}{number}{day} về {plan.title}".strip()


def plan_shortfalls(plan: Plan | None, window: Window, today: dt.date) -> list[dict[str, Any]]:
    """The plan's targets not met at the end of the period (or today, if earlier)."""
    if plan is None:
        return []
    out = []
    for p in target_progress(plan=plan, today=min(window.date_to, today)):
        if p.is_met:
            continue
        if p.villages_total is not None:
            figure = f"{p.villages_met or 0}/{p.villages_total} thôn đạt"
        else:
            figure = f"đạt {format_number(p.value)}/{format_number(p.goal)}"
        out.append(
            {"label": str(p.target), "figure": figure, "window": p.window, "percent": p.percent}
        )
    return out


def silent_villages(commune: Commune, window: Window) -> list[str]:
    worked = Activity.villages.through.objects.filter(
        activity__commune=commune,
        activity__status=Activity.Status.VERIFIED,
        activity__held_on__gte=window.date_from,
        activity__held_on__lte=window.date_to,
    ).values("village_id")
    villages = Village.objects.filter(commune=commune).exclude(pk__in=worked)
    return [str(v) for v in villages.order_by("sort_order", "name")]


def silent_themes(plan: Plan | None, window: Window) -> list[str]:
    if plan is None:
        return []
    worked = Activity.themes.through.objects.filter(
        plantheme__plan=plan,
        activity__status=Activity.Status.VERIFIED,
        activity__held_on__gte=window.date_from,
        activity__held_on__lte=window.date_to,
    ).values("plantheme_id")
    themes = plan.themes.exclude(pk__in=worked).order_by("letter")
    return [f"{t.letter}) {t.short_name}" for t in themes]
