"""The as-of property: a row that became known after D never changes the features at D."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from labormap.features import compute_features
from tests.features import world
from tests.features.tiny import bin_of, contract, new_warehouse, payment, write_run

D = world.AS_OF
AFTER = D + dt.timedelta(days=1)
BEFORE = D - dt.timedelta(days=5)


def _late_rows(known: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Rows of every dated registry whose registration (``known_on``) date is ``known``."""
    b2, b4 = bin_of(2), bin_of(4)
    return {
        # a new month of pay for employer 2, paid on `known` (its period is the reference month)
        "payments": [payment(2, f"new-{w}", "2024-05", 50_000, paid_on=known, full=False) for w in range(3)],
        # a hire that started before D but was entered into ЕСУТД on `known`
        "contracts": [contract(4, "new-c", dt.date(2024, 6, 1), registered=known)],
        "contract_events": [
            {
                "employer_bin": b4,
                "worker_pid": "w4-1",
                "event_type": "part_time_start",
                "event_on": dt.date(2024, 6, 15),
                "registered_on": known,
                "salary": None,
                "work_rate": 0.5,
            }
        ],
        "arrears": [
            {
                "case_id": "A-late",
                "employer_bin": b4,
                "found_on": known,
                "amount_kzt": 1e6,
                "workers": 4,
                "months": 3,
                "order_no": None,
                "order_due_on": None,
                "repaid_on": None,
                "repaid_kzt": None,
            }
        ],
        "enforcement": [
            {
                "proceeding_id": "E-late",
                "employer_bin": b4,
                "opened_on": known,
                "basis": "court_decision",
                "amount_kzt": 1e6,
                "collected_kzt": None,
                "workers": 4,
                "status": "open",
                "closed_on": None,
            }
        ],
        # a conflict that started before D but was entered into the register on `known`
        "conflicts": [
            {
                "conflict_id": "K-late",
                "employer_bin": b2,
                "started_on": dt.date(2024, 6, 1),
                "ended_on": None,
                "kind": "rally",
                "causes": "wage_arrears",
                "participants": 12,
                "participant_group": "own_staff",
                "outcome": None,
                "registered_on": known,
            }
        ],
        "collective_agreements": [
            {
                "agreement_id": "CA-late",
                "employer_bin": b2,
                "union_name": None,
                "signed_on": dt.date(2024, 6, 1),
                "valid_from": dt.date(2024, 6, 1),
                "valid_to": dt.date(2027, 6, 1),
                "min_tariff_kzt": 300_000.0,
                "tariff_coefficients": None,
                "hazard_bonus_pct": None,
                "registered_on": known,
            }
        ],
        "contractor_links": [
            {
                "contract_id": "C-late",
                "customer_bin": bin_of(1),
                "employer_bin": b4,
                "service": "x",
                "start_on": dt.date(2024, 6, 1),
                "end_on": dt.date(2024, 9, 1),
                "workers": 4,
                "amount_kzt": None,
                "registered_on": known,
            }
        ],
        # ten sheets: a wave with fewer respondents gives no survey feature (voice.index.MIN_RESPONDENTS)
        "surveys": [
            {
                "sheet_id": f"S-late-{i}",
                "employer_bin": b4,
                "wave": "2024-H1",
                "answered_on": known,
                "q_pay": 1,
                "q_pay_on_time": 1,
                "q_conditions": 1,
                "q_safety": 1,
                "q_management": 1,
                "q_job_security": 1,
                "q_voice": 1,
                "q_protest": 5,
            }
            for i in range(10)
        ],
    }


def _termination_late(known: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Employer 1 dismissed three workers on 20 June, but the terminations were registered on `known`."""
    rows = world.rows()
    for c in rows["contracts"]:
        if c["employer_bin"] == bin_of(1) and c["worker_pid"] in ("w1-0", "w1-1", "w1-2"):
            c.update(
                terminated_on=dt.date(2024, 6, 20),
                termination_ground="staff_reduction",
                termination_registered_on=known,
            )
    return rows


def _features(tmp: Path, runs: list[dict[str, list[dict[str, Any]]]]) -> pa.Table:
    wh = new_warehouse(tmp)
    for r in runs:
        write_run(wh, r)
    return compute_features(wh, D)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    return _features(tmp_path_factory.mktemp("base"), [world.rows()])


@pytest.mark.parametrize("registry", sorted(_late_rows(AFTER)))
def test_rows_known_after_d_change_nothing(tmp_path: Path, registry: str, base: pa.Table) -> None:
    late = _features(tmp_path / "late", [world.rows(), {registry: _late_rows(AFTER)[registry]}])
    early = _features(tmp_path / "early", [world.rows(), {registry: _late_rows(BEFORE)[registry]}])
    assert late.equals(base), f"{registry}: a row registered after D changed the features at D"
    # The same rows known a few days before D do change them: the test can see a leak.
    assert not early.equals(base), f"{registry}: the test rows do not reach any feature"


def test_termination_visible_only_once_registered(tmp_path: Path, base: pa.Table) -> None:
    late = _features(tmp_path / "late", [_termination_late(AFTER)])
    early = _features(tmp_path / "early", [_termination_late(BEFORE)])
    assert late.equals(base)
    e1 = {r["employer_bin"]: r for r in early.to_pylist()}[bin_of(1)]
    assert e1["reduction_terminations_3m"] == 3 and e1["esutd_headcount"] == 7
