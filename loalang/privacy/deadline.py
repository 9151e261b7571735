"""The deadline for notifying the competent authority of a personal-data incident.

The window is `settings.LOALANG_PDP_NOTIFY_HOURS` (72 by default), counted from when the
incident was *found*. Sources: Decree 13/2023/NĐ-CP Art. 23(1) set 72 hours to notify the
Ministry of Public Security (A05, Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ
cao), with reasons when later; Law 91/2025/QH15 on personal data protection (in force
01/01/2026; Art. 23, violation notices) and Decree 356/2025/NĐ-CP replaced it and, as we read
them, keep 72 hours. CHECK THE CURRENT GUIDANCE before relying on this number: changing the
setting moves the deadline of every open incident (it is never stored).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings

DUE_SOON = dt.timedelta(hours=24)  # from here on the home page says "danger" and reminds


class State(StrEnum):
    NOTIFIED = "notified"  # the authority has been told (in time or late)
    RUNNING = "running"  # more than DUE_SOON left
    DUE_SOON = "due_soon"  # DUE_SOON or less left
    OVERDUE = "overdue"  # past the deadline, not notified


def window() -> dt.timedelta:
    return dt.timedelta(hours=settings.LOALANG_PDP_NOTIFY_HOURS)


def notify_deadline(found_at: dt.datetime) -> dt.datetime:
    """When the authority must have been notified at the latest."""
    return found_at + window()


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    state: State
    remaining: dt.timedelta  # negative once overdue
    was_late: bool  # notified after due_at

    @property
    def hours_left(self) -> int:
        """Whole hours left, rounded down; 0 in the last hour; negative when overdue."""
        return int(self.remaining.total_seconds() // 3600)


def deadline_for(incident: Any, now: dt.datetime) -> Deadline:
    """Where `incident` stands against the legal window at `now`."""
    due_at = notify_deadline(incident.found_at)
    notified = incident.authority_notified_at
    if notified is not None:
        return Deadline(due_at, State.NOTIFIED, due_at - notified, was_late=notified > due_at)
    remaining = due_at - now
    if remaining < dt.timedelta(0):
        state = State.OVERDUE
    elif remaining <= DUE_SOON:
        state = State.DUE_SOON
    else:
        state = State.RUNNING
    return Deadline(due_at, state, remaining, was_late=False)
