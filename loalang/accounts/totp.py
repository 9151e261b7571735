"""Optional two-step login (TOTP, RFC 6238) for the accounts that can sign and publish.

The Chair and the Culture-Social officer approve plans, publish to the portal and put
bulletins on air; they may add an authenticator app (Google Authenticator, Microsoft
Authenticator, FreeOTP…). Once confirmed, login asks for a 6-digit code after the password.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import secrets
from dataclasses import dataclass

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loalang.accounts.models import Membership, RecoveryCode, Role, TOTPDevice, User
from loalang.core.audit import audit_log

ELIGIBLE_ROLES = frozenset({Role.CHAIR, Role.CULTURE})
VALID_WINDOW = 1  # accept the previous and next 30 s step: phone clocks drift


def is_eligible(user: User) -> bool:
    return Membership.objects.filter(user=user, is_active=True, role__in=ELIGIBLE_ROLES).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def provisioning_uri(device: TOTPDevice) -> str:
    issuer = str(getattr(settings, "LOALANG_TOTP_ISSUER", "Loa Lang"))
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name=issuer)


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (allowed by the CSP's img-src; no inline script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _clean_code(code: str) -> str:
    return "".join(ch for ch in str(code) if ch.isdigit())[:6]


def _accept(device: TOTPDevice, code: str) -> bool:
    """True if `code` is valid now and newer than the last accepted one (no replay)."""
    code = _clean_code(code)
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    step_now = totp.timecode(now)
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        step = step_now + offset
        if step > device.last_step and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            device.last_step = step
            return True
    return False


@transaction.atomic
def totp_begin(*, user: User) -> TOTPDevice:
    """Start (or restart) enrolment with a fresh secret. A confirmed device is kept as it is."""
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device and device.is_confirmed:
        return device
    if device is None:
        device = TOTPDevice(user=user)
    device.secret = pyotp.random_base32()
    device.last_step = 0
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> bool:
    """Confirm the pending device with its first code; audit-logged."""
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.is_confirmed or not _accept(device, code):
        return False
    device.confirmed_at = timezone.now()
    device.save()
    audit_log(actor=user, verb="totp.enabled", target=device, commune=None, after={"user": user.pk})
    return True


FREE_FAILURES = 5  # wrong codes in a row (across logins) before the second step waits
BASE_WAIT = dt.timedelta(minutes=15)  # then 15 min, doubling with each further wrong code
MAX_WAIT = dt.timedelta(hours=24)
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


@dataclass(frozen=True)
class Check:
    ok: bool
    locked_until: dt.datetime | None = None
    used_recovery_code: bool = False


def _is_recovery(code: str) -> bool:
    return any(ch.isalpha() for ch in str(code))


def _recovery_digest(code: str) -> str:
    clean = "".join(ch for ch in str(code).lower() if ch.isalnum())
    return hashlib.sha256(clean.encode()).hexdigest()


@transaction.atomic
def second_factor_check(*, user: User, code: str) -> Check:
    """Check a login's second step: a TOTP code or a one-time recovery code.

    Guarantees: wrong codes are counted per device across logins; after FREE_FAILURES the
    device refuses every code — without checking it — until `locked_until`, which doubles
    with each further wrong code; the user is alerted each time a wait starts. A right code
    resets the count. A recovery code works once.
    """
    device = (
        TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    )
    if device is None:
        return Check(ok=False)
    now = timezone.now()
    if device.locked_until is not None and now < device.locked_until:
        return Check(ok=False, locked_until=device.locked_until)
    used_recovery = False
    if _is_recovery(code):
        ok = (
            RecoveryCode.objects.filter(
                user=user, digest=_recovery_digest(code), used_at__isnull=True
            ).update(used_at=now)
            == 1
        )
        used_recovery = ok
    else:
        ok = _accept(device, code)
    if ok:
        device.failure_count = 0
        device.locked_until = None
        device.save(update_fields=["last_step", "failure_count", "locked_until"])
        if used_recovery:
            audit_log(actor=user, verb="totp.recovery_code_used", target=device, commune=None)
        return Check(ok=True, used_recovery_code=used_recovery)
    device.failure_count += 1
    over = device.failure_count - FREE_FAILURES
    until = now + min(BASE_WAIT * 2 ** min(over, 20), MAX_WAIT) if over >= 0 else None
    device.locked_until = until
    device.save(update_fields=["failure_count", "locked_until"])
    if until is not None:
        audit_log(
            actor=None,
            verb="totp.locked",
            target=device,
            commune=None,
            after={"failures": device.failure_count, "until": until.isoformat()},
        )
        transaction.on_commit(lambda: _alert_locked(user, until))
    return Check(ok=False, locked_until=until)


def _alert_locked(user: User, until: dt.datetime | None) -> None:
    from django.template.defaultfilters import date as date_filter
    from django.utils.translation import gettext as _

    from loalang.accounts.alerts import security_alert

    security_alert(
        user,
        _(
            "Có người đã nhập đúng mật khẩu của bạn nhưng nhập sai mã đăng nhập hai bước nhiều "
            "lần. Bước hai tạm khóa đến %(at)s. Nếu không phải bạn, hãy đổi mật khẩu ngay."
        )
        % {"at": date_filter(timezone.localtime(until), "H:i d/m/Y") if until else ""},
    )


def totp_verify(*, user: User, code: str) -> bool:
    """True if `code` passes the second step now (see second_factor_check)."""
    return second_factor_check(user=user, code=code).ok


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """New one-time recovery codes for a user with a confirmed device; old ones stop working.

    The codes are returned once, to be shown once; only their SHA-256 is stored."""
    if confirmed_device(user) is None:
        raise ValueError("recovery codes need a confirmed device")
    RecoveryCode.objects.filter(user=user).delete()
    codes = []
    for _n in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _i in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, digest=_recovery_digest(code)) for code in codes]
    )
    audit_log(actor=user, verb="totp.recovery_codes_generated", target=user, commune=None, after={})
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def totp_disable(*, user: User, code: str) -> bool:
    """Remove the device; needs a valid current code so a stolen session cannot do it (wrong
    codes count towards the device's lock like at login)."""
    if not second_factor_check(user=user, code=code).ok:
        return False
    device = TOTPDevice.objects.select_for_update().get(user=user)
    audit_log(
        actor=user,
        verb="totp.disabled",
        target=device,
        commune=None,
        before={"user": user.pk},
        after={},
    )
    RecoveryCode.objects.filter(user=user).delete()
    device.delete()
    return True
