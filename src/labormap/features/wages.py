"""Median wage and its real change, wage against peers and against the minimum tariff, low pay, pay gap.

Wages are the declared monthly incomes of the reference month P (contributions paid by D). Medians and
p90 are nearest-rank quantiles (see :mod:`labormap.features.frames`), so DuckDB and Spark agree exactly.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf, period_params
from labormap.features.frames import join_left, on_or_before, quantile_at, ratio, small_table, with_ranks
from labormap.features.sources import Sources
from labormap.reference.oked import OKED_SECTIONS
from labormap.reference.regions import REGIONS

# "Near the minimum wage": declared income at most 10% above МЗП.
NEAR_MIN_WAGE = 1.10


def region_sector_grid() -> ir.Table:
    regions = sorted(REGIONS)
    sections = sorted(OKED_SECTIONS)
    return small_table(
        {"region": [r for r in regions for _ in sections], "sector": [s for _ in regions for s in sections]},
        {"region": "string", "sector": "string"},
    )


def sector_tariffs(src: Sources, a: AsOf) -> ir.Table:
    """Highest minimum tariff of the general, sectoral and regional agreements in force on D, per
    (region, sector): the floor a worker of that region and sector may not be paid below."""
    s = src["sector_agreements"]
    s = s.filter(on_or_before(s.valid_from, a.date), s.valid_to >= ibis.literal(a.date, type="date"))
    g = region_sector_grid()
    j = g.cross_join(s)
    applies = (j.region_right.isnull() | (j.region_right == j.region)) & (
        j.oked_section.isnull() | (j.oked_section == j.sector)
    )
    j = j.filter(applies)
    return j.group_by(["region", "sector"]).aggregate(_sector_tariff=j.min_tariff_kzt.max())


def agreement_tariffs(src: Sources, a: AsOf) -> ir.Table:
    """Minimum tariff of the employer's own collective agreement in force on D."""
    c = src["collective_agreements"]
    known = c.registered_on.fill_null(c.signed_on)
    c = c.filter(
        on_or_before(known, a.date),
        on_or_before(c.valid_from, a.date),
        c.valid_to >= ibis.literal(a.date, type="date"),
    )
    return c.group_by("employer_bin").aggregate(_ca_tariff=c.min_tariff_kzt.max())


def employer_tariffs(src: Sources, a: AsOf, attrs: ir.Table) -> ir.Table:
    st = sector_tariffs(src, a)
    ct = agreement_tariffs(src, a)
    j = join_left(join_left(attrs, st, ["region", "sector"]), ct, ["employer_bin"])
    tariff = ibis.greatest(j._sector_tariff.fill_null(0.0), j._ca_tariff.fill_null(0.0)).nullif(0.0)
    return j.select("employer_bin", _tariff=tariff)


def wages(src: Sources, a: AsOf, attrs: ir.Table) -> ir.Table:
    """Per employer: the wage features (``attrs`` gives region and sector for peers and tariffs)."""
    p0, p12 = a.period, a.period_back(12)
    pp0, pp12 = period_params(p0), period_params(p12)
    p = src["payments"]
    p = p.filter(on_or_before(p.paid_on, a.date), p.period.isin([p0, p12]))
    p = p.select("employer_bin", "period", "income")
    tariffs = employer_tariffs(src, a, attrs)
    p = join_left(p, tariffs, ["employer_bin"])
    r = with_ranks(p, ["employer_bin", "period"], "income")
    now = r.period == p0
    per = r.group_by("employer_bin").aggregate(
        median_wage=quantile_at(r, "income", 0.5, now),
        _p90=quantile_at(r, "income", 0.9, now),
        _median12=quantile_at(r, "income", 0.5, r.period == p12),
        _n0=r.count(where=now),
        _near_min=r.count(where=now & (r.income <= NEAR_MIN_WAGE * pp0.mzp)),
        _below_tariff=r.count(where=now & r._tariff.notnull() & (r.income < r._tariff)),
        _tariff=r._tariff.max(),
    )
    # Peers: the median over the employers of a region and sector of their median wages.
    med = per.filter(per.median_wage.notnull()).select("employer_bin", "median_wage")
    med = join_left(med, attrs.select("employer_bin", "region", "sector"), ["employer_bin"], how="inner")
    rk = with_ranks(med, ["region", "sector"], "median_wage")
    peers = rk.group_by(["region", "sector"]).aggregate(_peer_median=quantile_at(rk, "median_wage", 0.5))
    j = join_left(per, attrs.select("employer_bin", "region", "sector"), ["employer_bin"], how="inner")
    j = join_left(j, peers, ["region", "sector"])
    inflation = pp0.price / pp12.price
    return j.select(
        "employer_bin",
        median_wage=j.median_wage,
        median_wage_real_change_12m=ratio(j.median_wage, j._median12) / inflation - 1.0,
        wage_vs_peers=ratio(j.median_wage, j._peer_median),
        wage_vs_tariff=ratio(j.median_wage, j._tariff),
        share_below_tariff=ratio(j._below_tariff, j._n0),
        share_near_min_wage=ratio(j._near_min, j._n0),
        pay_gap_p90_p50=ratio(j._p90, j.median_wage),
    )
