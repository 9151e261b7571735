"""Web Push from the installable page: RFC 8291 message encryption (aes128gcm, RFC 8188) and
RFC 8292 VAPID, on the `cryptography` package Loa Làng already depends on (ADR 0100).

The browser gives a subscription (endpoint, p256dh, auth) when the user turns push on in their
profile; the job worker POSTs the encrypted message to the endpoint through core.outbound (the
address rules for anything a browser or staff typed). A push service answering 404 or 410 means
the subscription is gone: it is deleted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from loalang.core import outbound
from loalang.notifications.channels import DeliveryFailed, Message

RECORD_SIZE = 4096
TTL_SECONDS = 24 * 3600


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public_bytes(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def encrypt(
    plaintext: bytes,
    *,
    p256dh: bytes,
    auth: bytes,
    salt: bytes | None = None,
    server_key: ec.EllipticCurvePrivateKey | None = None,
) -> bytes:
    """The aes128gcm body of one push message for the browser whose keys are `p256dh` (its
    P-256 public key, 65 bytes) and `auth` (16 bytes). `salt` and `server_key` are random
    unless given (tests). One record: the message must fit in 4 kB."""
    salt = salt if salt is not None else os.urandom(16)
    server_key = server_key or ec.generate_private_key(ec.SECP256R1())
    ua_public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), p256dh)
    as_public = _public_bytes(server_key.public_key())
    shared = server_key.exchange(ec.ECDH(), ua_public)
    ikm = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=auth,
        info=b"WebPush: info\x00" + p256dh + as_public,
    ).derive(shared)
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()  # HKDF-Extract(salt, IKM)
    cek = HKDFExpand(hashes.SHA256(), 16, b"Content-Encoding: aes128gcm\x00").derive(prk)
    nonce = HKDFExpand(hashes.SHA256(), 12, b"Content-Encoding: nonce\x00").derive(prk)
    if len(plaintext) > RECORD_SIZE - 17 - 86:
        raise ValueError("push message too long")
    ciphertext = AESGCM(cek).encrypt(nonce, plaintext + b"\x02", None)
    header = salt + struct.pack("!IB", RECORD_SIZE, len(as_public)) + as_public
    return header + ciphertext


# --- VAPID (RFC 8292) -------------------------------------------------------------------------


def _key_file() -> Path:
    return Path(settings.VAR_DIR) / "vapid_private_key.pem"


def vapid_private_key() -> ec.EllipticCurvePrivateKey:
    """The site's VAPID key: settings.LOALANG_VAPID_PRIVATE_KEY (PEM) when set, else the key in
    var/vapid_private_key.pem, generated on first use (mode 0600) and kept: every browser's
    subscription is bound to it, so it must survive restarts and be backed up with var/."""
    pem = settings.LOALANG_VAPID_PRIVATE_KEY
    if pem:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    else:
        path = _key_file()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            new = ec.generate_private_key(ec.SECP256R1())
            data = new.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("LOALANG_VAPID_PRIVATE_KEY must be a P-256 key")
    return key


def vapid_public_key() -> str:
    """The applicationServerKey the page gives PushManager.subscribe (base64url)."""
    return b64url(_public_bytes(vapid_private_key().public_key()))


def vapid_headers(endpoint: str, *, now: float | None = None) -> dict[str, str]:
    """The Authorization header for one push service: a 12-hour ES256 JWT for its origin."""
    parts = urlsplit(endpoint)
    claims = {
        "aud": f"{parts.scheme}://{parts.netloc}",
        "exp": int((now or time.time()) + 12 * 3600),
        "sub": settings.LOALANG_VAPID_SUBJECT,
    }
    header = b64url(json.dumps({"typ": "JWT", "alg": "ES256"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode()
    der = vapid_private_key().sign(signing_input, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    return {"Authorization": f"vapid t={header}.{payload}.{signature}, k={vapid_public_key()}"}


# --- the channel ------------------------------------------------------------------------------


class WebPushChannel:
    code = "push"
    label = gettext_lazy("Thông báo đẩy trên điện thoại, máy tính")

    def reaches(self, user: Any, prefs: Any) -> bool:
        return bool(user.push_subscriptions.exists())

    def send(self, message: Message) -> str:
        from loalang.notifications.models import PushSubscription

        payload = json.dumps(
            {
                "title": message.commune_name or settings.LOALANG_SITE_NAME,
                "body": message.text,
                "url": message.url,
            },
            ensure_ascii=False,
        ).encode()  # a notification's text is at most 500 characters: one 4 kB record
        subscriptions = list(PushSubscription.objects.filter(user=message.user))
        if not subscriptions:
            raise DeliveryFailed(
                gettext("Chưa bật thông báo đẩy trên trình duyệt nào."), permanent=True
            )
        delivered, problems = 0, []
        for sub in subscriptions:
            body = encrypt(payload, p256dh=b64url_decode(sub.p256dh), auth=b64url_decode(sub.auth))
            headers = {
                "Content-Encoding": "aes128gcm",
                "Content-Type": "application/octet-stream",
                "TTL": str(TTL_SECONDS),
                "Urgency": "normal",
                **vapid_headers(sub.endpoint),
            }
            try:
                outbound.post(sub.endpoint, body=body, headers=headers)
            except outbound.OutboundFailed as exc:
                if exc.status in {404, 410}:  # the browser unsubscribed: forget it
                    sub.delete()
                problems.append(str(exc))
                continue
            except outbound.OutboundRefused as exc:
                sub.delete()
                problems.append(str(exc))
                continue
            sub.last_sent_at = timezone.now()
            sub.save(update_fields=["last_sent_at", "updated_at"])
            delivered += 1
        if not delivered:
            raise DeliveryFailed("; ".join(problems)[:280])
        return gettext("%(n)s trình duyệt") % {"n": delivered}
