"""Writing the audit log: logins, card views, exports and admin actions (who, what, when, from where)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from labormap.web.accounts.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it
    return request.META.get("REMOTE_ADDR") or None


def record(
    request: HttpRequest | None, action: str, target: str = "", user: Any = None, **details: Any
) -> None:
    u = user if user is not None else getattr(request, "user", None)
    authenticated = u is not None and getattr(u, "is_authenticated", False)
    AuditEvent.objects.create(
        user=u if authenticated else None,
        username=(u.get_username() if authenticated else str(details.pop("username", ""))),
        action=action,
        target=str(target)[:200],
        details=details,
        ip=client_ip(request),
    )
