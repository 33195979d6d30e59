"""The engine's forecasts (``labormap.analytics.forecast``) read from the configured warehouse."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from labormap.analytics.forecast import against_actual
from labormap.warehouse import Warehouse
from labormap.web.analytics.filters import limit


class Unavailable(RuntimeError):
    """No warehouse configured: the page says so instead of failing."""


def forecasts_for(user: Any) -> dict[str, Any]:
    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not path:
        raise Unavailable("LABORMAP_WAREHOUSE is not set")
    wh = Warehouse(path)
    if not wh.exists():
        raise Unavailable(f"{wh.root} is not a warehouse")
    try:
        return limit(against_actual(wh), user)
    except ValueError as e:  # a warehouse with no payments or contracts yet has no data date
        raise Unavailable(str(e)) from None
