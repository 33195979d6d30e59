"""Service-contract terms (Roadmap item 20): how long contractors' service contracts run.

Rules (as of D; see docs/layoffs.md):

- a contract's **duration in months** is its length in days (``end_on`` − ``start_on`` + 1) over 30.44,
  rounded — a contract signed on the 5th and running to the end of the 36th month is a 36-month contract;
- the buckets are < 6, 6–11, 12–23, 24–35 and ≥ 36 months; the distribution counts contracts known on D
  and started by D, with their workers, by customer, by the contractor's sector and by its region;
- a **chain of short contracts** is two or more consecutive contracts between the same customer and
  contractor, each shorter than 12 months, each starting no later than 92 days after the previous one
  ends; chains are flagged with their length and span;
- a contract's workers are its ``workers`` column, else the contractor's headcount on D;
- the **long-contract share** of a year is, over contracts in force on 31 December (on D for D's year),
  the workers on contracts of ≥ 36 months over all workers on contracts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from labormap.layoffs.common import create_employer_facts
from labormap.layoffs.expected import create_known_contracts
from labormap.scope import Scope

DAYS_PER_MONTH = 30.4375
BUCKETS = ("lt6", "6_11", "12_23", "24_35", "ge36")
SHORT_MONTHS = 12
LONG_MONTHS = 36
CHAIN_GAP_DAYS = 92

_MONTHS_SQL = f"CAST(round((date_diff('day', start_on, end_on) + 1) / {DAYS_PER_MONTH}) AS INTEGER)"
_BUCKET_SQL = (
    "CASE WHEN months < 6 THEN 'lt6' WHEN months < 12 THEN '6_11' WHEN months < 24 THEN '12_23' "
    "WHEN months < 36 THEN '24_35' ELSE 'ge36' END"
)


@dataclass(frozen=True, slots=True)
class DurationRow:
    by: str  # customer | sector | region | all
    key: str  # customer BIN, ОКЭД section, 2-digit KATO, or '' for all
    bucket: str
    contracts: int
    workers: int


@dataclass(frozen=True, slots=True)
class ShortChain:
    customer_bin: str
    contractor_bin: str
    contracts: int
    first_start: dt.date
    last_end: dt.date
    workers: int  # on the latest contract of the chain
    region: str
    sector: str


@dataclass(frozen=True, slots=True)
class LongShare:
    year: int
    workers: int
    workers_long: int

    @property
    def share(self) -> float | None:
        return self.workers_long / self.workers if self.workers else None


@dataclass
class Terms:
    as_of: dt.date
    durations: list[DurationRow]
    chains: list[ShortChain]
    long_share: list[LongShare]


def contract_terms(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    *,
    bins: Iterable[str] | Scope | None = None,
    region: str | None = None,
    first_year: int | None = None,
) -> Terms:
    d = as_of.isoformat()
    create_employer_facts(con, as_of)
    create_known_contracts(con, as_of, bins=bins, region=region)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _t AS
        SELECT k.*, {_MONTHS_SQL.replace("start_on", "k.start_on").replace("end_on", "k.end_on")} AS months,
               coalesce(k.workers, e.headcount, 0) AS w, coalesce(e.region, '') AS region, coalesce(e.sector, '') AS sector
        FROM _k k LEFT JOIN _emp e ON e.bin = k.employer_bin
        WHERE k.start_on <= DATE '{d}'
        """
    )
    durations = [
        DurationRow(str(by), str(key or ""), str(b), int(n), int(w))
        for by, key, b, n, w in con.execute(
            f"""
            WITH t AS (SELECT *, {_BUCKET_SQL} AS bucket FROM _t)
            SELECT CASE WHEN GROUPING(customer_bin) = 0 THEN 'customer' WHEN GROUPING(sector) = 0 THEN 'sector'
                        WHEN GROUPING(region) = 0 THEN 'region' ELSE 'all' END AS by,
                   coalesce(customer_bin, sector, region, '') AS key, bucket, count(*), sum(w)
            FROM t GROUP BY GROUPING SETS ((customer_bin, bucket), (sector, bucket), (region, bucket), (bucket))
            ORDER BY 1, 2, 3
            """
        ).fetchall()
    ]
    chains = [
        ShortChain(cb, kb, int(n), fs, le, int(w), r, s)
        for cb, kb, n, fs, le, w, r, s in con.execute(
            f"""
            WITH s AS (
                SELECT *, CASE WHEN lag(end_on) OVER w IS NULL
                               OR start_on > lag(end_on) OVER w + INTERVAL {CHAIN_GAP_DAYS} DAY THEN 1 ELSE 0 END AS brk
                FROM _t WHERE months < {SHORT_MONTHS}
                WINDOW w AS (PARTITION BY customer_bin, employer_bin ORDER BY start_on, contract_id)
            ), g AS (
                SELECT *, sum(brk) OVER (PARTITION BY customer_bin, employer_bin ORDER BY start_on, contract_id) AS chain
                FROM s
            )
            SELECT customer_bin, employer_bin, count(*), min(start_on), max(end_on), arg_max(w, start_on),
                   any_value(region), any_value(sector)
            FROM g GROUP BY customer_bin, employer_bin, chain HAVING count(*) >= 2
            ORDER BY count(*) DESC, customer_bin, employer_bin, min(start_on)
            """
        ).fetchall()
    ]
    first = con.execute("SELECT coalesce(min(year(start_on)), ?) FROM _t", [as_of.year]).fetchone()
    # the series starts with the first contract, or ten years back at most (a national history is long)
    y0 = first_year or max(int(first[0]) if first else as_of.year, as_of.year - 9)
    long_share: list[LongShare] = []
    for year in range(int(y0), as_of.year + 1):
        day = min(dt.date(year, 12, 31), as_of).isoformat()
        # known on that day, not only on D: the yearly series must not change when later years are loaded
        row = con.execute(
            f"""SELECT coalesce(sum(w), 0), coalesce(sum(w) FILTER (WHERE months >= {LONG_MONTHS}), 0) FROM _t
                WHERE start_on <= DATE '{day}' AND end_on >= DATE '{day}'
                  AND contract_id IN (SELECT contract_id FROM contractor_links
                                      WHERE coalesce(registered_on, start_on) <= DATE '{day}')"""
        ).fetchone()
        assert row is not None
        long_share.append(LongShare(year, int(row[0]), int(row[1])))
    return Terms(as_of, durations, chains, long_share)
