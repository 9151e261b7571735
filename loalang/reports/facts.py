"""Monthly facts: verified activity numbers pre-summed per commune × month (ADR 0075).

A year's report or a province roll-up sums a few hundred fact rows per commune instead of
scanning ten thousand activities and probing every detail table. The facts are derived data:

- `facts_refresh` rebuilds one commune's months, called (through the `verified_changed`
  signal of `activities.summary`) in the same transaction as every change to what counts;
- `facts_rebuild` rebuilds everything (after bulk loads; `manage.py coverage_rebuild`);
- a month counts as summarised only when its `ReportFactMonth` row exists. `compute` reads
  facts for whole months that every commune in scope has built, and the live tables for the
  rest (months not built yet, the partial months at the edges of a custom period), then adds
  the two: every number it returns is the same as the live computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, F, Func, IntegerField, Max, Min, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from loalang.core.bulk import insert_from
from loalang.reports.models import ReportFact, ReportFactMonth
from loalang.reports.rules import SOURCES, Rule, Source, column_for

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

SqlAndParams = tuple[str, tuple[Any, ...]]

VERIFIED = "verified"
DIMS = (("c", "commune"), ("v", "village"), ("t", "theme"))
SLOTS = ("s1", "s2", "s3", "s4", "s5", "s6")
KEYS = ("k1", "k2", "k3")


class YearMonthOf(Func):
    """year × 100 + month of a date column (SQLite stores dates as 'YYYY-MM-DD' text)."""

    output_field = IntegerField()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> SqlAndParams:
        year_sql, year_params = compiler.compile(ExtractYear(self.source_expressions[0]))
        month_sql, month_params = compiler.compile(ExtractMonth(self.source_expressions[0]))
        return f"({year_sql} * 100 + {month_sql})", (*year_params, *month_params)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> SqlAndParams:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(substr({sql}, 1, 4) || substr({sql}, 6, 2) AS integer)", params


def ym_of(day: dt.date) -> int:
    return day.year * 100 + day.month


def _month_start(ym: int) -> dt.date:
    return dt.date(ym // 100, ym % 100, 1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def months_in(start: dt.date, end: dt.date) -> list[int]:
    """The months from `start`'s to the one before `end` (exclusive), as year × 100 + month."""
    out = []
    day = start.replace(day=1)
    while day < end:
        out.append(ym_of(day))
        day = _next_month(day)
    return out


def fact_sources() -> list[Source]:
    return [s for s in SOURCES.values() if s.is_activity_based]


# --- Building -----------------------------------------------------------------------------------
def _build(commune_id: int | None, start: dt.date | None, end: dt.date | None) -> None:
    """Write the facts of every source (of one commune or all; of [start, end) or all time):
    one `INSERT … SELECT … GROUP BY` per source and breakdown, no row through Python."""
    for source in fact_sources():
        try:
            model = apps.get_model(source.model)
        except LookupError:
            continue
        qs = model.objects.filter(**{source.path("status"): VERIFIED})
        if commune_id is not None:
            qs = qs.filter(**{source.commune_field: commune_id})
        if start is not None and end is not None:
            qs = qs.filter(**{f"{source.date_field}__gte": start, f"{source.date_field}__lt": end})
        aggs: dict[str, Any] = {"fact_n": Count("pk")}
        columns = {"commune": "fact_commune", "ym": "fact_ym", "n": "fact_n"}
        groups: dict[str, Any] = {
            "fact_commune": F(source.commune_field),
            "fact_ym": YearMonthOf(source.date_field),
        }
        for slot, key in zip(KEYS, source.fact_keys, strict=False):
            groups[f"fact_{slot}"] = F(key)
            columns[slot] = f"fact_{slot}"
        for slot, column in zip(SLOTS, source.fact_values, strict=False):
            aggs[f"fact_{slot}"] = Sum(column)
            columns[slot] = f"fact_{slot}"
        for dim, group_by in DIMS:
            group = "" if dim == "c" else source.group_field(group_by)
            if dim != "c" and not group:
                continue
            by = dict(groups, fact_dim=F(group)) if group else groups
            insert_from(
                ReportFact,
                qs.values(**by).annotate(**aggs),
                dict(columns, dim_id="fact_dim") if group else columns,
                constants={"source": source.key, "dim": dim},
                as_text=KEYS,
            )


