"""Ingest benchmark: rows/s and peak memory for a payments registry of N rows, against a reference.

    python benchmarks/bench_ingest.py --rows 10000000 [--csv-rows 1000000] [--workdir .bench/ingest]

The input is synthetic: valid BINs/IINs, one worker-month per row, 0.1% bad rows. The reference is
the straightforward implementation — Python's csv module, one row at a time, Python checks and
``hmac`` per row — run on a sample in the same process, so the ratio compares like with like.
Peak memory is the process's maximum resident set size (the ingest runs in a child process).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
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

from labormap.identifiers import is_valid_kz_id, load_pseudonym_key, pseudonymise


def _complete(prefixes: np.ndarray) -> np.ndarray:
    """Vectorised check digits for an array of 11-digit prefixes (int64); -1 where none is valid."""
    digits = np.stack([(prefixes // 10 ** (10 - i)) % 10 for i in range(11)], axis=1)
    s1 = (digits * np.arange(1, 12)).sum(axis=1) % 11
    s2 = (digits * np.array([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])).sum(axis=1) % 11
    check = np.where(s1 != 10, s1, np.where(s2 != 10, s2, -1))
    return np.where(check >= 0, prefixes * 10 + check, -1)


def make_ids(kind: str, n: int) -> np.ndarray:
    """``n`` distinct valid BINs (kind 'bin') or IINs (kind 'iin') as 12-character strings."""
    i = np.arange(int(n * 1.2) + 100, dtype=np.int64)
    if kind == "bin":
        # YYMM 4 0 + 5-digit serial: registered 2008-01..2019-12, resident legal entity, head office
        month = i // 90_000
        yymm = (8 + month // 12) * 100 + month % 12 + 1
        prefixes = yymm * 10**7 + 4 * 10**6 + 0 * 10**5 + i % 90_000
    else:
        # YYMMDD + century/sex digit 3 + 4-digit serial, born from 1960 onwards
        days = i // 9_000
        born = np.datetime64("1960-01-01") + days.astype("timedelta64[D]")
        ymd = born.astype(object)
        yymmdd = np.array([(d.year % 100) * 10000 + d.month * 100 + d.day for d in ymd], dtype=np.int64)
        prefixes = yymmdd * 10**5 + 3 * 10**4 + i % 9_000
    full = _complete(prefixes)
    full = full[full >= 0][:n]
    if len(full) < n:
        raise RuntimeError("not enough identifiers")
    return np.char.zfill(full.astype(str), 12)


def make_payments(out: Path, rows: int, part_rows: int = 4_000_000, seed: int = 7) -> None:
    """Write ``rows`` payments rows as Parquet parts: rows/24 workers, 24 months each, ~17 per employer."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    n_workers = rows // 24 + 1
    workers = make_ids("iin", n_workers)
    employers = make_ids("bin", max(n_workers // 17, 1))
    periods = np.array([f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)])
    paid_dates = np.array([np.datetime64(f"{p}-01") + np.timedelta64(45, "D") for p in periods])
    written = 0
    part = 0
    while written < rows:
        n = min(part_rows, rows - written)
        idx = np.arange(written, written + n)
        w = idx // 24
        income = rng.lognormal(12.7, 0.5, n).round(0)
        bad = rng.random(n) < 0.001
        income[bad] = -income[bad]
        table = pa.table(
            {
                "employer_bin": employers[w // 17 % len(employers)],
                "worker_iin": workers[w],
                "period": periods[idx % 24],
                "income": income,
                "opv": (np.abs(income) * 0.1).round(0),
                "so": (np.abs(income) * 0.05).round(0),
                "paid_on": pa.array(paid_dates[idx % 24].astype("datetime64[D]"), pa.date32()),
            }
        )
        pq.write_table(table, out / f"part-{part:04d}.parquet", compression="zstd")
        written += n
        part += 1


def _run_ingest(drop: str, wh: str, q: mp.Queue) -> None:
    from labormap.ingest import ingest_drop
    from labormap.warehouse import Warehouse

    t = time.perf_counter()
    rep = ingest_drop(Path(drop), Warehouse(wh), memory_limit="8GB")
    secs = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    q.put({"seconds": secs, "peak_rss_gb": peak_kb / 1024 / 1024, "report": rep["registries"]})


def measure(drop: Path, wh: Path) -> dict[str, object]:
    shutil.rmtree(wh, ignore_errors=True)
    q: mp.Queue = mp.get_context("spawn").Queue()
    p = mp.get_context("spawn").Process(target=_run_ingest, args=(str(drop), str(wh), q))
    p.start()
    res = q.get()
    p.join()
    return dict(res)


def reference_ingest(csv_path: Path, key: bytes) -> tuple[int, int, float]:
    """Row-at-a-time ingest: parse, check, pseudonymise; returns (good, bad, seconds)."""
    t = time.perf_counter()
    good = bad = 0
    out: list[tuple[str, str, str, float, str]] = []
    with csv_path.open(encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        for row in r:
            try:
                income = float(row["income"])
                paid = dt.date.fromisoformat(row["paid_on"])
                ok = (
                    is_valid_kz_id(row["employer_bin"])
                    and is_valid_kz_id(row["worker_iin"])
                    and income >= 0
                    and len(row["period"]) == 7
                    and dt.date(1990, 1, 1) <= paid
                )
            except ValueError:
                ok = False
            if ok:
                out.append(
                    (
                        row["employer_bin"],
                        pseudonymise(row["worker_iin"], key),
                        row["period"],
                        income,
                        row["paid_on"],
                    )
                )
                good += 1
            else:
                bad += 1
    return good, bad, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--csv-rows", type=int, default=1_000_000)
    ap.add_argument("--workdir", type=Path, default=Path(".bench/ingest"))
    ap.add_argument("--keep-input", action="store_true", help="reuse an existing input of the same size")
    args = ap.parse_args()
    work: Path = args.workdir
    drop = work / f"drop-{args.rows}"
    if not (args.keep_input and (drop / "payments").exists()):
        shutil.rmtree(drop, ignore_errors=True)
        t = time.perf_counter()
        make_payments(drop / "payments", args.rows)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    res = measure(drop, work / "wh")
    rep = res["report"]["payments"]  # type: ignore[index]
    results: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB",
        "parquet": {
            "rows": args.rows,
            "seconds": round(float(res["seconds"]), 1),  # type: ignore[arg-type]
            "rows_per_s": round(args.rows / float(res["seconds"])),  # type: ignore[arg-type]
            "peak_rss_gb": round(float(res["peak_rss_gb"]), 2),  # type: ignore[arg-type]
            "loaded": rep["loaded"],
            "quarantined": rep["quarantined"],
            "seconds_by_stage": rep.get("timings", {}),
        },
    }
    # CSV: the same ingest on a CSV sample, and the row-at-a-time reference on that sample.
    csv_drop = work / f"csv-{args.csv_rows}"
    shutil.rmtree(csv_drop, ignore_errors=True)
    csv_drop.mkdir(parents=True)
    import duckdb

    duckdb.sql(
        f"COPY (SELECT * FROM read_parquet('{drop}/payments/*.parquet') LIMIT {args.csv_rows}) "
        f"TO '{csv_drop}/payments.csv' (HEADER)"
    )
    res_csv = measure(csv_drop, work / "wh-csv")
    good, bad, ref_secs = reference_ingest(csv_drop / "payments.csv", load_pseudonym_key())
    results["csv"] = {
        "rows": args.csv_rows,
        "seconds": round(float(res_csv["seconds"]), 1),  # type: ignore[arg-type]
        "rows_per_s": round(args.csv_rows / float(res_csv["seconds"])),  # type: ignore[arg-type]
        "peak_rss_gb": round(float(res_csv["peak_rss_gb"]), 2),  # type: ignore[arg-type]
    }
    results["reference_row_at_a_time"] = {
        "rows": args.csv_rows,
        "seconds": round(ref_secs, 1),
        "rows_per_s": round(args.csv_rows / ref_secs),
        "good": good,
        "bad": bad,
        "note": "parse + check + pseudonymise only; writes nothing, no dedupe or quarantine",
    }
    results["ratio_parquet_vs_reference_rows_per_s"] = round(
        results["parquet"]["rows_per_s"] / results["reference_row_at_a_time"]["rows_per_s"],
        1,
    )
    results["ratio_csv_vs_reference_rows_per_s"] = round(
        results["csv"]["rows_per_s"] / results["reference_row_at_a_time"]["rows_per_s"],
        1,
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
