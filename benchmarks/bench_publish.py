"""Publishing a changed snapshot at national scale: the daily case, against the full rewrite, same run.

    flock /tmp/labormap-heavy.lock .venv/bin/python benchmarks/bench_publish.py [--employers 400000]
        [--shift 0.3] [--level-change 0.02] [--database-url postgres://postgres@127.0.0.1:5432/postgres]

A synthetic warehouse (the employers and features of ``bench_web.py``) gets two score snapshots, the day
before yesterday and yesterday, which are published as the first load (not timed against anything). Then
today's snapshot arrives: every score moves by a uniform amount in ±``--shift`` points (the engine's daily
drift) and ``--level-change`` of the employers jump by 12–20 points, which changes their level and, above
70, their second reason. Today's publish is timed twice, each in its own throw-away PostgreSQL database
holding the same first load: the change-following publish (``publish(wh)``) and the reference, the full
rewrite of every employer row, reason and key figure followed by ``VACUUM ANALYZE`` (``publish(wh,
full=True)``, what publish did before). Django settings are fixed per process, so each publish runs in a
child process of this script. Prints a Markdown table for docs/web.md; the databases are dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

FIRST = "2026-01-01"  # the features of bench_web.py are of 2025-12-31: in force for all three days


def write_snapshot(wh: Any, n: int, day: int, shift: float, level_change: float) -> str:
    """Score snapshot number ``day`` (0, 1, 2 → 2026-01-01…03): a base score per employer plus ``day``
    daily moves of ±``shift``; on day 2, ``level_change`` of the employers jump by 12–20 points."""
    import datetime as dt

    as_of = dt.date.fromisoformat(FIRST) + dt.timedelta(days=day)
    every = max(1, round(1 / level_change)) if level_change > 0 else 0

    def score(k: int) -> str:
        base = "20 + (hash(i) % 7000) / 100.0"  # 20.00 … 89.99, with fractions
        moves = " + ".join(f"((hash(i * 97 + {j}) % 20001) / 10000.0 - 1) * {shift}" for j in range(1, k + 1))
        jump = (
            f" + CASE WHEN {k} = 2 AND i % {every} = 0 THEN "
            "(CASE WHEN hash(i) % 2 = 0 THEN 1 ELSE -1 END) * (12 + hash(i * 13) % 9) ELSE 0 END"
            if every
            else ""
        )
        return f"least(99.0, greatest(1.0, {base}{' + ' + moves if moves else ''}{jump}))"

    prev = score(day - 1) if day else "NULL::DOUBLE"
    con = duckdb.connect()
    with wh.publish("scores", f"as_of={as_of.isoformat()}") as tmp:
        con.execute(f"""COPY (
            SELECT bin AS employer_bin, DATE '{as_of}' AS as_of, s / 100 AS probability, s AS score,
                CASE WHEN s >= 85 THEN 'high' WHEN s >= 65 THEN 'elevated' WHEN s >= 40 THEN 'moderate' ELSE 'low' END AS level,
                p AS score_prev,
                CASE WHEN p IS NULL THEN NULL WHEN p >= 85 THEN 'high' WHEN p >= 65 THEN 'elevated'
                     WHEN p >= 40 THEN 'moderate' ELSE 'low' END AS level_prev,
                s - p AS score_change, 'scorecard' AS method, 'bench-1' AS model_version,
                CASE WHEN s < 40 THEN [] ELSE
                [{{'code': 'contrib_late_share_12m', 'contribution': 10.0, 'value': 0.3, 'text_ru': 'Взносы с опозданием',
                   'text_kk': 'Жарналар кешігеді', 'text_en': 'Late contributions'}},
                 {{'code': CASE WHEN s > 70 THEN 'arrears_open_cases' ELSE 'turnover_12m' END, 'contribution': 5.0,
                   'value': 1.0, 'text_ru': 'Причина', 'text_kk': 'Себеп', 'text_en': 'Reason'}}] END AS reasons
            FROM (SELECT lpad(CAST(i AS VARCHAR), 12, '0') AS bin, {score(day)} AS s, {prev} AS p
                  FROM range(1, {n + 1}) t(i))) TO '{tmp}/scores.parquet' (FORMAT parquet)""")
        (tmp / "meta.json").write_text(
            json.dumps({"as_of": as_of.isoformat(), "method": "scorecard", "model_version": "bench-1"})
        )
    con.close()
    return as_of.isoformat()


def child(args: argparse.Namespace) -> None:
    """One publish into the database DATABASE_URL names (set by the parent); prints its summary as JSON."""
    os.environ.setdefault("LABORMAP_DEMO", "1")
    from labormap.web import ops

    ops.setup()
    ops.migrate()
    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish

    t = time.perf_counter()
    summary = publish(Warehouse(args.dir / "wh"), full=args.child == "full", progress=lambda m: None)
    summary["wall"] = round(time.perf_counter() - t, 2)
    print("SUMMARY " + json.dumps(summary, default=str))


def run_child(args: argparse.Namespace, mode: str, url: str) -> dict[str, Any]:
    env = dict(os.environ, DATABASE_URL=url, LABORMAP_DEMO="1", LABORMAP_DATA_DIR=str(args.dir / "data"))
    r = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--dir", str(args.dir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in r.stdout.splitlines() if x.startswith("SUMMARY ")), None)
    if r.returncode or line is None:
        raise SystemExit(f"{mode} publish failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(line[len("SUMMARY ") :])
    return out


def psql(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as c:
        c.execute(sql)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employers", type=int, default=400_000)
    ap.add_argument("--shift", type=float, default=0.3, help="daily score move, ± points (uniform)")
    ap.add_argument("--level-change", type=float, default=0.02, help="share of employers that jump")
    ap.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server to create the two throw-away databases on",
    )
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--child", choices=("incremental", "full"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return

    args.dir = args.dir or Path(tempfile.mkdtemp(prefix="bench-publish-"))
    from bench_web import build_warehouse

    t = time.perf_counter()
    wh = build_warehouse(args.dir / "wh", args.employers, 0)  # employers and features, no scores
    for day in (0, 1):
        write_snapshot(wh, args.employers, day, args.shift, args.level_change)
    print(f"warehouse: {time.perf_counter() - t:.1f} s", file=sys.stderr)

    server = args.database_url.rsplit("/", 1)[0]
    tag = uuid.uuid4().hex[:8]
    dbs = {mode: f"lm_bench_publish_{mode[:4]}_{tag}" for mode in ("incremental", "full")}
    results: dict[str, dict[str, Any]] = {}
    try:
        for mode, name in dbs.items():
            psql(args.database_url, f'CREATE DATABASE "{name}"')
            first = run_child(args, "incremental", f"{server}/{name}")
            print(f"{mode}: first load {first['wall']} s {first['steps']}", file=sys.stderr)
        today = write_snapshot(wh, args.employers, 2, args.shift, args.level_change)
        for mode, name in dbs.items():
            results[mode] = run_child(args, mode, f"{server}/{name}")
            print(f"{mode}: {results[mode]}", file=sys.stderr)
    finally:
        for name in dbs.values():
            psql(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')

    inc, full = results["incremental"], results["full"]
    load = os.getloadavg()
    print(
        f"\nMachine: {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"PostgreSQL; {args.employers} employers; today {today}: moves ±{args.shift} points, "
        f"{args.level_change:.0%} jump; rows rewritten: {inc['employers_changed']} "
        f"(full: {full['employers_changed']})\n"
    )
    steps = list(dict.fromkeys([*full["steps"], *inc["steps"]]))
    print("| step | full rewrite s | change-following s |\n|---|---:|---:|")
    for s in steps:
        print(f"| {s} | {full['steps'].get(s, 0):.2f} | {inc['steps'].get(s, 0):.2f} |")
    print(
        f"| **publish, wall** | **{full['wall']:.1f}** | **{inc['wall']:.1f}** |\n\n"
        f"ratio: {full['wall'] / inc['wall']:.1f}× faster"
    )


if __name__ == "__main__":
    main()
