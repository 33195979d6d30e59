"""Benchmark of full national rescoring: features (DuckDB) and scores with reasons for every employer.

Also times, in the same process, the new path (issue 17): reasons only above "low" (``explain="shown"``);
``rescoring.new_path`` gives its total and the ratio to today's path. benchmarks/bench_rescoring.py
compares the two scoring paths alone, each in its own process, at any size.

    .venv/bin/python benchmarks/bench_scoring.py --warehouse WH [--as-of 2025-12-31] [--sample 5000]
    .venv/bin/python benchmarks/bench_scoring.py --build 40000 --workdir .bench/scoring   # simulate + ingest first

The rescoring runs in a fresh child process (peak memory = that process's maximum resident set, DuckDB
limited to --memory-limit and --threads). It reports wall time, peak memory, registry rows per second,
the time per stage and per feature family, and the ratio against the straightforward pandas
implementation of the payments-driven features (benchmarks/scoring_pandas_ref.py) on a sample of
employers, after checking that both give the same values. Figures go to docs/risk.md ("Performance").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("LABORMAP_DEMO", "1")

CHILD = r"""
import datetime as dt, json, resource, sys, time
import pyarrow.parquet as pq
from labormap.warehouse import Warehouse
from labormap.features.build import feature_expr, normalise
from labormap.features.sources import duckdb_sources
from labormap.risk.scoring import choose_method, score_with_model, score_with_scorecard, assemble, _previous
from labormap.risk.scorecard import load_scorecard
from labormap.risk.explain import group_by_reason, reasons_column
from labormap.risk.model import matrix

wh = Warehouse(sys.argv[1]); as_of = dt.date.fromisoformat(sys.argv[2]); out = sys.argv[3]
mem, threads = sys.argv[4], int(sys.argv[5])
st = {}
t0 = time.perf_counter(); t = t0
def lap(name):
    global t
    now = time.perf_counter(); st[name] = round(now - t, 2); t = now
src = duckdb_sources(wh, memory_limit=mem, threads=threads); lap("open_views")
expr = feature_expr(src, as_of).order_by("employer_bin")
sql = src.backend.compile(expr); lap("build_and_compile_sql")
feats = normalise(src.backend.to_pyarrow(expr)); lap("features_duckdb")
model, note = choose_method(wh, as_of); lap("load_model")
if model is not None:
    X = matrix(feats)
    p = model.predict(X); lap("predict")
    codes, by_reason = group_by_reason(model.contributions(X)); lap("shap_contributions")
    scored = score_with_model(feats, model, explain=False); lap("levels")
else:
    card = load_scorecard()
    codes, by_reason = card.points_by_code(feats); lap("scorecard_points")
    scored = score_with_scorecard(feats, card, explain=False); lap("levels")
scored.reasons = reasons_column(feats, codes, by_reason); lap("reasons_text")
table = assemble(scored, as_of, _previous(wh, as_of)); lap("assemble")
pq.write_table(feats, out + ".features.parquet"); pq.write_table(table, out); lap("write_parquet")
total = time.perf_counter() - t0
# the new path (issue 17): probabilities, levels and reasons only above "low", in one call
t = time.perf_counter()
new = (score_with_model(feats, model, explain="shown") if model is not None
       else score_with_scorecard(feats, card, explain="shown"))
new_s = time.perf_counter() - t
old_s = sum(st.get(k, 0.0) for k in ("predict", "shap_contributions", "scorecard_points", "levels", "reasons_text"))
print(json.dumps({"stages": st, "total_s": round(total, 2), "employers": table.num_rows,
                  "method": scored.method, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "new_path": {"score_and_reasons_above_low_s": round(new_s, 2),
                               "total_s": round(total - old_s + new_s, 2),
                               "ratio_today_over_new": round(total / max(1e-9, total - old_s + new_s), 2)}}))
"""

FAMILIES = r"""
import datetime as dt, json, sys, time
from labormap.warehouse import Warehouse
from labormap.features.asof import AsOf
from labormap.features.sources import duckdb_sources
from labormap.features import agreements, arrears, contractors, contributions, employers, esutd, signals, wages, workforce, worktime
wh = Warehouse(sys.argv[1]); a = AsOf.of(dt.date.fromisoformat(sys.argv[2]))
src = duckdb_sources(wh, memory_limit=sys.argv[3], threads=int(sys.argv[4]))
attrs = employers.employer_attributes(src, a)
wf = workforce.workforce(src, a)
fams = {
  "workforce (payments + ЕСУТД)": lambda: wf,
  "wages (payments, ranks)": lambda: wages.wages(src, a, attrs),
  "contributions (12 months of payments)": lambda: contributions.contributions(src, a),
  "ЕСУТД completeness": lambda: esutd.esutd_completeness(src, a),
  "part-time and idle": lambda: worktime.worktime(src, a, wf.select("employer_bin", "_staff")),
  "arrears and enforcement": lambda: arrears.arrears(src, a),
  "agreements": lambda: agreements.agreements(src, a, attrs),
  "contractors": lambda: contractors.contractors(src, a, wf),
  "media": lambda: signals.media(src, a),
  "surveys": lambda: signals.surveys(src, a),
  "conflicts": lambda: signals.conflicts(src, a, attrs),
}
out = {}
for name, fn in fams.items():
    t = time.perf_counter(); n = src.backend.to_pyarrow(fn()).num_rows; out[name] = round(time.perf_counter() - t, 2)
