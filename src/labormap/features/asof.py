"""As-of calendar: which income months and date bounds a feature table at date D may look at.

Everything here is plain Python on the as-of date, so the Ibis expressions only compare columns with
literals: the same SQL runs on every engine and no row can depend on the machine's clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labormap.reference.parameters import contribution_deadline, parameters_for, price_index


def month_index(period: str) -> int:
    """'YYYY-MM' as a month counter (year*12 + month - 1), so that months can be subtracted."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def period_of_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shift_period(period: str, months: int) -> str:
    return period_of_index(month_index(period) + months)


def reference_period(as_of: dt.date) -> str:
    """The latest income month whose contributions were due by ``as_of`` (the 25th of the next month).

    Using a month whose deadline has passed means an employer that simply pays on time is complete;
    a month still open would make every employer look as if it had lost staff.
    """
    period = f"{as_of.year:04d}-{as_of.month:02d}"
    while contribution_deadline(period) > as_of:
        period = shift_period(period, -1)
    return period


def month_start(period: str) -> dt.date:
    return dt.date(int(period[:4]), int(period[5:7]), 1)


def month_end(period: str) -> dt.date:
    return month_start(shift_period(period, 1)) - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PeriodParams:
    """The contribution rules in force for one income month."""

    period: str
    deadline: dt.date
    mzp: float
    opv_rate: float
    opv_cap: float  # income cap in KZT
    so_rate: float
    so_min: float
    so_max: float
    oosms_rate: float
    osms_cap: float
    price: float  # price level, January 2016 = 1


def period_params(period: str) -> PeriodParams:
    p = parameters_for(int(period[:4]))
    return PeriodParams(
        period=period,
        deadline=contribution_deadline(period),
        mzp=float(p.mzp),
        opv_rate=p.opv_rate,
        opv_cap=float(p.opv_cap_mzp * p.mzp),
        so_rate=p.so_rate,
        so_min=float(p.so_base_min_mzp * p.mzp),
        so_max=float(p.so_base_max_mzp * p.mzp),
        oosms_rate=p.oosms_rate,
        osms_cap=float(p.osms_cap_mzp * p.mzp),
        price=price_index(int(period[:4]), int(period[5:7])),
    )


@dataclass(frozen=True, slots=True)
class AsOf:
    """The as-of date D and the periods and date bounds derived from it."""

    date: dt.date
    period: str  # reference income month P
    window: tuple[str, ...]  # the 12 income months ending with P, oldest first

    @classmethod
    def of(cls, date: dt.date) -> AsOf:
        p = reference_period(date)
        return cls(date=date, period=p, window=tuple(shift_period(p, -k) for k in range(11, -1, -1)))

    def period_back(self, months: int) -> str:
        return shift_period(self.period, -months)

    def days_back(self, days: int) -> dt.date:
        """The day before a trailing window of ``days`` days ending at D: the window is (D - days, D]."""
        return self.date - dt.timedelta(days=days)

    def days_ahead(self, days: int) -> dt.date:
        return self.date + dt.timedelta(days=days)


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month-end date in [first, last]."""
    out: list[dt.date] = []
    p = f"{first.year:04d}-{first.month:02d}"
    while True:
        d = month_end(p)
        if d > last:
            return out
        if d >= first:
            out.append(d)
        p = shift_period(p, 1)
