"""Headcount and its change, hires, terminations by ground, turnover, payroll, ЕСУТД timeliness.

Payments give who was actually paid for an income month (visible once ``paid_on`` ≤ D); ЕСУТД gives
contracts (visible once ``registered_on`` ≤ D) and terminations (visible once the termination itself was
registered, ``termination_registered_on`` ≤ D, falling back to the termination date when it is missing).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import after, on_or_before, ratio
from labormap.features.sources import Sources
from labormap.reference.esutd import ESUTD_DEADLINES, TERMINATION_GROUNDS

REDUCTION_GROUNDS = tuple(
    g.code for g in TERMINATION_GROUNDS.values() if g.collective and g.code != "liquidation"
)
LIQUIDATION_GROUNDS = ("liquidation",)

# ЕСУТД deadlines are in working days; 5 working days span at most 7 calendar days and 3 at most 5
# (a weekend inside), so an entry later than that is late whatever the weekday.
START_GRACE_DAYS = ESUTD_DEADLINES["contract_start"].days + 2
END_GRACE_DAYS = ESUTD_DEADLINES["contract_end"].days + 2


def visible_contracts(src: Sources, a: AsOf) -> ir.Table:
    """Contracts registered by D, with ``_ended`` (a termination known on D) flagged."""
    c = src["contracts"]
    c = c.filter(on_or_before(c.registered_on, a.date))
    term_known = c.termination_registered_on.fill_null(c.terminated_on)
    ended = (
        c.terminated_on.notnull() & on_or_before(c.terminated_on, a.date) & on_or_before(term_known, a.date)
    )
    return c.mutate(_ended=ended.fill_null(False))


def payment_counts(src: Sources, a: AsOf) -> ir.Table:
    """Workers and payroll paid for P, P−3, P−6, P−12 (as known on D)."""
    p = src["payments"]
    lags = {0: a.period, 3: a.period_back(3), 6: a.period_back(6), 12: a.period_back(12)}
    p = p.filter(on_or_before(p.paid_on, a.date), p.period.isin(list(lags.values())))
    aggs: dict[str, ir.Value] = {}
    for k, per in lags.items():
        aggs[f"_hc{k}"] = p.count(where=p.period == per)
    for k in (0, 3):
        aggs[f"_payroll{k}"] = p.income.sum(where=p.period == lags[k])
    return p.group_by("employer_bin").aggregate(**aggs)


def contract_counts(src: Sources, a: AsOf) -> ir.Table:
    c = visible_contracts(src, a)
    d = a.date
    started = on_or_before(c.start_on, d)
    start_12m = started & after(c.start_on, a.days_back(365))
    ended_12m = c._ended & after(c.terminated_on, a.days_back(365))
    reduction = c.termination_ground.isin(list(REDUCTION_GROUNDS))
    late_start = start_12m & (c.registered_on > c.start_on + ibis.interval(days=START_GRACE_DAYS))
    late_end = ended_12m & (
        c.termination_registered_on.notnull()
        & (c.termination_registered_on > c.terminated_on + ibis.interval(days=END_GRACE_DAYS))
    )
    return c.group_by("employer_bin").aggregate(
        esutd_headcount=c.count(where=started & ~c._ended),
        hires_12m=c.count(where=start_12m),
        terminations_12m=c.count(where=ended_12m),
        reduction_terminations_3m=c.count(
            where=c._ended & reduction & after(c.terminated_on, a.days_back(91))
        ),
        _reduction_6m=c.count(where=c._ended & reduction & after(c.terminated_on, a.days_back(182))),
        reduction_terminations_12m=c.count(where=ended_12m & reduction),
        liquidation_terminations_12m=c.count(
            where=ended_12m & c.termination_ground.isin(list(LIQUIDATION_GROUNDS))
        ),
        _esutd_events_12m=c.count(where=start_12m) + c.count(where=ended_12m),
        _esutd_late_12m=c.count(where=late_start.fill_null(False)) + c.count(where=late_end.fill_null(False)),
    )


def workforce(src: Sources, a: AsOf) -> ir.Table:
    """Per employer: the workforce features plus ``_staff`` (the denominator other families share)."""
    pc = payment_counts(src, a)
    cc = contract_counts(src, a)
    j = pc.outer_join(cc, pc.employer_bin == cc.employer_bin)
    j = j.select(
        employer_bin=ibis.coalesce(j.employer_bin, j.employer_bin_right),
        **{c: j[c] for c in pc.columns if c != "employer_bin"},
        **{c: j[c] for c in cc.columns if c != "employer_bin"},
    )
    hc0 = j._hc0.fill_null(0)
    staff = ibis.greatest(hc0, j.esutd_headcount.fill_null(0), 1)
    return j.select(
        "employer_bin",
        headcount=hc0,
        headcount_change_3m=ratio(hc0 - j._hc3, j._hc3),
        headcount_change_6m=ratio(hc0 - j._hc6, j._hc6),
        headcount_change_12m=ratio(hc0 - j._hc12, j._hc12),
        esutd_headcount=j.esutd_headcount,
        hires_12m=j.hires_12m,
        terminations_12m=j.terminations_12m,
        reduction_terminations_3m=j.reduction_terminations_3m,
        reduction_terminations_12m=j.reduction_terminations_12m,
        liquidation_terminations_12m=j.liquidation_terminations_12m,
        turnover_12m=ratio(j.terminations_12m.fill_null(0), staff),
        # reductions over the staff before them (today's staff plus those reduced), so at most 1
        reduction_share_12m=ratio(
            j.reduction_terminations_12m.fill_null(0), staff + j.reduction_terminations_12m.fill_null(0)
        ),
        payroll_change_3m=ratio(j._payroll0.fill_null(0) - j._payroll3, j._payroll3),
        esutd_late_share_12m=ratio(j._esutd_late_12m, j._esutd_events_12m),
        _staff=staff,
        _reduction_6m=j._reduction_6m.fill_null(0),
        _hc12m_any=j._hc0.fill_null(0) + j._hc3.fill_null(0) + j._hc6.fill_null(0),
    )
