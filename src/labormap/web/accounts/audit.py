"""Writing the audit log: logins, card views, exports and admin actions (who, what, when, from where)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from labormap.web.accounts.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or — only when the request comes from a proxy listed in
    ``LABORMAP_TRUSTED_PROXIES`` — the address that proxy appended to X-Forwarded-For.

    X-Forwarded-For is written by the client unless a trusted proxy rewrites it, so it is read only from
    a trusted proxy, and from the right: the last entry not itself a trusted proxy is the one our proxy
    saw; anything further left may be forged.
    """
    if request is None:
        return None
    from labormap.web.accounts.proxies import forwarded_client

    return forwarded_client(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"))


def record(
    request: HttpRequest | None, action: str, target: str = "", user: Any = None, **details: Any
) -> None:
    u = user if user is not None else getattr(request, "user", None)
    authenticated = u is not None and getattr(u, "is_authenticated", False)
    AuditEvent.objects.create(
        user=u if authenticated else None,
        username=(u.get_username() if authenticated and u is not None else str(details.pop("username", ""))),
        action=action,
        target=str(target)[:200],
        details=details,
        ip=client_ip(request),
    )
