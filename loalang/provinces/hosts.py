"""Each commune's portal on its own host name (ADR 0121).

A request whose Host is in the host map (CommuneHost) is served the commune's public portal
at the root: `/tin/x/` on aithuong.thanhhoa.gov.vn is the portal's `/ai-thuong/tin/x/`. The
path is rewritten *before* the page cache sees it (in config/wsgi.py for the WSGI front and by
`CommuneHostMiddleware`, first in MIDDLEWARE, for requests that reach Django), so the cache key
carries both the host and the commune's slug. Links the portal renders keep the `/<slug>/`
form, which the host also serves; the canonical URL (`request.canonical_url`) is the clean one
on the primary host, built from the host map, never from the request's Host header.

Safety: the Host header is only a key into the map, and only once Django's own
ALLOWED_HOSTS check accepts it; an unknown host changes nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port, validate_host

# Paths that stay site-wide on every host (staff, accounts, admin, API, files).
SITE_PATHS = frozenset(
    {
        "app",
        "admin",
        "api",
        "static",
        "media",
        "tai-khoan",
        "i18n",
        "tinh",
        "quan-tri-tinh",
        "healthz",
        "favicon.ico",
        "robots.txt",
    }
)
log = logging.getLogger(__name__)
CHECK_SECONDS = 1.0  # how often a process asks the shared cache whether the map changed
REFRESH_SECONDS = 300  # and reloads it anyway (a shared cache that lost its key)
VERSION_KEY = "provinces:hosts:v"

_lock = threading.Lock()
_state: dict[str, Any] = {"at": 0.0, "checked": 0.0, "version": None, "hosts": {}, "primary": {}}


def _load() -> tuple[dict[str, str], dict[str, str]]:
    from loalang.provinces.models import CommuneHost

    hosts: dict[str, str] = {}
    primary: dict[str, str] = {}
    for host, slug, is_primary in CommuneHost.objects.filter(commune__is_active=True).values_list(
        "host", "commune__slug", "is_primary"
    ):
        hosts[host] = slug
        if is_primary:
            primary[slug] = host
    return hosts, primary


def _shared_version() -> Any:
    from django.core.cache import cache

    try:
        return cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001 - a cache outage must not take the portal down
        return None


def _maps() -> tuple[dict[str, str], dict[str, str]]:
    """The host map of this process: reloaded when another process changed it (a version in
    the shared cache, asked at most once a second), or every REFRESH_SECONDS."""
    now = time.monotonic()
    if now - _state["checked"] > CHECK_SECONDS:
        with _lock:
            if now - _state["checked"] > CHECK_SECONDS:
                version = _shared_version()
                _state["checked"] = now
                if version != _state["version"] or now - _state["at"] > REFRESH_SECONDS:
                    _state["hosts"], _state["primary"] = _load()
                    _state["at"], _state["version"] = now, version
    return _state["hosts"], _state["primary"]


def forget() -> None:
    """Reload the map in this process now and in every other within a second (called after a
    host, or a commune's state, changed)."""
    from django.core.cache import cache

    _state["checked"] = 0.0
    _state["at"] = 0.0
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:  # without a shared cache, the reload every 300 s remains
        log.warning("hosts.version_not_shared", exc_info=True)


def commune_for_host(raw_host: str) -> str | None:
    domain, _port = split_domain_port(raw_host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    return _maps()[0].get(domain.lower())


def primary_host(slug: str) -> str | None:
    return _maps()[1].get(slug)


def _raw_host(environ: dict[str, Any]) -> str:
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return str(environ["HTTP_X_FORWARDED_HOST"]).split(",")[0].strip()
    return str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "")


def routed_path(environ: dict[str, Any]) -> str | None:
    """The portal path this request stands for on its commune host, or None to leave it."""
    path = environ.get("PATH_INFO", "") or "/"
    first = path[1:].split("/", 1)[0]
    if first in SITE_PATHS:
        return None
    slug = commune_for_host(_raw_host(environ))
    if slug is None or first == slug:
        return None
    return f"/{slug}{path}"


class HostRouteApp:
    """WSGI wrapper, outside the page cache's WSGI front (config/wsgi.py)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            new = routed_path(environ)
        except Exception:  # noqa: BLE001 - a map that cannot load must not take the site down
            new = None
        if new is not None:
            environ["PATH_INFO"] = new
            environ["loalang.host_routed"] = True
        return self.app(environ, start_response)


class CommuneHostMiddleware:
    """The same rewrite for requests Django builds (tests, runserver); and 301s for merged
    communes: an address of a commune merged into another answers with the new commune's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.META.get("loalang.host_routed"):
            new = routed_path(request.META)
            if new is not None:
                request.META["PATH_INFO"] = new
                request.META["loalang.host_routed"] = True
                request.path_info = new
                request.path = f"{request.META.get('SCRIPT_NAME', '').rstrip('/')}{new}"
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> None:
        slug = kwargs.get("commune_slug")
        if slug and not request.path_info.startswith("/app/"):
            host = primary_host(slug)
            if host:
                clean = request.path_info[len(slug) + 1 :] or "/"
                scheme = "https" if request.is_secure() else "http"
                request.canonical_url = f"{scheme}://{host}{clean}"  # type: ignore[attr-defined]

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.http import Http404

        if not isinstance(exception, Http404):
            return None
        match = request.resolver_match
        slug = match.kwargs.get("commune_slug") if match else None
        if not slug:
            return None
        from loalang.places.models import Commune

        commune = Commune.objects.filter(slug=slug, successor__isnull=False).first()
        if commune is None:
            return None
        target = commune.successor
        seen = {commune.pk}
        while target is not None and target.successor_id is not None and target.pk not in seen:
            seen.add(target.pk)
            target = target.successor
        assert target is not None
        if not target.is_active:  # the unit it went into has no portal either
            return None
        rest = (
            request.path_info.split(f"/{slug}/", 1)[-1] if f"/{slug}/" in request.path_info else ""
        )
        prefix = request.path_info.split(f"/{slug}/", 1)[0]
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            f"{prefix}/{target.slug}/{rest}" + (f"?{query}" if query else "")
        )


def on_own_host(request: HttpRequest, slug: str) -> bool:
    """True when this request reached the commune `slug` through one of its own host names."""
    return bool(request.META.get("loalang.host_routed")) and (
        commune_for_host(request.get_host()) == slug
    )


def clean_path(path: str, slug: str) -> str:
    """'/ai-thuong/tin/x/' → '/tin/x/': the form a commune's own host uses."""
    prefix = f"/{slug}"
    return path[len(prefix) :] if path.startswith(prefix + "/") else path
