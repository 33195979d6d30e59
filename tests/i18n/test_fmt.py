"""One formatting (labormap.fmt on Babel): numbers, money, dates, months and plurals per language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from labormap import fmt

NBSP = "\u00a0"


def test_numbers_group_thousands_in_the_readers_convention() -> None:
    assert fmt.number(1234567, "ru") == f"1{NBSP}234{NBSP}567"
    assert fmt.number(1234567, "kk") == f"1{NBSP}234{NBSP}567"
    assert fmt.number(1234567, "en") == "1,234,567"
    assert fmt.number(1234.56, "ru", 1) == f"1{NBSP}234,6"
    assert fmt.number(1234.56, "en", 1) == "1,234.6"
    assert fmt.number(None, "ru") == fmt.DASH
    assert fmt.number(float("nan"), "en") == fmt.DASH


def test_changes_carry_a_sign() -> None:
    assert fmt.change(12, "ru") == "+12"
    assert fmt.change(-3, "ru") == "\u22123"
    assert fmt.change(0, "en") == "0"
    assert fmt.change(-1500, "en") == "\u22121,500"


def test_percent_and_money() -> None:
    assert fmt.percent(0.125, "ru", 1) == "12,5%"
    assert fmt.percent(0.125, "en", 1) == "12.5%"
    assert fmt.money(1_600_000, "ru") == "1,6 млн тг"
    assert fmt.money(1_600_000, "kk") == "1,6 млн теңге"
    assert fmt.money(1_600_000, "en") == "1.6 m KZT"
    assert fmt.money(250_000, "ru") == "250 тыс. тг"


@pytest.mark.parametrize(
    ("lang", "short", "month"),
    [("ru", "08.03.2025", "март"), ("kk", "08.03.2025", "наурыз"), ("en", "8 Mar 2025", "March")],
)
def test_dates_and_months(lang: str, short: str, month: str) -> None:
    assert fmt.date(date(2025, 3, 8), lang) == short
    assert fmt.date("2025-03-08", lang) == short
    assert fmt.month_name(3, lang).lower() == month.lower()
    assert fmt.datetime(datetime(2025, 3, 8, 9, 5), lang) == f"{short} 09:05"


def test_russian_plurals_have_three_forms() -> None:
    forms = [
        fmt.plural(n, "{n} employer", "{n} employers", "ru").format(n=n) for n in (1, 2, 5, 11, 21, 22, 112)
    ]
    assert forms == [
        "1 предприятие",
        "2 предприятия",
        "5 предприятий",
        "11 предприятий",
        "21 предприятие",
        "22 предприятия",
        "112 предприятий",
    ]
    assert fmt.plural(1, "{n} employer", "{n} employers", "en") == "{n} employer"
    assert fmt.plural(3, "{n} employer", "{n} employers", "en") == "{n} employers"


def test_excel_number_formats_round_for_display() -> None:
    assert fmt.number_format("float", "ru") == "#,##0.0"
    assert fmt.number_format("date", "ru") == "dd.mm.yyyy"
    assert fmt.number_format("date", "en") == "d mmm yyyy"


def test_half_year_in_each_language() -> None:
    from labormap import fmt

    assert fmt.half_year("2026-H2", "ru") == "2-е полугодие 2026"
    assert fmt.half_year("2026-H1", "kk") == "2026 жылдың 1-жартыжылдығы"
    assert fmt.half_year("2026-H1", "en") == "first half of 2026"
    assert fmt.half_year("not-a-wave", "ru") == "not-a-wave"
