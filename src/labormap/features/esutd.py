"""ЕСУТД completeness in the reference month P: workers paid without a registered contract, and
registered contracts that received no contributions (both as known on D)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf, month_end, month_start
from labormap.features.frames import before, on_or_before, ratio
from labormap.features.sources import Sources
from labormap.features.workforce import visible_contracts


def esutd_completeness(src: Sources, a: AsOf) -> ir.Table:
    first, last = month_start(a.period), month_end(a.period)
    c = visible_contracts(src, a)
    # A contract covers P when it started by the month's end and was not known to have ended before it began.
    covers = on_or_before(c.start_on, last) & ~(c._ended & before(c.terminated_on, first))
    # It spans all of P when it started by the first day and did not end before the last day.
    spans = on_or_before(c.start_on, first) & ~(c._ended & before(c.terminated_on, last))
    # A contract that spans P also covers it (it started earlier and ended later), so one pass over the
    # contracts gives both per worker: "covered" for every group, "spanned" where any contract spans P.
    # One grouped scan and one outer join instead of two DISTINCT scans and two joins (issue 17: the
    # national rescoring spent 5 s here).
    cs = (
        c.filter(covers)
        .group_by(["employer_bin", "worker_pid"])
        .aggregate(_spans=spans.cast("int8").max())
        .mutate(_c=ibis.literal(1))
    )

    p = src["payments"]
    paid = p.filter(on_or_before(p.paid_on, a.date), p.period == a.period).select(
        "employer_bin", "worker_pid"
    )
    paid = paid.distinct().mutate(_p=ibis.literal(1))

    j0 = paid.outer_join(cs, (paid.employer_bin == cs.employer_bin) & (paid.worker_pid == cs.worker_pid))
    j0 = j0.select(
        employer_bin=ibis.coalesce(j0.employer_bin, j0.employer_bin_right),
        _p=j0._p,
        _c=j0._c,
        _spans=j0._spans,
    )
    paid_row = j0._p.notnull()
    span_row = j0._spans.fill_null(0) == 1
    j = j0.group_by("employer_bin").aggregate(
        _paid=j0.count(where=paid_row),
        _no_contract=j0.count(where=paid_row & j0._c.isnull()),
        _span=j0.count(where=span_row),
        _no_pay=j0.count(where=span_row & j0._p.isnull()),
    )
    # ratio() gives NULL on a zero denominator, as the separate joins gave NULL for a missing side
    return j.select(
        "employer_bin",
        paid_without_contract_share=ratio(j._no_contract, j._paid),
        contract_without_pay_share=ratio(j._no_pay, j._span),
    )
