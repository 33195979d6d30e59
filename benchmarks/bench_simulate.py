"""Benchmark of `labormap simulate`: wall time and peak memory of whole runs, and the vectorised worker-level
generator against a straightforward per-row Python reference on the same block of employers.

    .venv/bin/python benchmarks/bench_simulate.py                 # 5 000 employers + reference comparison
    .venv/bin/python benchmarks/bench_simulate.py --national      # also ~400 000 employers, 24 months of payments

Each whole run happens in a fresh subprocess so its peak resident memory is its own. Figures go to
docs/simulation.md ("Scale").
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RUN = """
import json, resource, sys, time
from labormap.simulate import simulate
t = time.perf_counter()
s = simulate(sys.argv[1], employers=int(sys.argv[2]), payments_months=int(sys.argv[3]) or None)
print(json.dumps({"seconds": time.perf_counter() - t, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": s["rows"], "workers_end": s["workers_end"], "conflicts": s["conflicts"]}))
"""


def whole_run(employers: int, payments_months: int, keep: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        target = str(keep) if keep else tmp
        out = subprocess.run(
            [sys.executable, "-c", RUN, target, str(employers), str(payments_months)],
            check=True,
            capture_output=True,
            text=True,
        )
        result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
        size = sum(p.stat().st_size for p in Path(target).rglob("*") if p.is_file())
        result["output_mb"] = size / 2**20
        return result


def reference_payments(world: Any, plan: Any, tl: Any, lo: int, hi: int) -> int:
    """The straightforward way: one Python iteration per worker-month, contributions and dates row by row."""
    from labormap.identifiers import complete_kz_id
    from labormap.reference.parameters import contribution_deadline, parameters_for

    rnd = random.Random(0)
    rows = []
    for e in range(lo, hi):
        for t in range(tl.n):
            yp = parameters_for(tl.year(t))
            due = contribution_deadline(tl.label(t))
            for k in range(int(plan.staff[e, t])):
                iin = complete_kz_id(f"85{(k % 12) + 1:02d}{(e % 28) + 1:02d}3{(t * 7 + k) % 10000:04d}")
                income = round(max(float(plan.level[e, t]) * math.exp(rnd.gauss(-0.045, 0.3)), yp.mzp))
                opv = yp.opv_rate * min(income, yp.opv_cap_mzp * yp.mzp)
                so = yp.so_rate * min(
                    max(income - opv, yp.so_base_min_mzp * yp.mzp), yp.so_base_max_mzp * yp.mzp
                )
                paid = (
                    due.toordinal()
                    - rnd.randint(0, 20)
                    + (int(plan.late_days[e, t]) if plan.late_pay[e, t] else 0)
                )
                rows.append(
                    (
                        world.bin[e],
                        iin,
                        tl.label(t),
                        income,
                        round(opv),
                        round(yp.opvr_rate * income),
                        round(so),
                        round(yp.oosms_rate * income),
                        round(yp.vosms_rate * income),
                        paid,
                    )
                )
    return len(rows)


def reference_comparison(employers: int = 5000) -> dict[str, float]:
    import pyarrow as pa

    from labormap.simulate import dynamics
    from labormap.simulate.links import build_agreements, build_links
    from labormap.simulate.params import load_params
    from labormap.simulate.timeline import Timeline
    from labormap.simulate.workforce import generate_chunk
    from labormap.simulate.world import build_world

    params = load_params(None)
    tl = Timeline.of("2016-01", "2025-12")
    world = build_world(employers, 1, params, tl)
    plan, _ = dynamics.run(
        world, tl, params, build_links(world, tl, params, 1), build_agreements(world, tl, 1), 1
    )
    lo, hi = 0, 250
    t = time.perf_counter()
    chunk = generate_chunk(
        world, plan, tl, params, lo, hi, 1, 0, (employers + 999) // 1000, 0, pa.array(world.bin[lo:hi])
    )
    fast_rows = sum(p.num_rows for p in chunk.payment_parts)
    fast = time.perf_counter() - t
    t = time.perf_counter()
    ref_rows = reference_payments(world, plan, tl, lo, hi)
    ref = time.perf_counter() - t
    return {
        "employers": hi - lo,
        "vectorised_s": fast,
        "vectorised_payment_rows": fast_rows,
        "vectorised_contracts": chunk.contracts.num_rows,
        "vectorised_events": chunk.contract_events.num_rows,
        "reference_s": ref,
        "reference_payment_rows": ref_rows,
        "speedup_per_payment_row": (ref / ref_rows) / (fast / fast_rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--national", action="store_true", help="also run ~400 000 employers with 24 months of payments"
    )
    ap.add_argument("--national-employers", type=int, default=400_000)
    ap.add_argument(
        "--keep", type=Path, default=None, help="keep the national world in this folder (for calibration)"
    )
    args = ap.parse_args()
    results: dict[str, object] = {"reference_comparison": reference_comparison()}
    print(json.dumps(results, indent=1), flush=True)
    results["employers_5000"] = whole_run(5000, 0)
    print(json.dumps(results["employers_5000"], indent=1), flush=True)
    if args.national:
        results["national"] = whole_run(args.national_employers, 24, args.keep)
        print(json.dumps(results["national"], indent=1), flush=True)


if __name__ == "__main__":
    main()
