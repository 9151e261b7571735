"""Radio notices of events: what an announcer reads before a meeting, a vaccination day…"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from loalang.radio.models import Bulletin
from loalang.radio.services.bulletins import bulletin_create_draft


def event_notice_script(
    *, title: str, starts_at: dt.datetime, place: str = "", description: str = ""
) -> str:
    """The words of a notice: what, when (Vietnam time), where, then the details."""
    local = timezone.localtime(starts_at)
    when = f"{local:%H} giờ {local:%M}, {date_format(local.date(), 'l')}, ngày {local:%d/%m/%Y}"
    when = when.replace(" giờ 00", " giờ")
    lines = [f"Thông báo: {title.strip().rstrip('.')}.", f"Thời gian: {when}."]
    if place.strip():
        lines.append(f"Địa điểm: {place.strip().rstrip('.')}.")
    if description.strip():
        lines.append(description.strip())
    lines.append("Đề nghị bà con chú ý theo dõi và tham gia đầy đủ.")
    return "\n\n".join(lines)


@transaction.atomic
def bulletin_notice_for_event(
    *,
    commune: Any,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    place: str,
    description: str,
    actor: Any,
    themes: Iterable[Any] = (),
    origin: models.Model | None = None,
) -> Bulletin:
    """A draft notice of an event that airs from today until the event's last day, and never
    after it (an event notice heard the day after the meeting is noise)."""
    last_day = timezone.localtime(ends_at or starts_at).date()
    today = timezone.localdate()
    return bulletin_create_draft(
        commune=commune,
        title=f"Thông báo: {title.strip()}"[:200],
        script=event_notice_script(
            title=title, starts_at=starts_at, place=place, description=description
        ),
        actor=actor,
        themes=themes,
        origin=origin,
        valid_from=min(today, last_day),
        valid_until=last_day,
    )
