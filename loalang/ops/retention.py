"""Which backup archives to keep: the newest N days, plus the newest of each of M months."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

NAME = re.compile(r"^loalang-(\d{8})-(\d{6})\.tar\.gz$")


def archive_name(at: dt.datetime) -> str:
    return f"loalang-{at:%Y%m%d-%H%M%S}.tar.gz"


def archives(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """Archives in `folder` named by archive_name, newest first; other files are ignored."""
    found = []
    for path in folder.glob("loalang-*.tar.gz"):
        match = NAME.match(path.name)
        if match:
            at = dt.datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
            found.append((at, path))
    return sorted(found, reverse=True)


def to_delete(
    found: list[tuple[dt.datetime, Path]], *, keep_daily: int, keep_monthly: int
) -> list[Path]:
    """Keep the newest archive of each of the last `keep_daily` days that have one, and the
    newest archive of each of the last `keep_monthly` months; everything else goes."""
    keep: set[Path] = set()
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for at, path in found:  # newest first
        if at.date() not in days and len(days) < keep_daily:
            days.add(at.date())
            keep.add(path)
        month = (at.year, at.month)
        if month not in months and len(months) < keep_monthly:
            months.add(month)
            keep.add(path)
    return [path for _at, path in found if path not in keep]
