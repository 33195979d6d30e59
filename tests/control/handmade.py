"""A hand-made warehouse for the control tests; every expected finding is worked out in the comments.

Month 2025-03 (deadline 2025-04-25), rates of 2025: МЗП 85 000, ОПВ 10 % capped at 50 МЗП (4 250 000),
ОПВР 2.5 % on the same base, СО 5 % on income − ОПВ within 1–7 МЗП (85 000–595 000), ООСМС 3 % and
ВОСМС 2 % capped at 10 МЗП (850 000).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from labormap.warehouse import Warehouse
from tests.features.tiny import bin_of, contract, employer, new_warehouse, write_run

D = dt.date


def pay(
    emp: int, worker: str, period: str, income: float, paid_on: dt.date, **contrib: float | None
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "employer_bin": bin_of(emp),
        "worker_pid": worker,
        "period": period,
        "income": income,
        "paid_on": paid_on,
    }
    row.update({k: contrib.get(k) for k in ("opv", "opvr", "so", "oosms", "vosms")})
    return row


def full_2025(emp: int, worker: str, period: str, income: float, paid_on: dt.date) -> dict[str, Any]:
    """Exactly what is due in 2025 for an income below every cap and above 1 МЗП."""
    opv = 0.1 * income
    return pay(
        emp,
        worker,
        period,
        income,
        paid_on,
        opv=opv,
        opvr=0.025 * income,
        so=0.05 * (income - opv),
        oosms=0.03 * income,
        vosms=0.02 * income,
    )


OLD = D(2020, 1, 10)


def build(
    root: Path, *, vosms_paid_on: dt.date | None = None, d_registered: dt.date | None = None
) -> Warehouse:
    """The month as first found; ``vosms_paid_on`` / ``d_registered`` give the state after a correction
    (B's ВОСМС paid in full on that date; a contract for D registered on that date)."""
    wh = new_warehouse(root)
    emps = [employer(1, kato="471010000"), employer(2, kato="751010000"), employer(3, kato="471010000")]
    contracts = [
        contract(1, "A", OLD),
        contract(1, "B", OLD),
        contract(1, "C", OLD),
        # E: active since 2024 but paid neither in February nor in March → contract_without_pay
        contract(1, "E", D(2024, 1, 1)),
        # F: hired Mon 3 March; 8 March (a Saturday) moves the day off to Mon 10 March, so the 5 working
        # days are 4, 5, 6, 7, 11 March → due 11 March; registered 12 March → 1 day late
        contract(1, "F", D(2025, 3, 3), registered=D(2025, 3, 12)),
        # G: hired 17 March; 21–25 March are days off (Наурыз, with the weekend transfers), so the
        # 5 working days end on 27 March; registered 24 March → on time
        contract(1, "G", D(2025, 3, 17), registered=D(2025, 3, 24)),
        # H: terminated Fri 14 March, 3 working days → due 19 March; registered 20 March → 1 day late
        contract(1, "H", OLD, terminated=D(2025, 3, 14), ground="agreement", term_registered=D(2025, 3, 20)),
        # employer 2 (Almaty): two active contracts, paid in February, nothing for March → payments_stopped
        contract(2, "P", OLD),
        contract(2, "Q", OLD),
        contract(3, "Z", OLD),
    ]
    if d_registered:
        contracts.append(contract(1, "D", D(2025, 3, 1), registered=d_registered))
    on_time, late = D(2025, 4, 20), D(2025, 5, 5)  # May 5 is 10 days after 25 April
    payments = [
        full_2025(1, "A", "2025-03", 300_000, on_time),
        # B: 5 000 000 is above the ОПВ/ОПВР cap (4 250 000), the СО cap (595 000) and the ОСМС cap (850 000)
        pay(
            1,
            "B",
            "2025-03",
            5_000_000,
            on_time,
            opv=500_000,  # more than the 425 000 due: not a finding
            opvr=100_000,  # due 0.025 × 4 250 000 = 106 250 → short by 6 250
            so=29_750,  # due 0.05 × min(5 000 000 − 425 000, 595 000) = 29 750
            oosms=25_500,  # due 0.03 × 850 000
            vosms=None,  # due 0.02 × 850 000 = 17 000 → missing
        )
        if vosms_paid_on is None
        else pay(
            1,
            "B",
            "2025-03",
            5_000_000,
            vosms_paid_on,
            opv=500_000,
            opvr=100_000,
            so=29_750,
            oosms=25_500,
            vosms=17_000,
        ),
        # C: 50 000 is below 1 МЗП, so СО is due on the 85 000 floor = 4 250; 2 250 paid → short by 2 000;
        # everything paid 10 days late
        pay(1, "C", "2025-03", 50_000, late, opv=5_000, opvr=1_250, so=2_250, oosms=1_500, vosms=1_000),
        # D: paid without any contract → esutd_paid_without_contract, 200 000 of income
        full_2025(1, "D", "2025-03", 200_000, on_time),
        full_2025(1, "F", "2025-03", 100_000, on_time),
        full_2025(1, "G", "2025-03", 100_000, on_time),
        full_2025(1, "H", "2025-03", 100_000, on_time),
        full_2025(1, "A", "2025-02", 300_000, D(2025, 3, 20)),
        # employer 2: February only (total 2 × (10 000 + 2 500 + 4 500 + 3 000 + 2 000) = 44 000)
        full_2025(2, "P", "2025-02", 100_000, D(2025, 3, 20)),
        full_2025(2, "Q", "2025-02", 100_000, D(2025, 3, 20)),
        full_2025(3, "Z", "2025-03", 100_000, on_time),
        full_2025(3, "Z", "2025-02", 100_000, D(2025, 3, 20)),
    ]
    events = [
        # an amendment effective 1 March registered 20 March: due 16 March → 4 days late
        {
            "employer_bin": bin_of(1),
            "worker_pid": "A",
            "event_type": "salary_change",
            "event_on": D(2025, 3, 1),
            "registered_on": D(2025, 3, 20),
            "salary": 320_000.0,
            "work_rate": None,
        },
        {
            "employer_bin": bin_of(3),
            "worker_pid": "Z",
            "event_type": "salary_change",
            "event_on": D(2025, 3, 1),
            "registered_on": D(2025, 3, 16),
            "salary": 120_000.0,
            "work_rate": None,
        },
    ]
    write_run(
        wh, {"employers": emps, "contracts": contracts, "payments": payments, "contract_events": events}
    )
    return wh


# (employer, kind) → (workers, amount_kzt, days_late)
EXPECTED_2025_03: dict[tuple[int, str], tuple[int, float, int]] = {
    (1, "opv_late"): (1, 5_000.0, 10),
    (1, "opvr_short"): (1, 6_250.0, 0),
    (1, "opvr_late"): (1, 1_250.0, 10),
    (1, "so_short"): (1, 2_000.0, 0),
    (1, "so_late"): (1, 2_250.0, 10),
    (1, "oosms_late"): (1, 1_500.0, 10),
    (1, "vosms_missing"): (1, 17_000.0, 0),
    (1, "vosms_late"): (1, 1_000.0, 10),
    # as of 1 June: 37 days after the 25 April deadline
    (2, "payments_stopped"): (2, 44_000.0, 37),
    (1, "esutd_paid_without_contract"): (1, 200_000.0, 0),
    (1, "esutd_contract_without_pay"): (1, 0.0, 0),
    (1, "esutd_late_hire"): (1, 0.0, 1),
    (1, "esutd_late_termination"): (1, 0.0, 1),
    (1, "esutd_late_amendment"): (1, 0.0, 4),
}


def build_old_years(root: Path) -> Warehouse:
    """One employer paying in 2019 and 2023, to check the rates and caps of those years."""
    wh = new_warehouse(root)
    payments = [
        # 2019: МЗП 42 500, ОПВ cap 75 МЗП = 3 187 500 → due 318 750, paid 300 000 → short 18 750;
        # СО 3.5 % within 1–10 МЗП: 0.035 × 425 000 = 14 875; ООСМС 1.5 % × min(4 000 000, 425 000) = 6 375;
        # ОПВР and ВОСМС were 0 in 2019, so nothing paid is nothing missing
        pay(4, "W", "2019-06", 4_000_000, D(2019, 7, 10), opv=300_000, so=14_875, oosms=6_375),
        # 2023: МЗП 70 000, ОПВ cap 50 МЗП = 3 500 000 → 350 000; СО 3.5 % × 7 МЗП = 17 150;
        # ООСМС 3 % × 10 МЗП = 21 000, 20 000 paid → short 1 000; ВОСМС 2 % × 700 000 = 14 000
        pay(4, "W", "2023-06", 4_000_000, D(2023, 7, 10), opv=350_000, so=17_150, oosms=20_000, vosms=14_000),
    ]
    contracts = [contract(4, "W", D(2015, 1, 10))]
    write_run(wh, {"employers": [employer(4)], "contracts": contracts, "payments": payments})
    return wh
