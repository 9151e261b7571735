"""Whole-page cache for anonymous visitors of the public section (ADR 0041, ADR 0046).

- Views opt in with `@cached_public` (it only marks the response as cacheable).
- `PortalCacheMiddleware`, FIRST in MIDDLEWARE, stores a cacheable response with its final
  headers (every other middleware has run), and answers a hit for a request that reached Django.
- `PageCacheApp` wraps the WSGI application (config/wsgi.py): a hit on a GET is answered before
  Django builds a request, with bytes and headers prepared when the page was stored.
- Two levels: each process keeps the pages it served in memory (bounded), in front of the shared
  cache (Redis, else the database), which holds the pages and the per-commune versions.
- Every public write calls `bump(commune)`: the commune's version in the shared cache goes up.
  Every hit, at either level, first reads that version from the shared cache and serves a page
  only if it was rendered at that version, so a publish in any process is seen at once.
- Never cached: requests with a session or messages cookie, non-GET/HEAD, responses other than
  200, responses that set a cookie or hold a CSRF token, staff paths.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60 * 6
# Finite, so that paths probing random "slugs" cannot fill the cache with immortal keys; when a
# version key expires the next one is clock-based and every older page simply stops matching.
VERSION_TIMEOUT = 60 * 60 * 24 * 30
# Pages one process keeps in memory; the oldest stored goes first beyond this many bytes.
LOCAL_BYTES = 16 * 1024 * 1024
_NOT_PUBLIC = ("app", "admin", "api", "static", "media", "tai-khoan", "i18n", "tinh", "healthz")
_ENVIRON_KEY = "loalang.pagecache"
_HIT = ("X-Portal-Cache", "hit")


def _version_key(slug: str) -> str:
    return f"portal:v:{slug}"


def _fresh_version() -> int:
    # If the version key was ever evicted, a restart from 1 could match pages stored before the
    # eviction; a clock-based number never does.
    return time.time_ns() // 1000


def bump(commune: Any) -> None:
    """Invalidate every cached public page of the commune, in every process, at once."""
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


# --- Stored pages -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Page:
    """A stored response: what the shared cache holds, and what a process keeps in memory."""

    version: int
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]  # final headers, without Set-Cookie or X-Portal-Cache
    body: bytes
    expires_at: float  # time.time(): the shared cache's timeout, also kept by the local copy

    def wsgi_headers(self) -> list[tuple[str, str]]:
        return [*self.headers, _HIT]


@dataclass(slots=True)
class Probe:
    """One request's cache identity, and the commune's version read before any rendering."""

    slug: str
    key: str
    version: int | None
    page: Page | None = None


class _Local:
    """The pages this process served, bounded in bytes; the oldest stored leaves first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.pages: dict[str, Page] = {}
        self.size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        return self.pages.get(key)

    def put(self, key: str, page: Page) -> None:
        if len(page.body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            while self.pages and self.size + len(page.body) > self.max_bytes:
                self.size -= len(self.pages.pop(next(iter(self.pages))).body)
            self.pages[key] = page
            self.size += len(page.body)

    def clear(self) -> None:
        with self._lock:
            self.pages.clear()
            self.size = 0


local = _Local(LOCAL_BYTES)


_hosts_seen: dict[str, bool] = {}


def _host_allowed(host: str) -> bool:
    """Django's ALLOWED_HOSTS check, remembered per Host header (bounded; reset when settings
    change in tests)."""
    ok = _hosts_seen.get(host)
    if ok is None:
        domain, _port = split_domain_port(host)
        ok = bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)
        if len(_hosts_seen) >= 256:
            _hosts_seen.clear()  # made-up Host headers must not grow it
        _hosts_seen[host] = ok
    return ok


@receiver(setting_changed)
def _settings_changed(**kwargs: Any) -> None:
    _hosts_seen.clear()
    _packed.clear()


def _raw_key(environ: dict[str, Any]) -> tuple[str, str] | None:
    """(commune slug, cache key) of a request that may be served from the cache, else None."""
    method = environ.get("REQUEST_METHOD")
    if method != "GET" and method != "HEAD":
        return None
    path = environ.get("PATH_INFO", "")
    first = path[1:].split("/", 1)[0] if path.startswith("/") else ""
    if not first or "." in first or first in _NOT_PUBLIC:
        return None
    language = settings.LANGUAGE_CODE
    raw_cookie = environ.get("HTTP_COOKIE")
    if raw_cookie:
        cookies = parse_cookie(raw_cookie)
        if cookies.get(settings.SESSION_COOKIE_NAME) or cookies.get("messages"):
            return None
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen and chosen in dict(settings.LANGUAGES):
            language = chosen
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    if not _host_allowed(host):
        return None
    scheme = environ.get("wsgi.url_scheme", "http")
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        forwarded = environ.get(header)
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == secure_value else "http"
    if scheme != "https" and settings.SECURE_SSL_REDIRECT:
        return None  # SecurityMiddleware redirects it
    query = environ.get("QUERY_STRING", "")
    return first, f"{first}|{scheme}|{host}|{path}|{query}|{language}|{method}"


class _Reader(threading.local):
    """This thread's own Redis connection for the version read of a hit (not borrowed from the
    pool: no pool lock, no client object, no per-command instrumentation)."""

    conn: Any = None
    backend: Any = None
    pid: int = 0


