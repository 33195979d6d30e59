"""Aggregate conflict forecasts from a scores snapshot, stored and later set against what happened.

``forecast(wh, as_of)`` sums the employers' probabilities of a conflict within the horizon into the
expected number of employers with a conflict — nationally, per region (2-digit КАТО), per sector (ОКЭД
section) and per conflict kind — each with an 80 % interval from the Poisson-binomial mixture of
:mod:`labormap.analytics.poibin`. Kinds split each employer's probability by the national shares of
kinds over the previous three years (a documented simplification: the model predicts *a* conflict, not
its form).

Every forecast is stored as ``WH/derived/forecasts/as_of=YYYY-MM-DD/forecast.json``. Once its window
has closed, :func:`against_actual` puts the actual count beside each figure and reports whether the
interval covered it, as ACLED CAST publishes each month's forecast against the events.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.analytics.poibin import DEFAULT_CALIBRATION_SD, forecast_count
from labormap.risk.labels import data_end
from labormap.warehouse import Warehouse
from labormap.warehouse import datasets as ds

FORECASTS = "forecasts"
HORIZON_DAYS = 90
KIND_YEARS = 3


class ForecastError(ValueError):
    """Nothing to forecast from (no snapshot) — a user error with the fix named."""


def _snapshot(wh: Warehouse, as_of: dt.date | None) -> tuple[dt.date, pa.Table]:
    dates = ds.snapshot_dates(wh)
    if not dates:
        raise ForecastError(f"no scores snapshot in {wh.root}; run `labormap score` first")
    d = dates[-1] if as_of is None else ds.latest_on_or_before(dates, as_of)
    if d is None:
        raise ForecastError(f"no scores snapshot on or before {as_of}; the first is {dates[0]}")
    con = wh.connect()
    try:
        t = con.sql(
            f"""
            SELECT s.employer_bin, s.probability,
                   substr(e.kato, 1, 2) AS kato2, {ds.section_case_sql("e.oked")} AS oked_section
            FROM read_parquet($path) s LEFT JOIN employers e ON e.bin = s.employer_bin
            """,
            params={"path": str(ds.scores_path(wh, d))},
        ).to_arrow_table()
    finally:
        con.close()
    return d, t


def calibration_sd(wh: Warehouse) -> float:
    """The calibration doubt measured by the latest backtest (bounded), else the default."""
    files = ds.backtest_files(wh)
    if files:
        data = json.loads(files[-1].read_text(encoding="utf-8"))
        est = (data.get("forecast") or {}).get("calibration_sd_estimate")
        if isinstance(est, int | float):
            return float(min(max(est, 0.1), 0.8))
    return DEFAULT_CALIBRATION_SD


def kind_shares(wh: Warehouse, as_of: dt.date) -> dict[str, float]:
    """Shares of conflict kinds among conflicts known by ``as_of`` that started in the 3 years before it."""
    con = wh.connect()
    try:
        rows = con.execute(
            "SELECT kind, count(*) FROM conflicts WHERE started_on > ? AND started_on <= ? "
            "AND COALESCE(registered_on, started_on) <= ? GROUP BY kind ORDER BY kind",
            [as_of - dt.timedelta(days=365 * KIND_YEARS), as_of, as_of],
        ).fetchall()
    finally:
        con.close()
    total = sum(n for _, n in rows)
    return {str(k): n / total for k, n in rows} if total else {}


def forecast(wh: Warehouse, as_of: dt.date | None = None, sd: float | None = None) -> dict[str, Any]:
    """The forecast JSON: ``{"as_of", "horizon_days", "national", "regions", "sectors", "kinds", …}``."""
    d, t = _snapshot(wh, as_of)
    sd = calibration_sd(wh) if sd is None else sd
    p = np.asarray(t.column("probability").to_numpy(zero_copy_only=False), dtype=np.float64)
    p = np.nan_to_num(p, nan=0.0)
    kato2 = np.asarray(t.column("kato2").to_pylist(), dtype=object)
    section = np.asarray(t.column("oked_section").to_pylist(), dtype=object)

    def groups(values: np.ndarray, key: str) -> list[dict[str, Any]]:
        out = []
        for g in sorted({v for v in values.tolist() if v}):
            f = forecast_count(p[values == g], sd)
            out.append({key: g, **f.as_dict()})
        return out

    kinds = []
    for kind, share in kind_shares(wh, d).items():
        f = forecast_count(p * share, sd)
        kinds.append({"kind": kind, "share": round(share, 4), **f.as_dict()})
    return {
        "as_of": d.isoformat(),
        "horizon_days": HORIZON_DAYS,
        "window": [(d + dt.timedelta(days=1)).isoformat(), (d + dt.timedelta(days=HORIZON_DAYS)).isoformat()],
        "counts": "employers with at least one conflict starting in the window",
        "calibration_sd": round(sd, 4),
        "employers": len(p),
        "national": forecast_count(p, sd).as_dict(),
        "regions": groups(kato2, "kato2"),
        "sectors": groups(section, "oked_section"),
        "kinds": kinds,
    }


def store(wh: Warehouse, result: dict[str, Any]) -> None:
    """Keep the forecast as ``derived/forecasts/as_of=D/forecast.json`` (atomically)."""
    with wh.publish(FORECASTS, f"{ds.SNAPSHOT_PREFIX}{result['as_of']}") as folder:
        (folder / "forecast.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def stored(wh: Warehouse) -> list[dict[str, Any]]:
    base = wh.derived_dir(FORECASTS)
    if not base.exists():
        return []
    out = []
    for f in sorted(base.glob(f"{ds.SNAPSHOT_PREFIX}*/forecast.json")):
        if not f.parent.name.startswith("."):
            out.append(json.loads(f.read_text(encoding="utf-8")))
    return out


def _actual(wh: Warehouse, lo: dt.date, hi: dt.date) -> dict[str, Any]:
    """Employers with a conflict starting in (lo, hi], nationally, per region, sector and kind."""
    con = wh.connect()
    try:
        rows = con.execute(
            f"""
            SELECT DISTINCT c.employer_bin, substr(e.kato, 1, 2) AS kato2,
                   {ds.section_case_sql("e.oked")} AS oked_section, c.kind
            FROM conflicts c LEFT JOIN employers e ON e.bin = c.employer_bin
            WHERE c.started_on > ? AND c.started_on <= ?
            """,
            [lo, hi],
        ).fetchall()
    finally:
        con.close()
    bins = {r[0] for r in rows}
    by: dict[str, dict[str, set[str]]] = {"kato2": {}, "oked_section": {}, "kind": {}}
    for b, k2, sec, kind in rows:
        by["kato2"].setdefault(k2, set()).add(b)
        by["oked_section"].setdefault(sec, set()).add(b)
        by["kind"].setdefault(kind, set()).add(b)
    return {"national": len(bins), **{k: {g: len(v) for g, v in d.items()} for k, d in by.items()}}


def against_actual(wh: Warehouse) -> dict[str, Any]:
    """Every stored forecast whose window has closed, with the actual counts and interval coverage."""
    end = data_end(wh)
    rows = []
    for f in stored(wh):
        d = dt.date.fromisoformat(f["as_of"])
        close = d + dt.timedelta(days=int(f["horizon_days"]))
        if close > end:
            rows.append({"as_of": f["as_of"], "closes_on": close.isoformat(), "closed": False, "forecast": f})
            continue
        act = _actual(wh, d, close)
        nat = f["national"]
        regions = []
        for r in f["regions"]:
            a = act["kato2"].get(r["kato2"], 0)
            regions.append({**r, "actual": a, "covered": r["p10"] <= a <= r["p90"]})
        rows.append(
            {
                "as_of": f["as_of"],
                "closes_on": close.isoformat(),
                "closed": True,
                "national": {
                    **nat,
                    "actual": act["national"],
                    "covered": nat["p10"] <= act["national"] <= nat["p90"],
                },
                "regions": regions,
                "region_coverage": float(np.mean([r["covered"] for r in regions])) if regions else None,
            }
        )
    closed = [r for r in rows if r["closed"]]
    return {
        "data_end": end.isoformat(),
        "forecasts": rows,
        "closed": len(closed),
        "national_coverage": float(np.mean([r["national"]["covered"] for r in closed])) if closed else None,
        "region_coverage": float(
            np.mean([r["region_coverage"] for r in closed if r["region_coverage"] is not None])
        )
        if closed
        else None,
    }
