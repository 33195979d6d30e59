"""Feature and model-setting trials on the rolling-origin backtest (docs/risk.md, "What we tried").

Computes the feature tables the 12-origin backtest needs once (plus three earlier month-ends, for changes
over three months), keeps them in a pickle, then re-runs ``run_backtest`` — the function behind
``labormap backtest --months 12 --truth WORLD/truth`` — with candidate columns derived from the kept tables
or with other LightGBM settings. Candidates are prototypes in Python: one that does not help costs no Ibis
family, catalogue entry or Spark conformance work. Writes the backtest JSON and prints one summary line.

    python benchmarks/risk_feature_trials.py --warehouse WH --truth WORLD/truth --cache feat.pkl \
        --trial base|deltas|place [--params '{"num_leaves": 31}'] --json out.json \
        [--months 12 --retrain-every 6 --train-months 24]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.features.asof import month_ends
from labormap.features.catalog import FEATURES, Feature
from labormap.risk import backtest as bt
from labormap.risk import model as rm
from labormap.risk.featurestore import FeatureStore
from labormap.risk.labels import data_end
from labormap.risk.policy import DEFAULT_POLICY, LevelPolicy
from labormap.risk.train import sample_dates
from labormap.warehouse import Warehouse

DELTAS = (
    "contrib_late_months_12m",
    "contrib_missing_months_12m",
    "arrears_workers",
    "arrears_months",
    "media_90d",
    "idle_share",
    "part_time_share",
    "reduction_terminations_12m",
    "esutd_late_share_12m",
    "opv_short_share_12m",
)
EXTRACTIVE_DIVISIONS = ("05", "06", "07", "08", "09", "19", "24")


def _col(t: pa.Table, name: str) -> np.ndarray:
    return np.asarray(t.column(name).to_numpy(zero_copy_only=False), dtype=np.float64)


def place(tables: dict[dt.date, pa.Table], oked: dict[str, str]) -> dict[dt.date, pa.Table]:
    """Region and sector base rates (conflicts in 3 years per employer, the employer left out), extractive flag."""
    out = {}
    for d, t in tables.items():
        own = np.nan_to_num(_col(t, "conflicts_3y"))
        for key in ("region", "sector"):
            g = np.asarray(t.column(key).to_pylist(), dtype=object)
            _, inv = np.unique(g, return_inverse=True)
            total, n = np.bincount(inv, weights=own), np.bincount(inv)
            t = t.append_column(
                f"{key}_conflict_rate_3y", pa.array((total[inv] - own) / np.maximum(n[inv] - 1, 1))
            )
        div = np.array([(oked.get(b) or "00")[:2] for b in t.column("employer_bin").to_pylist()])
        out[d] = t.append_column("extractive", pa.array(np.isin(div, EXTRACTIVE_DIVISIONS).astype(float)))
    return out


def deltas(tables: dict[dt.date, pa.Table], dates: list[dt.date]) -> dict[dt.date, pa.Table]:
    """Change of each signal over three months (NULL for employers absent three month-ends earlier)."""
    out = {}
    for d in dates:
        t = tables[d]
        prev = tables[[x for x in month_ends(d - dt.timedelta(days=120), d) if x < d][-3]]
        pos = {b: i for i, b in enumerate(prev.column("employer_bin").to_pylist())}
        idx = np.array([pos.get(b, -1) for b in t.column("employer_bin").to_pylist()])
        for name in DELTAS:
            before = np.nan_to_num(_col(prev, name))[np.maximum(idx, 0)]
            t = t.append_column(
                f"{name}_d3m", pa.array(np.where(idx >= 0, np.nan_to_num(_col(t, name)) - before, np.nan))
            )
        out[d] = t
    return out


def run(
    wh_path: Path,
    truth: Path,
    cache: Path,
    trial: str,
    params: dict[str, Any],
    out: Path,
    *,
    months: int = 12,
    retrain_every: int = 6,
    train_months: int = 24,
    drop: tuple[str, ...] = (),
    no_floors: bool = False,
) -> None:
    wh = Warehouse(wh_path)
    origins = bt.origins_for(data_end(wh), 90, months)
    need = sorted(
        set(origins) | {d for c in origins[::retrain_every] for d in sample_dates(c, 90, train_months)}
    )
    extra = month_ends(need[0] - dt.timedelta(days=100), need[0])
    rm.PARAMS.update(params)
    with FeatureStore(wh) as store:
        if cache.exists():
            store._cache = pickle.loads(cache.read_bytes())  # noqa: S301 - the cache this script wrote
        n0 = len(store._cache)
        store.many(sorted(set(need) | set(extra)))
        if len(store._cache) > n0:
            cache.write_bytes(pickle.dumps(store._cache))
        tables = dict(store._cache)
        added: list[str] = []
        if trial == "place":
            oked = dict(wh.connect().sql("SELECT bin, oked FROM employers").fetchall())
            tables = place(tables, oked)
            added = ["region_conflict_rate_3y", "sector_conflict_rate_3y", "extractive"]
        elif trial == "deltas":
            tables = deltas(tables, need)
            added = [f"{n}_d3m" for n in DELTAS]
        # the model reads its columns and monotone directions from these module globals
        added = [n for n in added if n not in {f.name for f in FEATURES}]  # already a real feature
        kept = tuple(f for f in FEATURES if f.name not in drop)
        rm.FEATURES = kept + tuple(Feature(n, "trial", "x", 1) for n in added)
        rm.FEATURE_NAMES = tuple(f.name for f in rm.FEATURES)
        store._cache = tables
        res = bt._clean(
            bt.run_backtest(
                wh,
                months=months,
                retrain_every=retrain_every,
                train_months=train_months,
                store=store,
                truth=truth,
                # levels by rank only (no minimum probability): what watching the top 2 % would catch
                policy=LevelPolicy(high_floor=0.0, elevated_floor=0.0, moderate_floor=0.0)
                if no_floors
                else DEFAULT_POLICY,
            )
        )
    out.write_text(json.dumps(res, default=str), encoding="utf-8")
    m, o, on = res["model"], res.get("oracle", {}), res["onset"]["model"]
    print(
        f"{trial} {params}: PR-AUC {m['pr_auc']:.4f} (ceiling {o.get('pr_auc')}), high precision "
        f"{m['high_precision']:.3f} ({m['high_flags']}), flagged 30 d {m.get('flagged_30d_share')}, "
        f"onsets PR-AUC {on.get('pr_auc')} flagged {on.get('flagged_30d_share')}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--truth", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--trial", choices=("base", "deltas", "place"), default="base")
    ap.add_argument("--params", default="{}", help="LightGBM settings as JSON, merged into risk.model.PARAMS")
    ap.add_argument("--json", type=Path, required=True)
    # the national world keeps fewer payment months, so it runs with fewer origins and training dates
    ap.add_argument("--months", type=int, default=12, help="monthly origins (as `labormap backtest`)")
    ap.add_argument("--retrain-every", type=int, default=6)
    ap.add_argument("--train-months", type=int, default=24)
    ap.add_argument("--drop", default="", help="comma-separated catalogue features the model leaves out")
    ap.add_argument(
        "--no-floors", action="store_true", help="levels by rank only, without probability floors"
    )
    a = ap.parse_args()
    run(
        a.warehouse,
        a.truth,
        a.cache,
        a.trial,
        json.loads(a.params),
        a.json,
        months=a.months,
        retrain_every=a.retrain_every,
        train_months=a.train_months,
        drop=tuple(n for n in a.drop.split(",") if n),
        no_floors=a.no_floors,
    )


if __name__ == "__main__":
    main()
