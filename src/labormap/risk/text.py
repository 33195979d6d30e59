"""Number formatting and Russian plural agreement for the reason sentences."""

from __future__ import annotations

import math


def num(x: float | None, digits: int = 0) -> str:
    """A number with thin groups of thousands, as written in Russian and Kazakh (1 250 000)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    s = f"{x:,.{digits}f}".replace(",", "\u00a0")
    return s.replace(".", ",") if digits else s


def num_en(x: float | None, digits: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.{digits}f}"


def pct(x: float | None) -> str:
    """A share as a whole percentage ("38%")."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{round(100 * x):d}%"


def money_ru(x: float) -> str:
    if x >= 1e6:
        return f"{num(x / 1e6, 1)} млн тг"
    return f"{num(x / 1e3)} тыс. тг"


def money_kk(x: float) -> str:
    if x >= 1e6:
        return f"{num(x / 1e6, 1)} млн теңге"
    return f"{num(x / 1e3)} мың теңге"


def money_en(x: float) -> str:
    if x >= 1e6:
        return f"KZT {num_en(x / 1e6, 1)} million"
    return f"KZT {num_en(x / 1e3)} thousand"


def plural_ru(n: float, one: str, few: str, many: str) -> str:
    """The Russian noun form agreeing with n: 1 работник, 2 работника, 5 работников."""
    k = abs(round(n))
    if k % 10 == 1 and k % 100 != 11:
        return one
    if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
        return few
    return many


def plural_en(n: float, one: str, many: str) -> str:
    return one if abs(round(n)) == 1 else many
