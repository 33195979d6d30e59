"""ОКЭД (общий классификатор видов экономической деятельности) sections A–U and their divisions.

Source: ГК РК 03-2019 «Общий классификатор видов экономической деятельности», harmonised with NACE Rev. 2:
the section of a five-digit code is fixed by its first two digits (the division).
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


@dataclass(frozen=True, slots=True)
class OkedSection(Trilingual):
    code: str  # A..U
    name_ru: str
    name_kk: str
    name_en: str
    divisions: tuple[int, int]  # first and last two-digit division of the section


_S = OkedSection
OKED_SECTIONS: dict[str, OkedSection] = {
    s.code: s
    for s in [
        _S(
            "A",
            "Сельское, лесное и рыбное хозяйство",
            "Ауыл, орман және балық шаруашылығы",
            "Agriculture, forestry and fishing",
            (1, 3),
        ),
        _S(
            "B",
            "Горнодобывающая промышленность и разработка карьеров",
            "Тау-кен өндіру өнеркәсібі",
            "Mining and quarrying",
            (5, 9),
        ),
        _S("C", "Обрабатывающая промышленность", "Өңдеу өнеркәсібі", "Manufacturing", (10, 33)),
        _S(
            "D",
            "Снабжение электроэнергией, газом, паром",
            "Электр энергиясымен, газбен, бумен жабдықтау",
            "Electricity, gas, steam and air conditioning supply",
            (35, 35),
        ),
        _S(
            "E",
            "Водоснабжение; сбор, обработка и удаление отходов",
            "Сумен жабдықтау; қалдықтарды жинау",
            "Water supply; sewerage, waste management",
            (36, 39),
        ),
        _S("F", "Строительство", "Құрылыс", "Construction", (41, 43)),
        _S(
            "G",
            "Оптовая и розничная торговля; ремонт автомобилей",
            "Көтерме және бөлшек сауда",
            "Wholesale and retail trade",
            (45, 47),
        ),
        _S(
            "H",
            "Транспорт и складирование",
            "Көлік және қойма шаруашылығы",
            "Transportation and storage",
            (49, 53),
        ),
        _S(
            "I",
            "Услуги по проживанию и питанию",
            "Тұру және тамақтану бойынша қызметтер",
            "Accommodation and food service",
            (55, 56),
        ),
        _S("J", "Информация и связь", "Ақпарат және байланыс", "Information and communication", (58, 63)),
        _S(
            "K",
            "Финансовая и страховая деятельность",
            "Қаржы және сақтандыру қызметі",
            "Financial and insurance activities",
            (64, 66),
        ),
        _S(
            "L",
            "Операции с недвижимым имуществом",
            "Жылжымайтын мүлікпен операциялар",
            "Real estate activities",
            (68, 68),
        ),
        _S(
            "M",
            "Профессиональная, научная и техническая деятельность",
            "Кәсіби, ғылыми және техникалық қызмет",
            "Professional, scientific and technical activities",
            (69, 75),
        ),
        _S(
            "N",
            "Административное и вспомогательное обслуживание",
            "Әкімшілік және қосалқы қызмет көрсету",
            "Administrative and support service activities",
            (77, 82),
        ),
        _S(
            "O",
            "Государственное управление и оборона",
            "Мемлекеттік басқару және қорғаныс",
            "Public administration and defence",
            (84, 84),
        ),
        _S("P", "Образование", "Білім беру", "Education", (85, 85)),
        _S(
            "Q",
            "Здравоохранение и социальные услуги",
            "Денсаулық сақтау және әлеуметтік қызметтер",
            "Human health and social work",
            (86, 88),
        ),
        _S(
            "R",
            "Искусство, развлечения и отдых",
            "Өнер, ойын-сауық және демалыс",
            "Arts, entertainment and recreation",
            (90, 93),
        ),
        _S(
            "S",
            "Предоставление прочих видов услуг",
            "Өзге де қызмет түрлерін ұсыну",
            "Other service activities",
            (94, 96),
        ),
        _S(
            "T",
            "Деятельность домашних хозяйств",
            "Үй шаруашылықтарының қызметі",
            "Activities of households",
            (97, 98),
        ),
        _S(
            "U",
            "Деятельность экстерриториальных организаций",
            "Экстерриториялық ұйымдардың қызметі",
            "Extraterritorial organisations",
            (99, 99),
        ),
    ]
}

# Divisions that exist in ОКЭД (NACE Rev. 2 has gaps: 04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89).
VALID_DIVISIONS: frozenset[int] = frozenset(
    d for s in OKED_SECTIONS.values() for d in range(s.divisions[0], s.divisions[1] + 1)
) - {4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89}

_DIVISION_TO_SECTION: dict[int, str] = {
    d: s.code
    for s in OKED_SECTIONS.values()
    for d in range(s.divisions[0], s.divisions[1] + 1)
    if d in VALID_DIVISIONS
}


def oked_section_of(code: str) -> str | None:
    """Section letter of a five-digit ОКЭД code (or of its first two digits), None when unknown."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    return _DIVISION_TO_SECTION.get(int(code[:2]))
