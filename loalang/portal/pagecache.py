"""Whole-page cache for anonymous visitors of the public section (ADR 0041).

- Views opt in with `@cached_public` (it only marks the response as cacheable).
- `PortalCacheMiddleware`, placed right after WhiteNoise, serves a hit before sessions, auth,
  CSRF or URL resolving run, in ONE cache round trip (`get_many` of the commune's version and
  the page entry), which keeps a cached page close to the cost of a static file.
- Every public write calls `bump(commune)`: the per-commune version goes up, and every stored
  page of that commune (home, lists, feeds, search) stops matching at once.
- Never cached: requests with a session or messages cookie, non-GET/HEAD, responses other than
  200, responses that set a cookie, staff paths.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

TIMEOUT = 60 * 60 * 6
# Finite, so that paths probing random "slugs" cannot fill the cache with immortal keys; when a
# version key expires the next one is clock-based and every older page simply stops matching.
VERSION_TIMEOUT = 60 * 60 * 24 * 30
_NOT_PUBLIC = ("app", "admin", "api", "static", "media", "tai-khoan", "i18n", "tinh", "healthz")
_SKIP_COOKIES = ("sessionid", "messages")


def _version_key(slug: str) -> str:
    return f"portal:v:{slug}"


def _fresh_version() -> int:
    # If the version key was ever evicted, a restart from 1 could match pages stored before the
    # eviction; a clock-based number never does.
    return time.time_ns() // 1000


def bump(commune: Any) -> None:
    """Invalidate every cached public page of the commune."""
    key = _version_key(commune.slug)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_version(), timeout=VERSION_TIMEOUT)


def cached_public(
    view: Callable[..., HttpResponse] | None = None, *, timeout: int = TIMEOUT
) -> Any:
    """Mark a public view's responses as cacheable for anonymous visitors.

    `@cached_public(timeout=600)` for pages that also show time-bound or other apps' data
    (upcoming events, radio bulletins, commendations) that do not bump the portal's version.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            response.portal_cache_timeout = timeout  # type: ignore[attr-defined]
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def _slug_of(request: HttpRequest) -> str | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if any(request.COOKIES.get(name) for name in _SKIP_COOKIES):
        return None
    first = request.path_info.lstrip("/").split("/", 1)[0]
    if not first or first in _NOT_PUBLIC or "." in first:
        return None
    return first


def _page_key(request: HttpRequest, slug: str) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}|{request.method}"
    return f"portal:p:{slug}:{hashlib.sha256(raw.encode()).hexdigest()}"


class PortalCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        slug = _slug_of(request)
        if slug is None:
            return self.get_response(request)
        vkey, pkey = _version_key(slug), _page_key(request, slug)
        found = cache.get_many([vkey, pkey])
        version = found.get(vkey)
        entry = found.get(pkey)
        if entry is not None and version is not None and entry[0] == version:
            _, status, body, headers = entry
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "portal_cache_timeout", None)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if version is None:
                # Created only when a real page exists (a 404 for a made-up slug leaves no key).
                # This page is not stored: a bump during its rendering could not be detected.
                cache.add(vkey, _fresh_version(), timeout=VERSION_TIMEOUT)
                return response
            headers = [(n, v) for n, v in response.headers.items() if n != "X-Portal-Cache"]
            entry = (version, response.status_code, response.content, headers)
            cache.set(pkey, entry, response.portal_cache_timeout)  # type: ignore[attr-defined]
            response.headers["X-Portal-Cache"] = "miss"
        return response
