"""Wage arrears found by inspectors, overdue inspector orders, and wage enforcement proceedings on D.

A case is open on D when it was found by D and not repaid by D; a proceeding is open when it was opened
by D and not closed by D. The registry's current ``status`` is not used: it tells the present, not D.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import after, before, on_or_before, ratio
from labormap.features.sources import Sources


def arrears(src: Sources, a: AsOf) -> ir.Table:
    r = src["arrears"]
    r = r.filter(on_or_before(r.found_on, a.date))
    open_ = r.repaid_on.isnull() | after(r.repaid_on, a.date)
    overdue = open_ & r.order_due_on.notnull() & before(r.order_due_on, a.date)
    ar = r.group_by("employer_bin").aggregate(
        arrears_open_cases=r.count(where=open_),
        arrears_workers=r.workers.sum(where=open_),
        arrears_months=r.months.max(where=open_),
        _amount=r.amount_kzt.sum(where=open_),
        arrears_cases_3y=r.count(where=after(r.found_on, a.days_back(1095))),
        overdue_orders=r.count(where=overdue.fill_null(False)),
    )
    ar = ar.select(
        "employer_bin",
        "arrears_open_cases",
        "arrears_workers",
        "arrears_months",
        arrears_amount_per_worker=ratio(ar._amount, ar.arrears_workers),
        arrears_cases_3y=ar.arrears_cases_3y,
        overdue_orders=ar.overdue_orders,
    )
    x = src["enforcement"]
    x = x.filter(on_or_before(x.opened_on, a.date))
    x_open = x.closed_on.isnull() | after(x.closed_on, a.date)
    en = x.group_by("employer_bin").aggregate(
        enforcement_open=x.count(where=x_open),
        enforcement_amount_kzt=x.amount_kzt.sum(where=x_open),
    )
    j = ar.outer_join(en, ar.employer_bin == en.employer_bin)
    return j.select(
        employer_bin=ibis.coalesce(j.employer_bin, j.employer_bin_right),
        **{c: j[c] for c in ar.columns if c != "employer_bin"},
        **{c: j[c] for c in en.columns if c != "employer_bin"},
    )
