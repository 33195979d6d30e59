"""Months of the simulated period and the national wage path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from labormap.reference.parameters import CPI_INFLATION, parameters_for

# Average monthly nominal wage by year, KZT (Бюро национальной статистики; 2025 from DESIGN.md, 412–423 k).
NATIONAL_WAGE: dict[int, float] = {
    2014: 121_021,
    2015: 126_021,
    2016: 142_898,
    2017: 150_827,
    2018: 162_673,
    2019: 186_815,
    2020: 213_003,
    2021: 250_311,
    2022: 309_563,
    2023: 363_070,
    2024: 393_000,
    2025: 418_000,
    2026: 455_000,
}


def parse_month(value: str) -> int:
    """'YYYY-MM' as a month count (year * 12 + month - 1); ValueError on anything else."""
    ok = len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit()
    if not ok or not 1 <= int(value[5:]) <= 12:
        raise ValueError(f"expected a month YYYY-MM, got {value!r}")
    return int(value[:4]) * 12 + int(value[5:]) - 1


def month_str(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def national_wage(year: float) -> float:
    """National average wage in a (fractional) year, interpolated between yearly figures."""
    y0 = int(np.floor(year))
    lo, hi = min(NATIONAL_WAGE), max(NATIONAL_WAGE)
    if y0 < lo:
        return NATIONAL_WAGE[lo] * 0.93 ** (lo - year)
    if y0 >= hi:
        return NATIONAL_WAGE[hi]
    f = year - y0
    return NATIONAL_WAGE[y0] * (1 - f) + NATIONAL_WAGE[y0 + 1] * f


@dataclass(frozen=True)
class Timeline:
    first: int  # month count of the first simulated month
    n: int  # number of months

    @classmethod
    def of(cls, start: str, end: str) -> Timeline:
        a, b = parse_month(start), parse_month(end)
        if b < a:
            raise ValueError(f"end {end} is before start {start}")
        if a < parse_month("2000-01"):
            raise ValueError("the simulation starts in 2000 at the earliest")
        return cls(a, b - a + 1)

    def month_start(self, t: int | np.ndarray) -> np.ndarray:
        """First day of month index t (relative to the first month), datetime64[D]."""
        m = np.asarray(t) + self.first
        return (np.datetime64("0000-01", "M") + m.astype("timedelta64[M]")).astype("datetime64[D]")

    def month_days(self, t: np.ndarray) -> np.ndarray:
        return (self.month_start(np.asarray(t) + 1) - self.month_start(t)).astype(np.int64)

    @property
    def extract_on(self) -> np.datetime64:
        """The day the registries are extracted: the last day of the last month; nothing later is known."""
        m = self.first + self.n
        last = dt.date(m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        return np.datetime64(last.isoformat(), "D")

    @property
    def start_on(self) -> np.datetime64:
        return np.datetime64(f"{self.first // 12:04d}-{self.first % 12 + 1:02d}-01", "D")

    def year(self, t: int) -> int:
        return (self.first + t) // 12

    def month_of_year(self, t: int) -> int:
        return (self.first + t) % 12 + 1

    def label(self, t: int) -> str:
        return month_str(self.first + t)

    def index(self, value: str) -> int:
        """Month index of 'YYYY-MM' relative to the first month (may be negative or ≥ n)."""
        return parse_month(value) - self.first

    def price_level(self) -> np.ndarray:
        """Consumer price level for months -12..n-1 (index 0 = 12 months before the first month)."""
        out = np.empty(self.n + 12)
        level = 1.0
        for i in range(self.n + 12):
            m = self.first - 12 + i
            level *= (1.0 + CPI_INFLATION.get(m // 12, 0.08)) ** (1 / 12)
            out[i] = level
        return out

    def wage_path(self) -> np.ndarray:
        """National average wage for months 0..n-1."""
        return np.array([national_wage((self.first + t) / 12) for t in range(self.n)])

    def mzp(self) -> np.ndarray:
        return np.array([parameters_for(self.year(t)).mzp for t in range(self.n)], dtype=np.float64)
