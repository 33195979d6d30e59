"""A rate limit per client address for public forms (access requests, password resets).

Counted on the audit log, which records every such submission with the client address anyway, so the
limit holds across gunicorn workers without a table of its own.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from labormap.web.accounts.models import AuditEvent


def allow(action: str, ip: str | None, *, limit: int, window_s: int) -> bool:
    """False when ``ip`` already submitted ``action`` (an audit action) ``limit`` times in the window."""
    if not ip:
        return True
    since = timezone.now() - dt.timedelta(seconds=window_s)
    return AuditEvent.objects.filter(action=action, ip=ip, at__gte=since).count() < limit


def too_many(request: HttpRequest) -> HttpResponse:
    resp = render(request, "accounts/too_many.html", status=429)
    resp["Retry-After"] = "3600"
    return resp
