"""Wage-raise plans against later payments (Roadmap item 12) and the annual report by region.

A plan (kept by an akimat or entered by an employer in the web app) names the employer, the target raise
in percent, the base income month (the reference month when it was made), the date by which the raise
is due and the workers it covers. The actual raise is the change of the employer's median declared
income from the base month to the check month: the month of the due date once it has passed, otherwise
the reference month of D (progress so far). Only ratios and counts leave this module.

Status: ``met`` (actual ≥ target), ``behind`` (due date passed, target not reached), ``in_progress``
(due date still ahead), ``no_data`` (no payments for the base or the check month).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from labormap.features.asof import reference_period
from labormap.layoffs.lowpay import period_counts_sql

STATUSES = ("met", "behind", "in_progress", "no_data")


@dataclass(frozen=True, slots=True)
class Plan:
    plan_id: str
    employer_bin: str
    target_raise_pct: float
    base_period: str  # YYYY-MM
    due_on: dt.date
    workers_covered: int
    region: str = ""


@dataclass(frozen=True, slots=True)
class PlanActual:
    plan_id: str
    employer_bin: str
    region: str
    target_raise_pct: float
    workers_covered: int
    due_on: dt.date
    base_period: str
    check_period: str
    actual_raise_pct: float | None
    low_paid_base: int | None  # workers below 1.1 МЗП in the base month
    low_paid_now: int | None
    status: str


def check_period(plan: Plan, as_of: dt.date) -> str:
    ref = reference_period(as_of)
    due = f"{plan.due_on.year:04d}-{plan.due_on.month:02d}"
    return min(ref, due)


def track_plans(con: duckdb.DuckDBPyConnection, plans: Iterable[Plan], as_of: dt.date) -> list[PlanActual]:
    plans = list(plans)
    periods = sorted({p.base_period for p in plans} | {check_period(p, as_of) for p in plans})
    figures: dict[tuple[str, str], tuple[int, float]] = {}
    bins = sorted({p.employer_bin for p in plans})
    if bins:
        con.execute("CREATE OR REPLACE TEMP TABLE _plan_bins (bin VARCHAR)")
        con.executemany("INSERT INTO _plan_bins VALUES (?)", [(b,) for b in bins])
    for per in periods if bins else []:
        for b, _w, low, med in con.execute(
            f"SELECT * FROM ({period_counts_sql(per, as_of)}) WHERE employer_bin IN (SELECT bin FROM _plan_bins)"
        ).fetchall():
            figures[(b, per)] = (int(low), float(med))
    out = []
    for p in plans:
        cp = check_period(p, as_of)
        base, now = figures.get((p.employer_bin, p.base_period)), figures.get((p.employer_bin, cp))
        if base is None or now is None or base[1] <= 0 or cp <= p.base_period:
            raise_pct, status = None, "no_data"
        else:
            raise_pct = round((now[1] / base[1] - 1) * 100, 1)
            if raise_pct >= p.target_raise_pct:
                status = "met"
            elif p.due_on <= as_of:
                status = "behind"
            else:
                status = "in_progress"
        out.append(
            PlanActual(
                p.plan_id,
                p.employer_bin,
                p.region,
                p.target_raise_pct,
                p.workers_covered,
                p.due_on,
                p.base_period,
                cp,
                raise_pct,
                base[0] if base else None,
                now[0] if now else None,
                status,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class RegionYear:
    region: str
    plans: int
    workers_covered: int
    met: int
    behind: int
    in_progress: int
    no_data: int
    target_raise_pct: float | None  # mean over plans
    actual_raise_pct: float | None  # mean over plans with data


def annual_report(actuals: Iterable[PlanActual], year: int) -> list[RegionYear]:
    """Plans due in ``year``, by region."""
    groups: dict[str, list[PlanActual]] = {}
    for a in actuals:
        if a.due_on.year == year:
            groups.setdefault(a.region, []).append(a)
    rows = []
    for region, items in sorted(groups.items()):
        with_data = [a.actual_raise_pct for a in items if a.actual_raise_pct is not None]
        n = {s: sum(a.status == s for a in items) for s in STATUSES}
        rows.append(
            RegionYear(
                region=region,
                plans=len(items),
                workers_covered=sum(a.workers_covered for a in items),
                met=n["met"],
                behind=n["behind"],
                in_progress=n["in_progress"],
                no_data=n["no_data"],
                target_raise_pct=round(sum(a.target_raise_pct for a in items) / len(items), 1),
                actual_raise_pct=round(sum(with_data) / len(with_data), 1) if with_data else None,
            )
        )
    return rows
