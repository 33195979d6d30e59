from __future__ import annotations

from datetime import date

from labormap.reports.fmt import (
    THIN,
    employers_word,
    fmt_change,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
)


def test_russian_number_formatting() -> None:
    assert fmt_int(1234567) == f"1{THIN}234{THIN}567"
    assert fmt_int(999) == "999"
    assert fmt_num(1234.56, 1) == f"1{THIN}234,6"
    assert fmt_num(-0.5, 2) == "\u22120,50"
    assert fmt_change(12) == "+12" and fmt_change(-3) == "\u22123" and fmt_change(0) == "0"
    assert fmt_change(2.25, 1) == "+2,2" or fmt_change(2.25, 1) == "+2,3"
    assert fmt_pct(0.125) == f"12,5{THIN}%"
    assert fmt_money(1_234_500_000) == f"1{THIN}234,5 млн тенге"
    assert fmt_date(date(2025, 3, 8)) == "08.03.2025"
    assert fmt_int(None) == "—"


def test_plural_of_employers() -> None:
    assert [employers_word(n) for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "предприятие",
        "предприятия",
        "предприятий",
        "предприятий",
        "предприятие",
        "предприятия",
        "предприятий",
    ]
