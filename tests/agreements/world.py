"""A hand-made warehouse for the agreements rules: every employer is one rule, every figure is known.

Half-year 2025-H2. Sector agreements in force for 2025: SA-C (section C, 100 000, coefficient 1.2,
hazard 12 %, indexation), SA-C24 (division 24, 110 000, 1.1, 15 %, indexation), SA-F (section F,
120 000, no coefficient, no hazard bonus, no indexation), RA-47 (Mangystau, 105 000), RA-75 (Almaty,
90 000) and a general agreement (not binding on pay). SA-G ran in 2024 only.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from labormap.identifiers import complete_kz_id
from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse

HALF = "2025-H2"
PERIODS = [f"2025-{m:02d}" for m in range(1, 13)]


def make_bin(n: int) -> str:
    for suffix in range(10):
        b = complete_kz_id(f"1001404{n:03d}{suffix}")
        if b:
            return b
    raise AssertionError(n)


def make_iin(n: int) -> str:
    for s in range(10):
        iin = complete_kz_id(f"850101{3}{n:03d}{s}")
        if iin:
            return iin
    raise AssertionError(n)


@dataclass
class W:
    """A worker: contract terms and the income of each month of 2025 (a callable of the period)."""

    income: float | dict[str, float]
    grade: int | None = None
    rate: float = 1.0
    hazardous: bool = False
    start: str = "2020-01-01"
    terminated: str | None = None
    events: list[tuple[str, str, float | None]] = field(default_factory=list)  # (type, date, rate)

    def pay(self, period: str) -> float | None:
        if isinstance(self.income, dict):
            return self.income.get(period)
        return self.income


@dataclass
class E:
    n: int
    name: str
    kato: str
    oked: str
    workers: list[W]


KATO = {"75": "751110000", "47": "471010000", "35": "351010000"}

EMPLOYERS = [
    # E1: sector tariff with the inter-grade coefficient and part-time pro-rating
    E(
        1,
        "ТОО «Грейд»",
        KATO["75"],
        "10110",
        [
            W(144000, grade=3),  # 100 000 × 1.2² — exactly the floor
            W(120000, grade=3),  # 24 000 short
            W(50000, rate=0.5),  # half of 100 000 — fine
            W(40000, rate=0.5),  # 10 000 short
        ],
    ),
    # E2: hazard bonus of the sectoral agreement (12 %), pro-rated for part-time
    E(
        2,
        "ТОО «Вредный цех»",
        KATO["75"],
        "10110",
        [
            W(100000, hazardous=True),  # 12 000 short
            W(112000, hazardous=True),
            W(50000, rate=0.5, hazardous=True),  # 6 000 short
        ],
    ),
    # E3: collective agreement above the sector (130 000, scale 1.0;1.25;1.5, hazard 20 %)
    E(
        3,
        "АО «Колдоговор»",
        KATO["75"],
        "10110",
        [
            W(120000, grade=2),  # CA 162 500: 42 500 short of the CA, at the sector floor 120 000
            W(130000),
            W(90000),  # 10 000 below the sector, then 30 000 below the CA
            W(207360, grade=5),  # sector 100 000 × 1.2⁴ = 207 360 beats CA 130 000 × 1.5 (top of the scale)
            W(130000, hazardous=True),  # 130 000 × 1.2 = 156 000: 26 000 of hazard bonus missing
        ],
    ),
    # E4: division agreement and section agreement both apply; the higher tariff wins
    E(
        4,
        "ТОО «Металл-24»",
        KATO["47"],
        "24100",
        [
            W(140000, grade=3),  # SA-C 144 000 > SA-C24 133 100 > RA-47 105 000: 4 000 short
            W(110000),  # SA-C24 110 000: fine
        ],
    ),
    # E5: an agreement without coefficient or hazard order adds nothing for grade or hazard
    E(
        5,
        "ТОО «Строй»",
        KATO["47"],
        "41200",
        [
            W(120000, grade=4),
            W(120000, hazardous=True),
        ],
    ),
    # E6: no sectoral agreement (G): the regional one applies; part-time and idle time from amendments
    E(
        6,
        "ТОО «Магазин»",
        KATO["47"],
        "47110",
        [
            W(100000),  # 5 000 below RA-47
            W(52500, events=[("part_time_start", "2025-05-15", 0.5)]),
            W(
                {**{p: 105000.0 for p in PERIODS[:8]}, **{p: 52500.0 for p in PERIODS[8:]}},
                events=[("part_time_start", "2025-09-10", 0.5)],
            ),
            W(
                {**{p: 105000.0 for p in PERIODS[:9]}, **{p: 30000.0 for p in PERIODS[9:]}},
                events=[("idle_start", "2025-10-01", None)],
            ),
        ],
    ),
    # E7: no agreement at all (G in Karaganda)
    E(7, "ТОО «Без соглашения»", KATO["35"], "47110", [W(60000)]),
    # E8: partial months are left out (hired mid-August, terminated mid-November)
    E(
        8,
        "ТОО «Текучка»",
        KATO["75"],
        "10110",
        [
            W({**{p: 100000.0 for p in PERIODS}, "2025-08": 40000.0}, start="2025-08-15"),
            W({**{p: 100000.0 for p in PERIODS}, "2025-11": 60000.0}, terminated="2025-11-20"),
        ],
    ),
]

EXPECTED: dict[str, Any] = {
    "half": HALF,
    "findings": [
        {
            "employer_bin": make_bin(1),
            "kind": "below_sector_tariff",
            "workers": 2,
            "shortfall_kzt_month": 34000.0,
        },
        {
            "employer_bin": make_bin(2),
            "kind": "no_hazard_bonus",
            "workers": 2,
            "shortfall_kzt_month": 18000.0,
        },
        {
            "employer_bin": make_bin(3),
            "kind": "below_sector_tariff",
            "workers": 1,
            "shortfall_kzt_month": 10000.0,
        },
        {
            "employer_bin": make_bin(3),
            "kind": "below_ca_tariff",
            "workers": 2,
            "shortfall_kzt_month": 72500.0,
        },
        {
            "employer_bin": make_bin(3),
            "kind": "no_hazard_bonus",
            "workers": 1,
            "shortfall_kzt_month": 26000.0,
        },
        {
            "employer_bin": make_bin(4),
            "kind": "below_sector_tariff",
            "workers": 1,
            "shortfall_kzt_month": 4000.0,
        },
        {
            "employer_bin": make_bin(6),
            "kind": "below_sector_tariff",
            "workers": 1,
            "shortfall_kzt_month": 5000.0,
        },
    ],
}
EXPECTED["findings"].sort(key=lambda f: (str(f["employer_bin"]), str(f["kind"])))

SECTOR_AGREEMENTS: list[dict[str, object]] = [
    {
        "agreement_id": "SA-C",
        "level": "sectoral",
        "oked_section": "C",
        "title": "Обрабатывающая промышленность",
        "min_tariff_kzt": 100000,
        "inter_grade_coefficient": 1.2,
        "hazard_bonus_pct": 12,
        "indexation_clause": "true",
    },
    {
        "agreement_id": "SA-C24",
        "level": "sectoral",
        "oked_section": "C",
        "oked_division": "24",
        "title": "Металлургия",
        "min_tariff_kzt": 110000,
        "inter_grade_coefficient": 1.1,
        "hazard_bonus_pct": 15,
        "indexation_clause": "true",
    },
    {
        "agreement_id": "SA-F",
        "level": "sectoral",
        "oked_section": "F",
        "title": "Строительство",
        "min_tariff_kzt": 120000,
        "indexation_clause": "false",
    },
    {
        "agreement_id": "RA-47",
        "level": "regional",
        "region": "47",
        "title": "Мангистауская область",
        "min_tariff_kzt": 105000,
    },
    {
        "agreement_id": "RA-75",
        "level": "regional",
        "region": "75",
        "title": "город Алматы",
        "min_tariff_kzt": 90000,
    },
    {"agreement_id": "GA", "level": "general", "title": "Генеральное соглашение", "min_tariff_kzt": 85000},
    {
        "agreement_id": "SA-G",
        "level": "sectoral",
        "oked_section": "G",
        "title": "Торговля",
        "min_tariff_kzt": 95000,
        "valid_from": "2024-01-01",
        "valid_to": "2024-12-31",
    },
]
SA_COLUMNS = (
    "agreement_id",
    "level",
    "oked_section",
    "oked_division",
    "region",
    "title",
    "valid_from",
    "valid_to",
    "min_tariff_kzt",
    "inter_grade_coefficient",
    "hazard_bonus_pct",
    "indexation_clause",
)


def _write_csv(path: Path, cols: list[str] | tuple[str, ...], rows: Sequence[Mapping[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(cols))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in cols})


def build(root: Path, employers: list[E] | None = None) -> Path:
    """Write the drop, ingest it into ``root/wh`` and return the warehouse folder."""
    emps = EMPLOYERS if employers is None else employers
    drop = root / "drop"
    drop.mkdir(parents=True, exist_ok=True)
    _write_csv(
        drop / "employers.csv",
        ("bin", "name", "legal_form", "oked", "kato", "status", "registered_on"),
        [
            {
                "bin": make_bin(e.n),
                "name": e.name,
                "legal_form": "TOO",
                "oked": e.oked,
                "kato": e.kato,
                "status": "active",
                "registered_on": "2010-01-01",
            }
            for e in emps
        ],
    )
    contracts, payments, events = [], [], []
    k = 0
    for e in emps:
        for w in e.workers:
            k += 1
            iin = make_iin(k)
            contracts.append(
                {
                    "employer_bin": make_bin(e.n),
                    "worker_iin": iin,
                    "position": "рабочий",
                    "salary": 100000,
                    "work_rate": w.rate,
                    "hazardous": "true" if w.hazardous else "false",
                    "grade": w.grade,
                    "start_on": w.start,
                    "terminated_on": w.terminated,
                    "termination_ground": "employee_initiative" if w.terminated else None,
                    "registered_on": w.start,
                    "termination_registered_on": w.terminated,
                }
            )
            for period in PERIODS:
                amount = w.pay(period)
                if amount is None or period < w.start[:7] or (w.terminated and period > w.terminated[:7]):
                    continue
                y, m = int(period[:4]), int(period[5:])
                paid = date(y + (m == 12), m % 12 + 1, 10)
                payments.append(
                    {
                        "employer_bin": make_bin(e.n),
                        "worker_iin": iin,
                        "period": period,
                        "income": amount,
                        "paid_on": paid.isoformat(),
                    }
                )
            for et, on, rate in w.events:
                events.append(
                    {
                        "employer_bin": make_bin(e.n),
                        "worker_iin": iin,
                        "event_type": et,
                        "event_on": on,
                        "registered_on": on,
                        "work_rate": rate,
                    }
                )
    _write_csv(drop / "contracts.csv", list(contracts[0]), contracts)
    _write_csv(drop / "payments.csv", list(payments[0]), payments)
    ev_cols = ("employer_bin", "worker_iin", "event_type", "event_on", "registered_on", "salary", "work_rate")
    _write_csv(drop / "contract_events.csv", ev_cols, events)
    _write_csv(
        drop / "sector_agreements.csv",
        SA_COLUMNS,
        [{"valid_from": "2025-01-01", "valid_to": "2025-12-31", **r} for r in SECTOR_AGREEMENTS],
    )
    ca = [
        {
            "agreement_id": "CA-3",
            "employer_bin": make_bin(3),
            "union_name": "ППО",
            "signed_on": "2024-12-20",
            "valid_from": "2025-01-01",
            "valid_to": "2026-12-31",
            "min_tariff_kzt": 130000,
            "tariff_coefficients": "1.0;1.25;1.5",
            "hazard_bonus_pct": 20,
            "registered_on": "2024-12-25",
        }
    ]
    _write_csv(drop / "collective_agreements.csv", list(ca[0]), ca)
    wh = Warehouse(root / "wh")
    rep = ingest_drop(drop, wh, today=date(2026, 1, 31))
    for name, r in rep["registries"].items():
        assert r["quarantined"] == 0, (name, r)
    return root / "wh"
