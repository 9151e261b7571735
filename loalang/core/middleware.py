"""Security headers (CSP and friends) and the idle and absolute session timeouts."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

# Strict: every script and style is a local file; no inline code, no third-party origin.
# A view that must differ (the embeddable banner) sets its own header, which is kept.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._expire_idle_session(request)
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", DEFAULT_CSP)
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(self), camera=(self), microphone=(self)"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

    @staticmethod
    def _expire_idle_session(request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        now = int(time.time())
        last_seen = request.session.get("last_seen", now)
        # Absolute limit too: writing last_seen renews the cookie's expiry, so without this an
        # active session would never end.
        started_at = request.session.setdefault("started_at", now)
        if (
            now - last_seen > settings.SESSION_IDLE_TIMEOUT
            or now - started_at > settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            request.session["expired"] = True
            return
        if now - last_seen > 60 or "last_seen" not in request.session:
            request.session["last_seen"] = now  # written at most once a minute


class LanguageMiddleware:
    """Vietnamese unless the user chose otherwise with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most phones and
    office PCs here send English; the interface must still open in Vietnamese.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        codes = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary = response.headers.get("Vary", "")
        if "Cookie" not in patch_vary:
            response.headers["Vary"] = f"{patch_vary}, Cookie" if patch_vary else "Cookie"
        return response
