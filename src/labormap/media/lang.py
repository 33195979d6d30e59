"""Language of a publication: Russian, Kazakh or other.

Two cheap signals decide: the share of the letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і) and the
frequent function words of each language. Function words carry Kazakh typed without its own letters
(common in social media), the letters carry short headlines with few function words.
"""

from __future__ import annotations

import re

from labormap.media.text import KK_LETTERS, fold, words

_WORD = re.compile(r"[^\W\d_]+")

# Frequent words that do not occur in the other language (Kazakh ones in folded spelling).
_KK_WORDS = frozenset(
    fold(w)
    for w in (
        "және",
        "мен",
        "бен",
        "пен",
        "бұл",
        "осы",
        "деп",
        "деді",
        "үшін",
        "бойынша",
        "жылы",
        "болды",
        "бар",
        "жоқ",
        "емес",
        "туралы",
        "дейін",
        "кейін",
        "арқылы",
        "қазір",
        "тағы",
        "әлі",
        "екі",
        "бір",
        "олар",
        "оның",
        "біз",
        "сол",
        "қала",
        "ретінде",
        "алдында",
        "бері",
        "жуық",
        "астам",
        "да",
        "де",
        "та",
        "те",
        "ма",
        "ме",
        "ба",
        "бе",
        "ақша",
        "керек",
        "бүгін",
        "кеше",
        "біраз",
        "көп",
        "жаңа",
        "дейді",
        "айтты",
        "болып",
        "отыр",
        "жатыр",
        "қатысты",
        "бастап",
        "сияқты",
        "сондай",
        "кезде",
        "қарай",
        "жұмыс",
        "жалақы",
        "жұмысшылар",
    )
)
_RU_WORDS = frozenset(
    (
        "и",
        "в",
        "во",
        "на",
        "не",
        "что",
        "с",
        "со",
        "по",
        "для",
        "это",
        "как",
        "из",
        "к",
        "от",
        "о",
        "об",
        "за",
        "у",
        "же",
        "так",
        "но",
        "а",
        "или",
        "при",
        "был",
        "была",
        "были",
        "будет",
        "его",
        "их",
        "она",
        "они",
        "он",
        "мы",
        "который",
        "которые",
        "также",
        "после",
        "до",
        "уже",
        "еще",
        "только",
        "года",
        "году",
        "которая",
        "этом",
        "этого",
        "чтобы",
        "если",
        "когда",
        "все",
        "всех",
        "под",
        "над",
        "без",
        "через",
        "около",
        "более",
    )
)


def detect(text: str) -> str:
    """``ru``, ``kk`` or ``other`` for a publication's title and text."""
    cyr = lat = kk_letters = 0
    lower_cyr = lower_kk = 0
    for w in _WORD.findall(text):
        # Capitalised words are mostly names («Жаңаөзен Мұнай» in a Russian text): they count for the
        # alphabet but not for the share of Kazakh letters.
        name = w[0].isupper()
        for ch in w:
            c = ch.lower()
            if "а" <= c <= "я" or c == "ё":
                cyr += 1
                lower_cyr += not name
            elif c in KK_LETTERS:
                cyr += 1
                kk_letters += 1
                lower_cyr += not name
                lower_kk += not name
            elif "a" <= c <= "z":
                lat += 1
    if cyr == 0 or cyr < 0.4 * (cyr + lat):
        return "other"
    ws = words(text)
    kk = ru = 0
    for w in ws:
        if w in _RU_WORDS:
            ru += 1
        elif fold(w) in _KK_WORDS:
            kk += 1
    letter_share = lower_kk / lower_cyr if lower_cyr else kk_letters / cyr
    # Kazakh text has 3–8 % of its own letters; Russian text quoting Kazakh names has them in names only.
    score = (kk - ru) + (40 * letter_share - 1) * max(3, len(ws) // 15)
    return "kk" if score > 0 else "ru"
