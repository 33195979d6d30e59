"""Benchmark of national rescoring with reasons only where they are shown (issue 17 item 4).

Today's path (``explain="all"``) computes SHAP contributions and reason sentences for every employer;
the new default (``explain="shown"``) computes them for employers above "low" only, and the card of a
"low" employer asks ``labormap.risk.scoring.explain_employer``. Both run here, in the same session, each
in a fresh child process (peak memory = that process's maximum resident set), on the same feature table.

    # the scoring stage on a feature table of N employers, tiled from a warehouse's published feature
    # snapshot (any world with a trained model, e.g. the demo's), no national warehouse needed:
    .venv/bin/python benchmarks/bench_rescoring.py --features-from WH --employers 400000
    # the whole rescoring (features on DuckDB once, then both scoring paths) on a real warehouse:
    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_rescoring.py --warehouse WH

It prints JSON: per path the seconds of probabilities + levels, of reasons, of assembling and writing the
snapshot, the total and the peak memory; the ratio today / new; and the time of one on-demand
explanation (read one employer's row from the feature Parquet, contributions, sentences).
Figures go to docs/risk.md ("Performance").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("LABORMAP_DEMO", "1")

SCORE_CHILD = r"""
import datetime as dt, json, resource, sys, time
import numpy as np, pyarrow as pa, pyarrow.parquet as pq
from labormap.warehouse import Warehouse
from labormap.risk.model import load_model
from labormap.risk.scoring import score_with_model, assemble
from labormap.risk.explain import group_by_reason, reasons_column
from labormap.risk.model import matrix
from labormap.risk.policy import DEFAULT_POLICY

