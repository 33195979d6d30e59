"""Which address a request comes from when the app runs behind a reverse proxy."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def _trusted(addr: str, nets: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return any(ip in n for n in nets)


def _valid(addr: str) -> str | None:
    try:
        return str(ipaddress.ip_address(addr.strip()))
    except ValueError:
        return None


def forwarded_client(remote: str | None, forwarded_for: str | None) -> str | None:
    """The client address for throttling and the audit log (see :func:`audit.client_ip`)."""
    nets = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not remote:
        return None
    if not nets or not forwarded_for or not _trusted(remote, nets):
        return remote
    for hop in reversed(forwarded_for.split(",")):
        addr = _valid(hop)
        if addr is None:
            return remote  # a garbled header: fall back to the proxy itself rather than guess
        if not _trusted(addr, nets):
            return addr
    return remote
