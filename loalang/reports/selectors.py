"""Reads: which indicator set applies, a report's numbers, the province roll-up.

`ReportData` is plain data (JSON round-trip for the issued snapshot) and is all a renderer
sees: aggregates only, never a person's name or phone (ADR 0073).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DatabaseError
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from loalang.activities.models import Activity
from loalang.core.channels import Channel
from loalang.core.text import vi_sort_key
from loalang.places.models import Commune, Province, Village, village_label
from loalang.plans.models import PlanTheme
from loalang.reports import evidence, facts
from loalang.reports.compute import Window, compute_values, guarded, total
from loalang.reports.models import Indicator, IndicatorSet, ManualValue, Report
from loalang.reports.rules import RULES

DEFAULT_SET_CODE = "mac-dinh"


# --- Indicator sets ------------------------------------------------------------------------
def indicator_set_for(commune: Commune) -> IndicatorSet | None:
    """The set a commune reports with: assigned to it, else its province's, else the default."""
    active = IndicatorSet.objects.filter(is_active=True).order_by("-version", "-id")
    return (
        active.filter(communes=commune).first()
        or active.filter(province_id=commune.province_id, communes__isnull=True).first()
        or active.filter(province__isnull=True, code=DEFAULT_SET_CODE).first()
        or active.filter(province__isnull=True).first()
    )


def indicator_set_for_province(province: Province) -> IndicatorSet | None:
    active = IndicatorSet.objects.filter(is_active=True).order_by("-version", "-id")
    return (
        active.filter(province=province, communes__isnull=True).first()
        or active.filter(province=province).first()
        or active.filter(province__isnull=True, code=DEFAULT_SET_CODE).first()
        or active.filter(province__isnull=True).first()
    )


def indicator_list(indicator_set: IndicatorSet) -> list[Indicator]:
    return list(indicator_set.indicators.order_by("sort_order", "id"))


# --- Reports -------------------------------------------------------------------------------
def report_list(*, commune: Commune) -> QuerySet[Report]:
    return Report.objects.filter(commune=commune).select_related("indicator_set", "issued_by")


def report_get(*, commune: Commune, pk: int) -> Report:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Report.objects.select_related("commune__province", "indicator_set").prefetch_related(
            Prefetch("manual_values", queryset=ManualValue.objects.select_related("indicator"))
        ),
        pk=pk,
        commune=commune,
    )


@dataclass
class Row:
    code: str
    group: str
    name: str
    unit: str
    is_manual: bool
    period: float | int | None
    cumulative: float | int | None
    # Scoring, where the province's indicator set defines it (issue 14).
    target: float | int | None = None
    max_points: float | int | None = None

    @property
    def score(self) -> float | None:
        """achieved / target × maximum points, never above the maximum; None = not scored."""
        if not self.target or self.max_points is None or self.period is None:
            return None
        return round(min(float(self.period) / float(self.target), 1.0) * float(self.max_points), 2)


@dataclass
class Breakdown:
    label: str
    values: dict[str, int | None]


@dataclass
class ChannelRow:
    label: str
    activities: int
    reach: int | None


@dataclass
class ReportData:
    commune_name: str
    date_from: str
    date_to: str
    cum_from: str
    rows: list[Row]
    key_codes: list[str]
    by_village: list[Breakdown] = field(default_factory=list)
    by_theme: list[Breakdown] = field(default_factory=list)
    by_channel: list[ChannelRow] = field(default_factory=list)
    by_month: list[ChannelRow] = field(default_factory=list)
    commendations: list[str] = field(default_factory=list)
    months: int = 0
    locked_months: int = 0
    computed_at: str = ""
    # What sections II–IV and the evidence annex are drafted from (reports.evidence).
    plan_reference: str = ""
    shortfalls: list[dict[str, Any]] = field(default_factory=list)
    silent_villages: list[str] = field(default_factory=list)
    silent_themes: list[str] = field(default_factory=list)
    evidence_counts: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportData:
        data = dict(data)
        data["rows"] = [Row(**r) for r in data["rows"]]
        data["by_village"] = [Breakdown(**b) for b in data.get("by_village", [])]
        data["by_theme"] = [Breakdown(**b) for b in data.get("by_theme", [])]
        data["by_channel"] = [ChannelRow(**c) for c in data.get("by_channel", [])]
        data["by_month"] = [ChannelRow(**c) for c in data.get("by_month", [])]
        return cls(**data)

    @property
    def key_rows(self) -> list[Row]:
        return [r for r in self.rows if r.code in self.key_codes]

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    cursor = start.replace(day=1)
    while cursor <= end:
        months.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months


