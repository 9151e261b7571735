"""Compute indicator values with SQL aggregates: one query per source table (ADR 0070).

Every indicator of a set becomes two conditional aggregates (period, cumulative) in the one
query of its source, grouped by commune, village or theme. Nothing loops over rows in Python.

Activity-based sources are read from the monthly facts (`reports.facts`, ADR 0075) for the
whole months that are summarised, in one query for all of them, plus this live computation
for the other days; portal questions and the spending book use `reports.live_sql`. With
`use_facts=False` everything is computed here through the ORM: the reference the fast paths
are tested against.

"No data" (None) instead of 0 when (ADR 0071):
- the group has no verified activity in the window (a commune that logged nothing, a month
  that has not begun, a village nobody worked in);
- a nullable column (reach, minutes) is NULL on every matching row;
- the source's app or table is not there (a feature the commune does not use yet).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import DatabaseError, transaction
from django.db.models import Count, Q, Sum

from loalang.reports import facts, live_sql
from loalang.reports.rules import ACTIVITY, RULES, Rule, Source, column_for

logger = logging.getLogger(__name__)

Value = int | None
Cell = tuple[Value, Value]  # (period, cumulative)


class IndicatorLike(Protocol):
    code: str
    rule: str
    params: Any


@dataclass(frozen=True)
class Window:
    date_from: dt.date
    date_to: dt.date
    cum_from: dt.date

    @classmethod
    def for_period(cls, date_from: dt.date, date_to: dt.date) -> Window:
        """Cumulative = from 1 January of the period's last year (lũy kế từ đầu năm)."""
        return cls(date_from, date_to, min(date_from, dt.date(date_to.year, 1, 1)))

    @property
    def cumulative_is_period(self) -> bool:
        return self.cum_from == self.date_from


GROUPS = ("commune", "village", "theme")


def guarded() -> Any:
    """A savepoint around a read that may fail (another app's table absent), so the caller's
    transaction survives it. Outside a transaction, nothing: a failed SELECT in autocommit
    leaves nothing to undo, and on SQLite `atomic()` would take the write lock for a read."""
    if transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def _date_q(source: Source, start: dt.date, end: dt.date | None = None) -> Q:
    q = Q(**{f"{source.date_field}__gte": start})
    if end is not None:
        q &= Q(**{f"{source.date_field}__lte": end})
    return q


def _base_q(
    source: Source,
    commune_ids: Iterable[int],
    window: Window,
    ranges: Sequence[tuple[dt.date, dt.date]] | None = None,
) -> tuple[Q, Q, Q]:
    """(row filter, period filter, cumulative filter) for one source. `ranges` narrows an
    activity-based source to those days (the rest of the window comes from facts)."""
    ids = list(commune_ids)
    q = Q(**{f"{source.commune_field}__in": ids})
    if source.is_activity_based:
        q &= Q(**{source.path("status"): "verified"})
        if ranges is None:
            q &= _date_q(source, window.cum_from, window.date_to)
        else:
            days = Q()
            for start, end in ranges:
                days |= _date_q(source, start, end)
            q &= days
        return q, _date_q(source, window.date_from), Q()
    q &= Q(**{f"{source.received_path}__lte": window.date_to})
    return (
        q,
        _date_q(source, window.date_from, window.date_to),
        _date_q(source, window.cum_from, window.date_to),
    )


@dataclass(frozen=True)
class _Item:
    index: int
    code: str
    rule: Rule
    params: dict[str, Any]


def _aggregates(source: Source, items: list[_Item], pq: Q, cq: Q, with_cum: bool) -> dict[str, Any]:
    if source.is_activity_based:
        aggs: dict[str, Any] = {"p__n": Count("pk", filter=pq)}
        if with_cum:
            aggs["c__n"] = Count("pk", filter=cq) if cq else Count("pk")
    else:  # presence = the feature is in use at all (rows received up to the end)
        aggs = {"p__n": Count("pk")}
    for item in items:
        f = item.rule.filter_for(item.params)
        windows = [("p", pq)] + ([("c", cq)] if with_cum else [])
        for prefix, wq in windows:
            cond = f & wq
            if item.rule.agg == "count":
                aggs[f"{prefix}{item.index}"] = Count("pk", filter=cond)
            else:
                column = column_for(item.rule, item.params)
                aggs[f"{prefix}{item.index}"] = Sum(column, filter=cond)
                if item.rule.nullable:
                    aggs[f"{prefix}m{item.index}"] = Count("pk", filter=cond)
    return aggs


def _run_source(
    source: Source,
    items: list[_Item],
    commune_ids: Sequence[int],
    window: Window,
    group_by: str,
    with_cum: bool,
    ranges: Sequence[tuple[dt.date, dt.date]] | None = None,
    use_sql: bool = True,
) -> list[dict[str, Any]] | None:
    """The grouped aggregate rows, or None when the source is not available."""
    try:
        model = apps.get_model(source.model)
    except (LookupError, ValueError):
        return None
    group_field = source.group_field(group_by)
    if not group_field:
        return None
    builder = live_sql.BUILDERS.get(source.key) if use_sql and ranges is None else None
    if builder is not None:
        try:
            with guarded():
                rows = builder(items, commune_ids, window, group_by, with_cum)
        except DatabaseError:
            logger.warning("report source %s not available", source.key, exc_info=True)
            return None
        if rows is not None:
            return rows
    row_q, pq, cq = _base_q(source, commune_ids, window, ranges)
    aggs = _aggregates(source, items, pq, cq, with_cum)
    qs = model.objects.filter(row_q).values(group_field).annotate(**aggs).order_by()
    if not source.is_optional:
        rows = list(qs)
    else:
        try:
            with guarded():
                rows = list(qs)
        except (FieldError, DatabaseError):
            logger.warning("report source %s not available", source.key, exc_info=True)
            return None
    for row in rows:
        row["__key"] = row.pop(group_field)
    return rows


