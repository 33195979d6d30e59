"""Numbers and dates the Russian way: narrow no-break (thin) space between thousands, decimal comma,
dates as DD.MM.YYYY; plural forms of Russian nouns."""

from __future__ import annotations

from datetime import date

THIN = "\u202f"  # NARROW NO-BREAK SPACE: the thin space that does not break a number across lines
MINUS = "\u2212"


def fmt_int(n: int | float | None) -> str:
    if n is None:
        return "—"
    s = f"{round(n):,}".replace(",", THIN)
    return s.replace("-", MINUS)


def fmt_num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "—"
    s = f"{x:,.{digits}f}".replace(",", THIN).replace(".", ",")
    return s.replace("-", MINUS)


def fmt_change(x: float | None, digits: int = 0) -> str:
    """A change with its sign: +12, −3, 0."""
    if x is None:
        return "—"
    if round(x, digits) == 0:
        return "0"
    body = fmt_int(abs(x)) if digits == 0 else fmt_num(abs(x), digits)
    return ("+" if x > 0 else MINUS) + body


def fmt_pct(x: float | None, digits: int = 1) -> str:
    """A share 0..1 as per cent: 0.125 -> 12,5 %."""
    return "—" if x is None else f"{fmt_num(100 * x, digits)}{THIN}%"


def fmt_date(d: date | None) -> str:
    return "—" if d is None else d.strftime("%d.%m.%Y")


def fmt_money(x: float | None) -> str:
    """KZT in millions with one decimal: 1 234,5 млн тенге."""
    return "—" if x is None else f"{fmt_num(x / 1e6, 1)} млн тенге"


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def employers_word(n: int, lang: str = "ru") -> str:
    if lang == "kk":
        return "кәсіпорын"
    return plural_ru(n, "предприятие", "предприятия", "предприятий")
