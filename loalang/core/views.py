from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.static import serve

from loalang.accounts.access import Cap, commune_view, communes_for_user
from loalang.core.nav import attention_items
from loalang.core.selectors import audit_entry_list, commune_overview
from loalang.places.models import Commune


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """The root page: the communes that run Loa Làng, each linking to its public section."""
    communes = Commune.objects.select_related("province").order_by("province__name", "name")
    return render(request, "core/landing.html", {"communes": communes})


@login_required
@require_GET
def app_redirect(request: HttpRequest) -> HttpResponse:
    communes = communes_for_user(request.user)
    if len(communes) == 1:
        return redirect("core:commune_home", commune_slug=communes[0].slug)
    return render(request, "core/choose_commune.html", {"communes": communes})


@require_GET
@commune_view(Cap.VIEW)
def commune_home(request: HttpRequest, commune: Commune) -> HttpResponse:
    overview = commune_overview(commune=commune)
    attention = attention_items(commune, request.scope)  # type: ignore[attr-defined]
    return render(request, "core/commune_home.html", {"overview": overview, "attention": attention})


@require_GET
@commune_view(Cap.AUDIT)
def audit_list(request: HttpRequest, commune: Commune) -> HttpResponse:
    entries = audit_entry_list(commune=commune, verb_prefix=request.GET.get("verb", "")[:80])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page})


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
