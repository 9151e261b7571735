"""Coverage and focus, from VERIFIED activities only (ADR 0025).

- `coverage_matrix`: theme × channel × month counts, for one commune or a whole province;
  two grouped queries whatever the size of the data.
- `village_heatmap`: village × month counts; activities tied to no village form their own row.
- `target_progress`: each plans.PlanTarget measured over its window.
- `gaps` / `attention_items`: villages and themes with nothing verified for 30 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loalang.activities.details import CoverageCell, ProvinceCoverageCell, VillageMonthCell
from loalang.activities.models import Activity
from loalang.core.channels import Channel
from loalang.core.nav import Attention
from loalang.places.models import Village
from loalang.plans.models import Plan, PlanTarget, PlanTheme

MONTHS = list(range(1, 13))
GAP_DAYS = 30
VERIFIED = Activity.Status.VERIFIED


def _level(n: int, top: int) -> int:
    """0–4, for shading a cell against the largest cell of the table."""
    if n <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * n - 1) // top)


@dataclass
class Cell:
    n: int
    level: int


@dataclass
class CoverageRow:
    letter: str
    theme: str
    channel: str
    channel_label: str
    cells: list[Cell]
    total: int
    is_theme_total: bool = False


@dataclass
class CoverageMatrix:
    year: int
    rows: list[CoverageRow]
    channel_totals: list[tuple[str, int]]
    total: int
    themes_without: list[str] = field(default_factory=list)


def plan_for_year(commune: Any, year: int) -> Plan | None:
    return (
        Plan.objects.filter(commune=commune, year=year)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-id")
        .first()
    )


def coverage_years(*, commune: Any, also: Iterable[int] = ()) -> list[int]:
    """Every year with a plan or an activity in the commune (plus `also`), ascending."""
    years = {d.year for d in Activity.objects.filter(commune=commune).dates("held_on", "year")}
    years |= set(Plan.objects.filter(commune=commune).values_list("year", flat=True))
    return sorted(years | set(also))


def coverage_matrix(*, year: int, commune: Any = None, province: Any = None) -> CoverageMatrix:
    """Verified activities per theme × channel × month of `year` (commune or province).

    Reads the summary cells (at most 12 × letters × channels rows, unique per cell), not the
    activity tables; two queries whatever the amount of data.
    """
    if commune is not None:
        cells = CoverageCell.objects.filter(commune=commune, year=year)
        themes = PlanTheme.objects.filter(plan__commune=commune)
    else:
        cells = ProvinceCoverageCell.objects.filter(province=province, year=year)  # type: ignore[assignment]
        themes = PlanTheme.objects.filter(plan__commune__province=province)
    counts: dict[tuple[str, str], list[int]] = {}
    distinct: dict[str, int] = {}
    for letter, channel, month, n in cells.values_list("letter", "channel", "month", "count"):
        if letter == "*":
            distinct[channel] = distinct.get(channel, 0) + n
            continue
        counts.setdefault((letter, channel), [0] * 12)[month - 1] += n

    # One label per letter from the plans of that year (superseded plans excluded).
    labels: dict[str, str] = dict(
        themes.filter(plan__year=year)
        .exclude(plan__status=Plan.Status.SUPERSEDED)
        .values("letter")
        .annotate(name=Max("short_name"))
        .values_list("letter", "name")
        .order_by()
    )
    if any(k[0] and k[0] not in labels for k in counts):
        # Activities tagged with another year's plan (or no plan that year): the newest name
        # of that letter, never a bare "a)". Later plans overwrite earlier ones.
        newest: dict[str, str] = {}
        for letter, name in (
            themes.exclude(plan__status=Plan.Status.SUPERSEDED)
            .filter(plan__year__lte=year)
            .order_by("plan__year", "plan_id")
            .values_list("letter", "short_name")
        ):
            newest[letter] = name
        for letter in {k[0] for k in counts if k[0]} - set(labels):
            if letter in newest:
                labels[letter] = newest[letter]
    letters = sorted(set(labels) | {k[0] for k in counts if k[0]}, key=_letter_key)
    if any(k[0] == "" for k in counts):
        letters.append("")
    channel_label = dict(Channel.choices)
    top = max((n for v in counts.values() for n in v), default=0)

    rows: list[CoverageRow] = []
    themes_without: list[str] = []
    for letter in letters:
        theme = labels.get(letter, "") if letter else _("Không gắn nội dung")
        keys = [k for k in counts if k[0] == letter]
        keys.sort(key=lambda k: list(channel_label).index(k[1]) if k[1] in channel_label else 99)
        month_sum = [0] * 12
        channel_rows = []
        for key in keys:
            values = counts[key]
            month_sum = [a + b for a, b in zip(month_sum, values, strict=True)]
            channel_rows.append(
                CoverageRow(
                    letter=letter,
                    theme=theme,
                    channel=key[1],
                    channel_label=str(channel_label.get(key[1], key[1])),
                    cells=[Cell(n, _level(n, top)) for n in values],
                    total=sum(values),
                )
            )
        if not keys and letter:
            themes_without.append(f"{letter}) {theme}")
        # The theme's own row first (its label and monthly sums), then one row per channel.
        rows.append(
            CoverageRow(
                letter=letter,
                theme=theme,
                channel="",
                channel_label=_("Cộng"),
                cells=[Cell(n, 0) for n in month_sum],
                total=sum(month_sum),
                is_theme_total=True,
            )
        )
        rows.extend(channel_rows)
    channel_totals = [
        (str(label), distinct[code]) for code, label in Channel.choices if code in distinct
    ]
    distinct_total = sum(distinct.values())
    return CoverageMatrix(
        year=year,
        rows=rows,
        channel_totals=channel_totals,
        total=distinct_total,
        themes_without=themes_without,
    )


def _letter_key(letter: str) -> tuple[int, str]:
    # Vietnamese lettering: a, b, c, d, đ, e, g, h…; đ sorts right after d.
    order = "abcdđeghiklmnopqrstuvxy"
    return (order.index(letter[0]) if letter and letter[0] in order else 99, letter)


@dataclass
class HeatRow:
    label: str
    village_id: int | None
    cells: list[Cell]
    total: int


def village_heatmap(*, commune: Any, year: int) -> list[HeatRow]:
    """Verified activities per village and month; the last row counts commune-wide ones."""
    grid: dict[int | None, list[int]] = {}
    for r in VillageMonthCell.objects.filter(commune=commune, year=year).values(
        "village_id", "month", "count"
    ):
        grid.setdefault(r["village_id"], [0] * 12)[r["month"] - 1] += r["count"]
    top = max((n for v in grid.values() for n in v), default=0)
    rows = []
    for village in Village.objects.filter(commune=commune).order_by("sort_order", "name"):
        values = grid.get(village.pk, [0] * 12)
        rows.append(
            HeatRow(
                str(village), village.pk, [Cell(n, _level(n, top)) for n in values], sum(values)
            )
        )
    values = grid.get(None, [0] * 12)
    rows.append(HeatRow(_("Toàn xã"), None, [Cell(n, _level(n, top)) for n in values], sum(values)))
    return rows


@dataclass
class TargetProgress:
    target: PlanTarget
    value: int
    goal: int
    window: str
    villages_met: int | None = None
    villages_total: int | None = None

    @property
    def percent(self) -> int:
        if self.villages_total is not None:
            return (
                round(100 * (self.villages_met or 0) / self.villages_total)
                if self.villages_total
                else 0
            )
        return min(100, round(100 * self.value / self.goal)) if self.goal else 100

    @property
    def is_met(self) -> bool:
        if self.villages_total is not None:
            return bool(self.villages_total) and self.villages_met == self.villages_total
        return self.value >= self.goal


def _window(target: PlanTarget, year: int, today: dt.date) -> tuple[dt.date, dt.date, str]:
    ref = today if today.year == year else dt.date(year, 12, 31)
    if target.period == PlanTarget.Period.MONTH:
        start = ref.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1)
        return start, end, _("tháng %(m)s") % {"m": f"{start:%m/%Y}"}
    if target.period == PlanTarget.Period.QUARTER:
        q = (ref.month - 1) // 3
        start = dt.date(year, 3 * q + 1, 1)
        end = dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        return start, end, _("quý %(q)s/%(y)s") % {"q": q + 1, "y": year}
    end = min(dt.date(year + 1, 1, 1), (target.due_on or dt.date(year, 12, 31)) + dt.timedelta(1))
    return dt.date(year, 1, 1), end, _("cả năm %(y)s") % {"y": year}


def _metric_value(rows: QuerySet[Any], metric: str, prefix: str) -> dict[str, Any]:
    M = PlanTarget.Metric
    p = prefix
    if metric == M.ACTIVITY_COUNT:
        return {"v": Count(f"{p}id", distinct=True)}
    if metric == M.REACH:
        return {"v": Sum(f"{p}reach")}
    if metric == M.MINUTES:
        return {"v": Sum(f"{p}minutes")}
    if metric == M.HOUSEHOLDS:
        return {"v": Sum(f"{p}team_guidance__households")}
    if metric == M.PARTICIPANTS:
        return {"v": Sum(f"{p}event__participants")}
    return {"v": Sum(f"{p}printed__copies_printed"), "w": Sum(f"{p}bulletin__copies")}


def target_progress(*, plan: Plan, today: dt.date | None = None) -> list[TargetProgress]:
    """Each target of the plan against verified activities in its window."""
    today = today or timezone.localdate()
    villages = list(Village.objects.filter(commune_id=plan.commune_id).values_list("pk", flat=True))
    result = []
    for target in plan.targets.select_related("village"):
        start, end, label = _window(target, plan.year, today)
        base = Activity.objects.filter(
            commune_id=plan.commune_id, status=VERIFIED, held_on__gte=start, held_on__lt=end
        )
        if target.channel:
            base = base.filter(channel=target.channel)
        if target.activity_kind:
            base = base.filter(kind=target.activity_kind)
        if target.per_village:
            through = Activity.villages.through
            aggs = _metric_value(base, target.metric, "activity__")
            rows = (
                through.objects.filter(activity__in=base.values("pk"))
                .values("village_id")
                .annotate(**aggs)
            )
            met = sum(1 for r in rows if (r["v"] or 0) + (r.get("w") or 0) >= target.target_value)  # type: ignore[misc, operator]
            result.append(
                TargetProgress(
                    target,
                    met,
                    len(villages),
                    label,
                    villages_met=met,
                    villages_total=len(villages),
                )
            )
            continue
        if target.village_id:
            base = Activity.objects.filter(
                pk__in=base.filter(villages=target.village_id).values("pk")
            )
        agg = base.aggregate(**_metric_value(base, target.metric, ""))
        value = (agg["v"] or 0) + (agg.get("w") or 0)
        result.append(TargetProgress(target, value, target.target_value, label))
    return result


@dataclass
class Gap:
    label: str
    last_on: dt.date | None


def gaps(*, commune: Any, today: dt.date, village_ids: Any = None) -> tuple[list[Gap], list[Gap]]:
    """Villages and (current plan) themes with no verified activity in the last 30 days."""
    since = today - dt.timedelta(days=GAP_DAYS)
    last_by_village = dict(
        Activity.villages.through.objects.filter(  # type: ignore[misc]
            activity__commune=commune, activity__status=VERIFIED, activity__held_on__lte=today
        )
        .values("village_id")
        .annotate(last=Max("activity__held_on"))
        .values_list("village_id", "last")
    )
    villages = Village.objects.filter(commune=commune).order_by("sort_order", "name")
    if village_ids is not None:
        villages = villages.filter(pk__in=village_ids)
    village_gaps = [
        Gap(str(v), last_by_village.get(v.pk))
        for v in villages
        if (last_by_village.get(v.pk) or dt.date.min) < since
    ]
    theme_gaps: list[Gap] = []
    plan = plan_for_year(commune, today.year)
    if plan is not None:
        last_by_theme = dict(
            Activity.themes.through.objects.filter(  # type: ignore[misc]
                plantheme__plan=plan, activity__status=VERIFIED, activity__held_on__lte=today
            )
            .values("plantheme_id")
            .annotate(last=Max("activity__held_on"))
            .values_list("plantheme_id", "last")
        )
        theme_gaps = [
            Gap(str(t), last_by_theme.get(t.pk))
            for t in plan.themes.all()
            if (last_by_theme.get(t.pk) or dt.date.min) < since
        ]
    return village_gaps, theme_gaps


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    """For the home page: the review queue, and villages/themes left out for 30 days."""
    items: list[Attention] = []
    if not scope.can("view"):
        return items
    url = reverse("activities:coverage", kwargs={"commune_slug": commune.slug})
    if scope.can("verify"):
        waiting = Activity.objects.filter(commune=commune, status=Activity.Status.REPORTED).count()
        if waiting:
            items.append(
                Attention(
                    _("%(n)s hoạt động đang chờ xác nhận") % {"n": waiting},
                    reverse("activities:list", kwargs={"commune_slug": commune.slug})
                    + "?status=reported",
                    "warning",
                )
            )
    if scope.user_id:
        returned = Activity.objects.filter(
            commune=commune, status=Activity.Status.RETURNED, recorded_by_id=scope.user_id
        ).count()
        if returned:
            items.append(
                Attention(
                    _("%(n)s hoạt động anh/chị báo cáo bị trả lại, cần bổ sung") % {"n": returned},
                    reverse("activities:list", kwargs={"commune_slug": commune.slug})
                    + "?status=returned",
                    "warning",
                )
            )
    village_ids = None if scope.sees_whole_commune else scope.village_ids
    village_gaps, theme_gaps = gaps(
        commune=commune, today=timezone.localdate(), village_ids=village_ids
    )
    if village_gaps:
        names = ", ".join(g.label for g in village_gaps[:6])
        more = len(village_gaps) - 6
        text = ngettext(
            "%(n)s thôn chưa có hoạt động được xác nhận trong %(d)s ngày: %(names)s",
            "%(n)s thôn chưa có hoạt động được xác nhận trong %(d)s ngày: %(names)s",
            len(village_gaps),
        ) % {
            "n": len(village_gaps),
            "d": GAP_DAYS,
            "names": names + (f" (+{more})" if more > 0 else ""),
        }
        items.append(Attention(text, url, "warning"))
    if theme_gaps and scope.sees_whole_commune:
        text = ngettext(
            "%(n)s nội dung chưa được tuyên truyền trong %(d)s ngày: %(names)s",
            "%(n)s nội dung chưa được tuyên truyền trong %(d)s ngày: %(names)s",
            len(theme_gaps),
        ) % {
            "n": len(theme_gaps),
            "d": GAP_DAYS,
            "names": ", ".join(g.label for g in theme_gaps),
        }
        items.append(Attention(text, url, "warning"))
    return items
