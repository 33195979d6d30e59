"""Expected-releases benchmark: ``labormap.layoffs.expected_releases`` against a straightforward reference.

    python benchmarks/bench_layoffs.py --warehouse WH [--as-of 2025-12-31] [--repeat 3]

The reference is what one would write first: read the whole ``contractor_links`` registry into Python,
find each contract's successor with nested loops over the contracts of the same customer and contractor
(then one to one, closest pairs first), read
the contractor headcounts with a plain GROUP BY over the reference month, and sum the curve in a dict. Both
run in this process on the same warehouse; the script checks they give the same curve and prints the
times, their ratio and the sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import time
from collections import defaultdict

os.environ.setdefault("LABORMAP_DEMO", "1")

from labormap.features.asof import reference_period
from labormap.layoffs.common import default_as_of
from labormap.layoffs.expected import (
    SUCCESSOR_AFTER_DAYS,
    SUCCESSOR_BEFORE_DAYS,
    _add_months,
    expected_releases,
)
from labormap.warehouse import Warehouse


def reference(wh: Warehouse, as_of: dt.date) -> dict[str, tuple[int, int]]:
    con = wh.connect()
    rows = con.execute(
        "SELECT contract_id, customer_bin, employer_bin, start_on, end_on, workers, "
        "coalesce(registered_on, start_on) FROM contractor_links"
    ).fetchall()
    period = reference_period(as_of)
    heads = dict(
        con.execute(
            "SELECT employer_bin, count(*) FROM payments WHERE period = ? AND paid_on <= ? GROUP BY 1",
            [period, as_of],
        ).fetchall()
    )
    known = [r for r in rows if r[6] <= as_of]
    by_pair: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for r in known:
        by_pair[(r[1], r[2])].append(r)
    end = _add_months(as_of, 12)
    # successors: every candidate pair by nested loops, then one to one, closest pairs first
    cands = []
    for r in known:
        lo = r[4] - dt.timedelta(days=SUCCESSOR_BEFORE_DAYS)
        hi = r[4] + dt.timedelta(days=SUCCESSOR_AFTER_DAYS)
        for b in by_pair[(r[1], r[2])]:
            if b[0] != r[0] and b[4] > r[4] and lo <= b[3] <= hi:
                cands.append((abs((r[5] or 0) - (b[5] or 0)), abs((b[3] - r[4]).days), r[0], b[0]))
    has_successor: set[str] = set()
    taken: set[str] = set()
    for _dw, _gap, a_id, b_id in sorted(cands):
        if a_id not in has_successor and b_id not in taken:
            has_successor.add(a_id)
            taken.add(b_id)
    curve: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in known:
        if not (as_of < r[4] <= end) or r[0] in has_successor:
            continue
        w = r[5] if r[5] is not None else heads.get(r[2], 0)
        m = f"{r[4].year:04d}-{r[4].month:02d}"
        curve[m][0] += w
        curve[m][1] += 1
    return {k: (v[0], v[1]) for k, v in curve.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--warehouse", required=True)
    ap.add_argument("--as-of", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    wh = Warehouse(a.warehouse)
    con = wh.connect()
    as_of = dt.date.fromisoformat(a.as_of) if a.as_of else default_as_of(con)
    sizes = {
        "contractor_links": con.execute("SELECT count(*) FROM contractor_links").fetchone()[0],  # type: ignore[index]
        "payments": con.execute("SELECT count(*) FROM payments").fetchone()[0],  # type: ignore[index]
    }
    t_engine, t_ref = [], []
    for _ in range(a.repeat):
        t = time.perf_counter()
        e = expected_releases(wh.connect(), as_of)
        t_engine.append(time.perf_counter() - t)
        t = time.perf_counter()
        ref = reference(wh, as_of)
        t_ref.append(time.perf_counter() - t)
    got = {m.month: (m.workers, m.contracts) for m in e.months if m.contracts}
    assert got == ref, (got, ref)
    out = {
        "as_of": as_of.isoformat(),
        "sizes": sizes,
        "contracts_ending_12m": len(e.contracts),
        "workers_expected_12m": sum(m.workers for m in e.months),
        "engine_s": round(min(t_engine), 3),
        "reference_s": round(min(t_ref), 3),
        "ratio_reference_over_engine": round(min(t_ref) / min(t_engine), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "machine": "2 cores, 24 GB, shared with other jobs",
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
