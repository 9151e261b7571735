"""The amplifier relay: on while anything plays and during the daily on-window; a GPIO pin
through the kernel's sysfs interface when one is configured and present, otherwise nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

GPIO_ROOT = Path("/sys/class/gpio")


class Relay:
    def __init__(self, pin: int | None, on: dt.time | None, off: dt.time | None) -> None:
        self.pin = pin
        self.on_at, self.off_at = on, off
        self.state: bool | None = None
        self.available = False
        if pin is not None and GPIO_ROOT.exists():
            try:
                if not (GPIO_ROOT / f"gpio{pin}").exists():
                    (GPIO_ROOT / "export").write_text(str(pin))
                (GPIO_ROOT / f"gpio{pin}" / "direction").write_text("out")
                self.available = True
            except OSError:
                self.available = False

    def in_window(self, local: dt.time) -> bool:
        if self.on_at is None or self.off_at is None:
            return False
        if self.on_at <= self.off_at:
            return self.on_at <= local < self.off_at
        return local >= self.on_at or local < self.off_at

    def set(self, on: bool) -> None:
        if on == self.state:
            return
        self.state = on
        if self.available:
            try:
                (GPIO_ROOT / f"gpio{self.pin}" / "value").write_text("1" if on else "0")
            except OSError:
                self.available = False
