"""The client's address, read the one way every part of Loa Làng reads it.

`REMOTE_ADDR` is the peer that opened the TCP connection. Behind nginx or a load balancer that
peer is the proxy, and the client is in `X-Forwarded-For`. Anyone can send that header, so it
is believed only when the peer is one of `settings.TRUSTED_PROXIES` (CIDRs; empty by default),
and then only up to the first hop that is not itself a trusted proxy: the right-most
untrusted address is the one a trusted proxy actually saw (docs/deploy.md).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def parse_ip(text: str) -> IPAddress | None:
    """An address from a header or REMOTE_ADDR, or None if it is not one.

    IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4, so one client has one spelling.
    """
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "1.2.3.4:5678"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address: IPAddress) -> bool:
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text, or "unknown" if the peer's address is unreadable.

    Guarantees: an `X-Forwarded-For` header is ignored unless the peer is a trusted proxy; a
    client can never make itself look like an address to the right of the last trusted hop.
    """
    peer = parse_ip(str(request.META.get("REMOTE_ADDR", "")))
    if peer is None:
        return UNKNOWN
    client = peer
    if not is_trusted_proxy(peer):
        return str(client)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = parse_ip(hop)
        if address is None:
            break  # garbage from the client side: keep the last address a trusted hop gave
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)
