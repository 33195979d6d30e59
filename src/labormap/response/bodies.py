"""The bodies that take part in the response (Roadmap 2025–2026, column «Ответственные исполнители»)
and who an overdue task escalates to.

The escalation chain follows the subordination the roadmap implies: an employer that does not act is
taken up by its holding (when it belongs to one) and then by the local executive body; unions and the
employers' association coordinate through the akimat; the akimat and the regional labour inspection
report to the ministry, which is the top of the chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


@dataclass(frozen=True, slots=True)
class Body(Trilingual):
    code: str
    name_ru: str
    name_kk: str
    name_en: str
    short_ru: str


BODIES: dict[str, Body] = {
    b.code: b
    for b in [
        Body(
            "mtszn",
            "Министерство труда и социальной защиты населения (МТСЗН)",
            "Еңбек және халықты әлеуметтік қорғау министрлігі (ЕХӘҚМ)",
            "Ministry of Labour and Social Protection",
            "МТСЗН",
        ),
        Body(
            "mio",
            "Местный исполнительный орган (акимат)",
            "Жергілікті атқарушы орган (әкімдік)",
            "Local executive body (akimat)",
            "МИО",
        ),
        Body(
            "labour_inspection",
            "Территориальное подразделение инспекции труда",
            "Еңбек инспекциясының аумақтық бөлімшесі",
            "Labour inspection (territorial department)",
            "Инспекция труда",
        ),
        Body(
            "union",
            "Профессиональный союз (РОП, отраслевой, первичный)",
            "Кәсіподақ",
            "Trade union",
            "Профсоюз",
        ),
        Body(
            "employers_association",
            "Объединение работодателей (РОР, региональная палата)",
            "Жұмыс берушілер бірлестігі",
            "Employers' association",
            "РОР",
        ),
        Body(
            "employer", "Работодатель (руководство предприятия)", "Жұмыс беруші", "Employer", "Работодатель"
        ),
        Body(
            "holding",
            "Холдинг, головная компания (заказчик)",
            "Холдинг, бас компания",
            "Holding or parent company (customer)",
            "Холдинг",
        ),
    ]
}

TOP_BODY = "mtszn"


def next_body(body: str, *, has_holding: bool) -> str | None:
    """The body an overdue task of ``body`` escalates to by default; None at the top of the chain."""
    if body == "employer":
        return "holding" if has_holding else "mio"
    if body in ("union", "employers_association"):
        return "mio"
    if body in ("holding", "labour_inspection", "mio"):
        return TOP_BODY
    if body == TOP_BODY:
        return None
    raise KeyError(f"unknown body {body!r}")