def _locked_months(commune: Commune, months: list[dt.date]) -> int:
    try:
        from loalang.activities.models import PeriodLock
    except ImportError:
        return 0
    return PeriodLock.objects.filter(commune=commune, month__in=months).count()


def _commendation_lines(commune: Commune, window: Window) -> list[str]:
    """Counts by kind, and the names of units, villages and teams; never an individual's."""
    try:
        from loalang.commendations.models import Commendation

        with guarded():
            items = list(
                Commendation.objects.filter(
                    commune=commune,
                    awarded_on__gte=window.date_from,
                    awarded_on__lte=window.date_to,
                )
                .order_by("-awarded_on", "-id")
                .values_list("subject_kind", "subject_name")
            )
    except (ImportError, DatabaseError):
        return []
    if not items:
        return []
    collectives: list[str] = []
    individuals = 0
    for subject_kind, subject_name in items:
        if subject_kind == "person":
            individuals += 1
        else:
            collectives.append(subject_name)
    lines = []
    if collectives:
        names = ", ".join(dict.fromkeys(collectives))
        lines.append(f"Biểu dương, khen thưởng {len(collectives)} tập thể: {names}.")
    if individuals:
        lines.append(f"Biểu dương, khen thưởng {individuals} cá nhân có thành tích tiêu biểu.")
    return lines


def commune_report_data(
    *,
    commune: Commune,
    indicator_set: IndicatorSet,
    window: Window,
    manual: dict[str, tuple[Any, Any]] | None = None,
) -> ReportData:
    """Every number a report on `commune` for `window` shows, computed now."""
    indicators = indicator_list(indicator_set)
    manual = manual or {}
    split = facts.split_window([commune.pk], window.date_from, window.date_to, window.cum_from)
    values = compute_values(indicators, commune_ids=[commune.pk], window=window, split=split).get(
        commune.pk, {}
    )
    rows = []
    for ind in indicators:
        if ind.is_manual:
            period, cum = manual.get(ind.code, (None, None))
            period, cum = _number(period), _number(cum)
        else:
            period, cum = values.get(ind.code, (None, None))
        rows.append(
            Row(
                ind.code,
                ind.group,
                ind.name,
                ind.unit,
                ind.is_manual,
                period,
                cum,
                _number(ind.target_value),
                _number(ind.max_points),
            )
        )
    key = [i for i in indicators if i.is_key and not i.is_manual]
    data = ReportData(
        commune_name=commune.full_name,
        date_from=window.date_from.isoformat(),
        date_to=window.date_to.isoformat(),
        cum_from=window.cum_from.isoformat(),
        rows=rows,
        key_codes=[i.code for i in key],
        computed_at=timezone.localtime().isoformat(timespec="seconds"),
    )
    if key:
        data.by_village = _breakdown(commune, key, window, "village", split)
        data.by_theme = _breakdown(commune, key, window, "theme", split)
    totals = _activity_totals(commune, window, split)
    data.by_channel = _by_channel(totals)
    data.by_month = _by_month(totals, window)
    data.commendations = _commendation_lines(commune, window)
    months = _months_between(window.date_from, window.date_to)
    data.months = len(months)
    data.locked_months = _locked_months(commune, months)
    plan = evidence.plan_for(commune, window)
    data.plan_reference = evidence.plan_reference(plan)
    data.shortfalls = evidence.plan_shortfalls(plan, window, timezone.localdate())
    data.silent_villages = evidence.silent_villages(commune, window)
    data.silent_themes = evidence.silent_themes(plan, window)
    data.evidence_counts, data.evidence = evidence.indicator_evidence(indicators, commune, window)
    return data


