"""Sector groups of the simulated economy: their ОКЭД codes, shares, pay and exposure to shocks.

Employment shares follow DESIGN.md (trade 17%, education 13%, industry 12.5%, agriculture 10%,
construction and transport 7% each, health and public administration 6% each) restated for *hired*
employment (agriculture hires few: most of its workers are self-employed). Pay factors are the ratio of a
sector's average wage to the national one (Бюро национальной статистики, 2024).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    name_ru: str
    okeds: tuple[str, ...]  # five-digit ОКЭД codes employers of the group carry
    employment: float  # share of hired employment
    class_weight: tuple[float, float, float, float]  # relative employer counts: micro, small, medium, large
    pay: float  # average wage relative to the national average
    pandemic: float  # exposure to the 2020 shock (0..1)
    oil: float  # exposure to the oil price shock (0..1)
    public: bool  # budget-funded: steady pay, few conflicts
    positions: tuple[str, ...]


_S = Sector
SECTORS: tuple[Sector, ...] = (
    _S(
        "oil_gas",
        "Добыча нефти и газа, нефтесервис",
        ("06100", "06200", "09100", "19201"),
        0.030,
        (0.2, 0.7, 1.6, 2.2),
        2.05,
        0.3,
        1.0,
        False,
        (
            "оператор по добыче нефти и газа",
            "помощник бурильщика",
            "слесарь-ремонтник",
            "машинист подъёмника",
            "электрогазосварщик",
            "инженер-технолог",
            "водитель спецтехники",
            "оператор товарный",
        ),
    ),
    _S(
        "mining",
        "Горнодобывающая промышленность и металлургия",
        ("05101", "07100", "07290", "08110", "24101", "24420"),
        0.030,
        (0.2, 0.7, 1.4, 1.6),
        1.45,
        0.2,
        0.6,
        False,
        (
            "горнорабочий подземный",
            "машинист экскаватора",
            "проходчик",
            "электрослесарь",
            "плавильщик",
            "взрывник",
            "водитель БелАЗа",
            "мастер участка",
        ),
    ),
    _S(
        "manufacturing",
        "Обрабатывающая промышленность",
        ("10110", "10710", "16100", "22220", "23610", "25110", "28290"),
        0.075,
        (0.8, 1.1, 1.1, 0.8),
        1.0,
        0.35,
        0.1,
        False,
        ("оператор линии", "станочник", "технолог", "кладовщик", "наладчик оборудования", "упаковщик"),
    ),
    _S(
        "energy_utilities",
        "Энергетика, водоснабжение, отходы",
        ("35111", "35300", "36000", "38110"),
        0.025,
        (0.3, 0.8, 1.1, 1.0),
        1.1,
        0.0,
        0.1,
        False,
        (
            "машинист котлов",
            "электромонтёр",
            "слесарь аварийно-восстановительных работ",
            "оператор водоочистки",
        ),
    ),
    _S(
        "construction",
        "Строительство",
        ("41201", "42110", "42210", "43210", "43990"),
        0.070,
        (1.0, 1.3, 1.2, 0.8),
        1.05,
        0.4,
        0.3,
        False,
        ("каменщик", "монтажник", "бетонщик", "разнорабочий", "прораб", "сварщик", "крановщик"),
    ),
    _S(
        "trade",
        "Торговля",
        ("45201", "46390", "46711", "47111", "47191", "47730"),
        0.160,
        (1.6, 1.0, 0.6, 0.4),
        0.85,
        0.6,
        0.0,
        False,
        ("продавец-консультант", "кассир", "товаровед", "менеджер по продажам", "грузчик"),
    ),
    _S(
        "transport",
        "Транспорт и складирование",
        ("49200", "49410", "49311", "52101", "52291", "53100"),
        0.070,
        (0.9, 1.0, 1.0, 0.9),
        1.05,
        0.6,
        0.2,
        False,
        ("водитель", "машинист локомотива", "диспетчер", "экспедитор", "кладовщик", "механик"),
    ),
    _S(
        "hospitality",
        "Гостиницы и общественное питание",
        ("55101", "56101", "56290"),
        0.035,
        (1.2, 0.8, 0.3, 0.2),
        0.75,
        1.0,
        0.1,
        False,
        ("повар", "официант", "администратор", "горничная", "пекарь"),
    ),
    _S(
        "ict_finance",
        "Связь, информация, финансы",
        ("61100", "62010", "64191", "65120"),
        0.050,
        (0.8, 1.0, 1.0, 1.0),
        1.6,
        0.1,
        0.0,
        False,
        ("программист", "экономист", "специалист call-центра", "бухгалтер", "инженер связи"),
    ),
    _S(
        "business_services",
        "Профессиональные и вспомогательные услуги",
        ("68200", "69201", "71121", "80100", "81210", "82990"),
        0.080,
        (1.1, 1.0, 0.8, 0.5),
        0.95,
        0.4,
        0.2,
        False,
        ("охранник", "уборщик", "инженер-проектировщик", "бухгалтер", "юрист", "оператор"),
    ),
    _S(
        "public_admin",
        "Государственное управление",
        ("84111", "84231", "84250"),
        0.065,
        (0.1, 0.8, 1.2, 1.2),
        0.9,
        0.0,
        0.0,
        True,
        ("главный специалист", "ведущий специалист", "инспектор", "водитель"),
    ),
    _S(
        "education",
        "Образование",
        ("85100", "85310", "85420"),
        0.140,
        (0.3, 1.2, 1.4, 0.6),
        0.8,
        0.05,
        0.0,
        True,
        ("учитель", "воспитатель", "преподаватель", "завхоз", "техничка"),
    ),
    _S(
        "health",
        "Здравоохранение и социальные услуги",
        ("86101", "86210", "87300"),
        0.070,
        (0.4, 1.0, 1.3, 1.0),
        0.85,
        0.0,
        0.0,
        True,
        ("врач", "медицинская сестра", "санитар", "фельдшер", "лаборант"),
    ),
    _S(
        "agriculture",
        "Сельское хозяйство",
        ("01110", "01410", "01500", "03110"),
        0.050,
        (1.2, 0.9, 0.6, 0.3),
        0.65,
        0.1,
        0.0,
        False,
        ("механизатор", "скотник", "агроном", "тракторист", "разнорабочий"),
    ),
    _S(
        "other_services",
        "Прочие услуги, искусство, отдых",
        ("90010", "93110", "95110", "96020"),
        0.040,
        (1.3, 0.8, 0.3, 0.2),
        0.7,
        0.8,
        0.0,
        False,
        ("мастер", "администратор", "тренер", "парикмахер"),
    ),
)
SECTOR_INDEX: dict[str, int] = {s.code: i for i, s in enumerate(SECTORS)}
OIL_GAS = SECTOR_INDEX["oil_gas"]
MINING = SECTOR_INDEX["mining"]
PUBLIC = tuple(i for i, s in enumerate(SECTORS) if s.public)

# Sectors whose employers serve large operators as contractors, with the ОКЭД codes they carry then.
CONTRACTOR_SECTORS: tuple[str, ...] = (
    "oil_gas",
    "construction",
    "transport",
    "business_services",
    "hospitality",
)
CONTRACTOR_OKEDS: dict[str, tuple[str, ...]] = {
    "oil_gas": ("09100", "09900"),
    "construction": ("42210", "43210", "43990"),
    "transport": ("49410", "52291"),
    "business_services": ("80100", "81210", "71121"),
    "hospitality": ("56290",),
}
CONTRACTOR_SERVICES: dict[str, tuple[str, ...]] = {
    "oil_gas": (
        "капитальный ремонт скважин",
        "буровые работы",
        "обслуживание промысла",
        "цементирование скважин",
    ),
    "construction": ("строительно-монтажные работы", "ремонт трубопроводов", "монтаж металлоконструкций"),
    "transport": ("перевозка вахтового персонала", "грузоперевозки", "услуги спецтехники"),
    "business_services": ("охрана объектов", "клининг", "инженерное сопровождение"),
    "hospitality": ("питание вахтового персонала", "обслуживание вахтового посёлка"),
}

# Size classes: upper bounds of staff (DESIGN.md: small ≤100, medium 101–250, large >250; micro ≤15 split off).
SIZE_CLASSES = ("micro", "small", "medium", "large")
# National shares of employers with staff by class (≈343 k small incl. micro, 2.5 k medium, 1.5 k large
# of ≈400 k; the micro/small split follows the SME statistics' 1–15 / 16–100 bands).
NATIONAL_CLASS_SHARE = (0.885, 0.105, 0.0063, 0.0037)
# The mix a small world draws instead (oversample = 1): enough medium and large employers to see
# contractor chains and strikes in a few thousand employers.
OVERSAMPLED_CLASS_SHARE = (0.66, 0.26, 0.05, 0.03)

# Minimum tariff (1st grade) of the yearly sectoral agreements as a multiple of the МЗП, by ОКЭД section;
# sections without an entry have only the general and regional agreements (tariff = МЗП).
TARIFF_BY_SECTION: dict[str, float] = {
    "A": 1.05,
    "B": 1.6,
    "C": 1.15,
    "D": 1.35,
    "E": 1.3,
    "F": 1.25,
    "H": 1.25,
    "J": 1.2,
    "K": 1.2,
}
SECTION_AGREEMENT_TITLES: dict[str, str] = {
    "A": "Отраслевое соглашение в агропромышленном комплексе",
    "B": "Отраслевое соглашение в нефтегазовой и горнодобывающей отраслях",
    "C": "Отраслевое соглашение в обрабатывающей промышленности и металлургии",
    "D": "Отраслевое соглашение в электроэнергетике",
    "E": "Отраслевое соглашение в сфере водоснабжения и коммунального хозяйства",
    "F": "Отраслевое соглашение в строительной отрасли",
    "H": "Отраслевое соглашение в транспортной отрасли",
    "J": "Отраслевое соглашение в сфере связи и информатизации",
    "K": "Отраслевое соглашение в финансовом секторе",
}