@transaction.atomic
def facts_refresh(*, commune_id: int, start: dt.date, end: dt.date) -> None:
    """Rebuild the commune's facts for the months from `start` to before `end`."""
    months = months_in(start, end)
    if not months:
        return
    ReportFact.objects.filter(commune_id=commune_id, ym__in=months).delete()
    ReportFactMonth.objects.filter(commune_id=commune_id, ym__in=months).delete()
    _build(commune_id, _month_start(months[0]), end)
    ReportFactMonth.objects.bulk_create(
        [ReportFactMonth(commune_id=commune_id, ym=ym) for ym in months]
    )


@transaction.atomic
def facts_rebuild(*, commune_id: int | None = None) -> None:
    """Rebuild every fact (of one commune, or of all) and mark each commune's months from its
    first to its last verified activity as built."""
    facts = ReportFact.objects.all()
    marks = ReportFactMonth.objects.all()
    if commune_id is not None:
        facts, marks = facts.filter(commune_id=commune_id), marks.filter(commune_id=commune_id)
    facts.delete()
    marks.delete()
    _build(commune_id, None, None)
    spans = (
        ReportFact.objects.filter(source="activity", dim="c")
        .filter(**({"commune_id": commune_id} if commune_id is not None else {}))
        .values("commune_id")
        .annotate(first=Min("ym"), last=Max("ym"))
        .order_by()
    )
    new_marks = []
    for span in spans:
        first = _month_start(span["first"])
        for ym in months_in(first, _next_month(_month_start(span["last"]))):
            new_marks.append(ReportFactMonth(commune_id=span["commune_id"], ym=ym))
    ReportFactMonth.objects.bulk_create(new_marks, batch_size=2000)


def on_verified_changed(
    sender: Any,
    *,
    commune_id: int | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    **kwargs: Any,
) -> None:
    """Receiver of `activities.summary.verified_changed` (connected in ReportsConfig.ready)."""
    if start is None or end is None:
        facts_rebuild(commune_id=commune_id)
    elif commune_id is not None:
        facts_refresh(commune_id=commune_id, start=start, end=end)


# --- Reading ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Split:
    """Which months of a window come from facts, and which days from the live tables."""

    months: tuple[int, ...]
    live: tuple[tuple[dt.date, dt.date], ...]  # inclusive day ranges

    def period_only(self, date_from: dt.date) -> Split:
        """The same split without the cumulative part before `date_from`."""
        months = tuple(ym for ym in self.months if ym >= ym_of(date_from))
        live = tuple((max(a, date_from), b) for a, b in self.live if b >= date_from)
        return Split(months, live)


def split_window(
    commune_ids: Sequence[int], date_from: dt.date, date_to: dt.date, cum_from: dt.date
) -> Split:
    """Whole months inside [cum_from, date_to], not straddling date_from, built for every
    commune in scope: facts. Everything else: live.

    A commune-month with no verified activity counts as built even without its mark: its
    facts are empty and so is the live answer (marks are only ever removed together with the
    month's facts). So a province with communes that log nothing still reads facts."""
    candidates = []
    day = cum_from if cum_from.day == 1 else _next_month(cum_from)
    while _next_month(day) - dt.timedelta(days=1) <= date_to:
        last = _next_month(day) - dt.timedelta(days=1)
        if not (day < date_from <= last):
            candidates.append(ym_of(day))
        day = _next_month(day)
    wanted = sorted(set(commune_ids))
    months: list[int] = []
    if candidates and wanted:
        table = ReportFactMonth._meta.db_table
        sql = (
            f"SELECT ym FROM {table}"  # noqa: S608 - the model's table; values are parameters
            f" WHERE commune_id IN ({_placeholders(wanted)})"
            f" AND ym IN ({_placeholders(candidates)})"
            " GROUP BY ym HAVING COUNT(*) = %s ORDER BY ym"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*wanted, *candidates, len(wanted)])
            months = [ym for (ym,) in cursor.fetchall()]
        full = set(months)
        missing = [ym for ym in candidates if ym not in full]
        if missing:
            months = sorted(months + _empty_or_built(wanted, missing))
    live: list[tuple[dt.date, dt.date]] = []
    position = cum_from
    for ym in months:
        first = _month_start(ym)
        if position < first:
            live.append((position, first - dt.timedelta(days=1)))
        position = _next_month(first)
    if position <= date_to:
        live.append((position, date_to))
    return Split(tuple(months), tuple(live))


