"""Numbers a signal carries: how many workers take part or are affected, and the money in dispute."""

from __future__ import annotations

import re

_NUM = r"(\d{1,3}(?:[  ]\d{3})+|\d+)"
_DEC = r"(\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"

# Nouns for workers (stems): Russian, then Kazakh.
_RU_WORKERS = (
    r"(?:работни\w*|рабоч\w*|сотрудни\w*|человек|горняк\w*|горнорабоч\w*|шахт[её]р\w*|нефтяник\w*|буровик\w*|"
    r"водител\w*|машинист\w*|механизатор\w*|курьер\w*|медик\w*|медсест\w*|учител\w*|педагог\w*|швей|швеи|"
    r"женщин\w*|монтажник\w*|слесар\w*|оператор\w*|проходчик\w*|вахтовик\w*|строител\w*|охранник\w*|"
    r"кочегар\w*|энергетик\w*|металлург\w*|специалист\w*|кондуктор\w*|литейщик\w*|бетонщик\w*|сотрудниц\w*)"
)
_KK_WORKERS = (
    r"(?:адам\w*|жұмысшы\w*|қызметкер\w*|кенші\w*|мұнайшы\w*|жүргізуші\w*|механизатор\w*|курьер\w*|"
    r"монтажшы\w*|үңгілеуші\w*|күзетші\w*|әйел\w*|слесар\w*|машинист\w*|медбике\w*|тау-кен\w*|бұрғылаушы\w*|"
    r"жұмыс\s+орн\w*|мұғалім\w*|тігінші\w*|оператор\w*|құрылысшы\w*|энергетик\w*)"
)
_RU_WORD_NUMS = {
    "двое": 2,
    "трое": 3,
    "четверо": 4,
    "пятеро": 5,
    "шестеро": 6,
    "семеро": 7,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "двенадцать": 12,
    "пятнадцать": 15,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "сто": 100,
}
_KK_WORD_NUMS = {
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
    "алты": 6,
    "жеті": 7,
    "сегіз": 8,
    "тоғыз": 9,
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "жүз": 100,
}
_THOUSANDS = r"(?:\s*(тыс\.?|тысяч\w*|мың))?"
_RU_PART = re.compile(
    r"(?<![\w.,])" + _NUM + _THOUSANDS + r"\s+(?:[а-яё-]+\s+){0,2}?" + _RU_WORKERS + r"(?!\w)", re.I
)
_RU_PART_INV = re.compile(r"\bчеловек\s+" + _NUM + r"(?![\d.,]\d)", re.I)
_KK_PART = re.compile(
    r"(?<![\w.,])"
    + _NUM
    + _THOUSANDS
    + r"(?:-?(?:ге|ға|ке|қа|ден|дан|тен|тан|нен|нан|ға|ы|і))?\s*(?:жуық|астам|артық|дейін)?\s+"
    r"(?:[а-яёәғқңөұүһі-]+\s+){0,2}?" + _KK_WORKERS,
    re.I,
)
_WORD_PART = re.compile(
    r"\b(" + "|".join(sorted(list(_RU_WORD_NUMS) + list(_KK_WORD_NUMS), key=len, reverse=True)) + r")\s+"
    r"(?:[а-яёәғқңөұүһі-]+\s+)?" + r"(?:" + _RU_WORKERS + "|" + _KK_WORKERS + r")",
    re.I,
)
_AFTER_VERB = re.compile(
    r"\b(?:погибли|пострадали|госпитализированы|травмированы)\s+(двое|трое|четверо|пятеро)\b", re.I
)

_MULT = {"тыс": 1e3, "тысяч": 1e3, "мың": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9}
_MONEY = re.compile(
    r"(?<![\w.,])" + _DEC + r"\s*(тыс\.?|тысяч\w*|мың\w*|млн\.?|миллион\w*|млрд\.?|миллиард\w*)?\s*"
    r"(тенге|тг\.?|₸|теңге\w*)?(?!\w)",
    re.I,
)
# Words that make a money amount the sum in dispute (debt, arrears, compensation).
_DEBT = re.compile(r"задолж|долг|долж|берешег|берешек|қарыз|компенсац|өтемақ|невыплат", re.I)


def _int(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def participants(text: str) -> int | None:
    """The largest number of workers the text states (digits or number words), or None."""
    found: list[int] = []
    for rx in (_RU_PART, _KK_PART):
        for m in rx.finditer(text):
            n = _int(m.group(1))
            if m.group(2):
                n *= 1000
            found.append(n)
    for m in _RU_PART_INV.finditer(text):
        found.append(_int(m.group(1)))
    for m in _WORD_PART.finditer(text):
        w = m.group(1).lower()
        found.append(_RU_WORD_NUMS.get(w) or _KK_WORD_NUMS.get(w, 0))
    for m in _AFTER_VERB.finditer(text):
        found.append(_RU_WORD_NUMS[m.group(1).lower()])
    found = [n for n in found if 0 < n < 1_000_000]
    return max(found) if found else None


def money(text: str) -> list[tuple[float, int, int]]:
    """Money amounts in KZT with their character spans; a bare number needs «тенге» or a multiplier."""
    out: list[tuple[float, int, int]] = []
    for m in _MONEY.finditer(text):
        mult_word, currency = m.group(2), m.group(3)
        if not mult_word and not currency:
            continue
        value = float(re.sub(r"[  ]", "", m.group(1)).replace(",", "."))
        if mult_word:
            key = next((k for k in _MULT if mult_word.lower().startswith(k)), "")
            value *= _MULT.get(key, 1.0)
        if value >= 1000:
            out.append((value, m.start(), m.end()))
    return out


def amount_in_dispute(text: str, sentences: list[tuple[int, int]]) -> float | None:
    """The first money amount in a sentence about a debt to workers (arrears, compensation), or None."""
    amounts = money(text)
    if not amounts:
        return None
    for a, b in sentences:
        if _DEBT.search(text, a, b):
            for value, s, _e in amounts:
                if a <= s < b:
                    return value
    return None
