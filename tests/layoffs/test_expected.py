"""Expected releases on the hand-made warehouse: every figure worked out by hand (see handmade.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from labormap.layoffs.expected import expected_releases
from tests.features.tiny import bin_of
from tests.layoffs import handmade as hm


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory):
    return hm.build(Path(tmp_path_factory.mktemp("wh")))


def test_curve_exact(wh) -> None:
    e = expected_releases(wh.connect(), hm.AS_OF)
    curve = {m.month: (m.workers, m.contracts) for m in e.months}
    assert list(curve) == [f"2026-{m:02d}" for m in range(1, 13)]
    # K1 (100, no successor), K5 (20, successor registered after D), K4 (C4's headcount 3);
    # K2 has the successor K3 known on D; K6 ends past the horizon; K7 is not known; K8 ended before D
    assert curve == {
        **{f"2026-{m:02d}": (0, 0) for m in range(1, 13)},
        "2026-01": (100, 1),
        "2026-02": (20, 1),
        "2026-06": (3, 1),
    }
    assert [(r.month, r.region, r.sector, r.workers, r.contracts) for r in e.by_region_sector] == [
        ("2026-01", "47", "B", 100, 1),
        ("2026-02", "23", "B", 20, 1),
        ("2026-06", "47", "F", 3, 1),
    ]
    k2 = next(c for c in e.contracts if c.contract_id == "K2")
    assert k2.successor_id == "K3" and not k2.releases
    assert {c.contract_id for c in e.contracts} == {"K1", "K2", "K4", "K5"}


def test_customers_and_contractors(wh) -> None:
    e = expected_releases(wh.connect(), hm.AS_OF)
    cust = {c.customer_bin: c for c in e.customers}
    c1 = cust[bin_of(hm.CUSTOMER)]
    assert (c1.contractors, c1.workers_ending_3m, c1.workers_ending_6m, c1.workers_ending_12m) == (
        3,
        100,
        103,
        103,
    )
    assert (c1.contractors_ending_3m, c1.contractors_ending_6m) == (2, 3)  # C2 (K1), C3 (K2); then C4 (K4)
    assert c1.region == "47" and c1.holding == "Холдинг Тест"
    c6 = cust[bin_of(hm.CUSTOMER6)]
    assert (c6.contractors, c6.workers_ending_6m) == (1, 20)
    # the sum over customers is the curve
    assert sum(c.workers_ending_12m for c in e.customers) == sum(m.workers for m in e.months)
    k1 = next(c for c in e.contracts if c.contract_id == "K1")
    # two reductions registered by D (the third only after), risk from the snapshot, region and sector
    assert (k1.reductions_6m, k1.level, k1.region, k1.sector) == (2, "high", "47", "B")
    assert k1.headcount == 4
    assert [c.contract_id for c in e.no_successor] == ["K1"]
    j = e.to_json()
    assert set(j) == {"as_of", "months", "customers"}
    assert j["customers"][0] == {
        "customer_bin": bin_of(hm.CUSTOMER),
        "contractors": 3,
        "workers_ending_6m": 103,
    }


def test_scope_and_region(wh) -> None:
    e = expected_releases(wh.connect(), hm.AS_OF, region="23")
    assert [c.contract_id for c in e.contracts] == ["K5"]
    assert sum(m.workers for m in e.months) == 20
    # a holding scope: its operator and its contractors
    e = expected_releases(wh.connect(), hm.AS_OF, bins=[bin_of(hm.C3)])
    assert [c.contract_id for c in e.contracts] == ["K2"]
    assert sum(m.workers for m in e.months) == 0
    e = expected_releases(wh.connect(), hm.AS_OF, bins=[])
    assert e.contracts == [] and e.customers == []


def test_as_of_later_sees_successor(wh) -> None:
    import datetime as dt

    e = expected_releases(wh.connect(), dt.date(2026, 2, 5))
    k5 = next(c for c in e.contracts if c.contract_id == "K5")
    assert k5.successor_id == "K5b"
    assert {m.month: m.workers for m in e.months}.get("2026-02") == 0


def test_one_successor_per_contract() -> None:
    from labormap.layoffs.expected import match_successors

    # A and B end together; only R follows: it renews the contract with the same workers (B)
    assert match_successors([("A", "R", 15, 5), ("B", "R", 0, 9)]) == {"B": "R"}
    # two renewals: each ending contract gets its own, closest first
    assert match_successors(
        [("A", "R1", 0, 3), ("A", "R2", 10, 3), ("B", "R1", 10, 3), ("B", "R2", 0, 3)]
    ) == {
        "A": "R1",
        "B": "R2",
    }


def test_scope_object_equals_bin_list(wh) -> None:
    from labormap.scope import Grant, Scope

    def ids(scope: object) -> set[str]:
        return {c.contract_id for c in expected_releases(wh.connect(), hm.AS_OF, bins=scope).contracts}  # type: ignore[arg-type]

    holding = Scope.of(Grant.of(holding="Холдинг Тест"))
    # the holding's companies (1, 3) and the contractors its companies buy from (2, 3, 4)
    members = [bin_of(n) for n in (hm.CUSTOMER, hm.C2, hm.C3, hm.C4)]
    assert ids(holding) == ids(members) == {"K1", "K2", "K4"}
    assert ids(Scope.of(Grant.of(regions="23"))) == {"K5"}
    assert ids(Scope.of(Grant.of(regions="47", sectors="F"))) == {"K4"}  # region AND sector: C4 only
    assert ids(Scope.everything()) == {"K1", "K2", "K4", "K5"}
    assert ids(Scope.nothing()) == set()
