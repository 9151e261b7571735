from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from loalang.core.nav import nav_groups, nav_links


def shell(request: HttpRequest) -> dict[str, Any]:
    commune = getattr(request, "commune", None)
    scope = getattr(request, "scope", None)
    links = nav_links(commune, scope) if commune is not None and scope is not None else []
    return {
        "loalang_name": settings.LOALANG_SITE_NAME,
        "commune": commune,
        "scope": scope,
        "nav_links": links,
        "nav_groups": nav_groups(links, request.path),
        # Village heads and team members work from a phone: a bottom bar with quick entry.
        "has_phone_bar": bool(getattr(scope, "works_in_the_field", False)),
        # Capabilities templates most often ask about; views may add their own.
        "can_manage": bool(scope and scope.can("manage_org")),
    }
