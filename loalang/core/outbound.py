"""Outbound HTTP: the one rule for every request Loa Làng sends to an address staff typed in.

A staff-entered URL (the radio push target) must not let the server reach what only the
server can reach: itself, the office LAN, the cloud metadata service. So:

- `check_url` (at form save) and `post` (at request time) resolve the host and refuse it if
  ANY of its addresses is loopback, private, link-local, multicast, reserved, unspecified,
  shared (CGNAT), or otherwise not globally routable — IPv4-mapped/compatible IPv6 and
  6to4/Teredo forms are judged by the IPv4 address inside. Numeric tricks (`2130706433`,
  `0x7f.1`, `0177.0.0.1`) resolve to the same addresses and are refused the same way.
- A system administrator allows a host on purpose (the playout PC on the office LAN):
  settings.LOALANG_OUTBOUND_ALLOWED_HOSTS lists host names, IP addresses or networks
  (`192.168.1.20`, `radio.lan`, `10.8.0.0/24`).
- `post` connects to the address it checked (no second DNS lookup, so DNS rebinding cannot
  swap it), sends the original Host and TLS server name, follows no redirect (a 3xx is a
  failure), and uses short timeouts.

E-mail (SMTP) and the S3 endpoint are set by the system administrator in the environment,
not by staff, and are outside this rule.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0
MAX_ANSWER_BYTES = 2000

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class OutboundRefused(ValueError):
    """The URL may not be requested; the message (Vietnamese) is shown to staff."""


class OutboundFailed(OSError):
    """The request was allowed but did not succeed; the message is shown to staff. `status`
    is the HTTP status of a non-2xx answer (None when there was no answer)."""

    status: int | None = None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(ip))
    return None


def is_public_address(ip: IPAddress) -> bool:
    """True only for a globally routable unicast address (judging any IPv4 inside an IPv6)."""
    inner = _embedded_ipv4(ip)
    if inner is not None and not is_public_address(inner):
        return False
    return bool(
        ip.is_global
        and not (
            ip.is_loopback
            or ip.is_private
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        )
    )


def _allowed_entries() -> list[str]:
    return [
        str(entry).strip().lower()
        for entry in getattr(settings, "LOALANG_OUTBOUND_ALLOWED_HOSTS", [])
        if str(entry).strip()
    ]


def _is_allowed(host: str, ip: IPAddress) -> bool:
    for entry in _allowed_entries():
        if entry == host.lower().strip("[]"):
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OutboundRefused(
            _("Không tìm thấy máy chủ “%(host)s” (kiểm tra lại địa chỉ).") % {"host": host}
        ) from exc
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def check_url(url: str) -> Target:
    """Parse, resolve and check `url`. Raises OutboundRefused with a Vietnamese message."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise OutboundRefused(_("Địa chỉ không hợp lệ.")) from exc
    if parts.scheme not in ("http", "https"):
        raise OutboundRefused(_("Địa chỉ nhận phải bắt đầu bằng http:// hoặc https://."))
    if parts.username or parts.password:
        raise OutboundRefused(_("Không ghi tên đăng nhập, mật khẩu trong địa chỉ."))
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise OutboundRefused(_("Địa chỉ thiếu tên máy chủ."))
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(host, port)
    if not addresses:
        raise OutboundRefused(_("Không tìm thấy máy chủ “%(host)s”.") % {"host": host})
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if not is_public_address(ip) and not _is_allowed(host, ip):
            raise OutboundRefused(
                _(
                    "Không được gửi tới địa chỉ nội bộ hoặc dành riêng (%(ip)s). Nếu máy nhận "
                    "nằm trong mạng của xã, quản trị hệ thống cần cho phép máy này "
                    "(LOALANG_OUTBOUND_ALLOWED_HOSTS)."
                )
                % {"ip": address}
            )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port, path, tuple(addresses))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a checked address while speaking to the original host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), CONNECT_TIMEOUT)
        self.sock.settimeout(self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), CONNECT_TIMEOUT)
        raw.settimeout(self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def post(
    url: str, *, body: bytes, headers: dict[str, str], timeout: float = READ_TIMEOUT
) -> Answer:
    """POST `body` to `url` after checking it. Raises OutboundRefused (address not allowed)
    or OutboundFailed (no connection, timeout, redirect, non-2xx answer)."""
    target = check_url(url)
    cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error: Exception | None = None
    for address in target.addresses:
        connection = cls(target.host, target.port, address, timeout)
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read(MAX_ANSWER_BYTES).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            last_error = exc
            continue
        finally:
            connection.close()
        if 300 <= response.status < 400:
            raise OutboundFailed(
                _("Hệ thống nhận trả lời chuyển hướng (%(code)s); Loa Làng không đi theo.")
                % {"code": response.status}
            )
        if not 200 <= response.status < 300:
            failed = OutboundFailed(
                _("Hệ thống nhận trả lời lỗi %(code)s.") % {"code": response.status}
            )
            failed.status = response.status
            raise failed
        return Answer(status=response.status, body=text)
    raise OutboundFailed(
        _("Không kết nối được tới hệ thống nhận: %(why)s.") % {"why": last_error or "?"}
    )
