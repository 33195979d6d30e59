"""Reading ``scores`` snapshots straight from the warehouse folders (schema in INTERFACES.md).

The response and report code reads the published files itself, so it does not depend on the risk
package being importable, and it reads only the snapshots it needs instead of the union view of all.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from pathlib import Path

from labormap.warehouse import Warehouse

_AS_OF = re.compile(r"^as_of=(\d{4}-\d{2}-\d{2})$")


def snapshot_dates(wh: Warehouse) -> list[date]:
    """Dates of the published ``scores`` snapshots (folders with at least one Parquet file), ascending."""
    base = wh.derived_dir("scores")
    if not base.exists():
        return []
    out = []
    for p in base.iterdir():
        m = _AS_OF.match(p.name)
        if m and p.is_dir() and any(p.glob("*.parquet")):
            out.append(date.fromisoformat(m.group(1)))
    return sorted(out)


def snapshot_files(wh: Warehouse, as_of: date) -> list[str]:
    folder: Path = wh.derived_dir("scores") / f"as_of={as_of.isoformat()}"
    return sorted(str(p) for p in folder.glob("*.parquet"))


def latest_on_or_before(dates: list[date], d: date) -> date | None:
    i = bisect.bisect_right(dates, d)
    return dates[i - 1] if i else None


def previous_before(dates: list[date], d: date) -> date | None:
    i = bisect.bisect_left(dates, d)
    return dates[i - 1] if i else None


def sql_list(items: list[str]) -> str:
    """A DuckDB list literal of file paths."""
    return "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in items) + "]"