def _breakdown(
    commune: Commune, key: list[Indicator], window: Window, group_by: str, split: facts.Split
) -> list[Breakdown]:
    values = compute_values(
        key,
        commune_ids=[commune.pk],
        window=window,
        group_by=group_by,
        with_cumulative=False,
        split=split,
    )
    if group_by == "village":
        villages = Village.objects.filter(commune=commune).values_list("pk", "kind", "name")
        kinds = dict(Village.Kind.choices)  # the label Village.__str__ gives, without models
        labels = [(pk, village_label(str(kinds.get(k, k)), name)) for pk, k, name in villages]
        none_label = "Không gắn với thôn cụ thể"
    else:
        theme_ids = [k for k in values if k is not None]
        themes = PlanTheme.objects.filter(pk__in=theme_ids).values_list(
            "pk", "letter", "short_name"
        )
        labels = [(pk, f"{letter}) {short_name}") for pk, letter, short_name in themes]
        none_label = "Chưa gắn nội dung"
    out = []
    for pk, label in [*labels, (None, none_label)]:
        cells = values.get(pk)
        if pk is None and cells is None:
            continue
        out.append(
            Breakdown(label, {i.code: (cells or {}).get(i.code, (None, None))[0] for i in key})
        )
    return out


def _activity_totals(
    commune: Commune, window: Window, split: facts.Split
) -> dict[tuple[str, int], list[Any]]:
    """{(channel, year × 100 + month): [activities, reach]} in the period: monthly facts where
    built (ADR 0075), the live log for the other days."""
    split = split.period_only(window.date_from)
    totals = facts.activity_totals(commune.pk, split.months)
    if not split.live:
        return totals
    days = Q()
    for start, end in split.live:
        days |= Q(held_on__gte=start, held_on__lte=end)
    rows = (
        Activity.objects.filter(days, commune=commune, status=Activity.Status.VERIFIED)
        .annotate(m=TruncMonth("held_on"))
        .values("channel", "m")
        .annotate(n=Count("pk"), reach=Sum("reach"))
        .order_by()
    )
    for r in rows:
        key = (r["channel"], facts.ym_of(r["m"]))
        n, reach = totals.get(key, [0, None])
        totals[key] = [n + r["n"], reach if r["reach"] is None else (reach or 0) + r["reach"]]
    return totals


def _add_up(totals: dict[tuple[str, int], list[Any]], index: int) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for key, (n, reach) in totals.items():
        current = out.setdefault(key[index], [0, None])
        current[0] += n
        if reach is not None:
            current[1] = (current[1] or 0) + reach
    return out


def _by_channel(totals: dict[tuple[str, int], list[Any]]) -> list[ChannelRow]:
    by_code = _add_up(totals, 0)
    return [
        ChannelRow(str(label), *by_code[code]) for code, label in Channel.choices if code in by_code
    ]


def _by_month(totals: dict[tuple[str, int], list[Any]], window: Window) -> list[ChannelRow]:
    by_month = _add_up(totals, 1)
    out = []
    for month in _months_between(window.date_from, window.date_to):
        n, reach = by_month.get(facts.ym_of(month), [0, None])
        out.append(ChannelRow(f"{month.month:02d}/{month.year}", n, reach))
    return out


def report_window(report: Report) -> Window:
    return Window.for_period(report.date_from, report.date_to)


def report_manual(report: Report) -> dict[str, tuple[Any, Any]]:
    return {
        mv.indicator.code: (mv.period_value, mv.cumulative_value)
        for mv in report.manual_values.all()
    }


