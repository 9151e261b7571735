"""The month's as-run log, for inspection: planned against aired, per session and cluster.

`asrun_month` reads; `asrun_csv` and `asrun_pdf` are pure renderers of what it returns (no
database access). Planned items come from the programme as it stands now (a bulletin withdrawn
later no longer shows as planned); aired items come from the broadcast logs, including those
aired outside any session (emergencies, vendor rows).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from loalang.core.sheets import csv_bytes
from loalang.radio.models import Bulletin, Language
from loalang.radio.selectors import broadcast_day


@dataclass(frozen=True)
class AsRunRow:
    day: dt.date
    session: str  # "06:00 Buổi sáng", or "Ngoài lịch"
    cluster: str
    bulletin: str
    language: str
    priority: str
    source: str  # where the bulletin came from: commune, province, central
    planned_minutes: int  # 0 when not planned (aired outside the programme)
    aired_minutes: int
    aired_at: dt.datetime | None
    recorded_by: str  # how the airing was recorded: operator, device log, emergency
    status: str


@dataclass
class SessionTotal:
    session: str
    planned: int = 0
    aired: int = 0
    planned_minutes: int = 0
    aired_minutes: int = 0


@dataclass
class AsRunMonth:
    commune_name: str
    year: int
    month: int
    rows: list[AsRunRow] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def sessions(self) -> list[SessionTotal]:
        totals: dict[str, SessionTotal] = {}
        for row in self.rows:
            total = totals.setdefault(row.session, SessionTotal(row.session))
            if row.planned_minutes:
                total.planned += 1
                total.planned_minutes += row.planned_minutes
            if row.aired_minutes:
                total.aired += 1
                total.aired_minutes += row.aired_minutes
        return sorted(totals.values(), key=lambda t: t.session)

    @property
    def not_aired(self) -> int:
        return sum(1 for r in self.rows if r.planned_minutes and not r.aired_minutes)


def _minutes(seconds: float) -> int:
    return -(-round(seconds) // 60) if seconds else 0


def asrun_month(*, commune: Any, year: int, month: int, today: dt.date | None = None) -> AsRunMonth:
    """Every planned or aired item of the month, one row per session × bulletin × language ×
    cluster. Days after `today` are left out (nothing can have aired yet)."""
    result = AsRunMonth(commune.full_name, year, month)
    day = result.first_day
    last = min(result.last_day, today) if today else result.last_day
    priorities = dict(Bulletin.Priority.choices)
    sources = dict(Bulletin.Source.choices)
    while day <= last:
        for row in broadcast_day(commune=commune, day=day):
            session = f"{row.slot.starts_at:%H:%M} {row.slot.name}" if row.slot else _("Ngoài lịch")
            planned_seconds = row.planned_seconds
            aired = row.aired_cluster_ids
            clusters = {c.pk: c for c in row.planned_clusters}
            if row.log:
                clusters.update({c.pk: c for c in row.log.clusters.all()})
            for pk, cluster in sorted(clusters.items(), key=lambda kv: str(kv[1])):
                was_planned = any(c.pk == pk for c in row.planned_clusters)
                was_aired = pk in aired
                if was_planned and was_aired:
                    status = _("Đã phát")
                elif was_planned:
                    status = _("Chưa phát") if row.log else _("Chưa xác nhận")
                else:
                    status = _("Phát ngoài kế hoạch")
                result.rows.append(
                    AsRunRow(
                        day=day,
                        session=session,
                        cluster=str(cluster),
                        bulletin=row.bulletin.title,
                        language=str(Language(row.language).label),
                        priority=str(priorities.get(row.bulletin.priority, "")),
                        source=str(sources.get(row.bulletin.source, "")),
                        planned_minutes=_minutes(planned_seconds) if was_planned else 0,
                        aired_minutes=row.log.minutes if (row.log and was_aired) else 0,
                        aired_at=row.log.aired_at if (row.log and was_aired) else None,
                        recorded_by=row.log.get_source_display() if row.log else "",
                        status=str(status),
                    )
                )
        day += dt.timedelta(days=1)
    return result


HEADER = [
    "Ngày",
    "Buổi phát",
    "Cụm loa",
    "Bản tin",
    "Ngôn ngữ",
    "Mức ưu tiên",
    "Nguồn tin",
    "Số phút theo lịch",
    "Số phút đã phát",
    "Phát lúc",
    "Cách ghi nhận",
    "Tình trạng",
]


def asrun_csv(data: AsRunMonth) -> bytes:
    """CSV for Excel (UTF-8 with BOM), dates dd/mm/yyyy, user text never a formula."""
    return csv_bytes(
        HEADER,
        (
            [
                r.day,
                r.session,
                r.cluster,
                r.bulletin,
                r.language,
                r.priority,
                r.source,
                r.planned_minutes,
                r.aired_minutes,
                r.aired_at.astimezone(_vn()).strftime("%H:%M") if r.aired_at else "",
                r.recorded_by,
                r.status,
            ]
            for r in data.rows
        ),
    )


def _vn() -> dt.tzinfo:
    from django.utils import timezone

    return timezone.get_default_timezone()


def asrun_pdf(data: AsRunMonth) -> bytes:
    """A printable A4 landscape as-run log. Pure: renders `data`; fetches nothing."""
    from weasyprint import HTML

    def refuse(url: str, *args: Any, **kwargs: Any) -> dict:
        raise ValueError(f"no fetching in the as-run PDF: {url}")

    html = render_to_string("radio/asrun_pdf.html", {"data": data, "header": HEADER})
    return HTML(string=html, url_fetcher=refuse).write_pdf()
