"""Benchmark of ``labormap agreements compliance`` against a straightforward reference, on one warehouse.

The reference reads the same registries into Python and applies the rules of docs/agreements.md row by
row (dicts and loops); the engine runs them as one DuckDB query. Both must give the same findings (the
script fails otherwise), so this is also an independent check of the SQL. Run heavy worlds under
``flock /tmp/labormap-heavy.lock``:

    .venv/bin/python benchmarks/bench_agreements.py --warehouse WH --half 2025-H1 [--json OUT.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from labormap.agreements.common import Half, connect, month_end
from labormap.agreements.compliance import TOLERANCE_KZT, compliance
from labormap.reference.oked import oked_section_of


def reference(wh: Path, half: Half) -> dict[tuple[str, str], tuple[int, float]]:  # noqa: C901 - one plain loop on purpose
    con = connect(wh)
    months = [dt.date.fromisoformat(p + "-01") for p in half.periods]
    periods = set(half.periods)
    emp = {
        b: (k[:2], o[:2], oked_section_of(o))
        for b, k, o in con.execute("SELECT bin, kato, oked FROM employers").fetchall()
    }
    pay: dict[tuple[str, str, str], float] = defaultdict(float)
    for b, w, p, inc in con.execute(
        "SELECT employer_bin, worker_pid, period, income FROM payments WHERE period IN "
        "(SELECT unnest($1::VARCHAR[]))",
        [half.periods],
    ).fetchall():
        pay[(b, w, p)] += inc
    keys = {(b, w) for b, w, _ in pay}
    contracts: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in con.execute(
        "SELECT employer_bin, worker_pid, start_on, terminated_on, work_rate, hazardous, grade FROM ag_contracts"
    ).fetchall():
        if (row[0], row[1]) in keys:
            contracts[(row[0], row[1])].append(row[2:])
    events: dict[tuple[str, str], list[tuple[dt.date, str, float | None]]] = defaultdict(list)
    for b, w, t, on, rate in con.execute(
        "SELECT employer_bin, worker_pid, event_type, event_on, work_rate FROM contract_events "
        "WHERE event_type IN ('part_time_start', 'part_time_end', 'idle_start', 'idle_end')"
    ).fetchall():
        if (b, w) in keys:
            events[(b, w)].append((on, t, rate))
    sector = con.execute(
        "SELECT level, oked_section, oked_division, region, valid_from, valid_to, min_tariff_kzt, "
        "inter_grade_coefficient, hazard_bonus_pct FROM ag_sector_agreements WHERE level IN ('sectoral', 'regional')"
    ).fetchall()
    cas: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for b, signed, vf, vt, tariff, coefs, bonus in con.execute(
        "SELECT employer_bin, signed_on, valid_from, valid_to, min_tariff_kzt, tariff_coefficients, "
        "hazard_bonus_pct FROM collective_agreements"
    ).fetchall():
        cas[b].append((signed, vf, vt, tariff, coefs, bonus))
    con.close()

    total: dict[tuple[str, str], float] = defaultdict(float)
    workers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (b, w, p), income in pay.items():
        if p not in periods or b not in emp:
            continue
        ms = months[half.periods.index(p)]
        me = month_end(ms)
        cands = [c for c in contracts.get((b, w), []) if c[0] <= ms and (c[1] is None or c[1] >= me)]
        if not cands:
            continue
        _, _, rate, haz, grade = max(cands, key=lambda c: c[0])
        evs = sorted(events.get((b, w), []))
        if any(ms < on <= me for on, t, _ in evs):
            continue
        idle = [t for on, t, _ in evs if t.startswith("idle") and on <= ms]
        if idle and idle[-1] == "idle_start":
            continue
        pt = [(t, r) for on, t, r in evs if t.startswith("part_time") and on <= ms]
        if pt and pt[-1][0] == "part_time_start" and pt[-1][1] is not None:
            rate = pt[-1][1]
        region, division, section = emp[b]
        s, s_bonus = 0.0, 0.0
        for level, sec, div, reg, vf, vt, tariff, k, bonus in sector:
            if not (vf <= ms <= vt):
                continue
            if level == "sectoral":
                ok = div == division if div is not None else sec == section
            else:
                ok = reg == region and (sec is None or sec == section)
            if ok:
                t = tariff * (k ** (grade - 1) if grade is not None and k is not None else 1)
                s = max(s, t)
                s_bonus = max(s_bonus, bonus or 0)
        c, c_bonus = 0.0, 0.0
        inforce = [a for a in cas.get(b, []) if a[1] <= ms <= a[2]]
        if inforce:
            _, _, _, tariff, coefs, bonus = max(inforce, key=lambda a: a[0])
            if tariff is not None:
                coef = 1.0
                if grade is not None and coefs:
                    scale = [x for x in coefs.replace("|", ";").replace(" ", ";").split(";") if x]
                    try:
                        coef = float(scale[min(grade, len(scale)) - 1])
                    except ValueError:
                        coef = 1.0
                c = tariff * coef
            c_bonus = bonus or 0
        bonus = max(s_bonus, c_bonus) if haz else 0.0
        top = max(s, c)
        shorts = {
            "below_sector_tariff": max(0.0, s * rate - income),
            "below_ca_tariff": max(0.0, c * rate - max(income, s * rate)),
            "no_hazard_bonus": max(0.0, top * rate * (1 + bonus / 100) - max(income, top * rate)),
        }
        for kind, v in shorts.items():
            if v > TOLERANCE_KZT:
                total[(b, kind)] += v
                workers[(b, kind)].add(w)
    n_months = len({p for _, _, p in pay})
    return {k: (len(workers[k]), round(v / n_months, 2)) for k, v in total.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--half", required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    half = Half.parse(args.half)

    t0 = time.perf_counter()
    res = compliance(connect(args.warehouse), half)
    t_engine = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = reference(args.warehouse, half)
    t_ref = time.perf_counter() - t0

    got = {(f.employer_bin, f.kind): (f.workers, f.shortfall_kzt_month) for f in res.findings}
    assert set(got) == set(ref), (sorted(set(got) ^ set(ref))[:10], len(got), len(ref))
    for k, (w, s) in ref.items():
        assert got[k][0] == w and abs(got[k][1] - s) <= 0.02, (k, got[k], (w, s))
    out = {
        "half": half.code,
        "employers_checked": res.employers_checked,
        "workers_checked": res.workers_checked,
        "findings": len(res.findings),
        "engine_seconds": round(t_engine, 2),
        "reference_seconds": round(t_ref, 2),
        "ratio": round(t_ref / t_engine, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "same_findings": True,
    }
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
