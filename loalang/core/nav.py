"""The staff menu and the home page's "needs attention" list, handed to core by every app.

Core names no other app (ADR 0090). An app registers from its `AppConfig.ready()`:

    nav.register(
        links=[("plans:list", _("Kế hoạch"), "view")],  # (url name, label, capability)
        attention=attention_items,  # (commune, scope) -> list[Attention]
    )

Registration order is INSTALLED_APPS order (Django calls `ready()` in that order), which is
the menu's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


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


AttentionSource = Callable[[Any, Any], list[Attention]]

_links: list[tuple[str, Any, str]] = []
_attention: list[AttentionSource] = []


def register(
    *, links: Iterable[tuple[str, Any, str]] = (), attention: AttentionSource | None = None
) -> None:
    """Add menu links (url name, label, capability) and/or a "needs attention" source.

    Registering the same link or source twice adds it once (ready() may run again in tests)."""
    for link in links:
        if link[0] not in {url_name for url_name, _label, _cap in _links}:
            _links.append(link)
    if attention is not None and attention not in _attention:
        _attention.append(attention)


def nav_links(commune: Any, scope: Any) -> list[NavLink]:
    links = []
    for url_name, label, cap in _links:
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
    for source in _attention:
        items.extend(source(commune, scope))
    return items
