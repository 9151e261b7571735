"""Scheduling, preemption, gaps, offline running, restarts and clock trust, on a simulated
clock with a fake audio sink (the real audio path has its own test: test_audio.py)."""

from __future__ import annotations

import datetime as dt

from tests.helpers import T0, SimClock, Station, session

SIX = T0 + dt.timedelta(minutes=1)  # 06:00:00, one minute after the test clocks start


def _morning(st: Station, *, cached_second: bool = True) -> dict:
    a = st.audio("Tin thời sự", 60)
    b = st.audio("Lịch tiêm chủng", 30, cached=cached_second)
    c = st.audio("Nhạc cuối", 20)
    fb = st.audio("Phát lại chuyển đổi số", 12)
    return {
        "sessions": [session(7, SIX, [a, b, c])],
        "fallback": [{**fb}],
        "emergencies": [],
    }


def test_programme_airs_on_time_in_order_and_reports_each_item(tmp_path):
    st = Station(tmp_path)
    st.engine.set_programme(_morning(st))
    st.run(59.5)
    assert st.played() == []  # nothing before 06:00
    st.run(115)
    assert st.played() == [
        ("06:00:00", "Tin thời sự", 0.0),
        ("06:01:00", "Lịch tiêm chủng", 0.0),
        ("06:01:30", "Nhạc cuối", 0.0),
    ]
    reports = st.reports()
    assert [r["title"] for r in reports] == ["Tin thời sự", "Lịch tiêm chủng", "Nhạc cuối"]
    assert all(not r["interrupted"] and r["slot_id"] == 7 for r in reports)
    first = reports[0]
    seconds = (
        dt.datetime.fromisoformat(first["ended_at"])
        - dt.datetime.fromisoformat(first["started_at"])
    ).total_seconds()
    assert 59.5 <= seconds <= 60.5
    assert st.engine.current is None  # silence after the session, relay may switch off


def test_emergency_preempts_then_the_programme_resumes_where_it_was_cut(tmp_path):
    st = Station(tmp_path)
    programme = _morning(st)
    st.engine.set_programme(programme)
    st.run(80)  # 06:00:20, twenty seconds into the first item
    storm = st.audio("Bão số 3", 15)
    st.engine.set_emergencies([{**storm, "key": "9:a1", "priority_class": "emergency"}])
    st.run(0.5)
    assert st.played()[-1] == ("06:00:20", "Bão số 3", 0.0)
    st.run(20)
    resumed = st.played()[-1]
    assert resumed[1] == "Tin thời sự" and 20 <= resumed[2] <= 21  # from where it was cut
    st.run(120)
    titles = [p[1] for p in st.played()]
    assert titles == ["Tin thời sự", "Bão số 3", "Tin thời sự", "Lịch tiêm chủng", "Nhạc cuối"]
    cut = st.reports()[0]
    assert cut["interrupted"] and cut["interruption"] == "emergency"
    assert st.reports()[1]["kind"] == "emergency" and not st.reports()[1]["interrupted"]
    st.engine.set_emergencies([{**storm, "key": "9:a1"}])  # told again: aired once only
    st.run(5)
    assert titles.count("Bão số 3") == 1


def test_a_missing_file_is_covered_by_the_fallback_playlist(tmp_path):
    st = Station(tmp_path)
    st.engine.set_programme(_morning(st, cached_second=False))
    st.run(175)
    assert [p[:2] for p in st.played()] == [
        ("06:00:00", "Tin thời sự"),
        ("06:01:00", "Phát lại chuyển đổi số"),
        ("06:01:12", "Phát lại chuyển đổi số"),  # the 30 s gap needs the 12 s clip three times
        ("06:01:24", "Phát lại chuyển đổi số"),
        ("06:01:30", "Nhạc cuối"),  # and the next item still starts on time
    ]
    kinds = [r["kind"] for r in st.reports()]
    assert kinds == ["programme", "fallback", "fallback", "fallback", "programme"]