print(json.dumps(out))
"""


def run_child(code: str, *args: str) -> dict[str, Any]:
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    result: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def registry_rows(wh_path: Path) -> dict[str, int]:
    from labormap.warehouse import Warehouse

    con = Warehouse(wh_path).connect()
    out = {}
    for name in (
        "employers",
        "contracts",
        "contract_events",
        "payments",
        "arrears",
        "enforcement",
        "conflicts",
        "collective_agreements",
        "contractor_links",
        "surveys",
    ):
        out[name] = int(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]
    con.close()
    return out


def pandas_comparison(wh_path: Path, as_of: dt.date, sample: int, features_file: Path) -> dict[str, Any]:
    """Time the pandas reference on a random sample of employers and check it agrees with the Ibis table."""
    import numpy as np
    import pyarrow.parquet as pq

    sys.path.insert(0, str(Path(__file__).parent))
    from scoring_pandas_ref import FEATURES, payment_features

    from labormap.features.asof import AsOf
    from labormap.warehouse import Warehouse

    feats = pq.read_table(features_file).to_pandas().set_index("employer_bin")
    rng = np.random.default_rng(3)
    bins = sorted(rng.choice(feats.index.to_numpy(), size=min(sample, len(feats)), replace=False).tolist())
    a = AsOf.of(as_of)
    periods = sorted(set(a.window) | {a.period_back(12)})
    con = Warehouse(wh_path).connect()
    con.register("sample_bins", __import__("pandas").DataFrame({"b": bins}))
    t = time.perf_counter()
    pay = con.execute(
        "SELECT employer_bin, worker_pid, period, income, opv, so, oosms, paid_on FROM payments "
        f"WHERE employer_bin IN (SELECT b FROM sample_bins) AND period IN ({', '.join(repr(p) for p in periods)})"
    ).df()
    load_s = time.perf_counter() - t
    con.close()
    pay["paid_on"] = pay["paid_on"].astype("datetime64[ns]")
    t = time.perf_counter()
    ref = payment_features(pay, as_of)
    pandas_s = time.perf_counter() - t
    mine = feats.loc[ref.index, list(FEATURES)]
    worst = 0.0
    for f in FEATURES:
        x, y = mine[f].to_numpy(float), ref[f].to_numpy(float)
        same_nan = np.array_equal(np.isnan(x), np.isnan(y))
        m = ~np.isnan(x) & ~np.isnan(y)
        diff = float(np.max(np.abs(x[m] - y[m]) / np.maximum(1.0, np.abs(y[m])))) if m.any() else 0.0
        worst = max(worst, diff if same_nan else float("inf"))
    return {
        "sample_employers": len(ref),
        "payment_rows": len(pay),
        "pandas_load_s": round(load_s, 2),
        "pandas_compute_s": round(pandas_s, 2),
        "max_relative_difference": worst,
    }


def build_world(employers: int, workdir: Path) -> Path:
    from labormap.ingest import ingest_drop
    from labormap.simulate import simulate
    from labormap.warehouse import Warehouse

    wh = workdir / f"wh-{employers}"
    if (wh / "manifest.json").exists():
        return wh
    world = workdir / f"world-{employers}"
    t = time.perf_counter()
    simulate(world, employers=employers, payments_months=24)
    print(f"simulated {employers} employers in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    t = time.perf_counter()
    ingest_drop(world / "registries", Warehouse(wh))
    print(f"ingested in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return wh


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--build", type=int, help="simulate and ingest a world of this many employers first")
    ap.add_argument("--workdir", type=Path, default=Path(".bench/scoring"))
    ap.add_argument("--as-of", default=None, help="as-of date (default: the warehouse's last date)")
    ap.add_argument("--sample", type=int, default=5000, help="employers in the pandas comparison")
    ap.add_argument("--memory-limit", default="6GB")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-families", action="store_true", help="skip the per-family timing")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.build:
        wh = build_world(args.build, args.workdir)
    elif args.warehouse:
        wh = args.warehouse
    else:
        ap.error("give --warehouse or --build")
    from labormap.risk.labels import data_end
    from labormap.warehouse import Warehouse

    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else data_end(Warehouse(wh))
    rows = registry_rows(wh)
    out = args.workdir / "scores.parquet"
    main_run = run_child(CHILD, str(wh), as_of.isoformat(), str(out), args.memory_limit, str(args.threads))
    families = (
        {}
        if args.no_families
        else run_child(FAMILIES, str(wh), as_of.isoformat(), args.memory_limit, str(args.threads))
    )
    cmp = pandas_comparison(wh, as_of, args.sample, Path(str(out) + ".features.parquet"))
    feat_s = main_run["stages"]["features_duckdb"]
    payments_families_s = sum(
        v for k, v in families.items() if k.split()[0] in ("workforce", "wages", "contributions")
    )
    per_emp_duck = (payments_families_s or feat_s) / main_run["employers"]
    per_emp_pandas = cmp["pandas_compute_s"] / max(1, cmp["sample_employers"])
    result = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "warehouse": str(wh),
        "as_of": as_of.isoformat(),
        "registry_rows": rows,
        "rescoring": main_run,
        "registry_rows_per_s": round(sum(rows.values()) / main_run["total_s"]),
        "payment_rows_per_s": round(rows["payments"] / main_run["total_s"]),
        "families_s": families,
        "pandas": cmp,
        "pandas_over_duckdb_per_employer": round(per_emp_pandas / per_emp_duck, 1),
        "pandas_extrapolated_all_employers_s": round(per_emp_pandas * main_run["employers"], 1),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
