"""No leak: the registries hold only what a real registry could; the latent state stays in truth/.

Three checks: (1) the latent arrays (health, hazard) are never read by anything that writes a registry —
scrambling them leaves every registry byte-identical; (2) the conflict register is a subset of the
conflicts that happened, with the same facts; (3) from features a risk engine could compute out of the
registries, health and grievance can be estimated only roughly (informative, far from exact).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pytest

from labormap.simulate import dynamics, simulate

SMALL = {"employers": 150, "start": "2023-01", "end": "2025-06", "seed": 11}


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_scrambled_latent_state_changes_no_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    simulate(tmp_path / "real", **SMALL)  # type: ignore[arg-type]
    real_run = dynamics.run

    def scrambled(*args, **kwargs):
        plan, latent = real_run(*args, **kwargs)
        rng = np.random.default_rng(99)
        latent.health = rng.normal(size=latent.health.shape).astype(latent.health.dtype)
        latent.hazard = rng.random(latent.hazard.shape).astype(latent.hazard.dtype)
        latent.conflict_grievance = rng.normal(size=latent.conflict_grievance.shape)
        latent.conflict_hazard = rng.random(latent.conflict_hazard.shape)
        return plan, latent

    monkeypatch.setattr(dynamics, "run", scrambled)
    simulate(tmp_path / "scrambled", **SMALL)  # type: ignore[arg-type]
    real, other = _hashes(tmp_path / "real" / "registries"), _hashes(tmp_path / "scrambled" / "registries")
    assert real == other
    assert _hashes(tmp_path / "real" / "truth") != _hashes(tmp_path / "scrambled" / "truth")


def test_register_is_a_subset_of_what_happened(tiny_world: Path) -> None:
    con = duckdb.connect()
    reg = f"read_parquet('{tiny_world}/registries/conflicts.parquet')"
    truth = f"read_parquet('{tiny_world}/truth/conflicts.parquet')"
    n_reg = con.execute(f"SELECT count(*) FROM {reg}").fetchone()[0]  # type: ignore[index]
    matched = con.execute(f"""SELECT count(*) FROM {reg} r JOIN {truth} t USING (conflict_id)
        WHERE r.employer_bin = t.employer_bin AND r.started_on = t.started_on AND r.kind = t.kind
          AND r.causes = t.causes AND r.participants = t.participants AND t.observed""").fetchone()[0]  # type: ignore[index]
    n_truth = con.execute(f"SELECT count(*) FROM {truth}").fetchone()[0]  # type: ignore[index]
    assert n_reg > 0 and matched == n_reg
    assert n_truth > n_reg  # the register misses some conflicts, as real registers do


FEATURES = """
WITH pm AS (SELECT employer_bin, period AS month, count(*) n, avg(income) inc,
              avg((paid_on > strptime(period || '-25', '%Y-%m-%d') + INTERVAL 1 MONTH)::INT) late
            FROM read_parquet('{r}/payments/*.parquet') GROUP BY 1, 2),
lay AS (SELECT employer_bin, strftime(terminated_on, '%Y-%m') AS month, count(*) k
        FROM read_parquet('{r}/contracts/*.parquet')
        WHERE termination_ground IN ('staff_reduction', 'economic_decline') GROUP BY 1, 2),
ev AS (SELECT employer_bin, strftime(event_on, '%Y-%m') AS month,
              sum((event_type IN ('idle_start', 'part_time_start'))::INT) idle,
              sum((event_type = 'salary_change')::INT) raises
       FROM read_parquet('{r}/contract_events/*.parquet') GROUP BY 1, 2),
arr AS (SELECT m.employer_bin, m.month, count(a.case_id) open
        FROM read_parquet('{t}/employer_months/*.parquet') m
        LEFT JOIN read_parquet('{r}/arrears.parquet') a ON a.employer_bin = m.employer_bin
         AND a.found_on <= last_day(strptime(m.month || '-01', '%Y-%m-%d'))
         AND (a.repaid_on IS NULL OR a.repaid_on > last_day(strptime(m.month || '-01', '%Y-%m-%d')))
        GROUP BY 1, 2)
SELECT m.health, m.grievance, ln(m.hazard) AS log_hazard,
       ln(1 + pm.n), pm.late, coalesce(lay.k, 0) / pm.n, coalesce(ev.idle, 0) / pm.n, coalesce(ev.raises, 0) / pm.n,
       arr.open, pm.n / max(pm.n) OVER (PARTITION BY m.employer_bin ORDER BY m.month ROWS BETWEEN 12 PRECEDING AND CURRENT ROW),
       ln(pm.inc)
FROM read_parquet('{t}/employer_months/*.parquet') m JOIN pm USING (employer_bin, month)
LEFT JOIN lay USING (employer_bin, month) LEFT JOIN ev USING (employer_bin, month) JOIN arr USING (employer_bin, month)
WHERE m.staff > 0 AND m.hazard > 0
"""


def test_latent_state_is_only_roughly_recoverable_from_registries(tiny_world: Path) -> None:
    cols = (
        duckdb.connect()
        .execute(FEATURES.format(r=tiny_world / "registries", t=tiny_world / "truth"))
        .fetchnumpy()
    )
    names = list(cols)
    X = np.nan_to_num(
        np.column_stack([cols[k].astype(float) for k in names[3:]] + [np.ones(len(cols[names[0]]))])
    )

    def r2(target: np.ndarray) -> float:
        beta, *_ = np.linalg.lstsq(X, target, rcond=None)
        return float(1 - np.var(target - X @ beta) / np.var(target))

    health, grievance, log_hazard = (cols[k].astype(float) for k in names[:3])
    assert r2(health) < 0.6
    assert 0.05 < r2(grievance) < 0.8  # the signals carry information, not the answer
    assert r2(log_hazard) < 0.97  # size and sector are observable; the rest is not
