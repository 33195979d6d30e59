"""Expected releases (Roadmap item 21): service contracts of large customers ending soon, the workers on
them, and the month-by-month curve of workers expected to be released.

Rules (as of D; see docs/layoffs.md):

- a service contract (``contractor_links`` row) is known from ``registered_on`` (``start_on`` when empty);
- its **successor** is another known contract between the same customer and contractor that starts
  between 31 days before and 92 days after its end and ends later — a renewal or a re-tender won by the
  same contractor; each contract has at most one successor and each successor one predecessor, the
  closest pairs matched first (same workers, then the shortest gap: :func:`match_successors`);
- a contract **ends in the next N months** when D < ``end_on`` ≤ D + N months;
- workers **expected to be released** are those on contracts ending in the next 12 months with no
  successor known on D; a contract's workers are its ``workers`` column, else the contractor's
  headcount (workers paid for the reference month of D);
- a **large contract ending with no successor**: ≥ ``LARGE_CONTRACT_WORKERS`` workers, ending within
  ``ALERT_DAYS`` days (a renewal is normally registered 5–40 days before the start, so by then it
  should be known), and no successor.

The curve's month is the month of ``end_on`` (the last day of work under the contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from labormap.features.asof import shift_period
from labormap.layoffs.common import create_employer_facts, set_scope
from labormap.scope import Scope

HORIZON_MONTHS = 12
WINDOWS = (3, 6, 12)
SUCCESSOR_BEFORE_DAYS = 31
SUCCESSOR_AFTER_DAYS = 92
LARGE_CONTRACT_WORKERS = 50
ALERT_DAYS = 60


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: str  # YYYY-MM
    workers: int
    contracts: int


@dataclass(frozen=True, slots=True)
class RegionSectorMonth:
    month: str
    region: str  # contractor's 2-digit KATO
    sector: str  # contractor's ОКЭД section
    workers: int
    contracts: int


@dataclass(frozen=True, slots=True)
class CustomerRow:
    customer_bin: str
    name: str
    region: str
    holding: str
    contractors: int  # contractors with a contract in force on D
    contractors_ending_3m: int
    contractors_ending_6m: int
    contractors_ending_12m: int
    workers_ending_3m: int  # workers expected to be released (no successor) within 3 months
    workers_ending_6m: int
    workers_ending_12m: int
    contracts_ending_12m: int


@dataclass(frozen=True, slots=True)
class ContractRow:
    contract_id: str
    customer_bin: str
    contractor_bin: str
    contractor_name: str
    service: str
    start_on: dt.date
    end_on: dt.date
    month: str
    workers: int
    amount_kzt: float | None
    successor_id: str | None
    region: str  # contractor's region
    sector: str  # contractor's sector
    customer_region: str
    headcount: int  # contractor's workers paid for the reference month
    reductions_6m: int  # contractor's staff-reduction terminations over 6 months
    score: float | None
    level: str | None
    large: bool

    @property
    def releases(self) -> bool:
        return self.successor_id is None


@dataclass
class Expected:
    as_of: dt.date
    months: list[MonthRow]
    by_region_sector: list[RegionSectorMonth]
    customers: list[CustomerRow]
    contracts: list[ContractRow]  # every contract ending within the horizon, with or without successor
    no_successor: list[ContractRow] = field(default_factory=list)  # large ones ending soon, no successor

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON: exactly ``as_of``, ``months`` and ``customers`` (see cli.py)."""
        return {
            "as_of": self.as_of.isoformat(),
            "months": [asdict(m) for m in self.months],
            "customers": [
                {
                    "customer_bin": c.customer_bin,
                    "contractors": c.contractors,
                    "workers_ending_6m": c.workers_ending_6m,
                }
                for c in self.customers
            ],
        }


def _months(as_of: dt.date, horizon: int) -> list[str]:
    first = as_of + dt.timedelta(days=1)
    p = f"{first.year:04d}-{first.month:02d}"
    last_d = _add_months(as_of, horizon)
    last = f"{last_d.year:04d}-{last_d.month:02d}"
    out = [p]
    while out[-1] < last:
        out.append(shift_period(out[-1], 1))
    return out


