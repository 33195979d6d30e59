"""Contribution discipline over the 12 income months ending with P: late, missing and short payments of
ОПВ (pension), СО (social insurance) and ООСМС (health insurance).

A payment is late when ``paid_on`` is after the 25th of the next month; short when it is below 95% of
what the rates of that year require (the 5% absorbs rounding). СО (on income less ОПВ) and ОСМС are checked
against the lower bound of what is due (rate × base, capped), so that a correct payer is never flagged.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from labormap.features.asof import AsOf, month_index, period_params
from labormap.features.frames import on_or_before, ratio, small_table
from labormap.features.sources import Sources

SHORT_TOLERANCE = 0.95


def period_rules(a: AsOf) -> ir.Table:
    """The contribution rules of each income month of the window, as a small in-memory table."""
    rows = [period_params(p) for p in a.window]
    return small_table(
        {
            "_period": [r.period for r in rows],
            "_idx": [month_index(r.period) for r in rows],
            "_deadline": [r.deadline for r in rows],
            "_opv_rate": [r.opv_rate for r in rows],
            "_opv_cap": [r.opv_cap for r in rows],
            "_so_rate": [r.so_rate for r in rows],
            "_so_max": [r.so_max for r in rows],
            "_oosms_rate": [r.oosms_rate for r in rows],
            "_osms_cap": [r.osms_cap for r in rows],
        },
        {
            "_period": "string",
            "_idx": "int64",
            "_deadline": "date",
            "_opv_rate": "float64",
            "_opv_cap": "float64",
            "_so_rate": "float64",
            "_so_max": "float64",
            "_oosms_rate": "float64",
            "_osms_cap": "float64",
        },
    )


def contributions(src: Sources, a: AsOf) -> ir.Table:
    p = src["payments"]
    p = p.filter(on_or_before(p.paid_on, a.date), p.period.isin(list(a.window)))
    rules = period_rules(a)
    j = p.join(rules, p.period == rules._period)
    late = j.paid_on > j._deadline
    opv_due = j._opv_rate * ibis.least(j.income, j._opv_cap)
    opv_short = j.opv.fill_null(0.0) < SHORT_TOLERANCE * opv_due
    # СО is due on income less ОПВ, within 1–7 МЗП; the lower bound ignores the 1 МЗП floor.
    so_short = j.so.fill_null(0.0) < SHORT_TOLERANCE * j._so_rate * ibis.least(j.income - opv_due, j._so_max)
    osms_due = j._oosms_rate > 0
    osms_short = osms_due & (
        j.oosms.fill_null(0.0) < SHORT_TOLERANCE * j._oosms_rate * ibis.least(j.income, j._osms_cap)
    )
    # Positive income only: a zero-income month owes nothing and must not count as short.
    owed = j.income > 0
    monthly = j.group_by(["employer_bin", "_idx"]).aggregate(
        _n=j.count(),
        _late=j.count(where=late),
        _opv_short=j.count(where=owed & opv_short),
        _so_short=j.count(where=owed & so_short),
        _osms_due=j.count(where=osms_due & owed),
        _osms_short=j.count(where=owed & osms_short),
    )
    m = monthly
    per = m.group_by("employer_bin").aggregate(
        _wm=m._n.sum(),
        _late=m._late.sum(),
        contrib_late_months_12m=m.count(where=m._late > 0),
        _paid_months=m.count(),
        _first=m._idx.min(),
        _opv_short=m._opv_short.sum(),
        _so_short=m._so_short.sum(),
        _osms_due=m._osms_due.sum(),
        _osms_short=m._osms_short.sum(),
    )
    last = month_index(a.period)
    return per.select(
        "employer_bin",
        contrib_late_share_12m=ratio(per._late, per._wm),
        contrib_late_months_12m=per.contrib_late_months_12m,
        # Months since the first paid month of the window with no contribution known on D.
        contrib_missing_months_12m=(ibis.literal(last) - per._first + 1 - per._paid_months),
        opv_short_share_12m=ratio(per._opv_short, per._wm),
        so_short_share_12m=ratio(per._so_short, per._wm),
        osms_short_share_12m=ratio(per._osms_short, per._osms_due),
        _wm_12m=per._wm,
    )
