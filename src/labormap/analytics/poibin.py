"""The number of employers with a conflict, as a Poisson-binomial distribution with calibration doubt.

Each employer ``i`` has its own probability ``p_i`` of a conflict within the horizon, so the count of
employers with a conflict is Poisson-binomial, not Poisson: its variance ``Σ p(1−p)`` is smaller than
its mean. The probabilities themselves come from a calibrated model whose calibration is uncertain —
in a tense year every probability is too low at once — so the count is a *mixture*: a common factor
``c`` with ``log c ~ N(−τ²/2, τ²)`` (so ``E[c] = 1``) scales every ``p_i`` (capped at 1) and the Poisson-binomial is averaged
over ``c``. ``τ`` is measured by the backtest (how far actual national counts stray from the expected
ones beyond what the Poisson-binomial explains) and defaults to :data:`DEFAULT_CALIBRATION_SD`.

The Poisson-binomial pmf is computed exactly through its characteristic function on ``m`` roots of unity
(an FFT), with the probabilities grouped to 1e-6 so that 400,000 employers cost a few thousand terms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

DEFAULT_CALIBRATION_SD = 0.25
MIXTURE_POINTS = 15


GROUPS = 3000  # distinct probability levels kept; the mean is preserved exactly within each group


def _grouped(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct probabilities with their counts; a large set is pooled on a log grid by its mean.

    Pooling to a few thousand levels keeps the mean exact and changes the variance by a negligible amount
    (within a group the probabilities differ by under 1 %), and makes the characteristic function cheap.
    """
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)
    p = p[p > 0]
    if p.size == 0:
        return np.zeros(0), np.zeros(0)
    vals, counts = np.unique(p, return_counts=True)
    if vals.size <= GROUPS:
        return vals, counts.astype(np.float64)
    lg = np.log(vals)
    edges = np.linspace(lg[0], lg[-1] + 1e-12, GROUPS + 1)
    idx = np.clip(np.searchsorted(edges, lg, side="right") - 1, 0, GROUPS - 1)
    n = np.bincount(idx, weights=counts, minlength=GROUPS)
    s = np.bincount(idx, weights=vals * counts, minlength=GROUPS)
    keep = n > 0
    return s[keep] / n[keep], n[keep]


def pmf(p: np.ndarray, size: int | None = None) -> np.ndarray:
    """The exact pmf of the number of successes among independent Bernoulli(p_i), on 0..size-1."""
    vals, counts = _grouped(p)
    mu = float((vals * counts).sum())
    sd = math.sqrt(float((vals * (1 - vals) * counts).sum()))
    m = size or int(mu + 12 * sd + 25)
    if vals.size == 0:
        out = np.zeros(m)
        out[0] = 1.0
        return out
    n = 1 << max(5, math.ceil(math.log2(m + 1)))
    z = np.exp(2j * np.pi * np.arange(n) / n)
    # log PGF at each root, summed over the grouped probabilities (one row per distinct p)
    logg = np.zeros(n, dtype=np.complex128)
    for lo in range(0, vals.size, 2048):
        v, c = vals[lo : lo + 2048, None], counts[lo : lo + 2048, None]
        with np.errstate(divide="ignore"):
            logg += (c * np.log(1 - v + v * z[None, :])).sum(axis=0)
    # G(z_j) = Σ_k a_k z_j^k with z_j = e^(2πij/n) is n × the inverse DFT of a, so a = DFT(G) / n.
    # n covers mu + 12 sd, so the mass the DFT folds back from beyond n is negligible.
    out = np.clip(np.fft.fft(np.exp(logg)).real / n, 0, None)
    out = out[:m] if out.size >= m else np.pad(out, (0, m - out.size))
    total = out.sum()
    return out / total if total > 0 else out


def mixture_pmf(p: np.ndarray, calibration_sd: float = DEFAULT_CALIBRATION_SD) -> np.ndarray:
    """The count's pmf averaged over the calibration factor ``c`` (``log c ~ N(−sd²/2, sd²)``)."""
    p = np.asarray(p, dtype=np.float64)
    if calibration_sd <= 0:
        return pmf(p)
    q = (np.arange(MIXTURE_POINTS) + 0.5) / MIXTURE_POINTS
    # centred so that E[c] = 1: the doubt widens the interval without moving the expected count
    factors = np.exp(norm.ppf(q) * calibration_sd - calibration_sd**2 / 2)
    mu_hi = float(np.minimum(p * factors[-1], 1).sum())
    size = int(mu_hi + 12 * math.sqrt(max(mu_hi, 1.0)) + 25)
    acc = np.zeros(size)
    for c in factors:
        acc += pmf(np.minimum(p * c, 1.0), size)
    return acc / MIXTURE_POINTS


@dataclass(frozen=True)
class CountForecast:
    expected: float
    p10: int
    p90: int
    pmf: np.ndarray

    def as_dict(self) -> dict[str, float | int]:
        return {"expected": round(self.expected, 2), "p10": self.p10, "p90": self.p90}

    def covers(self, actual: int) -> bool:
        return self.p10 <= actual <= self.p90

    def crps(self, actual: int) -> float:
        return crps(self.pmf, actual)


def quantile(pmf_: np.ndarray, q: float) -> int:
    """The smallest count k with P(X ≤ k) ≥ q."""
    cdf = np.cumsum(pmf_)
    idx = int(np.searchsorted(cdf, q - 1e-12))
    return min(idx, len(pmf_) - 1)


def crps(pmf_: np.ndarray, actual: int) -> float:
    """Continuous ranked probability score of an integer forecast: Σ_k (F(k) − 1{k ≥ y})²."""
    size = max(len(pmf_), actual + 2)
    cdf = np.cumsum(np.pad(pmf_, (0, size - len(pmf_))))
    step = (np.arange(size) >= actual).astype(np.float64)
    return float(((cdf - step) ** 2).sum())


def forecast_count(p: np.ndarray, calibration_sd: float = DEFAULT_CALIBRATION_SD) -> CountForecast:
    """Expected count with the 80 % interval (10th and 90th percentiles) of the mixture."""
    p = np.asarray(p, dtype=np.float64)
    f = mixture_pmf(p, calibration_sd)
    expected = float((np.arange(len(f)) * f).sum())
    return CountForecast(expected, quantile(f, 0.10), quantile(f, 0.90), f)


def rescale_horizon(p: np.ndarray, from_days: int, to_days: int) -> np.ndarray:
    """Probabilities for a shorter horizon under a constant hazard: 1 − (1 − p)^(to/from)."""
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0 - 1e-12)
    return 1.0 - np.power(1.0 - p, to_days / from_days)
