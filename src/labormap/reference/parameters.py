"""Yearly social-contribution parameters and the contribution payment deadline.

Sources: laws on the republican budget (МЗП, МРП for each year); Социальный кодекс РК 2023 and the earlier
Закон «О пенсионном обеспечении» (ОПВ 10%, ОПВР from 2024), Закон «Об обязательном социальном
страховании» (СО), Закон «Об обязательном социальном медицинском страховании» (ООСМС, ВОСМС);
Бюро национальной статистики for consumer price inflation (December to December).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class YearParameters:
    year: int
    mzp: int  # минимальная заработная плата, KZT per month
    mrp: int  # месячный расчётный показатель, KZT (value in force on 1 January)
    opv_rate: float  # обязательные пенсионные взносы, withheld from the worker
    opv_cap_mzp: int  # monthly income cap for ОПВ, in МЗП
    opvr_rate: float  # обязательные пенсионные взносы работодателя
    so_rate: float  # социальные отчисления, paid by the employer
    so_base_min_mzp: int
    so_base_max_mzp: int
    oosms_rate: float  # отчисления на ОСМС, paid by the employer
    vosms_rate: float  # взносы на ОСМС, withheld from the worker
    osms_cap_mzp: int
    source: str


_P = YearParameters
YEARLY_PARAMETERS: dict[int, YearParameters] = {
    p.year: p
    for p in [
        _P(2016, 22_859, 2_121, 0.10, 75, 0.0, 0.035, 1, 10, 0.0, 0.0, 10, "Закон о бюджете 2016–2018"),
        _P(2017, 24_459, 2_269, 0.10, 75, 0.0, 0.035, 1, 10, 0.01, 0.0, 10, "ООСМС 1% с 1 июля 2017"),
        _P(2018, 28_284, 2_405, 0.10, 75, 0.0, 0.035, 1, 10, 0.015, 0.0, 10, "Закон о бюджете 2018–2020"),
        _P(2019, 42_500, 2_525, 0.10, 75, 0.0, 0.035, 1, 10, 0.015, 0.0, 10, "Закон о бюджете 2019–2021"),
        _P(2020, 42_500, 2_651, 0.10, 50, 0.0, 0.035, 1, 7, 0.02, 0.01, 10, "ОСМС в полном объёме с 2020"),
        _P(2021, 42_500, 2_917, 0.10, 50, 0.0, 0.035, 1, 7, 0.02, 0.02, 10, "Закон о бюджете 2021–2023"),
        _P(2022, 60_000, 3_063, 0.10, 50, 0.0, 0.035, 1, 7, 0.03, 0.02, 10, "Закон о бюджете 2022–2024"),
        _P(2023, 70_000, 3_450, 0.10, 50, 0.0, 0.035, 1, 7, 0.03, 0.02, 10, "Закон о бюджете 2023–2025"),
        _P(2024, 85_000, 3_692, 0.10, 50, 0.015, 0.035, 1, 7, 0.03, 0.02, 10, "Социальный кодекс; ОПВР 1,5%"),
        _P(2025, 85_000, 3_932, 0.10, 50, 0.025, 0.05, 1, 7, 0.03, 0.02, 10, "ОПВР 2,5%, СО 5% с 2025"),
        _P(
            2026,
            85_000,
            4_325,
            0.10,
            50,
            0.035,
            0.05,
            1,
            7,
            0.03,
            0.02,
            10,
            "Закон о бюджете 2026–2028; ОПВР 3,5%",
        ),
    ]
}

# Consumer price inflation, December to December (Бюро национальной статистики; 2026 is the NBK forecast).
CPI_INFLATION: dict[int, float] = {
    2015: 0.136,
    2016: 0.085,
    2017: 0.071,
    2018: 0.053,
    2019: 0.054,
    2020: 0.075,
    2021: 0.084,
    2022: 0.203,
    2023: 0.098,
    2024: 0.086,
    2025: 0.123,
    2026: 0.100,
}

# Contributions for an income month are due by this day of the following month (Налоговый кодекс РК).
CONTRIBUTION_DEADLINE_DAY = 25


def parameters_for(year: int) -> YearParameters:
    """Parameters of a year; years outside 2016–2026 take the nearest known year."""
    known = sorted(YEARLY_PARAMETERS)
    return YEARLY_PARAMETERS[min(max(year, known[0]), known[-1])]


def contribution_deadline(period: str) -> dt.date:
    """Due date of the contributions for an income month 'YYYY-MM': the 25th of the next month."""
    year, month = int(period[:4]), int(period[5:7])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = min(CONTRIBUTION_DEADLINE_DAY, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def price_index(year: int, month: int) -> float:
    """Cumulative price level (January 2016 = 1.0), spreading each year's inflation evenly over its months."""
    level = 1.0
    for y in range(2016, year):
        level *= 1.0 + CPI_INFLATION.get(y, 0.08)
    return level * (1.0 + CPI_INFLATION.get(year, 0.08)) ** ((month - 1) / 12)
