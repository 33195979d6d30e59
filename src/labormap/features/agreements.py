"""Accident insurance, trade union, and the collective agreement's status and expiry on D."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import after, before, join_left, on_or_before
from labormap.features.sources import Sources

EXPIRY_WINDOW_DAYS = 180
LAPSE_WINDOW_DAYS = 365


def agreements(src: Sources, a: AsOf, attrs: ir.Table) -> ir.Table:
    c = src["collective_agreements"]
    known = c.registered_on.fill_null(c.signed_on)
    c = c.filter(on_or_before(known, a.date), on_or_before(c.valid_from, a.date))
    in_force = c.valid_to >= ibis.literal(a.date, type="date")
    per = c.group_by("employer_bin").aggregate(
        _in_force=c.count(where=in_force),
        _last_to=c.valid_to.max(where=in_force),
        _lapsed=c.count(where=before(c.valid_to, a.date) & after(c.valid_to, a.days_back(LAPSE_WINDOW_DAYS))),
    )
    j = join_left(attrs, per, ["employer_bin"])
    ca_in_force = j._in_force.fill_null(0) > 0
    expiring = ca_in_force & on_or_before(j._last_to, a.days_ahead(EXPIRY_WINDOW_DAYS))
    lapsed = ~ca_in_force & (j._lapsed.fill_null(0) > 0)
    return j.select(
        "employer_bin",
        # Only an explicit "no" counts: an empty field means the profile does not say.
        no_accident_insurance=(~j.accident_insurance).fill_null(False).cast("int64"),
        union_present=j.union_present.fill_null(False).cast("int64"),
        ca_in_force=ca_in_force.cast("int64"),
        ca_expiring_180d=expiring.fill_null(False).cast("int64"),
        ca_lapsed_365d=lapsed.cast("int64"),
    )
