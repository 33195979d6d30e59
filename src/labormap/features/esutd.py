"""ЕСУТД completeness in the reference month P: workers paid without a registered contract, and
registered contracts that received no contributions (both as known on D)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf, month_end, month_start
from labormap.features.frames import before, join_left, on_or_before, ratio
from labormap.features.sources import Sources
from labormap.features.workforce import visible_contracts


def esutd_completeness(src: Sources, a: AsOf) -> ir.Table:
    first, last = month_start(a.period), month_end(a.period)
    c = visible_contracts(src, a)
    # A contract covers P when it started by the month's end and was not known to have ended before it began.
    covers = on_or_before(c.start_on, last) & ~(c._ended & before(c.terminated_on, first))
    # It spans all of P when it started by the first day and did not end before the last day.
    spans = on_or_before(c.start_on, first) & ~(c._ended & before(c.terminated_on, last))
    cov = c.filter(covers).select("employer_bin", "worker_pid").distinct()
    span = c.filter(spans).select("employer_bin", "worker_pid").distinct()

    p = src["payments"]
    paid = p.filter(on_or_before(p.paid_on, a.date), p.period == a.period).select(
        "employer_bin", "worker_pid"
    )
    paid = paid.distinct()

    pc = join_left(paid, cov.mutate(_c=ibis.literal(1)), ["employer_bin", "worker_pid"])
    pc_agg = pc.group_by("employer_bin").aggregate(
        _paid=pc.count(), _no_contract=pc.count(where=pc._c.isnull())
    )
    sp = join_left(span, paid.mutate(_p=ibis.literal(1)), ["employer_bin", "worker_pid"])
    sp_agg = sp.group_by("employer_bin").aggregate(_span=sp.count(), _no_pay=sp.count(where=sp._p.isnull()))
    j = pc_agg.outer_join(sp_agg, pc_agg.employer_bin == sp_agg.employer_bin)
    return j.select(
        employer_bin=ibis.coalesce(j.employer_bin, j.employer_bin_right),
        paid_without_contract_share=ratio(j._no_contract, j._paid),
        contract_without_pay_share=ratio(j._no_pay, j._span),
    )
