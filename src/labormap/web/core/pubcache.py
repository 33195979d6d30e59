"""Caching what depends only on the published data: one key per publish run, scope and question.

The employer tables change only when ``labormap web publish`` commits (the new ``PublishRun`` row is
written in the same transaction as the data), so anything computed from them — map counts, list
counts, the reason codes of the filter — stays valid until the next publish and is keyed by its run id.

Scope is part of every key. :func:`query_key` takes it from the SQL itself: the queryset a user may see
carries its scope's conditions (``labormap.web.accounts.scope``), so two users with different scopes
produce different SQL and never share an entry, and two users with the same scope share it safely.
Anything with text in it also keys the language. The backend is Django's cache (``LABORMAP_CACHE_URL``:
Redis shared by every worker, or per-process memory), see ``labormap.web.conf.cache``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

T = TypeVar("T")
log = logging.getLogger("labormap.web.cache")
TIMEOUT_S = 3600  # a publish changes the key anyway; the timeout only bounds what an idle cache keeps


def publish_key() -> str:
    """The latest publish run's id (``0`` before the first publish): changes with every publish."""
    from labormap.web.employers.models import PublishRun

    run = PublishRun.objects.order_by("-pk").values_list("pk", flat=True).first()
    return str(run or 0)


def key(kind: str, *parts: str) -> str:
    """``kind:`` and a hash of the parts (cache keys have a length limit; filters and SQL do not)."""
    return f"{kind}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def query_key(qs: QuerySet[Any]) -> str:
    """The SQL and parameters of ``qs``: the filters *and* the scope's conditions of whoever built it."""
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # a condition that matches nothing (no scope): Django sends no SQL at all
        return "\x00nothing"
    return f"{sql}\x1e{params!r}"


def remember(kind: str, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per publish run and ``parts`` (which must hold the scope, and the language when
    the value holds text)."""
    k = key(kind, publish_key(), *parts)
    hit = get(k)
    if hit is not None:
        return hit
    value = compute()
    put(k, value)
    return value


# A cache that is down (Redis restarted, network) makes pages slower, not broken: every value here can be
# computed again from the database, so a failed read is a miss and a failed write is skipped (logged).
def get(k: str) -> Any:
    try:
        return cache.get(k)
    except Exception as e:  # noqa: BLE001  (redis.RedisError, OSError: the backend's own errors vary)
        log.warning("cache unavailable, computing without it: %s", e)
        return None


def put(k: str, value: Any) -> None:
    try:
        cache.set(k, value, TIMEOUT_S)
    except Exception as e:  # noqa: BLE001
        log.warning("cache unavailable, not keeping %s: %s", k.split(":", 1)[0], e)
