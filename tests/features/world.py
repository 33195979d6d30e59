"""A small hand-built world: four employers whose feature values at AS_OF can be worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.features.tiny import bin_of, contract, employer, months, payment

AS_OF = dt.date(2024, 6, 30)  # reference income month: 2024-05 (its contributions were due 2024-06-25)
D = AS_OF


def rows() -> dict[str, list[dict[str, Any]]]:
    r: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "employers",
            "payments",
            "contracts",
            "contract_events",
            "arrears",
            "enforcement",
            "conflicts",
            "collective_agreements",
            "sector_agreements",
            "contractor_links",
            "surveys",
        )
    }
    # 1: a steady mining company in Mangystau, 10 workers, paid 300..390 k; a customer of employer 2.
    # 2: its contractor (mining services, Mangystau): 5 → 3 workers after two staff reductions in December,
    #    near-minimum pay, contributions stopped in March, wage arrears, a lapsing service contract.
    # 3: a shop in Almaty paying one worker with no ЕСУТД contract.
    # 4: a mining company in Mangystau with a past strike, a collective agreement ending soon.
    r["employers"] = [
        employer(1),
        employer(2, oked="09100", union_present=True, accident_insurance=False),
        employer(3, oked="47110", kato="751010000"),
        employer(4, oked="07100"),
    ]
    for per in months("2023-01", "2024-05"):
        for w in range(10):
            r["payments"].append(payment(1, f"w1-{w}", per, 300_000 + w * 10_000))
        for w in range(5 if per < "2024-01" else 3):
            r["payments"].append(payment(2, f"w2-{w}", per, 90_000, full=per < "2024-03"))
        for w in range(4):
            late = dt.date(2024, 6, 28) if per == "2024-05" else None  # last month paid after the deadline
            r["payments"].append(payment(4, f"w4-{w}", per, 500_000, paid_on=late))
    r["payments"].append(payment(3, "w3-0", "2024-05", 200_000))
    for w in range(10):
        r["contracts"].append(contract(1, f"w1-{w}", dt.date(2020, 1, 1)))
    for w in range(5):
        cut = w >= 3
        r["contracts"].append(
            contract(
                2,
                f"w2-{w}",
                dt.date(2020, 1, 1),
                terminated=dt.date(2023, 12, 31) if cut else None,
                ground="staff_reduction" if cut else None,
            )
        )
    for w in range(4):
        # one contract entered into ЕСУТД 20 days late
        late_reg = dt.date(2024, 2, 21) if w == 0 else None
        start = dt.date(2024, 2, 1) if w == 0 else dt.date(2019, 1, 1)
        r["contracts"].append(contract(4, f"w4-{w}", start, registered=late_reg))
    r["contract_events"] = [
        {
            "employer_bin": bin_of(2),
            "worker_pid": "w2-0",
            "event_type": "idle_start",
            "event_on": dt.date(2024, 4, 1),
            "registered_on": dt.date(2024, 4, 2),
            "salary": None,
            "work_rate": None,
        },
        {
            "employer_bin": bin_of(2),
            "worker_pid": "w2-1",
            "event_type": "idle_start",
            "event_on": dt.date(2024, 2, 1),
            "registered_on": dt.date(2024, 2, 2),
            "salary": None,
            "work_rate": None,
        },
        {
            "employer_bin": bin_of(2),
            "worker_pid": "w2-1",
            "event_type": "idle_end",
            "event_on": dt.date(2024, 3, 1),
            "registered_on": dt.date(2024, 3, 2),
            "salary": None,
            "work_rate": None,
        },
    ]
    r["arrears"] = [
        {
            "case_id": "A-1",
            "employer_bin": bin_of(2),
            "found_on": dt.date(2024, 5, 10),
            "amount_kzt": 540_000.0,
            "workers": 3,
            "months": 2,
            "order_no": "П-1",
            "order_due_on": dt.date(2024, 6, 10),
            "repaid_on": None,
            "repaid_kzt": None,
        },
        {
            "case_id": "A-0",
            "employer_bin": bin_of(2),
            "found_on": dt.date(2022, 3, 1),
            "amount_kzt": 100_000.0,
            "workers": 1,
            "months": 1,
            "order_no": None,
            "order_due_on": None,
            "repaid_on": dt.date(2022, 4, 1),
            "repaid_kzt": 100_000.0,
        },
    ]
    r["enforcement"] = [
        {
            "proceeding_id": "E-1",
            "employer_bin": bin_of(2),
            "opened_on": dt.date(2024, 6, 1),
            "basis": "inspector_order",
            "amount_kzt": 540_000.0,
            "collected_kzt": None,
            "workers": 3,
            "status": "open",
            "closed_on": None,
        },
    ]
    r["conflicts"] = [
        {
            "conflict_id": "K-1",
            "employer_bin": bin_of(4),
            "started_on": dt.date(2024, 5, 1),
            "ended_on": dt.date(2024, 5, 3),
            "kind": "strike",
            "causes": "wage_level",
            "participants": 40,
            "participant_group": "own_staff",
            "outcome": "resolved",
            "registered_on": dt.date(2024, 5, 2),
        },
    ]
    r["collective_agreements"] = [
        {
            "agreement_id": "CA-4",
            "employer_bin": bin_of(4),
            "union_name": "ПК",
            "signed_on": dt.date(2021, 9, 1),
            "valid_from": dt.date(2021, 9, 1),
            "valid_to": dt.date(2024, 8, 31),
            "min_tariff_kzt": 450_000.0,
            "tariff_coefficients": None,
            "hazard_bonus_pct": None,
            "registered_on": dt.date(2021, 9, 10),
        },
    ]
    r["sector_agreements"] = [
        {
            "agreement_id": "SA-B",
            "level": "sectoral",
            "oked_section": "B",
            "region": None,
            "title": "ГМК",
            "valid_from": dt.date(2023, 1, 1),
            "valid_to": dt.date(2025, 12, 31),
            "min_tariff_kzt": 150_000.0,
            "inter_grade_coefficient": None,
            "hazard_bonus_pct": None,
        },
    ]
    r["contractor_links"] = [
        {
            "contract_id": "C-1",
            "customer_bin": bin_of(1),
            "employer_bin": bin_of(2),
            "service": "бурение",
            "start_on": dt.date(2022, 1, 1),
            "end_on": dt.date(2024, 8, 31),
            "workers": 3,
            "amount_kzt": None,
            "registered_on": dt.date(2022, 1, 1),
        },
    ]
    r["surveys"] = [
        {
            "sheet_id": f"S-{i}",
            "employer_bin": bin_of(2),
            "wave": "2024-H1",
            "answered_on": dt.date(2024, 4, 1),
            "q_pay": 1,
            "q_pay_on_time": 1,
            "q_conditions": 3,
            "q_safety": 3,
            "q_management": 2,
            "q_job_security": 2,
            "q_voice": 2 if i else None,
            "q_protest": 4 + i % 2,
        }
        # ten sheets: the least a wave needs to give a survey feature (voice.index.MIN_RESPONDENTS)
        for i in range(10)
    ]
    return r
