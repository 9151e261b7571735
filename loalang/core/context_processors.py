from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from loalang.core.nav import nav_links


def shell(request: HttpRequest) -> dict[str, Any]:
    commune = getattr(request, "commune", None)
    scope = getattr(request, "scope", None)
    links = nav_links(commune, scope) if commune is not None and scope is not None else []
    return {
        "loalang_name": settings.LOALANG_SITE_NAME,
        "commune": commune,
        "scope": scope,
        "nav_links": links,
        # Capabilities templates most often ask about; views may add their own.
        "can_manage": bool(scope and scope.can("manage_org")),
    }
