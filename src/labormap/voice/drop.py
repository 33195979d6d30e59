"""Answers collected outside the registry's usual supplier (the web form, a phone interview) reach the
warehouse the one way anything does: an ingest drop of the ``surveys`` registry."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from labormap.registries import REGISTRIES
from labormap.warehouse import Warehouse


def write_surveys(drop: Path, sheets: Iterable[Mapping[str, Any]]) -> Path:
    """``<drop>/surveys.csv`` in the registry's own column names; returns the file."""
    cols = [c.name for c in REGISTRIES["surveys"].columns]
    drop.mkdir(parents=True, exist_ok=True)
    path = drop / "surveys.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for s in sheets:
            row = []
            for c in cols:
                v = s.get(c)
                row.append(v.isoformat() if isinstance(v, dt.date) else "" if v is None else str(v))
            w.writerow(row)
    return path


def ingest_sheets(
    wh: Warehouse, sheets: Iterable[Mapping[str, Any]], *, source: str = "voice"
) -> dict[str, Any]:
    """Write the sheets as a drop under ``WH/drops/`` and ingest it; returns the ingest report."""
    from labormap.ingest.drops import new_drop
    from labormap.ingest.pipeline import ingest_drop

    drop = new_drop(wh, source)
    write_surveys(drop, sheets)
    return ingest_drop(drop, wh, threads=1, memory_limit="1GB")
