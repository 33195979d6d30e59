"""Against the simulator's truth: planted employers get exactly their planted findings, sectoral agreements
exactly their planted gaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from labormap.agreements import Half, completeness, compliance
from labormap.agreements.common import connect
from labormap.ingest import ingest_drop
from labormap.simulate import simulate
from labormap.warehouse import Warehouse


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("agsim")
    simulate(out / "world", employers=60, start="2024-07", end="2025-12", seed=3, payments_months=12)
    ingest_drop(out / "world" / "registries", Warehouse(out / "wh"), today=date(2026, 1, 31))
    return out


@pytest.mark.parametrize("half", ["2025-H1", "2025-H2"])
def test_planted_findings_exact(sim: Path, half: str) -> None:
    truth = pq.read_table(sim / "world" / "truth" / "agreements_pay.parquet").to_pylist()
    truth = [t for t in truth if t["half"] == half]
    planted = {t["employer_bin"] for t in truth}
    assert len(planted) == 6
    res = compliance(connect(sim / "wh"), Half.parse(half), bins=planted)
    got = {(f.employer_bin, f.kind): (f.workers, f.shortfall_kzt_month) for f in res.findings}
    want = {
        (t["employer_bin"], t["kind"]): (t["workers"], t["shortfall_kzt_month"]) for t in truth if t["kind"]
    }
    assert set(got) == set(want)
    for k, (workers, short) in want.items():
        assert got[k][0] == workers, k
        assert got[k][1] == pytest.approx(short, abs=0.05), k
    kinds = {k for _, k in want}
    assert kinds == {"below_sector_tariff", "below_ca_tariff", "no_hazard_bonus"}


def test_completeness_matches_truth(sim: Path) -> None:
    truth = pq.read_table(sim / "world" / "truth" / "agreements_completeness.parquet").to_pylist()
    h = Half.parse("2025-H2")
    want = {t["agreement_id"]: t["gaps"] for t in truth if t["valid_from"] <= h.last}
    got = {c.agreement_id: ";".join(c.gaps) for c in completeness(connect(sim / "wh"), h)}
    assert got == {k: v for k, v in want.items() if k in got}
    assert len(got) >= 5
    assert any(got.values()) and not all(got.values())  # some complete, some with gaps


def test_regional_coverage_gaps_match_truth(sim: Path) -> None:
    from labormap.agreements import coverage

    truth = pq.read_table(sim / "world" / "truth" / "agreements_coverage.parquet").to_pylist()
    gaps = {t["region"] for t in truth if not t["regional_agreement"]}
    assert len(gaps) == 3 and not gaps & {"47", "75"}
    cov = coverage(connect(sim / "wh"), Half.parse("2025-H2"))
    assert {r.region for r in cov.regions if not r.covered} == gaps
    # the year before, every region had one
    assert all(r.covered for r in coverage(connect(sim / "wh"), Half.parse("2024-H2")).regions)
