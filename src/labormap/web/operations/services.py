"""Runs of the daily cycle, read from the warehouse's ops folder (``labormap.ops.state``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from labormap.ops import state
from labormap.warehouse import Warehouse

STALE_DAYS = 2


def runs(limit: int = 60) -> list[dict[str, Any]]:
    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not path:
        return []
    return state.load_runs(Warehouse(path), limit)


def data_age(as_of: dt.date | None, today: dt.date | None = None) -> tuple[int | None, bool]:
    """(days since the data date, whether that is older than two days)."""
    if as_of is None:
        return None, False
    days = ((today or dt.date.today()) - as_of).days
    return days, days > STALE_DAYS
