"""Login throttling shared by the login page and the API token endpoint (kept in the database, so that it
holds across gunicorn workers).

Two independent counters, each over a sliding window (``LOGIN_FAILURE_WINDOW_S``):

* per account — failures for one user name, from anywhere;
* per client address — failures from one address, for any user names (the address is the trusted
  proxy's forwarded one when ``LABORMAP_TRUSTED_PROXIES`` is set, see :func:`audit.client_ip`).

Past the limit an account or address is *slowed down*, not locked: each further attempt must wait an
exponentially growing delay after the last failure (1 s, 2 s, 4 s … at most ``LOGIN_BACKOFF_MAX_S``).
Once the wait is over the password is checked as usual, so the right password always gets in after a
short wait, while guessing drops to one try per ``LOGIN_BACKOFF_MAX_S``. Twenty wrong passwords from one
address therefore cost the attacker time, and never lock other people's accounts out for the window.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from labormap.web.accounts.models import LoginFailure

# An address may try several names (a shared office NAT), so it gets more attempts before slowing down.
ADDRESS_FACTOR = 4


def _limit() -> int:
    return int(settings.LOGIN_FAILURE_LIMIT)


def _max_wait() -> int:
    return int(getattr(settings, "LOGIN_BACKOFF_MAX_S", 60))


def _wait(cond: Q, limit: int, now: dt.datetime) -> int:
    since = now - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_S)
    agg = LoginFailure.objects.filter(cond, at__gte=since).aggregate(n=Count("id"), last=Max("at"))
    n, last = agg["n"] or 0, agg["last"]
    if n < limit or last is None:
        return 0
    delay = min(2 ** min(n - limit, 16), _max_wait())
    remaining = (last + dt.timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))


def wait_seconds(username: str, ip: str | None) -> int:
    """Seconds the caller must wait before this login attempt is checked (0: check it now)."""
    now = timezone.now()
    by_user = _wait(Q(username=username.lower()[:150]), _limit(), now)
    by_ip = _wait(Q(ip=ip), _limit() * ADDRESS_FACTOR, now) if ip else 0
    return max(by_user, by_ip)


def locked_out(username: str, ip: str | None) -> bool:
    """True while the attempt must wait (kept for callers that only need yes or no)."""
    return wait_seconds(username, ip) > 0


def failed(username: str, ip: str | None) -> None:
    LoginFailure.prune(settings.LOGIN_FAILURE_WINDOW_S)
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def succeeded(username: str, ip: str | None = None) -> None:
    """A correct password clears the account's failures (and the address's failures for that name)."""
    LoginFailure.objects.filter(username=username.lower()[:150]).delete()
