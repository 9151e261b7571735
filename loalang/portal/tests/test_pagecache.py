"""The public page cache (ADR 0041, 0046): what a visitor may and may not be served from it."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings
from django.urls import reverse

from loalang.portal import pagecache
from loalang.portal.models import Article
from loalang.portal.services import article_archive, article_return, article_save
from loalang.portal.tests.factories import published_article


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run a service with its after-commit work (the cache bump), as a real request would."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@contextlib.contextmanager
def other_process():
    """What another worker process sees: the same shared cache, its own local copies."""
    mine = pagecache.local
    pagecache.local = pagecache._Local(pagecache.LOCAL_BYTES)
    try:
        yield
    finally:
        pagecache.local = mine


def test_a_cached_page_never_sets_a_cookie_nor_holds_a_csrf_token(client, commune, culture_user):
    a = published_article(commune, culture_user, title="Bản Đông có wifi")
    pagecache.bump(commune)
    client.cookies["csrftoken"] = "a" * 32
    miss = client.get(a.get_absolute_url())
    hit = client.get(a.get_absolute_url())
    assert (miss["X-Portal-Cache"], hit["X-Portal-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
        assert b"csrfmiddlewaretoken" not in response.content
    # The question form carries a CSRF token: it is rendered for every visitor, never stored.
    ask = reverse("portal:ask", args=[commune.slug])
    for _ in range(2):
        response = client.get(ask)
        assert b"csrfmiddlewaretoken" in response.content
        assert "X-Portal-Cache" not in response.headers


def test_a_response_that_sets_a_cookie_is_not_stored(rf, commune):
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("xin chào")
        response.portal_cache_timeout = 60
        response.set_cookie("chosen", "1")
        return response

    middleware = pagecache.PortalCacheMiddleware(view)
    path = f"/{commune.slug}/lien-he/"
    pagecache.bump(commune)
    assert "X-Portal-Cache" not in middleware(rf.get(path))
    assert "X-Portal-Cache" not in middleware(rf.get(path))


def test_staff_with_a_session_never_get_the_anonymous_copy(client, commune, culture_user):
    a = published_article(commune, culture_user)
    pagecache.bump(commune)
    client.get(a.get_absolute_url())
    assert client.get(a.get_absolute_url())["X-Portal-Cache"] == "hit"
    client.force_login(culture_user)
    assert "X-Portal-Cache" not in client.get(a.get_absolute_url()).headers


def test_cached_pages_differ_by_host_and_by_language(client, commune, culture_user):
    a = published_article(commune, culture_user)
    pagecache.bump(commune)
    path = a.get_absolute_url()
    seen = {}
    for host in ("xa-a.example", "xa-b.example"):
        for language in ("vi", "en"):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            client.get(path, HTTP_HOST=host)
            hit = client.get(path, HTTP_HOST=host)
            assert hit["X-Portal-Cache"] == "hit"
            assert hit["Content-Language"] == language
            assert f"http://{host}{path}".encode() in hit.content
            seen[(host, language)] = (hit.content, hit["Content-Language"])
    assert len(set(seen.values())) == 4  # four copies: two hosts × two languages


def test_publish_edit_and_unpublish_are_seen_at_once(client, commune, culture_user, publish):
    draft = article_save(commune=commune, actor=culture_user, title="Bài chưa đăng")
    home = reverse("portal:home", args=[commune.slug])
    pagecache.bump(commune)
    client.get(home)
    assert client.get(home)["X-Portal-Cache"] == "hit"
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Bài chưa đăng" not in client.get(home).content.decode()

    from loalang.portal.services import article_publish

    publish(article_publish, article=draft, actor=culture_user)
    assert "Bài chưa đăng" in client.get(home).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url())["X-Portal-Cache"] == "hit"

    publish(
        article_save,
        commune=commune,
        actor=culture_user,
        article=Article.objects.get(pk=draft.pk),
        title="Bài đã sửa",
    )
    assert "Bài đã sửa" in client.get(draft.get_absolute_url()).content.decode()
    assert "Bài đã sửa" in client.get(home).content.decode()

    publish(article_return, article=Article.objects.get(pk=draft.pk), actor=culture_user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Bài đã sửa" not in client.get(home).content.decode()


def test_an_edit_in_another_process_is_seen_at_once_by_every_process(
    client, commune, culture_user, publish
):
    a = published_article(commune, culture_user, title="Bản cũ")
    pagecache.bump(commune)
    path = a.get_absolute_url()
    client.get(path)
    with other_process():
        client.get(path)
        assert client.get(path)["X-Portal-Cache"] == "hit"  # from its own local copy
    assert client.get(path)["X-Portal-Cache"] == "hit"
    with other_process():
        publish(article_save, commune=commune, actor=culture_user, article=a, title="Bản mới")
    assert "Bản mới" in client.get(path).content.decode()
    with other_process():
        assert "Bản mới" in client.get(path).content.decode()

    with other_process():
        publish(article_archive, article=Article.objects.get(pk=a.pk), actor=culture_user)
    assert client.get(path).status_code == 404


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return url


def test_a_bump_by_a_real_second_process_reaches_this_process_local_copy(
    client, commune, culture_user
):
    """Two OS processes share Redis; this one holds the page in memory, the other bumps."""
    url = _redis_url()
    if url is None:
        pytest.fail(
            "Redis is not running on 127.0.0.1:6379 (.ci/run starts it): "
            "sudo apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1"
        )
    shared = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"test-pagecache-{uuid.uuid4().hex}",
    }
    caches = {**settings.CACHES, "default": shared}
    a = published_article(commune, culture_user, title="Trước khi sửa")
    path = a.get_absolute_url()
    with override_settings(CACHES=caches):
        pagecache.bump(commune)
        client.get(path)
        assert client.get(path)["X-Portal-Cache"] == "hit"
        # The other process has written the database (here: the same test database) ...
        Article.objects.filter(pk=a.pk).update(title="Sau khi sửa")
        assert "Trước khi sửa" in client.get(path).content.decode()
        # ... and its service bumps the commune's version in the shared cache.
        script = (
            "import django, types, json, sys; django.setup()\n"
            "from django.test import override_settings\n"
            "from loalang.portal import pagecache\n"
            "with override_settings(CACHES=json.loads(sys.argv[1])):\n"
            "    pagecache.bump(types.SimpleNamespace(slug=sys.argv[2]))\n"
        )
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script, json.dumps(caches), commune.slug],
            check=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
            timeout=120,
        )
        fresh = client.get(path)
        assert "Sau khi sửa" in fresh.content.decode()
        assert fresh["X-Portal-Cache"] == "miss"
        from django.core.cache import cache

        cache.clear()


def test_the_version_read_survives_a_dropped_redis_connection(client, commune, culture_user):
    """Each worker thread keeps its own Redis connection for the version read of a hit; when
    Redis restarts (the socket dies), the next hit reconnects once instead of failing."""
    url = _redis_url()
    if url is None:
        pytest.fail(
            "Redis is not running on 127.0.0.1:6379: "
            "sudo apt-get install -y redis-server && redis-server --daemonize yes --bind 127.0.0.1"
        )
    shared = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"test-pagecache-{uuid.uuid4().hex}",
    }
    a = published_article(commune, culture_user)
    path = a.get_absolute_url()
    with override_settings(CACHES={**settings.CACHES, "default": shared}):
        pagecache.bump(commune)
        client.get(path)
        assert client.get(path)["X-Portal-Cache"] == "hit"
        kept = pagecache._reader.conn
        assert kept is not None
        kept._sock.close()  # what a Redis restart leaves behind
        assert client.get(path)["X-Portal-Cache"] == "hit"
        assert pagecache._reader.conn is not kept  # a new connection, made once
        again = pagecache._reader.conn
        pagecache.bump(commune)  # and it still reads the current version
        assert client.get(path)["X-Portal-Cache"] == "miss"
        assert pagecache._reader.conn is again
        from django.core.cache import cache

        cache.clear()


def _wsgi_get(app: Any, path: str, **headers: Any) -> tuple[str, dict[str, str], bytes]:
    environ = RequestFactory().get(path, **headers).environ
    got: dict = {}

    def start_response(status, response_headers, exc_info=None):
        got["status"], got["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    return got["status"], dict(got["headers"]), body


def test_the_wsgi_front_answers_a_hit_with_the_same_page_without_entering_django(
    commune, culture_user
):
    a = published_article(commune, culture_user)
    pagecache.bump(commune)
    app = pagecache.PageCacheApp(WSGIHandler())
    entered = []

    def count(**kwargs):
        entered.append(1)

    # Like Django's test client: a real WSGIHandler would close the test's database connection
    # at the end of each request (fatal inside the test transaction on PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(count)
    try:
        status, miss_headers, miss = _wsgi_get(app, a.get_absolute_url())
        assert len(entered) == 1 and miss_headers["X-Portal-Cache"] == "miss"
        status, hit_headers, hit = _wsgi_get(app, a.get_absolute_url())
        assert len(entered) == 1
        # A visitor with a session goes to Django, and gets no copy.
        _s, own, _b = _wsgi_get(app, a.get_absolute_url(), HTTP_COOKIE="sessionid=abc")
        assert len(entered) == 2 and "X-Portal-Cache" not in own
    finally:
        request_started.disconnect(count)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert status == "200 OK" and hit == miss
    assert hit_headers.pop("X-Portal-Cache") == "hit"
    miss_headers.pop("X-Portal-Cache")
    assert hit_headers == miss_headers  # security headers, Content-Language, Vary: all kept
    assert "Content-Security-Policy" in hit_headers and "Set-Cookie" not in hit_headers


def test_a_local_copy_expires_with_its_shared_timeout(client, commune, time_machine):
    time_machine.move_to("2031-03-05 08:00:00+07:00", tick=False)
    events = reverse("portal:events", args=[commune.slug])
    pagecache.bump(commune)
    client.get(events)
    assert client.get(events)["X-Portal-Cache"] == "hit"
    time_machine.shift(11 * 60)  # events live ten minutes (ADR 0041)
    assert client.get(events)["X-Portal-Cache"] == "miss"


def test_local_copies_stay_within_their_byte_budget():
    local = pagecache._Local(max_bytes=10_000)
    for i in range(50):
        page = pagecache.Page(1, 200, "OK", (), b"x" * 1000, 0.0)
        local.put(f"k{i}", page)
    assert local.size <= 10_000 and len(local.pages) == 10
    assert "k49" in local.pages and "k0" not in local.pages
