"""Score snapshots for the response and report code — the names they import, defined once in
:mod:`labormap.warehouse.datasets` (the one reader of each warehouse dataset's layout).

Kept as a module so the response and report code does not depend on the risk package being importable.
"""

from __future__ import annotations

from labormap.warehouse.datasets import (
    latest_on_or_before,
    previous_before,
    snapshot_dates,
    snapshot_files,
    sql_list,
)

__all__ = ["latest_on_or_before", "previous_before", "snapshot_dates", "snapshot_files", "sql_list"]
