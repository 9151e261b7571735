"""Password guessing: limits that an attacker cannot turn against other users (ADR 0005).

Two limits, both counted in `LoginFailure` rows (one per wrong password, kept a day):

1. **Per pair** — (username, source): the first `LOALANG_LOGIN_FREE_FAILURES` failures are
   free, then each further attempt waits `LOALANG_LOGIN_BASE_MINUTES`, doubling per failure.
   The source is this account's *device cookie* when the browser holds one (set on a
   successful login), else the client address from `core.net.client_address`. Failures for
   one username never touch another; failures from one address never touch another address
   or a browser the user signed in with before — even when everyone shares a NAT address.
2. **Per account** — at most `LOALANG_LOGIN_ACCOUNT_CAP` failures in any hour from browsers
   *without* that account's device cookie, whatever their address: rotating addresses or
   forging `X-Forwarded-For` buys no more guesses. The real user's known browsers are exempt,
   so the cap cannot lock them out; a brand-new browser may have to wait up to an hour.

Race-safe without locks: an attempt is written *before* the password is checked and the
limits are counted after that write (autocommit), so N concurrent attempts each see the
others and at most the allowed number go through. A refused attempt is deleted (it never
reached the password check) and a success deletes its pair's failures.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from loalang.accounts.models import LoginFailure

logger = logging.getLogger("loalang.accounts.login")

DEVICE_COOKIE = "loalang_device"
DEVICE_SALT = "loalang.accounts.device"
DEVICE_MAX_AGE = 180 * 24 * 3600
DEVICE_MAX_ACCOUNTS = 5  # a shared office PC remembers the last few people who signed in
ACCOUNT_WINDOW = dt.timedelta(hours=1)
KEEP = dt.timedelta(days=1)
MAX_WAIT = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Attempt:
    username: str
    source: str
    pk: int | None  # the reserved LoginFailure row; None when refused
    retry_at: dt.datetime | None = None

    @property
    def refused(self) -> bool:
        return self.pk is None


def _devices(request: HttpRequest) -> dict[str, str]:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if not raw:
        return {}
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def device_of(request: HttpRequest, username: str) -> str:
    """This browser's device id for `username` (from a signed cookie), or ""."""
    device = _devices(request).get(username, "")
    return device if isinstance(device, str) and len(device) <= 40 else ""


def device_remember(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a complete login: remember this browser as one of `username`'s devices."""
    devices = _devices(request)
    device = devices.pop(username, "") or secrets.token_urlsafe(16)
    kept = list(devices.items())[-(DEVICE_MAX_ACCOUNTS - 1) :]
    value = signing.dumps({**dict(kept), username: device}, salt=DEVICE_SALT, compress=True)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _pair_wait(failures: int) -> dt.timedelta:
    over = failures - settings.LOALANG_LOGIN_FREE_FAILURES
    if over < 0:
        return dt.timedelta(0)
    minutes = settings.LOALANG_LOGIN_BASE_MINUTES * 2 ** min(over, 20)
    return min(dt.timedelta(minutes=minutes), MAX_WAIT)


def _pair_retry_at(row: LoginFailure) -> dt.datetime | None:
    earlier = list(
        LoginFailure.objects.filter(username=row.username, source=row.source, at__gte=row.at - KEEP)
        .exclude(pk=row.pk)
        .order_by("-at")
        .values_list("at", flat=True)
    )
    if not earlier:
        return None
    retry_at = earlier[0] + _pair_wait(len(earlier))
    return retry_at if row.at < retry_at else None


def _account_retry_at(row: LoginFailure) -> dt.datetime | None:
    recent = list(
        LoginFailure.objects.filter(
            username=row.username, is_known_device=False, at__gt=row.at - ACCOUNT_WINDOW
        )
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(recent) <= settings.LOALANG_LOGIN_ACCOUNT_CAP:
        return None
    return recent[0] + ACCOUNT_WINDOW


def login_attempt_begin(*, username: str, address: str, device: str) -> Attempt:
    """Reserve one password check for `username`, or refuse it (then `retry_at` says when).

    Call before checking the password; then exactly one of `login_attempt_failed` /
    `login_attempt_succeeded`. Guarantees: see the module docstring.
    """
    source = f"d:{device}" if device else f"a:{address}"
    row = LoginFailure.objects.create(
        username=username, source=source, is_known_device=bool(device), at=timezone.now()
    )
    retry_at = _pair_retry_at(row)
    if retry_at is None and not device:
        retry_at = _account_retry_at(row)
    if retry_at is not None:
        row.delete()
        logger.warning(
            "login refused",
            extra={"event": "login.refused", "username": username, "source": source},
        )
        return Attempt(username=username, source=source, pk=None, retry_at=retry_at)
    return Attempt(username=username, source=source, pk=row.pk)


def login_attempt_failed(attempt: Attempt, *, user: Any = None) -> None:
    """The password was wrong: the reserved row stays as a failure."""
    logger.warning(
        "login failed",
        extra={"event": "login.failed", "username": attempt.username, "source": attempt.source},
    )
    if user is not None and not attempt.source.startswith("d:"):
        _alert_when_cap_reached(attempt, user)
    LoginFailure.objects.filter(at__lt=timezone.now() - KEEP).delete()


def login_attempt_succeeded(attempt: Attempt) -> None:
    """The password was right: this pair starts again from zero."""
    LoginFailure.objects.filter(username=attempt.username, source=attempt.source).delete()
    logger.info(
        "login password ok",
        extra={
            "event": "login.password_ok",
            "username": attempt.username,
            "source": attempt.source,
        },
    )


def _alert_when_cap_reached(attempt: Attempt, user: Any) -> None:
    from loalang.accounts.alerts import security_alert

    now = timezone.now()
    recent = LoginFailure.objects.filter(
        username=attempt.username, is_known_device=False, at__gt=now - ACCOUNT_WINDOW
    ).count()
    if recent == settings.LOALANG_LOGIN_ACCOUNT_CAP:
        from django.utils.translation import gettext as _

        security_alert(
            user,
            _(
                "Mật khẩu tài khoản của bạn vừa bị nhập sai nhiều lần từ thiết bị lạ. Đăng nhập "
                "từ thiết bị mới tạm dừng một giờ; thiết bị bạn đã dùng vẫn đăng nhập được. "
                "Nếu không phải bạn, hãy báo quản trị hệ thống và đổi mật khẩu."
            ),
        )


class LoginLocked(Exception):
    """Raised by the login form when the throttle refuses the attempt (the view answers 429)."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__(attempt.username)
        self.attempt = attempt
