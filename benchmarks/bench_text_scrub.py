"""Cost of making free text safe at ingest (issue 11): IIN pseudonymisation and the control-character
check on a text column, against the plain column, in the same DuckDB session.

    python benchmarks/bench_text_scrub.py [--rows 2000000] [--digit-share 0.05]

Rows are media-title-like strings (60–120 characters); ``--digit-share`` of them hold a 12-digit run
(half of those a valid IIN), which is what sends a value through the Python function. The reference is
the same query without the scrub: the ratio is the overhead the validation SQL pays per text column.
"""

from __future__ import annotations

import argparse
import os
import random
import time

import duckdb

os.environ.setdefault("LABORMAP_DEMO", "1")

from labormap.identifiers import DEMO_KEY, complete_kz_id
from labormap.ingest import clean

WORDS = [
    "Забастовка",
    "работников",
    "подрядчика",
    "на",
    "месторождении",
    "требования",
    "повышения",
    "зарплаты",
    "задолженность",
]


def texts(n: int, share: float, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        s = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 11)))
        if rnd.random() < share:
            if i % 2:
                num = complete_kz_id(f"8501033{rnd.randint(0, 9999):04d}") or "850103300012"
            else:
                num = f"{rnd.randint(10**11, 10**12 - 1)}"
            s = f"{s} ИИН {num}"
        out.append(s)
    return out


def timed(con: duckdb.DuckDBPyConnection, sql: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        con.execute(sql).fetchall()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--digit-share", type=float, default=0.05)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    con = duckdb.connect()
    con.execute(f"SET threads = {a.threads}")
    clean.register(con, DEMO_KEY)
    con.execute("CREATE TABLE t (x VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [(s,) for s in texts(a.rows, a.digit_share)])
    ref = timed(con, "SELECT sum(length(x)) FROM t")
    scrub = timed(con, f"SELECT sum(length({clean.scrub_sql('x')})) FROM t")
    both = timed(
        con,
        f"SELECT sum(length({clean.scrub_sql('x')})), count(*) FILTER (WHERE {clean.control_sql('x')}) FROM t",
    )
    print(f"rows {a.rows:,}, {a.digit_share:.0%} with a 12-digit run, threads {a.threads}")
    print(f"plain column          {ref:7.3f} s  ({a.rows / ref:,.0f} rows/s)")
    print(
        f"IIN scrub             {scrub:7.3f} s  ({a.rows / scrub:,.0f} rows/s)  x{scrub / ref:.1f} of plain"
    )
    print(f"scrub + control check {both:7.3f} s  ({a.rows / both:,.0f} rows/s)  x{both / ref:.1f} of plain")


if __name__ == "__main__":
    main()
