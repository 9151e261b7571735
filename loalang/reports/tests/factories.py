"""Test data for reports: verified activities with their typed details, built through the ORM."""

from __future__ import annotations

import datetime as dt
from typing import Any

from loalang.activities.models import (
    Activity,
    GuidanceCount,
    PrintedDistribution,
    PrintedMaterial,
    TeamGuidance,
)
from loalang.activities.services import channel_for_kind
from loalang.reports.models import Report
from loalang.reports.selectors import indicator_set_for


def activity(
    commune: Any,
    kind: str = "radio_broadcast",
    *,
    on: dt.date,
    status: str = "verified",
    villages: tuple = (),
    themes: tuple = (),
    **fields: Any,
) -> Activity:
    act = Activity.objects.create(
        commune=commune,
        kind=kind,
        channel=fields.pop("channel", channel_for_kind(kind)),
        title=fields.pop("title", f"Hoạt động {kind}"),
        held_on=on,
        status=status,
        **fields,
    )
    if villages:
        act.villages.set(villages)
    if themes:
        act.themes.set(themes)
    return act


def printed(
    commune: Any, *, on: dt.date, copies: int, distributed: dict | None = None, **kw: Any
) -> Activity:
    act = activity(commune, "printed", on=on, **kw)
    material = PrintedMaterial.objects.create(
        activity=act, material_kind="leaflet", copies_printed=copies
    )
    for village, n in (distributed or {}).items():
        PrintedDistribution.objects.create(printed=material, village=village, copies=n)
    return act


def guidance(
    commune: Any,
    *,
    on: dt.date,
    households: int,
    people: int,
    platforms: dict | None = None,
    **kw: Any,
) -> Activity:
    act = activity(commune, "team_guidance", on=on, **kw)
    g = TeamGuidance.objects.create(activity=act, households=households, people=people)
    for platform, (h, p) in (platforms or {}).items():
        GuidanceCount.objects.create(guidance=g, platform=platform, households=h, people=p)
    return act


def report(
    commune: Any,
    *,
    date_from: dt.date = dt.date(2023, 1, 1),
    date_to: dt.date = dt.date(2023, 12, 31),
    **fields: Any,
) -> Report:
    defaults = {
        "indicator_set": indicator_set_for(commune),
        "kind": Report.Kind.PERIODIC,
        "period": Report.Period.YEAR,
        "title": "Kết quả công tác truyền thông chuyển đổi số năm 2023",
        "recipients": "Sở Khoa học và Công nghệ tỉnh Thanh Hóa",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Hà Văn Minh",
    }
    defaults.update(fields)
    return Report.objects.create(commune=commune, date_from=date_from, date_to=date_to, **defaults)