def _add_months(d: dt.date, n: int) -> dt.date:
    """``d`` plus ``n`` calendar months, the day clipped to the month's length (as DuckDB's INTERVAL does)."""
    m = d.year * 12 + d.month - 1 + n
    y, mo = m // 12, m % 12 + 1
    nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    return dt.date(y, mo, min(d.day, (nxt - dt.timedelta(days=1)).day))


def create_known_contracts(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, *, bins: Iterable[str] | Scope | None, region: str | None
) -> None:
    """Temp table ``_k``: service contracts known on D (limited to the scope), each with its successor.

    A contract is in scope when its contractor or its customer is (a holding sees its contractors; an
    akimat the contracts of operators in its region and of contractors working there).
    """
    d = as_of.isoformat()
    scoped = set_scope(con, bins)
    conds = [f"coalesce(registered_on, start_on) <= DATE '{d}'"]
    if scoped:
        conds.append("(employer_bin IN (SELECT bin FROM _scope) OR customer_bin IN (SELECT bin FROM _scope))")
    if region:
        conds.append(
            "(employer_bin IN (SELECT bin FROM _emp WHERE region = $region) "
            "OR customer_bin IN (SELECT bin FROM _emp WHERE region = $region))"
        )
    where = " AND ".join(conds)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _k0 AS
        SELECT contract_id, customer_bin, employer_bin, coalesce(service, '') AS service, start_on, end_on,
               workers, amount_kzt
        FROM contractor_links WHERE {where}
        """,
        {"region": region} if region else None,
    )
    # candidate successors: a contract's pair (customer, contractor) is wholly in or out of scope, so
    # looking among the scoped contracts finds the same ones as looking among all
    cands = con.execute(
        f"""
        SELECT a.contract_id, b.contract_id, abs(coalesce(a.workers, 0) - coalesce(b.workers, 0)),
               abs(date_diff('day', a.end_on, b.start_on))
        FROM _k0 a JOIN _k0 b ON b.customer_bin = a.customer_bin AND b.employer_bin = a.employer_bin
         AND b.contract_id <> a.contract_id AND b.end_on > a.end_on
         AND b.start_on >= a.end_on - INTERVAL {SUCCESSOR_BEFORE_DAYS} DAY
         AND b.start_on <= a.end_on + INTERVAL {SUCCESSOR_AFTER_DAYS} DAY
        """
    ).fetchall()
    pairs = match_successors(cands)
    con.register(
        "_succ_src",
        pa.table({"contract_id": list(pairs), "successor_id": list(pairs.values())}, schema=_SUCC_SCHEMA),
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _k AS
           SELECT a.*, s.successor_id FROM _k0 a LEFT JOIN _succ_src s ON s.contract_id = a.contract_id"""
    )
    con.unregister("_succ_src")


_SUCC_SCHEMA = pa.schema([("contract_id", pa.string()), ("successor_id", pa.string())])


