"""Zalo (OA / ZNS) and SMS: a gateway interface, a real ZNS adapter, and a fake twin for tests.

Officials and village heads read Zalo, not e-mail. A `MessageGateway` sends one short text
with a link to one phone number. The Zalo and SMS channels choose their gateway by a dotted
path in settings (LOALANG_ZALO_GATEWAY, LOALANG_SMS_GATEWAY); empty means the channel is not
offered. Tests use `FakeGateway`, which keeps what it was given and touches no network.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, ClassVar, Protocol
from urllib import error, request

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_lazy

from loalang.notifications.channels import DeliveryFailed, Message

PHONE_RE = re.compile(r"^(?:\+?84|0)(\d{9})$")


def normalize_phone(raw: str) -> str:
    """A Vietnamese mobile number as 84xxxxxxxxx (the form Zalo and SMS gateways take), or ""
    when `raw` is not one. Spaces, dots and dashes are ignored."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = PHONE_RE.match(digits)
    return "84" + match.group(1) if match else ""


class MessageGateway(Protocol):
    def send(self, *, phone: str, text: str, url: str) -> str:
        """Send `text` and `url` to `phone` (84…); return the gateway's message id.
        Raise DeliveryFailed when it refuses."""
        ...


class FakeGateway:
    """The test twin: records each message in `sent` (shared by all instances) and can be
    told to fail (`fail_with`)."""

    sent: ClassVar[list[dict[str, str]]] = []
    fail_with: ClassVar[str] = ""

    def send(self, *, phone: str, text: str, url: str) -> str:
        if FakeGateway.fail_with:
            raise DeliveryFailed(FakeGateway.fail_with)
        FakeGateway.sent.append({"phone": phone, "text": text, "url": url})
        return f"fake-{len(FakeGateway.sent)}"


class ZaloZnsGateway:
    """Zalo Notification Service: a message from an approved template to a phone number.

    Settings: LOALANG_ZALO_ZNS_URL (Zalo's template endpoint), LOALANG_ZALO_ACCESS_TOKEN (the
    Official Account's token) and LOALANG_ZALO_TEMPLATE_ID, a template with two parameters,
    `content` and `url`. Errors come back as a non-zero `error` in a 200 answer.
    """

    timeout = 10

    def send(self, *, phone: str, text: str, url: str) -> str:
        body = json.dumps(
            {
                "phone": phone,
                "template_id": settings.LOALANG_ZALO_TEMPLATE_ID,
                "template_data": {"content": text[:400], "url": url},
                "tracking_id": uuid.uuid4().hex,
            }
        ).encode()
        req = request.Request(  # noqa: S310 (the administrator's https URL, not a user's)
            settings.LOALANG_ZALO_ZNS_URL,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "access_token": settings.LOALANG_ZALO_ACCESS_TOKEN,
            },
        )
        try:
            with request.urlopen(req, timeout=self.timeout) as answer:  # noqa: S310 (as above)
                data: dict[str, Any] = json.loads(answer.read(20000) or b"{}")
        except (error.URLError, OSError, ValueError) as exc:
            raise DeliveryFailed(gettext("Không gửi được tới Zalo: %(e)s") % {"e": exc}) from exc
        if data.get("error", 0) != 0:
            raise DeliveryFailed(
                gettext("Zalo từ chối: %(m)s") % {"m": str(data.get("message", ""))[:200]},
                permanent=data.get("error") in {-108, -118, -124},  # phone invalid / not on Zalo
            )
        return str((data.get("data") or {}).get("msg_id", ""))


class _PhoneChannel:
    code = ""
    setting = ""

    def gateway(self) -> MessageGateway | None:
        path = getattr(settings, self.setting, "")
        return import_string(path)() if path else None

    def reaches(self, user: Any, prefs: Any) -> bool:
        return bool(getattr(settings, self.setting, "")) and bool(
            prefs is not None and normalize_phone(prefs.phone)
        )

    def send(self, message: Message) -> str:
        gateway = self.gateway()
        phone = normalize_phone(message.phone)
        if gateway is None or not phone:
            raise DeliveryFailed(
                gettext("Chưa có số điện thoại hoặc kênh chưa bật."), permanent=True
            )
        return gateway.send(phone=phone, text=message.text, url=message.url)


class ZaloChannel(_PhoneChannel):
    code = "zalo"
    label = gettext_lazy("Zalo")
    setting = "LOALANG_ZALO_GATEWAY"


class SmsChannel(_PhoneChannel):
    code = "sms"
    label = gettext_lazy("Tin nhắn SMS")
    setting = "LOALANG_SMS_GATEWAY"
