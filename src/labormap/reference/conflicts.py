"""Kinds of social-labour conflicts, their causes, participant groups and outcomes.

Kinds follow the register of social-labour conflicts kept by МТСЗН and the forms named in the Roadmap
2025–2026; CAMEO codes (Conflict and Mediation Event Observations, Schrodt 2012, section 14 «Protest»)
let the map be compared with international event data: 141 demonstrate, 142 hunger strike,
143 strike or boycott, 144 obstruct or block.
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


@dataclass(frozen=True, slots=True)
class ConflictKind(Trilingual):
    code: str
    name_ru: str
    name_kk: str
    name_en: str
    cameo: str | None  # CAMEO 14x code, None for forms that are not protest events
    stoppage: bool  # work actually stopped (strikes and stoppages counted in the public figures)


_K = ConflictKind
CONFLICT_KINDS: dict[str, ConflictKind] = {
    k.code: k
    for k in [
        _K("strike", "Забастовка", "Ереуіл", "Strike", "143", True),
        _K(
            "work_stoppage",
            "Остановка работ (отказ от выхода на работу)",
            "Жұмысты тоқтату",
            "Work stoppage",
            "143",
            True,
        ),
        _K("hunger_strike", "Голодовка", "Аштық жариялау", "Hunger strike", "142", False),
        _K("rally", "Митинг, пикет, сход работников", "Митинг, пикет", "Rally or picket", "141", False),
        _K(
            "blockade",
            "Перекрытие дорог, блокирование объектов",
            "Жолдарды жабу",
            "Road or site blockade",
            "144",
            True,
        ),
        _K(
            "collective_appeal",
            "Коллективное или видеообращение",
            "Ұжымдық немесе бейнеүндеу",
            "Collective or video appeal",
            None,
            False,
        ),
        _K(
            "collective_dispute",
            "Коллективный трудовой спор",
            "Ұжымдық еңбек дауы",
            "Collective labour dispute",
            None,
            False,
        ),
    ]
}


@dataclass(frozen=True, slots=True)
class Cause(Trilingual):
    code: str
    name_ru: str
    name_kk: str
    name_en: str


CAUSES: dict[str, Cause] = {
    c.code: c
    for c in [
        Cause(
            "wage_level",
            "Уровень оплаты труда, требование повышения",
            "Жалақы деңгейі",
            "Wage level and raises",
        ),
        Cause("wage_arrears", "Задолженность по заработной плате", "Жалақы бойынша берешек", "Wage arrears"),
        Cause("layoffs", "Сокращения, высвобождение работников", "Қызметкерлерді қысқарту", "Layoffs"),
        Cause(
            "transfer_to_parent",
            "Требование перевода в штат головной компании",
            "Бас компанияның штатына ауысу",
            "Transfer to the parent company",
        ),
        Cause("pay_gap", "Разрыв в оплате труда", "Жалақыдағы алшақтық", "Pay gap"),
        Cause(
            "working_conditions",
            "Условия и охрана труда",
            "Еңбек жағдайлары мен қауіпсіздігі",
            "Working conditions and safety",
        ),
        Cause("management", "Конфликт с руководством", "Басшылықпен қақтығыс", "Conflict with management"),
        Cause(
            "social_package",
            "Социальный пакет, вахтовые условия",
            "Әлеуметтік пакет",
            "Social package and shifts",
        ),
    ]
}

PARTICIPANT_GROUPS: dict[str, str] = {
    "own_staff": "Работники предприятия",
    "contractor_staff": "Работники подрядной организации",
    "mixed": "Работники предприятия и подрядчиков",
}

OUTCOMES: dict[str, str] = {
    "prevented": "Предотвращён",
    "resolved": "Урегулирован",
    "escalated": "Эскалация",
    "ongoing": "Продолжается",
}