def match_successors(candidates: Iterable[tuple[str, str, int, int]]) -> dict[str, str]:
    """One successor per contract and one predecessor per successor, from ``(contract, candidate,
    |workers difference|, |days between end and start|)``: the closest pairs first (same workers, then the
    shortest gap), so that when a contractor's two contracts with a customer end together and only one is
    renewed, the renewal is not counted for both.
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for a, b, _dw, _gap in sorted(candidates, key=lambda c: (c[2], c[3], c[0], c[1])):
        if a in out or b in taken:
            continue
        out[a] = b
        taken.add(b)
    return out


def expected_releases(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    *,
    bins: Iterable[str] | Scope | None = None,
    region: str | None = None,
    horizon_months: int = HORIZON_MONTHS,
    large_workers: int = LARGE_CONTRACT_WORKERS,
    alert_days: int = ALERT_DAYS,
) -> Expected:
    """Expected releases on ``as_of`` (see the module docstring); ``bins`` / ``region`` limit the scope."""
    d = as_of.isoformat()
    create_employer_facts(con, as_of)
    create_known_contracts(con, as_of, bins=bins, region=region)
    horizon_end = _add_months(as_of, horizon_months).isoformat()
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _end AS
        SELECT k.contract_id, k.customer_bin, k.employer_bin AS contractor_bin,
               coalesce(e.name, '') AS contractor_name, k.service, k.start_on, k.end_on,
               strftime(k.end_on, '%Y-%m') AS month,
               CAST(coalesce(k.workers, e.headcount, 0) AS BIGINT) AS workers, k.amount_kzt, k.successor_id,
               coalesce(e.region, '') AS region, coalesce(e.sector, '') AS sector,
               coalesce(c.region, '') AS customer_region, coalesce(e.headcount, 0) AS headcount,
               coalesce(e.reductions_6m, 0) AS reductions_6m, e.score, e.level,
               coalesce(k.workers, e.headcount, 0) >= {int(large_workers)} AS large
        FROM _k k LEFT JOIN _emp e ON e.bin = k.employer_bin LEFT JOIN _emp c ON c.bin = k.customer_bin
        WHERE k.end_on > DATE '{d}' AND k.end_on <= DATE '{horizon_end}'
        """
    )
    cols = [r[0] for r in con.execute("DESCRIBE _end").fetchall()]
    contracts = [
        ContractRow(**dict(zip(cols, r, strict=True)))
        for r in con.execute("SELECT * FROM _end ORDER BY end_on, contract_id").fetchall()
    ]

    per_month = {
        m: (int(w), int(n))
        for m, w, n in con.execute(
            "SELECT month, sum(workers), count(*) FROM _end WHERE successor_id IS NULL GROUP BY 1"
        ).fetchall()
    }
    months = [MonthRow(m, *per_month.get(m, (0, 0))) for m in _months(as_of, horizon_months)]
    by_rs = [
        RegionSectorMonth(m, r, s, int(w), int(n))
        for m, r, s, w, n in con.execute(
            "SELECT month, region, sector, sum(workers), count(*) FROM _end WHERE successor_id IS NULL "
            "GROUP BY ALL ORDER BY 1, 2, 3"
        ).fetchall()
    ]

    win = {n: _add_months(as_of, n).isoformat() for n in WINDOWS}
    aggs = []
    for n in WINDOWS:
        ending = f"k.end_on > DATE '{d}' AND k.end_on <= DATE '{win[n]}'"
        aggs.append(f"count(DISTINCT k.employer_bin) FILTER (WHERE {ending}) AS contractors_ending_{n}m")
        aggs.append(
            f"coalesce(sum(coalesce(k.workers, e.headcount, 0)) FILTER (WHERE {ending} AND k.successor_id IS NULL), 0)"
            f" AS workers_ending_{n}m"
        )
    q = f"""
        SELECT k.customer_bin, coalesce(max(c.name), '') AS name, coalesce(max(c.region), '') AS region,
               coalesce(max(c.holding), '') AS holding,
               count(DISTINCT k.employer_bin) FILTER (WHERE k.start_on <= DATE '{d}' AND k.end_on >= DATE '{d}')
                   AS contractors,
               {", ".join(aggs)},
               count(*) FILTER (WHERE k.end_on > DATE '{d}' AND k.end_on <= DATE '{win[12]}') AS contracts_ending_12m
        FROM _k k LEFT JOIN _emp e ON e.bin = k.employer_bin LEFT JOIN _emp c ON c.bin = k.customer_bin
        GROUP BY k.customer_bin
        HAVING contractors > 0 OR contracts_ending_12m > 0
        ORDER BY workers_ending_6m DESC, contractors DESC, k.customer_bin
    """
    customers = []
    for r in con.execute(q).fetchall():
        (cb, name, reg, hold, ncon, c3, w3, c6, w6, c12, w12, k12) = r
        customers.append(
            CustomerRow(
                cb,
                name,
                reg,
                hold,
                int(ncon),
                int(c3),
                int(c6),
                int(c12),
                int(w3),
                int(w6),
                int(w12),
                int(k12),
            )
        )
    soon = as_of + dt.timedelta(days=alert_days)
    no_successor = [c for c in contracts if c.large and c.releases and c.end_on <= soon]
    return Expected(as_of, months, by_rs, customers, contracts, no_successor)
