"""The 20 first-level administrative units of Kazakhstan (17 regions and 3 cities of republican status).

Source: КАТО (классификатор административно-территориальных объектов), Бюро национальной статистики,
edition after the 2022 creation of the Abai, Jetisu and Ulytau regions. Centres are the administrative
centres' coordinates; wages are the 2025 average monthly nominal wage (Бюро национальной статистики,
quarterly releases 2025; regions DESIGN.md does not name are rounded from the same releases).
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


@dataclass(frozen=True, slots=True)
class Region(Trilingual):
    kato: str  # two-digit KATO prefix
    name_ru: str
    name_kk: str
    name_en: str
    centre_ru: str
    lat: float
    lon: float
    avg_wage_2025_kzt: int
    # position in the tile-grid cartogram the web app draws when no boundaries file is configured
    grid_col: int
    grid_row: int


_R = Region
REGIONS: dict[str, Region] = {
    r.kato: r
    for r in [
        _R("10", "Абайская область", "Абай облысы", "Abai Region", "Семей", 50.41, 80.23, 390_000, 5, 1),
        _R(
            "11",
            "Акмолинская область",
            "Ақмола облысы",
            "Akmola Region",
            "Кокшетау",
            53.28,
            69.39,
            360_000,
            3,
            1,
        ),
        _R(
            "15",
            "Актюбинская область",
            "Ақтөбе облысы",
            "Aktobe Region",
            "Актобе",
            50.28,
            57.17,
            380_000,
            1,
            1,
        ),
        _R(
            "19",
            "Алматинская область",
            "Алматы облысы",
            "Almaty Region",
            "Конаев",
            43.87,
            77.07,
            360_000,
            4,
            3,
        ),
        _R(
            "23",
            "Атырауская область",
            "Атырау облысы",
            "Atyrau Region",
            "Атырау",
            47.11,
            51.92,
            595_000,
            0,
            1,
        ),
        _R(
            "27",
            "Западно-Казахстанская область",
            "Батыс Қазақстан облысы",
            "West Kazakhstan Region",
            "Уральск",
            51.23,
            51.37,
            400_000,
            0,
            0,
        ),
        _R(
            "31",
            "Жамбылская область",
            "Жамбыл облысы",
            "Zhambyl Region",
            "Тараз",
            42.90,
            71.37,
            300_000,
            3,
            3,
        ),
        _R(
            "33",
            "Область Жетісу",
            "Жетісу облысы",
            "Jetisu Region",
            "Талдыкорган",
            45.02,
            78.37,
            340_000,
            5,
            2,
        ),
        _R(
            "35",
            "Карагандинская область",
            "Қарағанды облысы",
            "Karaganda Region",
            "Караганда",
            49.80,
            73.10,
            420_000,
            4,
            2,
        ),
        _R(
            "39",
            "Костанайская область",
            "Қостанай облысы",
            "Kostanay Region",
            "Костанай",
            53.21,
            63.62,
            350_000,
            2,
            0,
        ),
        _R(
            "43",
            "Кызылординская область",
            "Қызылорда облысы",
            "Kyzylorda Region",
            "Кызылорда",
            44.85,
            65.51,
            370_000,
            1,
            2,
        ),
        _R(
            "47",
            "Мангистауская область",
            "Маңғыстау облысы",
            "Mangystau Region",
            "Актау",
            43.65,
            51.17,
            586_000,
            0,
            2,
        ),
        _R(
            "55",
            "Павлодарская область",
            "Павлодар облысы",
            "Pavlodar Region",
            "Павлодар",
            52.29,
            76.97,
            400_000,
            4,
            0,
        ),
        _R(
            "59",
            "Северо-Казахстанская область",
            "Солтүстік Қазақстан облысы",
            "North Kazakhstan Region",
            "Петропавловск",
            54.87,
            69.15,
            304_000,
            3,
            0,
        ),
        _R(
            "61",
            "Туркестанская область",
            "Түркістан облысы",
            "Turkestan Region",
            "Туркестан",
            43.30,
            68.25,
            284_000,
            1,
            3,
        ),
        _R(
            "62", "Область Ұлытау", "Ұлытау облысы", "Ulytau Region", "Жезказган", 47.78, 67.71, 575_000, 2, 2
        ),
        _R(
            "63",
            "Восточно-Казахстанская область",
            "Шығыс Қазақстан облысы",
            "East Kazakhstan Region",
            "Усть-Каменогорск",
            49.95,
            82.61,
            420_000,
            5,
            0,
        ),
        _R("71", "город Астана", "Астана қаласы", "Astana city", "Астана", 51.17, 71.45, 542_000, 4, 1),
        _R("75", "город Алматы", "Алматы қаласы", "Almaty city", "Алматы", 43.24, 76.89, 515_000, 5, 3),
        _R("79", "город Шымкент", "Шымкент қаласы", "Shymkent city", "Шымкент", 42.32, 69.59, 316_000, 2, 3),
    ]
}

# National average monthly nominal wage in 2025 (Бюро национальной статистики; 412–423 thousand KZT).
NATIONAL_AVG_WAGE_2025_KZT = 418_000


def region_of_kato(kato: str) -> Region | None:
    """The region a KATO code (2 to 9 digits) belongs to, or None for an unknown prefix."""
    return REGIONS.get(kato[:2]) if kato and len(kato) >= 2 else None
