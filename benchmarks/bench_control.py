"""Monthly control benchmark: a national warehouse (400 k employers, ~148 M payment rows over 24 months,
~6.5 M contracts), written directly in the warehouse layout, then ``labormap.control.monthly_control`` for
the last month, timed in a child process with its peak memory, against a straightforward reference.

    python benchmarks/bench_control.py [--employers 400000] [--workers 6170000] [--months 24]
                                       [--workdir .bench/control] [--keep-input] [--sample 2000]

The reference is what one would write first: for a sample of employers, read that employer's payments of
the month into pandas and check every worker-month in a Python loop with the same rules; its time per
employer is extrapolated to all employers (the ratio compares like with like: same machine, same run).
The reference's findings on the sample are compared with the engine's (they must be equal).
Run under ``flock /tmp/labormap-heavy.lock`` on the shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

os.environ.setdefault("LABORMAP_DEMO", "1")

START = (2024, 1)


def _month(k: int) -> str:
    y, m = START[0] + (START[1] - 1 + k) // 12, (START[1] - 1 + k) % 12 + 1
    return f"{y:04d}-{m:02d}"


def _bins(n: int) -> pa.Array:
    # 12-digit strings; the control never validates identifiers (ingest did), so check digits do not matter
    return pc.cast(pa.array(np.arange(10**11, 10**11 + n, dtype=np.int64)), pa.string())


def make_warehouse(root: Path, employers: int, workers: int, months: int, seed: int = 5) -> dict[str, Any]:
    from labormap.reference.parameters import contribution_deadline, parameters_for
    from labormap.warehouse import Warehouse

    rng = np.random.default_rng(seed)
    wh = Warehouse(root)
    run = f"00001-{uuid.uuid4().hex[:8]}"

    def write(registry: str, table: pa.Table, sub: str = "", name: str = "part-0.parquet") -> None:
        d = wh.data_dir(registry) / f"run={run}" / sub
        d.mkdir(parents=True, exist_ok=True)
        n = table.num_rows
        table = table.append_column("_run", pa.repeat(run, n))
        table = table.append_column("_rid", pc.cast(pa.array(np.arange(n, dtype=np.int64)), pa.string()))
        table = table.append_column("_file", pa.repeat("bench", n))
        table = table.append_column("_line", pa.array(np.arange(n, dtype=np.int64)))
        pq.write_table(table, d / name, compression="zstd", row_group_size=1_000_000)

    bins = _bins(employers)
    regions = np.array(
        [
            "10",
            "11",
            "15",
            "19",
            "23",
            "27",
            "31",
            "33",
            "35",
            "39",
            "43",
            "47",
            "55",
            "59",
            "61",
            "62",
            "63",
            "71",
            "75",
            "79",
        ]
    )
    kato = pc.binary_join_element_wise(
        pa.array(regions[rng.integers(0, 20, employers)]), pa.repeat("1010000", employers), ""
    )
    write(
        "employers",
        pa.table(
            {
                "bin": bins,
                "name": pc.binary_join_element_wise(pa.repeat("ТОО ", employers), bins, ""),
                "name_kk": pa.nulls(employers, pa.string()),
                "legal_form": pa.repeat("TOO", employers),
                "oked": pa.repeat("47111", employers),
                "kato": kato,
                "lat": pa.repeat(45.0, employers),
                "lon": pa.repeat(70.0, employers),
                "status": pa.repeat("active", employers),
                "registered_on": pa.repeat(pa.scalar(dt.date(2010, 1, 1)), employers),
                "parent_bin": pa.nulls(employers, pa.string()),
                "holding": pa.nulls(employers, pa.string()),
                "union_present": pa.repeat(False, employers),
                "accident_insurance": pa.repeat(True, employers),
            }
        ),
    )
    # workers: a fixed employer each (Pareto sizes), a contract each; 1 % are paid without a contract
    size = rng.pareto(1.2, employers) + 1
    emp_of = np.searchsorted(np.cumsum(size / size.sum()), rng.random(workers)).clip(0, employers - 1)
    emp_of.sort()
    # pseudonyms shaped like labormap.identifiers.pseudonymise makes them: 'w' + 20 characters
    wid = pc.binary_join_element_wise(
        pa.repeat("w", workers),
        pc.utf8_lpad(
            pc.cast(pa.array(np.arange(workers, dtype=np.int64) * 7919 + 10**15), pa.string()), 20, "0"
        ),
        "",
    )
    salary = np.round(rng.lognormal(12.6, 0.5, workers), 0)
    informal = rng.random(workers) < 0.01
    epoch = np.datetime64("2015-01-01")
    start = epoch + rng.integers(0, 365 * 10, workers).astype("timedelta64[D]")
    late = rng.random(workers) < 0.03
    reg = start + np.where(late, rng.integers(8, 40, workers), rng.integers(0, 5, workers)).astype(
        "timedelta64[D]"
    )
    has_c = ~informal
    n_c = int(has_c.sum())
    write(
        "contracts",
        pa.table(
            {
                "employer_bin": bins.take(pa.array(emp_of[has_c])),
                "worker_pid": wid.filter(pa.array(has_c)),
                "position": pa.repeat("рабочий", n_c),
                "salary": pa.array(salary[has_c]),
                "work_rate": pa.repeat(1.0, n_c),
                "hazardous": pa.repeat(False, n_c),
                "start_on": pa.array(start[has_c]),
                "end_on": pa.nulls(n_c, pa.date32()),
                "terminated_on": pa.nulls(n_c, pa.date32()),
                "termination_ground": pa.nulls(n_c, pa.string()),
                "registered_on": pa.array(reg[has_c]),
                "termination_registered_on": pa.nulls(n_c, pa.date32()),
            }
        ),
    )
    stopped = rng.random(employers) < 0.005
    rows = 0
    for k in range(months):
        m = _month(k)
        p = parameters_for(int(m[:4]))
        dl = np.datetime64(contribution_deadline(m).isoformat())
        present = rng.random(workers) < 0.97
        if k == months - 1:
            present &= ~stopped[emp_of]
        idx = np.flatnonzero(present)
        n = idx.size
        inc = np.round(salary[idx] * rng.normal(1, 0.03, n), 0)
        opv = 0.1 * np.minimum(inc, p.opv_cap_mzp * p.mzp)
        cols = {
            "opv": opv,
            "opvr": p.opvr_rate * np.minimum(inc, p.opv_cap_mzp * p.mzp),
            "so": p.so_rate * np.clip(inc - opv, p.so_base_min_mzp * p.mzp, p.so_base_max_mzp * p.mzp),
            "oosms": p.oosms_rate * np.minimum(inc, p.osms_cap_mzp * p.mzp),
            "vosms": p.vosms_rate * np.minimum(inc, p.osms_cap_mzp * p.mzp),
        }
        cols = {c: np.round(v, 0) for c, v in cols.items()}
        short = rng.random(n) < 0.01
        cols["so"] = np.where(short, np.round(cols["so"] / 2), cols["so"])
        miss = rng.random(n) < 0.01
        cols["vosms"] = np.where(miss, 0.0, cols["vosms"])
        late_p = rng.random(n) < 0.03
        paid = dl + np.where(late_p, rng.integers(1, 40, n), -rng.integers(0, 20, n)).astype("timedelta64[D]")
        table = pa.table(
            {
                "employer_bin": bins.take(pa.array(emp_of[idx])),
                "worker_pid": wid.take(pa.array(idx)),
                "period": pa.repeat(m, n),
                "income": pa.array(inc),
                **{c: pa.array(v) for c, v in cols.items()},
                "paid_on": pa.array(paid),
            }
        )
        write("payments", table, sub=f"month={m}", name="data_0.parquet")
        rows += n
        ev = 100_000
        first = np.datetime64(f"{m}-01")
        on = first + rng.integers(0, 28, ev).astype("timedelta64[D]")
        who = rng.integers(0, workers, ev)
        write(
            "contract_events",
            pa.table(
                {
                    "employer_bin": bins.take(pa.array(emp_of[who])),
                    "worker_pid": wid.take(pa.array(who)),
                    "event_type": pa.repeat("salary_change", ev),
                    "event_on": pa.array(on),
                    "registered_on": pa.array(on + rng.integers(0, 25, ev).astype("timedelta64[D]")),
                    "salary": pa.array(salary[who]),
                    "work_rate": pa.nulls(ev, pa.float64()),
                }
            ),
            sub=f"month={m}",
            name="data_0.parquet",
        )
        print(f"  {m}: {n:,} payment rows", file=sys.stderr)
    wh.commit_run({"run_id": run, "finished_at": dt.datetime.now().isoformat(), "bench": True})
    return {"employers": employers, "payment_rows": rows, "contracts": n_c, "months": months}


def _run_engine(wh: str, month: str, q: Any) -> None:
    from labormap.control.monthly import monthly_control
    from labormap.warehouse import Warehouse

    t = time.perf_counter()
    res = monthly_control(Warehouse(wh), month, memory_limit="6GB", threads=2)
    secs = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    q.put(
        {
            "seconds": secs,
            "peak_rss_gb": peak,
            "totals": res.totals,
            "findings": [f.as_dict() for f in res.findings],
        }
    )


def measure(wh: Path, month: str) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=_run_engine, args=(str(wh), month, q))
    proc.start()
    res = q.get()
    proc.join()
    return dict(res)


def reference(wh_root: Path, month: str, sample: list[str]) -> tuple[float, list[dict[str, Any]]]:
    """Per employer: read its payments of the month into pandas, check each worker-month in Python."""
    from labormap.control.monthly import month_bounds, shift_month
    from labormap.reference.parameters import contribution_deadline, parameters_for

    p = parameters_for(int(month[:4]))
    deadline = contribution_deadline(month)
    files = sorted(str(f) for f in (wh_root / "data" / "payments").rglob(f"month={month}/*.parquet"))
    cfiles = sorted(str(f) for f in (wh_root / "data" / "contracts").rglob("*.parquet"))
    prev = sorted(
        str(f) for f in (wh_root / "data" / "payments").rglob(f"month={shift_month(month, -1)}/*.parquet")
    )
    first, last = month_bounds(month)
    out: list[dict[str, Any]] = []
    t = time.perf_counter()
    for b in sample:
        df = pq.read_table(files, filters=[("employer_bin", "=", b)]).to_pandas()
        con = pq.read_table(cfiles, filters=[("employer_bin", "=", b)]).to_pandas()
        # contracts active in the month
        con = con[(con.start_on <= last) & (con.terminated_on.isna() | (con.terminated_on >= first))]
        found: dict[str, list[float]] = {}

        def add(kind: str, amount: float, days: int = 0, found: dict[str, list[float]] = found) -> None:
            a = found.setdefault(kind, [0, 0.0, 0])
            a[0] += 1
            a[1] += amount
            a[2] = max(a[2], days)

        for r in df.itertuples():
            if r.income <= 0:
                continue
            opv_due = p.opv_rate * min(r.income, p.opv_cap_mzp * p.mzp)
            due = {
                "opv": opv_due,
                "opvr": p.opvr_rate * min(r.income, p.opv_cap_mzp * p.mzp),
                "so": p.so_rate
                * max(min(r.income - opv_due, p.so_base_max_mzp * p.mzp), p.so_base_min_mzp * p.mzp),
                "oosms": p.oosms_rate * min(r.income, p.osms_cap_mzp * p.mzp),
                "vosms": p.vosms_rate * min(r.income, p.osms_cap_mzp * p.mzp),
            }
            for c, d in due.items():
                paid = getattr(r, c) or 0.0
                if d >= 1 and paid == 0:
                    add(f"{c}_missing", d)
                elif paid > 0 and paid < d - 1:
                    add(f"{c}_short", d - paid)
                if paid > 0 and r.paid_on > deadline:
                    add(f"{c}_late", paid, (r.paid_on - deadline).days)
        if df.empty and not con.empty:
            before = pq.read_table(prev, filters=[("employer_bin", "=", b)]).to_pandas()
            if not before.empty:
                paid = float(before[["opv", "opvr", "so", "oosms", "vosms"]].fillna(0).to_numpy().sum())
                found["payments_stopped"] = [len(con), paid, 0]
        paid_workers = set(df.loc[df.income > 0, "worker_pid"])
        unreg = paid_workers - set(con.worker_pid)
        if unreg:
            found["esutd_paid_without_contract"] = [
                len(unreg),
                float(df[df.worker_pid.isin(unreg)].income.sum()),
                0,
            ]
        for kind, (w, a, d) in found.items():
            out.append(
                {
                    "employer_bin": b,
                    "kind": kind,
                    "workers": int(w),
                    "amount_kzt": round(a, 2),
                    "days_late": int(d),
                }
            )
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--employers", type=int, default=400_000)
    ap.add_argument("--workers", type=int, default=6_170_000)
    ap.add_argument("--months", type=int, default=24)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--workdir", type=Path, default=Path(".bench/control"))
    ap.add_argument("--keep-input", action="store_true")
    args = ap.parse_args()
    wh = args.workdir / f"wh-{args.employers}-{args.workers}-{args.months}"
    meta_path = wh / "bench-meta.json"
    if not (args.keep_input and meta_path.exists()):
        shutil.rmtree(wh, ignore_errors=True)
        t = time.perf_counter()
        meta = make_warehouse(wh, args.employers, args.workers, args.months)
        meta["generated_seconds"] = round(time.perf_counter() - t, 1)
        meta_path.write_text(json.dumps(meta))
    meta = json.loads(meta_path.read_text())
    month = _month(args.months - 1)
    eng = measure(wh, month)
    rng = np.random.default_rng(1)
    all_bins = _bins(args.employers).to_pylist()
    sample = sorted(rng.choice(all_bins, size=min(args.sample, len(all_bins)), replace=False).tolist())
    ref_secs, ref_findings = reference(wh, month, sample)
    ref_kinds = {"payments_stopped", "esutd_paid_without_contract"}
    eng_sample = [
        f
        for f in eng["findings"]
        if f["employer_bin"] in set(sample)
        and (not f["kind"].startswith(("esutd_", "payments_")) or f["kind"] in ref_kinds)
    ]

    def key(f: dict[str, Any]) -> tuple[Any, ...]:
        return (f["employer_bin"], f["kind"], f["workers"], round(f["amount_kzt"]), f["days_late"])

    same = sorted(map(key, eng_sample)) == sorted(map(key, ref_findings))
    per_emp = ref_secs / len(sample)
    results = {
        "machine": f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB, shared with other jobs",
        "warehouse": meta,
        "month": month,
        "engine": {
            "seconds": round(eng["seconds"], 1),
            "peak_rss_gb": round(eng["peak_rss_gb"], 2),
            "findings": eng["totals"]["findings"],
            "employers_checked": eng["totals"]["employers_checked"],
        },
        "reference": {
            "sample_employers": len(sample),
            "seconds_on_sample": round(ref_secs, 1),
            "extrapolated_seconds": round(per_emp * args.employers, 0),
            "same_findings_on_sample": same,
        },
        "ratio": round(per_emp * args.employers / eng["seconds"], 1),
    }
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
