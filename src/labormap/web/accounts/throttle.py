"""Login throttling shared by the login page and the API token endpoint (kept in the database, so that it
holds across gunicorn workers)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from labormap.web.accounts.models import LoginFailure


def locked_out(username: str, ip: str | None) -> bool:
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_S)
    cond = Q(username=username.lower())
    by_user = LoginFailure.objects.filter(cond, at__gte=since).count()
    if by_user >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if ip:
        # an address may try several names, but not endlessly
        by_ip = LoginFailure.objects.filter(ip=ip, at__gte=since).count()
        return by_ip >= settings.LOGIN_FAILURE_LIMIT * 4
    return False


def failed(username: str, ip: str | None) -> None:
    LoginFailure.prune(settings.LOGIN_FAILURE_WINDOW_S)
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def succeeded(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