def test_keeps_playing_the_cached_schedule_after_a_restart_without_server(tmp_path):
    st = Station(tmp_path)
    st.engine.set_programme(_morning(st))
    st.restart()  # a reboot: nothing from the server, only what is on disk
    st.run(62)
    assert [p[1] for p in st.played()] == ["Tin thời sự"]


def test_killed_mid_item_it_resumes_and_reports_the_interruption(tmp_path):
    st = Station(tmp_path)
    st.engine.set_programme(_morning(st))
    st.run(90)  # 06:00:30, mid first item (progress is saved every 5 s)
    st.restart()  # kill -9: no clean stop, the old engine is just gone
    [lost] = st.reports()
    assert lost["interrupted"] and "restart" in lost["interruption"]
    assert lost["title"] == "Tin thời sự"
    assert dt.datetime.fromisoformat(lost["ended_at"]) >= SIX + dt.timedelta(seconds=25)
    st.run(0.5)
    assert st.played()[-1][1:] == ("Tin thời sự", 30.5)


def test_untrusted_clock_at_boot_never_airs_the_schedule_until_synchronised(tmp_path):
    good = Station(tmp_path)
    good.engine.set_programme(_morning(good))
    good.run(1)  # the clock is trusted once (NTP): the last good time is saved
    # Reboot without network: the clock starts where fake-hwclock left it, a day behind, and
    # nothing confirms it. The cached programme for "today" must not air on it.
    clock = SimClock(T0 - dt.timedelta(days=1) + dt.timedelta(hours=25), synced=False)
    clock.wall = T0 - dt.timedelta(days=1)  # earlier than the last good time
    st = Station(tmp_path, clock)
    st.engine.set_programme(_morning(st))
    clock.wall = T0 - dt.timedelta(minutes=5)  # still before the last good time
    st.run(60)
    assert st.played() == [] and st.engine.trust.trusted is False
    assert "earlier" in st.engine.trust.reason


def test_untrusted_clock_plays_fallback_only_in_session_windows_or_silence(tmp_path):
    for mode, expected in (("fallback", "Phát lại chuyển đổi số"), ("silence", None)):
        folder = tmp_path / mode
        folder.mkdir()
        st = Station(folder, SimClock(synced=False), mode=mode)
        st.engine.set_programme(_morning(st))
        st.run(70)
        titles = {p[1] for p in st.played()}
        assert titles == ({expected} if expected else set())
        assert all(r["clock_trusted"] is False and r["slot_id"] is None for r in st.reports())
        # The server's answer confirms the clock: the schedule resumes where it should be.
        st.engine.trust.server_time(st.clock.now())
        st.run(1)
        assert st.played()[-1][1] == "Tin thời sự" and st.played()[-1][2] >= 10


def test_clock_jumps_make_it_untrusted_until_confirmed(tmp_path):
    clock = SimClock(synced=False)
    st = Station(tmp_path, clock)
    st.engine.set_programme(_morning(st))
    st.engine.trust.server_time(clock.now())
    st.run(70)
    assert st.played()[-1][1] == "Tin thời sự"
    clock.jump(3600)  # forwards an hour (a bad NTP answer, a user)
    st.run(1)
    assert st.engine.trust.trusted is False and "jumped" in st.engine.trust.reason
    clock.jump(-3600 - 30)  # and back, to 30 s before the true time
    st.run(1)
    assert st.engine.trust.trusted is False
    before = len(st.played())
    st.run(30)
    assert {p[1] for p in st.played()[before:]} <= {"Phát lại chuyển đổi số"}
    st.engine.trust.server_time(clock.now())
    st.run(1)
    assert st.engine.trust.trusted is True and st.played()[-1][1] == "Tin thời sự"


def test_a_broken_sound_card_is_retried_and_reported_in_status(tmp_path):
    st = Station(tmp_path)
    st.engine.set_programme(_morning(st))
    st.sink.broken = True
    st.run(62)
    assert st.played() == [] and st.reports() == []
    st.sink.broken = False
    st.run(6)
    assert st.played()[-1][1] == "Tin thời sự"
