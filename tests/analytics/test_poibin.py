"""The count distribution behind the aggregate forecasts: exact on small cases, right on large ones."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from labormap.analytics.poibin import crps, forecast_count, pmf, quantile, rescale_horizon


def brute_force(p: list[float]) -> np.ndarray:
    out = np.zeros(len(p) + 1)
    for bits in itertools.product((0, 1), repeat=len(p)):
        out[sum(bits)] += np.prod([q if b else 1 - q for q, b in zip(p, bits, strict=True)])
    return out


@pytest.mark.parametrize("p", [[0.5, 0.5], [0.1, 0.7, 0.3], [0.02, 0.9, 0.5, 0.5, 0.33]])
def test_pmf_is_exact_on_small_sets(p: list[float]) -> None:
    got = pmf(np.array(p))
    want = brute_force(p)
    assert got[: len(want)] == pytest.approx(want, abs=1e-9)
    assert got[len(want) :].sum() == pytest.approx(0, abs=1e-9)


def test_large_set_matches_simulation() -> None:
    rng = np.random.default_rng(7)
    p = rng.beta(0.3, 300, size=50_000)
    f = forecast_count(p, calibration_sd=0)
    sims = (rng.random((400, p.size)) < p).sum(axis=1)
    assert f.expected == pytest.approx(p.sum(), rel=1e-6)
    assert f.p10 == pytest.approx(np.percentile(sims, 10), abs=3)
    assert f.p90 == pytest.approx(np.percentile(sims, 90), abs=3)


def test_calibration_doubt_widens_but_keeps_the_mean() -> None:
    p = np.full(2000, 0.01)
    sharp, doubtful = forecast_count(p, 0), forecast_count(p, 0.3)
    assert doubtful.expected == pytest.approx(sharp.expected, rel=0.02)
    assert doubtful.p90 - doubtful.p10 > sharp.p90 - sharp.p10


def test_crps_and_quantiles() -> None:
    f = pmf(np.array([0.5, 0.5]))  # 0.25, 0.5, 0.25
    assert crps(f, 1) == pytest.approx(0.125)
    assert crps(f, 0) > crps(f, 1)
    assert quantile(f, 0.1) == 0 and quantile(f, 0.5) == 1 and quantile(f, 0.9) == 2


def test_shorter_horizon_under_constant_hazard() -> None:
    p90 = np.array([0.0, 0.271, 0.5])
    p30 = rescale_horizon(p90, 90, 30)
    assert p30[0] == 0
    assert 1 - (1 - p30[2]) ** 3 == pytest.approx(0.5)