def _fact_requests(
    by_source: dict[str, list[_Item]], sources: dict[str, Source], commune_ids: Sequence[int]
) -> dict[str, facts.FactRequest]:
    """The activity-based sources whose every indicator the monthly facts can answer."""
    requests = {}
    for key, items in by_source.items():
        source = sources[key]
        if not source.is_activity_based:
            continue
        try:
            apps.get_model(source.model)
        except (LookupError, ValueError):
            continue
        filters = {}
        for item in items:
            conditions = facts.fact_filter(source, item.rule, item.params, commune_ids)
            slot = facts.fact_slot(source, item.rule, item.params)
            if conditions is None or slot is None:
                break  # a filter the facts do not key: this source stays live
            filters[item.index] = (conditions, slot)
        else:
            requests[key] = facts.FactRequest(source, items, filters)
    return requests


def _value(row: dict[str, Any] | None, prefix: str, item: _Item, has_data: bool) -> Value:
    if not has_data:
        return None
    if row is None:
        return 0
    raw = row.get(f"{prefix}{item.index}")
    if raw is None:
        matched = row.get(f"{prefix}m{item.index}", 0)
        return None if item.rule.nullable and matched else 0
    return int(raw)


def compute_values(
    indicators: Sequence[IndicatorLike],
    *,
    commune_ids: Sequence[int],
    window: Window,
    group_by: str = "commune",
    with_cumulative: bool = True,
    use_facts: bool = True,
    split: facts.Split | None = None,
) -> dict[Any, dict[str, Cell]]:
    """{group key: {indicator code: (period, cumulative)}} for the rule indicators.

    Group keys are commune ids, village ids or theme ids (None = activities with no village or
    theme). A group with no row in any source is absent: the caller shows "no data".
    `use_facts=False` reads only the live tables through the ORM (the reference the fast
    paths are tested against); `split` is `facts.split_window` of this scope and window,
    when the caller already has it.
    """
    if group_by not in GROUPS:
        raise ValueError(group_by)
    with_cum = with_cumulative and not window.cumulative_is_period
    by_source: dict[str, list[_Item]] = {}
    sources: dict[str, Source] = {}
    for index, ind in enumerate(indicators):
        if not ind.rule or ind.rule not in RULES:
            continue
        rule = RULES[ind.rule]
        by_source.setdefault(rule.source.key, []).append(
            _Item(index, ind.code, rule, dict(ind.params or {}))
        )
        sources[rule.source.key] = rule.source
    needs_activity = any(s.is_activity_based for s in sources.values())
    if needs_activity:
        by_source.setdefault(ACTIVITY.key, [])
        sources[ACTIVITY.key] = ACTIVITY

    results: dict[Any, dict[str, Cell]] = {}
    presence: dict[Any, tuple[int, int]] = {}
    summed: dict[str, list[dict[str, Any]]] = {}
    live_ranges: Sequence[tuple[dt.date, dt.date]] | None = None
    if use_facts and needs_activity:
        if split is None:
            split = facts.split_window(
                commune_ids, window.date_from, window.date_to, window.cum_from
            )
        if split.months:
            requests = _fact_requests(by_source, sources, commune_ids)
            summed = facts.fact_rows(
                list(requests.values()),
                commune_ids,
                split.months,
                window.date_from,
                group_by,
                with_cum,
            )
            live_ranges = split.live
    ordered = sorted(by_source, key=lambda k: k != ACTIVITY.key)  # activity first: presence
    for key in ordered:
        source = sources[key]
        items = by_source[key]
        rows: list[dict[str, Any]] | None
        if key in summed:  # from the facts, plus the live days they do not cover
            rows = summed[key]
            if live_ranges:
                live = _run_source(
                    source, items, commune_ids, window, group_by, with_cum, live_ranges
                )
                rows = facts.merge_rows(rows, live or [])
        else:
            rows = _run_source(
                source, items, commune_ids, window, group_by, with_cum, use_sql=use_facts
            )
        if rows is None:
            continue
        by_key = {row["__key"]: row for row in rows}
        if source is ACTIVITY:
            presence = {k: (r["p__n"], r.get("c__n", r["p__n"])) for k, r in by_key.items()}
        keys = set(by_key) | (set(presence) if source.is_activity_based else set())
        if source.known_when_installed and group_by == "commune":
            keys |= set(commune_ids)
        for group_key in keys:
            row = by_key.get(group_key)
            if source.is_activity_based:
                p_has, c_has = presence.get(group_key, (0, 0))
                if row is not None and source is not ACTIVITY:
                    p_has = p_has or row["p__n"]
                    c_has = c_has or row.get("c__n", row["p__n"])
            elif source.known_when_installed:
                p_has = c_has = 1
            else:
                p_has = c_has = row["p__n"] if row else 0
            cells = results.setdefault(group_key, {})
            for item in items:
                period = _value(row, "p", item, bool(p_has))
                cum = _value(row, "c", item, bool(c_has)) if with_cum else None
                if window.cumulative_is_period and with_cumulative:
                    cum = period
                cells[item.code] = (period, cum)
    return results


def total(values: Iterable[Value]) -> Value:
    """Sum of the known values; None when none is known (never a false 0)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None
