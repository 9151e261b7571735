"""The staff menu and the home page's "needs attention" list, collected from every app.

An app adds menu links with `nav_items = [(url_name, label, cap)]` on its AppConfig, and
attention items with `attention = "dotted.path.to.function"`, a function
(commune, scope) -> list[Attention]. Nothing here knows about the other apps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    url_name: str


@dataclass(frozen=True)
class Attention:
    text: str
    url: str = ""
    level: str = "info"  # info | warning | danger


def nav_links(commune: Any, scope: Any) -> list[NavLink]:
    links = []
    for config in apps.get_app_configs():
        for url_name, label, cap in getattr(config, "nav_items", []):
            if not scope.can(cap):
                continue
            try:
                url = reverse(url_name, kwargs={"commune_slug": commune.slug})
            except NoReverseMatch:
                continue
            links.append(NavLink(url=url, label=str(label), url_name=url_name))
    return links


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    items: list[Attention] = []
    for config in apps.get_app_configs():
        path = getattr(config, "attention", None)
        if path:
            items.extend(import_string(path)(commune, scope))
    return items
