"""Fast triage: does a publication contain a word without which no labour-signal pattern can match?

Built from the same lexicons as the full analysis: the most selective slot of every signal pattern, with
Russian lemmas expanded by pymorphy3 into all their forms, so triage needs no lemmatisation at all —
one set look-up per distinct word plus a few prefix look-ups for Kazakh stems. A publication the
triage rejects cannot match a signal pattern, so the full analysis would call it ``not_labour`` too.
"""

from __future__ import annotations

from labormap.media.lexicon import Lexicon
from labormap.media.morph import LEMMATISER
from labormap.media.text import TOKEN_RE, fold

SIGNAL_CONCEPTS = (
    "strike",
    "hunger_strike",
    "rally",
    "appeal",
    "arrears",
    "layoffs",
    "conditions",
    "dispute",
    "settlement",
)
# Function words make poor triggers: a pattern is represented by its most selective slot instead.
_COMMON = frozenset(
    (
        "в",
        "во",
        "на",
        "не",
        "ни",
        "без",
        "с",
        "со",
        "к",
        "ко",
        "по",
        "за",
        "у",
        "о",
        "об",
        "от",
        "до",
        "из",
        "и",
        "а",
        "если",
        "для",
        "при",
        "перед",
        "через",
        "мы",
        "наш",
        "быть",
        "мочь",
        "тот",
        "то",
        "же",
    )
)


def _selectivity(slot: tuple[str, ...]) -> tuple[int, int]:
    """Higher is rarer: no function word among the choices first, then the shortest choice's length."""
    common = any(k[2:] in _COMMON for k in slot)
    return (0 if common else 1, min(len(k) for k in slot) - len(slot) // 4)


class Triage:
    def __init__(self, lexicon: Lexicon) -> None:
        words: set[str] = set()
        prefixes: set[str] = set()
        suffixes: set[str] = set()
        for concept in SIGNAL_CONCEPTS:
            for p in lexicon.patterns.get(concept, ()):
                # Every slot must occur for the pattern to match, so any one slot is a safe trigger.
                for key in max(p.slots, key=_selectivity):
                    kind, value = key[:2], key[2:]
                    if kind == "L:":
                        words |= {fold(f) for f in LEMMATISER.forms(value)}
                    elif kind == "W:":
                        words.add(value)
                    elif kind == "P:":
                        prefixes.add(value)
                    else:
                        suffixes.add(value)
        self.words = frozenset(words)
        self.prefixes = frozenset(prefixes)
        self.suffixes = frozenset(suffixes)
        self._plens = tuple(sorted({len(p) for p in prefixes}))
        self._slens = tuple(sorted({len(s) for s in suffixes}))

    def is_candidate(self, text: str) -> bool:
        """True when the text has a word that starts some labour-signal pattern."""
        words, prefixes, plens = self.words, self.prefixes, self._plens
        for w in set(TOKEN_RE.findall(fold(text))):
            if w in words:
                return True
            n = len(w)
            for k in plens:
                if k > n:
                    break
                if w[:k] in prefixes:
                    return True
            for k in self._slens:
                if k < n and w[-k:] in self.suffixes:
                    return True
        return False
