"""Whole-page cache for anonymous visitors, invalidated by a per-commune version number.

Every public write calls `bump(commune)`; the version is part of every cache key, so a publish
invalidates every page of that commune at once (home, lists, feeds, search) without having to
know which pages show what (ADR 0041). The lookup needs only the slug from the URL, so a cache
hit touches no database at all.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

TIMEOUT = 60 * 60 * 6  # also bounded by the version: stale pages are never served after a bump


def _version_key(slug: str) -> str:
    return f"portal:v:{slug}"


def version(slug: str) -> int:
    value = cache.get(_version_key(slug))
    if value is None:
        value = 1
        cache.add(_version_key(slug), value, timeout=None)
    return int(value)


def bump(commune: Any) -> None:
    """Invalidate every cached public page of the commune."""
    key = _version_key(commune.slug)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def cached_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve GET/HEAD from the cache for anonymous visitors without messages or a session."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, commune_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        cacheable = request.method in ("GET", "HEAD") and not request.COOKIES.get("sessionid")
        if not cacheable:
            return view(request, commune_slug, *args, **kwargs)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"portal:p:{commune_slug}:{version(commune_slug)}:{get_language()}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            status, content_type, body, headers = hit
            response = HttpResponse(body, status=status, content_type=content_type)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Portal-Cache"] = "hit"
            return response
        response = view(request, commune_slug, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            kept = [
                (n, v)
                for n, v in response.headers.items()
                if n
                in (
                    "Content-Security-Policy",
                    "X-Frame-Options",
                    "Access-Control-Allow-Origin",
                    "Content-Disposition",
                )
            ]
            cache.set(
                key,
                (response.status_code, response["Content-Type"], response.content, kept),
                TIMEOUT,
            )
            response.headers["X-Portal-Cache"] = "miss"
        return response

    return wrapper
