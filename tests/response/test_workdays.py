"""Working days: holidays from the `holidays` library plus the government's transfer decrees as data,
checked against published 2025/2026 calendars."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from labormap.response.workdays import DEFAULT_CALENDAR as CAL
from labormap.response.workdays import days_off, decree_workdays, transfers

# 2025. Sources: the decree G24G0000436 (https://adilet.zan.kz/kaz/docs/G24G0000436: day off moved from
# Sunday 5 January to Friday 3 January, reported at https://informburodata.com/novosti/v-novyi-god-kazaxstancy-
# otdoxnut-cetyre-dnya-podryad); the Law on holidays for the rest (egov.kz holiday calendar).
OFF_2025 = [
    date(2025, 1, 1),
    date(2025, 1, 2),
    date(2025, 1, 3),  # by decree
    date(2025, 1, 7),  # Orthodox Christmas
    date(2025, 3, 10),  # 8 March on a Saturday
    date(2025, 3, 21),
    date(2025, 3, 24),  # Nauryz 22–23 March on the weekend
    date(2025, 3, 25),
    date(2025, 5, 1),
    date(2025, 5, 7),
    date(2025, 5, 9),
    date(2025, 6, 6),  # first day of Kurban ait
    date(2025, 7, 7),  # Capital Day on a Sunday
    date(2025, 9, 1),  # Constitution Day on a Saturday
    date(2025, 10, 27),  # Republic Day on a Saturday
    date(2025, 12, 16),
]
# 2026. Sources: the egov calendar as reported at https://alau.kz/perenosy-vyhodnyh-prazdnichnyj-kalendar-
# kazahstana-na-2026-god/ (02.01.2026) and https://alau.kz/novyj-god-2026-utverzhdjon-oficialnyj-kalendar-
# vyhodnyh/ (1–4 January off, 5–6 January working, 7 January off), https://mgorod.kz/news/vyxodnye-i-prazdniki-
# v-kazaxstane-v-2026-godu-cto-i-kuda-perenesut (11 May, 27 May, 26 October).
OFF_2026 = [
    date(2026, 1, 1),
    date(2026, 1, 2),
    date(2026, 1, 7),
    date(2026, 3, 9),  # 8 March on a Sunday
    date(2026, 3, 23),
    date(2026, 3, 24),  # Nauryz 21–22 March on the weekend
    date(2026, 3, 25),
    date(2026, 5, 1),
    date(2026, 5, 7),
    date(2026, 5, 11),  # Victory Day on a Saturday
    date(2026, 5, 27),  # first day of Kurban ait
    date(2026, 7, 6),
    date(2026, 10, 26),  # Republic Day on a Sunday
    date(2026, 12, 16),
]
WORKING = [
    date(2025, 1, 5),  # Sunday made a working day by decree G24G0000436
    date(2025, 12, 17),  # 17 December is no longer a holiday since 2022
    date(2026, 1, 5),
    date(2026, 1, 6),
    date(
        2023, 7, 1
    ),  # Saturday worked for Capital Day 2023 (https://mgorod.kz/news/vyxodnoj-perenesut-na-den-stolicy-v-kazaxstane)
]


@pytest.mark.parametrize("day", OFF_2025 + OFF_2026 + [date(2023, 7, 7)])
def test_published_days_off_are_not_working_days(day: date) -> None:
    assert day in days_off(day.year)
    assert not CAL.is_workday(day)


@pytest.mark.parametrize("day", WORKING)
def test_published_working_days_are_working_days(day: date) -> None:
    assert CAL.is_workday(day)


def test_transfer_decrees_turn_a_weekend_day_into_a_working_day() -> None:
    assert decree_workdays(2025) == {date(2025, 1, 5)}
    # Friday 3 January 2025 off, Sunday 5 January worked: two working days after Thursday 2 January is 6 January
    assert CAL.add_workdays(date(2025, 1, 2), 1) == date(2025, 1, 5)
    assert CAL.add_workdays(date(2025, 1, 2), 2) == date(2025, 1, 6)
    for t in transfers():
        # a weekday becomes a day off and the worked day (a weekend day, or in 2020 the Monday that would
        # have been Victory Day's moved day off) is a working day
        assert t.day_off.weekday() < 5 and not CAL.is_workday(t.day_off), t
        assert CAL.is_workday(t.workday), t
        assert t.source.startswith("https://adilet.zan.kz/"), t


@pytest.mark.parametrize("year", range(2016, 2026))
def test_transfer_file_agrees_with_the_librarys_decree_days(year: int) -> None:
    # the library records the day off each decree creates (not the worked weekend day): the two tables
    # must name the same days off, so an upgrade of either shows up here
    kz = holidays.country_holidays("KZ", years=year, language="en_US")
    library = {d for d, name in kz.items() if name.startswith("Day off (substituted")}
    ours = {t.day_off for t in transfers() if t.day_off.year == year}
    assert library == ours
