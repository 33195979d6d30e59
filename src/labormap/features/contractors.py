"""Contractor exposure: service contracts with large customers ending or just ended, and staff
reductions at the customers (the typical path to a conflict at an oil-services contractor)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import after, before, join_left, on_or_before, ratio
from labormap.features.sources import Sources

ENDING_WINDOW_DAYS = 90


def contractors(src: Sources, a: AsOf, workforce: ir.Table) -> ir.Table:
    """``workforce`` gives each employer's ``_staff`` and ``_reduction_6m`` (for customers and shares)."""
    k = src["contractor_links"]
    known = k.registered_on.fill_null(k.start_on)
    k = k.filter(on_or_before(known, a.date), on_or_before(k.start_on, a.date))
    active = k.end_on >= ibis.literal(a.date, type="date")
    ending = active & on_or_before(k.end_on, a.days_ahead(ENDING_WINDOW_DAYS))
    ended = before(k.end_on, a.date) & after(k.end_on, a.days_back(ENDING_WINDOW_DAYS))
    own = k.group_by("employer_bin").aggregate(
        service_contracts_active=k.count(where=active),
        _ending_workers=k.workers.sum(where=ending),
        _ended_workers=k.workers.sum(where=ended),
    )
    # Customers' reductions: each active customer counted once per contractor.
    cust = k.filter(active).select("employer_bin", "customer_bin").distinct()
    wf = workforce.select(
        customer_bin=workforce.employer_bin, _c_red=workforce._reduction_6m, _c_staff=workforce._staff
    )
    cj = join_left(cust, wf, ["customer_bin"], how="inner")
    cr = cj.group_by("employer_bin").aggregate(_red=cj._c_red.sum(), _cstaff=cj._c_staff.sum())
    j = join_left(
        join_left(own, cr, ["employer_bin"]), workforce.select("employer_bin", "_staff"), ["employer_bin"]
    )
    staff = j._staff.fill_null(1)
    return j.select(
        employer_bin=j.employer_bin,
        service_contracts_active=j.service_contracts_active,
        # a contract may name more workers than are on staff now: the share is capped at the whole staff
        contract_workers_ending_90d_share=ibis.least(ratio(j._ending_workers.fill_null(0), staff), 1.0),
        contract_workers_ended_90d_share=ibis.least(ratio(j._ended_workers.fill_null(0), staff), 1.0),
        customer_reduction_share_6m=ratio(j._red, j._cstaff),
    )
