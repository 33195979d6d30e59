"""A hand-made warehouse for the layoffs tests: one operator in Mangystau with three contractors, one in
Atyrau with one, a few service contracts whose expected releases can be worked out by hand (see
test_expected.py), payments for low pay and score snapshots for risk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.warehouse import Warehouse
from tests.features.tiny import bin_of, contract, employer, new_warehouse, payment, write_run

AS_OF = dt.date(2025, 12, 31)
D = dt.date

# 1 operator (47), 2..4 its contractors (47), 5 contractor (23) of 6 operator (23), 7 unrelated (47, trade)
CUSTOMER, C2, C3, C4, C5, CUSTOMER6, OTHER = 1, 2, 3, 4, 5, 6, 7


def link(
    cid: str,
    cust: int,
    contractor: int,
    start: dt.date,
    end: dt.date,
    workers: int | None,
    registered: dt.date | None = None,
) -> dict[str, Any]:
    return {
        "contract_id": cid,
        "customer_bin": bin_of(cust),
        "employer_bin": bin_of(contractor),
        "service": "бурение",
        "start_on": start,
        "end_on": end,
        "workers": workers,
        "amount_kzt": 1e8,
        "registered_on": registered or start - dt.timedelta(days=20),
    }


LINKS = [
    link("K1", CUSTOMER, C2, D(2024, 2, 1), D(2026, 1, 31), 100),  # ends Jan 2026, no successor
    link("K2", CUSTOMER, C3, D(2025, 1, 1), D(2026, 3, 31), 40),  # ends Mar 2026, successor K3 known
    link("K3", CUSTOMER, C3, D(2026, 4, 1), D(2027, 3, 31), 40, D(2025, 12, 1)),
    link("K4", CUSTOMER, C4, D(2023, 7, 1), D(2026, 6, 30), None),  # workers from C4's headcount (3)
    link("K5", CUSTOMER6, C5, D(2025, 1, 1), D(2026, 2, 28), 20),  # its successor is registered after D
    link("K5b", CUSTOMER6, C5, D(2026, 3, 1), D(2027, 2, 28), 20, D(2026, 2, 1)),
    link("K6", CUSTOMER, C2, D(2025, 6, 1), D(2027, 6, 30), 10),  # ends past the horizon
    link("K7", CUSTOMER, C4, D(2026, 2, 1), D(2027, 1, 31), 5, D(2026, 1, 5)),  # registered after D
    link("K8", CUSTOMER, C3, D(2024, 11, 1), D(2025, 10, 31), 30),  # ended before D
    # short chain: three 6-month contracts in a row for C4
    link("S1", CUSTOMER, C4, D(2024, 1, 1), D(2024, 6, 30), 2),
    link("S2", CUSTOMER, C4, D(2024, 7, 1), D(2024, 12, 31), 2),
    link("S3", CUSTOMER, C4, D(2025, 1, 1), D(2025, 6, 30), 2),
]


def build(root: Path) -> Warehouse:
    wh = new_warehouse(root)
    emps = [
        employer(CUSTOMER, oked="06100", kato="471010000", holding="Холдинг Тест", legal_form="AO"),
        employer(C2, oked="09100", kato="471010000"),
        employer(C3, oked="09100", kato="471010000", holding="Холдинг Тест", parent_bin=bin_of(CUSTOMER)),
        employer(C4, oked="43120", kato="471010000"),
        employer(C5, oked="09100", kato="231010000"),
        employer(CUSTOMER6, oked="06100", kato="231010000", legal_form="AO"),
        employer(OTHER, oked="47110", kato="471010000"),
    ]
    pays: list[dict[str, Any]] = []
    # C4: three workers in Nov 2025 (the reference month of 31 Dec 2025)
    for w, inc in (("w41", 90_000.0), ("w42", 200_000.0), ("w43", 400_000.0)):
        pays.append(payment(C4, w, "2025-11", inc))
        pays.append(payment(C4, w, "2025-01", inc * 0.9))
    # C2: four workers, two low paid (МЗП 2025 = 85 000; 1.1 МЗП = 93 500)
    for w, inc in (("w21", 85_000.0), ("w22", 93_000.0), ("w23", 300_000.0), ("w24", 500_000.0)):
        pays.append(payment(C2, w, "2025-11", inc))
        pays.append(payment(C2, w, "2025-01", inc))
    # OTHER: two workers in trade, paid late for Nov (after D): not known on D
    pays.append(payment(OTHER, "w71", "2025-11", 80_000.0, paid_on=D(2026, 1, 10)))
    pays.append(payment(OTHER, "w72", "2025-10", 80_000.0))
    cons = [
        contract(C2, "r1", D(2020, 1, 1), terminated=D(2025, 10, 15), ground="staff_reduction"),
        contract(C2, "r2", D(2020, 1, 1), terminated=D(2025, 10, 15), ground="staff_reduction"),
        # registered only after D: not known
        contract(
            C2,
            "r3",
            D(2020, 1, 1),
            terminated=D(2025, 12, 20),
            ground="staff_reduction",
            term_registered=D(2026, 1, 10),
        ),
    ]
    write_run(wh, {"employers": emps, "contractor_links": LINKS, "payments": pays, "contracts": cons})
    scores(wh, AS_OF, {C2: (82.0, "high"), C3: (20.0, "low"), C4: (55.0, "elevated")})
    return wh


def scores(wh: Warehouse, as_of: dt.date, rows: dict[int, tuple[float, str]]) -> None:
    n = len(rows)
    reasons_t = pa.list_(
        pa.struct(
            [
                ("code", pa.string()),
                ("contribution", pa.float64()),
                ("value", pa.float64()),
                ("text_ru", pa.string()),
                ("text_kk", pa.string()),
                ("text_en", pa.string()),
            ]
        )
    )
    t = pa.table(
        {
            "employer_bin": [bin_of(k) for k in rows],
            "as_of": pa.array([as_of] * n, pa.date32()),
            "probability": [v[0] / 100 for v in rows.values()],
            "score": [v[0] for v in rows.values()],
            "level": [v[1] for v in rows.values()],
            "score_prev": pa.array([None] * n, pa.float64()),
            "level_prev": pa.array([None] * n, pa.string()),
            "score_change": pa.array([None] * n, pa.float64()),
            "method": ["scorecard"] * n,
            "model_version": ["test"] * n,
            "reasons": pa.array([[] for _ in range(n)], reasons_t),
        }
    )
    with wh.publish("scores", f"as_of={as_of.isoformat()}") as folder:
        pq.write_table(t, folder / "scores.parquet")
