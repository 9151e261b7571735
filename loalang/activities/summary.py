"""Keeping the coverage summary (CoverageCell, VillageMonthCell) equal to the live data.

`coverage_refresh` recomputes the cells of one commune for a date range from the activity
tables (grouped queries over that range only) and replaces them, under a lock on the commune
row so two writers cannot interleave. Services call it in the same transaction as the change;
`coverage_rebuild` (and `manage.py coverage_rebuild`) redoes everything after bulk loads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, F, Func, IntegerField, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.dispatch import Signal

from loalang.activities.details import CoverageCell, ProvinceCoverageCell, VillageMonthCell
from loalang.activities.models import Activity
from loalang.core.bulk import insert_from
from loalang.places.models import Commune, Province

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

SqlAndParams = tuple[str, tuple[Any, ...]]

VERIFIED = Activity.Status.VERIFIED

# Sent inside the transaction whenever what counts (verified activities and their details) may
# have changed: commune_id, and the months [start, end) — or start=end=None for "everything
# of this commune (or of all, commune_id=None)". Other summaries (reports.facts) rebuild then.
verified_changed = Signal()


class MonthOf(Func):
    """The month (1–12) of a date column. SQLite's ExtractMonth calls a Python function per
    row; dates are stored there as 'YYYY-MM-DD' text, so a substring does the same in C."""

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
        return ExtractMonth(self.source_expressions[0]).as_sql(compiler, connection)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> SqlAndParams:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(substr({sql}, 6, 2) AS integer)", params


class YearOf(Func):
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
        return ExtractYear(self.source_expressions[0]).as_sql(compiler, connection)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> SqlAndParams:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(substr({sql}, 1, 4) AS integer)", params


def _span(days: Iterable[dt.date | None]) -> tuple[dt.date, dt.date] | None:
    months = sorted({d.replace(day=1) for d in days if d})
    if not months:
        return None
    last = months[-1]
    return months[0], (last + dt.timedelta(days=32)).replace(day=1)


_pending = threading.local()


@contextlib.contextmanager
def refresh_batch() -> Iterator[None]:
    """Inside this block, `coverage_refresh` calls are collected and run once per commune when
    the block ends (still inside the caller's transaction): verifying 200 activities recounts
    each commune's summaries once, not 200 times. Nested blocks join the outer one; if the
    block raises, nothing is recounted (the caller's transaction is rolled back anyway)."""
    if getattr(_pending, "days", None) is not None:
        yield
        return
    _pending.days = {}
    try:
        yield
        collected: dict[int, list[dt.date]] = _pending.days
    finally:
        _pending.days = None
    for commune_id, days in collected.items():
        coverage_refresh(commune_id=commune_id, days=days)


@transaction.atomic
def coverage_refresh(*, commune_id: int, days: Iterable[dt.date | None]) -> None:
    """Recompute the commune's cells for every month from the first to the last of `days`."""
    waiting = getattr(_pending, "days", None)
    if waiting is not None:
        waiting.setdefault(commune_id, []).extend(d for d in days if d)
        return
    span = _span(days)
    if span is None:
        return
    start, end = span
    # Lock the province row (it serialises writers of its province cells), then the commune.
    province_id = Commune.objects.filter(pk=commune_id).values_list("province_id", flat=True)[0]
    list(Province.objects.select_for_update().filter(pk=province_id).values_list("pk"))
    list(Commune.objects.select_for_update().filter(pk=commune_id).values_list("pk"))
    in_range = {"commune_id": commune_id, "held_on__gte": start, "held_on__lt": end}
    months = _delete(commune_id, start, end)
    base = Activity.objects.filter(status=VERIFIED, **in_range)
    _write(commune_id, base)
    _write_province(province_id, months)
    verified_changed.send(sender=Activity, commune_id=commune_id, start=start, end=end)


def _write_province(province_id: int | None, months: list[tuple[int, int]] | None) -> None:
    """Recompute the province cells (of some months, or all) from the commune cells."""
    old = ProvinceCoverageCell.objects.all()
    cells = CoverageCell.objects.all()
    if province_id is not None:
        old = old.filter(province_id=province_id)
        cells = cells.filter(commune__province_id=province_id)
    if months is not None:
        for year in {y for y, _m in months}:
            ms = [m for y, m in months if y == year]
            old.filter(year=year, month__in=ms).delete()
        wanted = Q()
        for year in {y for y, _m in months}:
            wanted |= Q(year=year, month__in=[m for y, m in months if y == year])
        cells = cells.filter(wanted)
    else:
        old.delete()
    insert_from(
        ProvinceCoverageCell,
        cells.values(
            cell_province=F("commune__province_id"),
            cell_year=F("year"),
            cell_month=F("month"),
            cell_letter=F("letter"),
            cell_channel=F("channel"),
        ).annotate(cell_n=Sum("count")),
        {
            "province": "cell_province",
            "year": "cell_year",
            "month": "cell_month",
            "letter": "cell_letter",
            "channel": "cell_channel",
            "count": "cell_n",
        },
    )


def _delete(commune_id: int, start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months = []
    day = start
    while day < end:
        months.append((day.year, day.month))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    for year in {y for y, _m in months}:
        ms = [m for y, m in months if y == year]
        CoverageCell.objects.filter(commune_id=commune_id, year=year, month__in=ms).delete()
        VillageMonthCell.objects.filter(commune_id=commune_id, year=year, month__in=ms).delete()
    return months


def _write(commune_id: int | None, base: Any) -> None:
    """Insert cells for the verified activities in `base` (one commune, or all), each group
    by one `INSERT … SELECT` (core.bulk)."""
    themes = Activity.themes.through.objects.filter(activity__in=base.values("pk"))
    villages = Activity.villages.through.objects.filter(activity__in=base.values("pk"))
    ym = {"cell_y": YearOf("held_on"), "cell_m": MonthOf("held_on")}
    ym_rel = {"cell_y": YearOf("activity__held_on"), "cell_m": MonthOf("activity__held_on")}
    cell = {"commune": "cell_commune", "year": "cell_y", "month": "cell_m", "count": "cell_n"}
    insert_from(
        CoverageCell,
        themes.values(
            cell_commune=F("activity__commune_id"),
            cell_letter=F("plantheme__letter"),
            cell_channel=F("activity__channel"),
            **ym_rel,
        ).annotate(cell_n=Count("activity_id")),
        dict(cell, letter="cell_letter", channel="cell_channel"),
    )
    for letter, qs in (("", base.filter(themes__isnull=True)), ("*", base)):
        insert_from(
            CoverageCell,
            qs.values(cell_commune=F("commune_id"), cell_channel=F("channel"), **ym).annotate(
                cell_n=Count("id")
            ),
            dict(cell, channel="cell_channel"),
            constants={"letter": letter},
        )
    insert_from(
        VillageMonthCell,
        villages.values(
            cell_commune=F("activity__commune_id"), cell_village=F("village_id"), **ym_rel
        ).annotate(cell_n=Count("activity_id")),
        dict(cell, village="cell_village"),
    )
    insert_from(
        VillageMonthCell,
        base.filter(villages__isnull=True)
        .values(cell_commune=F("commune_id"), **ym)
        .annotate(cell_n=Count("id")),
        cell,
    )


@transaction.atomic
def coverage_rebuild(*, commune: Any = None) -> None:
    """Recompute every cell (of one commune, or of all): after bulk loads or repairs."""
    cells, vcells = CoverageCell.objects.all(), VillageMonthCell.objects.all()
    base = Activity.objects.filter(status=VERIFIED)
    if commune is not None:
        cells, vcells = cells.filter(commune=commune), vcells.filter(commune=commune)
        base = base.filter(commune=commune)
    cells.delete()
    vcells.delete()
    _write(getattr(commune, "pk", None), base)
    _write_province(commune.province_id if commune is not None else None, None)
    verified_changed.send(sender=Activity, commune_id=getattr(commune, "pk", None))