feats_path, model_wh, version, mode, out = sys.argv[1:6]
st = {}
t = time.perf_counter()
feats = pq.read_table(feats_path); st["read_features"] = round(time.perf_counter() - t, 2)
model = load_model(Warehouse(model_wh), version)
t0 = time.perf_counter()
base = score_with_model(feats, model, explain="none"); st["probabilities_and_levels"] = round(time.perf_counter() - t0, 2)
t = time.perf_counter()
scored = score_with_model(feats, model, explain=mode)
st["score_with_reasons"] = round(time.perf_counter() - t, 2)
st["reasons"] = round(max(0.0, st["score_with_reasons"] - st["probabilities_and_levels"]), 2)
t = time.perf_counter()
table = assemble(scored, dt.date(2025, 12, 31), None)
pq.write_table(table, out); st["assemble_and_write"] = round(time.perf_counter() - t, 2)
total = st["score_with_reasons"] + st["assemble_and_write"]
lens = pa.compute.list_value_length(table.column("reasons")).to_numpy(zero_copy_only=False)
res = {"stages": st, "scoring_total_s": round(total, 2), "employers": table.num_rows,
       "employers_with_reasons": int((lens > 0).sum()),
       "levels": {lv: int((scored.level == lv).sum()) for lv in ("high", "elevated", "moderate", "low")},
       "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
if mode == "shown":
    # one on-demand explanation, as the card does it: the row from the feature Parquet, then its reasons
    low = np.flatnonzero(scored.level == "low")
    b = table.column("employer_bin")[int(low[len(low) // 2])].as_py()
    times = []
    for _ in range(5):
        t = time.perf_counter()
        row = pq.read_table(feats_path, filters=[("employer_bin", "=", b)])
        X = matrix(row)
        codes, by = group_by_reason(model.contributions(X))
        r = reasons_column(row, codes, by, scores=DEFAULT_POLICY.score(model.predict(X))).to_pylist()[0]
        times.append(time.perf_counter() - t)
    res["on_demand_one_employer_ms"] = round(1000 * sorted(times)[2], 1)
print(json.dumps(res))
"""

FEATURES_CHILD = r"""
import datetime as dt, json, resource, sys, time
import pyarrow.parquet as pq
from labormap.warehouse import Warehouse
from labormap.features.build import compute_features
t = time.perf_counter()
f = compute_features(Warehouse(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), "duckdb", memory_limit=sys.argv[4])
s = time.perf_counter() - t
pq.write_table(f, sys.argv[3])
print(json.dumps({"features_s": round(s, 2), "employers": f.num_rows,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def run_child(code: str, *args: str) -> dict[str, Any]:
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    result: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def tiled_features(wh: Path, as_of: dt.date, employers: int, dest: Path) -> int:
    """The warehouse's feature snapshot repeated up to ``employers`` rows, each copy with its own BINs:
    the same distribution of features (so the same share above "low") at national size."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from labormap.warehouse import Warehouse, datasets

    base = pq.read_table(datasets.features_path(Warehouse(wh), as_of))
    parts, n, k = [], 0, 0
    while n < employers:
        take = base.slice(0, min(base.num_rows, employers - n))
        bins = pc.binary_join_element_wise(pa.scalar(f"{k:03d}"), take.column("employer_bin"), "")
        parts.append(take.set_column(take.schema.get_field_index("employer_bin"), "employer_bin", bins))
        n += take.num_rows
        k += 1
    table = pa.concat_tables(parts)
    pq.write_table(table, dest)
    return base.num_rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--features-from", type=Path, help="warehouse with a feature snapshot and a model")
    src.add_argument("--warehouse", type=Path, help="compute the features on this warehouse first")
    ap.add_argument("--model-from", type=Path, help="warehouse holding the model (default: the same)")
    ap.add_argument("--employers", type=int, default=400_000, help="rows of the tiled feature table")
    ap.add_argument("--as-of", default=None, help="as-of date (default: the newest snapshot / data date)")
    ap.add_argument("--memory-limit", default="6GB")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()

    from labormap.risk.labels import data_end
    from labormap.risk.model import pick_model
    from labormap.risk.scoring import list_snapshots
    from labormap.warehouse import Warehouse

    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-rescoring-"))
    work.mkdir(parents=True, exist_ok=True)
    feats = work / "features.parquet"
    result: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1)},
    }
    features_s = 0.0
    if args.features_from:
        wh = args.features_from
        snaps = list_snapshots(wh)
        if not snaps:
            ap.error(f"{wh} has no published snapshot")
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else snaps[-1]
        base_rows = tiled_features(wh, as_of, args.employers, feats)
        result["features"] = f"tiled from {base_rows} employers of {wh} as of {as_of}"
    else:
        wh = args.warehouse
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else data_end(Warehouse(wh))
        fr = run_child(FEATURES_CHILD, str(wh), as_of.isoformat(), str(feats), args.memory_limit)
        features_s = fr["features_s"]
        result["features"] = fr
    model_wh = args.model_from or wh
    meta = pick_model(Warehouse(model_wh), as_of)
    if meta is None:
        ap.error(f"no model in {model_wh} with a cut-off on or before {as_of}; give --model-from")
    result["model"] = meta["version"]
    for mode in ("all", "shown"):
        result[mode] = run_child(
            SCORE_CHILD,
            str(feats),
            str(model_wh),
            meta["version"],
            mode,
            str(work / f"scores.{mode}.parquet"),
        )
    # the two snapshots agree wherever the new one has reasons
    import pyarrow.parquet as pq

    a = pq.read_table(work / "scores.all.parquet", columns=["level", "score", "reasons"])
    s = pq.read_table(work / "scores.shown.parquet", columns=["level", "score", "reasons"])
    same = a.column("level").equals(s.column("level")) and a.column("score").equals(s.column("score"))
    ar, sr, lv = (
        a.column("reasons").to_pylist(),
        s.column("reasons").to_pylist(),
        a.column("level").to_pylist(),
    )
    result["same_scores_and_levels"] = same
    result["same_reasons_above_low"] = all(x == y for x, y, v in zip(ar, sr, lv, strict=True) if v != "low")
    result["low_reasons_empty"] = all(y == [] for y, v in zip(sr, lv, strict=True) if v == "low")
    t_all, t_new = result["all"]["scoring_total_s"], result["shown"]["scoring_total_s"]
    result["scoring_ratio_today_over_new"] = round(t_all / max(t_new, 1e-9), 1)
    if features_s:
        result["rescoring_today_s"] = round(features_s + t_all, 1)
        result["rescoring_new_s"] = round(features_s + t_new, 1)
        result["rescoring_ratio_today_over_new"] = round((features_s + t_all) / (features_s + t_new), 2)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
