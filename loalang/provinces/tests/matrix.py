"""Province pages: who gets in (issue 19 item 2). Not commune URLs, so not in the core matrix:
tests/test_access.py walks these and fails on any provinces URL without a case here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CASES: list[Any] = []  # nothing under /app/<commune_slug>/


@dataclass
class ProvinceCase:
    url_name: str
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})
    data: Callable[[Any], dict[str, Any]] = field(default=lambda w: {})


def _commune_user(w: Any) -> dict[str, Any]:
    return {"pk": w.culture.pk}


PROVINCE_CASES = [
    ProvinceCase("provinces:home"),
    ProvinceCase("provinces:load_official", "post"),
    ProvinceCase("provinces:commune_create"),
    ProvinceCase("provinces:commune_toggle", "post", kwargs=lambda w: {"pk": w.commune.pk}),
    ProvinceCase("provinces:merge"),
    ProvinceCase("provinces:import"),
    ProvinceCase("provinces:import_done"),
    ProvinceCase("provinces:import_template", kwargs=lambda w: {"kind": "thon", "fmt": "xlsx"}),
    ProvinceCase("provinces:users"),
    ProvinceCase("provinces:user_reset", "post", kwargs=_commune_user),
    ProvinceCase("provinces:defaults"),
    ProvinceCase("provinces:hosts"),
    ProvinceCase("provinces:host_delete", "post", kwargs=lambda w: {"pk": w.host_entry().pk}),
    ProvinceCase("provinces:dashboard"),
    ProvinceCase("provinces:dashboard_export", kwargs=lambda w: {"fmt": "csv"}),
]
