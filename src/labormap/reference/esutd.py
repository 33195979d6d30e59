"""ЕСУТД (единая система учёта трудовых договоров) registration deadlines and termination grounds.

Sources: Трудовой кодекс РК 2015, ст. 23 (employer's duty to enter contract data into ЕСУТД) and the
Правила ведения ЕСУТД (приказ МТСЗН № 165, 2020) for the deadlines; ст. 49–58 for the grounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class EsutdDeadline:
    event: str
    days: int
    working_days: bool
    source: str


ESUTD_DEADLINES: dict[str, EsutdDeadline] = {
    d.event: d
    for d in [
        EsutdDeadline(
            "contract_start", 5, True, "Правила ведения ЕСУТД: новый договор в течение 5 рабочих дней"
        ),
        EsutdDeadline(
            "contract_change", 15, False, "Правила ведения ЕСУТД: изменения в течение 15 календарных дней"
        ),
        EsutdDeadline("contract_end", 3, True, "Правила ведения ЕСУТД: прекращение в течение 3 рабочих дней"),
    ]
}


@dataclass(frozen=True, slots=True)
class TerminationGround(Labelled):
    DOMAIN: ClassVar[str] = "termination_ground"
    code: str
    article: str
    employer_initiated: bool
    # Grounds the risk engine counts as collective job loss (mass layoffs), as opposed to individual exits.
    collective: bool


_G = TerminationGround
TERMINATION_GROUNDS: dict[str, TerminationGround] = {
    g.code: g
    for g in [
        _G("agreement", "ТК РК ст. 49 п. 1, ст. 50", False, False),
        _G("term_expiry", "ТК РК ст. 49 п. 2, ст. 51", False, False),
        _G("employee_initiative", "ТК РК ст. 49 п. 5, ст. 56", False, False),
        _G("liquidation", "ТК РК ст. 52 п. 1 пп. 1", True, True),
        _G("staff_reduction", "ТК РК ст. 52 п. 1 пп. 2", True, True),
        _G("economic_decline", "ТК РК ст. 52 п. 1 пп. 3", True, True),
        _G("disciplinary", "ТК РК ст. 52 п. 1 пп. 8–19", True, False),
        _G("unsuitability", "ТК РК ст. 52 п. 1 пп. 4–5", True, False),
        _G("transfer", "ТК РК ст. 49 п. 6", False, False),
        _G("beyond_control", "ТК РК ст. 49 п. 3, ст. 57", False, False),
        _G("retirement", "ТК РК ст. 51 п. 1 пп. 3", False, False),
    ]
}
