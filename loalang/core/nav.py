"""The staff menu and the home page's "needs attention" list, handed to core by every app.

Core names no other app (ADR 0090). An app registers from its `AppConfig.ready()`:

    nav.register(
        links=[("plans:list", _("Kế hoạch"), "view", "plan")],  # (url name, label, cap, group)
        attention=attention_items,  # (commune, scope) -> list[Attention]
        menu=province_link,  # optional: (commune, scope) -> list[NavLink], links that depend
    )                        # on the record or the role rather than a capability

The menu shows at most seven entries (ADR 0101): links are gathered into the groups of
`NAV_GROUPS`, in that order; inside a group, registration order (INSTALLED_APPS order). A group
the user can open one link of shows as that link; a group with none is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The staff menu's entries, in order: (key, label). Browser tests click these labels (the
# year-in-the-life test among them): keep them stable.
NAV_GROUPS: list[tuple[str, Any]] = [
    ("home", _("Trang chủ")),
    ("plan", _("Kế hoạch")),
    ("field", _("Hoạt động")),
    ("media", _("Truyền thông")),
    ("report", _("Báo cáo")),
    ("places", _("Địa bàn")),
    ("admin", _("Quản trị")),
]
NAV_DEFAULT_GROUP = "admin"


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    url_name: str
    group: str = NAV_DEFAULT_GROUP


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    links: tuple[NavLink, ...]
    is_current: bool = False

    @property
    def single(self) -> NavLink | None:
        """The one link of a group that has only one: shown as a plain link."""
        return self.links[0] if len(self.links) == 1 else None


@dataclass(frozen=True)
class Attention:
    text: str
    url: str = ""
    level: str = "info"  # info | warning | danger


AttentionSource = Callable[[Any, Any], list[Attention]]
MenuSource = Callable[[Any, Any], list[NavLink]]

_links: list[tuple[str, Any, str, str]] = []
_attention: list[AttentionSource] = []
_menu: list[MenuSource] = []


def register(
    *,
    links: Iterable[tuple[str, Any, str, str]] = (),
    attention: AttentionSource | None = None,
    menu: MenuSource | None = None,
) -> None:
    """Add menu links (url name, label, capability, group), a "needs attention" source and/or a
    menu source (links that depend on the commune or the role, not on a capability).

    Registering the same link or source twice adds it once (ready() may run again in tests)."""
    for link in links:
        if link[0] not in {entry[0] for entry in _links}:
            _links.append(link)
    if attention is not None and attention not in _attention:
        _attention.append(attention)
    if menu is not None and menu not in _menu:
        _menu.append(menu)


def nav_links(commune: Any, scope: Any) -> list[NavLink]:
    links = []
    for url_name, label, cap, group in _links:
        if not scope.can(cap):
            continue
        try:
            url = reverse(url_name, kwargs={"commune_slug": commune.slug})
        except NoReverseMatch:
            continue
        links.append(NavLink(url=url, label=str(label), url_name=url_name, group=group))
    for source in _menu:
        links.extend(source(commune, scope))
    return links


def nav_groups(links: list[NavLink], path: str = "") -> list[NavGroup]:
    """`links` gathered into the menu's groups (NAV_GROUPS order; empty groups dropped).

    A group is current when one of its links is the page or a parent of it (the home link
    only for the home page itself)."""
    groups = []
    for key, label in NAV_GROUPS:
        mine = tuple(link for link in links if link.group == key)
        if not mine:
            continue
        current = any(
            path == link.url or (key != "home" and path.startswith(link.url)) for link in mine
        )
        groups.append(NavGroup(key=key, label=str(label), links=mine, is_current=current))
    return groups


def attention_items(commune: Any, scope: Any) -> list[Attention]:
    items: list[Attention] = []
    for source in _attention:
        items.extend(source(commune, scope))
    return items
