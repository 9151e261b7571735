"""The player's settings, read from a TOML file (see README: /etc/loalang-player.toml)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Config:
    server: str  # "https://loalang.example.gov.vn/"
    token: str  # the device token issued on the cluster's page (llp_…)
    state_dir: Path = Path("/var/lib/loalang-player")
    cache_limit_mb: int = 2048
    days: int = 3  # how many days of programme to fetch and cache
    poll_seconds: float = 3.0  # emergency poll
    heartbeat_seconds: float = 60.0
    refresh_seconds: float = 600.0  # full programme refresh even without a change signal
    untrusted_clock: str = "fallback"  # "fallback" or "silence"
    trust_rtc: bool = False  # a board with a battery-backed clock may trust it at boot
    volume: int = 100  # percent, applied in software
    audio_backend: str = ""  # "", "alsa", "pulseaudio", "null"
    audio_device: str = ""  # a device name as listed by `loalang-player devices`
    relay_gpio: int | None = None  # BCM pin number of the amplifier relay, if any
    relay_on: dt.time | None = None  # daily on/off schedule for the amplifier
    relay_off: dt.time | None = None
    timeout_seconds: float = 20.0
    extra: dict = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"

    @property
    def cache_limit_bytes(self) -> int:
        return self.cache_limit_mb * 1024 * 1024


def _time(value: object) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def load(path: Path) -> Config:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = set(Config.__dataclass_fields__)
    values = {k: v for k, v in data.items() if k in known}
    values["state_dir"] = Path(values.get("state_dir", Config.state_dir))
    for key in ("relay_on", "relay_off"):
        values[key] = _time(values.get(key))
    if values.get("untrusted_clock", "fallback") not in ("fallback", "silence"):
        raise ValueError('untrusted_clock phải là "fallback" hoặc "silence"')
    if not values.get("server") or not values.get("token"):
        raise ValueError("Thiếu server hoặc token trong tệp cấu hình")
    values["extra"] = {k: v for k, v in data.items() if k not in known}
    return Config(**values)
