"""ASVS level-2 points that Django gives us, pinned so a setting change cannot undo them
silently (docs/security.md, section 10: V2.4 password storage, V3.2/V3.3/V3.4 sessions,
V5.1.5 redirects)."""

from __future__ import annotations

import importlib

import pytest
from django.conf import global_settings, settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings

from loalang.accounts.models import Role
from loalang.testing.factories import member

LOGIN = "/tai-khoan/dang-nhap/"
LOGOUT = "/tai-khoan/dang-xuat/"
PASSWORD = "mat-khau-thu-123"  # the factories' password

pytestmark = pytest.mark.django_db


def _session_store():  # type: ignore[no-untyped-def]
    return importlib.import_module(settings.SESSION_ENGINE).SessionStore


def test_production_stores_passwords_with_pbkdf2_sha256_and_many_iterations():
    production = importlib.import_module("config.settings.base")
    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    with override_settings(PASSWORD_HASHERS=hashers):
        encoded = make_password("một mật khẩu dài đủ 12 ký tự")
        algorithm, iterations, salt, _hash = encoded.split("$")
        assert identify_hasher(encoded).algorithm == algorithm == "pbkdf2_sha256"
    assert int(iterations) >= 600_000  # OWASP's 2023 figure; ASVS 2.4.3 asks ≥ 100 000
    assert len(salt) >= 16  # ≥ 32 bits of salt (ASVS 2.4.2), here ~130


def test_login_issues_a_new_session_and_the_old_one_is_gone(client, commune):
    user = member(commune, Role.CULTURE)
    session = client.session
    session["seen_before_login"] = True
    session.save()
    before = session.session_key
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert not _session_store()().exists(before)


def test_logout_destroys_the_session_on_the_server(client, commune):
    user = member(commune, Role.CULTURE)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _session_store()().exists(key)
    client.post(LOGOUT)
    assert not _session_store()().exists(key)
    # Replaying the old cookie does not get back in.
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    home = client.get(f"/app/{commune.slug}/")
    assert home.status_code == 302 and LOGIN in home["Location"]


def test_session_cookie_is_secure_httponly_and_samesite(client, commune, settings):
    settings.SESSION_COOKIE_SECURE = True  # what production sets (test settings turn it off)
    user = member(commune, Role.CULTURE)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) <= 8 * 3600


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "http:evil.example"]
)
def test_login_never_redirects_off_site(client, commune, target):
    user = member(commune, Role.CULTURE)
    response = client.post(
        f"{LOGIN}?next={target}", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil.example" not in location


def test_api_ignores_a_logged_in_staff_session(client, commune):
    """The API authenticates by Bearer key only, so a cookie (and thus a forged cross-site
    request riding on it) never authorises an API call (ASVS 13.2.3)."""
    client.force_login(member(commune, Role.CHAIR))
    assert client.get(f"/api/v1/{commune.slug}/activities").status_code == 401
    response = client.post(
        f"/api/v1/{commune.slug}/activities", {}, content_type="application/json"
    )
    assert response.status_code == 401
