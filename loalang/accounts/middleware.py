"""Until a user has chosen their own password, every page leads to the change form."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """After AuthenticationMiddleware. Lets through only the change page, logout, static
    files and the language switch; the API uses tokens, not sessions, and is not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            change = reverse("accounts:password_change")
            allowed = (change, reverse("accounts:logout"), "/i18n/", settings.STATIC_URL, "/api/")
            if not request.path.startswith(allowed):
                return redirect(change)
        return self.get_response(request)