def _empty_or_built(communes: list[int], months: list[int]) -> list[int]:
    """Of `months` (not marked for every commune), those where each unmarked commune has no
    verified activity. Three small queries; the activity one reads only unmarked communes."""
    marks_table = ReportFactMonth._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT commune_id, ym FROM {marks_table}"  # noqa: S608 - the model's table
            f" WHERE commune_id IN ({_placeholders(communes)})"
            f" AND ym IN ({_placeholders(months)})",
            [*communes, *months],
        )
        marked = set(cursor.fetchall())
    lacking = [c for c in communes if any((c, ym) not in marked for ym in months)]
    activity = apps.get_model("activities.Activity")
    busy = set(
        activity.objects.filter(
            commune_id__in=lacking,
            status=VERIFIED,
            held_on__gte=_month_start(months[0]),
            held_on__lt=_next_month(_month_start(months[-1])),
        )
        .annotate(fact_ym=YearMonthOf("held_on"))
        .values_list("commune_id", "fact_ym")
        .distinct()
        .order_by()
    )
    return [ym for ym in months if all((c, ym) in marked or (c, ym) not in busy for c in lacking)]


def _resolve_funding_kind(value: Any, commune_ids: Sequence[int]) -> list[str]:
    model = apps.get_model("budget.FundingSource")
    ids = model.objects.filter(kind=value, plan__commune_id__in=list(commune_ids))
    return [str(pk) for pk in ids.values_list("pk", flat=True)]


# Rule filters on a related row's column: the fact keeps the foreign key, and the filter
# becomes "key in (the ids whose column matches)".
RELATED_LOOKUPS: dict[str, tuple[str, Callable[[Any, Sequence[int]], list[str]]]] = {
    "funding_source__kind": ("funding_source_id", _resolve_funding_kind),
}


def _equalities(q: Q) -> list[tuple[str, Any]] | None:
    """The (lookup, value) pairs of a Q made only of ANDed equalities, else None."""
    if q.negated or (q.connector != Q.AND and len(q.children) > 1):
        return None
    out: list[tuple[str, Any]] = []
    for child in q.children:
        if isinstance(child, Q):
            inner = _equalities(child)
            if inner is None:
                return None
            out += inner
        else:
            lookup, value = child  # type: ignore[misc]  # a Q leaf is a (lookup, value) pair
            out.append((lookup, value))
    return out


Condition = list[tuple[str, list[str]]]  # [(fact column, allowed values)], ANDed


def fact_filter(
    source: Source, rule: Rule, params: dict[str, Any], ids: Sequence[int]
) -> Condition | None:
    """The rule's filter as conditions on the fact keys, or None when facts cannot answer it."""
    pairs = _equalities(rule.filter_for(params))
    if pairs is None:
        return None
    conditions: Condition = []
    for lookup, value in pairs:
        if value is None or isinstance(value, (list, tuple, set, dict)):
            return None
        if lookup in source.fact_keys:
            conditions.append((KEYS[source.fact_keys.index(lookup)], [str(value)]))
        elif lookup in RELATED_LOOKUPS and RELATED_LOOKUPS[lookup][0] in source.fact_keys:
            key, resolve = RELATED_LOOKUPS[lookup]
            conditions.append((KEYS[source.fact_keys.index(key)], resolve(value, ids)))
        else:
            return None
    return conditions


def fact_slot(source: Source, rule: Rule, params: dict[str, Any]) -> str | None:
    if rule.agg == "count":
        return "n"
    column = column_for(rule, params)
    if column not in source.fact_values:
        return None
    return SLOTS[source.fact_values.index(column)]


