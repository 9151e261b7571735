"""The two site-wide pages that need no Loa Làng app: public media and the favicon."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.response import HttpResponseBase
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.static import serve


@require_GET
def public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Public media (portal image renditions) for single-machine installs without a proxy.

    MEDIA_ROOT holds public files only: private ones live in their own storage outside it
    (loalang.core.files), so no spelling of a path here can reach them; `serve` itself refuses
    paths that leave MEDIA_ROOT."""
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (RSS, downloads): send them
    to the SVG icon (resolved per request: the hashed static name exists after collectstatic)."""
    return HttpResponsePermanentRedirect(static("img/loa.svg"))
