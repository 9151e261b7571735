"""A fake Web Push service on 127.0.0.1, and the browser side of RFC 8291: tests decrypt what
the server sent with the subscription's private key, as a browser would."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import http.server
import json
import os
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Browser:
    """A subscribing browser: its P-256 key pair and auth secret."""

    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def public(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )

    def keys(self) -> dict[str, str]:
        return {"p256dh": _b64(self.public), "auth": _b64(self.auth)}

    def decrypt(self, body: bytes) -> bytes:
        """RFC 8291 §3.4 / RFC 8188, receiver side, one record."""
        salt, (rs, idlen) = body[:16], struct.unpack("!IB", body[16:21])
        as_public = body[21 : 21 + idlen]
        ciphertext = body[21 + idlen :]
        assert rs == 4096 and idlen == 65
        shared = self.key.exchange(
            ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public)
        )
        ikm = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=self.auth,
            info=b"WebPush: info\x00" + self.public + as_public,
        ).derive(shared)
        prk = hmac.new(salt, ikm, hashlib.sha256).digest()
        cek = HKDFExpand(hashes.SHA256(), 16, b"Content-Encoding: aes128gcm\x00").derive(prk)
        nonce = HKDFExpand(hashes.SHA256(), 12, b"Content-Encoding: nonce\x00").derive(prk)
        plain = AESGCM(cek).decrypt(nonce, ciphertext, None)
        assert plain.endswith(b"\x02")  # last-record delimiter, no padding
        return plain[:-1]


@dataclass
class PushService:
    url: str
    received: list[dict] = field(default_factory=list)
    answer: int = 201


@contextlib.contextmanager
def push_service() -> Iterator[PushService]:
    service = PushService(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            service.received.append(
                {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
            )
            self.send_response(service.answer)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        httpd.shutdown()
        httpd.server_close()


def json_body(request: dict) -> dict:
    return json.loads(request["body"])
