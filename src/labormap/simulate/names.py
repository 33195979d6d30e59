"""Employer names in Russian and Kazakh, made from word lists typical of Kazakhstan's company names.

Every name is fictional; large operators get names of their own so no real company is implied.
"""

from __future__ import annotations

import numpy as np

ROOTS = (
    "Каспий",
    "Жайык",
    "Алтын",
    "Береке",
    "Арман",
    "Нур",
    "Асыл",
    "Сункар",
    "Тулпар",
    "Бастау",
    "Жулдыз",
    "Акжол",
    "Болашак",
    "Кайнар",
    "Достык",
    "Атамекен",
    "Барыс",
    "Сарыарка",
    "Ертис",
    "Алатау",
    "Мангыстау",
    "Тобол",
    "Есиль",
    "Шанырак",
    "Кокжиек",
    "Самал",
    "Аксай",
    "Кулагер",
    "Бейбит",
    "Дала",
    "Жетысу",
    "Орда",
    "Дарын",
    "Батыс",
    "Шыгыс",
    "Онтустик",
    "Солтустик",
    "Азия",
    "Евразия",
    "Степь",
    "Гранит",
    "Альфа",
    "Вектор",
    "Меридиан",
    "Прогресс",
    "Стандарт",
    "Капитал",
    "Темир",
    "Кумыс",
    "Айдын",
    "Нурсат",
    "Коктем",
    "Тенгри",
    "Аккорда",
    "Сапа",
    "Беркут",
    "Казына",
    "Улан",
    "Арна",
    "Жасыл",
)
SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "oil_gas": ("Мунай", "Ойл Сервис", "Петролеум", "Бурение", "Нефтесервис", "Газ Сервис", "Мунай Курылыс"),
    "mining": ("Кен", "Майнинг", "Горная компания", "Металл", "Руда", "Шахтострой", "Комир"),
    "manufacturing": ("Завод", "Пром", "Продукт", "Текстиль", "Цемент", "Агрегат", "Пласт"),
    "energy_utilities": ("Энерго", "Жылу", "Су Арнасы", "Теплосеть", "Экология", "Электросеть"),
    "construction": ("Строй", "Курылыс", "Монтаж", "Стройсервис", "Девелопмент", "Инжстрой"),
    "trade": ("Трейд", "Маркет", "Сауда", "Дистрибьюшн", "Импорт", "Торговый дом", "Ритейл"),
    "transport": ("Транс", "Логистик", "Авто", "Карго", "Экспресс", "Автопарк", "Жол"),
    "hospitality": ("Кафе", "Отель", "Кейтеринг", "Дастархан", "Той", "Ресторан"),
    "ict_finance": ("Телеком", "Софт", "Финанс", "Дата", "Диджитал", "Кредит"),
    "business_services": ("Сервис", "Консалт", "Секьюрити", "Клининг", "Проект", "Инжиниринг", "Аудит"),
    "public_admin": ("Управление", "Аппарат", "Отдел"),
    "education": ("Мектеп", "Колледж", "Лицей", "Балабакша", "Білім"),
    "health": ("Медикал", "Клиника", "Емхана", "Дәрігер", "Медцентр"),
    "agriculture": ("Агро", "Астык", "Мал", "Егін", "Агрохолдинг", "Фермер"),
    "other_services": ("Студия", "Спорт", "Стиль", "Арт", "Фитнес"),
}
SUFFIXES = ("", "", "", " Групп", " Плюс", " KZ", " Инвест", " Холдинг", "-2030", " Ltd", " Азия", " Компани")

# Fictional large operators (oil and gas, mining), one per slot; more operators reuse them with a numeral.
OPERATOR_NAMES: dict[str, tuple[str, ...]] = {
    "oil_gas": (
        "Каспиан Ойл Оперейтинг",
        "Тениз Петролеум",
        "Батыс Мунай Газ",
        "Жайык Петролеум Оперейтинг",
        "Кумколь Ресорсиз",
        "Ембі Мұнай Өндіру",
        "Маңғыстау Мұнай Бірлестігі",
    ),
    "mining": (
        "Сарыарка Коппер",
        "Жезказган Кен Бирлестигі",
        "Ертис Майнинг Металлс",
        "Карагандинский угольный разрез",
        "Торгай Железорудная компания",
        "Алтай Полиметалл",
    ),
}

LEGAL_RU = {"TOO": "ТОО", "AO": "АО", "GU": "ГУ", "GP": "ГКП на ПХВ", "KH": "КХ", "NAO": "НАО", "PK": "ПК"}
LEGAL_KK = {"TOO": "ЖШС", "AO": "АҚ", "GU": "ММ", "GP": "ШЖҚ МКК", "KH": "ШҚ", "NAO": "КеАҚ", "PK": "ӨК"}


def brand_names(sector_codes: list[str], rng: np.random.Generator) -> list[str]:
    """A brand for each employer: root + sector word (+ suffix), e.g. «Каспий Мунай Сервис Групп»."""
    roots = rng.integers(0, len(ROOTS), size=len(sector_codes))
    words = rng.integers(0, 1 << 30, size=len(sector_codes))
    sufs = rng.integers(0, len(SUFFIXES), size=len(sector_codes))
    out = []
    for s, r, w, x in zip(sector_codes, roots.tolist(), words.tolist(), sufs.tolist(), strict=True):
        options = SECTOR_WORDS[s]
        out.append(f"{ROOTS[r]} {options[w % len(options)]}{SUFFIXES[x]}")
    return out


def full_names(brand: str, legal_form: str) -> tuple[str, str]:
    """Registered names in Russian and Kazakh: «ТОО «Каспий Трейд»» / «"Каспий Трейд" ЖШС»."""
    ru = f"{LEGAL_RU.get(legal_form, 'ТОО')} «{brand}»"
    kk = f"«{brand}» {LEGAL_KK.get(legal_form, 'ЖШС')}"
    return ru, kk
