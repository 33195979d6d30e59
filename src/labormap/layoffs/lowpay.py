"""Low-paid workers (Roadmap item 12): per employer, workers paid below 1.1 МЗП and below the median pay
of their region and of their sector — counts only, never a worker's pay.

Rules (as of D; see docs/layoffs.md): the income month is the reference month P of D (the latest month
whose contributions were due by D, features/asof.py); a worker counts once per employer, with the
income declared for P in a payment made by D. МЗП is the one in force in P's year
(``labormap.reference.parameters``). The medians are over every worker-month of P in the region (the
employer's 2-digit КАТО) and in the sector (ОКЭД section) across the whole country, so that a scope
limit never changes them. Part-time workers are counted as paid: payments carry no work rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from labormap.features.asof import reference_period
from labormap.layoffs.common import create_employer_facts, set_scope
from labormap.reference.parameters import parameters_for
from labormap.scope import Scope

MZP_FACTOR = 1.1


@dataclass(frozen=True, slots=True)
class LowPayRow:
    employer_bin: str
    name: str
    region: str
    sector: str
    workers: int
    below_mzp: int  # paid below 1.1 МЗП
    below_region_median: int
    below_sector_median: int


@dataclass(frozen=True, slots=True)
class RegionLowPay:
    region: str
    employers: int  # employers with at least one worker below 1.1 МЗП
    workers: int
    below_mzp: int


@dataclass
class LowPay:
    as_of: dt.date
    period: str
    mzp: int
    threshold: float
    employers: list[LowPayRow]
    regions: list[RegionLowPay]


def period_counts_sql(period: str, as_of: dt.date) -> str:
    """Per employer for one income month: workers, those below 1.1 МЗП, and the median income (internal)."""
    mzp = parameters_for(int(period[:4])).mzp
    return f"""
        SELECT employer_bin, count(*) AS workers, count(*) FILTER (WHERE income < {MZP_FACTOR * mzp}) AS below_mzp,
               median(income) AS median_income
        FROM payments WHERE period = '{period}' AND paid_on <= DATE '{as_of.isoformat()}' GROUP BY 1"""


def low_pay(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    *,
    bins: Iterable[str] | Scope | None = None,
    region: str | None = None,
    only_low: bool = True,
) -> LowPay:
    """Counts per employer (those with any worker below 1.1 МЗП unless ``only_low`` is False)."""
    period = reference_period(as_of)
    mzp = parameters_for(int(period[:4])).mzp
    thr = MZP_FACTOR * mzp
    create_employer_facts(con, as_of)
    scoped = set_scope(con, bins)
    conds = ["true"]
    if scoped:
        conds.append("p.employer_bin IN (SELECT bin FROM _scope)")
    if region:
        conds.append("e.region = $region")
    having = f"HAVING count(*) FILTER (WHERE p.income < {thr}) > 0" if only_low else ""
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _p AS
        SELECT p.employer_bin, p.income, coalesce(e.region, '') AS region, coalesce(e.sector, '') AS sector
        FROM payments p LEFT JOIN _emp e ON e.bin = p.employer_bin
        WHERE p.period = '{period}' AND p.paid_on <= DATE '{as_of.isoformat()}'
        """
    )
    rows = con.execute(
        f"""
        WITH rm AS (SELECT region, median(income) AS m FROM _p GROUP BY 1),
             sm AS (SELECT sector, median(income) AS m FROM _p GROUP BY 1)
        SELECT p.employer_bin, coalesce(any_value(e.name), ''), any_value(p.region), any_value(p.sector), count(*),
               count(*) FILTER (WHERE p.income < {thr}),
               count(*) FILTER (WHERE p.income < rm.m),
               count(*) FILTER (WHERE p.income < sm.m)
        FROM _p p JOIN rm ON rm.region = p.region JOIN sm ON sm.sector = p.sector
        LEFT JOIN _emp e ON e.bin = p.employer_bin
        WHERE {" AND ".join(conds)}
        GROUP BY p.employer_bin {having}
        ORDER BY 6 DESC, 1
        """,
        {"region": region} if region else None,
    ).fetchall()
    employers = [LowPayRow(r[0], r[1], r[2], r[3], *(int(x) for x in r[4:])) for r in rows]
    by_region: dict[str, list[int]] = {}
    for e in employers:
        acc = by_region.setdefault(e.region, [0, 0, 0])
        acc[0] += e.below_mzp > 0
        acc[1] += e.workers
        acc[2] += e.below_mzp
    regions = [RegionLowPay(r, *v) for r, v in sorted(by_region.items())]
    return LowPay(as_of, period, mzp, thr, employers, regions)
