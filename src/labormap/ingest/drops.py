"""Drops written by the platform itself (not by a registry holder), and the one way they enter the warehouse.

The web app records conflicts (in cases), measures and cases. None of that is written into warehouse
folders directly: the web builds a *drop folder* and hands it to this module, which sends it through the
same pipeline as any registry file:

* ``<drop>/registries/conflicts.csv`` — conflicts recorded in cases, in the ``conflicts`` registry's
  columns, ingested by :func:`labormap.ingest.ingest_drop` (validated, deduplicated, superseding the
  previous version of the same ``conflict_id``), so they reach the training labels, the features and the
  reports like any registered conflict;
* ``<drop>/response/measures.parquet`` and ``cases.parquet`` — the response datasets
  (:mod:`labormap.response.dataset`), checked against their schemas and published atomically. They are not
  registries (no holder outside the platform, no known-on history), so they replace the previous version.

The drop folder is kept under ``WH/drops/`` so what entered the warehouse and when can be audited.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.ingest.pipeline import ingest_drop
from labormap.registries import REGISTRIES
from labormap.warehouse import Warehouse


@dataclass(frozen=True)
class ConflictRow:
    """One conflict as the ``conflicts`` registry has it (codes, dates, counts — no person)."""

    conflict_id: str
    employer_bin: str
    started_on: dt.date
    kind: str
    causes: Sequence[str]
    participants: int
    ended_on: dt.date | None = None
    participant_group: str | None = None
    demands: str | None = None
    outcome: str | None = None
    registered_on: dt.date | None = None


class DropError(ValueError):
    """A platform drop that cannot be ingested (a dataset with the wrong columns)."""


def new_drop(wh: Warehouse, source: str) -> Path:
    """A fresh folder ``WH/drops/<source>-<UTC timestamp>/`` for one drop."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    d = wh.root / "drops" / f"{source}-{stamp}"
    d.mkdir(parents=True)
    return d


def write_conflicts(drop: Path, rows: Iterable[ConflictRow]) -> Path:
    """``<drop>/registries/conflicts.csv`` in the registry's own column names."""
    cols = [c.name for c in REGISTRIES["conflicts"].columns]
    path = drop / "registries" / "conflicts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            rec: dict[str, Any] = {
                "conflict_id": r.conflict_id,
                "employer_bin": r.employer_bin,
                "started_on": r.started_on.isoformat(),
                "ended_on": r.ended_on.isoformat() if r.ended_on else "",
                "kind": r.kind,
                "causes": ";".join(r.causes),
                "participants": str(r.participants),
                "participant_group": r.participant_group or "",
                "demands": r.demands or "",
                "outcome": r.outcome or "",
                "registered_on": (r.registered_on or r.started_on).isoformat(),
            }
            w.writerow([rec.get(c, "") for c in cols])
    return path


def write_response(drop: Path, measures: pa.Table, cases: pa.Table) -> None:
    (drop / "response").mkdir(parents=True, exist_ok=True)
    pq.write_table(measures, drop / "response" / "measures.parquet")
    pq.write_table(cases, drop / "response" / "cases.parquet")


def ingest_platform_drop(drop: Path, wh: Warehouse, *, today: dt.date | None = None) -> dict[str, Any]:
    """Send a platform drop through ingest; returns ``{"registries": <ingest report>, "response": {...}}``."""
    from labormap.response.dataset import CASES_SCHEMA, MEASURES_SCHEMA, publish_response_tables

    out: dict[str, Any] = {}
    if (drop / "registries").is_dir():
        out["registries"] = ingest_drop(drop / "registries", wh, today=today)
    resp = drop / "response"
    if resp.is_dir():
        tables = {}
        for name, schema in (("measures", MEASURES_SCHEMA), ("cases", CASES_SCHEMA)):
            t = pq.read_table(resp / f"{name}.parquet")
            if not t.schema.equals(schema, check_metadata=False):
                raise DropError(f"{name}.parquet has columns {t.schema.names}, expected {schema.names}")
            tables[name] = t
        n_m, n_c = publish_response_tables(wh, tables["measures"], tables["cases"])
        out["response"] = {"measures": n_m, "cases": n_c}
    return out


__all__ = [
    "ConflictRow",
    "DropError",
    "ingest_platform_drop",
    "new_drop",
    "write_conflicts",
    "write_response",
]
