"""Optional two-step login (TOTP, RFC 6238) for the accounts that can sign and publish.

The Chair and the Culture-Social officer approve plans, publish to the portal and put
bulletins on air; they may add an authenticator app (Google Authenticator, Microsoft
Authenticator, FreeOTP…). Once confirmed, login asks for a 6-digit code after the password.
"""

from __future__ import annotations

import base64
import io

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from loalang.accounts.models import Membership, Role, TOTPDevice, User
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
    audit_log(actor=user, verb="totp.enabled", target=device, after={"user": user.pk})
    return True


@transaction.atomic
def totp_verify(*, user: User, code: str) -> bool:
    """Check a login code against the confirmed device; each code works once."""
    device = (
        TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    )
    if device is None or not _accept(device, code):
        return False
    device.save(update_fields=["last_step"])
    return True


@transaction.atomic
def totp_disable(*, user: User, code: str) -> bool:
    """Remove the device; needs a valid current code so a stolen session cannot do it."""
    device = (
        TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    )
    if device is None or not _accept(device, code):
        return False
    audit_log(actor=user, verb="totp.disabled", target=device, before={"user": user.pk}, after={})
    device.delete()
    return True
