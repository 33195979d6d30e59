"""Numbers, money, percentages, dates and plurals in the reader's convention — one place, on Babel.

Reports, reason sentences, exports and pages format through these functions with the reader's
language (``ru``, ``kk``, ``en``); nothing else formats a number or a date for a person.
Russian and Kazakh group thousands with a no-break space and use a decimal comma; English uses
commas and a decimal point. Dates are ``25.11.2026`` in ru/kk and ``25 Nov 2026`` in English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

from babel import dates as _dates
from babel import numbers as _numbers

from labormap import i18n

_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_GB"}
DASH = "—"  # shown for a missing value


def locale(lang: str | None) -> str:
    return _LOCALES[i18n.normalise(lang)]


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


@cache
def _symbols(lang: str) -> tuple[str, str, str]:
    """The locale's group separator, decimal mark and minus sign, from Babel's CLDR data (read once).

    Numbers are then written with Python's own formatting and these symbols: the same result as
    ``babel.numbers.format_decimal`` for the plain ``#,##0.0`` patterns used here, at a twentieth of
    the cost — scoring writes hundreds of thousands of reason sentences, three languages each.
    """
    loc = locale(lang)
    return (
        _numbers.get_group_symbol(loc),
        _numbers.get_decimal_symbol(loc),
        _numbers.get_minus_sign_symbol(loc),
    )


def number(x: float | int | None, lang: str | None = None, digits: int = 0) -> str:
    """``1 250 000`` (ru/kk) or ``1,250,000`` (en); ``digits`` decimals."""
    if _missing(x):
        return DASH
    assert x is not None
    group, decimal, minus = _symbols(i18n.normalise(lang))
    v = round(float(x), digits)
    body = f"{abs(v):,.{digits}f}".replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    return (minus + body) if v < 0 else body


def percent(share: float | None, lang: str | None = None, digits: int = 0) -> str:
    """A share (0..1) as a percentage: ``38%``, ``12,5%`` (ru/kk), ``12.5%`` (en)."""
    if _missing(share):
        return DASH
    assert share is not None
    return number(100 * share, lang, digits) + "%"


def money(kzt: float | None, lang: str | None = None) -> str:
    """An amount in tenge, shortened to thousands or millions for reading (``1,6 млн тг``)."""
    if _missing(kzt):
        return DASH
    assert kzt is not None
    if abs(kzt) >= 1e9:
        return i18n.gettext("{n} bn KZT", lang).format(n=number(kzt / 1e9, lang, 1))
    if abs(kzt) >= 1e6:
        return i18n.gettext("{n} m KZT", lang).format(n=number(kzt / 1e6, lang, 1))
    if abs(kzt) >= 1e3:
        return i18n.gettext("{n} k KZT", lang).format(n=number(kzt / 1e3, lang))
    return i18n.gettext("{n} KZT", lang).format(n=number(kzt, lang))


def date(d: dt.date | dt.datetime | str | None, lang: str | None = None, style: str = "short") -> str:
    """``25.11.2026`` (ru/kk, short), ``25 Nov 2026`` (en); ``style="long"`` spells the month."""
    if d is None or d == "":
        return DASH
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    lang = i18n.normalise(lang)
    if style == "short":
        fmt = "d MMM y" if lang == "en" else "dd.MM.y"
    else:
        fmt = "d MMMM y"
    return _dates.format_date(d, format=fmt, locale=locale(lang))


def datetime(t: dt.datetime | None, lang: str | None = None) -> str:
    if t is None:
        return DASH
    return f"{date(t, lang)} {t:%H:%M}"


def month(d: dt.date | str, lang: str | None = None) -> str:
    """``ноябрь 2026`` / ``қараша 2026`` / ``November 2026`` (standalone month names)."""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:7] + "-01")
    return _dates.format_date(d, format="LLLL y", locale=locale(lang))


def plural(n: int, singular: str, plural_: str, lang: str | None = None) -> str:
    """The catalogue's plural form of an English msgid pair for ``n`` (three forms in Russian)."""
    return i18n.ngettext(singular, plural_, n, lang)


def change(x: float | None, lang: str | None = None, digits: int = 0) -> str:
    """A change with its sign: ``+12``, ``−3`` (a true minus sign), ``0``."""
    if _missing(x):
        return DASH
    assert x is not None
    if round(x, digits) == 0:
        return "0"
    return ("+" if x > 0 else "\u2212") + number(abs(x), lang, digits)


def month_name(m: int, lang: str | None = None) -> str:
    """The standalone name of month ``m`` (1..12): ``ноябрь`` / ``қараша`` / ``November``."""
    return _dates.format_date(dt.date(2000, m, 1), format="LLLL", locale=locale(lang))


def number_format(kind: str, lang: str | None = None) -> str:
    """The Excel number format of a column kind (``int``, ``float``, ``change``, ``pct``, ``date``).

    Excel shows separators in the reader's own locale, so only the rounding and the date order live here.
    """
    return {
        "int": "#,##0",
        "float": "#,##0.0",
        "change": "+#,##0.0;-#,##0.0;0",
        "pct": "0.0%",
        "date": "d mmm yyyy" if i18n.normalise(lang) == "en" else "dd.mm.yyyy",
    }[kind]


def half_year(wave: str, lang: str | None = None) -> str:
    """A half-year code ``2026-H2`` as readers write it: ``2-е полугодие 2026`` / ``2026 жылдың 2-жартыжылдығы``."""
    m = re.fullmatch(r"(\d{4})-H([12])", wave or "")
    if not m:
        return wave or DASH
    msg = "first half of {year}" if m.group(2) == "1" else "second half of {year}"
    return i18n.gettext(msg, lang).format(year=m.group(1))
