"""Does ingesting one more month of payments cost in proportion to the month, or to the warehouse?

    .venv/bin/python benchmarks/bench_ingest_delta.py [--workers 300000] [--history 6 24]
    # national scale (6 M payment rows a month, 24 months = 148 M rows), under the heavy lock:
    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_ingest_delta.py --workers 6000000 --history 24

For each history length H, the script builds a fresh warehouse with H months of payments in one drop.
That ingest is timed: it is the "load everything again" path. The script then ingests a drop with the
next month and times that: the daily path. Each ingest runs in its own process. If the month costs the
same whatever H is, the ingest is proportional to the delta. The script prints the ratio of the full load
to the one-month load, and of one-month loads between history lengths. Synthetic data as in
bench_ingest.py: valid BINs/IINs, one row per worker and month, about 17 workers per employer.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

os.environ.setdefault("LABORMAP_DEMO", "1")
sys.path.insert(0, str(Path(__file__).parent))

from bench_ingest import make_ids


def periods(n: int, start_year: int = 2022) -> list[str]:
    return [f"{start_year + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def write_months(out: Path, workers: np.ndarray, employers: np.ndarray, months: list[str], seed: int) -> int:
    """One Parquet part per month: every worker paid once a month, 45 days after the month starts."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    n = len(workers)
    for k, p in enumerate(months):
        income = rng.lognormal(12.7, 0.5, n).round(0)
        paid = np.datetime64(f"{p}-01") + np.timedelta64(45, "D")
        table = pa.table(
            {
                "employer_bin": employers[np.arange(n) // 17 % len(employers)],
                "worker_iin": workers,
                "period": pa.array([p] * n, pa.string()),
                "income": income,
                "opv": (income * 0.1).round(0),
                "so": (income * 0.05).round(0),
                "paid_on": pa.array(np.full(n, paid, dtype="datetime64[D]"), pa.date32()),
            }
        )
        pq.write_table(table, out / f"payments-{k:03d}.parquet", compression="zstd")
    return n * len(months)


def _run(drop: str, wh: str, q: Any) -> None:
    from labormap.ingest import ingest_drop
    from labormap.warehouse import Warehouse

    t = time.perf_counter()
    rep = ingest_drop(Path(drop), Warehouse(wh), memory_limit="6GB")
    secs = time.perf_counter() - t
    pay = rep["registries"]["payments"]
    q.put(
        {
            "seconds": round(secs, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "loaded": pay.get("loaded"),
            "timings": pay.get("timings"),
        }
    )


def ingest(drop: Path, wh: Path) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(str(drop), str(wh), q))
    p.start()
    res: dict[str, Any] = q.get()
    p.join()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=300_000, help="payment rows per month")
    ap.add_argument("--history", type=int, nargs="+", default=[6, 24], help="months already in the warehouse")
    ap.add_argument("--workdir", type=Path, default=Path(".bench/ingest-delta"))
    args = ap.parse_args()
    workers = make_ids("iin", args.workers)
    employers = make_ids("bin", max(args.workers // 17, 1))
    out: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1)},
        "rows_per_month": args.workers,
        "employers": len(employers),
        "runs": {},
    }
    for h in args.history:
        root = args.workdir / f"h{h}"
        shutil.rmtree(root, ignore_errors=True)
        months = periods(h + 1)
        rows = write_months(root / "base" / "payments", workers, employers, months[:h], seed=h)
        write_months(root / "delta" / "payments", workers, employers, months[h:], seed=1000 + h)
        full = ingest(root / "base", root / "wh")
        delta = ingest(root / "delta", root / "wh")
        out["runs"][str(h)] = {
            "history_rows": rows,
            "full_load_s": full["seconds"],
            "one_month_s": delta["seconds"],
            "one_month_peak_rss_mb": delta["peak_rss_mb"],
            "one_month_loaded": delta["loaded"],
            "one_month_timings": delta["timings"],
            "full_over_one_month": round(full["seconds"] / max(delta["seconds"], 1e-9), 1),
        }
        shutil.rmtree(root / "base", ignore_errors=True)
    hs = [str(h) for h in args.history]
    if len(hs) > 1:
        a, b = out["runs"][hs[0]], out["runs"][hs[-1]]
        out["one_month_cost_ratio_longest_over_shortest_history"] = round(
            b["one_month_s"] / max(a["one_month_s"], 1e-9), 2
        )
        out["history_ratio"] = round(b["history_rows"] / a["history_rows"], 1)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
