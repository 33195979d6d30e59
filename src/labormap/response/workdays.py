"""Working days in Kazakhstan, for task deadlines counted in working days.

Source: Закон РК «О праздниках в Республике Казахстан» (2001, with the 2022 amendments) and Трудовой
кодекс РК ст. 85: national and state holidays are days off, and a holiday that falls on a Saturday or
Sunday moves the day off to the next working day; the religious holidays (Orthodox Christmas on 7 January
and the first day of Kurban ait) are days off but are not moved. Since 2022 Republic Day (25 October) is
a holiday, the First President's Day (1 December) is not, and Independence Day is 16 December only.

One-off transfers of days off by government decree are not in this table: pass them as
``extra_days_off`` / ``extra_workdays`` when a deadline must honour them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

# First day of Kurban ait as announced each year (depends on the lunar calendar).
KURBAN_AIT: dict[int, date] = {
    2016: date(2016, 9, 12),
    2017: date(2017, 9, 1),
    2018: date(2018, 8, 21),
    2019: date(2019, 8, 11),
    2020: date(2020, 7, 31),
    2021: date(2021, 7, 20),
    2022: date(2022, 7, 9),
    2023: date(2023, 6, 28),
    2024: date(2024, 6, 16),
    2025: date(2025, 6, 6),
    2026: date(2026, 5, 27),
    2027: date(2027, 5, 16),
}


def _state_holidays(year: int) -> list[date]:
    days = [(1, 1), (1, 2), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7), (5, 9), (7, 6), (8, 30)]
    if year >= 2022:
        days += [(10, 25), (12, 16)]
    else:
        days += [(12, 1), (12, 16), (12, 17)]
    return [date(year, m, d) for m, d in days]


@lru_cache(maxsize=64)
def days_off(year: int) -> frozenset[date]:
    """Holidays of ``year`` that are not working days, with the weekend transfers applied."""
    off: set[date] = set()
    for h in sorted(_state_holidays(year)):
        off.add(h)
        if h.weekday() >= 5:
            # the day off moves to the next day that is neither a weekend nor already a holiday
            d = h + timedelta(days=1)
            while d.weekday() >= 5 or d in off or d in _state_holidays(year):
                d += timedelta(days=1)
            off.add(d)
    off.add(date(year, 1, 7))
    if year in KURBAN_AIT:
        off.add(KURBAN_AIT[year])
    return frozenset(off)


class WorkCalendar:
    """Five-day week with Kazakhstan's holidays; optional one-off changes."""

    def __init__(self, extra_days_off: Iterable[date] = (), extra_workdays: Iterable[date] = ()) -> None:
        self.extra_off = frozenset(extra_days_off)
        self.extra_work = frozenset(extra_workdays)

    def is_workday(self, d: date) -> bool:
        if d in self.extra_work:
            return True
        if d in self.extra_off or d.weekday() >= 5:
            return False
        return d not in days_off(d.year)

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