def report_data(report: Report, *, live: bool = False) -> ReportData:
    """An issued report's stored snapshot, or (draft, or live=True) the numbers as of now."""
    if report.snapshot and not live:
        return ReportData.from_json(report.snapshot)
    return commune_report_data(
        commune=report.commune,
        indicator_set=report.indicator_set,
        window=report_window(report),
        manual=report_manual(report),
    )


@dataclass
class Change:
    code: str
    name: str
    unit: str
    issued: Any
    now: Any


def report_changes(report: Report) -> list[Change]:
    """What moved between the issued snapshot and the data as it is now."""
    if not report.snapshot:
        return []
    issued = ReportData.from_json(report.snapshot)
    now = report_data(report, live=True)
    changes = []
    for row in issued.rows:
        current = now.row(row.code)
        for label, before, after in [
            ("trong kỳ", row.period, current.period if current else None),
            ("lũy kế", row.cumulative, current.cumulative if current else None),
        ]:
            if before != after:
                changes.append(Change(row.code, f"{row.name} ({label})", row.unit, before, after))
    return changes


# --- Province roll-up ----------------------------------------------------------------------
@dataclass
class RollupRow:
    commune: Commune
    values: dict[str, Any]


@dataclass
class Rollup:
    province: Province
    window: Window
    indicator_set: IndicatorSet | None
    indicators: list[Indicator]
    rows: list[RollupRow]
    totals: dict[str, Any]
    communes_with_data: int


def province_rollup(*, province: Province, window: Window) -> Rollup:
    """The period value of every indicator for each commune of the province, and the total.

    Rule indicators: one grouped query per source over all communes. Manual indicators: the
    value from the commune's issued report for exactly this period, if there is one.
    """
    indicator_set = indicator_set_for_province(province)
    indicators = indicator_list(indicator_set) if indicator_set else []
    communes = sorted(Commune.objects.filter(province=province), key=lambda c: vi_sort_key(c.name))
    values = compute_values(
        indicators, commune_ids=[c.pk for c in communes], window=window, with_cumulative=False
    )
    manual_codes = {i.code for i in indicators if i.is_manual}
    issued: dict[int, dict[str, Any]] = {}
    if manual_codes:
        reports = Report.objects.filter(
            commune__province=province,
            status=Report.Status.ISSUED,
            date_from=window.date_from,
            date_to=window.date_to,
        ).order_by("commune_id", "issued_on", "id")
        for rep in reports.only("commune_id", "snapshot"):
            rows = (rep.snapshot or {}).get("rows", [])
            issued[rep.commune_id] = {
                r["code"]: r["period"] for r in rows if r["code"] in manual_codes
            }
    rows = []
    for commune in communes:
        cells = values.get(commune.pk, {})
        row = {
            i.code: (
                issued.get(commune.pk, {}).get(i.code)
                if i.is_manual
                else cells.get(i.code, (None, None))[0]
            )
            for i in indicators
        }
        rows.append(RollupRow(commune, row))
    # Rates do not add up across communes: no total for "%" indicators.
    totals = {
        i.code: None if i.unit.strip() == "%" else total(r.values[i.code] for r in rows)
        for i in indicators
    }
    # A commune "has data" when it logged something: sources that are always known (0
    # questions answered) do not count.
    always = {
        i.code for i in indicators if i.rule in RULES and RULES[i.rule].source.known_when_installed
    }
    with_data = sum(
        1
        for c in communes
        if c.pk in values
        and any(v[0] is not None for code, v in values[c.pk].items() if code not in always)
    )
    return Rollup(province, window, indicator_set, indicators, rows, totals, with_data)


def provinces_for_user(user: Any) -> QuerySet[Province]:
    if user.is_superuser:
        return Province.objects.order_by("name")
    from loalang.accounts.models import Membership, Role

    ids = Membership.objects.filter(
        user=user, is_active=True, role__in=[Role.PROVINCE_VIEWER, Role.PROVINCE_ADMIN]
    ).values("province_id")
    return Province.objects.filter(Q(pk__in=ids)).order_by("name")
