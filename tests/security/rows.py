"""A valid row for any registry, built from its contract (so a new column is covered automatically)."""

from __future__ import annotations

import csv
from pathlib import Path

from labormap.registries import REGISTRIES, ColumnType, Registry
from tests.ingest.factories import bins, iins

T = ColumnType
BIN = bins(1, start=500)[0]
WORKER = iins(1, start=700)[0]


def valid_value(reg: Registry, name: str) -> str:
    c = reg.column(name)
    if c.type is T.BIN:
        return BIN
    if c.type is T.IIN:
        return WORKER
    if c.type is T.DATE:
        return "2025-01-10"
    if c.type is T.TIMESTAMP:
        return "2025-01-10T10:00:00"
    if c.type is T.PERIOD:
        return "2025-01"
    if c.type in (T.INT, T.FLOAT, T.MONEY):
        lo = c.min if c.min is not None and c.min > 0 else 1
        return str(int(lo)) if c.type is T.INT else str(lo)
    if c.type is T.BOOL:
        return "true"
    if c.type in (T.CODE, T.CODES):
        return c.codes[0]
    if c.type is T.KATO:
        return "471010000"
    if c.type is T.OKED:
        return "06100"
    return "Текст"


def text_columns(reg: Registry) -> list[str]:
    return [c.name for c in reg.columns if c.type in (T.STR, T.TEXT)]


def write_registry(drop: Path, name: str, overrides: dict[str, str] | None = None) -> None:
    """One valid row of registry ``name`` as CSV, with some values replaced."""
    reg = REGISTRIES[name]
    row = {c: valid_value(reg, c) for c in reg.column_names}
    row.update(overrides or {})
    with (drop / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(reg.column_names)
        w.writerow([row[c] for c in reg.column_names])
