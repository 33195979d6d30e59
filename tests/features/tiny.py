"""Hand-built warehouses for feature tests: rows written straight into the warehouse layout ingest uses.

The rows are few and chosen so that each feature's expected value can be worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.identifiers import complete_kz_id
from labormap.registries import REGISTRIES
from labormap.registries.schema import STORAGE_TYPES
from labormap.warehouse import Warehouse

_ARROW = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
}


def bin_of(n: int) -> str:
    """A valid BIN for a small test number (the first 11 digits that have a check digit)."""
    for suffix in range(100):
        full = complete_kz_id(f"99{n:07d}{suffix:02d}")
        if full:
            return full
    raise ValueError(n)


def write_run(wh: Warehouse, rows: dict[str, list[dict[str, Any]]]) -> str:
    """Write one committed run holding ``rows`` per registry (storage column names, worker_pid for IINs)."""
    run_id = wh.new_run_id()
    for name, items in rows.items():
        reg = REGISTRIES[name]
        schema = pa.schema([(c.storage_name, _ARROW[STORAGE_TYPES[c.type]]) for c in reg.columns])
        cols: dict[str, list[Any]] = {f.name: [r.get(f.name) for r in items] for f in schema}
        table = pa.table(cols, schema=schema)
        n = table.num_rows
        table = table.append_column("_run", pa.array([run_id] * n, pa.string()))
        table = table.append_column("_rid", pa.array([uuid.uuid4().hex for _ in range(n)], pa.string()))
        table = table.append_column("_file", pa.array(["test"] * n, pa.string()))
        table = table.append_column("_line", pa.array(list(range(1, n + 1)), pa.int64()))
        d = wh.data_dir(name) / f"run={run_id}"
        d.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, d / "part-0.parquet")
    wh.commit_run({"run_id": run_id, "finished_at": dt.datetime.now().isoformat(), "tests": True})
    return run_id


def employer(n: int, *, oked: str = "06100", kato: str = "471010000", **kw: Any) -> dict[str, Any]:
    row = {
        "bin": bin_of(n),
        "name": f"ТОО Тест {n}",
        "legal_form": "TOO",
        "oked": oked,
        "kato": kato,
        "status": "active",
        "registered_on": dt.date(2010, 1, 1),
        "union_present": False,
        "accident_insurance": True,
    }
    row.update(kw)
    return row


def payment(
    emp: int, worker: str, period: str, income: float, *, paid_on: dt.date | None = None, full: bool = True
) -> dict[str, Any]:
    """A worker-month paid on the 20th of the next month, contributions complete unless ``full`` is False."""
    y, m = int(period[:4]), int(period[5:7])
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    paid = paid_on or dt.date(ny, nm, 20)
    k = 1.0 if full else 0.0
    return {
        "employer_bin": bin_of(emp),
        "worker_pid": worker,
        "period": period,
        "income": income,
        "opv": 0.1 * income * k,
        "opvr": 0.025 * income * k,
        "so": 0.05 * income * k,
        "oosms": 0.03 * income * k,
        "vosms": 0.02 * income * k,
        "paid_on": paid,
    }


def contract(
    emp: int,
    worker: str,
    start: dt.date,
    *,
    registered: dt.date | None = None,
    terminated: dt.date | None = None,
    ground: str | None = None,
    term_registered: dt.date | None = None,
    salary: float = 300_000.0,
) -> dict[str, Any]:
    return {
        "employer_bin": bin_of(emp),
        "worker_pid": worker,
        "position": "оператор",
        "salary": salary,
        "work_rate": 1.0,
        "hazardous": False,
        "start_on": start,
        "end_on": None,
        "terminated_on": terminated,
        "termination_ground": ground,
        "registered_on": registered or start + dt.timedelta(days=2),
        "termination_registered_on": term_registered
        or (terminated + dt.timedelta(days=1) if terminated else None),
    }


def months(first: str, last: str) -> list[str]:
    out = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def new_warehouse(root: Path) -> Warehouse:
    root.mkdir(parents=True, exist_ok=True)
    return Warehouse(root)