@dataclass
class FactRequest:
    """One source's indicators, with each item's fact conditions and summed column."""

    source: Source
    items: list[Any]
    filters: dict[int, tuple[Condition, str]]


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def fact_rows(
    requests: Sequence[FactRequest],
    commune_ids: Sequence[int],
    months: Sequence[int],
    date_from: dt.date,
    group_by: str,
    with_cum: bool,
) -> dict[str, list[dict[str, Any]]]:
    """For each source, the same grouped rows as `compute._run_source`, summed from the facts
    of `months`: one query for every source.

    Hand-written SQL over our own summary table (ADR 0075): the ORM spent more time building
    these conditional aggregates than the database spent running them. Every value is a
    parameter; names come from the model and the fixed slot lists above.
    """
    if not requests or not months or not commune_ids:
        return {r.source.key: [] for r in requests}
    dim = {"commune": "c", "village": "v", "theme": "t"}[group_by]
    group = "commune_id" if dim == "c" else "dim_id"
    select: list[str] = []
    params: list[Any] = []
    names: list[tuple[str, str]] = []  # (source key, row field)
    period = ym_of(date_from)

    def add(key: str, name: str, column: str, where: str, args: Sequence[Any]) -> None:
        select.append(f"SUM(CASE WHEN {where} THEN {column} END)")
        params.extend(args)
        names.append((key, name))

    for req in requests:
        key = req.source.key
        add(key, "p__n", "n", "source = %s AND ym >= %s", [key, period])
        add(key, "__rows", "n", "source = %s", [key])  # the group has rows of this source
        for item in req.items:
            conditions, slot = req.filters[item.index]
            where = ["source = %s"]
            args: list[Any] = [key]
            for column, values in conditions:
                if not values:
                    where.append("1 = 0")
                    continue
                where.append(f"{column} IN ({_placeholders(values)})")
                args += values
            windows = [("p", " AND ym >= %s", [period])]
            if with_cum:
                windows.append(("c", "", []))
            for prefix, extra, extra_args in windows:
                cond = " AND ".join(where) + extra
                add(key, f"{prefix}{item.index}", slot, cond, [*args, *extra_args])
                if item.rule.nullable:
                    add(key, f"{prefix}m{item.index}", "n", cond, [*args, *extra_args])
    sources = [r.source.key for r in requests]
    ids = list(commune_ids)
    table = ReportFact._meta.db_table
    sql = (
        f"SELECT {group}, {', '.join(select)} FROM {table}"  # noqa: S608 - fixed names, see above
        f" WHERE dim = %s AND source IN ({_placeholders(sources)})"
        f" AND commune_id IN ({_placeholders(ids)}) AND ym IN ({_placeholders(months)})"
        f" GROUP BY {group}"
    )
    params += [dim, *sources, *ids, *months]
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in sources}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for record in cursor.fetchall():
            rows: dict[str, dict[str, Any]] = {}
            for (key, name), value in zip(names, record[1:], strict=True):
                rows.setdefault(key, {"__key": record[0]})[name] = value
            for key, row in rows.items():
                present = row.pop("__rows")
                if not present:
                    continue
                row["p__n"] = int(row["p__n"] or 0)
                if with_cum:
                    row["c__n"] = int(present)
                out[key].append(row)
    return out


def activity_totals(commune_id: int, months: Sequence[int]) -> dict[tuple[str, int], list[Any]]:
    """{(channel, year × 100 + month): [activities, reach]} of a commune's verified activities
    in `months`, from the facts (reach None when unknown on every one)."""
    if not months:
        return {}
    table = ReportFact._meta.db_table
    sql = (
        f"SELECT k2, ym, SUM(n), SUM(s1) FROM {table}"  # noqa: S608 - fixed names
        f" WHERE source = %s AND dim = %s AND commune_id = %s AND ym IN ({_placeholders(months)})"
        " GROUP BY k2, ym"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["activity", "c", commune_id, *months])
        return {
            (channel, ym): [int(n), None if reach is None else int(reach)]
            for channel, ym, n, reach in cursor.fetchall()
        }


def merge_rows(*parts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add grouped rows over disjoint date ranges: counts and sums add; NULL + NULL stays
    NULL (all unknown), NULL + x is x."""
    out: dict[Any, dict[str, Any]] = {}
    for rows in parts:
        for row in rows:
            current = out.get(row["__key"])
            if current is None:
                out[row["__key"]] = dict(row)
                continue
            for name, value in row.items():
                if name == "__key":
                    continue
                old = current.get(name)
                current[name] = value if old is None else (old if value is None else old + value)
    return list(out.values())