_reader = _Reader()
_packed: dict[str, list[bytes]] = {}  # commune slug -> the packed GET of its version key


def _read_version(slug: str) -> Any:
    """The commune's version from the shared cache: the one round trip of every hit.

    On Redis, one GET on a connection this thread keeps: Django's `RedisCache.get` builds a
    new client object on every call and redis-py's client borrows a pooled connection and
    records metrics per command, which together cost 4x the CPU of the GET itself."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend.get(_version_key(slug))
    packed = _packed.get(slug)
    if packed is None:
        if len(_packed) >= 4096:
            _packed.clear()
        key = backend.make_key(_version_key(slug)).encode()
        packed = _packed[slug] = [b"*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n" % (len(key), key)]
    try:
        raw = _redis_get(backend, packed)
    except Exception:  # noqa: BLE001 - a dropped connection (Redis restarted): one retry
        _drop_reader()
        raw = _redis_get(backend, packed)
    try:
        return None if raw is None else int(raw)  # Django stores integers unpickled
    except ValueError:
        return backend.get(_version_key(slug))


def _redis_get(backend: RedisCache, packed: list[bytes]) -> Any:
    r = _reader
    conn = r.conn
    if conn is None or r.backend is not backend or r.pid != os.getpid():
        _drop_reader()
        conn = backend._cache.get_client().connection_pool.make_connection()
        r.conn, r.backend, r.pid = conn, backend, os.getpid()
    try:
        conn.send_packed_command(packed, check_health=False)
        return conn.read_response()
    except BaseException:
        _drop_reader()
        raise


def _drop_reader() -> None:
    conn, _reader.conn = _reader.conn, None
    if conn is not None and _reader.pid == os.getpid():
        with contextlib.suppress(Exception):
            conn.disconnect()


def _shared_key(probe: Probe) -> str:
    return f"portal:p:{probe.slug}:{hashlib.sha256(probe.key.encode()).hexdigest()}"


def probe(environ: dict[str, Any]) -> Probe | None:
    """Look a request up: the commune's current version, and a page rendered at that version
    (from this process's memory, else from the shared cache). None: not a cacheable request.
    The result is kept in the environ, so the middleware does not look it up twice."""
    found = environ.get(_ENVIRON_KEY)
    if found is not None:
        return found
    raw = _raw_key(environ)
    if raw is None:
        return None
    slug, key = raw
    version = _read_version(slug)
    result = Probe(slug, key, version)
    if version is not None:
        kept = local.get(key)
        if kept is not None and kept.version == version and kept.expires_at > time.time():
            result.page = kept
        else:
            page = cache.get(_shared_key(result))
            if isinstance(page, Page) and page.version == version:
                local.put(key, page)
                result.page = page
    environ[_ENVIRON_KEY] = result
    return result


def _safe_probe(environ: dict[str, Any]) -> Probe | None:
    try:
        return probe(environ)
    except Exception:  # a cache outage must not take the public pages down: render them
        logger.exception("pagecache.lookup_failed")
        environ.pop(_ENVIRON_KEY, None)
        return None


def _storable(response: HttpResponse) -> bool:
    return bool(
        getattr(response, "portal_cache_timeout", None)
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
        and b"csrfmiddlewaretoken" not in response.content
    )


def store(found: Probe, response: HttpResponse) -> bool:
    """Keep a freshly rendered response under the version read before it was rendered."""
    if found.version is None:
        # Created only when a real page exists (a 404 for a made-up slug leaves no key). This
        # page is not stored: a bump during its rendering could not be detected.
        cache.add(_version_key(found.slug), _fresh_version(), timeout=VERSION_TIMEOUT)
        return False
    timeout = response.portal_cache_timeout  # type: ignore[attr-defined]
    page = Page(
        version=found.version,
        status=response.status_code,
        reason=response.reason_phrase,
        headers=tuple(
            (n, v) for n, v in response.items() if n not in ("X-Portal-Cache", "Set-Cookie")
        ),
        body=response.content,
        expires_at=time.time() + timeout,
    )
    cache.set(_shared_key(found), page, timeout)
    local.put(found.key, page)
    return True


class PortalCacheMiddleware:
    """First middleware: sees each response as it leaves Django, with every header set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _safe_probe(request.META)
        if found is None:
            return self.get_response(request)
        if found.page is not None:
            page = found.page
            response = HttpResponse(page.body, status=page.status, reason=page.reason)
            for name, value in page.wsgi_headers():
                response.headers[name] = value
            return response
        response = self.get_response(request)
        try:
            if _storable(response) and store(found, response):
                response.headers["X-Portal-Cache"] = "miss"
        except Exception:  # the page is rendered: serve it even if it cannot be kept
            logger.exception("pagecache.store_failed")
        return response


class PageCacheApp:
    """WSGI wrapper: a GET whose page is stored is answered without entering Django.

    Anything else, and any failure of the cache itself, goes to the wrapped application.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("REQUEST_METHOD") == "GET":
            found = _safe_probe(environ)
            if found is not None and found.page is not None:
                page = found.page
                start_response(f"{page.status} {page.reason}", page.wsgi_headers())
                return [page.body]
        return self.app(environ, start_response)
