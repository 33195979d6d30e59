"""ЕСУТД (единая система учёта трудовых договоров) registration deadlines and termination grounds.

Sources: Трудовой кодекс РК 2015, ст. 23 (employer's duty to enter contract data into ЕСУТД) and the
Правила ведения ЕСУТД (приказ МТСЗН № 165, 2020) for the deadlines; ст. 49–58 for the grounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


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
class TerminationGround(Trilingual):
    code: str
    name_ru: str
    name_kk: str
    name_en: str
    article: str
    employer_initiated: bool
    # Grounds the risk engine counts as collective job loss (mass layoffs), as opposed to individual exits.
    collective: bool


_G = TerminationGround
TERMINATION_GROUNDS: dict[str, TerminationGround] = {
    g.code: g
    for g in [
        _G(
            "agreement",
            "Соглашение сторон",
            "Тараптардың келісімі",
            "Agreement of the parties",
            "ТК РК ст. 49 п. 1, ст. 50",
            False,
            False,
        ),
        _G(
            "term_expiry",
            "Истечение срока трудового договора",
            "Еңбек шартының мерзімі өтуі",
            "Expiry of the contract term",
            "ТК РК ст. 49 п. 2, ст. 51",
            False,
            False,
        ),
        _G(
            "employee_initiative",
            "По инициативе работника",
            "Қызметкердің бастамасы бойынша",
            "Employee's initiative",
            "ТК РК ст. 49 п. 5, ст. 56",
            False,
            False,
        ),
        _G(
            "liquidation",
            "Ликвидация работодателя",
            "Жұмыс берушінің таратылуы",
            "Liquidation of the employer",
            "ТК РК ст. 52 п. 1 пп. 1",
            True,
            True,
        ),
        _G(
            "staff_reduction",
            "Сокращение численности или штата",
            "Қызметкерлер санының немесе штатының қысқаруы",
            "Staff reduction",
            "ТК РК ст. 52 п. 1 пп. 2",
            True,
            True,
        ),
        _G(
            "economic_decline",
            "Снижение объёма производства",
            "Өндіріс көлемінің төмендеуі",
            "Decline in production volume",
            "ТК РК ст. 52 п. 1 пп. 3",
            True,
            True,
        ),
        _G(
            "disciplinary",
            "Дисциплинарные основания (прогул, нарушение трудовой дисциплины и др.)",
            "Тәртіптік негіздер",
            "Disciplinary grounds",
            "ТК РК ст. 52 п. 1 пп. 8–19",
            True,
            False,
        ),
        _G(
            "unsuitability",
            "Несоответствие занимаемой должности",
            "Атқаратын лауазымына сәйкес келмеуі",
            "Unsuitability for the position",
            "ТК РК ст. 52 п. 1 пп. 4–5",
            True,
            False,
        ),
        _G(
            "transfer",
            "Перевод к другому работодателю",
            "Басқа жұмыс берушіге ауысу",
            "Transfer to another employer",
            "ТК РК ст. 49 п. 6",
            False,
            False,
        ),
        _G(
            "beyond_control",
            "Обстоятельства, не зависящие от воли сторон",
            "Тараптардың еркіне байланысты емес мән-жайлар",
            "Circumstances beyond the parties' control",
            "ТК РК ст. 49 п. 3, ст. 57",
            False,
            False,
        ),
        _G(
            "retirement",
            "Достижение пенсионного возраста",
            "Зейнеткерлік жасқа толу",
            "Retirement age",
            "ТК РК ст. 51 п. 1 пп. 3",
            False,
            False,
        ),
    ]
}
