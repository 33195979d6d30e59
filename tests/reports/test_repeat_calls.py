"""Report builders can be called repeatedly in one process (a submodule once shadowed its function)."""

from __future__ import annotations

import datetime as dt

import labormap.reports as reports
from labormap.warehouse import Warehouse


def test_measures_report_callable_twice(world: Warehouse) -> None:
    for _ in range(2):
        rep = reports.measures_report(world, dt.date(2025, 1, 1), dt.date(2025, 11, 30))
        assert rep is not None
    assert callable(reports.measures_report)
