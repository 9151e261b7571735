from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from loalang.privacy.deadline import State, deadline_for, notify_deadline

FOUND = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _incident(notified: dt.datetime | None = None) -> SimpleNamespace:
    return SimpleNamespace(found_at=FOUND, authority_notified_at=notified)


def test_deadline_is_found_at_plus_72_hours_by_default():
    assert notify_deadline(FOUND) == dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.UTC)


def test_window_follows_the_setting(settings):
    settings.LOALANG_PDP_NOTIFY_HOURS = 24
    assert notify_deadline(FOUND) == FOUND + dt.timedelta(hours=24)


def test_more_than_a_day_left_is_running():
    d = deadline_for(_incident(), FOUND + dt.timedelta(hours=47, minutes=59))
    assert d.state == State.RUNNING
    assert d.hours_left == 24


def test_last_day_is_due_soon_with_hours_rounded_down():
    d = deadline_for(_incident(), FOUND + dt.timedelta(hours=60, minutes=30))
    assert d.state == State.DUE_SOON
    assert d.hours_left == 11


def test_past_the_window_without_notice_is_overdue():
    d = deadline_for(_incident(), FOUND + dt.timedelta(hours=72, seconds=1))
    assert d.state == State.OVERDUE
    assert d.hours_left < 0


def test_notified_in_time_is_not_late_whatever_the_clock_says():
    d = deadline_for(_incident(FOUND + dt.timedelta(hours=70)), FOUND + dt.timedelta(days=30))
    assert d.state == State.NOTIFIED
    assert not d.was_late


def test_notified_after_the_window_is_late():
    d = deadline_for(_incident(FOUND + dt.timedelta(hours=73)), FOUND + dt.timedelta(days=30))
    assert d.state == State.NOTIFIED
    assert d.was_late
