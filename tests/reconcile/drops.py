"""Hand-made records written as a registry drop and ingested, as the real registries arrive."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from labormap.ingest import ingest_drop
from labormap.reconcile import Records
from labormap.warehouse import Warehouse
from tests.ingest.factories import employer_row

KATO = {"47": "471010000", "75": "751110000"}


def _write(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def write_drop(recs: Records, drop: Path) -> Path:
    drop.mkdir(parents=True, exist_ok=True)
    _write(
        drop / "employers.csv",
        ["bin", "name", "legal_form", "oked", "kato", "status", "lat", "lon"],
        [employer_row(b, recs.name_of.get(b, "ТОО"), KATO[r]) for b, r in recs.region_of.items()],
    )
    _write(
        drop / "arrears.csv",
        [
            "case_id",
            "employer_bin",
            "found_on",
            "amount_kzt",
            "workers",
            "months",
            "order_no",
            "order_due_on",
            "repaid_on",
            "repaid_kzt",
        ],
        [
            [
                f"ТИ-{i}",
                o.employer_bin,
                o.found_on,
                o.amount_kzt,
                3,
                2,
                o.order_no,
                o.due_on,
                o.repaid_on,
                o.amount_kzt if o.repaid_on else None,
            ]
            for i, o in enumerate(recs.orders)
        ],
    )
    _write(
        drop / "enforcement.csv",
        [
            "proceeding_id",
            "employer_bin",
            "opened_on",
            "basis",
            "amount_kzt",
            "collected_kzt",
            "workers",
            "status",
            "closed_on",
            "order_no",
        ],
        [
            [
                p.proceeding_id,
                p.employer_bin,
                p.opened_on,
                "inspector_order",
                p.amount_kzt,
                0,
                3,
                p.status,
                p.closed_on,
                p.order_no,
            ]
            for p in recs.proceedings
        ],
    )
    _write(
        drop / "police_cases.csv",
        [
            "case_no",
            "employer_bin",
            "registered_on",
            "article",
            "decision",
            "decision_on",
            "amount_kzt",
            "order_no",
        ],
        [
            [
                c.case_no,
                c.employer_bin,
                c.registered_on,
                "152 ч.3 УК РК",
                c.decision,
                c.decision_on,
                c.amount_kzt,
                c.order_no,
            ]
            for c in recs.police
        ],
    )
    return drop


def warehouse_of(recs: Records, root: Path) -> Warehouse:
    wh = Warehouse(root / "wh")
    rep = ingest_drop(write_drop(recs, root / "drop"), wh)
    for name in ("arrears", "enforcement", "police_cases"):
        assert rep["registries"][name]["quarantined"] == 0, rep["registries"][name]
    return wh
