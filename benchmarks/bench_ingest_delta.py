"""Does ingesting one more month of payments cost in proportion to the month, or to the warehouse?

    .venv/bin/python benchmarks/bench_ingest_delta.py [--workers 300000] [--history 6 24]
    # national scale (6 M payment rows a month, 24 months = 148 M rows), under the heavy lock:
    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_ingest_delta.py --workers 6000000 --history 24
    # or one more month into a copy of a national warehouse ingested from a simulated world:
    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_ingest_delta.py --warehouse WH --world WORLD

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


def next_month_drop(world: Path, out: Path) -> tuple[str, int]:
    """A drop with the world's last payment month again, one month later (same employers and workers).

    A simulated world ends at its last month, so "the next month" is made from it: every payment of the
    last period, moved one month on (period and paid_on). Its size is a real national month.
    """
    import duckdb

    files = sorted(str(f) for f in (world / "registries" / "payments").rglob("*.parquet"))
    con = duckdb.connect()
    src = f"read_parquet({files!r})"
    last = con.execute(f"SELECT max(period) FROM {src}").fetchone()
    assert last is not None and last[0] is not None, "the world has no payments"
    y, m = map(int, str(last[0]).split("-"))
    nxt = f"{y + m // 12}-{m % 12 + 1:02d}"
    (out / "payments").mkdir(parents=True, exist_ok=True)
    con.execute(
        f"COPY (SELECT * REPLACE ('{nxt}' AS period, CAST(paid_on + INTERVAL 1 MONTH AS DATE) AS paid_on) "
        f"FROM {src} WHERE period = '{last[0]}') TO '{out / 'payments' / 'payments-next.parquet'}' "
        "(FORMAT parquet, COMPRESSION zstd)"
    )
    row = con.execute(f"SELECT count(*) FROM read_parquet('{out / 'payments' / '*.parquet'}')").fetchone()
    return nxt, int(row[0]) if row else 0


def national(args: argparse.Namespace) -> None:
    """One more month into a copy of an existing (national) warehouse: the daily path at full size."""
    root = args.workdir / "national"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    month, rows = next_month_drop(args.world, root / "drop")
    wh = root / "wh"
    t = time.perf_counter()
    shutil.copytree(args.warehouse, wh, ignore=shutil.ignore_patterns("_staging", "derived"))
    copy_s = time.perf_counter() - t
    import duckdb

    con = duckdb.connect()
    found = con.execute(f"SELECT count(*) FROM read_parquet('{wh}/data/payments/**/*.parquet')").fetchone()
    base_rows = int(found[0]) if found else 0
    delta = ingest(root / "drop", wh)
    print(
        json.dumps(
            {
                "machine": {"cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1)},
                "warehouse_payment_rows": base_rows,
                "month": month,
                "month_rows": rows,
                "copy_warehouse_s": round(copy_s, 1),
                "one_month_s": delta["seconds"],
                "one_month_peak_rss_mb": delta["peak_rss_mb"],
                "one_month_loaded": delta["loaded"],
                "one_month_timings": delta["timings"],
            },
            indent=1,
        )
    )
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=300_000, help="payment rows per month")
    ap.add_argument("--history", type=int, nargs="+", default=[6, 24], help="months already in the warehouse")
    ap.add_argument("--workdir", type=Path, default=Path(".bench/ingest-delta"))
    ap.add_argument(
        "--warehouse", type=Path, help="an existing warehouse (national): ingest one more month into a copy"
    )
    ap.add_argument("--world", type=Path, help="with --warehouse: the simulated world it was ingested from")
    ap.add_argument("--keep", action="store_true", help="keep the copy and the drop")
    args = ap.parse_args()
    if args.warehouse:
        if not args.world:
            ap.error("--warehouse needs --world (the simulated world the next month is made from)")
        national(args)
        return
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
