"""The amplifier relay: on while anything plays and in its daily window, through sysfs GPIO
when the pin exists (here a folder laid out like /sys/class/gpio), nothing otherwise."""

from __future__ import annotations

import datetime as dt

from loalang_player import relay as relay_module
from loalang_player.relay import Relay

from tests.helpers import T0, Station, session


def _sysfs(tmp_path, monkeypatch, pin: int):  # type: ignore[no-untyped-def]
    root = tmp_path / "gpio"
    (root / f"gpio{pin}").mkdir(parents=True)
    (root / "export").write_text("")
    monkeypatch.setattr(relay_module, "GPIO_ROOT", root)
    return root / f"gpio{pin}"


def test_relay_follows_playback_and_its_window(tmp_path, monkeypatch):
    pin = _sysfs(tmp_path, monkeypatch, 17)
    st = Station(tmp_path / "state")
    st.engine.relay = Relay(17, dt.time(6, 1), dt.time(6, 2))
    assert (pin / "direction").read_text() == "out"
    item = st.audio("Tin", 30)
    st.engine.set_programme({"sessions": [session(1, T0 + dt.timedelta(seconds=30), [item])]})
    st.run(10)
    assert (pin / "value").read_text() == "0"  # 05:59:10: nothing plays, outside the window
    st.run(30)
    assert (pin / "value").read_text() == "1"  # playing
    st.run(40)
    assert (pin / "value").read_text() == "0"  # 06:00:20: the item ended, window not open
    st.run(60)
    assert (pin / "value").read_text() == "1"  # 06:01:20: the daily window
    st.run(60)
    assert (pin / "value").read_text() == "0"  # 06:02:20: window closed, nothing plays


def test_without_gpio_the_relay_does_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(relay_module, "GPIO_ROOT", tmp_path / "absent")
    relay = Relay(17, dt.time(5), dt.time(21))
    relay.set(True)
    assert relay.available is False and relay.state is True
    assert relay.in_window(dt.time(6)) and not relay.in_window(dt.time(22))
    overnight = Relay(None, dt.time(22), dt.time(5))
    assert overnight.in_window(dt.time(23)) and overnight.in_window(dt.time(4))
