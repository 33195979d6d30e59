"""Working days in Kazakhstan, for task deadlines counted in working days.

Public holidays, and a holiday on a Saturday or Sunday moving its day off to the next working day, come from
the `holidays` library (country "KZ": Закон РК «О праздниках в Республике Казахстан» with its amendments;
the religious holidays — Orthodox Christmas and the first day of Kurban ait — are days off but do not move).
One-off transfers by government decree (a Saturday worked so that a Friday or Monday is off) are data, in
``transfers.yaml`` next to this module, one line per decree with its adilet.zan.kz address: the library
knows the days off those decrees create but not the weekend days they turn into working days.

Further one-off changes (a decree not yet in the file) can still be passed as ``extra_days_off`` /
``extra_workdays``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays
import yaml

TRANSFERS_FILE = Path(__file__).with_name("transfers.yaml")


@dataclass(frozen=True, slots=True)
class Transfer:
    day_off: date
    workday: date
    source: str


@lru_cache(maxsize=1)
def transfers() -> tuple[Transfer, ...]:
    """The government's transfer decrees, from ``transfers.yaml``."""
    data = yaml.safe_load(TRANSFERS_FILE.read_text(encoding="utf-8"))
    out = []
    for row in data["transfers"]:
        t = Transfer(row["day_off"], row["workday"], str(row["source"]))
        if not (isinstance(t.day_off, date) and isinstance(t.workday, date)):
            raise ValueError(f"{TRANSFERS_FILE}: dates must be YYYY-MM-DD, got {row}")
        out.append(t)
    return tuple(out)


@lru_cache(maxsize=64)
def days_off(year: int) -> frozenset[date]:
    """Days of ``year`` that are holidays, holiday days off moved from a weekend, or days off by decree."""
    law = holidays.country_holidays("KZ", years=year, observed=True)
    return frozenset(law) | {t.day_off for t in transfers() if t.day_off.year == year}


@lru_cache(maxsize=64)
def decree_workdays(year: int) -> frozenset[date]:
    """Weekend days of ``year`` that a transfer decree made working days."""
    return frozenset(t.workday for t in transfers() if t.workday.year == year)


class WorkCalendar:
    """Five-day week with Kazakhstan's holidays and transfer decrees; optional further one-off changes."""

    def __init__(self, extra_days_off: Iterable[date] = (), extra_workdays: Iterable[date] = ()) -> None:
        self.extra_off = frozenset(extra_days_off)
        self.extra_work = frozenset(extra_workdays)

    def is_workday(self, d: date) -> bool:
        if d in self.extra_work:
            return True
        if d in self.extra_off:
            return False
        if d in decree_workdays(d.year):
            return True
        return d.weekday() < 5 and d not in days_off(d.year)

    def add_workdays(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start``; for n = 0, ``start`` itself or the next working day."""
        d = start
        if n == 0:
            while not self.is_workday(d):
                d += timedelta(days=1)
            return d
        left = n
        while left > 0:
            d += timedelta(days=1)
            if self.is_workday(d):
                left -= 1
        return d

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.workdays_between(end, start)
        n, d = 0, start
        while d < end:
            d += timedelta(days=1)
            n += self.is_workday(d)
        return n


DEFAULT_CALENDAR = WorkCalendar()
