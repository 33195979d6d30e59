"""A registered collective agreement as a ``collective_agreements`` registry file in a platform drop.

The web app registers agreements; this writes them in the registry's own columns so that
:func:`labormap.ingest.drops.ingest_platform_drop` validates and loads them like a registry holder's file.
(A plain CSV writer, not the export-safe one: ingest itself refuses spreadsheet formulas in STR columns,
and a quote prefix would change the data.)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from labormap.registries import REGISTRIES


def write_collective_agreements(drop: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    cols = [c.name for c in REGISTRIES["collective_agreements"].columns]
    path = drop / "registries" / "collective_agreements.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for row in rows:
            w.writerow([row.get(c, "") for c in cols])
    return path
