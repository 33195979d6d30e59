"""What the backtest adds for honest early-warning quality (issue: analytics and forecasts).

* **Onset apart from persistence** — research on conflict prediction warns that a model re-finds the
  places that already had conflicts and predicts new outbreaks poorly. Every metric is therefore also
  reported for employers with no conflict in the three years before the origin (*onset*) and with one
  (*persistence*).
* **The ceiling** — on a simulated world the employers are also ranked by the simulator's own latent
  monthly hazard at the origin (read from ``truth/``, by this evaluation only — never by features or
  training). Its metrics are the best any model could reach on that world; the model's share of them
  is reported.
* **Recall with lead time** — the share of conflicts whose employer was at level high or elevated at an
  origin at least 30 days before the start (and within one horizon of it).
* **Aggregate forecasts** — per horizon (30, 60, 90 days) and per origin, the expected count of
  employers with a conflict nationally and per region with an 80 % interval (Poisson-binomial with
  calibration doubt), against the actual count: interval coverage and CRPS.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from labormap.analytics.poibin import DEFAULT_CALIBRATION_SD, forecast_count, rescale_horizon
from labormap.risk.model import metrics

PRIOR_YEARS = 3
LEAD_DAYS = 30
FORECAST_HORIZONS = (30, 60, 90)


def day(d: dt.date) -> int:
    """A date as a day number (days since 1970-01-01), the unit the pooled arrays use."""
    return (d - dt.date(1970, 1, 1)).days


def prior_conflict(
    bins: np.ndarray, conflict_bins: np.ndarray, started: np.ndarray, known: np.ndarray, d: dt.date
) -> np.ndarray:
    """True where the employer had a conflict known by ``d`` that started in the 3 years before ``d``."""
    lo = np.datetime64(d - dt.timedelta(days=365 * PRIOR_YEARS), "D")
    hi = np.datetime64(d, "D")
    m = (started > lo) & (started <= hi) & (known <= hi)
    return np.isin(bins, np.unique(conflict_bins[m].astype(str)))


def oracle_probabilities(truth: Path, bins: np.ndarray, d: dt.date, horizon: int) -> np.ndarray:
    """The true probability of a conflict in (d, d + horizon] given the latent hazard of d's month.

    The simulator draws a conflict each month with the employer's hazard; the hazard of the origin's own
    month is the latent state at D, so the oracle knows nothing D did not hold.
    """
    folder = Path(truth) / "employer_months"
    if not folder.exists():
        raise FileNotFoundError(
            f"no simulator truth at {folder}: the oracle needs `simulate`'s truth/ folder"
        )
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT employer_bin, hazard FROM read_parquet(?) WHERE month = ?",
            [str(folder / "*.parquet"), f"{d:%Y-%m}"],
        ).fetchall()
    finally:
        con.close()
    h = {b: float(x) for b, x in rows}
    monthly = np.array([h.get(b, 0.0) for b in bins.tolist()], dtype=np.float64)
    months = horizon / 30.4375
    return 1.0 - np.power(1.0 - np.clip(monthly, 0.0, 1.0 - 1e-9), months)


def flagged_share(
    origin_days: np.ndarray,
    bins: np.ndarray,
    atrisk: np.ndarray,
    conflict_bins: np.ndarray,
    starts: np.ndarray,
    origins: list[dt.date],
    horizon: int,
    conflict_mask: np.ndarray | None = None,
) -> dict[str, Any]:
    """Share of conflicts whose employer was high or elevated ≥ 30 days before the start.

    A conflict counts when at least one evaluated origin lies in [start − horizon, start − 30 days]; it is
    flagged when the employer was at risk at any such origin. ``conflict_mask`` limits the conflicts
    counted (e.g. onsets only).
    """
    flagged = {
        (o, b) for o, b, f in zip(origin_days.tolist(), bins.tolist(), atrisk.tolist(), strict=True) if f
    }
    o_days = np.array([day(o) for o in origins], dtype=np.int64)
    keep = np.ones(len(conflict_bins), dtype=bool) if conflict_mask is None else conflict_mask
    total = hit = 0
    for b, s, k in zip(
        conflict_bins.tolist(),
        starts.astype("datetime64[D]").astype(np.int64).tolist(),
        keep.tolist(),
        strict=True,
    ):
        if not k:
            continue
        eligible = o_days[(o_days <= s - LEAD_DAYS) & (o_days >= s - horizon)]
        if eligible.size == 0:
            continue
        total += 1
        if any((int(o), b) in flagged for o in eligible.tolist()):
            hit += 1
    return {"flagged_30d_share": hit / total if total else None, "conflicts_30d": total}


def onset_conflicts(conflict_bins: np.ndarray, starts: np.ndarray, known: np.ndarray) -> np.ndarray:
    """True for a conflict with no earlier conflict at its employer (known by its start) in 3 years."""
    s = starts.astype("datetime64[D]").astype(np.int64)
    k = known.astype("datetime64[D]").astype(np.int64)
    span = 365 * PRIOR_YEARS
    by_bin: dict[str, list[tuple[int, int]]] = {}
    for b, st, kn in zip(conflict_bins.tolist(), s.tolist(), k.tolist(), strict=True):
        by_bin.setdefault(b, []).append((st, kn))
    out = np.ones(len(s), dtype=bool)
    for i, (b, st) in enumerate(zip(conflict_bins.tolist(), s.tolist(), strict=True)):
        out[i] = not any(st - span < st2 < st and kn2 < st for st2, kn2 in by_bin[b])
    return out


def subset_metrics(
    y: np.ndarray, p: np.ndarray, rank: np.ndarray, high: np.ndarray, atrisk: np.ndarray
) -> dict[str, Any]:
    """The headline metrics on a subset of (origin, employer) pairs."""
    base = metrics(y, p) if len(y) else {"brier": None}
    ranking = metrics(y, rank, probabilities=False) if len(y) else {"roc_auc": None, "pr_auc": None}
    pos = int(y.sum())
    return {
        "n": len(y),
        "positives": pos,
        "base_rate": float(y.mean()) if len(y) else None,
        "roc_auc": ranking["roc_auc"],
        "pr_auc": ranking["pr_auc"],
        "brier": base["brier"],
        "high_flags": int(high.sum()),
        "high_precision": float(y[high].mean()) if high.sum() else None,
        "recall_high": float(high[y == 1].mean()) if pos else None,
        "recall_at_risk": float(atrisk[y == 1].mean()) if pos else None,
    }


def forecast_block(
    origin_days: np.ndarray,
    region: np.ndarray,
    p90: np.ndarray,
    bins: np.ndarray,
    conflict_bins: np.ndarray,
    starts: np.ndarray,
    horizon: int = 90,
    calibration_sd: float = DEFAULT_CALIBRATION_SD,
) -> dict[str, Any]:
    """Aggregate forecasts against actual counts, per horizon, nationally and per region.

    ``p90`` are the employers' probabilities for ``horizon`` days; shorter horizons are derived under a
    constant hazard. The actual count is the number of employers with a conflict starting in the window
    — the quantity the probabilities forecast.
    """
    starts_d = starts.astype("datetime64[D]").astype(np.int64)
    out: dict[str, Any] = {"calibration_sd": calibration_sd, "horizons": {}}
    for h in FORECAST_HORIZONS:
        if h > horizon:
            continue
        p = p90 if h == horizon else rescale_horizon(p90, horizon, h)
        nat_rows: list[dict[str, Any]] = []
        reg_cov: list[bool] = []
        reg_crps: list[float] = []
        for o in np.unique(origin_days).tolist():
            m = origin_days == o
            win = (starts_d > o) & (starts_d <= o + h)
            hit_bins = set(conflict_bins[win].astype(str).tolist())
            y = np.array([b in hit_bins for b in bins[m].tolist()], dtype=bool)
            f = forecast_count(p[m], calibration_sd)
            actual = int(y.sum())
            nat_rows.append(
                {
                    "covered": f.covers(actual),
                    "crps": f.crps(actual),
                    "expected": f.expected,
                    "actual": actual,
                }
            )
            r = region[m]
            for g in np.unique(r).tolist():
                mg = r == g
                fg = forecast_count(p[m][mg], calibration_sd)
                ag = int(y[mg].sum())
                reg_cov.append(fg.covers(ag))
                reg_crps.append(fg.crps(ag))
        out["horizons"][str(h)] = {
            "national": {
                "interval_coverage": float(np.mean([r["covered"] for r in nat_rows])) if nat_rows else None,
                "crps": float(np.mean([r["crps"] for r in nat_rows])) if nat_rows else None,
                "expected_mean": float(np.mean([r["expected"] for r in nat_rows])) if nat_rows else None,
                "actual_mean": float(np.mean([r["actual"] for r in nat_rows])) if nat_rows else None,
                "origins": len(nat_rows),
            },
            "regions": {
                "interval_coverage": float(np.mean(reg_cov)) if reg_cov else None,
                "crps": float(np.mean(reg_crps)) if reg_crps else None,
                "cells": len(reg_cov),
            },
        }
        if h == horizon and len(nat_rows) >= 3:
            # how far actual counts stray from expected beyond count noise: the calibration doubt τ
            e = np.array([r["expected"] for r in nat_rows]) + 0.5
            z = np.log((np.array([r["actual"] for r in nat_rows]) + 0.5) / e)
            out["calibration_sd_estimate"] = float(
                np.sqrt(max(float(np.var(z)) - float(np.mean(1 / e)), 0.0))
            )
    top = out["horizons"].get(str(horizon), {})
    # the contract's top-level keys describe the model's own horizon
    out["national"] = top.get("national", {})
    out["regions"] = top.get("regions", {})
    return out
