"""The 20 first-level administrative units of Kazakhstan (17 regions and 3 cities of republican status).

Source: КАТО (классификатор административно-территориальных объектов), Бюро национальной статистики,
edition after the 2022 creation of the Abai, Jetisu and Ulytau regions. Centres are the administrative
centres' coordinates; wages are the 2025 average monthly nominal wage (Бюро национальной статистики,
quarterly releases 2025; regions DESIGN.md does not name are rounded from the same releases).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class Region(Labelled):
    DOMAIN: ClassVar[str] = "region"
    kato: str  # two-digit KATO prefix
    centre_ru: str
    lat: float
    lon: float
    avg_wage_2025_kzt: int
    # position in the tile-grid cartogram the web app draws when no boundaries file is configured
    grid_col: int
    grid_row: int

    @property
    def label_code(self) -> str:
        return self.kato


_R = Region
REGIONS: dict[str, Region] = {
    r.kato: r
    for r in [
        _R("10", "Семей", 50.41, 80.23, 390000, 5, 1),
        _R("11", "Кокшетау", 53.28, 69.39, 360000, 3, 1),
        _R("15", "Актобе", 50.28, 57.17, 380000, 1, 1),
        _R("19", "Конаев", 43.87, 77.07, 360000, 4, 3),
        _R("23", "Атырау", 47.11, 51.92, 595000, 0, 1),
        _R("27", "Уральск", 51.23, 51.37, 400000, 0, 0),
        _R("31", "Тараз", 42.9, 71.37, 300000, 3, 3),
        _R("33", "Талдыкорган", 45.02, 78.37, 340000, 5, 2),
        _R("35", "Караганда", 49.8, 73.1, 420000, 4, 2),
        _R("39", "Костанай", 53.21, 63.62, 350000, 2, 0),
        _R("43", "Кызылорда", 44.85, 65.51, 370000, 1, 2),
        _R("47", "Актау", 43.65, 51.17, 586000, 0, 2),
        _R("55", "Павлодар", 52.29, 76.97, 400000, 4, 0),
        _R("59", "Петропавловск", 54.87, 69.15, 304000, 3, 0),
        _R("61", "Туркестан", 43.3, 68.25, 284000, 1, 3),
        _R("62", "Жезказган", 47.78, 67.71, 575000, 2, 2),
        _R("63", "Усть-Каменогорск", 49.95, 82.61, 420000, 5, 0),
        _R("71", "Астана", 51.17, 71.45, 542000, 4, 1),
        _R("75", "Алматы", 43.24, 76.89, 515000, 5, 3),
        _R("79", "Шымкент", 42.32, 69.59, 316000, 2, 3),
    ]
}

# National average monthly nominal wage in 2025 (Бюро национальной статистики; 412–423 thousand KZT).
NATIONAL_AVG_WAGE_2025_KZT = 418_000


def region_of_kato(kato: str) -> Region | None:
    """The region a KATO code (2 to 9 digits) belongs to, or None for an unknown prefix."""
    return REGIONS.get(kato[:2]) if kato and len(kato) >= 2 else None
