"""The straightforward pandas implementation of the payments-driven features, for the scoring benchmark.

It computes, for a sample of employers loaded into pandas, the same workforce, wage and contribution
features as the Ibis expressions (headcount and its change, payroll change, median wage, p90/p50, share
near the minimum wage, late / missing / short contributions), written the way an analyst would: boolean
masks, ``groupby``, ``apply`` with Python functions per group. The benchmark checks that both agree.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from labormap.features.asof import AsOf, month_index, period_params
from labormap.features.contributions import SHORT_TOLERANCE
from labormap.features.wages import NEAR_MIN_WAGE

FEATURES = (
    "headcount",
    "headcount_change_3m",
    "headcount_change_6m",
    "headcount_change_12m",
    "payroll_change_3m",
    "median_wage",
    "pay_gap_p90_p50",
    "share_near_min_wage",
    "contrib_late_share_12m",
    "contrib_late_months_12m",
    "contrib_missing_months_12m",
    "opv_short_share_12m",
    "so_short_share_12m",
    "osms_short_share_12m",
)


def _nearest_rank(values: pd.Series, q: float) -> float:
    v = np.sort(values.to_numpy())
    return float(v[math.ceil(q * len(v)) - 1])


def _rel(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a.fillna(0) - b) / b.where(b != 0)


def payment_features(pay: pd.DataFrame, as_of: object) -> pd.DataFrame:
    """``pay``: employer_bin, worker_pid, period, income, opv, so, oosms, paid_on (datetime64)."""
    a = AsOf.of(as_of)  # type: ignore[arg-type]
    pay = pay[pay["paid_on"] <= pd.Timestamp(a.date)]
    out = pd.DataFrame(index=pd.Index(sorted(pay["employer_bin"].unique()), name="employer_bin"))
    hc = {k: pay[pay["period"] == a.period_back(k)].groupby("employer_bin").size() for k in (0, 3, 6, 12)}
    payroll = {
        k: pay[pay["period"] == a.period_back(k)].groupby("employer_bin")["income"].sum() for k in (0, 3)
    }
    out["headcount"] = hc[0].reindex(out.index).fillna(0)
    for k in (3, 6, 12):
        out[f"headcount_change_{k}m"] = _rel(hc[0].reindex(out.index), hc[k].reindex(out.index))
    out["payroll_change_3m"] = _rel(payroll[0].reindex(out.index), payroll[3].reindex(out.index))

    cur = pay[pay["period"] == a.period]
    g = cur.groupby("employer_bin")["income"]
    out["median_wage"] = g.apply(lambda s: _nearest_rank(s, 0.5)).reindex(out.index)
    out["pay_gap_p90_p50"] = g.apply(lambda s: _nearest_rank(s, 0.9)).reindex(out.index) / out["median_wage"]
    mzp = period_params(a.period).mzp
    out["share_near_min_wage"] = (cur["income"] <= NEAR_MIN_WAGE * mzp).groupby(cur["employer_bin"]).mean()
    out["share_near_min_wage"] = out["share_near_min_wage"].fillna(0)

    win = pay[pay["period"].isin(a.window)].copy()
    rules = pd.DataFrame([dataclasses.asdict(period_params(p)) for p in a.window])
    win = win.merge(rules, on="period")
    opv_due = win["opv_rate"] * np.minimum(win["income"], win["opv_cap"])
    win["late"] = win["paid_on"] > pd.to_datetime(win["deadline"])
    owed = win["income"] > 0
    win["opv_short"] = owed & (win["opv"].fillna(0) < SHORT_TOLERANCE * opv_due)
    win["so_short"] = owed & (
        win["so"].fillna(0)
        < SHORT_TOLERANCE * win["so_rate"] * np.minimum(win["income"] - opv_due, win["so_max"])
    )
    win["osms_due"] = owed & (win["oosms_rate"] > 0)
    win["osms_short"] = win["osms_due"] & (
        win["oosms"].fillna(0)
        < SHORT_TOLERANCE * win["oosms_rate"] * np.minimum(win["income"], win["osms_cap"])
    )
    per = (
        win.groupby(["employer_bin", "period"])
        .agg(
            n=("income", "size"),
            late=("late", "sum"),
            opv_short=("opv_short", "sum"),
            so_short=("so_short", "sum"),
            osms_due=("osms_due", "sum"),
            osms_short=("osms_short", "sum"),
        )
        .reset_index()
    )
    per["idx"] = per["period"].map(month_index)
    e = per.groupby("employer_bin").agg(
        wm=("n", "sum"),
        late=("late", "sum"),
        late_months=("late", lambda s: int((s > 0).sum())),
        paid_months=("n", "size"),
        first=("idx", "min"),
        opv_short=("opv_short", "sum"),
        so_short=("so_short", "sum"),
        osms_due=("osms_due", "sum"),
        osms_short=("osms_short", "sum"),
    )
    e = e.reindex(out.index)
    out["contrib_late_share_12m"] = (e["late"] / e["wm"]).fillna(0)
    out["contrib_late_months_12m"] = e["late_months"].fillna(0)
    out["contrib_missing_months_12m"] = (month_index(a.period) - e["first"] + 1 - e["paid_months"]).fillna(0)
    out["opv_short_share_12m"] = (e["opv_short"] / e["wm"]).fillna(0)
    out["so_short_share_12m"] = (e["so_short"] / e["wm"]).fillna(0)
    out["osms_short_share_12m"] = (e["osms_short"] / e["osms_due"].where(e["osms_due"] != 0)).fillna(0)
    return out
