"""Demo-data hooks. Core names no other app (ADR 0090): each app hands its loader to core from
`AppConfig.ready()` with `register_demo_loader(self.label, load)`, where `load(commune)` is
idempotent. `manage.py load_demo` (loalang.home) builds the demo commune and then runs the
loaders in registration order, which is INSTALLED_APPS order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DemoLoader = Callable[[Any], None]

_loaders: dict[str, DemoLoader] = {}


def register_demo_loader(label: str, loader: DemoLoader) -> None:
    _loaders[label] = loader


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    return list(_loaders.items())
